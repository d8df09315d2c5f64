/**
 * The web UI in a real browser (Debian's Chromium driven by playwright-core; never a downloaded browser; skips with a
 * message when /usr/bin/chromium is absent). Two stories from our own multi-outlet fixture (test/fixtures/web: six
 * outlets in six countries, a wire copy, a differing death toll, a hostile article) are ingested through the whole
 * pipeline (`parallax ingest`), then served. Screenshots go to docs/screenshots/ (front, story, alternative takes,
 * globe, country; 1440 and 390 px wide).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import type { StoryReport } from '../src/report.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { startServer, type RunningServer } from '../src/serve/http.ts';
import { runCli, tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = join(here, '..', 'docs', 'screenshots');
const skip = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`;
if (skip) console.log(skip);

let store: Store;
let server: RunningServer;
let browser: Browser;
let cleanup: () => void;
let base = '';
let dam: StoryReport;

before(async () => {
  if (skip) return;
  const t = tempDir('parallax-browser-');
  cleanup = t.cleanup;
  const db = join(t.dir, 'web.db');
  const run = await runCli(['ingest', join(here, 'fixtures', 'web', 'stories.jsonl')], { PARALLAX_DB: db });
  assert.equal(run.code, 0, run.stderr);
  store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
  // who runs three of the outlets (the alternative takes by kind of outlet)
  const owned: Array<[string, string, string, string]> = [
    ['vostok-daily.example', 'Vostok Daily', 'RU', 'state'],
    ['nordposten.example', 'Nordposten', 'NO', 'public-broadcaster'],
    ['harbourtimes.example', 'Harbour Times', 'GB', 'private'],
  ];
  for (const [id, name, country, ownership] of owned) {
    await store.upsertSource({
      id,
      name,
      homepage: `https://${id}/`,
      country,
      languages: ['en'],
      feeds: [],
      ownership,
      origin: 'user',
      enabled: true,
    });
  }
  const stories = await store.listStories({ q: 'Velmora' });
  assert.equal(stories.length, 1, 'the dam articles form one story');
  dam = (await store.getReport(stories[0]!.id))!.report;
  const clock = () => new Date('2026-03-16T12:00:00Z');
  server = await startServer({ store, config: loadConfig({}), logger: silentLogger, clock, registry: null, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await server?.close();
  await store?.close();
  cleanup();
});

/** A page that records console errors, page errors and dialogs (an alert would mean injected script ran). */
async function open(path: string, width = 1440): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const res = await page.goto(base + path);
  assert.equal(res?.status(), 200, path);
  return { page, problems };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('front page: ranked story cards with sources, countries and a disagreement badge', { skip }, async () => {
  const { page, problems } = await open('/');
  const cards = page.locator('li.card');
  assert.equal(await cards.count(), 2);
  // the dam story has more outlets and countries than the lander story: it ranks first
  const first = cards.first();
  assert.match((await first.locator('h2').textContent()) ?? '', /Velmora|Ostrava/);
  const meta = (await first.textContent()) ?? '';
  assert.match(meta, /5 sources · 6 countries/, 'the wire copy is not a source of its own');
  assert.match(meta, /Sources differ on/);
  assert.match(meta, /15 Mar 2026/, 'dated by publication, not ingest');
  assert.equal(await first.locator('svg.bar rect').count(), 6, 'coverage bar by country');
  await shot(page, 'front-1440');
  // the topic filter: the dam story is a disaster, the lander story science
  await page.locator('select[name=topic]').selectOption('disaster');
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForURL(/topic=disaster/);
  assert.equal(await page.locator('li.card').count(), 1);
  assert.match((await page.locator('li.card h2').textContent()) ?? '', /Velmora|Ostrava/);
  assert.equal(await page.locator('select[name=topic]').inputValue(), 'disaster', 'the filter keeps its choice');
  const mobile = await open('/', 390);
  const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll at 390 px (${overflow} px)`);
  await shot(mobile.page, 'front-390');
  assert.deepEqual([...problems, ...mobile.problems], []);
  await page.close();
  await mobile.page.close();
});

test('story page: every section the report has, citations open the passage, evidence on demand, hostile text inert', { skip }, async () => {
  const { page, problems } = await open(`/stories/${dam.id}`);
  const sections: Array<[keyof StoryReport, string]> = [
    ['overview', '#overview'],
    ['discrepancies', '#differ'],
    ['framing', '#framing'],
    ['exclusives', '#exclusives'],
    ['agreements', '#agree'],
    ['countries', '#world'],
    ['timeline', '#timeline'],
    ['quotes', '#quotes'],
    ['entities', '#entities'],
  ];
  for (const [field, sel] of sections) {
    const n = (dam[field] as unknown[]).length;
    assert.equal(await page.locator(sel).count(), n ? 1 : 0, `${sel}: the report has ${n} ${field}`);
  }
  for (const sel of ['#overview', '#differ', '#takes', '#world', '#quotes', '#sources'])
    assert.equal(await page.locator(sel).count(), 1, sel);
  // alternative takes: one card per country and per kind of outlet, each comparing its figures with the others'
  const takes = (await page.locator('#takes').textContent()) ?? '';
  assert.match(takes, /By country.*By who runs the outlet/s);
  const reporting = new Set(dam.articles.filter((a) => !a.duplicateOf).map((a) => a.country)).size;
  assert.equal(
    await page.locator('#takes h4').count(),
    reporting + 3,
    'countries of the independent reports (not the wire copy), three kinds of outlet',
  );
  assert.match(takes, /State-funded media\s*Vostok Daily/);
  assert.match(takes, /\(others: /, "a group's figure beside the others'");
  await page.locator('#takes').screenshot({ path: join(SHOTS, 'takes-1440.png') });
  const text = (await page.locator('main').textContent()) ?? '';
  assert.doesNotMatch(text, /Unknown country|fixtures\/|\/tmp\//, 'no unknown-country heading, no server path');
  assert.match(text, /Also carried by 1 outlet \(wire copy\)/);
  assert.match(text, /Covered by outlets in 6 countries/);
  // the globe draws the covered countries from the cached geometry
  await page.locator('.globe[data-ready]').waitFor();
  assert.equal(await page.locator('.globe path:not(.c0)').count(), 6);
  // a difference's evidence opens on demand
  const evidence = page.locator('#differ details').first();
  assert.equal(await evidence.locator('blockquote').first().isVisible(), false);
  await evidence.locator('summary').click();
  assert.equal(await evidence.locator('blockquote').first().isVisible(), true);
  // hostile input stays text
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.match(text, /<script>window.__xss=1<\/script>Velmora/);
  await shot(page, 'story-1440');
  // a citation opens the reader view at the cited passage
  const sentence = dam.overview[1]!.text;
  await page.locator('#overview p').nth(1).locator('.cite a').first().click();
  await page.waitForURL(/\/read\/\d+\?p=o1#passage$/);
  const passage = (await page.locator('#passage').textContent()) ?? '';
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]{4,}/g) ?? []);
  const shared = [...words(sentence)].filter((w) => words(passage).has(w));
  assert.ok(shared.length >= words(sentence).size / 2, `passage “${passage}” matches “${sentence}”`);
  assert.ok(await page.locator('#passage').isVisible());
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  const mobile = await open(`/stories/${dam.id}`, 390);
  const overflow = await mobile.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll at 390 px (${overflow} px)`);
  await shot(mobile.page, 'story-390');
  await mobile.page.locator('#takes').screenshot({ path: join(SHOTS, 'takes-390.png') });
  assert.deepEqual([...problems, ...mobile.problems], []);
  await page.close();
  await mobile.page.close();
});

test('the globe turns by keyboard and drag; a click on a covered country opens its page', { skip }, async () => {
  const { page, problems } = await open('/countries');
  const globe = page.locator('.globe[data-ready]');
  await globe.waitFor();
  await shot(page, 'globe-1440');
  const norway = page.locator('.globe path[data-cc="NO"]');
  const before = await norway.getAttribute('d');
  await globe.focus();
  await page.keyboard.press('ArrowLeft');
  assert.notEqual(await norway.getAttribute('d'), before, 'arrow keys turn the globe');
  const box = (await globe.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // by keyboard: turn until the globe faces a country, then Enter opens the one it announces
  const help = page.locator('.globe-help');
  for (let i = 0; i < 36 && !(await help.getAttribute('data-cc')); i++) await page.keyboard.press('ArrowUp');
  const facing = (await help.getAttribute('data-cc')) ?? '';
  assert.match(facing, /^[A-Z]{2}$/, `the globe faces a country: ${await help.textContent()}`);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/countries/${facing.toLowerCase()}$`));
  await page.goBack();
  await globe.waitFor();
  // turn Germany (a compact shape: the middle of its box is on it) to face the reader, then click it
  const germany = page.locator('.globe path[data-cc="DE"]');
  for (let i = 0; i < 72 && !(await germany.getAttribute('d')); i++) await page.keyboard.press('ArrowLeft');
  await germany.click();
  await page.waitForURL(/\/countries\/de$/);
  assert.match((await page.locator('h1').textContent()) ?? '', /Germany/);
  assert.equal(await page.locator('li.card').count(), 2, "the dam story from Germany's outlet, and the lander story the world covers");
  await shot(page, 'country-1440');
  const norwayPage = await open('/countries/no', 390);
  assert.equal(await norwayPage.page.locator('li.card').count(), 2, "Norway's outlets covered both stories");
  assert.match(
    (await norwayPage.page.locator('main').textContent()) ?? '',
    /Compared with the rest, its press says “[^”]+” against “[^”]+” elsewhere/,
  );
  const mobile = norwayPage;
  await shot(mobile.page, 'country-390');
  const globeMobile = await open('/countries', 390);
  await globeMobile.page.locator('.globe[data-ready]').waitFor();
  await shot(globeMobile.page, 'globe-390');
  const none = await open('/countries/br');
  assert.match((await none.page.locator('main').textContent()) ?? '', /No outlet from Brazil has covered/);
  assert.match(
    (await none.page.locator('main').textContent()) ?? '',
    /Nearby countries with coverage: Argentina,/,
    'the nearest covered country first',
  );
  assert.deepEqual([...problems, ...mobile.problems, ...globeMobile.problems, ...none.problems], []);
  for (const p of [page, mobile.page, globeMobile.page, none.page]) await p.close();
});

test('search keeps the query, marks matches and filters by country', { skip }, async () => {
  const { page, problems } = await open('/search?q=Halvorsen&country=NO');
  assert.equal(await page.locator('input[type=search]').inputValue(), 'Halvorsen');
  assert.equal(await page.locator('select[name=country]').inputValue(), 'NO');
  assert.equal(await page.locator('li.card').count(), 1);
  assert.match((await page.locator('li.card mark').first().textContent()) ?? '', /halvorsen/i);
  await page.goto(`${base}/search?q=Halvorsen&country=FR`);
  assert.equal(await page.locator('li.card').count(), 0, 'no French outlet covered the dam');
  await page.goto(`${base}/search?q=Okafor&outlet=${encodeURIComponent('Le Quotidien Fictif')}&sort=date`);
  assert.equal(await page.locator('li.card').count(), 1, 'an outlet filter');
  assert.equal(await page.locator('input[name=outlet]').inputValue(), 'Le Quotidien Fictif');
  await page.goto(`${base}/search?q=Okafor&outlet=Harbour%20Times&language=fr`);
  assert.equal(await page.locator('li.card').count(), 0, 'filters combine: Harbour Times wrote in English');
  const missing = await page.goto(`${base}/countries/xx`);
  assert.equal(missing?.status(), 404);
  assert.ok(await page.locator('a[href="/"]').count(), 'the 404 page offers a way on');
  assert.deepEqual(
    problems.filter((p) => !/404/.test(p)),
    [],
  );
  await page.close();
});

test('axe-core finds no serious or critical accessibility violation, in light and dark mode', { skip }, async () => {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const found: string[] = [];
  // every rule in light mode; in dark mode the colours of the front and story pages
  for (const scheme of ['light', 'dark'] as const) {
    const paths = ['/', `/stories/${dam.id}`, '/countries', '/countries/no', '/search?q=Halvorsen'];
    for (const path of scheme === 'light' ? paths : paths.slice(0, 2)) {
      // axe is injected through the debugging protocol (bypassCSP): the pages themselves allow no inline script
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true, colorScheme: scheme });
      await page.goto(base + path);
      if (await page.locator('.globe').count()) await page.locator('.globe[data-ready]').first().waitFor();
      await page.evaluate(axe);
      const violations = await page.evaluate(async (onlyContrast) => {
        const w = window as unknown as {
          axe: {
            run: (
              ctx: Document,
              opts: object,
            ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
          };
        };
        const opts = onlyContrast ? { runOnly: { type: 'rule', values: ['color-contrast'] } } : {};
        return (await w.axe.run(document, opts)).violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      }, scheme === 'dark');
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${scheme} ${path}: ${v.id} (${v.impact}) at ${v.where.join(', ')}`);
      await page.close();
    }
  }
  assert.deepEqual(found, []);
});

/**
 * Browser test of the story page: Debian Chromium driven by playwright-core
 * (never a downloaded browser). Skips with a message when /usr/bin/chromium
 * is absent. Leaves a screenshot at /tmp/parallax-story.png.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { startServer, type RunningServer } from '../src/serve/http.ts';
import { buildStoryReport } from '../src/pipeline/report.ts';
import { sha256 } from '../src/util/hash.ts';
import { tempDir } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
const SHOT = '/tmp/parallax-story.png';

interface Fx {
  id: string;
  title: string | null;
  outlet: string | null;
  country: string | null;
  language: string | null;
  published: string | null;
  duplicateOf: string | null;
  text: string;
}

let store: Store;
let server: RunningServer;
let cleanup: () => void;

const skip = !existsSync(CHROMIUM) ? `skipped: ${CHROMIUM} is absent (apt-get install -y chromium)` : false;
if (skip) console.log(skip);

before(async () => {
  if (skip) return;
  const t = tempDir('parallax-web-');
  cleanup = t.cleanup;
  store = await openStore({ PARALLAX_DB: join(t.dir, 'web.db'), PARALLAX_DATABASE_URL: undefined });
  await store.migrate();
  const at = '2026-03-15T10:00:00.000Z';
  await store.createStory('s_ferry', '', at);
  const arts = JSON.parse(readFileSync(join(here, 'fixtures', 'synthesize', 'ferry', 'articles.json'), 'utf8')) as Fx[];
  for (const a of arts) {
    await store.insertArticle({
      ...a,
      ref: `fixture:${a.id}`,
      url: null,
      byline: null,
      siteName: null,
      blocks: [],
      raw: a.text,
      rawKind: 'text',
      rawHash: sha256('raw' + a.id),
      contentHash: sha256(a.text + a.id),
      features: null,
    });
    await store.assignArticle(a.id, 's_ferry', at);
  }
  await buildStoryReport('s_ferry', {
    store,
    clock: () => new Date(at),
    logger: silentLogger,
    registryCountries: ['GB', 'NO', 'RU', 'FR', 'DE'],
  });
  server = await startServer({
    store,
    config: loadConfig({}),
    logger: silentLogger,
    clock: () => new Date(at),
    registry: null,
    port: 0,
    host: '127.0.0.1',
  });
});

after(async () => {
  if (skip) return;
  await server.close();
  await store.close();
  cleanup();
});

test('the story page renders its overview and the coverage globe in Chromium', { skip }, async () => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto(`http://127.0.0.1:${server.port}/stories/s_ferry`);
    assert.equal(res?.status(), 200);
    const paragraphs = await page.locator('.overview p').allTextContents();
    assert.ok(paragraphs.length >= 4 && paragraphs.length <= 8, `overview has ${paragraphs.length} sentences`);
    assert.ok(
      paragraphs.every((p) => /\[\d+(, \d+)*\]$/.test(p.trim())),
      'each sentence carries its citations',
    );
    // the small globe: drawn by the app's own script from the cached geometry, covered countries shaded
    const globe = page.locator('.globe[data-ready]');
    await globe.waitFor();
    const box = await globe.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 200, `globe is laid out: ${JSON.stringify(box)}`);
    const covered = await page.locator('.globe path:not(.c0)').evaluateAll((els) => els.map((e) => e.getAttribute('data-cc')).sort());
    assert.deepEqual(covered, ['GB', 'NO', 'RU']);
    assert.equal(await page.locator('.globe a[href="/countries/no"]').count(), 1);
    // the world's take links each country to its page
    await page.locator('#world ul.world a[href="/countries/no"]').click();
    await page.waitForURL(/\/countries\/no$/);
    assert.match((await page.locator('h1').textContent()) ?? '', /Norway/);
    await page.goBack();
    await page.screenshot({ path: SHOT, fullPage: false });
    assert.deepEqual(errors, [], 'no console errors (CSP violations would show here)');
  } finally {
    await browser.close();
  }
});

/** The web pages' parts without a browser: passages, names, ranking, highlighting, the story page's sections, the routes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { locatePassage } from '../src/serve/web/passage.ts';
import { baseName, outletKey, outletName, age } from '../src/serve/web/format.ts';
import { rankCards, type StoryCard } from '../src/serve/web/cards.ts';
import { highlight, queryTerms } from '../src/serve/web/search.ts';
import { isCountryCode } from '../src/serve/web/countries.ts';
import { renderStoryPage } from '../src/serve/web.ts';
import type { StoryReport } from '../src/report.ts';
import { openStore } from '../src/store/index.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { createApp } from '../src/serve/http.ts';
import { tempDir } from './helpers.ts';

const ARTICLE = `The river burst its banks on Monday night.

Officials said 40 homes in the lower town were flooded and 120 people spent the night in a school hall. The mayor called it the worst flood in a decade.

Repairs to the levee will start next week.`;

test('a cited sentence is found in the article by the words it shares, not by equality', () => {
  const hit = locatePassage(ARTICLE, 'According to officials, 120 people spent the night in a school hall after 40 homes flooded.');
  assert.ok(hit.hit);
  assert.equal(hit.hit.p, 1);
  assert.equal(
    hit.paragraphs[1]!.slice(hit.hit.start, hit.hit.end).trim(),
    'Officials said 40 homes in the lower town were flooded and 120 people spent the night in a school hall.',
  );
  assert.equal(
    locatePassage(ARTICLE, 'Parliament approved the budget for the coming year.').hit,
    null,
    'nothing close: no passage claimed',
  );
  assert.equal(locatePassage(ARTICLE, null).paragraphs.length, 3);
});

test('an outlet is named by its name, its site, or as unnamed with its country — never a file name or server path', () => {
  assert.equal(outletName({ outlet: 'Harbour Times', url: null, ref: '/srv/x/a.txt' }), 'Harbour Times');
  assert.equal(outletName({ outlet: null, url: 'https://www.example.org/news/1', ref: '/srv/x/a.txt' }), 'example.org');
  assert.equal(outletName({ outlet: null, url: null, ref: '/srv/data/seeds/004_fbf58d56.txt' }), 'Unnamed outlet');
  assert.equal(outletName({ outlet: null, url: null, ref: '/srv/data/seeds/000_09316e2d.txt', country: 'UA' }), 'Unnamed outlet (Ukraine)');
  assert.notEqual(
    outletKey({ outlet: null, url: null, ref: '/srv/seeds/003.txt' }),
    outletKey({ outlet: null, url: null, ref: '/srv/seeds/004.txt' }),
    'two unnamed files count as two outlets',
  );
  assert.equal(baseName('C:\\data\\feed.jsonl#12'), 'feed');
  assert.equal(age('2026-03-01', new Date('2026-03-16T00:00:00Z')), '15 days ago');
});

function card(id: string, outlets: number, countries: number, published: string): StoryCard {
  return {
    id,
    title: id,
    summary: null,
    published,
    updatedAt: '2026-12-01T00:00:00Z',
    articles: outlets,
    outlets,
    countries: Array.from({ length: countries }, (_, i): [string, number] => [`C${i}`, 1]),
    languages: ['en'],
    differ: 0,
    takes: {},
    contrasts: {},
    topics: [],
    text: '',
  };
}

test('ranking: broad coverage beats narrow on the same day; a fresh story beats an old broad one; old stories keep breadth order', () => {
  const now = new Date('2026-03-16T12:00:00Z');
  const ranked = rankCards(
    [
      card('narrow-today', 2, 1, '2026-03-16'),
      card('broad-today', 8, 5, '2026-03-16'),
      card('broad-old', 12, 8, '2025-01-01'),
      card('narrow-old', 2, 1, '2025-01-03'),
    ],
    now,
  ).map((c) => c.id);
  assert.deepEqual(ranked, ['broad-today', 'narrow-today', 'broad-old', 'narrow-old']);
});

test('search highlighting marks every term and escapes the rest', () => {
  assert.deepEqual(queryTerms('Dam  <b>dam</b> Velmora'), ['dam', 'velmora']);
  assert.equal(highlight('The <dam> at Velmora', ['dam', 'velmora']), 'The &lt;<mark>dam</mark>&gt; at <mark>Velmora</mark>');
});

test('country codes: assigned ones only', () => {
  assert.ok(isCountryCode('FR'));
  assert.ok(isCountryCode('XK'), 'Kosovo');
  assert.ok(!isCountryCode('XX'));
  assert.ok(!isCountryCode('ZZ'));
  assert.ok(!isCountryCode('QQ'));
});

function report(over: Partial<StoryReport> = {}): StoryReport {
  return {
    id: 's_1',
    title: 'Levee breaks in the lower town',
    articles: [
      {
        id: 'a',
        ref: '/srv/in/a.txt',
        title: 'Flood in the lower town',
        outlet: 'North Post',
        country: 'NO',
        language: 'en',
        published: '2026-03-10',
      },
      { id: 'b', ref: '/srv/in/b.txt', title: null, outlet: null, country: null, language: 'en', published: null },
      {
        id: 'c',
        ref: '/srv/in/c.txt',
        title: 'Flood in the lower town',
        outlet: 'Wire Copy Daily',
        country: 'SE',
        language: 'en',
        published: '2026-03-10',
        duplicateOf: 'a',
      },
    ],
    overview: [{ text: '120 people spent the night in a school hall.', articles: ['a', 'b'] }],
    agreements: [],
    exclusives: [],
    discrepancies: [],
    framing: [],
    timeline: [],
    quotes: [{ speaker: null, text: 'It was the worst flood in a decade.', articles: ['a'] }],
    entities: [{ name: 'Lower Town', type: 'place', articles: ['a', 'b'] }],
    countries: [
      { country: 'NO', articles: ['a'], summary: 'Stresses the school hall.' },
      { country: null, articles: ['b'] },
    ],
    blindspots: ['DE', 'FR', 'GB', 'IT'],
    ...over,
  };
}

test('the story page: blindspots as a count, no unknown-country entry, no server path, sections only when there is something', () => {
  const html = renderStoryPage(report(), { now: new Date('2026-03-16T00:00:00Z') });
  assert.match(html, /Covered by outlets in 2 countries of the 6 whose outlets Parallax follows/);
  assert.match(html, /<details class="meta"><summary>[^<]*Show the 4 others<\/summary><p>France, Germany, Italy, United Kingdom<\/p>/);
  assert.doesNotMatch(html, /Unknown country|unknown<|\/srv\//i);
  assert.match(html, /href="\/stories\/s_1\/read\/1\?p=o0#passage"/, 'a citation opens the reader at the passage');
  assert.match(html, /Also carried by 1 outlet \(wire copy\)/);
  assert.match(html, /speaker not named/);
  assert.match(html, /href="\/search\?q=Lower%20Town"/, 'entities link to their stories');
  for (const id of ['differ', 'framing', 'exclusives', 'agree', 'timeline']) assert.doesNotMatch(html, new RegExp(`id="${id}"`), id);
  for (const id of ['overview', 'world', 'quotes', 'entities', 'sources']) assert.match(html, new RegExp(`id="${id}"`), id);
  assert.match(html, /data-coverage="NO:1,SE:1"/);
});

test('routes: gzip pages, cached assets with revalidation, 404 and 400 pages with a way on', async () => {
  const t = tempDir('parallax-web-pages-');
  const store = await openStore({ PARALLAX_DB: join(t.dir, 'w.db'), PARALLAX_DATABASE_URL: undefined });
  try {
    await store.migrate();
    const feed = 'https://north.example/rss';
    await store.upsertSource({
      id: 'north',
      name: 'North Post',
      homepage: null,
      country: 'NO',
      languages: ['en'],
      feeds: [feed],
      ownership: null,
      origin: 'user',
      enabled: true,
    });
    await store.saveFeedState({
      feedUrl: feed,
      etag: null,
      lastModified: null,
      lastPolled: '2026-03-15T23:00:00Z',
      lastOk: '2026-03-13T09:00:00Z',
      errorCount: 0,
      lastError: null,
      nextPoll: null,
    });
    const app = createApp({
      store,
      config: loadConfig({}),
      logger: silentLogger,
      clock: () => new Date('2026-03-16T00:00:00Z'),
      registry: null,
    });
    const front = await app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(front.status, 200);
    assert.equal(front.headers.get('content-encoding'), 'gzip');
    const body = gunzipSync(Buffer.from(await front.arrayBuffer())).toString('utf8');
    assert.match(body, /No stories yet/);
    assert.match(body, /Parallax follows 1 outlet around the world\. It reads 1 news feed; the last one was read 2 days ago\./);
    assert.doesNotMatch(body, /parallax ingest/, 'no developer command for a newcomer');
    const css = await app.request('/static/style.css');
    assert.match(css.headers.get('cache-control') ?? '', /max-age=\d{4,}/);
    const etag = css.headers.get('etag')!;
    assert.equal((await app.request('/static/style.css', { headers: { 'if-none-match': etag } })).status, 304);
    const world = await app.request('/static/world.json');
    const geo = (await world.json()) as { features: Array<{ id: string | null }> };
    assert.ok(geo.features.length > 150 && geo.features.some((f) => f.id === 'NO'));
    for (const [path, status] of [
      ['/countries/xx', 404],
      ['/countries/france', 400],
      ['/stories/nope', 404],
      ['/no/such/page', 404],
      ['/?page=0', 400],
    ] as const) {
      const r = await app.request(path);
      assert.equal(r.status, status, path);
      const html = await r.text();
      assert.match(html, /<a href="\/">Today's stories<\/a>/, `${path} offers a way on`);
    }
    assert.equal((await (await app.request('/countries/br')).text()).includes('No outlet from Brazil has covered'), true);
    assert.equal((await app.request('/?q=dam')).headers.get('location'), '/search?q=dam');
  } finally {
    await store.close();
    t.cleanup();
  }
});

test('the reader view finds the passage in the stored English translation; a toggle shows the original with that paragraph marked', async () => {
  const { renderReader } = await import('../src/serve/web/reader.ts');
  const r = report();
  const a = { ...r.articles[0]!, language: 'fr', title: 'Inondation' };
  const html = renderReader(
    r,
    1,
    a,
    "La rivière est sortie de son lit.\n\n120 personnes ont passé la nuit dans l'école.",
    r.overview[0]!.text,
    {
      language: 'en',
      title: 'Flood',
      text: 'The river burst its banks.\n\n120 people spent the night in the school hall.',
      provider: 'test-provider',
    },
    { passageKey: 'o0' },
  );
  assert.match(html, /<mark class="passage" id="passage" tabindex="-1">120 people spent the night in the school hall.<\/mark>/);
  assert.match(html, /Machine translation into English \(test-provider\)/);
  // the toggle: the translation is shown, the original one link away (keeping the cited passage)
  assert.match(
    html,
    /<strong aria-current="page">English translation<\/strong> · <a href="\/stories\/s_1\/read\/1\?p=o0&amp;view=original#passage">Original \(French\)<\/a>/,
  );
  assert.doesNotMatch(html, /La rivière/);
  const original = renderReader(
    r,
    1,
    a,
    "La rivière est sortie de son lit.\n\n120 personnes ont passé la nuit dans l'école.",
    r.overview[0]!.text,
    {
      language: 'en',
      title: 'Flood',
      text: 'The river burst its banks.\n\n120 people spent the night in the school hall.',
      provider: 'test-provider',
    },
    { view: 'original', passageKey: 'o0' },
  );
  assert.match(
    original,
    /<div lang="fr"><p>La rivière est sortie de son lit.<\/p><p><mark class="passage" id="passage" tabindex="-1">120 personnes ont passé la nuit dans l&#39;école.<\/mark><\/p>/,
  );
  assert.match(
    original,
    /<a href="\/stories\/s_1\/read\/1\?p=o0&amp;view=translation#passage">English translation<\/a> · <strong aria-current="page">Original \(French\)<\/strong>/,
  );
  assert.match(original, /The cited passage was found in the English translation; its paragraph is highlighted below/);
  assert.doesNotMatch(original, /school hall/);
});

test('the time filter keeps stories published within the period (ingest time only when no article states a date)', async () => {
  const { filterCards } = await import('../src/serve/web/front.ts');
  const now = new Date('2026-03-16T12:00:00Z');
  const undated = { ...card('undated', 2, 1, '2026-03-16'), published: null, updatedAt: '2026-03-16T08:00:00Z' };
  const cards = [card('today', 2, 1, '2026-03-16'), card('lastweek', 2, 1, '2026-03-11'), card('lastyear', 2, 1, '2025-06-01'), undated];
  assert.deepEqual(
    filterCards(cards, { since: 'day' }, now).map((c) => c.id),
    ['today', 'undated'],
  );
  assert.deepEqual(
    filterCards(cards, { since: 'week' }, now).map((c) => c.id),
    ['today', 'lastweek', 'undated'],
  );
  assert.equal(filterCards(cards, {}, now).length, 4);
});

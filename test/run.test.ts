/**
 * The poller against a local HTTP server serving fixture feeds and article pages (test/fixtures/run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { silentLogger } from '../src/util/log.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../src/fetch/http.ts';
import { createAnalysisCache } from '../src/analyze/cache.ts';
import { pollOnce, startPoller, describePoll, canonicalEntryUrl, type PollerDeps } from '../src/pipeline/poller.ts';
import { runCli, tempDir } from './helpers.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'run');

interface Fixture {
  base: string;
  hits: Map<string, number>;
  slowMs: number;
  close: () => Promise<void>;
}

async function serve(): Promise<Fixture> {
  const hits = new Map<string, number>();
  const fx: Fixture = { base: '', hits, slowMs: 0, close: async () => {} };
  const feed = (name: string) => readFileSync(join(FIX, name), 'utf8').replaceAll('{{BASE}}', fx.base);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (path === '/feed.xml') {
      if (req.headers['if-none-match'] === '"harbour-v1"') return send(304, 'application/rss+xml', '');
      return send(200, 'application/rss+xml; charset=utf-8', feed('feed.xml'), { etag: '"harbour-v1"' });
    }
    if (path === '/atom.xml') {
      const lm = 'Sat, 21 Nov 2026 10:00:00 GMT';
      if (req.headers['if-modified-since'] === lm) return send(304, 'application/atom+xml', '');
      return send(200, 'application/atom+xml; charset=utf-8', feed('atom.xml'), { 'last-modified': lm });
    }
    if (path === '/') return send(200, 'text/html; charset=utf-8', readFileSync(join(FIX, 'home.html'), 'utf8'));
    if (path === '/sitemap-index.xml' || path === '/news-sitemap.xml') return send(200, 'application/xml', feed(path.slice(1)));
    if (path === '/slow-feed.xml') return send(200, 'application/rss+xml; charset=utf-8', feed('slow-feed.xml'));
    if (path.startsWith('/articles/') || path.startsWith('/slow/')) {
      let body: string;
      try {
        body = readFileSync(join(FIX, 'articles', path.split('/').pop()!), 'utf8');
      } catch {
        return send(404, 'text/html', '<h1>Not found</h1>');
      }
      const delay = path.startsWith('/slow/') ? fx.slowMs : 0;
      const t = setTimeout(() => send(200, 'text/html; charset=utf-8', body), delay);
      res.on('close', () => clearTimeout(t));
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fx.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fx.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fx;
}

async function setup(dir: string) {
  const config = loadConfig({ PARALLAX_DB: join(dir, 'p.db'), PARALLAX_ALLOW_PRIVATE_NETWORK: '1', PARALLAX_POLL_INTERVAL_S: '600' });
  const store = await openStore(config);
  let now = new Date('2026-11-22T10:00:00Z').getTime();
  const clock = () => new Date(now);
  const advance = (s: number) => (now += s * 1000);
  const fetcher = createFetcher(
    { ...fetcherOptionsFromConfig(config), perHostIntervalMs: 0, maxRetries: 0 },
    { clock, logger: silentLogger },
  );
  const lines: string[] = [];
  const deps: PollerDeps = {
    store,
    config,
    logger: silentLogger,
    clock,
    status: () => {},
    report: (l) => lines.push(l),
    fetcher,
    options: { registryPath: null },
    random: () => 0.5,
  };
  return { config, store, deps, advance, lines };
}

async function addUserSource(store: Store, id: string, name: string, feed: string, country: string, language: string) {
  await store.upsertSource({
    id,
    name,
    homepage: null,
    country,
    languages: [language],
    feeds: [feed],
    ownership: 'private',
    origin: 'user',
    enabled: true,
  });
}

test('one poll ingests new feed entries with outlet, country and language; a second poll adds nothing; a 404 feed backs off', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const { store, deps, advance } = await setup(dir);
  try {
    await addUserSource(store, 'harbour-gazette', 'Harbour Gazette', `${fx.base}/feed.xml`, 'NZ', 'en');
    await addUserSource(store, 'diario-del-valle', 'Diario del Valle', `${fx.base}/atom.xml`, 'AR', 'es');
    await addUserSource(store, 'gone-weekly', 'Gone Weekly', `${fx.base}/missing.xml`, 'GB', 'en');

    const cache = createAnalysisCache();
    const s1 = await pollOnce({ ...deps, analysisCache: cache });
    assert.equal(s1.feedsPolled, 3);
    // The reports were built with the poller's analysis cache (one for the process, so a later cycle reuses it).
    assert.ok(cache.size() > 0, 'the given analysis cache holds the new articles');
    assert.equal(s1.entriesNew, 3);
    assert.equal(s1.articlesAdded, 3, describePoll(1, s1) + JSON.stringify(s1.failures));
    assert.equal(s1.feedsFailed, 1);
    const dead = s1.failures.find((f) => f.url.endsWith('/missing.xml'));
    assert.equal(dead?.code, 'fetch/http-404');
    assert.equal((await store.getFeedState(`${fx.base}/missing.xml`))?.errorCount, 1);

    const articles = await store.listArticles({ limit: 100 });
    assert.equal(articles.length, 3);
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    const ferry = byUrl.get(`${fx.base}/articles/ferry-fire.html`);
    assert.ok(ferry, 'the ferry article is stored under its URL');
    assert.equal(ferry.outlet, 'Harbour Gazette');
    assert.equal(ferry.country, 'NZ');
    assert.equal(ferry.language, 'en');
    assert.match(ferry.text, /212 passengers/);
    assert.ok(ferry.storyId, 'the article is in a story');
    const uva = byUrl.get(`${fx.base}/articles/cosecha-uva.html`);
    assert.equal(uva?.outlet, 'Diario del Valle');
    assert.equal(uva?.country, 'AR');
    assert.equal(uva?.language, 'es');
    assert.ok(uva?.storyId);
    const stories = await store.listStories({ limit: 100 });
    assert.ok(stories.length >= 2, 'unrelated articles are in different stories');
    assert.ok(await store.hasSeenUrl(`${fx.base}/articles/seawall-vote.html`));

    // Nothing is due before the interval has passed.
    const early = await pollOnce(deps);
    assert.equal(early.feedsPolled, 0);
    assert.equal(early.feedsWaiting, 3);

    advance(700); // past the interval (600 s) and the first back-off (600 s)
    const pageHits = [...fx.hits.entries()].filter(([p]) => p.startsWith('/articles/')).reduce((n, [, k]) => n + k, 0);
    const s2 = await pollOnce(deps);
    assert.equal(s2.feedsPolled, 3);
    assert.equal(s2.feedsNotModified, 2, 'etag and Last-Modified give 304s');
    assert.equal(s2.entriesNew, 0);
    assert.equal(s2.articlesAdded, 0);
    assert.equal((await store.listArticles({ limit: 100 })).length, 3);
    const pageHits2 = [...fx.hits.entries()].filter(([p]) => p.startsWith('/articles/')).reduce((n, [, k]) => n + k, 0);
    assert.equal(pageHits2, pageHits, 'no article page fetched again');
    const st = await store.getFeedState(`${fx.base}/missing.xml`);
    assert.equal(st?.errorCount, 2);
    assert.match(st?.lastError ?? '', /fetch\/http-404/);
    // Back-off: the failing feed now waits twice the interval; the healthy ones one interval.
    advance(700);
    const s3 = await pollOnce(deps);
    assert.equal(s3.feedsPolled, 2);
    assert.equal(s3.feedsWaiting, 1);
  } finally {
    await store.close();
    await fx.close();
  }
  // `parallax sources list` shows the dead feed's error count and last error.
  const list = await runCli(['sources', 'list', '--origin', 'user', '--json', '--db', join(dir, 'p.db')]);
  assert.equal(list.code, 0, list.stderr);
  const rows = JSON.parse(list.stdout) as Array<{ id: string; errorCount: number; lastError: string | null }>;
  const gone = rows.find((r) => r.id === 'gone-weekly');
  assert.equal(gone?.errorCount, 2);
  assert.match(gone?.lastError ?? '', /fetch\/http-404/);
  assert.equal(rows.find((r) => r.id === 'harbour-gazette')?.errorCount, 0);
  cleanup();
});

test('stop() during a poll keeps every article already fetched; the abandoned one is fetched next time', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  fx.slowMs = 10_000;
  const { store, deps, advance } = await setup(dir);
  try {
    await addUserSource(store, 'northern-ledger', 'Northern Ledger', `${fx.base}/slow-feed.xml`, 'GB', 'en');
    const stop = await startPoller(deps);
    const t0 = Date.now();
    while (!fx.hits.get('/slow/library.html') && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 20));
    assert.ok(fx.hits.get('/slow/library.html'), 'the poller reached the slow article');
    const t1 = Date.now();
    await stop();
    assert.ok(Date.now() - t1 < 5000, 'stop() does not wait for the slow page');
    const articles = await store.listArticles({ limit: 100 });
    assert.deepEqual(articles.map((a) => a.title).sort(), [
      'New wind farm begins supplying the grid in the highlands',
      'Rail union accepts pay offer, ending three-week strike',
    ]);
    assert.ok(articles.every((a) => a.outlet === 'Northern Ledger' && a.country === 'GB' && a.storyId));
    assert.ok(await store.hasSeenUrl(`${fx.base}/articles/rail-strike.html`));
    assert.equal(await store.hasSeenUrl(`${fx.base}/slow/library.html`), false);

    fx.slowMs = 0;
    advance(700);
    const s = await pollOnce(deps);
    assert.equal(s.articlesAdded, 1, JSON.stringify(s.failures));
    assert.equal((await store.listArticles({ limit: 100 })).length, 3);
  } finally {
    await store.close();
    await fx.close();
    cleanup();
  }
});

test('with nothing reachable the poller reports one summary line, not one per feed', async () => {
  const { dir, cleanup } = tempDir();
  const { store, deps } = await setup(dir);
  try {
    // Port 9 on loopback refuses connections: every feed fails at once.
    for (let i = 0; i < 12; i++) await addUserSource(store, `src-${i}`, `Source ${i}`, `http://127.0.0.1:9/feed-${i}.xml`, 'KE', 'en');
    const s = await pollOnce(deps);
    assert.equal(s.feedsFailed, 12);
    const line = describePoll(1, s);
    assert.equal(line.split('\n').length, 1);
    assert.match(line, /12 feeds failed/);
    assert.match(line, /fetch\/network ×12/);
  } finally {
    await store.close();
    cleanup();
  }
});

test('when no feed at all can be reached the cycle ends early and no feed is blamed', async () => {
  const { dir, cleanup } = tempDir();
  const { store, deps } = await setup(dir);
  try {
    for (let i = 0; i < 40; i++) await addUserSource(store, `src-${i}`, `Source ${i}`, `http://127.0.0.1:9/feed-${i}.xml`, 'PE', 'es');
    const s = await pollOnce({ ...deps, options: { ...deps.options, offlineAfter: 10, maxConcurrentFeeds: 2 } });
    assert.equal(s.networkDown, true);
    assert.ok(s.feedsPolled >= 10 && s.feedsPolled < 40, `stopped early after ${s.feedsPolled} feeds`);
    assert.match(describePoll(1, s), /network looks unreachable/);
    for (let i = 0; i < 40; i++) assert.equal((await store.getFeedState(`http://127.0.0.1:9/feed-${i}.xml`))?.errorCount ?? 0, 0);
  } finally {
    await store.close();
    cleanup();
  }
});

test('a source without feeds gets the feeds its homepage advertises, and they are polled', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const { store, deps, advance } = await setup(dir);
  try {
    await store.upsertSource({
      id: 'harbour-gazette',
      name: 'Harbour Gazette',
      homepage: `${fx.base}/`,
      country: 'NZ',
      languages: ['en'],
      feeds: [],
      ownership: 'private',
      origin: 'user',
      enabled: true,
    });
    const s1 = await pollOnce(deps);
    assert.equal(s1.discovered, 1);
    assert.equal(s1.articlesAdded, 0);
    const src = (await store.listSources()).find((s) => s.id === 'harbour-gazette');
    assert.deepEqual(src?.feeds, [`${fx.base}/feed.xml`]);
    advance(60);
    const s2 = await pollOnce(deps);
    assert.equal(s2.discovered, 0, 'the homepage is not fetched again');
    assert.equal(s2.articlesAdded, 2);
    assert.equal(fx.hits.get('/'), 1);
  } finally {
    await store.close();
    await fx.close();
    cleanup();
  }
});

test('`parallax run` polls a user source, serves, and exits cleanly on SIGINT with the articles stored', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const dbPath = join(dir, 'run.db');
  try {
    const add = await runCli([
      'sources',
      'add',
      `${fx.base}/feed.xml`,
      '--name',
      'Harbour Gazette',
      '--country',
      'NZ',
      '--language',
      'en',
      '--db',
      dbPath,
    ]);
    assert.equal(add.code, 0, add.stderr);
    const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'run', '--port', '0', '--db', dbPath], {
      env: { ...process.env, PARALLAX_ALLOW_PRIVATE_NETWORK: '1', PARALLAX_POLL_REGISTRY: '0', PARALLAX_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const t0 = Date.now();
    while (!/poll 1:/.test(stderr) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, /polling 1 sources \(1 feeds\)/);
    assert.match(stderr, /poll 1: 1\/1 feeds of 1 sources polled, 2 new entries, 2 articles added, 0 feeds failed/);
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /shutting down/);
  } finally {
    await fx.close();
  }
  const config = loadConfig({ PARALLAX_DB: dbPath });
  const store = await openStore(config);
  try {
    const articles = await store.listArticles({ limit: 10 });
    assert.equal(articles.length, 2);
    assert.ok(articles.every((a) => a.outlet === 'Harbour Gazette' && a.country === 'NZ' && a.language === 'en' && a.storyId));
  } finally {
    await store.close();
    cleanup();
  }
});

test('a sitemap index is followed to its news sitemap; tracking parameters do not make a URL new', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const { store, deps, advance } = await setup(dir);
  try {
    await addUserSource(store, 'northern-ledger', 'Northern Ledger', `${fx.base}/sitemap-index.xml`, 'GB', 'en');
    const s1 = await pollOnce(deps);
    assert.equal(s1.articlesAdded, 2, JSON.stringify(s1.failures));
    assert.ok(await store.hasSeenUrl(`${fx.base}/articles/rail-strike.html`));
    assert.equal(fx.hits.get('/archive-2025.xml'), undefined, 'only the first child sitemap is read');
    advance(700);
    const s2 = await pollOnce(deps);
    assert.equal(s2.entriesNew, 0);
    assert.equal(s2.articlesAdded, 0);
  } finally {
    await store.close();
    await fx.close();
    cleanup();
  }
});

test('canonical entry URLs drop fragments and tracking parameters only', () => {
  assert.equal(canonicalEntryUrl('https://a.example/x?id=7&utm_source=rss&fbclid=abc#c'), 'https://a.example/x?id=7');
  assert.equal(canonicalEntryUrl('https://a.example/x?page=2'), 'https://a.example/x?page=2');
  assert.equal(canonicalEntryUrl('not a url'), 'not a url');
});

test('`parallax poll` runs one cycle and prints what it did', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const db = ['--db', join(dir, 'p.db')];
  const env = { PARALLAX_ALLOW_PRIVATE_NETWORK: '1' };
  try {
    let r = await runCli(
      ['sources', 'add', `${fx.base}/atom.xml`, '--name', 'Diario del Valle', '--country', 'AR', '--language', 'es', ...db],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'add', '--feed', `${fx.base}/missing.xml`, '--id', 'gone.example', '--country', 'AR', ...db], env);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['poll', '--user-only', '--json', ...db], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { articlesAdded: number; feedsFailed: number; failures: Array<{ source: string; code: string }> };
    assert.equal(out.articlesAdded, 1);
    assert.equal(out.feedsFailed, 1);
    assert.deepEqual(
      out.failures.map((f) => [f.source, f.code]),
      [['gone.example', 'fetch/http-404']],
    );
    assert.match(r.stderr, /poll 1: 2\/2 feeds .* 1 articles added, 1 feeds failed \(fetch\/http-404 ×1/);
    r = await runCli(['stories', '--json', ...db], env);
    const stories = JSON.parse(r.stdout) as Array<{ articles: Array<{ outlet: string; country: string }> }>;
    assert.equal(stories.length, 1);
    assert.deepEqual(
      stories[0].articles.map((a) => [a.outlet, a.country]),
      [['Diario del Valle', 'AR']],
    );
  } finally {
    await fx.close();
    cleanup();
  }
});

test('SIGINT while a page is still downloading: `parallax run` exits promptly and keeps what it fetched', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  fx.slowMs = 120_000;
  const dbPath = join(dir, 'run.db');
  try {
    const add = await runCli([
      'sources',
      'add',
      `${fx.base}/slow-feed.xml`,
      '--name',
      'Northern Ledger',
      '--country',
      'GB',
      '--db',
      dbPath,
    ]);
    assert.equal(add.code, 0, add.stderr);
    const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'run', '--port', '0', '--db', dbPath], {
      env: { ...process.env, PARALLAX_ALLOW_PRIVATE_NETWORK: '1', PARALLAX_POLL_REGISTRY: '0', PARALLAX_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const t0 = Date.now();
    while (!fx.hits.get('/slow/library.html') && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fx.hits.get('/slow/library.html'), stderr);
    const t1 = Date.now();
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
    assert.ok(Date.now() - t1 < 10_000, `exit took ${Date.now() - t1} ms`);
    assert.match(stderr, /2 articles added.*\[stopped\]/);
  } finally {
    await fx.close();
  }
  const store = await openStore(loadConfig({ PARALLAX_DB: dbPath }));
  try {
    const titles = (await store.listArticles({ limit: 10 })).map((a) => a.title).sort();
    assert.deepEqual(titles, [
      'New wind farm begins supplying the grid in the highlands',
      'Rail union accepts pay offer, ending three-week strike',
    ]);
  } finally {
    await store.close();
    cleanup();
  }
});

test('entries beyond the per-poll article budget are fetched on a following cycle, not an interval later', async () => {
  const { dir, cleanup } = tempDir();
  const fx = await serve();
  const { store, deps, advance } = await setup(dir);
  try {
    await addUserSource(store, 'harbour-gazette', 'Harbour Gazette', `${fx.base}/feed.xml`, 'NZ', 'en');
    const limited = { ...deps, options: { ...deps.options, maxArticlesPerPoll: 1 } };
    const s1 = await pollOnce(limited);
    assert.equal(s1.articlesAdded, 1);
    assert.equal(s1.deferred, 1);
    advance(90); // well within the 600 s interval
    const s2 = await pollOnce(limited);
    assert.equal(s2.feedsPolled, 1);
    assert.equal(s2.feedsNotModified, 0, 'validators were not kept, so the deferred entry is seen again');
    assert.equal(s2.articlesAdded, 1);
    assert.equal(s2.deferred, 0);
    advance(90);
    const s3 = await pollOnce(limited);
    assert.equal(s3.feedsPolled, 0, 'once complete, the feed waits for the interval');
  } finally {
    await store.close();
    await fx.close();
    cleanup();
  }
});

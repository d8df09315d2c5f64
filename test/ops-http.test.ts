/**
 * Operations: health, readiness and Prometheus metrics; `parallax config` with secrets masked; a browser login for
 * private mode (an HttpOnly, SameSite=Strict session cookie that serves reads, never writes); request bodies cut
 * off while they stream; one failure decision in the API (a rate-limited URL is a 503 with Retry-After) and in the
 * poller (a 429 article page is retried, a 404 one is not).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli, tempDir } from './helpers.ts';
import { createApp } from '../src/serve/http.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { pollOnce } from '../src/pipeline/poller.ts';
import type { Fetcher, FetchResult } from '../src/fetch/types.ts';
import { fail } from '../src/model.ts';

const TOKEN = 'correct-horse-battery';

async function app(dir: string, env: Record<string, string> = {}) {
  const config = loadConfig({ PARALLAX_TOKEN: TOKEN, ...env });
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  return { store, app: createApp({ store, config, logger: silentLogger, clock: () => new Date(), registry: null, llm: null }) };
}

test('/healthz, /readyz and /metrics', async () => {
  const { dir, cleanup } = tempDir();
  const { store, app: a } = await app(dir, { PARALLAX_PRIVATE: '1' });
  try {
    assert.deepEqual(await (await a.request('/healthz')).json(), { status: 'ok' }, 'open even on a private server');
    assert.deepEqual(await (await a.request('/readyz')).json(), { status: 'ready' });
    assert.equal((await a.request('/metrics')).status, 401, 'metrics are a read: private needs the token');
    await store.enqueueJob('report', { storyId: 's' }, { runAt: new Date().toISOString() });
    const m = await a.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await m.text();
    assert.match(text, /^# TYPE parallax_articles gauge$/m);
    assert.match(text, /^parallax_articles 0$/m);
    assert.match(text, /^parallax_queue_jobs\{status="pending"\} 1$/m);
    assert.match(text, /^# TYPE parallax_fetch_failures_total counter$/m);
    for (const line of text.trim().split('\n')) assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+]+)$/, line);
    await store.close();
    const down = await a.request('/readyz');
    assert.equal(down.status, 503, 'a store that does not answer is not ready');
  } finally {
    cleanup();
  }
});

test('parallax config prints every setting with secrets masked', async () => {
  const r = await runCli(['config', '--json'], {
    PARALLAX_TOKEN: TOKEN,
    PARALLAX_LLM_API_KEY: 'sk-secret-key',
    PARALLAX_DATABASE_URL: 'postgres://app:hunter22@db.internal:5432/parallax',
  });
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.doesNotMatch(r.stdout, /correct-horse|sk-secret|hunter22/);
  assert.equal(c.PARALLAX_TOKEN, '********');
  assert.equal(c.PARALLAX_DATABASE_URL, 'postgres://app:********@db.internal:5432/parallax');
  assert.equal(c.PARALLAX_JOB_LEASE_MS, 30000);
  assert.equal(c.PARALLAX_LLM_URL, null);
});

test('private mode in a browser: login form, session cookie for reads (not writes), open redirects refused', async () => {
  const { dir, cleanup } = tempDir();
  const { store, app: a } = await app(dir, { PARALLAX_PRIVATE: '1' });
  try {
    const page = await a.request('/', { headers: { accept: 'text/html' } });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login?next=%2F');
    assert.equal((await a.request('/api/stories')).status, 401, 'an API client still gets a 401');
    assert.match(await (await a.request('/login')).text(), /<form method="post" action="\/login">/);
    const form = (token: string, next = '/countries') =>
      a.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, next }).toString(),
      });
    assert.equal((await form('wrong-token')).status, 401);
    const ok = await form(TOKEN);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/countries');
    const set = ok.headers.get('set-cookie') ?? '';
    assert.match(set, /^parallax_session=\d+\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    const cookie = set.split(';')[0];
    assert.equal((await a.request('/', { headers: { cookie, accept: 'text/html' } })).status, 200);
    assert.equal((await a.request('/api/stories', { headers: { cookie } })).status, 200);
    const write = await a.request('/api/ingest', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x' }),
    });
    assert.equal(write.status, 401, 'a cookie the browser sends on its own never authorizes a write');
    const forged = cookie.replace(/\.[\w-]+$/, '.AAAA');
    assert.equal((await a.request('/api/stories', { headers: { cookie: forged } })).status, 401);
    const expired = cookie.replace(/=\d+\./, '=1000.');
    assert.equal((await a.request('/api/stories', { headers: { cookie: expired } })).status, 401);
    assert.equal((await form(TOKEN, '//evil.example/')).headers.get('location'), '/');
    assert.equal((await a.request('/static/style.css')).status, 200, 'the login page can load its style');
  } finally {
    await store.close();
    cleanup();
  }
});

test('a chunked request body is cut off at the limit while it streams, not read whole first', async () => {
  const { dir, cleanup } = tempDir();
  const { store, app: a } = await app(dir, { PARALLAX_MAX_BODY_BYTES: '100000' });
  try {
    let pulled = 0;
    const chunk = new Uint8Array(16384).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        pulled += chunk.length;
        if (pulled > 50_000_000) ctl.close();
        else ctl.enqueue(chunk);
      },
    });
    const r = await a.request('/api/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(r.status, 413);
    assert.ok(pulled < 300_000, `read ${pulled} bytes of a 50 MB body`);
  } finally {
    await store.close();
    cleanup();
  }
});

test('one failure decision: the API answers a rate-limited URL with 503 + Retry-After; the poller retries a 429 page and drops a 404', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.writeHead(429, { 'retry-after': '7200', 'content-type': 'text/plain' }).end('slow down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { dir, cleanup } = tempDir();
  const { store, app: a } = await app(dir, { PARALLAX_ALLOW_PRIVATE_NETWORK: '1' });
  try {
    const r = await a.request('/api/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${base}/article` }),
    });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '7200');
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'fetch/http-429');

    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>
<item><title>A</title><link>https://news.example/busy</link></item><item><title>B</title><link>https://news.example/gone</link></item></channel></rss>`;
    const now = new Date('2026-11-22T10:00:00Z');
    const fetcher: Fetcher = {
      async fetchText(url): Promise<FetchResult> {
        if (url.endsWith('/feed.xml'))
          return {
            ok: true,
            value: {
              url,
              status: 200,
              notModified: false,
              contentType: 'application/rss+xml',
              body: feed,
              bytes: feed.length,
              etag: null,
              lastModified: null,
            },
          };
        if (url.endsWith('/busy')) return { ...fail('fetch/http-429', 'HTTP 429'), temporary: true, retryAfterMs: 3 * 3600_000 };
        return fail('fetch/http-404', 'HTTP 404');
      },
    };
    await store.upsertSource({
      id: 'ex',
      name: 'Example',
      homepage: null,
      country: 'GB',
      languages: ['en'],
      feeds: ['https://news.example/feed.xml'],
      ownership: null,
      origin: 'user',
      enabled: true,
    });
    const config = loadConfig({ PARALLAX_POLL_INTERVAL_S: '600' });
    const s = await pollOnce({
      store,
      config,
      logger: silentLogger,
      clock: () => now,
      status: () => {},
      fetcher,
      options: { registryPath: null },
      random: () => 0.5,
    });
    assert.equal(s.articleFailures, 2);
    assert.equal(await store.hasSeenUrl('https://news.example/gone'), true, 'a 404 will not change: marked seen');
    assert.equal(await store.hasSeenUrl('https://news.example/busy'), false, 'a 429 is tried again');
    const st = await store.getFeedState('https://news.example/feed.xml');
    assert.ok(st?.nextPoll && Date.parse(st.nextPoll) >= now.getTime() + 3 * 3600_000, `not before the Retry-After: ${st?.nextPoll}`);
  } finally {
    server.close();
    await store.close();
    cleanup();
  }
});

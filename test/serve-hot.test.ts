/**
 * Story reports and pages answered from memory before the framework (src/serve/hot.ts): over real sockets the bytes
 * and headers are the app's own, a matching If-None-Match gets 304, an ingest through the API is visible on the next
 * request, what is not a story's 200 is never kept, and a private server never answers from memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tempDir } from './helpers.ts';
import { EVENT_ARTICLES } from './fixtures/ops/events.ts';
import { startServer, type RunningServer } from '../src/serve/http.ts';
import { HotResponses } from '../src/serve/hot.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { ingestAll } from '../src/pipeline/ingest.ts';

const TOKEN = 'hot-test-token-0123456789';
const NOW = new Date('2026-03-12T15:00:00Z');

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = { 'accept-encoding': 'gzip' }): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests until one is answered from memory (it has an ETag), at most two seconds. */
async function hot(port: number, path: string, headers: Record<string, string> = { 'accept-encoding': 'gzip' }): Promise<Got> {
  for (let i = 0; i < 200; i++) {
    const r = await get(port, path, headers);
    if (r.headers.etag) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`${path} never answered from memory`);
}

async function withServer(env: Record<string, string>, fn: (s: RunningServer, store: SqliteStore) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const quake = EVENT_ARTICLES.filter((a) => a.event === 'quake');
  const inputs = quake
    .slice(0, 2)
    .map((a) => ({ ok: true as const, input: { ref: a.file, kind: 'text' as const, body: a.text, hints: {} } }));
  await ingestAll(inputs, { store, clock: () => NOW, logger: silentLogger });
  const config = loadConfig({ PARALLAX_TOKEN: TOKEN, ...env });
  const server = await startServer({
    store,
    config,
    logger: silentLogger,
    clock: () => NOW,
    registry: null,
    extractPool: null,
    port: 0,
    host: '127.0.0.1',
  });
  try {
    await fn(server, store);
  } finally {
    await server.close();
    await store.close();
    cleanup();
  }
}

test('a story report and page from memory: the app bytes and headers, ETag and 304', async () => {
  await withServer({}, async (server, store) => {
    const [story] = await store.listStories();
    for (const path of [`/api/stories/${story!.id}`, `/stories/${story!.id}`]) {
      const first = await get(server.port, path);
      assert.equal(first.status, 200);
      const kept = await hot(server.port, path);
      assert.equal(kept.headers['content-encoding'], 'gzip');
      assert.deepEqual(gunzipSync(kept.body), gunzipSync(first.body), `${path}: the app's body`);
      for (const h of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'vary'])
        assert.equal(kept.headers[h], first.headers[h], `${path}: header ${h}`);
      assert.equal(Number(kept.headers['content-length']), kept.body.length);
      const etag = kept.headers.etag!;
      const again = await get(server.port, path, { 'accept-encoding': 'gzip, br', 'if-none-match': `"other", ${etag}` });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal((await get(server.port, path, { 'accept-encoding': 'gzip', 'if-none-match': '"other"' })).status, 200);
    }
    // no compression accepted: kept apart, uncompressed, with its own ETag
    const identity = { 'accept-encoding': 'identity' };
    const plain = await get(server.port, `/api/stories/${story!.id}`, identity);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal((JSON.parse(plain.body.toString('utf8')) as { articles: unknown[] }).articles.length, 2);
    const keptPlain = await hot(server.port, `/api/stories/${story!.id}`, identity);
    assert.equal(keptPlain.headers['content-encoding'], undefined);
    assert.deepEqual(keptPlain.body, plain.body);
    assert.notEqual(keptPlain.headers.etag, (await get(server.port, `/api/stories/${story!.id}`)).headers.etag);
    // deflate without gzip: the app answers, compressed as asked
    for (let i = 0; i < 3; i++) {
      const d = await get(server.port, `/api/stories/${story!.id}`, { 'accept-encoding': 'deflate' });
      assert.equal(d.headers['content-encoding'], 'deflate');
      assert.equal(d.headers.etag, undefined);
    }
  });
});

test('an article ingested through the API shows in the next answer, list pages too; a 404 or 400 is never kept', async () => {
  await withServer({}, async (server, store) => {
    const [story] = await store.listStories();
    const path = `/api/stories/${story!.id}`;
    const before = JSON.parse(gunzipSync((await hot(server.port, path)).body).toString('utf8')) as { articles: unknown[] };
    assert.equal(before.articles.length, 2);
    const third = EVENT_ARTICLES.filter((a) => a.event === 'quake')[2]!;
    const posted = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ text: third.text });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/ingest',
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        },
        (res) => (res.resume(), res.on('end', () => resolve(res.statusCode ?? 0))),
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(posted, 200);
    assert.equal((await store.listStories())[0]!.articleIds.length, 3, 'the premise: it joined the story');
    const after = JSON.parse(gunzipSync((await get(server.port, path)).body).toString('utf8')) as { articles: unknown[] };
    assert.equal(after.articles.length, 3);
    const list = JSON.parse(gunzipSync((await hot(server.port, '/api/stories?limit=5')).body).toString('utf8')) as {
      stories: Array<{ articleCount: number }>;
    };
    assert.deepEqual(
      list.stories.map((s) => s.articleCount),
      [3],
    );
    for (let i = 0; i < 5; i++) {
      const r = await get(server.port, '/api/stories/s_nosuchstory');
      assert.equal(r.status, 404);
      assert.equal(r.headers.etag, undefined);
      const bad = await get(server.port, '/api/stories?limit=many');
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.etag, undefined);
      await new Promise((res) => setTimeout(res, 20));
    }
  });
});

test('a private server answers every read through the app: no token, no story', async () => {
  await withServer({ PARALLAX_PRIVATE: 'true' }, async (server, store) => {
    const [story] = await store.listStories();
    const auth = { 'accept-encoding': 'gzip', authorization: `Bearer ${TOKEN}` };
    for (let i = 0; i < 5; i++) {
      const r = await get(server.port, `/api/stories/${story!.id}`, auth);
      assert.equal(r.status, 200);
      assert.equal(r.headers.etag, undefined, 'answered by the app');
      await new Promise((res) => setTimeout(res, 20));
    }
    const anon = await get(server.port, `/api/stories/${story!.id}`);
    assert.equal(anon.status, 401);
  });
});

/** A response recorder standing in for node's ServerResponse. */
function recorder(): { res: ServerResponse; sent: () => { status: number; body: string } | null } {
  let out: { status: number; body: string } | null = null;
  let status = 0;
  const res = {
    writeHead(s: number) {
      status = s;
      return res;
    },
    end(b?: Buffer) {
      out = { status, body: b ? b.toString('utf8') : '' };
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, sent: () => out };
}

test('entries are refreshed after their time, served meanwhile, and bounded in bytes', async () => {
  let now = 0;
  let version = 1;
  const fills: string[] = [];
  const cache = new HotResponses(
    async (path) => {
      fills.push(path);
      if (path.endsWith('gone')) return new Response('moved', { status: 308, headers: { location: '/stories/s_a' } });
      return new Response(`${path} v${version} `.repeat(10), { headers: { 'content-encoding': 'gzip', 'content-type': 'text/plain' } });
    },
    { ttlMs: 1000, maxBytes: 900, now: () => now },
  );
  const req = (url: string) => ({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } }) as unknown as IncomingMessage;
  const ask = (url: string) => {
    const r = recorder();
    return cache.handle(req(url), r.res) ? r.sent() : null;
  };
  const settle = () => new Promise((r) => setTimeout(r, 5));
  assert.equal(ask('/stories/s_a'), null, 'a miss goes to the app');
  await settle();
  assert.match(ask('/stories/s_a')!.body, /v1/);
  version = 2;
  now = 999;
  assert.match(ask('/stories/s_a')!.body, /v1/, 'still fresh');
  now = 1000;
  assert.match(ask('/stories/s_a')!.body, /v1/, 'stale: served while it is refreshed');
  await settle();
  assert.match(ask('/stories/s_a')!.body, /v2/);
  assert.deepEqual(fills, ['/stories/s_a', '/stories/s_a']);
  assert.equal(ask('/stories/s_a?v=1'), null, 'a query goes to the app');
  // a redirect is not kept, and the app is not asked again for it within the time
  for (let i = 0; i < 3; i++) {
    assert.equal(ask('/stories/s_gone'), null);
    await settle();
  }
  assert.equal(fills.filter((f) => f === '/stories/s_gone').length, 1);
  now = 2000;
  assert.equal(ask('/stories/s_gone'), null);
  await settle();
  assert.equal(fills.filter((f) => f === '/stories/s_gone').length, 2);
  cache.clear();
  // entries of 246-290 bytes counted (bodies of 170-210, the path and 64 for the entry) under a 900-byte bound
  ask('/stories/s_a');
  await settle();
  for (const id of ['s_b', 's_c', 's_d']) {
    ask(`/api/stories/${id}`);
    await settle();
  }
  assert.ok(cache.size.bytes <= 900, `${cache.size.bytes} bytes kept`);
  assert.equal(cache.size.entries, 3);
  assert.equal(ask('/stories/s_a'), null, 'the oldest left first');
  cache.clear();
  assert.deepEqual(cache.size, { entries: 0, bytes: 0 });
});

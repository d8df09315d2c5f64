/**
 * Extraction of outside input off the thread that answers requests: plain text posted to the API (and fetched by the
 * poller and workers) is extracted in a worker thread under a per-item time budget (PARALLAX_EXTRACT_TIMEOUT_MS).
 * An input that needs more than the budget is the typed failure `extract/timeout`, and while it is worked on the
 * server goes on answering other requests.
 *
 * The costly input is an honest one, not a trick: 19,000 short lines alternating English and Spanish sentences (every
 * line's language is weighed), which takes seconds to extract; the budget here is set well below that.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { join } from 'node:path';
import { tempDir } from './helpers.ts';
import { createHtmlExtractPool } from '../src/extract/worker.ts';
import { startServer } from '../src/serve/http.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { isFailureCode } from '../src/fetch/failures.ts';

const TOKEN = 'correct-horse-battery';
const NOW = new Date('2026-11-22T00:00:00Z');

const EN = ['officials', 'said', 'the', 'bridge', 'would', 'reopen', 'after', 'repairs', 'council', 'on', 'Monday', 'in', 'Lviv'];
const ES = ['los', 'funcionarios', 'dijeron', 'que', 'el', 'puente', 'sería', 'reabierto', 'tras', 'las', 'obras', 'del', 'lunes'];

/** 19,000 lines of 12 words, alternating languages (a deterministic shuffle of each vocabulary). */
function costlyText(): string {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const line = (ws: string[]) => Array.from({ length: 12 }, () => ws[next() % ws.length]).join(' ') + '.';
  return Array.from({ length: 19_000 }, (_, i) => line(i % 2 ? EN : ES)).join('\n');
}

const ARTICLE = [
  'Lviv bridge to reopen after repairs',
  '',
  'Officials in Lviv said on Monday that the Shevchenko bridge would reopen to traffic next week after four months of repairs.',
  'The city council said the work cost 42 million hryvnias, less than the budget approved in the spring.',
].join('\n');

test('plain text over the time budget is extract/timeout; the pool goes on working with a fresh thread', async () => {
  const pool = createHtmlExtractPool({ size: 1, timeoutMs: 200 });
  try {
    const slow = await pool.extractText(costlyText(), { now: NOW });
    assert.equal(slow.ok ? 'ok' : slow.code, 'extract/timeout');
    assert.ok(!slow.ok && isFailureCode(slow.code), 'the code is in the closed list');
    const fine = await pool.extractText(ARTICLE, { now: NOW, titleHint: null });
    assert.ok(fine.ok, 'the next input is extracted');
    assert.equal(fine.value.title, 'Lviv bridge to reopen after repairs');
    assert.match(fine.value.text, /42 million hryvnias/);
  } finally {
    await pool.close();
  }
});

function request(
  port: number,
  method: string,
  path: string,
  body?: string,
  onSent?: () => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      body === undefined ? {} : { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body, onSent);
  });
}

test('a POST /api/ingest over the budget answers 422 extract/timeout while GET /api/stories keeps answering', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const config = loadConfig({ PARALLAX_TOKEN: TOKEN, PARALLAX_EXTRACT_TIMEOUT_MS: '1500', PARALLAX_MAX_BODY_BYTES: '4000000' });
  const server = await startServer({
    store,
    config,
    logger: silentLogger,
    clock: () => NOW,
    registry: null,
    llm: null,
    port: 0,
    host: '127.0.0.1',
  });
  try {
    // The extraction thread is started by a first, ordinary article (so the budget below is not spent booting it).
    const warm = await request(server.port, 'POST', '/api/ingest', JSON.stringify({ text: ARTICLE }));
    assert.equal(warm.status, 200, warm.body);

    let sent = false;
    let postDone = false;
    const post = request(server.port, 'POST', '/api/ingest', JSON.stringify({ text: costlyText() }), () => (sent = true)).then((r) => {
      postDone = true;
      return r;
    });
    // Reads issued once the whole body is sent, one after another, until the POST answers.
    let answeredDuring = 0;
    while (!postDone) {
      if (!sent) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const g = await request(server.port, 'GET', '/api/stories');
      assert.equal(g.status, 200);
      if (!postDone) answeredDuring++;
    }
    const r = await post;
    assert.equal(r.status, 422, r.body);
    assert.equal((JSON.parse(r.body) as { error: { code: string } }).error.code, 'extract/timeout');
    assert.ok(answeredDuring >= 3, `only ${answeredDuring} reads answered while the costly text was extracted`);
    assert.equal(await store.countArticles(), 1, 'nothing stored from the timed-out input');
  } finally {
    await server.close();
    await store.close();
    cleanup();
  }
});

test('feeds are parsed in the extraction thread too: a result like the in-process one, or feed/timeout over the budget', async () => {
  const { parseFeed } = await import('../src/fetch/feeds.ts');
  const body = 'Officials said the bridge would reopen after repairs, the council said on Monday. '.repeat(60);
  const items = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `<item><title>Item ${i}</title><link>https://courier.example/${i}</link><description>${body}</description></item>`,
    ).join('');
  const rss = (n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Courier</title>${items(n)}</channel></rss>`;
  const pool = createHtmlExtractPool({ size: 1, timeoutMs: 5000 });
  try {
    const small = rss(3);
    assert.deepEqual(await pool.parseFeed(small, 'https://courier.example/feed'), parseFeed(small, 'https://courier.example/feed'));
    const broken = await pool.parseFeed('<rss><channel>', 'https://courier.example/feed');
    assert.equal(broken.ok ? 'ok' : broken.code, 'feed/malformed');
  } finally {
    await pool.close();
  }
  const tight = createHtmlExtractPool({ size: 1, timeoutMs: 20 });
  try {
    // Warm the thread first, so that the budget is spent on the large feed (about 1,000 entries, 5 MB).
    await tight.parseFeed(rss(1), 'https://courier.example/feed');
    const big = await tight.parseFeed(rss(1000), 'https://courier.example/feed');
    assert.equal(big.ok ? 'ok' : big.code, 'feed/timeout');
    assert.ok(!big.ok && isFailureCode(big.code));
  } finally {
    await tight.close();
  }
});

/**
 * Inputs that must be read for what they are or refused by name: a feed (local file, or fetched behind a DOCTYPE of
 * a hundred kilobytes) is never stored as an "article" of raw XML; an impossible date in a query is a 400 naming the
 * parameter; a chunked request body over a real socket is cut off at the limit while it streams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli, tempDir } from './helpers.ts';
import { detectFeed, parseFeed, xmlProlog } from '../src/fetch/feeds.ts';
import { feedFileItems, readInputs } from '../src/fetch/files.ts';
import { createApp, startServer } from '../src/serve/http.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';

const TOKEN = 'correct-horse-battery';

const BODY_A =
  'Officials in Lviv said on Monday that the Shevchenko bridge would reopen to traffic next week after four months of repairs. ' +
  'The city council said the work cost 42 million hryvnias, less than the budget approved in the spring. ' +
  'Residents had complained about detours through the old town, where buses were rerouted for the whole summer. ' +
  'The mayor said the tram line across the bridge would resume service a week after cars return.';
const BODY_B =
  'Farmers in the Odesa region began the grain harvest early this year because of a dry and unusually warm June. ' +
  'The regional administration expects a yield about a tenth below last year, citing the drought in the south. ' +
  'Exporters said the ports of Odesa and Pivdennyi were ready to ship the first cargoes in the second half of July. ' +
  'Prices at the ports rose slightly on the news, traders said, while inland elevators reported steady deliveries.';

/** A DOCTYPE whose internal subset is about 100 KB: entity declarations no feed reader should expand. */
const BIG_DOCTYPE = `<!DOCTYPE rss [\n${Array.from({ length: 2000 }, (_, i) => `  <!ENTITY e${i} "declared entity number ${i} > not expanded">`).join('\n')}\n]>`;

function rss(items: string, doctype = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${doctype}\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kyiv Courier</title><link>https://courier.example/</link><language>en</language>${items}</channel></rss>`;
}

function item(link: string, title: string, body: string | null): string {
  const content = body === null ? '' : `<content:encoded><![CDATA[<p>${body}</p>]]></content:encoded>`;
  return `<item><title>${title}</title><link>${link}</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>Short teaser.</description>${content}</item>`;
}

test('a feed behind a 100 KB DOCTYPE is detected and parsed, its entities not expanded', () => {
  const xml = rss(item('https://courier.example/a', 'Bridge to reopen', BODY_A), BIG_DOCTYPE);
  assert.ok(BIG_DOCTYPE.length > 100_000);
  assert.equal(xmlProlog(xml).root, 'rss');
  assert.equal(detectFeed(xml, 'application/xml'), 'rss');
  const r = parseFeed(xml, 'https://courier.example/feed.xml');
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.deepEqual(
    r.value.entries.map((e) => e.url),
    ['https://courier.example/a'],
  );
  assert.ok(!JSON.stringify(r.value).includes('declared entity'), 'no declared entity reaches the entries');
  // An HTML page behind its doctype is no feed; nor is XML of another kind.
  assert.equal(detectFeed('<!DOCTYPE html><html><body><p>x</p></body></html>', 'text/html'), null);
  assert.equal(detectFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml'), null);
});

test('parallax ingest feed.xml: entries carrying the article become articles, never one article of raw XML', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const feed = join(dir, 'feed.xml');
    writeFileSync(
      feed,
      rss(
        item('https://courier.example/a', 'Lviv bridge to reopen', BODY_A) +
          item('https://courier.example/b', 'Odesa harvest starts early', BODY_B) +
          item('https://courier.example/c', 'Link only', null),
        BIG_DOCTYPE,
      ),
    );
    const r = await runCli(['ingest', feed, '--json', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { added: number }).added, 2);
    const list = await runCli(['stories', '--json', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    const store = new SqliteStore(db);
    try {
      for (const url of ['https://courier.example/a', 'https://courier.example/b']) {
        const a = (await store.listArticles({ limit: 10 })).find((x) => x.url === url);
        assert.ok(a, `article ${url} stored`);
        assert.doesNotMatch(a.text, /<rss|<item|<!ENTITY|CDATA/, 'the text is the article, not the XML');
        assert.equal(a.outlet, 'Kyiv Courier');
      }
      assert.equal(await store.countArticles(), 2);
    } finally {
      await store.close();
    }

    // A feed of links only, a broken feed and XML that is no feed: one typed failure naming the file, nothing stored.
    writeFileSync(join(dir, 'links.xml'), rss(item('https://courier.example/c', 'Link only', null)));
    writeFileSync(join(dir, 'broken.rss'), rss(item('https://courier.example/d', 'Broken', BODY_A)).replace('</channel>', ''));
    writeFileSync(
      join(dir, 'drawing.xml'),
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>Officials said the bridge would reopen.</text></svg>',
    );
    const bad = await runCli(['ingest', join(dir, 'links.xml'), join(dir, 'broken.rss'), join(dir, 'drawing.xml'), '--db', db]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /links\.xml: a feed of 1 entries that carry no article text/);
    assert.match(bad.stderr, /broken\.rss: malformed XML/);
    assert.match(bad.stderr, /drawing\.xml: an XML document \(<svg>\)/);
    const again = new SqliteStore(db);
    assert.equal(await again.countArticles(), 2, 'nothing more stored');
    await again.close();
  } finally {
    cleanup();
  }
});

test('local feed files: the failure codes are typed', () => {
  const links = feedFileItems('/x/links.xml', rss(item('https://courier.example/c', 'Link only', null)));
  assert.deepEqual(
    links?.map((i) => (i.ok ? 'ok' : i.failure.code)),
    ['ingest/feed-without-content'],
  );
  const svg = feedFileItems('/x/a.xml', '<?xml version="1.0"?><svg></svg>');
  assert.deepEqual(
    svg?.map((i) => (i.ok ? 'ok' : i.failure.code)),
    ['ingest/unsupported-xml'],
  );
  assert.equal(feedFileItems('/x/a.txt', 'Officials said the bridge would reopen.'), null, 'plain text is left to the text reader');
});

test('a fetched feed behind a large DOCTYPE: its entries are fetched as pages; an entry that is a feed is refused', async () => {
  const page = (title: string, body: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(
        rss(item(`${base}/a`, 'Lviv bridge to reopen', null) + item(`${base}/other.xml`, 'Another feed', null), BIG_DOCTYPE),
      );
    }
    if (req.url === '/a') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Lviv bridge to reopen', BODY_A));
    if (req.url === '/other.xml')
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(rss(item(`${base}/b`, 'B', null), BIG_DOCTYPE));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { dir, cleanup } = tempDir();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const db = join(dir, 'p.db');
    const r = await runCli(['ingest', `${base}/feed.xml`, '--json', '--db', db], { PARALLAX_ALLOW_PRIVATE_NETWORK: '1' });
    const out = JSON.parse(r.stdout) as { added: number; failed: Array<{ ref: string; error: string }> };
    assert.equal(out.added, 1, r.stderr);
    assert.deepEqual(
      out.failed.map((f) => f.ref),
      [`${base}/other.xml`],
    );
    assert.match(out.failed[0].error, /a feed, not an article page/);
    const store = new SqliteStore(db);
    try {
      const [a] = await store.listArticles({ limit: 10 });
      assert.equal(a.url, `${base}/a`);
      assert.doesNotMatch(a.text, /<rss|ENTITY/);
    } finally {
      await store.close();
    }
  } finally {
    server.close();
    cleanup();
  }
});

test('impossible dates are a 400 naming the parameter; real ones pass', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const app = createApp({
    store,
    config: loadConfig({ PARALLAX_TOKEN: TOKEN }),
    logger: silentLogger,
    clock: () => new Date(),
    registry: null,
    llm: null,
    extractPool: null,
  });
  try {
    const bad: Array<[string, string]> = [
      ['from=2024-02-30', 'from'],
      ['to=2023-02-29', 'to'],
      ['from=2024-13-01', 'from'],
      ['from=2024-04-31T10:00:00Z', 'from'],
      ['to=2024-04-30T24:00:00Z', 'to'],
      ['from=2024-04-30T10:60', 'from'],
      ['from=2024-04-30T10:00:00%2B25:00', 'from'],
    ];
    for (const [q, name] of bad) {
      const r = await app.request(`/api/stories?${q}`);
      assert.equal(r.status, 400, q);
      const body = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'bad-request');
      assert.match(body.error.message, new RegExp(`^${name}: must be a date that exists`), q);
    }
    for (const q of ['from=2024-02-29', 'to=2024-12-31T23:59:59Z', 'from=2024-03-01T10:00:00%2B02:00']) {
      assert.equal((await app.request(`/api/stories?${q}`)).status, 200, q);
    }
    const post = await app.request('/api/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: BODY_A, published: '2024-02-30' }),
    });
    assert.equal(post.status, 400);
    assert.match(((await post.json()) as { error: { message: string } }).error.message, /published: must be a date that exists/);
  } finally {
    await store.close();
    cleanup();
  }
});

test('a chunked body over a real socket is refused at the limit while it streams, not read whole first', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const config = loadConfig({ PARALLAX_TOKEN: TOKEN, PARALLAX_MAX_BODY_BYTES: '100000' });
  const server = await startServer({
    store,
    config,
    logger: silentLogger,
    clock: () => new Date(),
    registry: null,
    llm: null,
    extractPool: null,
    port: 0,
    host: '127.0.0.1',
  });
  try {
    const chunk = Buffer.alloc(16_384, 0x20);
    let written = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/ingest',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      // Up to 50 MB, a chunk at a time, each once the previous one is flushed: stops as soon as the server answers.
      const pump = (): void => {
        if (answered) return;
        if (written >= 50_000_000) return void req.end();
        written += chunk.length;
        req.write(chunk, () => setImmediate(pump));
      };
      pump();
    });
    assert.equal(status, 413);
    assert.ok(written < 5_000_000, `the server answered after ${written} bytes of a 50 MB body`);
  } finally {
    await server.close();
    await store.close();
    cleanup();
  }
});

test('a JSONL line longer than the limit is one typed failure, streamed past; the lines around it are read', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'big.jsonl');
    const long = JSON.stringify({ url: 'https://courier.example/long', text: 'word '.repeat(600_000) });
    const lines = [
      JSON.stringify({ url: 'https://courier.example/a', text: BODY_A }),
      long,
      '',
      JSON.stringify({ url: 'https://courier.example/b', text: BODY_B }) + '\r',
    ];
    writeFileSync(path, lines.join('\n'));
    const got: string[] = [];
    for await (const it of readInputs([path], { maxBytes: 50_000_000, maxLineBytes: 1_000_000 }))
      got.push(it.ok ? `ok ${it.input.ref}` : `${it.failure.code} ${it.failure.ref}`);
    assert.deepEqual(got, ['ok https://courier.example/a', `ingest/too-large ${path}#2`, 'ok https://courier.example/b']);
  } finally {
    cleanup();
  }
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { createFetcher, parseRetryAfter, type FetcherOptions, type FetcherDeps } from '../src/fetch/http.ts';
import { parseFeed } from '../src/fetch/feeds.ts';
import { silentLogger } from '../src/util/log.ts';
import {
  startServer,
  fixture,
  feedFixture,
  encodeWindows1251,
  encodeKoi8r,
  encodeIso88599,
  type TestServer,
} from './fixtures/fetch/server.ts';

const UA = 'ParallaxBot/0.1 (+https://parallax.example/bot)';

function make(over: Partial<FetcherOptions> = {}, deps: Partial<FetcherDeps> = {}) {
  const sleeps: number[] = [];
  const fetcher = createFetcher(
    {
      userAgent: UA,
      timeoutMs: 3000,
      maxBytes: 1024 * 1024,
      maxRedirects: 3,
      allowPrivateNetwork: true,
      perHostIntervalMs: 0,
      retryBaseMs: 100,
      ...over,
    },
    {
      clock: () => new Date(),
      logger: silentLogger,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...deps,
    },
  );
  return { fetcher, sleeps };
}

describe('fetcher against a local server', () => {
  let s: TestServer;
  const cyr = fixture('cyrillic.txt').trim();
  const tur = fixture('turkish.txt').trim();

  before(async () => {
    s = await startServer();
    s.route('/robots.txt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(fixture('robots.txt'));
    });
    s.route('/article', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixture('article.html'));
    });
    s.route('/no-article', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(fixture('no-article.html'));
    });
    // /hop/N redirects to /hop/N-1; /hop/0 is the page.
    for (let n = 0; n <= 6; n++) {
      s.route(`/hop/${n}`, (_req, res) => {
        if (n === 0) {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('arrived');
          return;
        }
        res.writeHead(n % 2 ? 301 : 302, { location: `/hop/${n - 1}` });
        res.end();
      });
    }
    s.route('/feed-moved', (_req, res) => {
      res.writeHead(301, { location: `${s.base}/feed.xml` });
      res.end();
    });
    s.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feedFixture('rss2.xml'));
    });
    s.route('/malformed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(feedFixture('malformed.xml'));
    });
    s.route('/cond', (req, res) => {
      if (req.headers['if-none-match'] === '"v7"' || req.headers['if-modified-since'] === 'Fri, 20 Nov 2026 10:00:00 GMT') {
        res.writeHead(304, { etag: '"v7"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag: '"v7"', 'last-modified': 'Fri, 20 Nov 2026 10:00:00 GMT' });
      res.end('fresh body');
    });
    const articleHtml = fixture('article.html');
    s.route('/gzip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(articleHtml));
    });
    s.route('/br', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
      res.end(zlib.brotliCompressSync(articleHtml));
    });
    s.route('/deflate-raw', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' });
      res.end(zlib.deflateRawSync(articleHtml));
    });
    s.route('/deflate', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'deflate' });
      res.end(zlib.deflateSync(articleHtml));
    });
    s.route('/empty-gzip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end();
    });
    s.route('/bad-gzip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip at all'));
    });
    // 8 MB of one letter compresses to a few KB: a decompression bomb for a 1 MB cap.
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x61));
    s.route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    s.route('/cp1251-proper', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
      res.end(
        Buffer.concat([
          Buffer.from('<html><head><title>t</title></head><body><p>'),
          encodeWindows1251(cyr),
          Buffer.from('</p></body></html>'),
        ]),
      );
    });
    // Header claims UTF-8; the page's own <meta http-equiv> tells the truth.
    s.route('/cp1251-wrong-header-meta', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        Buffer.concat([
          Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>'),
          encodeWindows1251(cyr),
          Buffer.from('</p></body></html>'),
        ]),
      );
    });
    // Header claims UTF-8, nothing else declared: the heuristic must find windows-1251.
    s.route('/cp1251-wrong-header', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      res.end(Buffer.concat([Buffer.from('<html><body><p>'), encodeWindows1251(cyr), Buffer.from('</p></body></html>')]));
    });
    s.route('/koi8-undeclared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(encodeKoi8r(cyr));
    });
    // Header claims windows-1252 but the bytes are (valid, multi-byte) UTF-8.
    s.route('/utf8-declared-latin', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      res.end(Buffer.from(`<html><body><p>${tur}</p></body></html>`, 'utf8'));
    });
    s.route('/iso-8859-9', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-9' });
      res.end(Buffer.concat([Buffer.from('<html lang="tr"><body><p>'), encodeIso88599(tur), Buffer.from('</p></body></html>')]));
    });
    s.route('/iso-8859-9-meta', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        Buffer.concat([
          Buffer.from('<html lang="tr"><head><meta charset="iso-8859-9"></head><body><p>'),
          encodeIso88599(tur),
          Buffer.from('</p></body></html>'),
        ]),
      );
    });
    s.route('/xml-decl-1251', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        Buffer.concat([
          Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>'),
          encodeWindows1251('Новости'),
          Buffer.from('</title><item><title>'),
          encodeWindows1251('Эвакуация жителей'),
          Buffer.from('</title><link>https://novosti.example.ru/a/1</link></item></channel></rss>'),
        ]),
      );
    });
    s.route('/bom-utf8', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<p>${cyr}</p>`, 'utf8')]));
    });
    s.route('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(t));
    });
    s.route('/always-503', (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('down');
    });
    s.route('/silent', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first bytes then nothing');
    });
    // 100 MB, generated chunk by chunk with backpressure; never allocated in full.
    s.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x62);
      let sent = 0;
      const total = 100 * 1024 * 1024;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = total;
      });
      pump();
    });
    s.route('/huge-declared', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(100 * 1024 * 1024) });
      res.write(Buffer.alloc(1024, 0x62));
      req.socket.on('close', () => res.destroy());
    });
    let n429 = 0;
    s.route('/rate-limited', (_req, res) => {
      if (n429++ === 0) {
        res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/plain' });
        res.end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok after waiting');
    });
    s.route('/rate-limited-long', (_req, res) => {
      res.writeHead(429, { 'retry-after': '7200', 'content-type': 'text/plain' });
      res.end('come back in two hours');
    });
    let n503 = 0;
    s.route('/flaky', (_req, res) => {
      if (n503++ < 2) {
        res.writeHead(n503 === 1 ? 503 : 502, { 'content-type': 'text/plain' });
        res.end('temporarily unavailable');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('recovered');
    });
    s.route('/always-503', (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('down');
    });
    s.route('/reset-once', (req) => {
      req.socket.destroy();
    });
    s.route('/image.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    });
    s.route('/untyped-binary', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from([0, 1, 2, 3, 0, 0, 9, 0]));
    });
    s.route('/private/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('private');
    });
    s.route('/no-bots/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('should not be fetched');
    });
    s.route('/no-bots/except-this', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('allowed exception');
    });
    let concurrent = 0;
    let maxConcurrent = 0;
    s.route('/slow', (_req, res) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      setTimeout(() => {
        concurrent--;
        res.writeHead(200, { 'content-type': 'text/plain', 'x-max-concurrent': String(maxConcurrent) });
        res.end(String(maxConcurrent));
      }, 60);
    });
    // Per-host robots behaviour, selected by the Host header (names map to 127.0.0.1 via `lookup`).
    s.route('robots-down.test /robots.txt', (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('maintenance');
    });
    s.route('robots-gone.test /robots.txt', (req) => {
      req.socket.destroy();
    });
    s.route('robots-404.test /robots.txt', (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('none');
    });
  });

  after(async () => {
    await s.close();
  });

  it('fetches a page with its metadata', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/article`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.status, 200);
    assert.equal(r.value.notModified, false);
    assert.match(r.value.body, /Flood barriers hold as river peaks/);
    assert.equal(r.value.contentType, 'text/html; charset=utf-8');
    assert.equal(r.value.bytes, Buffer.byteLength(fixture('article.html')));
  });

  it('returns an HTML page that has no article (extraction decides later)', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/no-article`);
    assert.ok(r.ok);
    assert.match(r.value.body, /<form action="\/search">/);
  });

  it('follows 301/302 chains up to the limit and reports the final URL', async () => {
    const { fetcher } = make({ maxRedirects: 3 });
    const r = await fetcher.fetchText(`${s.base}/hop/3`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.url, `${s.base}/hop/0`);
    assert.equal(r.value.body, 'arrived');
  });

  it('fails with fetch/too-many-redirects past the limit', async () => {
    const { fetcher } = make({ maxRedirects: 3 });
    const r = await fetcher.fetchText(`${s.base}/hop/5`);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'fetch/too-many-redirects');
  });

  it('follows a moved feed and the body parses as a feed', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/feed-moved`);
    assert.ok(r.ok);
    assert.equal(r.value.url, `${s.base}/feed.xml`);
    const feed = parseFeed(r.value.body, r.value.url);
    assert.ok(feed.ok);
    assert.equal(feed.value.format, 'rss');
    assert.equal(feed.value.entries[0].url, `${s.base}/world/2026/11/21/dam-spillways-river-rises`);
  });

  it('returns a body that fails feed parsing with feed/malformed', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/malformed.xml`);
    assert.ok(r.ok);
    const feed = parseFeed(r.value.body, r.value.url);
    assert.equal(feed.ok, false);
    assert.equal(!feed.ok && feed.code, 'feed/malformed');
    assert.match(!feed.ok ? feed.message : '', /line \d+/);
  });

  it('sends conditional GET validators and reports 304 as notModified', async () => {
    const { fetcher } = make();
    const first = await fetcher.fetchText(`${s.base}/cond`);
    assert.ok(first.ok);
    assert.equal(first.value.etag, '"v7"');
    assert.equal(first.value.body, 'fresh body');
    const second = await fetcher.fetchText(`${s.base}/cond`, { etag: first.value.etag });
    assert.ok(second.ok);
    assert.equal(second.value.status, 304);
    assert.equal(second.value.notModified, true);
    assert.equal(second.value.body, '');
    const third = await fetcher.fetchText(`${s.base}/cond`, { lastModified: first.value.lastModified });
    assert.ok(third.ok && third.value.notModified);
  });

  it('decodes gzip, brotli and both kinds of deflate', async () => {
    const { fetcher } = make();
    for (const p of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const r = await fetcher.fetchText(s.base + p);
      assert.ok(r.ok, `${p}: ${JSON.stringify(r)}`);
      assert.equal(r.value.body, fixture('article.html'), p);
    }
  });

  it('accepts an empty body labelled gzip', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/empty-gzip`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.body, '');
  });

  it('fails a corrupt gzip body with fetch/bad-encoding', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/bad-gzip`);
    assert.equal(!r.ok && r.code, 'fetch/bad-encoding');
  });

  it('caps decompressed bytes: a gzip bomb is fetch/too-large', async () => {
    const { fetcher } = make({ maxBytes: 1024 * 1024 });
    const r = await fetcher.fetchText(`${s.base}/bomb`);
    assert.equal(!r.ok && r.code, 'fetch/too-large');
  });

  it('aborts a streamed 100 MB body at the cap, quickly', async () => {
    const { fetcher } = make({ maxBytes: 512 * 1024 });
    const t0 = Date.now();
    const r = await fetcher.fetchText(`${s.base}/huge`);
    assert.equal(!r.ok && r.code, 'fetch/too-large');
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    const { fetcher } = make({ maxBytes: 512 * 1024 });
    const r = await fetcher.fetchText(`${s.base}/huge-declared`);
    assert.equal(!r.ok && r.code, 'fetch/too-large');
  });

  it('ends a slowly trickling response with fetch/timeout', async () => {
    const { fetcher } = make({ timeoutMs: 300, idleTimeoutMs: 200 });
    const t0 = Date.now();
    const r = await fetcher.fetchText(`${s.base}/trickle`);
    assert.equal(!r.ok && r.code, 'fetch/timeout');
    const ms = Date.now() - t0;
    assert.ok(ms >= 250 && ms < 3000, `took ${ms} ms`);
    // The idle timer never fires on a trickle; the whole-response deadline does.
    assert.match(!r.ok ? r.message : '', /no complete response within 300 ms/);
  });

  it('the per-host interval holds across fetchers that share host slots (workers on one store)', async () => {
    const booked = new Map<string, number>();
    const hostSlots = {
      reserve: async (host: string, iv: number, now: number) => {
        const start = Math.max(booked.get(host) ?? 0, now);
        booked.set(host, start + iv);
        return start;
      },
    };
    const a = make({ perHostIntervalMs: 1000, respectRobots: false }, { hostSlots });
    const b = make({ perHostIntervalMs: 1000, respectRobots: false }, { hostSlots });
    const alone = make({ perHostIntervalMs: 1000, respectRobots: false });
    assert.ok((await a.fetcher.fetchText(`${s.base}/article`)).ok);
    assert.ok((await b.fetcher.fetchText(`${s.base}/article`)).ok);
    assert.ok((await alone.fetcher.fetchText(`${s.base}/article`)).ok);
    assert.deepEqual(a.sleeps, []);
    // The second fetcher waits for the first one's interval; a fetcher with its own state does not.
    assert.equal(b.sleeps.length, 1);
    assert.ok(b.sleeps[0] > 500 && b.sleeps[0] <= 1000, `slept ${b.sleeps[0]} ms`);
    assert.deepEqual(alone.sleeps, []);
  });

  it('an AbortSignal ends a download at once with fetch/aborted', async () => {
    const { fetcher } = make({ timeoutMs: 20_000, idleTimeoutMs: 20_000 });
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 150);
    const r = await fetcher.fetchText(`${s.base}/trickle`, { signal: ac.signal });
    assert.equal(!r.ok && r.code, 'fetch/aborted');
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  });

  it('an AbortSignal ends the retry back-off; an aborted signal sends no request', async () => {
    const { fetcher } = make(
      { retryBaseMs: 10_000, retryMaxDelayMs: 60_000, maxRetries: 3 },
      { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: () => 1 },
    );
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 300);
    const r = await fetcher.fetchText(`${s.base}/always-503`, { signal: ac.signal });
    assert.equal(!r.ok && r.code, 'fetch/aborted');
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    const before = fetcher.stats().requests;
    const again = await fetcher.fetchText(`${s.base}/article`, { signal: ac.signal });
    assert.equal(!again.ok && again.code, 'fetch/aborted');
    assert.equal(fetcher.stats().requests, before);
  });

  it('ends a connection that never opens with fetch/timeout (connect)', async () => {
    const hang = () => new Promise<Array<{ address: string; family: number }>>(() => {});
    const { fetcher } = make({ timeoutMs: 2000, connectTimeoutMs: 150, respectRobots: false }, { lookup: hang });
    const t0 = Date.now();
    const r = await fetcher.fetchText(`http://stuck.test:${s.port}/article`);
    assert.equal(!r.ok && r.code, 'fetch/timeout');
    assert.match(!r.ok ? r.message : '', /connect/);
    assert.ok(Date.now() - t0 < 3000);
  });

  it('ends a stalled response with fetch/timeout (idle)', async () => {
    const { fetcher } = make({ timeoutMs: 2000, idleTimeoutMs: 150 });
    const t0 = Date.now();
    const r = await fetcher.fetchText(`${s.base}/silent`);
    assert.equal(!r.ok && r.code, 'fetch/timeout');
    assert.ok(Date.now() - t0 < 3000);
  });

  it('decodes a page correctly declared windows-1251', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/cp1251-proper`);
    assert.ok(r.ok);
    assert.ok(r.value.body.includes(cyr));
    assert.equal(r.value.charset, 'windows-1251');
  });

  it('falls back to the <meta http-equiv> charset when the header wrongly says UTF-8', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/cp1251-wrong-header-meta`);
    assert.ok(r.ok);
    assert.ok(r.value.body.includes(cyr), r.value.body.slice(0, 200));
    assert.equal(r.value.charset, 'windows-1251');
  });

  it('guesses windows-1251 when UTF-8 is declared but the bytes are not UTF-8', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/cp1251-wrong-header`);
    assert.ok(r.ok);
    assert.ok(r.value.body.includes(cyr));
    assert.equal(r.value.charset, 'windows-1251');
  });

  it('guesses KOI8-R for undeclared KOI8-R Russian text', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/koi8-undeclared`);
    assert.ok(r.ok);
    assert.equal(r.value.body, cyr);
    assert.equal(r.value.charset, 'koi8-r');
  });

  it('prefers valid multi-byte UTF-8 over a wrong single-byte declaration', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/utf8-declared-latin`);
    assert.ok(r.ok);
    assert.ok(r.value.body.includes(tur));
  });

  it('decodes ISO-8859-9 Turkish from the header and from <meta charset>', async () => {
    const { fetcher } = make();
    for (const p of ['/iso-8859-9', '/iso-8859-9-meta']) {
      const r = await fetcher.fetchText(s.base + p);
      assert.ok(r.ok);
      assert.ok(r.value.body.includes(tur), `${p}: ${r.value.body}`);
      assert.equal(r.value.charset, 'windows-1254', p); // WHATWG maps ISO-8859-9 to windows-1254
    }
  });

  it('uses the XML declaration encoding of a feed', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/xml-decl-1251`);
    assert.ok(r.ok);
    const feed = parseFeed(r.value.body, r.value.url);
    assert.ok(feed.ok);
    assert.equal(feed.value.title, 'Новости');
    assert.equal(feed.value.entries[0].title, 'Эвакуация жителей');
  });

  it('lets a BOM win over the header', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/bom-utf8`);
    assert.ok(r.ok);
    assert.equal(r.value.body, `<p>${cyr}</p>`);
  });

  it('retries 429 after the Retry-After delay', async () => {
    const { fetcher, sleeps } = make();
    const r = await fetcher.fetchText(`${s.base}/rate-limited`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.body, 'ok after waiting');
    assert.deepEqual(sleeps, [2000]);
  });

  it('gives up at once when Retry-After is longer than we wait', async () => {
    const { fetcher, sleeps } = make({ retryMaxDelayMs: 60_000 });
    const r = await fetcher.fetchText(`${s.base}/rate-limited-long`);
    assert.equal(!r.ok && r.code, 'fetch/http-429');
    assert.ok(!r.ok && r.temporary === true && r.retryAfterMs === 7_200_000);
    assert.deepEqual(sleeps, []);
  });

  it('retries 503/502 with exponential backoff and jitter, then succeeds', async () => {
    const { fetcher, sleeps } = make({ retryBaseMs: 100, maxRetries: 3 }, { random: () => 0.5 });
    const r = await fetcher.fetchText(`${s.base}/flaky`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.body, 'recovered');
    // base * 2^n scaled by (0.5 + 0.5 * random) = 0.75
    assert.deepEqual(sleeps, [75, 150]);
  });

  it('stops retrying after maxRetries and reports the status', async () => {
    const { fetcher, sleeps } = make({ maxRetries: 2 });
    const r = await fetcher.fetchText(`${s.base}/always-503`);
    assert.equal(!r.ok && r.code, 'fetch/http-503');
    assert.ok(!r.ok && r.temporary === true);
    assert.equal(sleeps.length, 2);
  });

  it('reports 404 as fetch/http-404 without retrying', async () => {
    const { fetcher, sleeps } = make();
    const r = await fetcher.fetchText(`${s.base}/missing-page`);
    assert.equal(!r.ok && r.code, 'fetch/http-404');
    assert.ok(!r.ok && !r.temporary);
    assert.equal(sleeps.length, 0);
  });

  it('retries a network error and reports fetch/network when it persists', async () => {
    const { fetcher, sleeps } = make({ maxRetries: 1 });
    const r = await fetcher.fetchText(`${s.base}/reset-once`);
    assert.equal(!r.ok && r.code, 'fetch/network');
    assert.equal(sleeps.length, 1);
  });

  it('refuses binary types with fetch/unsupported-type', async () => {
    const { fetcher } = make();
    const a = await fetcher.fetchText(`${s.base}/image.png`);
    assert.equal(!a.ok && a.code, 'fetch/unsupported-type');
    const b = await fetcher.fetchText(`${s.base}/untyped-binary`);
    assert.equal(!b.ok && b.code, 'fetch/unsupported-type');
  });

  it('refuses bad URLs and non-http schemes with fetch/bad-url', async () => {
    const { fetcher } = make();
    for (const u of ['not a url', 'ftp://example.org/x', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const r = await fetcher.fetchText(u);
      assert.equal(!r.ok && r.code, 'fetch/bad-url', u);
    }
  });

  it('obeys robots.txt for our user agent (longest match, Allow wins)', async () => {
    const { fetcher } = make();
    const r = await fetcher.fetchText(`${s.base}/no-bots/page`);
    assert.equal(!r.ok && r.code, 'fetch/robots-disallowed');
    assert.ok(!r.ok && !r.temporary);
    const ok = await fetcher.fetchText(`${s.base}/no-bots/except-this`);
    assert.ok(ok.ok);
    // Our group replaces the * group, so /private/ is not forbidden to us.
    const priv = await fetcher.fetchText(`${s.base}/private/page`);
    assert.ok(priv.ok);
    assert.ok(!s.log.includes('127.0.0.1 /no-bots/page'), 'the disallowed page must never be requested');
  });

  it('applies the * group to other user agents and caches robots.txt per host', async () => {
    const before = s.log.filter((l) => l === '127.0.0.1 /robots.txt').length;
    const { fetcher } = make({ userAgent: 'NewsReaderBot/2.0' });
    const r = await fetcher.fetchText(`${s.base}/private/page`);
    assert.equal(!r.ok && r.code, 'fetch/robots-disallowed');
    const pdf = await fetcher.fetchText(`${s.base}/report.pdf`);
    assert.equal(!pdf.ok && pdf.code, 'fetch/robots-disallowed');
    const a = await fetcher.fetchText(`${s.base}/article`);
    assert.ok(a.ok);
    const after = s.log.filter((l) => l === '127.0.0.1 /robots.txt').length;
    assert.equal(after - before, 1);
  });

  it('treats a 5xx robots.txt as disallow, a 404 or unreachable one as allow', async () => {
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const { fetcher } = make({}, { lookup });
    const down = await fetcher.fetchText(`http://robots-down.test:${s.port}/article`);
    assert.equal(!down.ok && down.code, 'fetch/robots-disallowed');
    assert.ok(!down.ok && down.temporary === true, 'a robots.txt server error is temporary');
    const gone = await fetcher.fetchText(`http://robots-gone.test:${s.port}/article`);
    assert.ok(gone.ok, JSON.stringify(gone));
    const missing = await fetcher.fetchText(`http://robots-404.test:${s.port}/article`);
    assert.ok(missing.ok);
  });

  it('limits concurrent requests per host', async () => {
    const { fetcher } = make({ perHostConcurrency: 2 });
    const rs = await Promise.all(Array.from({ length: 6 }, () => fetcher.fetchText(`${s.base}/slow`)));
    const seen = Math.max(...rs.map((r) => (r.ok ? Number(r.value.body) : 99)));
    assert.ok(seen <= 2, `max concurrent ${seen}`);
    assert.ok(seen >= 1);
  });

  it('spaces request starts to one host by the minimum interval', async () => {
    let t = Date.parse('2026-11-22T10:00:00Z');
    const sleeps: number[] = [];
    const fetcher = createFetcher(
      {
        userAgent: UA,
        timeoutMs: 3000,
        maxBytes: 1 << 20,
        maxRedirects: 3,
        allowPrivateNetwork: true,
        perHostIntervalMs: 1000,
        respectRobots: false,
      },
      {
        clock: () => new Date(t),
        logger: silentLogger,
        sleep: async (ms) => {
          sleeps.push(ms);
          t += ms;
        },
      },
    );
    await Promise.all([
      fetcher.fetchText(`${s.base}/article`),
      fetcher.fetchText(`${s.base}/article`),
      fetcher.fetchText(`${s.base}/article`),
    ]);
    assert.deepEqual(
      sleeps.sort((a, b) => a - b),
      [1000, 1000],
    );
  });
});

describe('robots.txt Crawl-delay', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    s.route('/robots.txt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nCrawl-delay: 3\nDisallow: /tmp/\n');
    });
    s.route('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('page');
    });
  });
  after(async () => {
    await s.close();
  });
  it('raises the per-host interval to the Crawl-delay', async () => {
    let t = Date.parse('2026-11-22T10:00:00Z');
    const sleeps: number[] = [];
    const fetcher = createFetcher(
      { userAgent: UA, timeoutMs: 3000, maxBytes: 1 << 20, maxRedirects: 3, allowPrivateNetwork: true, perHostIntervalMs: 500 },
      {
        clock: () => new Date(t),
        logger: silentLogger,
        sleep: async (ms) => {
          sleeps.push(ms);
          t += ms;
        },
      },
    );
    assert.ok((await fetcher.fetchText(`${s.base}/page`)).ok);
    assert.ok((await fetcher.fetchText(`${s.base}/page`)).ok);
    // robots.txt → page 1 waits the configured 500 ms; page 1 → page 2 waits the 3 s Crawl-delay.
    assert.deepEqual(sleeps, [500, 3000]);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fetchInputs } from '../src/fetch/urls.ts';
import { createFetcher } from '../src/fetch/http.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import type { InputItem } from '../src/fetch/files.ts';
import { startServer, fixture, type TestServer } from './fixtures/fetch/server.ts';

async function collect(gen: AsyncGenerator<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('fetchInputs (ingest URL)', () => {
  let s: TestServer;
  const config = loadConfig({ PARALLAX_ALLOW_PRIVATE_NETWORK: '1' });
  const fetcher = () =>
    createFetcher(
      {
        userAgent: 'ParallaxBot/0.1',
        timeoutMs: 3000,
        maxBytes: 1 << 20,
        maxRedirects: 3,
        allowPrivateNetwork: true,
        perHostIntervalMs: 0,
        maxRetries: 0,
      },
      { clock: () => new Date(), logger: silentLogger },
    );

  before(async () => {
    s = await startServer();
    s.route('/news/rss.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(fixture('local-feed.xml'));
    });
    s.route('/news/flood-barriers', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(fixture('article.html'));
    });
    s.route('/sitemap.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemaps/news.xml</loc></sitemap><sitemap><loc>/sitemaps/missing.xml</loc></sitemap></sitemapindex>',
      );
    });
    s.route('/sitemaps/news.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
          '<url><loc>/news/flood-barriers</loc><news:news><news:publication><news:name>Riverside Herald</news:name><news:language>en</news:language></news:publication>' +
          '<news:publication_date>2026-11-21T17:30:00Z</news:publication_date><news:title>Flood barriers hold</news:title></news:news></url></urlset>',
      );
    });
    s.route('/notes.txt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Plain text copied from a page.\n\nSecond paragraph.');
    });
  });
  after(async () => {
    await s.close();
  });

  it('turns a feed into one input per entry, with feed hints, falling back to feed content', async () => {
    const items = await collect(fetchInputs([`${s.base}/news/rss.xml`], config, silentLogger, { fetcher: fetcher() }));
    assert.equal(items.length, 3);
    const [a, b, c] = items;
    assert.ok(a.ok, JSON.stringify(a));
    assert.equal(a.input.ref, `${s.base}/news/flood-barriers`);
    assert.equal(a.input.kind, 'html');
    assert.match(a.input.body, /Temporary flood barriers along the lower Vell/);
    assert.deepEqual(a.input.hints, {
      url: `${s.base}/news/flood-barriers`,
      title: 'Flood barriers hold as river peaks',
      published: '2026-11-21T17:30:00.000Z',
      byline: 'Mara Lindqvist',
      language: 'en',
      outlet: 'Riverside Herald',
    });
    // The page is a 404, but the feed carries the full article.
    assert.ok(b.ok, JSON.stringify(b));
    assert.match(b.input.body, /emergency fund of 4\.5 million euros/);
    assert.match(b.input.body, /<title>Council approves emergency fund<\/title>/);
    assert.equal(b.input.hints.outlet, 'Riverside Herald');
    // A 404 page with only a teaser in the feed is a failure naming the entry.
    assert.equal(c.ok, false);
    assert.ok(!c.ok);
    assert.equal(c.failure.code, 'fetch/http-404');
    assert.equal(c.failure.ref, `${s.base}/news/schools-closed`);
    assert.match(c.failure.error, /news\/rss\.xml/);
  });

  it('yields pages as html or text inputs, and typed failures naming bad URLs', async () => {
    const items = await collect(
      fetchInputs(
        [`${s.base}/news/flood-barriers`, `${s.base}/notes.txt`, 'ftp://files.example/a.txt', `${s.base}/gone`],
        config,
        silentLogger,
        { fetcher: fetcher() },
      ),
    );
    assert.equal(items.length, 4);
    assert.ok(items[0].ok && items[0].input.kind === 'html');
    assert.ok(items[1].ok && items[1].input.kind === 'text');
    assert.ok(!items[2].ok && items[2].failure.code === 'fetch/bad-url' && items[2].failure.ref === 'ftp://files.example/a.txt');
    assert.ok(!items[3].ok && items[3].failure.code === 'fetch/http-404');
  });

  it('follows a sitemap index to its child sitemaps and their pages', async () => {
    const items = await collect(fetchInputs([`${s.base}/sitemap.xml`], config, silentLogger, { fetcher: fetcher() }));
    assert.equal(items.length, 2);
    const [page, missing] = items;
    assert.ok(page.ok, JSON.stringify(page));
    assert.equal(page.input.hints.title, 'Flood barriers hold');
    assert.equal(page.input.hints.outlet, 'Riverside Herald');
    assert.equal(page.input.hints.published, '2026-11-21T17:30:00.000Z');
    assert.ok(!missing.ok);
    assert.equal(missing.failure.ref, `${s.base}/sitemaps/missing.xml`);
    assert.equal(missing.failure.code, 'fetch/http-404');
  });

  it('builds its own fetcher from the configuration, refusing loopback when the flag is off', async () => {
    const strict = loadConfig({});
    const items = await collect(fetchInputs([`${s.base}/news/flood-barriers`], strict, silentLogger));
    assert.equal(items.length, 1);
    assert.ok(!items[0].ok && items[0].failure.code === 'fetch/blocked-address');
  });
});

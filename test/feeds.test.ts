import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseFeed, detectFeed, discoverFeeds, normalizeDate, decodeXmlText, MAX_ENTRIES } from '../src/fetch/feeds.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'feeds');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

function parsed(name: string, url: string) {
  const r = parseFeed(read(name), url);
  assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
  return r.value;
}

describe('parseFeed: RSS 2.0', () => {
  const feedUrl = 'https://www.harbour-gazette.example/world/rss.xml';
  const f = parsed('rss2.xml', feedUrl);
  it('reads the channel', () => {
    assert.equal(f.format, 'rss');
    assert.equal(f.title, 'Harbour Gazette – World');
    assert.equal(f.homepage, 'https://www.harbour-gazette.example/world/');
    assert.equal(f.language, 'en-gb');
  });
  it('resolves relative links against the feed URL and drops items without a URL and duplicates', () => {
    assert.deepEqual(
      f.entries.map((e) => e.url),
      [
        'https://www.harbour-gazette.example/world/2026/11/21/dam-spillways-river-rises',
        'https://www.harbour-gazette.example/world/2026/11/20/grain-corridor-talks',
      ],
    );
  });
  it('maps dates, authors, summary and content:encoded', () => {
    const [a, b] = f.entries;
    assert.equal(a.published, '2026-11-21T15:40:00.000Z');
    assert.equal(a.author, 'Mara Lindqvist');
    assert.match(a.summary ?? '', /heavy rain/);
    assert.match(a.contentHtml ?? '', /Vellmar dam opened three spillways/);
    assert.equal(a.language, 'en-gb');
    assert.equal(b.title, 'Talks on grain corridor resume in Geneva & Ankara');
    assert.equal(b.author, 'Tomas Reyes');
    assert.equal(b.published, '2026-11-20T09:15:00.000Z');
    assert.equal(b.contentHtml, null);
  });
});

describe('parseFeed: RSS 1.0 (RDF) and 0.91', () => {
  it('reads RDF items with dc:date and dc:creator', () => {
    const f = parsed('rss1-rdf.xml', 'https://nachrichten.example.de/rss');
    assert.equal(f.format, 'rss');
    assert.equal(f.title, 'Nachrichten Beispiel');
    assert.equal(f.language, 'de');
    assert.equal(f.entries.length, 2);
    assert.equal(f.entries[0].published, '2026-11-21T06:30:00.000Z');
    assert.equal(f.entries[0].author, 'Jana Köhler');
    // The second item has no <link>: rdf:about gives the URL.
    assert.equal(f.entries[1].url, 'https://nachrichten.example.de/wirtschaft/werk-schliesst-2.html');
    assert.equal(f.entries[1].title, 'Zulieferer schließt Werk in Sachsen');
  });
  it('reads RSS 0.91 with a DOCTYPE', () => {
    const f = parsed('rss091.xml', 'http://valley-courier.example.com/rss');
    assert.equal(f.entries.length, 1);
    assert.equal(f.entries[0].url, 'http://valley-courier.example.com/news/bridge-reopens.html');
    assert.equal(f.entries[0].published, null);
    assert.equal(f.entries[0].language, 'en-us');
  });
});

describe('parseFeed: Atom', () => {
  const f = parsed('atom.xml', 'https://lequotidien.example.fr/international/atom.xml');
  it('reads the feed, the alternate link and xml:lang', () => {
    assert.equal(f.format, 'atom');
    assert.equal(f.title, 'Le Quotidien du Littoral — International');
    assert.equal(f.homepage, 'https://lequotidien.example.fr/international/');
    assert.equal(f.language, 'fr');
  });
  it('maps entries: rel=alternate link, html title, several authors, xhtml content, published', () => {
    const e = f.entries[0];
    assert.equal(e.url, 'https://lequotidien.example.fr/international/2026/11/21/crue-barrage');
    assert.equal(e.title, 'Crue : les vannes du barrage ouvertes');
    assert.equal(e.author, 'Claire Dumont, Hugo Perrin');
    assert.equal(e.published, '2026-11-21T16:02:00.000Z');
    assert.equal(e.summary, '<p>Trois vannes ont été ouvertes samedi.</p>');
    assert.equal(
      e.contentHtml,
      "<p>Les autorités ont ordonné l'ouverture de trois vannes.</p><p>Environ 1 200 habitants ont été évacués.</p>",
    );
  });
  it('falls back to an http id, updated date, entry xml:lang, and wraps text content as HTML', () => {
    const e = f.entries[1];
    assert.equal(e.url, 'https://lequotidien.example.fr/international/2026/11/20/grain-talks');
    assert.equal(e.published, '2026-11-20T08:00:00.000Z');
    assert.equal(e.language, 'en');
    assert.equal(e.contentHtml, '<p>First paragraph &amp; more.</p>\n<p>Second paragraph.</p>');
  });
});

describe('parseFeed: JSON Feed', () => {
  const f = parsed('jsonfeed.json', 'https://northern-ledger.example.no/feed.json');
  it('reads version 1.1 items, authors and languages', () => {
    assert.equal(f.format, 'json');
    assert.equal(f.title, 'Northern Ledger');
    assert.equal(f.language, 'nb');
    assert.equal(f.entries.length, 2);
    assert.equal(f.entries[0].author, 'Ingrid Solberg');
    assert.equal(f.entries[0].contentHtml, '<p>Alle avganger fra kl. 14 er innstilt.</p>');
    assert.equal(f.entries[0].published, '2026-11-21T11:45:00.000Z');
    assert.equal(f.entries[1].url, 'https://northern-ledger.example.no/nyheter/valg');
    assert.equal(f.entries[1].author, 'Per Aas');
    assert.equal(f.entries[1].language, 'nn');
    assert.match(f.entries[1].contentHtml ?? '', /^<p>Tellingen ble ferdig natt til lørdag\.<\/p>\n<p>Valgdeltakelsen/);
  });
  it('rejects JSON that is not a JSON Feed', () => {
    const r = parseFeed('{"items": []}', 'https://x.example/feed.json');
    assert.equal(!r.ok && r.code, 'feed/malformed');
    const bad = parseFeed('{"version": "https://jsonfeed.org/version/1", "items": [', 'https://x.example/feed.json');
    assert.equal(!bad.ok && bad.code, 'feed/malformed');
  });
});

describe('parseFeed: sitemaps', () => {
  it('reads a news sitemap with publication name, language, title and date', () => {
    const f = parsed('news-sitemap.xml', 'https://diario-ejemplo.example.es/sitemaps/news.xml');
    assert.equal(f.format, 'sitemap');
    assert.equal(f.title, 'Diario Ejemplo');
    assert.equal(f.language, 'es');
    assert.equal(f.entries.length, 2);
    assert.equal(f.entries[0].title, 'La presa abre tres aliviaderos tras las lluvias');
    assert.equal(f.entries[0].published, '2026-11-21T15:20:00.000Z');
    assert.equal(f.entries[1].published, '2026-11-21');
  });
  it('reads a plain urlset, using lastmod as the only date', () => {
    const f = parsed('urlset.xml', 'https://valley-courier.example.com/sitemap.xml');
    assert.deepEqual(
      f.entries.map((e) => [e.url, e.published]),
      [
        ['https://valley-courier.example.com/news/council-vote.html', '2026-11-19T10:00:00.000Z'],
        ['https://valley-courier.example.com/news/school-budget.html', null],
      ],
    );
  });
  it('lists the child sitemaps of a sitemap index', () => {
    const f = parsed('sitemap-index.xml', 'https://diario-ejemplo.example.es/sitemap.xml');
    assert.equal(f.entries.length, 0);
    assert.deepEqual(f.sitemaps, [
      'https://diario-ejemplo.example.es/sitemaps/news.xml',
      'https://diario-ejemplo.example.es/sitemaps/archive-2026-10.xml',
    ]);
  });
});

describe('parseFeed: hostile and broken input', () => {
  it('reports malformed XML as feed/malformed with a position', () => {
    const r = parseFeed(read('malformed.xml'), 'https://broken.example.org/rss');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'feed/malformed');
    assert.match(!r.ok ? r.message : '', /line 8/);
  });
  it('repairs bare ampersands outside CDATA instead of rejecting the feed', () => {
    const r = parseFeed(
      '<rss version="2.0"><channel><title>AT&T News</title><item><title>Q&A: what now</title><link>https://x.example/a?id=1&ref=rss</link><description><![CDATA[<p>R&amp;D & more</p>]]></description></item></channel></rss>',
      'https://x.example/rss',
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.title, 'AT&T News');
    assert.equal(r.value.entries[0].title, 'Q&A: what now');
    assert.equal(r.value.entries[0].url, 'https://x.example/a?id=1&ref=rss');
    assert.equal(r.value.entries[0].summary, '<p>R&amp;D & more</p>');
  });
  it('tolerates blank lines before the XML declaration and control characters in text', () => {
    const r = parseFeed(
      '\n\n  <?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>T</title><item><title>Storm\u0001 warning\u000b issued</title><link>https://ok.example/a</link></item></channel></rss>',
      'https://ok.example/rss',
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.entries[0].title, 'Storm warning issued');
  });
  it('never expands DOCTYPE entities (billion laughs)', () => {
    const f = parsed('entity-bomb.xml', 'https://bomb.example.org/rss');
    assert.ok((f.title ?? '').length < 100);
    assert.equal(f.entries.length, 1);
  });
  it('refuses HTML pages, empty bodies and unknown roots', () => {
    for (const body of [
      '<!doctype html><html><body>hi</body></html>',
      '',
      '   ',
      '<?xml version="1.0"?><catalog><book/></catalog>',
      'plain text',
    ]) {
      const r = parseFeed(body, 'https://x.example/');
      assert.equal(!r.ok && r.code, 'feed/malformed', JSON.stringify(body));
    }
  });
  it(`keeps at most ${MAX_ENTRIES} entries`, () => {
    const items = Array.from(
      { length: MAX_ENTRIES + 50 },
      (_, i) => `<item><title>Item ${i}</title><link>https://big.example/a/${i}</link></item>`,
    ).join('');
    const f = parseFeed(`<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`, 'https://big.example/rss');
    assert.ok(f.ok);
    assert.equal(f.value.entries.length, MAX_ENTRIES);
  });
  it('does not take a non-URL guid for a relative link', () => {
    const f = parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><title>No link</title><guid>48213</guid></item></channel></rss>',
      'https://ok.example/rss',
    );
    assert.ok(f.ok);
    assert.equal(f.value.entries.length, 0);
  });
  it('decodes any number of predefined entities (&amp; by the thousand)', () => {
    // 110,000 references: more than any fixed expansion budget a parser might default to.
    const items = Array.from(
      { length: 110 },
      (_, i) =>
        `<item><title>Q&amp;A ${i}</title><description>${'R&amp;D &lt;3 '.repeat(500)}</description><link>https://ok.example/${i}</link></item>`,
    ).join('');
    const f = parseFeed(`<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`, 'https://ok.example/rss');
    assert.ok(f.ok, JSON.stringify(!f.ok && f));
    assert.equal(f.value.entries.length, 110);
    assert.equal(f.value.entries[0].title, 'Q&A 0');
    assert.ok(f.value.entries[109].summary?.startsWith('R&D <3 R&D <3'));
  });
  it('drops non-http links (javascript:, data:)', () => {
    const f = parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><link>javascript:alert(1)</link></item><item><link>data:text/html,x</link></item><item><link>https://ok.example/a</link></item></channel></rss>',
      'https://ok.example/rss',
    );
    assert.ok(f.ok);
    assert.deepEqual(
      f.value.entries.map((e) => e.url),
      ['https://ok.example/a'],
    );
  });
});

describe('detectFeed', () => {
  it('recognizes each format by its root and JSON Feed by its version', () => {
    assert.equal(detectFeed(read('rss2.xml')), 'rss');
    assert.equal(detectFeed(read('rss1-rdf.xml')), 'rss');
    assert.equal(detectFeed(read('rss091.xml')), 'rss');
    assert.equal(detectFeed(read('atom.xml')), 'atom');
    assert.equal(detectFeed(read('jsonfeed.json')), 'json');
    assert.equal(detectFeed(read('news-sitemap.xml')), 'sitemap');
    assert.equal(detectFeed(read('page-with-feeds.html')), null);
    assert.equal(detectFeed('{"a":1}'), null);
  });
});

describe('discoverFeeds', () => {
  it('finds rel=alternate feed links, resolves them and drops duplicates and non-feeds', () => {
    const found = discoverFeeds(read('page-with-feeds.html'), 'https://www.harbour-gazette.example/');
    assert.deepEqual(found, [
      { url: 'https://www.harbour-gazette.example/world/rss.xml', title: 'World news', type: 'application/rss+xml' },
      { url: 'https://www.harbour-gazette.example/business/atom.xml', title: 'Business & markets', type: 'application/atom+xml' },
      { url: 'https://www.harbour-gazette.example/feed.json', title: null, type: 'application/feed+json' },
    ]);
  });
  it('finds nothing on a page without feed links', () => {
    assert.deepEqual(discoverFeeds('<html><head><link rel="stylesheet" href="/a.css"></head></html>', 'https://x.example/'), []);
  });
});

describe('normalizeDate and decodeXmlText', () => {
  it('normalizes RFC 822 and ISO dates to UTC, null when unparseable', () => {
    assert.equal(normalizeDate('Sat, 21 Nov 2026 16:40:00 +0100'), '2026-11-21T15:40:00.000Z');
    assert.equal(normalizeDate('Sat, 21 Nov 2026 10:40:00 EST'), '2026-11-21T15:40:00.000Z');
    assert.equal(normalizeDate('2026-11-21T16:40:00+01:00'), '2026-11-21T15:40:00.000Z');
    assert.equal(normalizeDate('2026-11-21 15:40:00'), '2026-11-21T15:40:00.000Z');
    assert.equal(normalizeDate('2026-11-21'), '2026-11-21');
    // No zone: UTC, whatever the machine's time zone.
    assert.equal(normalizeDate('Sat, 21 Nov 2026 16:40:00'), '2026-11-21T16:40:00.000Z');
    assert.equal(normalizeDate('2026-11-21T16:40:00+0100'), '2026-11-21T15:40:00.000Z');
    assert.equal(normalizeDate('yesterday-ish'), null);
    assert.equal(normalizeDate(''), null);
  });
  it('decodes entities and unwraps CDATA', () => {
    assert.equal(decodeXmlText('a &lt;b&gt; &amp;amp; &#233;&#x20AC; <![CDATA[<i>&lt;</i>]]>'), 'a <b> &amp; é€ <i>&lt;</i>');
  });
});

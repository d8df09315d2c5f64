import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseOpml, toOpml } from '../src/fetch/opml.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'feeds');

describe('parseOpml', () => {
  it('reads nested outlines with folders as categories, skipping bad and duplicate URLs', () => {
    const r = parseOpml(readFileSync(join(dir, 'subscriptions.opml'), 'utf8'));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value, [
      { title: 'Harbour Gazette – World', xmlUrl: 'https://www.harbour-gazette.example/world/rss.xml', htmlUrl: 'https://www.harbour-gazette.example/world/', category: 'Europe' },
      { title: 'Le Quotidien du Littoral — International', xmlUrl: 'https://lequotidien.example.fr/international/atom.xml', htmlUrl: null, category: 'Europe' },
      { title: 'Nachrichten Beispiel', xmlUrl: 'https://nachrichten.example.de/rss', htmlUrl: 'https://nachrichten.example.de/', category: 'Germany' },
      { title: 'Northern Ledger', xmlUrl: 'https://northern-ledger.example.no/feed.json', htmlUrl: null, category: 'Nordics' },
    ]);
  });
  it('reports malformed and non-OPML documents', () => {
    const bad = parseOpml('<opml><body><outline text="x"></body></opml>');
    assert.equal(!bad.ok && bad.code, 'opml/malformed');
    const other = parseOpml('<rss version="2.0"><channel/></rss>');
    assert.equal(!other.ok && other.code, 'opml/malformed');
  });
});

describe('toOpml', () => {
  const sources = [
    { title: 'Quotes "and" <tags> & ampersands', xmlUrl: 'https://a.example/rss?x=1&y=2', htmlUrl: 'https://a.example/', category: 'News & politics' },
    { title: "L'Écho du Nord — 北方", xmlUrl: 'https://b.example/atom.xml', htmlUrl: null, category: 'News & politics' },
    { title: 'Uncategorized\tfeed', xmlUrl: 'https://c.example/feed.json', htmlUrl: null, category: null },
    { title: 'Sneaky"/><outline xmlUrl="https://evil.example/', xmlUrl: 'https://d.example/rss', htmlUrl: null, category: '</body>' },
  ];
  it('escapes everything: the output is well-formed and has exactly one outline per source', () => {
    const xml = toOpml(sources);
    assert.ok(!xml.includes('<outline xmlUrl="https://evil'), 'injected markup must stay inside the title');
    assert.ok(!xml.includes('</body>"'));
    const back = parseOpml(xml);
    assert.ok(back.ok, JSON.stringify(back));
    assert.equal(back.value.length, sources.length);
  });
  it('round-trips titles, URLs and categories', () => {
    const back = parseOpml(toOpml(sources));
    assert.ok(back.ok);
    const byUrl = new Map(back.value.map((s) => [s.xmlUrl, s]));
    for (const s of sources) {
      const got = byUrl.get(s.xmlUrl);
      assert.ok(got, s.xmlUrl);
      assert.equal(got.title, s.title.trim());
      assert.equal(got.htmlUrl, s.htmlUrl);
      assert.equal(got.category ?? null, s.category);
    }
  });
  it('round-trips the fixture subscription list', () => {
    const first = parseOpml(readFileSync(join(dir, 'subscriptions.opml'), 'utf8'));
    assert.ok(first.ok);
    const second = parseOpml(toOpml(first.value));
    assert.ok(second.ok);
    assert.deepEqual(second.value, first.value);
  });
});

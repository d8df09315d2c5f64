import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseOpml, toOpml, type OpmlFeed } from '../src/sources/opml.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'feeds');

function feed(xmlUrl: string, title: string | null, htmlUrl: string | null = null): OpmlFeed {
  return { xmlUrl, title, htmlUrl, country: null, language: null };
}

describe('parseOpml', () => {
  it("reads nested outlines in order (URL checks are the importer's: see sources.test.ts)", () => {
    const r = parseOpml(readFileSync(join(dir, 'subscriptions.opml'), 'utf8'));
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.title, 'My news sources');
    assert.deepEqual(
      r.value.feeds.map((f) => [f.title, f.xmlUrl, f.htmlUrl]),
      [
        ['Harbour Gazette – World', 'https://www.harbour-gazette.example/world/rss.xml', 'https://www.harbour-gazette.example/world/'],
        ['Le Quotidien du Littoral — International', 'https://lequotidien.example.fr/international/atom.xml', null],
        ['Nachrichten Beispiel', 'https://nachrichten.example.de/rss', 'https://nachrichten.example.de/'],
        ['Northern Ledger', 'https://northern-ledger.example.no/feed.json', null],
        ['Broken entry', 'javascript:alert(1)', null],
        ['Duplicate', 'https://www.harbour-gazette.example/world/rss.xml', null],
      ],
    );
  });
  it('reports malformed and non-OPML documents', () => {
    const bad = parseOpml('<opml><body><outline text="x"></body></opml>');
    assert.equal(!bad.ok && bad.code, 'opml/malformed');
    const other = parseOpml('<rss version="2.0"><channel/></rss>');
    assert.equal(!other.ok && other.code, 'opml/not-opml');
  });
});

describe('toOpml', () => {
  const feeds = [
    feed('https://a.example/rss?x=1&y=2', 'Quotes "and" <tags> & ampersands', 'https://a.example/'),
    feed('https://b.example/atom.xml', "L'Écho du Nord — 北方"),
    feed('https://d.example/rss', 'Sneaky"/><outline xmlUrl="https://evil.example/'),
  ];
  const groups = [
    { title: 'News & politics', feeds: feeds.slice(0, 2) },
    { title: '</body>', feeds: feeds.slice(2) },
  ];
  it('escapes everything: the output is well-formed with exactly one outline per feed', () => {
    const xml = toOpml('Parallax <sources>', groups, new Date('2025-10-31T00:00:00Z'));
    assert.ok(!xml.includes('<outline xmlUrl="https://evil'), 'injected markup must stay inside the title');
    const back = parseOpml(xml);
    assert.ok(back.ok, JSON.stringify(back));
    assert.equal(back.value.title, 'Parallax <sources>');
    assert.equal(back.value.feeds.length, feeds.length);
  });
  it('round-trips titles and URLs', () => {
    const back = parseOpml(toOpml('x', groups, new Date()));
    assert.ok(back.ok);
    const byUrl = new Map(back.value.feeds.map((f) => [f.xmlUrl, f]));
    for (const f of feeds) {
      const got = byUrl.get(f.xmlUrl);
      assert.ok(got, f.xmlUrl);
      assert.equal(got.title, f.title);
      assert.equal(got.htmlUrl, f.htmlUrl);
    }
  });
});

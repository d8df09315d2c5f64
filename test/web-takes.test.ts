import { test } from 'node:test';
import assert from 'node:assert/strict';
import { takesSection, ownershipLookup, countryContrast } from '../src/serve/web/takes.ts';
import { makeCite } from '../src/serve/web/cite.ts';
import type { StoryReport } from '../src/report.ts';
import type { SourceRecord } from '../src/store/types.ts';

/** A ferry sinking told by a state broadcaster in one country and two private papers in another, with a wire copy. */
function ferryStory(): StoryReport {
  return {
    id: 's_ferry',
    title: 'Ferry sinks off the Karsa coast',
    articles: [
      {
        id: 'k1',
        ref: 'https://www.karsa-tv.example/news/ferry',
        url: 'https://www.karsa-tv.example/news/ferry',
        title: 'Rescuers save passengers of capsized ferry',
        outlet: 'Karsa TV',
        country: 'KZ',
        language: 'en',
        published: '2026-02-02',
      },
      {
        id: 'p1',
        ref: 'https://dailyharbor.example/ferry',
        url: 'https://dailyharbor.example/ferry',
        title: 'Dozens missing after overloaded ferry sinks',
        outlet: 'Daily Harbor',
        country: 'GE',
        language: 'en',
        published: '2026-02-02',
      },
      {
        id: 'p2',
        ref: 'https://coastline.example/a/1',
        url: 'https://coastline.example/a/1',
        title: 'Ferry disaster: <b>41</b> missing',
        outlet: 'Coastline News',
        country: 'GE',
        language: 'en',
        published: '2026-02-03',
      },
      {
        id: 'w1',
        ref: 'https://copy.example/1',
        url: 'https://copy.example/1',
        title: 'Dozens missing after overloaded ferry sinks',
        outlet: 'Copy Site',
        country: 'AM',
        language: 'en',
        published: '2026-02-02',
        duplicateOf: 'p1',
      },
    ],
    overview: [{ text: 'A ferry sank off the Karsa coast on Sunday.', articles: ['k1', 'p1'] }],
    agreements: [
      { text: 'The ferry sank on Sunday morning.', articles: ['k1', 'p1', 'p2'] },
      { text: 'The ferry left port at dawn.', articles: ['p1', 'p2'] },
    ],
    exclusives: [
      { text: 'The ferry carried twice its licensed load, port records show.', articles: ['p1'] },
      { text: 'The transport minister thanked the rescue teams.', articles: ['k1'] },
    ],
    discrepancies: [
      {
        about: 'number missing',
        kind: 'count',
        values: [
          { value: '12 missing', normalized: '12', articles: ['k1'] },
          { value: '41 missing', normalized: '41', articles: ['p1', 'p2'] },
        ],
      },
    ],
    framing: [
      {
        article: 'k1',
        term: 'incident',
        counterparts: ['disaster'],
        kind: 'loaded-word',
        sentence: 'The incident was quickly brought under control.',
      },
      { article: 'p1', term: 'reportedly', kind: 'hedge', sentence: 'The captain reportedly ignored the warnings.' },
    ],
    timeline: [],
    quotes: [],
    entities: [],
    countries: [],
  };
}

const sources: SourceRecord[] = [
  {
    id: 'karsa-tv.example',
    name: 'Karsa TV',
    homepage: 'https://karsa-tv.example/',
    country: 'KZ',
    languages: ['en'],
    feeds: [],
    ownership: 'state',
    origin: 'user',
    enabled: true,
  },
  {
    id: 'dailyharbor.example',
    name: 'Daily Harbor',
    homepage: 'https://dailyharbor.example/',
    country: 'GE',
    languages: ['en'],
    feeds: [],
    ownership: 'private',
    origin: 'user',
    enabled: true,
  },
  // known by its name only (its homepage is elsewhere)
  {
    id: 'coastline',
    name: 'Coastline News',
    homepage: null,
    country: 'GE',
    languages: ['en'],
    feeds: [],
    ownership: 'private',
    origin: 'user',
    enabled: true,
  },
  {
    id: 'copy.example',
    name: 'Copy Site',
    homepage: 'https://copy.example/',
    country: 'AM',
    languages: ['en'],
    feeds: [],
    ownership: 'unknown',
    origin: 'user',
    enabled: true,
  },
];

/** The text of one group's card: from its heading to the next card. */
function card(html: string, label: string): string {
  const start = html.indexOf(`>${label}</`);
  assert.ok(start > 0, `a card for ${label}`);
  const end = html.indexOf('</ul></li>', start);
  return html.slice(start, end);
}

test('ownership comes from the sources by host (sub-domains too) or by outlet name; unknown stays unknown', () => {
  const of = ownershipLookup(sources);
  const r = ferryStory();
  assert.deepEqual(
    r.articles.map((a) => of(a)),
    ['state', 'private', 'private', null],
  );
  assert.equal(of({ outlet: null, url: null, ref: '/srv/in/karsa.txt' }), null);
});

test('alternative takes by country: each country its headline, words, figures against the others, what only it reported', () => {
  const r = ferryStory();
  const html = takesSection(r, makeCite(r));
  assert.match(html, /<h2 id="h-takes">Alternative takes<\/h2>/);
  const georgia = card(html, 'Georgia');
  assert.match(georgia, /Daily Harbor, Coastline News/);
  assert.match(georgia, /Headline: “Dozens missing after overloaded ferry sinks”/);
  assert.match(georgia, /number missing: “41 missing” \(others: “12 missing”\)/);
  assert.match(georgia, /Only here \(1 point\): The ferry carried twice its licensed load/);
  assert.match(georgia, /States 2 of the 2 points sources agree on/);
  assert.doesNotMatch(georgia, /reportedly/, 'a flagged word with nothing to set it against is not a comparison');
  const kazakhstan = card(html, 'Kazakhstan');
  assert.match(kazakhstan, /“<strong>incident<\/strong>” where others say “disaster”/);
  assert.match(kazakhstan, /“12 missing” \(others: “41 missing”\)/);
  assert.match(kazakhstan, /States 1 of the 2 points/);
  // the wire copy is counted with its original, not as Armenia's take
  assert.doesNotMatch(html, /Armenia/);
  // citations open the passage of the report item they come from
  assert.match(kazakhstan, /read\/1\?p=f0#passage/);
  assert.match(kazakhstan, /read\/1\?p=d0\.0#passage/);
});

test('alternative takes by who runs the outlet, only when the sources say so for two kinds', () => {
  const r = ferryStory();
  const html = takesSection(r, makeCite(r), ownershipLookup(sources));
  assert.match(html, /By who runs the outlet/);
  assert.match(card(html, 'State-funded media'), /Karsa TV/);
  assert.match(card(html, 'Privately owned media'), /Daily Harbor, Coastline News/);
  const onePrivate = takesSection(
    r,
    makeCite(r),
    ownershipLookup(sources.map((s) => ({ ...s, ownership: s.ownership === 'state' ? 'unknown' : s.ownership }))),
  );
  assert.doesNotMatch(onePrivate, /By who runs the outlet/);
});

test('one country and no ownership: no section; article text is escaped', () => {
  const r = ferryStory();
  const one = { ...r, articles: r.articles.map((a) => ({ ...a, country: 'GE' })) };
  assert.equal(takesSection(one, makeCite(one)), '');
  const untitled = { ...r, articles: r.articles.map((a) => (a.id === 'p1' ? { ...a, title: null } : a)) };
  const html = takesSection(untitled, makeCite(untitled));
  assert.match(html, /Headline: “Ferry disaster: &lt;b&gt;41&lt;\/b&gt; missing”/);
  assert.doesNotMatch(html, /<b>41<\/b>/);
});

test("a country page's line: how that country's press tells the story against the other countries'", () => {
  const r = ferryStory();
  assert.equal(
    countryContrast(r, 'KZ'),
    "Compared with the rest, its press says “12 missing” against “41 missing” elsewhere (number missing); uses “incident” where others write “disaster”; reports 1 point no other country's outlets do.",
  );
  assert.match(countryContrast(r, 'GE') ?? '', /says “41 missing” against “12 missing” elsewhere.*reports 1 point/);
  // a wire copy's country is not a take of its own; a story told in one country has no "rest"
  assert.equal(countryContrast(r, 'AM'), null);
  const one = { ...r, articles: r.articles.map((a) => ({ ...a, country: 'GE' })) };
  assert.equal(countryContrast(one, 'GE'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { synthesizeStory, groundingDocs } from '../src/synthesize/index.ts';
import { checkGrounding } from '../src/synthesize/grounding.ts';
import { TEMPLATE_WORDS } from '../src/synthesize/overview.ts';
import { attribute, namesOutlet, outletLabel, outletsOf } from '../src/synthesize/attribution.ts';
import { loadedInVoice, neutralVoice, quotesWhole } from '../src/synthesize/voice.ts';
import { headlineVoice } from '../src/synthesize/headline.ts';
import { isPromo } from '../src/analyze/promo.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'synthesize');
const articles = JSON.parse(readFileSync(join(FIX, 'desalination', 'articles.json'), 'utf8')) as AnalysisArticle[];
const byId = new Map(articles.map((a) => [a.id, a]));
const analysis = analyzeStory(articles, { now: new Date('2025-06-12T12:00:00Z') });
const syn = synthesizeStory(articles, analysis);

test('the opinion piece is marked, with what marks it', () => {
  const marks = analysis.opinion ?? [];
  assert.deepEqual(
    marks.map((m) => m.article),
    ['h4'],
  );
  for (const s of ['url', 'title', 'first-person'])
    assert.ok(marks[0]!.signals.includes(s), `signal ${s}: ${marks[0]!.signals.join(', ')}`);
});

test('an opinion piece is never a fact source: not in agreements, exclusives or the overview', () => {
  for (const c of [...analysis.agreements, ...analysis.exclusives, ...syn.overview]) assert.ok(!c.articles.includes('h4'), c.text);
  assert.ok(analysis.agreements.length > 0, 'the reports agree on the vote');
});

test('promo, channel and read-also lines are never an overview sentence, agreement or exclusive', () => {
  for (const c of [...analysis.agreements, ...analysis.exclusives, ...syn.overview]) {
    assert.ok(!isPromo(c.text), c.text);
    assert.doesNotMatch(c.text, /WhatsApp|Read also/);
  }
});

test('overview: agreed facts first, one-outlet claims attributed, no loaded word, whole quotations, all grounded', () => {
  assert.ok(syn.overview.length >= 3, `got ${syn.overview.length}`);
  assert.ok(syn.overview[0]!.articles.length >= 2, 'the first sentence is stated by several reports');
  const docs = groundingDocs(articles);
  for (const s of syn.overview) {
    const outlets = outletsOf(s.articles, byId);
    if (outlets.length === 1) assert.ok(namesOutlet(s.text, outlets), `one-outlet claim not attributed: ${s.text}`);
    if (!/ uses? the term /.test(s.text)) assert.deepEqual(loadedInVoice(s.text), [], s.text);
    assert.doesNotMatch(s.text, /cronies|reckless/);
    assert.ok(quotesWhole(s.text), s.text);
    const g = checkGrounding(
      s.text,
      s.articles.map((id) => docs.get(id)!),
      { allowWords: TEMPLATE_WORDS },
    );
    assert.ok(g.ok, `${s.text}: ${JSON.stringify(g.issues)}`);
  }
  assert.ok(!syn.overview.some((s) => s.text.includes('We have waited')), 'an unclosed quotation fragment is not stated');
});

test('headline: written from what the reports state, not one outlet headline, no opinion or kicker', () => {
  const key = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '');
  for (const a of articles) assert.notEqual(key(syn.title), key(a.title ?? ''), syn.title);
  assert.doesNotMatch(syn.title, /[?"“”]|opinion|mistake/i);
  assert.match(syn.title, /desalination plant/i);
});

test('timeline: a target year is planned, not an event', () => {
  const planned = analysis.timeline.filter((t) => t.date.startsWith('2029'));
  assert.ok(planned.length >= 1, JSON.stringify(analysis.timeline));
  assert.ok(planned.every((t) => t.planned === true));
  assert.ok(
    analysis.timeline.some((t) => t.date.startsWith('2025') && !t.planned),
    'the vote itself is an event',
  );
});

test('timeline: one sentence under two dates is one event, the earliest kept and disputed', () => {
  const sentence = (day: string) => `On ${day}, the ferry Nordlys ran aground near Tamsk harbour with 40 passengers and 9 crew aboard.`;
  const arts: AnalysisArticle[] = [
    {
      id: 'a',
      title: 'Ferry aground',
      text: `${sentence('March 3')}\n\nRescuers reached the ship within two hours of the alarm.`,
      outlet: 'Tamsk Post',
      country: 'NO',
      language: 'en',
      published: '2025-03-05',
      duplicateOf: null,
    },
    {
      id: 'b',
      title: 'Ferry runs aground',
      text: `${sentence('March 4')}\n\nThe coast guard said nobody was hurt in the accident.`,
      outlet: 'Fjord News',
      country: 'NO',
      language: 'en',
      published: '2025-03-05',
      duplicateOf: null,
    },
  ];
  const tl = analyzeStory(arts, { now: new Date('2025-03-05T12:00:00Z') }).timeline.filter((t) => t.text.includes('Nordlys'));
  assert.equal(tl.length, 1, JSON.stringify(tl));
  assert.equal(tl[0]!.date, '2025-03-03');
  assert.equal(tl[0]!.disputed, true);
  assert.deepEqual([...tl[0]!.articles].sort(), ['a', 'b']);
});

test('attribution names the outlet and keeps names capitalized', () => {
  const a = new Map<string, AnalysisArticle>([
    [
      'x',
      {
        id: 'x',
        title: null,
        text: 'The agency said the bridge stays shut. Officials met Governor Hale on Monday.',
        outlet: 'Daily Courier (Online News)',
        country: null,
        language: 'en',
        published: null,
        duplicateOf: null,
      },
    ],
  ]);
  assert.equal(outletLabel('Daily Courier (Online News)'), 'Daily Courier');
  assert.equal(attribute('The bridge stays shut until May.', ['x'], a), 'According to Daily Courier, the bridge stays shut until May.');
  assert.equal(attribute('Governor Hale closed the bridge.', ['x'], a), 'According to Daily Courier, Governor Hale closed the bridge.');
  assert.equal(attribute('The Daily Courier learned the bridge stays shut.', ['x'], a), 'The Daily Courier learned the bridge stays shut.');
});

test('neutral voice: loaded labels removed or the sentence refused; questions and broken quotes refused', () => {
  assert.equal(
    neutralVoice('The dictator Ivan Petrov met the envoys in Tamsk on Monday.'),
    'Ivan Petrov met the envoys in Tamsk on Monday.',
  );
  assert.equal(neutralVoice('The shameful vote was held on Monday in the city hall.'), null);
  assert.equal(neutralVoice('Will the council approve the plant before the summer?'), null);
  assert.equal(neutralVoice('“Let me be clear, we will not back down from this fight.'), null);
  assert.equal(
    neutralVoice('“It is a shameful vote,” the opposition leader said on Monday.'),
    '“It is a shameful vote,” the opposition leader said on Monday.',
  );
  assert.equal(neutralVoice('I think the council made the right call on Monday night.'), null);
});

test('headline voice: dateline and opening clause dropped, questions and profanity refused', () => {
  assert.equal(
    headlineVoice('TAMSK (Reuters) — The city council approved a new tram line on Tuesday.'),
    'The city council approved a new tram line on Tuesday',
  );
  assert.equal(headlineVoice('Why did the council approve the new tram line so quickly on Tuesday?'), null);
  assert.equal(headlineVoice('The mayor said the f*cking tram line would open by the end of next year.'), null);
  const list = headlineVoice(
    'The city council will use its first session of the year to approve a 40 million euro plan for schools, libraries and parks that would change how the city spends its budget for the next decade.',
  );
  assert.ok(list === null || !/schools$/.test(list), `cut inside a list: ${list}`);
  const appositive = headlineVoice(
    'Anna Berg, the regional transport minister, said on Monday that the new tram line would open in the spring of next year after long delays.',
  );
  assert.notEqual(appositive, 'Anna Berg, the regional transport minister');
});

test('promo guard: calls to action, teasers and credits in several languages; reporting about apps is not promo', () => {
  for (const l of [
    "Join ST's Telegram channel and get the latest breaking news delivered to you.",
    'Subscribe to our free newsletter for the top stories every morning.',
    'Download the new City app today.',
    'Read also: Drought hits farms across the region.',
    'Photo: Reuters/Jan Smit',
    '(AP Photo/Evan Vucci)',
    'Suscríbete a nuestro boletín y recibe las noticias.',
    'Читайте также: Засуха в регионе',
  ])
    assert.ok(isPromo(l), l);
  for (const l of [
    'The ministry told residents to download the app to receive flood alerts.',
    'Russia restricted calls on Telegram and WhatsApp in August, officials said.',
    'The photo, taken by a Reuters photographer, shows the damaged ship near the coast.',
  ])
    assert.ok(!isPromo(l), l);
});

/**
 * Claims across independently written reports (test/fixtures/claims/): a
 * changed figure or date is found with the right sides and the lone outlier
 * marked, compatible wordings (rounding, "about", units, a weekday and its
 * date, a from/to change) are never flagged; plus unit tests of claim
 * extraction and slot matching.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { buildStoryData } from '../src/analyze/story.ts';
import { extractClaims, slotScore, differentSubjects } from '../src/analyze/claims.ts';
import { findQuantities, quantitiesCompatible } from '../src/analyze/quantities.ts';
import { dayNumber, findDates, normalizeRange } from '../src/analyze/dates.ts';
import type { Discrepancy } from '../src/report.ts';

const here = dirname(fileURLToPath(import.meta.url));
const NOW = new Date('2026-11-22T12:00:00Z');

function load(name: string): AnalysisArticle[] {
  return (JSON.parse(readFileSync(join(here, 'fixtures', 'claims', name + '.json'), 'utf8')) as { articles: AnalysisArticle[] }).articles;
}

function valueWith(d: Discrepancy, text: string) {
  return d.values.find((v) => v.value.includes(text));
}

test('claims: a figure changed in one of three reports is found with its sides and marked the likely error', () => {
  const r = analyzeStory(load('budget'), { now: NOW });
  const d = r.discrepancies.find((x) => x.kind === 'quantity');
  assert.ok(d, JSON.stringify(r.discrepancies));
  const lone = valueWith(d, '72');
  const main = valueWith(d, '48');
  assert.deepEqual(lone?.articles, ['b2']);
  assert.deepEqual([...(main?.articles ?? [])].sort(), ['b1', 'b3']);
  assert.equal(lone?.likelyError, true);
  assert.notEqual(main?.likelyError, true);
  assert.deepEqual(lone?.outlets, ['North Shore Times']);
  assert.ok(d.about.length < 80 && /road|bridg|repair/i.test(d.about), `a short phrase naming the slot: ${d.about}`);
});

test('claims: a weekday changed in one report is a date conflict; the same weekday read against the same day is not', () => {
  const r = analyzeStory(load('budget'), { now: NOW });
  const d = r.discrepancies.find((x) => x.kind === 'date');
  assert.ok(d, JSON.stringify(r.discrepancies));
  assert.deepEqual(valueWith(d, 'Thursday')?.articles, ['b2']);
  assert.deepEqual([...(valueWith(d, 'Tuesday')?.articles ?? [])].sort(), ['b1', 'b3']);
});

test('claims: rounding, about/nearly/more than, units, a weekday and its date and a from/to change are never flagged', () => {
  const r = analyzeStory(load('compatible'), { now: NOW });
  assert.deepEqual(r.discrepancies, []);
});

test('claims: each figure keeps what it counts, its subject and its role in a change', () => {
  const arts = load('compatible');
  const data = buildStoryData(arts, NOW);
  const claims = extractClaims(data);
  const evac = claims.find((c) => c.s.article === 'f1' && c.text.startsWith('2,350'));
  assert.ok(evac);
  assert.deepEqual(evac.counted, ['resident']);
  const from = claims.find((c) => c.s.article === 'f2' && c.text.startsWith('3,600'));
  const to = claims.find((c) => c.s.article === 'f1' && c.text.startsWith('4,800'));
  assert.equal(from?.role, 'from');
  assert.equal(to?.role, 'to');
  // the same slot in other words scores above two figures of one change
  const other = claims.find((c) => c.s.article === 'f2' && c.text.startsWith('4,800'));
  assert.ok(other);
  assert.ok(slotScore(data, to, other) > slotScore(data, to, from!), 'a from-value is not a to-value');
  const sameEvac = claims.find((c) => c.s.article === 'f3' && c.text.includes('2,400'));
  const rain = claims.find((c) => c.s.article === 'f2' && c.text.startsWith('61'));
  assert.ok(sameEvac && rain);
  assert.ok(slotScore(data, evac, sameEvac) > slotScore(data, evac, rain));
});

test('claims: different people on each side are different slots', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published: '2026-09-14',
    duplicateOf: null,
  });
  const r = analyzeStory(
    [
      mk('x', 'Anna Kowal won 52% of the vote in the regional election on Sunday, the electoral commission said.'),
      mk('y', 'Piotr Nowak won 46% of the vote in the regional election on Sunday and conceded defeat.'),
    ],
    { now: NOW },
  );
  assert.deepEqual(r.discrepancies, []);
});

test('quantities: a bound reaches a quarter past its figure; a round figure covers its rounding', () => {
  const q = (s: string) => findQuantities(s)[0];
  assert.ok(quantitiesCompatible(q('more than 600,000 deaths'), q('600,000 deaths')), 'a round figure and "more than" it');
  assert.ok(!quantitiesCompatible(q('more than 250 rockets'), q('more than 400 rockets')), 'two bounds far apart');
  assert.ok(!quantitiesCompatible(q('up to 30 troops'), q('up to 50 troops')));
  assert.ok(quantitiesCompatible(q('at least 150 people'), q('more than 160 people')));
  assert.ok(!quantitiesCompatible(q('100 days'), q('150 days')), 'a round hundred is not a hundred and fifty');
});

test('claims: a statement day told before or after its verb, a figure dated by its month, one person beside two spellings', () => {
  const r = analyzeStory(load('statements'), { now: NOW });
  // "on Friday announced" and "said on Tuesday" both date the announcement
  const day = r.discrepancies.find(
    (x) => x.kind === 'date' && x.values.some((v) => /Friday/.test(v.value)) && x.values.some((v) => /Tuesday/.test(v.value)),
  );
  assert.ok(day, JSON.stringify(r.discrepancies));
  // "1,240 jobs in March" and "2,150 new jobs in March": one monthly figure, in different words
  const jobs = r.discrepancies.find((x) => x.kind === 'quantity' && x.values.some((v) => v.value.includes('1,240')));
  assert.ok(jobs, JSON.stringify(r.discrepancies));
  assert.ok(jobs.values.some((v) => v.value.includes('2,150')));
  // each value on its own report's side
  assert.deepEqual(valueWith(jobs, '1,240')?.articles, ['s1']);
  assert.deepEqual(valueWith(jobs, '2,150')?.articles, ['s2']);
  // what the claims carry for it
  const data = buildStoryData(load('statements'), NOW);
  const claims = extractClaims(data);
  const of = (article: string, text: string) => claims.find((c) => c.s.article === article && c.text.includes(text))!;
  assert.equal(of('s1', 'Friday').statement, true, 'a reporting verb after the day');
  assert.equal(of('s2', 'Tuesday').statement, true, 'a reporting verb before the day');
  const march = [...of('s1', '1,240').context].filter((t) => t.startsWith('d:'));
  assert.equal(march.length, 1);
  assert.ok(of('s2', '2,150').context.has(march[0]!), 'both figures dated by March');
  // the visit: Steve / Stephen Marlow with Ruth Okafor around both days is not two subjects
  const visits = claims.filter((c) => c.kind === 'date' && /visited|toured/.test(c.s.text));
  assert.equal(visits.length, 2);
  assert.equal(differentSubjects(visits[0]!, visits[1]!), false);
});

test('claims: a time after a figure ("498,000 last week") is not what it counts', () => {
  const data = buildStoryData(
    [
      {
        id: 'w1',
        title: null,
        text: 'Weekly unemployment claims fell to 498,000 last week, the lowest since the pandemic began.',
        outlet: 'A',
        country: 'US',
        language: 'en',
        published: '2021-05-06',
        duplicateOf: null,
      },
    ],
    NOW,
  );
  const c = extractClaims(data).find((x) => x.text.includes('498,000'))!;
  assert.deepEqual(c.counted, []);
  // a duration counts time, whatever it is of
  const war = buildStoryData(
    [
      {
        id: 'w2',
        title: null,
        text: 'The cease-fire ended more than 10 days of fighting between the two sides, officials said.',
        outlet: 'B',
        country: 'US',
        language: 'en',
        published: '2021-05-21',
        duplicateOf: null,
      },
    ],
    NOW,
  );
  assert.deepEqual(extractClaims(war).find((x) => x.text.includes('10'))!.counted, []);
});

test('claims: two leads of one publication day naming different days for the same news conflict; a day later they are two days of news', () => {
  const arts = load('lead-day');
  const r = analyzeStory(arts, { now: NOW });
  const d = r.discrepancies.find((x) => x.kind === 'date');
  assert.ok(d, JSON.stringify(r.discrepancies));
  assert.deepEqual(valueWith(d, 'Tuesday')?.articles, ['l1']);
  assert.deepEqual(valueWith(d, 'Monday')?.articles, ['l2']);
  // the same weekday in both leads: nothing to dispute
  const same = arts.map((a) => (a.id === 'l2' ? { ...a, text: a.text.replace('on Monday', 'on Tuesday') } : a));
  assert.deepEqual(analyzeStory(same, { now: NOW }).discrepancies, []);
  // published a day apart, the second lead may tell a later step: its day is not the first lead's
  const later = arts.map((a) => (a.id === 'l2' ? { ...a, published: '2026-03-12T19:05:00Z' } : a));
  assert.deepEqual(analyzeStory(later, { now: NOW }).discrepancies, []);
});

test('dates: a weekday after a past-tense verb is past even in a sentence about the future; after an auxiliary it is ahead', () => {
  const ref = dayNumber(2026, 2, 13); // Friday 2026-03-13
  const day = (s: string) => normalizeRange(findDates(s, { ref, anchor: null })[0].range);
  assert.equal(day('The new levy will cost families $300 a year, the mayor warned on Wednesday.'), '2026-03-11');
  assert.equal(day('The plan will be ready soon, the governor said Tuesday.'), '2026-03-10');
  assert.equal(day('The report will be released on Tuesday.'), '2026-03-17');
  assert.equal(day('The hearing is expected on Wednesday and will last two days.'), '2026-03-18');
  assert.equal(day('Talks will resume on Monday.'), '2026-03-16');
});

test('claims: the person who states a date after it is its source, not its subject: two speakers do not make two events', () => {
  const arts = load('speaker-date');
  const d = analyzeStory(arts, { now: NOW }).discrepancies.find((x) => x.kind === 'date');
  assert.ok(d, 'the approval dated Tuesday by one report and Monday by the other');
  assert.deepEqual(valueWith(d, 'Tuesday')?.articles, ['f1']);
  assert.deepEqual(valueWith(d, 'Monday')?.articles, ['f2']);
  const agreeing = arts.map((a) => (a.id === 'f2' ? { ...a, text: a.text.replace('on Monday', 'on Tuesday') } : a));
  assert.deepEqual(analyzeStory(agreeing, { now: NOW }).discrepancies, []);
});

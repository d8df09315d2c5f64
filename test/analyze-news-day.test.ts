/**
 * The day of a report's news and the names around it: institutions are never people ("White House", "Capitol Hill"),
 * a title after an institution starts a person's name ("Senate Majority Leader Chuck Schumer"); a lead without a date
 * takes the news day of its next sentence; a date before a noun within the week of the news dates it ("a Tuesday
 * hearing"); the day of an interview or a press conference is a statement's, not the event's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { buildStoryData } from '../src/analyze/story.ts';
import { extractClaims } from '../src/analyze/claims.ts';
import { extractEntities } from '../src/analyze/entities.ts';
import { findDates } from '../src/analyze/dates.ts';
import { parseIsoDay } from '../src/analyze/dates.ts';

const NOW = new Date('2026-11-22T12:00:00Z');

function art(id: string, outlet: string, text: string, published = '2026-11-20'): AnalysisArticle {
  return { id, title: `Report ${id}`, text, outlet, country: 'US', language: 'en', published, duplicateOf: null };
}

function typeOf(sentences: string[], name: string): string | undefined {
  const es = extractEntities([{ id: 'a', sentences }]);
  return es.find((e) => e.name === name || e.aliases.includes(name))?.type;
}

test('entities: institutions and the places that stand for them are not people', () => {
  const s = [
    'The White House said on Monday that the talks would continue.',
    'The House Freedom Caucus sent a letter to party leaders after a week of drama on Capitol Hill.',
    'The Kremlin and the Pentagon both declined to comment, while Downing Street said nothing.',
  ];
  assert.equal(typeOf(s, 'White House'), 'organization');
  assert.equal(typeOf(s, 'House Freedom Caucus'), 'organization');
  assert.equal(typeOf(s, 'Capitol Hill'), 'place');
  assert.equal(typeOf(s, 'Kremlin'), 'organization');
  assert.equal(typeOf(s, 'Pentagon'), 'organization');
  assert.equal(typeOf(s, 'Downing Street'), 'organization');
});

test('entities: a title after an institution or a place starts a person, whose name keeps the rest as labels', () => {
  const s = [
    'Senate Majority Leader Chuck Schumer scheduled a vote for Wednesday.',
    'South Dakota Gov. Kristi Noem said the troops would leave this week.',
    'The State Department and the Foreign Ministry of Japan issued a joint statement.',
  ];
  const es = extractEntities([{ id: 'a', sentences: s }]);
  const schumer = es.find((e) => e.name === 'Chuck Schumer');
  assert.equal(schumer?.type, 'person');
  assert.ok(schumer?.labels.some((l) => l.label === 'Senate'));
  assert.equal(es.find((e) => e.name === 'Kristi Noem')?.type, 'person');
  // no title before a name: institutions stay whole
  assert.equal(typeOf(s, 'State Department'), 'organization');
  assert.equal(typeOf(s, 'Foreign Ministry of Japan'), 'organization');
  assert.ok(!es.some((e) => e.type === 'person' && /Senate|Dakota/.test(e.name)));
});

test('dates: a weekday or a day of the news week before a noun dates it; a past day before a noun names an event', () => {
  const ref = parseIsoDay('2026-11-20')!;
  const [tue] = findDates('Fauci clashed with Paul during a Tuesday Senate hearing on research funding.', { ref, anchor: null });
  assert.ok(tue && !tue.modifier, 'a Tuesday hearing is dated');
  const [nov] = findDates('The senators met before a Nov. 18 committee vote on the bill.', { ref, anchor: null });
  assert.ok(nov && !nov.modifier, 'a date two days before publication dates the vote');
  const [jan] = findDates('Lawmakers named the members of the Jan. 6 select committee.', { ref, anchor: null });
  assert.ok(jan?.modifier, 'a day ten months back names the event');
});

test('claims: a lead without a date takes the day of its next sentence; a day far from publication is not the news day', () => {
  const a = art(
    'a',
    'Capital Ledger',
    'The county board approved a new transit levy to fund bus lines. The board voted on Tuesday after a four-hour debate, officials said.',
  );
  const b = art(
    'b',
    'Valley Post',
    'Citing the 2019 flood, the county board on Tuesday approved a transit levy for bus lines. Critics said the levy was rushed.',
  );
  const data = buildStoryData([a, b], NOW);
  const claims = extractClaims(data);
  const day = (id: string) => claims.find((c) => c.s.article === id && c.kind === 'date' && c.weekday === 'tuesday');
  assert.equal(day('a')?.leadDay, true, 'the second sentence dates the undated lead');
  assert.equal(day('b')?.leadDay, true, 'a year long past does not hide the lead day');
});

test('claims: the day of a press conference is a statement, and is not matched against the event day of another lead', () => {
  const arts = [
    art('p1', 'Harbor News', 'Two smugglers were arrested in a raid on the port on Thursday night, the coast guard said.'),
    art(
      'p2',
      'Metro Wire',
      'Two smugglers were arrested in a raid on the port, the coast guard says. Details were given at a Friday morning coast guard press conference.',
    ),
  ];
  const data = buildStoryData(arts, NOW);
  const fri = extractClaims(data).find((c) => c.weekday === 'friday');
  assert.equal(fri?.statement, true);
  assert.equal(fri?.spoken, true);
  assert.deepEqual(analyzeStory(arts, { now: NOW }).discrepancies, []);
});

test('claims: two leads naming different days of one announcement, published the same day, conflict', () => {
  const arts = [
    art(
      'l1',
      'Harbor News',
      'Democratic leaders announced on Monday that they will pair a stopgap spending bill with an extension of the debt limit through 2027.',
    ),
    art(
      'l2',
      'Metro Wire',
      'House and Senate leaders announced on Wednesday that they plan to attach a debt limit extension through December 2027 to a stopgap bill.',
    ),
    art(
      'l3',
      'Plains Courier',
      'Congressional leaders announced on Monday that they will attach a debt limit increase to a stopgap spending bill, daring Republicans to oppose it.',
    ),
  ];
  const ds = analyzeStory(arts, { now: NOW }).discrepancies.filter((d) => d.kind === 'date');
  assert.equal(ds.length, 1, JSON.stringify(ds));
  const wed = ds[0].values.find((v) => v.value.includes('Wednesday'));
  assert.deepEqual(wed?.articles, ['l2']);
  assert.equal(wed?.likelyError, true);
});

test('claims: two deadlines with one role are one slot; "Dec. 3" and "December 3, 2026" are one day', () => {
  const arts = [
    art(
      'd1',
      'Harbor News',
      'Congress passed a bill extending government funding through Dec. 9, sending it to the president hours before the deadline.',
    ),
    art(
      'd2',
      'Metro Wire',
      'The stopgap measure includes language to keep the government funded through Dec. 3 in addition to disaster relief money.',
    ),
    art(
      'd3',
      'Plains Courier',
      'Lawmakers approved a stopgap that keeps federal agencies open through December 3, 2026, and adds disaster aid.',
    ),
  ];
  const ds = analyzeStory(arts, { now: NOW }).discrepancies.filter((d) => d.kind === 'date');
  assert.equal(ds.length, 1, JSON.stringify(ds));
  const dec9 = ds[0].values.find((v) => v.value.includes('9'));
  assert.deepEqual(dec9?.articles, ['d1']);
  const dec3 = ds[0].values.find((v) => v !== dec9);
  assert.deepEqual([...(dec3?.articles ?? [])].sort(), ['d2', 'd3'], 'the day with and without its year agree');
});

test('claims: a place further off in the sentence does not make two events; places around both dates do', () => {
  const summit = [
    art(
      's1',
      'Harbor News',
      'World leaders attending the summit on Sunday issued a call for a new independent study into the origins of the coronavirus pandemic, including in China.',
    ),
    art(
      's2',
      'Metro Wire',
      'Leaders of the group on Friday called for a new, transparent and thorough study into the origins of the coronavirus pandemic as their weekend of meetings in Britain came to an end.',
    ),
  ];
  const ds = analyzeStory(summit, { now: NOW }).discrepancies;
  assert.equal(ds.length, 1, JSON.stringify(ds));
  const apart = [
    art('k1', 'Harbor News', 'A power station in Kharkiv was struck by drones on Sunday, cutting heat to thousands of homes.'),
    art('k2', 'Metro Wire', 'A power station in Odesa was struck by drones on Friday, cutting heat to thousands of homes.'),
  ];
  assert.deepEqual(analyzeStory(apart, { now: NOW }).discrepancies, []);
});

test('claims: a figure stated bare is matched with the new value of a change, not the earlier one', () => {
  const arts = [
    art(
      'j1',
      'Harbor News',
      'The number of job openings on the last day of May rose slightly to 9.2 million, the Labor Department said on Wednesday.',
    ),
    art('j2', 'Metro Wire', 'Job openings reached 13.8 million at the end of May, according to the Labor Department.'),
    art(
      'j3',
      'Plains Courier',
      'The number of available jobs on the last day of May rose slightly to 9.21 million, from 9.19 million in April, the Labor Department said.',
    ),
  ];
  const ds = analyzeStory(arts, { now: NOW }).discrepancies.filter((d) => d.kind === 'quantity');
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.deepEqual(ds[0].values.find((v) => v.value.includes('13.8'))?.articles, ['j2']);
  const agreed = ds[0].values.find((v) => v.value.includes('9.2'));
  assert.deepEqual([...(agreed?.articles ?? [])].sort(), ['j1', 'j3']);
  assert.ok(!ds[0].values.some((v) => v.value.includes('9.19')));
});

/** util/calendar: one month / weekday table for datelines, page metadata and clustering. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MONTHS, MONTHS_IN_PROSE, WEEKDAYS, foldToken, monthAlternation } from '../src/util/calendar.ts';
import { dateFromText } from '../src/extract/html/meta.ts';
import { dateMentions } from '../src/cluster/text.ts';

test('month names, abbreviations and genitives fold to their month in every language of the table', () => {
  const cases: Array<[string, number]> = [
    ['January', 1],
    ['févr', 2],
    ['März', 3],
    ['maerz', 3],
    ['março', 3],
    ['kwietnia', 4],
    ['мая', 5],
    ['червня', 6],
    ['temmuz', 7],
    ['Août', 8],
    ['sept', 9],
    ['października', 10],
    ['noviembre', 11],
    ['déc', 12],
    ['Jänner', 1],
  ];
  for (const [w, m] of cases) assert.equal(MONTHS.get(foldToken(w)), m, w);
  assert.equal(WEEKDAYS.get(foldToken('Miércoles')), 3);
  assert.equal(WEEKDAYS.get(foldToken('воскресенье')), 7);
});

test('the prose table keeps names and English abbreviations but not short forms that are everyday words', () => {
  for (const w of ['set', 'out', 'mag', 'gen', 'sie', 'lis']) {
    assert.ok(MONTHS.has(w), `${w} is a month abbreviation in a dateline`);
    assert.equal(MONTHS_IN_PROSE.get(w), undefined, `${w} is not a month in running text`);
  }
  for (const [w, m] of [
    ['sep', 9],
    ['dec', 12],
    ['mai', 5],
    ['mei', 5],
    ['juil', 7],
    ['setembro', 9],
  ] as const)
    assert.equal(MONTHS_IN_PROSE.get(w), m, w);
});

test('the month alternation matches written forms with accents and is safe in a RegExp', () => {
  const re = new RegExp(`^(?:${monthAlternation()})$`, 'iu');
  for (const w of ['février', 'fevrier', 'März', 'grudnia', 'октября', 'Dezember']) assert.ok(re.test(w), w);
  assert.ok(!re.test('marzipan'));
});

test('page text dates read in the languages of the shared table', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  assert.equal(dateFromText('Opublikowano 3 października 2025, 14:05', now), '2025-10-03');
  assert.equal(dateFromText('Publié le 12 février 2024', now), '2024-02-12');
  assert.equal(dateFromText('Updated March 4, 2026', now), '2026-03-04');
});

test('dates mentioned in a lead: a month name before a day number, not an abbreviation that is a word', () => {
  assert.deepEqual(dateMentions('The quake, mag 7 on the Richter scale, struck on 11 de marzo.'), ['03-11']);
  assert.deepEqual(dateMentions('Il sisma del 5 settembre ha colpito la costa; set 3 nuovi record.'), ['09-05']);
  assert.deepEqual(dateMentions('Wybory odbyły się 15 października.'), ['10-15']);
});

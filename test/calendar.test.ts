/** util/calendar: one month / weekday table for datelines, page metadata and clustering, read from the locale files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MONTHS, MONTHS_IN_PROSE, WEEKDAYS, foldToken, monthAlternation } from '../src/util/calendar.ts';
import { dateFromText } from '../src/extract/html/meta.ts';
import { dateMentions } from '../src/cluster/text.ts';
import { createLocales, dayNumber, findLocaleDates } from '../src/text/index.ts';

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

test('one source: the tables are the locale files’ months and weekdays; dateline-only forms stay out of the date phrases', () => {
  const locales = createLocales();
  const functionWords = (lang: string) =>
    new Set(locales.languages.filter((l) => l !== lang).flatMap((l) => locales.get(l)!.data.stopwords.map(foldToken)));
  for (const lang of locales.languages) {
    const months = locales.get(lang)!.data.months;
    const others = functionWords(lang);
    months.forEach((forms, i) => {
      for (const f of forms)
        if (!f.includes(' ') && !others.has(foldToken(f))) assert.equal(MONTHS.get(foldToken(f)), i + 1, `${lang} ${f}`);
    });
  }
  // "des" (Indonesian December) is French and German "of the": a month in Indonesian date phrases only
  assert.equal(MONTHS.get('des'), undefined);
  assert.equal(
    findLocaleDates('Pemilu digelar pada 3 Des 2025.', { ref: dayNumber(2025, 10, 30), anchor: null }, locales.get('id')!).length,
    1,
  );
  for (const [w, m] of [
    ['أكتوبر', 10],
    ['maart', 3],
    ['октябре', 10],
  ] as const)
    assert.equal(MONTHS_IN_PROSE.get(foldToken(w)), m, w);
  // "sie" (Polish "się" folded) is an August abbreviation in a dateline only
  const pl = locales.get('pl')!;
  const ctx = { ref: dayNumber(2025, 10, 30), anchor: null };
  assert.equal(findLocaleDates('Spotkanie odbyło się 5 sierpnia 2025 r.', ctx, pl).length, 1);
  assert.equal(findLocaleDates('Spotkanie 5 sie 2025 r.', ctx, pl).length, 0);
  assert.equal(MONTHS.get('sie'), 8);
});

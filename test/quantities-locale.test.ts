/**
 * Figures read in every language with a locale: local separators (1.234,5 / 1 234,5 / ١٬٢٣٤ / 4.5万), number and
 * scale words, percent words, the qualifier before a figure, and the canonical unit that lets a figure compare
 * across languages ("toneladas", "тонн", "طنا", "吨" → u:tonne). Years and codes ("Ил-76") are not figures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuantities, normalizeQuantity } from '../src/analyze/quantities.ts';
import { findDates } from '../src/analyze/dates.ts';
import { createLocales } from '../src/text/index.ts';
import { dayToJalali, jalaliToDay } from '../src/text/jalali.ts';
import { tokenize } from '../src/text/tokens.ts';

const locales = createLocales();
const ref = Math.floor(Date.UTC(2025, 9, 30) / 86_400_000);

/** [language, sentence, expected figures as normalized value + first canonical unit ('' when none)] */
const CASES: Array<[string, string, string[]]> = [
  ['de', 'Die Regierung schickte mehr als 1.250 Soldaten und 45,5 Tonnen Hilfsgüter.', ['>1250 u:soldier', '45.5 u:tonne']],
  ['de', 'Der Schaden liegt bei rund 2,3 Millionen Euro, die Inflation bei 3,1 Prozent.', ['~2300000 u:euro', '3.1% ']],
  ['de', 'Drei Flugzeuge landeten am 27. Oktober 2025 in Caracas.', ['3 u:plane']],
  ['es', 'Más de 1.250 soldados y tres aviones llegaron el 27 de octubre.', ['>1250 u:soldier', '3 u:plane']],
  ['es', 'La inflación subió al 12,5 por ciento y la deuda a 4.000 millones de dólares.', ['12.5% ', '4000000000 u:dollar']],
  ['fr', 'Le gouvernement a envoyé 1 250 soldats et environ 3 500 tonnes de vivres.', ['1250 u:soldier', '~3500 u:tonne']],
  ['fr', 'Au moins 12 personnes ont été tuées, selon un bilan publié en 2024.', ['≥12 u:person']],
  ['pt', 'Cerca de 2,5 milhões de pessoas foram afetadas em 2023.', ['~2500000 u:person']],
  ['it', 'Oltre 300 persone e quasi 40 tonnellate di aiuti sono arrivate.', ['>300 u:person', '≲40 u:tonne']],
  ['ru', 'Около 1 250 военных и 45 тонн груза доставил Ил-76.', ['~1250 u:soldier', '45 u:tonne']],
  ['ru', 'Ущерб оценивается в 2,5 млн долларов, или 12,5 процента бюджета.', ['2500000 u:dollar', '12.5% ']],
  ['uk', 'Понад 40 людей загинули, ще 120 поранених доправили до лікарень.', ['>40 u:person', '120 u:injured']],
  ['pl', 'Co najmniej 15 osób zginęło, a 2,5 tys. ewakuowano w 2024 r.', ['≥15 u:person', '2500 ']],
  ['tr', 'Hükümet 1.250 asker ve 45 ton yardım gönderdi, enflasyon yüzde 12,5 oldu.', ['1250 u:soldier', '45 u:tonne', '12.5% ']],
  ['id', 'Sedikitnya 25 orang tewas dan 1.200 rumah rusak.', ['≥25 u:person', '1200 ']],
  ['ar', 'أرسلت الحكومة ١٬٢٥٠ جنديا و45 طنا من المساعدات.', ['1250 u:soldier', '45 u:tonne']],
  ['ar', 'قتل أكثر من 30 شخصا وارتفع التضخم إلى 12.5 بالمئة.', ['>30 u:person', '12.5% ']],
  ['fa', 'دولت ۱٬۲۵۰ سرباز و ۴۵ تن کمک اعزام کرد.', ['1250 u:soldier', '45 u:tonne']],
  ['zh', '政府派出1250名士兵和4.5万吨物资，约占百分之三十，一架飞机于2025年10月27日抵达。', ['1250 u:person', '45000 u:tonne', '30% ']],
];

test('figures in every language: separators, words, scales, percent, qualifiers and units', () => {
  for (const [lang, sentence, want] of CASES) {
    const locale = locales.get(lang);
    assert.ok(locale, lang);
    const dates = findDates(sentence, { ref, anchor: null, locale });
    const got = findQuantities(
      sentence,
      dates.map((d) => [d.start, d.end]),
      locale,
    ).map((q) => `${normalizeQuantity(q)} ${q.nouns.find((n) => n.startsWith('u:')) ?? ''}`);
    assert.deepEqual(got, want, `${lang}: ${sentence}`);
  }
});

test('an English figure keeps its reading and gains its canonical unit only when read through the English locale', () => {
  const s = 'The government sent more than 1,250 soldiers and 45 tons of aid.';
  const plain = findQuantities(s);
  const withLocale = findQuantities(s, [], locales.get('en'));
  assert.deepEqual(
    plain.map((q) => q.nouns),
    [['soldier'], ['ton', 'aid']],
  );
  assert.deepEqual(
    withLocale.map((q) => q.nouns),
    [
      ['soldier', 'u:soldier'],
      ['ton', 'aid', 'u:tonne'],
    ],
  );
  assert.deepEqual(
    withLocale.map((q) => [q.lo, q.hi]),
    plain.map((q) => [q.lo, q.hi]),
  );
});

test('the Persian solar calendar: Nowruz, month lengths and the way back', () => {
  const iso = (d: number | null) => (d === null ? null : new Date(d * 86_400_000).toISOString().slice(0, 10));
  assert.equal(iso(jalaliToDay(1404, 1, 1)), '2025-03-21');
  assert.equal(iso(jalaliToDay(1403, 1, 1)), '2024-03-20');
  assert.equal(iso(jalaliToDay(1404, 7, 1)), '2025-09-23');
  assert.equal(iso(jalaliToDay(1402, 10, 11)), '2024-01-01');
  assert.equal(jalaliToDay(1404, 12, 30), null, '1404 is not a leap year');
  assert.equal(iso(jalaliToDay(1403, 12, 30)), '2025-03-20');
  assert.deepEqual(dayToJalali(jalaliToDay(1404, 8, 5)!), { jy: 1404, jm: 8, jd: 5 });
});

test('tokens: digits of any script, Chinese numerals as one number, Persian half-spaces between words', () => {
  const zh = tokenize('二〇二五年十月二十七日', new Set('〇零一二两三四五六七八九十百千'));
  assert.deepEqual(
    zh.map((t) => t.num ?? t.t),
    [2025, '年', 10, '月', 27, '日'],
  );
  assert.deepEqual(
    tokenize('٢٧ أكتوبر').map((t) => t.num ?? t.t),
    [27, 'اكتوبر'],
  );
  assert.deepEqual(
    tokenize('سه‌شنبه').map((t) => t.t),
    ['سه', 'شنبه'],
  );
});

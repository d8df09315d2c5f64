/**
 * Dates read in every language with a locale (src/text): a table per language of dated sentences
 * (test/fixtures/dates/<lang>.json — absolute, partial and relative, against a publication date, some after a
 * sentence that dates the event) with the dates each should resolve to; at least 95% right per language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { findDates, normalizeRange, parseIsoDay } from '../src/analyze/dates.ts';
import { createLocales } from '../src/text/index.ts';

interface Table {
  lang: string;
  published: string;
  cases: Array<[string, string[], string?]>;
}

const dir = new URL('./fixtures/dates/', import.meta.url);
const locales = createLocales();

function resolved(t: Table, [text, , before]: Table['cases'][number]): string[] {
  const ctx = { ref: parseIsoDay(t.published)!, anchor: null as number | null, locale: locales.get(t.lang) };
  if (before) findDates(before, ctx);
  return findDates(text, ctx).map((d) => normalizeRange(d.range));
}

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const t = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Table;
  test(`dates in ${t.lang}: at least 95% of ${t.cases.length} sentences resolved`, () => {
    assert.ok(t.cases.length >= 30, 'a table of at least 30 sentences');
    assert.ok(locales.get(t.lang), `a locale for ${t.lang}`);
    const wrong = t.cases.filter((c) => JSON.stringify(resolved(t, c)) !== JSON.stringify(c[1]));
    const detail = wrong.map((c) => `${c[0]} → ${JSON.stringify(resolved(t, c))}, expected ${JSON.stringify(c[1])}`).join('\n');
    assert.ok(wrong.length <= t.cases.length * 0.05, `${wrong.length} of ${t.cases.length} wrong:\n${detail}`);
    if (wrong.length) console.log(`${t.lang}: ${wrong.length} wrong\n${detail}`);
  });
}

test('a date at the very end of a sentence, with no stop after it, reads as with one', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const t = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Table;
    for (const c of t.cases) {
      const bare = c[0].replace(/[.。!?؟]+$/u, '');
      assert.deepEqual(resolved(t, [bare, c[1], c[2]]), resolved(t, c), `${t.lang}: ${bare}`);
    }
  }
  const de = locales.get('de');
  assert.deepEqual(
    findDates('Die Maschine landete am 27. Oktober', { ref: parseIsoDay('2025-10-30')!, anchor: null, locale: de }).map((d) =>
      normalizeRange(d.range),
    ),
    ['2025-10-27'],
  );
});

test('every listed language has a locale and a date table', () => {
  const want = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'uk', 'tr', 'ar', 'zh', 'fa', 'pl', 'id'];
  const tables = readdirSync(dir).map((f) => f.replace(/\.json$/, ''));
  for (const l of want) {
    assert.ok(locales.languages.includes(l), `locale ${l}`);
    assert.ok(tables.includes(l), `date table ${l}`);
  }
});

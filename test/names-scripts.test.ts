/**
 * Names across scripts (src/text/names.ts writesName): tables of names written in Chinese, Arabic, Persian, Hebrew,
 * Greek, Devanagari and Cyrillic letters with the Latin name each writes (test/fixtures/names/pairs.json, used to
 * tune the readings; heldout.json, written after and measured as it stands). Every form is tried against every
 * Latin name of its table: precision and recall over those pairs; everyday words of each script match no name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writesName } from '../src/text/names.ts';

interface Table {
  latin: string[];
  pairs: Array<[string, string]>;
  common: string[];
}

function table(name: string): Table {
  return JSON.parse(readFileSync(new URL(`./fixtures/names/${name}.json`, import.meta.url), 'utf8')) as Table;
}

function measure(t: Table): { precision: number; recall: number; wrong: string[]; missed: string[] } {
  let tp = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const [form, name] of t.pairs)
    for (const latin of t.latin) {
      const got = writesName(form, latin);
      if (got && latin === name) tp++;
      else if (got) wrong.push(`${form} → ${latin}`);
      else if (latin === name) missed.push(`${form} ≠ ${latin}`);
    }
  for (const word of t.common) for (const latin of t.latin) if (writesName(word, latin)) wrong.push(`${word} → ${latin}`);
  return { precision: tp / (tp + wrong.length), recall: tp / (tp + missed.length), wrong, missed };
}

test('names across seven scripts: precision and recall on the table the readings were made with', () => {
  const t = table('pairs');
  assert.ok(t.pairs.length >= 30);
  const m = measure(t);
  console.log(`pairs: precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)}; missed ${m.missed.join(', ')}`);
  assert.ok(m.precision >= 0.97, m.wrong.join(', '));
  assert.ok(m.recall >= 0.95, m.missed.join(', '));
  for (const [form, latin] of [
    ['普京', 'Putin'],
    ['委内瑞拉', 'Venezuela'],
    ['马杜罗', 'Maduro'],
    ['بوتين', 'Putin'],
    ['פוטין', 'Putin'],
    ['Πούτιν', 'Putin'],
    ['पुतिन', 'Putin'],
  ])
    assert.ok(writesName(form, latin), `${form} = ${latin}`);
});

test('names across seven scripts: a table written after, as it stands', () => {
  const m = measure(table('heldout'));
  console.log(`heldout: precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)}; missed ${m.missed.join(', ')}`);
  assert.ok(m.precision >= 0.95, m.wrong.join(', '));
  assert.ok(m.recall >= 0.55, m.missed.join(', '));
});

test('everyday words are not names, and Latin words are not read as another script', () => {
  for (const [word, latin] of [
    ['马上', 'Macron'],
    ['特别', 'Trump'],
    ['مدير', 'Maduro'],
    ['Бедный', 'Biden'],
    ['Путь', 'Putin'],
    ['מדברים', 'Maduro'],
    ['मजदूर', 'Maduro'],
    ['Maduro', 'Maduro'],
  ])
    assert.ok(!writesName(word, latin), `${word} ≠ ${latin}`);
});

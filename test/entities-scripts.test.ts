/**
 * Entities across scripts: one person or place named in Latin, Cyrillic, Arabic and Chinese letters is one entity
 * of the story (test/fixtures/multilingual/names: Maduro meets Putin in Moscow, told in en, es, ru, ar, zh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { arabicWritesName, hanWritesName, hanNameRuns, romanize, soundKeys } from '../src/text/names.ts';
import type { Entity } from '../src/report.ts';

function story(dir: string, langs: string[], published: string): AnalysisArticle[] {
  return langs.map((lang) => {
    const [title, ...rest] = readFileSync(new URL(`./fixtures/multilingual/${dir}/${lang}.txt`, import.meta.url), 'utf8').split('\n');
    return { id: lang, title, text: rest.join('\n').trim(), outlet: null, country: null, language: lang, published, duplicateOf: null };
  });
}

function entityNamed(entities: Entity[], form: string): Entity {
  const e = entities.filter((x) => x.name === form || (x.aliases ?? []).includes(form));
  assert.equal(e.length, 1, `one entity written ${form}: ${JSON.stringify(entities.map((x) => [x.name, x.aliases]))}`);
  return e[0];
}

test('names in other scripts: Latin forms of Cyrillic words, Arabic and Chinese spellings of Latin names', () => {
  assert.equal(romanize('Мадуро'), 'Maduro');
  assert.equal(romanize('Ил-76'), 'Il-76');
  assert.ok(soundKeys('Каракасом').includes(soundKeys('Caracas')[0]), 'a case ending left off');
  for (const [ar, latin] of [
    ['مادورو', 'Maduro'],
    ['بوتين', 'Putin'],
    ['وموسكو', 'Moscow'],
    ['ترامب', 'Trump'],
    ['نتنياهو', 'Netanyahu'],
    ['زيلينسكي', 'Zelensky'],
  ])
    assert.ok(arabicWritesName(ar, latin), `${ar} = ${latin}`);
  // a word of the same letters in another order, or with other vowels written, is not the name
  for (const [ar, latin] of [
    ['مدير', 'Maduro'],
    ['بوتين', 'Biden'],
    ['وزارة', 'Venezuela'],
    ['الأدوية', 'Maduro'],
  ])
    assert.ok(!arabicWritesName(ar, latin), `${ar} ≠ ${latin}`);
  for (const [zh, latin] of [
    ['马杜罗', 'Maduro'],
    ['莫斯科', 'Moscow'],
    ['马克龙', 'Macron'],
    ['特朗普', 'Trump'],
    ['泽连斯基', 'Zelensky'],
  ])
    assert.ok(hanWritesName(zh, latin), `${zh} = ${latin}`);
  for (const [zh, latin] of [
    ['马杜罗', 'Macron'],
    ['斯科', 'Moscow'],
  ])
    assert.ok(!hanWritesName(zh, latin), `${zh} ≠ ${latin}`);
  assert.deepEqual(
    hanNameRuns('委内瑞拉外长伊万·希尔感谢俄罗斯。').map((r) => r.text),
    ['委内瑞拉', '伊万·希尔', '罗斯'],
  );
});

test('one story in five languages and three scripts: Maduro, Putin, Moscow and Caracas are one entity each', () => {
  const { entities } = analyzeStory(story('names', ['en', 'es', 'ru', 'ar', 'zh'], '2025-10-29T09:00:00Z'), {
    now: new Date('2025-10-30T12:00:00Z'),
  });
  const maduro = entityNamed(entities, 'Nicolás Maduro');
  assert.equal(maduro.type, 'person');
  assert.deepEqual([...maduro.articles].sort(), ['ar', 'en', 'es', 'ru', 'zh']);
  for (const form of ['Мадуро', 'مادورو', '马杜罗']) assert.ok(maduro.aliases?.includes(form), form);
  // 'مدير' (director) in the Arabic report is not Maduro
  assert.ok(!entities.some((e) => e.name === 'مدير' || e.aliases?.includes('مدير')));
  const putin = entityNamed(entities, 'Putin');
  assert.equal(putin, entityNamed(entities, 'Путин'));
  assert.equal(putin, entityNamed(entities, 'بوتين'));
  assert.deepEqual([...putin.articles].sort(), ['ar', 'en', 'es', 'ru', 'zh']); // 普京: 京 is the ti of Putin in its established name
  assert.ok(putin.aliases?.includes('普京'));
  assert.equal(entityNamed(entities, 'Moscú').name, 'Moscow');
  for (const [place, forms] of [
    ['Moscow', ['Москве', 'موسكو', '莫斯科']],
    ['Caracas', ['Каракас', 'كاراكاس', '加拉加斯']],
  ] as const) {
    const e = entityNamed(entities, place);
    assert.equal(e.type, 'place');
    for (const f of forms) assert.ok(e.aliases?.includes(f), `${place}: ${f}`);
  }
});

test('seven languages: the airport in five scripts is one entity, places in other Latin spellings too; German nouns and months are not names', () => {
  const { entities } = analyzeStory(story('il76-caracas', ['en', 'es', 'fr', 'de', 'ru', 'ar', 'zh'], '2025-10-28T09:00:00Z'), {
    now: new Date('2025-10-29T12:00:00Z'),
  });
  const airport = entityNamed(entities, 'مايكيتيا');
  assert.deepEqual([...airport.articles].sort(), ['ar', 'de', 'en', 'es', 'fr', 'ru', 'zh']);
  assert.equal(airport.name, 'Maiquetía', 'named as the English report writes it');
  // the same place in other languages written in Latin letters
  for (const [place, forms] of [
    ['Moscow', ['Moscú', 'Moscou', 'Moskau', 'Москвы']],
    ['Algeria', ['Algérie', 'Algerien']],
  ] as const)
    for (const f of forms) assert.equal(entityNamed(entities, f).name, place, f);
  assert.equal(entityNamed(entities, 'Yván Gil').type, 'person');
  assert.ok(!entities.some((e) => /Oktober|Tonnen|Maschine/.test(e.name)), JSON.stringify(entities.map((e) => e.name)));
  assert.deepEqual([...entityNamed(entities, 'Il-76').articles].sort(), ['de', 'en', 'es', 'fr', 'ru']);
});

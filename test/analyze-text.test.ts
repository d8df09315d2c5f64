/** Unit tests: sentence splitting and entity extraction/merging (analyze/). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, splitParagraphs, articleSentences, textSentences } from '../src/analyze/sentences.ts';
import { extractEntities, designationOf } from '../src/analyze/entities.ts';

test('sentences: abbreviations, initials, decimals and quotes do not split', () => {
  const s = splitSentences(
    'Mr. Okafor flew to the U.S. capital on Oct. 4 with Gen. Hale. He said the economy grew 2.5 percent. ' +
      'John F. Kennedy Airport was closed. “We will not leave.” She paused. “No,” said Ms. Lind.',
  );
  assert.deepEqual(s, [
    'Mr. Okafor flew to the U.S. capital on Oct. 4 with Gen. Hale.',
    'He said the economy grew 2.5 percent.',
    'John F. Kennedy Airport was closed.',
    '“We will not leave.”',
    'She paused.',
    '“No,” said Ms. Lind.',
  ]);
});

test('sentences: a dotted acronym ends a sentence only before a sentence opener', () => {
  assert.deepEqual(splitSentences('Troops arrived in the U.S. The talks resumed.'), ['Troops arrived in the U.S.', 'The talks resumed.']);
  assert.deepEqual(splitSentences('He met U.S. Senator Ray Cole.'), ['He met U.S. Senator Ray Cole.']);
});

test('paragraphs: blank lines and single line breaks separate, hard-wrapped lines join', () => {
  assert.deepEqual(splitParagraphs('First line here.\nSecond para.\n\nThird para that is\nwrapped here.'), [
    'First line here.',
    'Second para.',
    'Third para that is wrapped here.',
  ]);
  const spans = articleSentences('One. Two.\n\nThree.');
  assert.deepEqual(
    spans.map((x) => [x.text, x.paragraph, x.index]),
    [
      ['One.', 0, 0],
      ['Two.', 0, 1],
      ['Three.', 1, 2],
    ],
  );
});

test('designations: letter+digit codes, plurals, not years or adjectives', () => {
  assert.equal(designationOf('MiG-29SMTs'), 'MiG-29SMT');
  assert.equal(designationOf('An-124'), 'An-124');
  assert.equal(designationOf('F-35'), 'F-35');
  assert.equal(designationOf('Stinger-M'), 'Stinger-M');
  assert.equal(designationOf('2023'), null);
  assert.equal(designationOf('Polish-German'), null);
});

test('entities: spellings, accents, titles and partial names merge; types from cues', () => {
  const ents = extractEntities([
    {
      id: 'a',
      sentences: [
        'Chilean President Mónica Ibáñez Ferreira met Defence Minister Tomás Oyarzún in Santiago on Monday.',
        'Ibáñez said the frigate Almirante Cochrane would sail to the Pacific.',
        'The Santiago Herald reported that two F-16 jets escorted the Almirante Cochrane.',
      ],
    },
    {
      id: 'b',
      sentences: [
        'Monica Ibanez Ferreira, the president of Chile, spoke with Tomas Oyarzun.',
        'Oyarzun told the newspaper Diario Austral that the F-16s were ready.',
        'The navy ship Almirante Cochrane left port in Valparaiso province.',
      ],
    },
  ]);
  const by = (n: string) => ents.find((e) => e.name === n || e.aliases.includes(n));
  const ibanez = by('Mónica Ibáñez Ferreira');
  assert.ok(ibanez, 'accented full name is the canonical name');
  assert.equal(ibanez.type, 'person');
  assert.ok(ibanez.aliases.includes('Monica Ibanez Ferreira'));
  assert.ok(ibanez.aliases.includes('Ibáñez'));
  assert.deepEqual(ibanez.articles.sort(), ['a', 'b']);
  assert.equal(by('Oyarzun')?.name, 'Tomás Oyarzún');
  assert.equal(by('Chile')?.type, 'place');
  assert.equal(by('Santiago')?.type, 'place');
  assert.equal(by('Santiago Herald')?.type, 'organization');
  assert.equal(by('Diario Austral')?.type, 'organization');
  assert.equal(by('F-16')?.type, 'thing');
  assert.deepEqual(by('F-16')?.articles.sort(), ['a', 'b']);
  assert.equal(by('Almirante Cochrane')?.type, 'thing');
  assert.equal(by('Valparaiso')?.type, 'place');
  assert.ok(!ents.some((e) => e.name === 'Defence Minister Tomás Oyarzún'), 'titles are not part of names');
});

test('entities: different people sharing no tokens stay apart; near-identical designations stay apart', () => {
  const ents = extractEntities([
    { id: 'a', sentences: ['Anna Berg and Piotr Nowak signed the deal for Mi-24P helicopters.'] },
    { id: 'b', sentences: ['The deal for Mi-14P helicopters was signed by Anna Berg.'] },
  ]);
  const names = ents.map((e) => e.name);
  assert.ok(names.includes('Anna Berg') && names.includes('Piotr Nowak'));
  assert.ok(names.includes('Mi-24P') && names.includes('Mi-14P'));
});

test('textSentences: paragraphs then sentences, within the sentence count, sentence length and text length limits', () => {
  const text = 'Gen. Ana Ruiz arrived on Oct. 5 in Quito. She met the U.S. envoy.\n\nTalks resumed.\nA second line of the same paragraph.';
  assert.deepEqual(textSentences(text), [
    'Gen. Ana Ruiz arrived on Oct. 5 in Quito.',
    'She met the U.S. envoy.',
    'Talks resumed.',
    'A second line of the same paragraph.',
  ]);
  assert.deepEqual(textSentences(text, { maxSentences: 2 }), ['Gen. Ana Ruiz arrived on Oct. 5 in Quito.', 'She met the U.S. envoy.']);
  assert.deepEqual(textSentences(text, { maxSentenceChars: 9 })[0], 'Gen. Ana ');
  assert.deepEqual(textSentences(text, { maxChars: 20 }), ['Gen. Ana Ruiz arrive']);
});

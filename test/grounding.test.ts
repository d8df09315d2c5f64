import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGrounding, groundSentences, type GroundingDoc } from '../src/synthesize/grounding.ts';
import { datesIn, numbersIn } from '../src/synthesize/text.ts';
import { createLogger } from '../src/util/log.ts';

const doc: GroundingDoc = {
  id: 'd1',
  outlet: 'Lakeside Herald',
  title: 'Storm cuts power to 1,000 homes in Třebíč',
  text:
    'A storm cut power to 1,000 homes in Třebíč on Oct. 26, the regional utility said. ' +
    'Eight repair crews worked through the night, and mayor Pavel Novák said "the worst is behind us" on Monday. ' +
    'The utility expects to spend 2.5 million euros on repairs.',
};

test('normalized forms are accepted', () => {
  for (const s of [
    'Power was cut to 1000 homes in Trebic on October 26.',
    '8 repair crews worked through the night.',
    'Mayor Pavel Novak said “the worst is behind us”.',
    'The Lakeside Herald reports that the utility expects to spend 2.5 million euros.',
    'On 26 October, eight crews were at work.',
  ]) {
    const r = checkGrounding(s, [doc]);
    assert.equal(r.ok, true, `${s}: ${JSON.stringify(r.issues)}`);
  }
});

test('an invented number is rejected', () => {
  const r = checkGrounding('A storm cut power to 1,200 homes in Třebíč.', [doc]);
  assert.equal(r.ok, false);
  assert.deepEqual(r.issues, [{ kind: 'number', value: '1200' }]);
  assert.equal(checkGrounding('Nine repair crews worked through the night.', [doc]).ok, false);
});

test('an invented date is rejected', () => {
  const r = checkGrounding('The storm hit on Oct. 27.', [doc]);
  assert.equal(r.ok, false);
  assert.ok(r.issues.some((i) => i.kind === 'date'));
});

test('an invented name is rejected', () => {
  const r = checkGrounding('Mayor Jana Dvořák said the worst was over.', [doc]);
  assert.equal(r.ok, false);
  assert.deepEqual(r.issues.map((i) => i.value).sort(), ['Dvořák', 'Jana']);
});

test('an invented or altered quote is rejected', () => {
  assert.equal(checkGrounding('Pavel Novák said "the crisis is over".', [doc]).ok, false);
  const r = checkGrounding('Pavel Novák said "the worst is behind us all".', [doc]);
  assert.equal(r.ok, false);
  assert.equal(r.issues[0]?.kind, 'quote');
});

test('a fact is grounded only by the articles the sentence cites', () => {
  const other: GroundingDoc = { id: 'd2', text: 'Officials counted 1,200 homes without power.' };
  const docs = new Map([
    ['d1', doc],
    ['d2', other],
  ]);
  const lines: string[] = [];
  const logger = createLogger('warn', (l) => lines.push(l));
  const r = groundSentences(
    [
      { text: 'Power was cut to 1,200 homes.', articles: ['d1'] },
      { text: 'Power was cut to 1,200 homes.', articles: ['d2'] },
    ],
    docs,
    { logger },
  );
  assert.equal(r.kept.length, 1);
  assert.deepEqual(r.kept[0]!.articles, ['d2']);
  assert.equal(r.dropped.length, 1);
  assert.equal(lines.length, 1);
  const log = JSON.parse(lines[0]!) as { stage: string; code: string };
  assert.equal(log.stage, 'synthesize');
  assert.equal(log.code, 'synthesize/ungrounded');
});

test('number and date normalization', () => {
  assert.deepEqual([...numbersIn('twenty-five people, 1,000 homes, $3bn')].sort(), ['1000', '25', '3', '3000000000'].sort());
  assert.deepEqual([...datesIn('Oct. 26, 26 October, 2025-10-26, Sept 3')].sort(), ['10-26', '9-3']);
});

test('a sentence may open with a connective, but names after it are still checked', () => {
  assert.equal(checkGrounding('Meanwhile, eight repair crews worked through the night.', [doc]).ok, true);
  assert.equal(checkGrounding('However, mayor Pavel Novák said the worst is behind us.', [doc]).ok, true);
  assert.equal(checkGrounding('However, governor Ema Kolar disagreed.', [doc]).ok, false);
});

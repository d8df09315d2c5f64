/** Claims inside sentences: the clause around a hedge, the matching clause elsewhere, a quoted phrase used plainly. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { claimAround, clauses, headAfter, matchingClause, plainUse } from '../src/analyze/framing/claims.ts';
import { normTerm } from '../src/analyze/framing/text.ts';
import { distinctCounterparts, finishRows } from '../src/analyze/framing/rows.ts';

test('clauses split at commas, semicolons, dashes and parentheses', () => {
  assert.deepEqual(
    clauses('In May, the board met (again); it voted — narrowly.').map((c) => c.text),
    ['In May', 'the board met', 'again', 'it voted', 'narrowly'],
  );
});

test('claimAround keeps the clause that holds the hedge, a few words each side', () => {
  const s = 'In his letter to the minister, the governor reportedly asked for 300 extra officers and two helicopters, aides said.';
  const i = s.indexOf('reportedly');
  assert.equal(claimAround(s, i, i + 'reportedly'.length), 'the governor reportedly asked for 300 extra officers and two helicopters');
  assert.equal(claimAround(s, i, i + 10, 1, 2), 'governor reportedly asked for');
});

test('matchingClause finds the clause stating the same claim, or nothing', () => {
  const claim = 'the governor reportedly asked for 300 extra officers';
  assert.equal(
    matchingClause(claim, 'On Monday, the governor asked for 300 extra officers, his office said.'),
    'the governor asked for 300 extra officers',
  );
  assert.equal(matchingClause(claim, 'The weather was cold, and the roads were closed.'), null);
});

test('plainUse: the quoted words used in the writer’s own voice, near each other', () => {
  const s = 'The navy struck boats suspected of smuggling weapons near the coast.';
  assert.equal(plainUse('weapons-smuggling boats', s, s), 'boats suspected of smuggling weapons');
  const quoted = 'Officials described them as “weapons-smuggling boats”.';
  const blanked = 'Officials described them as “                      ”.';
  assert.equal(plainUse('weapons-smuggling boats', quoted, blanked), null);
});

test('normTerm and distinctCounterparts: case, accents, quotes and plurals set aside', () => {
  assert.equal(normTerm('“Dictators”'), normTerm('dictator'));
  assert.equal(normTerm('Nicolás'), normTerm('nicolas'));
  assert.deepEqual(distinctCounterparts('Iran', ['Iran', 'Tehran', 'iran', 'Tehran']), ['Tehran']);
});

test('a claim cut inside a quotation takes a short quotation whole', () => {
  const s = 'The memo reportedly described the new radar as “the most important shield for the capital in years” and asked for funds.';
  const i = s.indexOf('reportedly');
  assert.equal(
    claimAround(s, i, i + 10, 6, 8),
    'The memo reportedly described the new radar as “the most important shield for the capital in years”',
  );
});

test('matchingClause: the same names in another claim are not the same claim; a loaded adjective’s noun must be there', () => {
  assert.equal(matchingClause('Anna Berg met Tom Berg', 'Anna Berg and Tom Berg'), null);
  const claim = 'The most savage jokes about Anna Berg’s divorce';
  const head = headAfter(claim, claim.indexOf('savage') + 'savage'.length);
  assert.equal(head, 'jokes');
  assert.equal(matchingClause(claim, 'Anna Berg’s divorce could change the charity world', new Set(), head), null);
  assert.equal(
    matchingClause(claim, 'Many jokes about Anna Berg’s divorce went viral', new Set(), head),
    'Many jokes about Anna Berg’s divorce went viral',
  );
});

test('finishRows: one row per article, term and referent; a hedged claim is kept beside a loaded word of its sentence', () => {
  const base = { article: 'a', refersTo: null, sentence: 'X reportedly slammed the plan.', counterparts: [] as string[] };
  const rows = finishRows(
    [
      { ...base, term: 'slammed', kind: 'loaded-word', strength: 7, order: 0 },
      { ...base, term: 'Slammed', kind: 'loaded-word', strength: 5, order: 1 },
      {
        ...base,
        term: 'X reportedly slammed the plan',
        kind: 'hedge',
        counterparts: ['X slammed the plan', 'x reportedly slammed the plan'],
        strength: 2,
        order: 2,
      },
      { ...base, term: '“slammed”', kind: 'scare-quotes', strength: 1, order: 3 },
    ],
    8,
  );
  assert.deepEqual(
    rows.map((r) => [r.kind, r.term]),
    [
      ['loaded-word', 'slammed'],
      ['hedge', 'X reportedly slammed the plan'],
    ],
  );
  assert.deepEqual(rows[1].counterparts, ['X slammed the plan']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cycles, measure } from '../scripts/measures.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/measures/src/', import.meta.url));

test('measures: cycles at run time (static and dynamic imports) apart from type-only cycles', () => {
  const m = measure(FIXTURE);
  const names = (groups: string[][]) => groups.map((g) => g.map((f) => f.replace(/^.*fixtures\/measures\/src\//, '')));
  assert.deepEqual(names(m.runtimeCycles), [
    ['a/one.ts', 'a/two.ts'],
    ['b/eager.ts', 'b/lazy.ts'],
  ]);
  assert.deepEqual(names(m.cyclesWithTypes), [
    ['a/one.ts', 'a/two.ts'],
    ['b/eager.ts', 'b/lazy.ts'],
    ['b/make.ts', 'b/shapes.ts'],
  ]);
});

test('measures: longest function, functions over 80 lines, long lines', () => {
  const m = measure(FIXTURE);
  assert.equal(m.files, 7);
  assert.equal(m.longestFunctions[0].name, 'long');
  assert.equal(m.longestFunctions[0].lines, 91);
  assert.equal(m.functionsOverLimit, 1);
  assert.ok(m.longestFunctions.some((f) => f.name === 'make' && f.lines === 1));
  assert.deepEqual(
    m.longLines.map((l) => [l.file.replace(/^.*fixtures\/measures\/src\//, ''), l.line]),
    [['long.ts', 93]],
  );
  assert.deepEqual(m.filesOverLimit, []);
});

test('measures: a self-import is a cycle; a chain is not', () => {
  const g = new Map([
    ['x', ['x']],
    ['p', ['q']],
    ['q', ['r']],
    ['r', []],
  ]);
  assert.deepEqual(cycles(g), [['x']]);
});

/** The score gate of `npm run eval`: a planted regression fails it; the recorded floors are well-formed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFloors, loadFloors } from '../eval/gate.ts';

const EVAL = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval');

test('a figure that drops below its floor by more than the margin fails the gate; within the margin, or absent, it does not', () => {
  const floors = { 'clustering.spread.f1': { floor: 0.82, margin: 0.005 }, 'framing.precision': { floor: 0.6, margin: 0.02 } };
  assert.deepEqual(checkFloors({ 'clustering.spread.f1': 0.83, 'framing.precision': 0.59 }, floors), []);
  const planted = checkFloors({ 'clustering.spread.f1': 0.78, 'framing.precision': 0.61 }, floors);
  assert.deepEqual(
    planted.map((f) => f.name),
    ['clustering.spread.f1'],
  );
  assert.deepEqual(checkFloors({}, floors), [], 'a data set absent on this machine skips its figures');
  assert.equal(checkFloors({ 'clustering.spread.f1': Number.NaN }, floors).length, 1, 'NaN is a failure');
  const ceiling = { 'extraction.promoShare': { floor: 0.02, margin: 0.002, lowerIsBetter: true } };
  assert.equal(checkFloors({ 'extraction.promoShare': 0.05 }, ceiling).length, 1);
  assert.equal(checkFloors({ 'extraction.promoShare': 0.01 }, ceiling).length, 0);
});

test('a deliberately worse floor file fails the recorded figures; a malformed one is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-gate-'));
  const worse = join(dir, 'floors.json');
  writeFileSync(worse, JSON.stringify({ 'clustering.allsides.f1': { floor: 0.99, margin: 0.005 } }));
  assert.equal(checkFloors({ 'clustering.allsides.f1': 0.878 }, loadFloors(worse)).length, 1);
  writeFileSync(worse, JSON.stringify({ 'clustering.allsides.f1': { floor: '0.9' } }));
  assert.throws(() => loadFloors(worse), /clustering\.allsides\.f1/);
});

test('every recorded floor names an eval that exists', () => {
  const evals = new Set(
    readdirSync(EVAL)
      .filter((f) => f.endsWith('.eval.ts'))
      .map((f) => f.replace(/\.eval\.ts$/, '')),
  );
  const floors = loadFloors(join(EVAL, 'floors.json'));
  assert.ok(Object.keys(floors).length > 0);
  for (const name of Object.keys(floors)) assert.ok(evals.has(name.split('.')[0]), name);
});

/**
 * Heavy property-based fuzzing (`npm run test:stress`): 10,000 generated inputs each (FUZZ_RUNS) for feed parsing,
 * HTML extraction, plain-text extraction, JSONL lines and 10,000 JSONL files through readInputs (test/fuzz-support.ts
 * builds them). Zero crashes: every input gives a value or a failure whose code is in the closed list. Zero hangs: the
 * slowest input of each reader is reported, and none may take longer than HANG_MS (a hang, not a speed figure: the
 * bound scales with the machine's run queue per core).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism, loadavg } from 'node:os';
import fc from 'fast-check';
import { tempDir } from '../helpers.ts';
import { fuzzParams, jsonlFileProperty, properties } from '../fuzz-support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const HANG_MS = 10_000 * Math.max(1, loadavg()[0] / availableParallelism());

/** The property, timed per input: the slowest one is kept. */
function slowest<T extends unknown[]>(p: fc.IProperty<T>): { property: fc.IProperty<T>; max: () => number } {
  let max = 0;
  const timed: fc.IProperty<T> = Object.create(p) as fc.IProperty<T>;
  timed.run = (v: T) => {
    const t0 = performance.now();
    const out = p.run(v);
    max = Math.max(max, performance.now() - t0);
    return out;
  };
  return { property: timed, max: () => max };
}

for (const [name, property] of Object.entries(properties)) {
  test(`fuzz ${name}: ${RUNS} generated inputs, no crash, no hang`, { timeout: 3_600_000 }, (t) => {
    const s = slowest(property as fc.IProperty<unknown[]>);
    fc.assert(s.property, fuzzParams(RUNS));
    t.diagnostic(`slowest input: ${s.max().toFixed(0)} ms`);
    assert.ok(s.max() < HANG_MS, `slowest input took ${s.max().toFixed(0)} ms`);
  });
}

test(`fuzz JSONL files: ${RUNS} generated files through readInputs`, { timeout: 3_600_000 }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    await fc.assert(jsonlFileProperty(dir), fuzzParams(RUNS));
  } finally {
    cleanup();
  }
});

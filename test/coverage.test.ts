/** The story's coverage: outlets, countries, independent reports, wire copies listed with what they copy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageOf } from '../src/synthesize/coverage.ts';

test('wire copies are listed with the report they copy (through chains) and counted once as reports, their outlets and countries counted', () => {
  const c = coverageOf([
    { id: 'wire', outlet: 'Wire Agency', country: 'GB', duplicateOf: null },
    { id: 'reprint1', outlet: 'Harbour Post', country: 'NZ', duplicateOf: 'wire' },
    { id: 'reprint2', outlet: 'Valley Times', country: 'AU', duplicateOf: 'reprint1' },
    { id: 'own', outlet: 'Nordposten', country: 'NO', duplicateOf: null },
    { id: 'own2', outlet: 'Nordposten', country: 'NO', duplicateOf: null },
    { id: 'stray', outlet: null, country: null, duplicateOf: 'not-in-story' },
  ]);
  assert.equal(c.outlets, 5);
  assert.equal(c.countries, 4);
  assert.equal(c.independentReports, 4);
  assert.deepEqual(c.copies, [
    { id: 'reprint1', of: 'wire', outlet: 'Harbour Post' },
    { id: 'reprint2', of: 'wire', outlet: 'Valley Times' },
  ]);
});

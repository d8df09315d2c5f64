/**
 * Property-based fuzzing of the readers of outside input, a few hundred inputs each (the stress run,
 * test/stress/fuzz.stress.ts, runs 10,000 of each): feed parsing, HTML extraction, plain-text extraction and the JSONL
 * reader return a well-formed value or a failure with a code from the closed list, and never throw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tempDir } from './helpers.ts';
import { fuzzParams, jsonlFileProperty, properties } from './fuzz-support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

for (const [name, property] of Object.entries(properties)) {
  test(`fuzz ${name}: ${RUNS} generated inputs, each a value or a typed failure`, () => {
    fc.assert(property as fc.IProperty<unknown>, fuzzParams(RUNS));
  });
}

test(`fuzz JSONL files: ${Math.ceil(RUNS / 3)} generated files through readInputs`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    await fc.assert(jsonlFileProperty(dir), fuzzParams(Math.ceil(RUNS / 3)));
  } finally {
    cleanup();
  }
});

test('what the fuzzing found: a page that opens like an XML declaration is no article, not a Readability crash', async () => {
  const { extractHtml } = await import('../src/extract/html.ts');
  const { NOW } = await import('./fuzz-support.ts');
  const r = extractHtml('<?xm', { url: null, now: NOW });
  assert.equal(r.ok ? 'ok' : r.code, 'extract/no-article');
  const xhtml = `<?xml version="1.0" encoding="utf-8"?><html><body><div>${'<span>Officials in Lviv said the bridge would reopen on Monday after repairs. </span>'.repeat(4)}</div></body></html>`;
  const x = extractHtml(xhtml, { url: null, now: NOW });
  assert.ok(x.ok && x.value.text.includes('bridge would reopen'), 'an XHTML page with an XML declaration still reads');
});

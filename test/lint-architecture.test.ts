/**
 * The architecture rules of eslint.config.js: an import cycle in src/, or a stage importing a later stage or the
 * store, is a lint error. Planted imports are linted as if they were files of src/ (nothing is written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function ruleIds(file: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath: `${ROOT}${file}` });
  return result.messages.map((m) => m.ruleId ?? m.message).sort();
}

test('lint: a stage may not import a later stage, the store, pipeline/ or serve/', async () => {
  const planted = [
    "import { openStore } from '../store/index.ts';",
    "import { analyzeStory } from '../analyze/index.ts';",
    "import { ingestAll } from '../pipeline/ingest.ts';",
    'export const all = [openStore, analyzeStory, ingestAll];',
  ].join('\n');
  assert.deepEqual(await ruleIds('src/extract/planted.ts', planted), Array(3).fill('import-x/no-restricted-paths'));
  // The same imports from a later stage's point of view: analyze/ may import extract/, not the store.
  const later = ["import { extractArticle } from '../extract/index.ts';", 'export const f = extractArticle;'].join('\n');
  assert.deepEqual(await ruleIds('src/analyze/planted.ts', later), []);
});

test('lint: an import cycle in src/ is an error, a type-only one is not', async () => {
  // cli.ts imports cli-common.ts: cli-common.ts importing cli.ts back closes a cycle.
  const cycle = ["import { runCaptured } from './cli.ts';", 'export const r = runCaptured;'].join('\n');
  assert.deepEqual(await ruleIds('src/serve/cli-common.ts', cycle), ['import-x/no-cycle']);
  const typeOnly = ["import type { CliContext } from './cli.ts';", 'export type C = CliContext;'].join('\n');
  assert.deepEqual(await ruleIds('src/serve/cli-common.ts', typeOnly), []);
});

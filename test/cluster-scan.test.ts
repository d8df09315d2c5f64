/**
 * A store without the optional clustering index (getTermStats, findStoryCandidates, …): the pipeline falls back to
 * scanning recent stories, and must group the story fixtures exactly as the folders do, as the indexed path does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { readInputs } from '../src/fetch/files.ts';
import { ingestAll } from '../src/pipeline/ingest.ts';
import { silentLogger } from '../src/util/log.ts';
import { tempDir } from './helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stories');
const OPTIONAL_INDEX = new Set([
  'getTermStats',
  'addTermStats',
  'findStoryCandidates',
  'saveStoryFeatures',
  'listStoryMembers',
  'findDedupeCandidates',
  'addDedupeBands',
]);

test('without the clustering index, the scan fallback groups the story fixtures exactly as the folders do', async () => {
  const { dir, cleanup } = tempDir();
  const inner = new SqliteStore(join(dir, 'p.db'));
  // The same store with the optional index methods hidden.
  const store = new Proxy(inner, {
    get(t, p, r) {
      if (typeof p === 'string' && OPTIONAL_INDEX.has(p)) return undefined;
      const v = Reflect.get(t, p, r) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  }) as Store;
  try {
    await store.migrate();
    assert.equal(store.findStoryCandidates, undefined);
    const folders = readdirSync(ROOT)
      .filter((d) => statSync(join(ROOT, d)).isDirectory())
      .sort();
    const want = new Map<string, string>();
    for (const d of folders) {
      const exp = JSON.parse(readFileSync(join(ROOT, d, 'expected.json'), 'utf8')) as { story: string | null };
      for (const f of readdirSync(join(ROOT, d)).filter((x) => /\.(txt|md|html?)$/.test(x)))
        want.set(`${d}/${f}`, exp.story === null ? `${d}/${f}` : d);
    }
    const summary = await ingestAll(
      readInputs(
        folders.map((d) => join(ROOT, d)),
        { maxBytes: 10 * 1024 * 1024, maxLineBytes: 10 * 1024 * 1024 },
      ),
      {
        store,
        clock: () => new Date('2026-11-22T12:00:00Z'),
        logger: silentLogger,
      },
    );
    assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
    const got = new Map<string, string>();
    for (const a of await store.listArticles({ limit: 1000 }))
      got.set(`${basename(dirname(a.ref))}/${basename(a.ref)}`, a.storyId ?? 'none');
    const groups = (m: Map<string, string>) => {
      const by = new Map<string, string[]>();
      for (const [file, g] of m) by.set(g, [...(by.get(g) ?? []), file]);
      return [...by.values()].map((fs) => fs.sort().join(' + ')).sort();
    };
    assert.deepEqual(groups(got), groups(want));
  } finally {
    await inner.close();
    cleanup();
  }
});

/**
 * Ingests every folder of test/fixtures/stories/ (one folder = one story; `unrelated/` = articles that must each
 * stay alone) through the CLI into a temporary database and checks that `stories --json` groups the articles
 * exactly as the folders do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from './helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stories');

interface Expected {
  story: string | null;
}

for (const order of ['folders in name order', 'folders in reverse order'] as const)
  test(`stories fixtures: the grouping of the articles matches the folders exactly (${order})`, async () => {
    assert.ok(existsSync(ROOT), 'test/fixtures/stories is missing');
    const folders = readdirSync(ROOT)
      .filter((d) => statSync(join(ROOT, d)).isDirectory())
      .sort();
    if (order === 'folders in reverse order') folders.reverse();
    assert.ok(folders.length >= 2, 'expected several story folders');
    // expected group of each article file: the folder for a story, the file itself for unrelated articles
    const want = new Map<string, string>();
    for (const d of folders) {
      const exp = JSON.parse(readFileSync(join(ROOT, d, 'expected.json'), 'utf8')) as Expected;
      for (const f of readdirSync(join(ROOT, d)).filter((x) => /\.(txt|md|html?)$/.test(x))) {
        want.set(`${d}/${f}`, exp.story === null ? `${d}/${f}` : d);
      }
    }
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'p.db');
      const ing = await runCli(['ingest', ...folders.map((d) => join(ROOT, d)), '--db', db, '--json']);
      assert.equal(ing.code, 0, ing.stderr);
      const stories = JSON.parse((await runCli(['stories', '--json', '--db', db])).stdout) as Array<{
        id: string;
        articles: Array<{ ref: string }>;
      }>;
      const got = new Map<string, string>();
      for (const s of stories) for (const a of s.articles) got.set(`${basename(dirname(a.ref))}/${basename(a.ref)}`, s.id);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'every fixture article is in exactly one story');
      // Compare as partitions: the set of groups, each group a sorted list of files.
      const groups = (m: Map<string, string>) => {
        const by = new Map<string, string[]>();
        for (const [file, g] of m) by.set(g, [...(by.get(g) ?? []), file]);
        return [...by.values()].map((fs) => fs.sort().join(' + ')).sort();
      };
      assert.deepEqual(groups(got), groups(want));
    } finally {
      cleanup();
    }
  });

/**
 * Many writers on one SQLite file (a cron `ingest` beside `parallax run` is a normal setup): two `parallax ingest`
 * processes at once on the same inputs both finish without an error and leave
 * the same stories as one ingest after the other, every article stored once and every report current.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';
import { EVENT_ARTICLES } from './fixtures/ops/events.ts';
import { invariantProblems, partition, spawnCli, withSqlite, writeInbox } from './ops-support.ts';

async function serialGroups(dir: string, inbox: string): Promise<string[][]> {
  const db = join(dir, 'serial.db');
  assert.equal((await runCli(['ingest', inbox, '--db', db])).code, 0);
  return withSqlite(db, partition);
}

test('two ingest processes on one SQLite file: no crash, the same stories as a serial run', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const all = writeInbox(dir, 'all');
    const expected = await serialGroups(dir, all);
    // The stress run (test/stress/) repeats this with interleaved halves and more rounds.
    for (const [name, a, b] of [['same inputs', all, all]] as const) {
      const db = join(dir, `${name.replace(/\W/g, '')}.db`);
      const runs = await Promise.all([spawnCli(['ingest', a, '--db', db, '--json']).done, spawnCli(['ingest', b, '--db', db, '--json']).done]);
      for (const r of runs) {
        assert.equal(r.code, 0, `${name}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /internal|SQLITE_BUSY|UNIQUE/);
      }
      await withSqlite(db, async (s) => {
        assert.equal(await s.countArticles(), EVENT_ARTICLES.length, `${name}: every article once`);
        assert.deepEqual(await partition(s), expected, name);
        assert.deepEqual(await invariantProblems(s), [], name);
      });
    }
  } finally {
    cleanup();
  }
});

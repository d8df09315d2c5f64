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
import { ingestAll } from '../src/pipeline/ingest.ts';
import { readInputs } from '../src/fetch/files.ts';
import type { Store } from '../src/store/types.ts';
import { silentLogger } from '../src/util/log.ts';

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
      const runs = await Promise.all([
        spawnCli(['ingest', a, '--db', db, '--json']).done,
        spawnCli(['ingest', b, '--db', db, '--json']).done,
      ]);
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

test('a report stored while another process adds an article to its story is built again: the latest covers them all', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const quake = EVENT_ARTICLES.filter((a) => a.event === 'quake');
    assert.equal((await runCli(['ingest', writeInbox(dir, 'first', quake.slice(0, 2)), '--db', db])).code, 0);
    const third = writeInbox(dir, 'third', quake.slice(2, 3));
    const fourth = writeInbox(dir, 'fourth', quake.slice(3, 4));
    await withSqlite(db, async (store) => {
      let raced = false;
      // Another process (its own connection) ingests the fourth article while this one's report of three is being stored.
      const racing: Store = Object.assign(Object.create(store) as Store, {
        async saveReport(...args: Parameters<Store['saveReport']>) {
          if (!raced) {
            raced = true;
            const other = await runCli(['ingest', fourth, '--db', db]);
            assert.equal(other.code, 0, other.stderr);
          }
          return store.saveReport(...args);
        },
      });
      const summary = await ingestAll(readInputs([third], { maxBytes: 1 << 20 }), {
        store: racing,
        clock: () => new Date(),
        logger: silentLogger,
      });
      assert.ok(raced, 'the other ingest ran during the report');
      assert.equal(summary.added, 1);
      const [story] = await store.listStories();
      assert.equal(story.articleIds.length, 4, 'one story of the four articles');
      assert.deepEqual((await store.getReport(story.id))?.articleIds, story.articleIds);
      assert.deepEqual(await invariantProblems(store), []);
    });
  } finally {
    cleanup();
  }
});

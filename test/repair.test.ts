/**
 * Self-repair: what a crash leaves (an article without a story, a story without a report, a report missing an
 * article, an empty title) is found by one query and fixed by `parallax repair` (and on start of ingest, serve,
 * run and worker); a second pass has nothing to do. A kill -9 in the middle of an ingest, followed by a re-run,
 * leaves every article stored once and every story's latest report covering exactly its articles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir } from './helpers.ts';
import { EVENT_ARTICLES } from './fixtures/ops/events.ts';
import { invariantProblems, partition, spawnCli, waitFor, withSqlite, writeInbox } from './ops-support.ts';

test('parallax repair fixes every kind of stale story a crash leaves, and a second pass does nothing', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const inbox = writeInbox(dir, 'in');
    assert.equal((await runCli(['ingest', inbox, '--db', db])).code, 0);
    const before = await withSqlite(db, async (s) => ({ groups: await partition(s), problems: await invariantProblems(s) }));
    assert.deepEqual(before.problems, []);
    assert.equal(before.groups.length, 5, JSON.stringify(before.groups));
    // Damage as a kill at four different moments would: in raw SQL, behind the store's back.
    const raw = new Database(db);
    const stories = (raw.prepare('SELECT id FROM stories ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
    raw.prepare('UPDATE articles SET story_id = NULL WHERE id = (SELECT id FROM articles WHERE story_id = ? LIMIT 1)').run(stories[0]);
    raw.prepare("UPDATE stories SET title = '' WHERE id = ?").run(stories[1]);
    // (A story never reported had its flag set when its first article joined, as the store's trigger does.)
    raw.prepare('DELETE FROM story_reports WHERE story_id = ?').run(stories[2]);
    raw.prepare('UPDATE stories SET report_current = 0 WHERE id = ?').run(stories[2]);
    const v = raw.prepare('SELECT MAX(version) AS v FROM story_reports WHERE story_id = ?').get(stories[3]) as { v: number };
    raw
      .prepare("UPDATE story_reports SET article_ids = json_remove(article_ids, '$[0]') WHERE story_id = ? AND version = ?")
      .run(stories[3], v.v);
    raw.prepare('UPDATE stories SET report_current = 0 WHERE id = ?').run(stories[3]);
    raw.close();
    assert.notDeepEqual(await withSqlite(db, invariantProblems), []);

    const r = await runCli(['repair', '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { clustered: number; stale: number; rebuilt: number; current: number };
    assert.equal(summary.clustered, 1);
    assert.equal(summary.stale, 4);
    assert.equal(summary.rebuilt + summary.current, 4);
    const after = await withSqlite(db, async (s) => ({ groups: await partition(s), problems: await invariantProblems(s) }));
    assert.deepEqual(after.problems, []);
    assert.deepEqual(after.groups, before.groups, 'the unassigned article went back to its event');
    const again = await runCli(['repair', '--db', db, '--json']);
    assert.deepEqual(JSON.parse(again.stdout), { clustered: 0, stale: 0, rebuilt: 0, current: 0 });
    assert.equal((await runCli(['repair', '--db', db])).stdout.trim(), 'repair: nothing to do');
  } finally {
    cleanup();
  }
});

test('kill -9 during ingest (clustering, then reports), then a re-run: every article once, every report current', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const inbox = writeInbox(dir, 'in');
    const count = (sql: string) => () => {
      try {
        const d = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (d.prepare(sql).get() as { n: number }).n;
        } finally {
          d.close();
        }
      } catch {
        return 0;
      }
    };
    // Killed once a few articles are in, then again once the first reports are being written.
    for (const [sql, atLeast] of [
      ['SELECT COUNT(*) AS n FROM articles', 3],
      ['SELECT COUNT(*) AS n FROM story_reports', 1],
    ] as const) {
      const child = spawnCli(['ingest', inbox, '--db', db]);
      const reached = await waitFor(() => count(sql)() >= atLeast, 90_000); // a loaded machine starts a child slowly
      child.proc.kill('SIGKILL');
      await child.done;
      assert.ok(reached, `the child reached ${sql} >= ${atLeast}`);
    }
    const rerun = await runCli(['ingest', inbox, '--db', db, '--json']);
    assert.equal(rerun.code, 0, rerun.stderr);
    await withSqlite(db, async (s) => {
      assert.equal(await s.countArticles(), EVENT_ARTICLES.length, 'every article stored once');
      assert.deepEqual(await invariantProblems(s), []);
    });
  } finally {
    cleanup();
  }
});

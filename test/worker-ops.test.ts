/**
 * Workers that hold up: one failure decision (fetch/failures.ts) for job retries, a crash in a job handler or in
 * the store fails that job and not the process, heartbeats keep a long job's lease, a killed worker's job comes
 * back within one lease, workers repair on start, and 16 workers on one PostgreSQL pool finish the queue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from './helpers.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import type { Store } from '../src/store/types.ts';
import { enqueueIngest, JobFailure, retryAtFor, startWorker, type WorkerDeps } from '../src/pipeline/worker.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import type { InputItem } from '../src/fetch/files.ts';
import { EVENT_ARTICLES } from './fixtures/ops/events.ts';
import { invariantProblems, partition } from './ops-support.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const after = (iso: string | null) => (iso === null ? null : Date.parse(iso) - NOW.getTime());

test('job retries: a 429 waits for its Retry-After, 5xx and network back off, 4xx and bad input are final', () => {
  assert.equal(
    after(retryAtFor(new JobFailure({ code: 'fetch/http-429', temporary: true, retryAfterMs: 90_000 }, 'slow down'), 1, NOW)),
    90_000,
  );
  assert.equal(after(retryAtFor(new JobFailure({ code: 'fetch/http-503' }, 'down'), 1, NOW)), 30_000);
  assert.equal(after(retryAtFor(new JobFailure({ code: 'fetch/network' }, 'reset'), 3, NOW)), 120_000);
  assert.equal(retryAtFor(new JobFailure({ code: 'fetch/http-404' }, 'gone'), 1, NOW), null);
  assert.equal(retryAtFor(new JobFailure({ code: 'extract/no-content' }, 'empty'), 1, NOW), null);
  assert.equal(retryAtFor(new JobFailure({ code: 'fetch/http-503' }, 'down'), 5, NOW), null, 'at most five attempts');
  assert.equal(after(retryAtFor(new Error('Connection terminated unexpectedly'), 1, NOW)), 30_000, 'an unexpected error is retried');
});

function sqliteDeps(dir: string, over: Partial<WorkerDeps> = {}): WorkerDeps & { store: SqliteStore } {
  const store = new SqliteStore(join(dir, 'w.db'));
  return { store, clock: () => new Date(), logger: silentLogger, config: loadConfig({}), ...over } as WorkerDeps & { store: SqliteStore };
}

test('a crash in a job handler fails that job; store errors while recording do not stop the worker', async () => {
  const { dir, cleanup } = tempDir();
  const deps = sqliteDeps(dir, {
    // eslint-disable-next-line require-yield
    fetchInputs: async function* (): AsyncGenerator<InputItem> {
      throw new TypeError('handler bug');
    },
  });
  await deps.store.migrate();
  try {
    await deps.store.enqueueJob('fetch', { url: 'https://example.org/a', hints: {} }, { runAt: NOW.toISOString() });
    await deps.store.enqueueJob('fetch', { url: 'https://example.org/b', hints: {} }, { runAt: NOW.toISOString() });
    // The store fails the first time a job's outcome is written (as a pool timeout would).
    let failures = 0;
    const store = new Proxy(deps.store, {
      get(t, k, r) {
        if (k === 'failJob' && failures++ === 0) return async () => Promise.reject(new Error('timeout exceeded when trying to connect'));
        const v = Reflect.get(t, k, r) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    }) as Store;
    // A lease no loaded machine outlives before the queue is drained (the job whose failure was lost must stay leased).
    const w = startWorker({ ...deps, store }, { idleMs: 20, leaseMs: 10_000, repairEveryMs: 0 });
    await w.drained();
    await w.stop();
    const st = await deps.store.queueStats();
    // One failed and is queued for a retry (an unexpected error may be of the moment); the other's failure could
    // not be written, so it stays leased until its lease runs out and another claim takes it.
    assert.deepEqual([st.pending, st.running, st.done, st.failed], [1, 1, 0, 0], JSON.stringify(st));
    assert.equal(failures, 2);
  } finally {
    await deps.store.close();
    cleanup();
  }
});

test("heartbeats keep a long job leased; a killed worker's job is taken over once its lease runs out", async () => {
  const { dir, cleanup } = tempDir();
  const deps = sqliteDeps(dir);
  await deps.store.migrate();
  try {
    await enqueueIngest(deps, { ref: 'mem:0', kind: 'text', body: EVENT_ARTICLES[0].text, hints: {} });
    // A worker claims the job and dies (nothing renews its 600 ms lease).
    const dead = await deps.store.claimJob('dead-worker', ['ingest'], 600, new Date().toISOString());
    assert.ok(dead);
    const t0 = Date.now();
    const w = startWorker(deps, { idleMs: 20, leaseMs: 600, repairEveryMs: 0, id: 'live' });
    const done = async () => (await deps.store.queueStats()).done >= 2; // the ingest and its story's report
    while (!(await done()) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    assert.ok(await done(), 'the job was re-run');
    assert.ok(Date.now() - t0 < 10_000);
    // A job outliving its lease is renewed by the worker running it: nobody else claims it meanwhile.
    await enqueueIngest(deps, { ref: 'mem:slow', kind: 'text', body: EVENT_ARTICLES[5].text, hints: {} });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slowStore = new Proxy(deps.store, {
      get(t, k, r) {
        if (k === 'findArticleByHash') return async (...a: [string, string]) => (await gate, t.findArticleByHash(...a));
        const v = Reflect.get(t, k, r) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    }) as Store;
    // Renewed every 200 ms: a heartbeat may come up to 400 ms late on a loaded machine before the lease runs out.
    const slow = startWorker({ ...deps, store: slowStore }, { idleMs: 20, leaseMs: 600, repairEveryMs: 0, id: 'slow' });
    await new Promise((r) => setTimeout(r, 1800)); // three leases
    assert.equal(await deps.store.claimJob('thief', ['ingest'], 600, new Date().toISOString()), null, 'the lease was kept alive');
    release();
    await slow.drained();
    await slow.stop();
  } finally {
    await deps.store.close();
    cleanup();
  }
});

test('a worker repairs on start: an article left without a story is clustered and its report queued and built', async () => {
  const { dir, cleanup } = tempDir();
  const deps = sqliteDeps(dir);
  await deps.store.migrate();
  try {
    for (const [i, a] of EVENT_ARTICLES.slice(0, 4).entries())
      await enqueueIngest(deps, { ref: `mem:${i}`, kind: 'text', body: a.text, hints: {} });
    const w1 = startWorker(deps, { idleMs: 20, repairEveryMs: 0 });
    await w1.drained();
    await w1.stop();
    assert.deepEqual(await invariantProblems(deps.store), []);
    // A crash after the article was stored but before it was clustered (and its report queued).
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(join(dir, 'w.db'));
    raw.prepare('UPDATE articles SET story_id = NULL WHERE id = (SELECT id FROM articles ORDER BY id LIMIT 1)').run();
    raw.close();
    assert.notDeepEqual(await invariantProblems(deps.store), []);
    // Just stored: it may be in another worker's hands (between insert and clustering), so it is left for now.
    const w2 = startWorker(deps, { idleMs: 20, repairEveryMs: 0 });
    await w2.drained();
    await w2.stop();
    assert.equal((await deps.store.listUnassignedArticles(10)).length, 1);
    // Once it has been waiting longer than that, a worker's repair takes it.
    const w3 = startWorker(deps, { idleMs: 20, repairEveryMs: 0, unassignedMinAgeMs: 1 });
    await w3.drained();
    await w3.stop();
    assert.deepEqual(await invariantProblems(deps.store), []);
    assert.equal((await partition(deps.store)).length, 1);
  } finally {
    await deps.store.close();
    cleanup();
  }
});

const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;
test(
  '16 concurrent jobs on one PostgreSQL pool sized from the concurrency: no crash, nothing lost, same stories as serial',
  { skip: pgUrl ? false : 'PARALLAX_TEST_DATABASE_URL is unset (set it to a postgres:// URL to run)' },
  async () => {
    const schema = 't_' + randomBytes(6).toString('hex');
    const store = new PostgresStore(pgUrl!, { schema, maxConnections: 16 + 4 });
    try {
      await store.migrate();
      const deps = { store, clock: () => new Date(), logger: silentLogger, config: loadConfig({}) };
      for (const [i, a] of EVENT_ARTICLES.entries())
        await enqueueIngest(deps, { ref: `mem:${a.file}`, kind: 'text', body: a.text, hints: { id: `x${i}` } });
      const w = startWorker(deps, { concurrency: 16, idleMs: 20, repairEveryMs: 0 });
      await w.drained();
      await w.stop();
      const st = await store.queueStats();
      assert.deepEqual([st.failed, st.pending, st.running], [0, 0, 0]);
      assert.equal(await store.countArticles(), EVENT_ARTICLES.length);
      const groups = (await partition(store)).map((g) => g.map((ref) => ref.split('-')[0]));
      assert.equal(groups.length, 5, JSON.stringify(groups));
      for (const g of groups) assert.equal(new Set(g).size, 1, `one event per story: ${g.join(' ')}`);
      assert.deepEqual(await invariantProblems(store), []);
    } finally {
      await store.dropSchema();
      await store.close();
    }
  },
);

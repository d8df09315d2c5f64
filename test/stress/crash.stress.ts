/**
 * Heavy crash and concurrency runs (`npm run test:stress`; not in `npm test`): kill -9 of `ingest`, `run` and
 * `worker` at random moments, then a restart, on SQLite and (with PARALLAX_TEST_DATABASE_URL) PostgreSQL; two
 * ingest processes on one SQLite file over several rounds; two worker processes of 8 jobs each on PostgreSQL with
 * one killed. After each: every article stored once, every story's latest report covers exactly its articles, no
 * empty titles, no job lost or failed. STRESS_ROUNDS (default 5) sets the kills per case; STRESS_SEED the moments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runCli, tempDir } from '../helpers.ts';
import { EVENT_ARTICLES } from '../fixtures/ops/events.ts';
import { invariantProblems, partition, spawnCli, waitFor, withSqlite, writeInbox } from '../ops-support.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/types.ts';

const ROUNDS = Number(process.env.STRESS_ROUNDS ?? 5);
let seed = Number(process.env.STRESS_SEED ?? 20261204);
/** A reproducible pseudo-random number in [0, 1) (mulberry32). */
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;

async function assertWhole(store: Store, label: string): Promise<void> {
  assert.equal(await store.countArticles(), EVENT_ARTICLES.length, `${label}: every article stored once`);
  assert.deepEqual(await invariantProblems(store), [], label);
  const q = await store.queueStats();
  assert.equal(q.failed, 0, `${label}: no job failed`);
}

/** Starts a child, kills it with SIGKILL after a random delay in [minMs, maxMs). */
async function killAtRandom(args: string[], env: Record<string, string>, minMs: number, maxMs: number): Promise<number> {
  const child = spawnCli(args, env);
  const at = Math.round(minMs + rand() * (maxMs - minMs));
  await Promise.race([sleep(at), child.done]);
  child.proc.kill('SIGKILL');
  await child.done;
  return at;
}

/** A fresh PostgreSQL database for a child process (openStore takes a URL, not a schema). */
async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = 'stress_' + randomBytes(5).toString('hex');
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function withPg<T>(url: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = new PostgresStore(url, { maxConnections: 4 });
  try {
    await s.migrate();
    return await fn(s);
  } finally {
    await s.close();
  }
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip = dialect === 'postgres' && !pgUrl ? 'PARALLAX_TEST_DATABASE_URL is unset' : false;

  test(`${dialect}: kill -9 of ingest ${ROUNDS} times at random moments, then a re-run`, { skip }, async () => {
    const { dir, cleanup } = tempDir();
    const pgDb = dialect === 'postgres' ? await freshPgDatabase() : null;
    const env: Record<string, string> = pgDb ? { PARALLAX_DATABASE_URL: pgDb.url } : {};
    const db = join(dir, 'p.db');
    try {
      const inbox = writeInbox(dir, 'in');
      const moments: number[] = [];
      for (let i = 0; i < ROUNDS; i++) moments.push(await killAtRandom(['ingest', inbox, '--db', db], env, 1500, 9000));
      const r = await runCli(['ingest', inbox, '--db', db], env);
      assert.equal(r.code, 0, r.stderr);
      const check = (s: Store) => assertWhole(s, `ingest killed at ${moments.join(', ')} ms`);
      await (pgDb ? withPg(pgDb.url, check) : withSqlite(db, check));
    } finally {
      await pgDb?.drop();
      cleanup();
    }
  });

  test(`${dialect}: kill -9 of a worker ${ROUNDS} times at random moments, then a worker until idle`, { skip }, async () => {
    const { dir, cleanup } = tempDir();
    const pgDb = dialect === 'postgres' ? await freshPgDatabase() : null;
    const env: Record<string, string> = { PARALLAX_JOB_LEASE_MS: '2000', ...(pgDb ? { PARALLAX_DATABASE_URL: pgDb.url } : {}) };
    const db = join(dir, 'p.db');
    try {
      const inbox = writeInbox(dir, 'in');
      assert.equal((await runCli(['ingest', '--queue', inbox, '--db', db], env)).code, 0);
      const moments: number[] = [];
      const conc = dialect === 'postgres' ? ['--concurrency', '4'] : [];
      for (let i = 0; i < ROUNDS; i++) moments.push(await killAtRandom(['worker', ...conc, '--db', db], env, 1500, 6000));
      await sleep(2100); // the last killed worker's leases run out
      const w = await runCli(['worker', '--until-idle', ...conc, '--db', db], env);
      assert.equal(w.code, 0, w.stderr);
      const check = (s: Store) => assertWhole(s, `worker killed at ${moments.join(', ')} ms`);
      await (pgDb ? withPg(pgDb.url, check) : withSqlite(db, check));
    } finally {
      await pgDb?.drop();
      cleanup();
    }
  });
}

/** Serves the event articles as pages behind one RSS feed. */
async function newsSite(): Promise<{ base: string; close: () => Promise<void> }> {
  const page = (i: number) => {
    const [title, body] = EVENT_ARTICLES[i].text.split('\n\n');
    return `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article></body></html>`;
  };
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/feed.xml') {
      const items = EVENT_ARTICLES.map((a, i) => `<item><title>${a.file}</title><link>${base}/a/${i}</link></item>`).join('');
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>${base}/</link>${items}</channel></rss>`);
      return;
    }
    const m = /^\/a\/(\d+)$/.exec(req.url ?? '');
    if (m && EVENT_ARTICLES[Number(m[1])]) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(Number(m[1])));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip = dialect === 'postgres' && !pgUrl ? 'PARALLAX_TEST_DATABASE_URL is unset' : false;
  test(`${dialect}: kill -9 of parallax run ${ROUNDS} times at random moments, then a run to completion`, { skip }, async () => {
    const { dir, cleanup } = tempDir();
    const site = await newsSite();
    const pgDb = dialect === 'postgres' ? await freshPgDatabase() : null;
    const db = join(dir, 'p.db');
    const onStore = <T>(fn: (s: Store) => Promise<T>) => (pgDb ? withPg(pgDb.url, fn) : withSqlite(db, fn));
    const env: Record<string, string> = {
      PARALLAX_ALLOW_PRIVATE_NETWORK: '1',
      PARALLAX_POLL_INTERVAL_S: '2',
      PARALLAX_POLL_MAX_ARTICLES: '6',
      ...(pgDb ? { PARALLAX_DATABASE_URL: pgDb.url } : {}),
    };
    try {
      await onStore((s) =>
        s.upsertSource({
          id: 'site',
          name: 'Site',
          homepage: null,
          country: 'GB',
          languages: ['en'],
          feeds: [`${site.base}/feed.xml`],
          ownership: null,
          origin: 'user',
          enabled: true,
        }),
      );
      const moments: number[] = [];
      for (let i = 0; i < ROUNDS; i++) moments.push(await killAtRandom(['run', '--port', '0', '--db', db], env, 2000, 8000));
      const run = spawnCli(['run', '--port', '0', '--db', db], env);
      const complete = await waitFor(
        () => onStore(async (s) => (await s.countArticles()) === EVENT_ARTICLES.length && (await invariantProblems(s)).length === 0),
        120_000,
      );
      run.proc.kill('SIGTERM');
      await run.done;
      assert.ok(complete, `run killed at ${moments.join(', ')} ms did not complete`);
      await onStore((s) => assertWhole(s, `run killed at ${moments.join(', ')} ms`));
    } finally {
      await site.close();
      await pgDb?.drop();
      cleanup();
    }
  });
}

test('sqlite: two ingest processes on one file, interleaved halves and the same inputs, over rounds', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const all = writeInbox(dir, 'all');
    const odd = writeInbox(
      dir,
      'odd',
      EVENT_ARTICLES.filter((_, i) => i % 2 === 1),
    );
    const even = writeInbox(
      dir,
      'even',
      EVENT_ARTICLES.filter((_, i) => i % 2 === 0),
    );
    assert.equal((await runCli(['ingest', all, '--db', join(dir, 'serial.db')])).code, 0);
    const expected = await withSqlite(join(dir, 'serial.db'), partition);
    for (let round = 0; round < Math.max(2, Math.ceil(ROUNDS / 2)); round++) {
      for (const [name, a, b] of [
        ['halves', odd, even],
        ['same', all, all],
      ] as const) {
        const db = join(dir, `${name}-${round}.db`);
        const runs = await Promise.all([spawnCli(['ingest', a, '--db', db]).done, spawnCli(['ingest', b, '--db', db]).done]);
        for (const r of runs) assert.equal(r.code, 0, `${name} ${round}: ${r.stderr}`);
        await withSqlite(db, async (s) => {
          await assertWhole(s, `${name} ${round}`);
          assert.deepEqual(await partition(s), expected, `${name} ${round}`);
        });
      }
    }
  } finally {
    cleanup();
  }
});

test(
  'postgres: two worker processes of 8 jobs each, one killed: nothing lost or doubled, its jobs re-run within 30 s',
  { skip: pgUrl ? false : 'PARALLAX_TEST_DATABASE_URL is unset' },
  async () => {
    const { dir, cleanup } = tempDir();
    const pgDb = await freshPgDatabase();
    const env = { PARALLAX_DATABASE_URL: pgDb.url, PARALLAX_JOB_LEASE_MS: '5000' };
    try {
      const inbox = writeInbox(dir, 'in');
      assert.equal((await runCli(['ingest', '--queue', inbox], env)).code, 0);
      const a = spawnCli(['worker', '--concurrency', '8'], env);
      const b = spawnCli(['worker', '--concurrency', '8'], env);
      const started = await waitFor(() => withPg(pgDb.url, async (s) => (await s.queueStats()).done >= 2), 60_000);
      assert.ok(started);
      a.proc.kill('SIGKILL');
      const killedAt = Date.now();
      const pid = a.proc.pid;
      await a.done;
      const reclaimed = await waitFor(
        () =>
          withPg(pgDb.url, async () => {
            const c = new pg.Client({ connectionString: pgDb.url });
            await c.connect();
            try {
              const r = await c.query("SELECT COUNT(*) AS n FROM jobs WHERE status = 'running' AND locked_by LIKE $1", [`%-${pid}-%`]);
              return Number(r.rows[0].n) === 0;
            } finally {
              await c.end();
            }
          }),
        30_000,
      );
      assert.ok(reclaimed, "the killed worker's jobs were taken over within 30 s");
      const drained = await waitFor(
        () =>
          withPg(pgDb.url, async (s) => {
            const q = await s.queueStats();
            return q.pending === 0 && q.running === 0 && (await invariantProblems(s)).length === 0;
          }),
        120_000,
      );
      b.proc.kill('SIGTERM');
      await b.done;
      assert.ok(drained, `queue drained (killed ${Date.now() - killedAt} ms ago)`);
      await withPg(pgDb.url, (s) => assertWhole(s, 'two workers, one killed'));
    } finally {
      await pgDb.drop();
      cleanup();
    }
  },
);

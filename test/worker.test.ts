/**
 * Scale-out: inputs queued with `ingest --queue` are processed by workers
 * that coordinate through the store. On PostgreSQL, several workers at once
 * process one queue and still put one event's articles in one story.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCli, tempDir } from './helpers.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import { startWorker, enqueueIngest } from '../src/pipeline/worker.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';

const QUAKE = [
  "Magnitude 6.8 earthquake strikes Hualien, Taiwan\n\nA magnitude 6.8 earthquake struck off Hualien on Taiwan's east coast on Tuesday morning, collapsing two buildings and killing at least four people, Taiwan's Central Weather Administration said.\n",
  'Taiwan quake kills four in Hualien\n\nAt least four people died when a 6.8-magnitude earthquake hit Hualien county in eastern Taiwan on Tuesday, the Central Weather Administration said, and rescuers searched two collapsed buildings.\n',
  "Hualien earthquake: rescuers search collapsed buildings\n\nRescue teams in Hualien, Taiwan, searched two collapsed buildings after Tuesday's magnitude 6.8 earthquake, which killed at least four people according to the Central Weather Administration.\n",
];
const BUDGET = [
  "Kenya parliament passes budget after long debate\n\nKenya's National Assembly approved a 3.9 trillion shilling budget on Thursday in Nairobi after a debate over new taxes on fuel and mobile money, Treasury officials said.\n",
  "Nairobi lawmakers approve 3.9 trillion shilling budget\n\nMembers of Kenya's National Assembly in Nairobi voted on Thursday to approve the 3.9 trillion shilling budget, including contested taxes on fuel and mobile money transfers.\n",
  'Kenya budget approved with fuel tax increase\n\nThe Kenyan National Assembly passed the 3.9 trillion shilling spending plan on Thursday, keeping a higher tax on fuel and mobile money, the Treasury said in Nairobi.\n',
];

test('ingest --queue then worker --until-idle ingests and builds reports (SQLite)', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const inbox = join(dir, 'in');
    (await import('node:fs')).mkdirSync(inbox);
    [...QUAKE, ...BUDGET].forEach((t, i) => writeFileSync(join(inbox, `${i}.txt`), t));
    const q = await runCli(['ingest', '--queue', inbox, '--db', db, '--json']);
    assert.equal(q.code, 0, q.stderr);
    assert.deepEqual(JSON.parse(q.stdout), { queued: 6, failed: [] });
    assert.equal(JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout).length, 0, 'nothing processed before a worker runs');
    const w = await runCli(['worker', '--until-idle', '--db', db]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /0 pending, 0 running, \d+ done, 0 failed/);
    const stories = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout) as Array<{ id: string; articles: unknown[] }>;
    assert.deepEqual(stories.map((s) => s.articles.length).sort(), [3, 3]);
    for (const s of stories) {
      const r = await runCli(['story', s.id, '--db', db, '--json']);
      assert.equal(JSON.parse(r.stdout).articles.length, 3);
    }
  } finally {
    cleanup();
  }
});

test('ingest --queue fills the outlet and country of a registry outlet, as a plain ingest does', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const jsonl = join(dir, 'in.jsonl');
    // A registry outlet (data/registry/outlets.json) known by its domain; the records name neither outlet nor country.
    const rec = (i: number) => ({
      id: `ke-${i}`,
      url: `https://www.capitalfm.co.ke/news/2026/06/budget-${i}/`,
      title: BUDGET[i].split('\n')[0],
      text: BUDGET[i].split('\n\n')[1],
    });
    writeFileSync(jsonl, [0, 1].map((i) => JSON.stringify(rec(i))).join('\n') + '\n');
    const q = await runCli(['ingest', '--queue', jsonl, '--db', db, '--json']);
    assert.equal(q.code, 0, q.stderr);
    assert.equal((await runCli(['worker', '--until-idle', '--db', db])).code, 0);
    const a = JSON.parse((await runCli(['article', 'ke-0', '--db', db, '--json'])).stdout) as {
      outlet: string | null;
      country: string | null;
    };
    assert.equal(a.country, 'KE');
    assert.ok(a.outlet && /capital/i.test(a.outlet), `outlet ${a.outlet}`);
  } finally {
    cleanup();
  }
});

const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;
test(
  'three workers on PostgreSQL share one queue without splitting a story',
  { skip: pgUrl ? false : 'PARALLAX_TEST_DATABASE_URL is unset (set it to a postgres:// URL to run)' },
  async () => {
    const schema = 't_' + randomBytes(6).toString('hex');
    const stores = [0, 1, 2].map(() => new PostgresStore(pgUrl!, { schema, maxConnections: 3 }));
    try {
      await stores[0].migrate();
      const config = loadConfig({});
      const deps = (i: number) => ({ store: stores[i], clock: () => new Date(), logger: silentLogger, config });
      for (const [i, t] of [...QUAKE, ...BUDGET].entries()) {
        await enqueueIngest(deps(0), { ref: `mem:${i}`, kind: 'text', body: t, hints: {} });
      }
      const workers = stores.map((_, i) => startWorker(deps(i), { idleMs: 50, id: `w${i}` }));
      await Promise.all(workers.map((w) => w.drained()));
      await Promise.all(workers.map((w) => w.stop()));
      const st = await stores[0].queueStats();
      assert.equal(st.failed, 0);
      assert.equal(st.pending + st.running, 0);
      const stories = await stores[0].listStories();
      assert.deepEqual(stories.map((s) => s.articleIds.length).sort(), [3, 3]);
      for (const s of stories) assert.ok(await stores[0].getReport(s.id), `report for ${s.id}`);
    } finally {
      await stores[0].dropSchema();
      await Promise.all(stores.map((s) => s.close()));
    }
  },
);

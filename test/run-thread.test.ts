/**
 * `parallax run`'s poller in its own thread (src/pipeline/poll-thread.ts): a thread that dies is restarted with a
 * back-off while its host goes on; stop() lets it finish; and the real `run` answers HTTP requests while its thread
 * ingests from a local feed, its story list showing the new story once the thread says it changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/index.ts';
import { startPollThread } from '../src/pipeline/poll-thread.ts';
import { runCli, tempDir } from './helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));
const config = loadConfig({ PARALLAX_LOG_LEVEL: 'silent' });

function collect() {
  const lines: string[] = [];
  const changed: Array<string[] | null> = [];
  return {
    lines,
    changed,
    opts: {
      config,
      status: (l: string) => lines.push(`status: ${l}`),
      report: (l: string) => lines.push(l),
      log: (l: string) => lines.push(`log: ${l}`),
      onChanged: (s: string[] | null) => changed.push(s),
    },
  };
}

test('a poll thread that dies is restarted with a growing back-off, said in one line each time', async () => {
  const c = collect();
  const t = startPollThread({
    ...c.opts,
    threadUrl: new URL('./fixtures/poll-thread/crashing.mjs', import.meta.url),
    minRestartMs: 50,
    maxRestartMs: 400,
  });
  const t0 = Date.now();
  while (t.starts() < 3 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
  await t.stop();
  assert.ok(t.starts() >= 3, `started ${t.starts()} times`);
  const restarts = c.lines.filter((l) => l.includes('the poll thread stopped'));
  assert.ok(restarts.length >= 2, c.lines.join('\n'));
  assert.match(restarts[0]!, /simulated crash in the poll thread.*the server keeps serving; polling restarts in 0\.1 s/);
  assert.match(restarts[1]!, /restarts in 0\.1 s|restarts in 0\.2 s/);
  assert.ok(c.lines.includes('status: polling 1 sources'));
  // what a dead thread ingested may not have been announced: every story is forgotten
  assert.ok(c.changed.includes(null));
});

test('stop() lets the thread finish and say so; nothing restarts after it', async () => {
  const c = collect();
  const t = startPollThread({ ...c.opts, threadUrl: new URL('./fixtures/poll-thread/steady.mjs', import.meta.url), minRestartMs: 10 });
  const t0 = Date.now();
  while (c.changed.length === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(c.changed, [['s_one']]);
  await t.stop();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(t.starts(), 1);
  assert.deepEqual(
    c.lines.filter((l) => !l.startsWith('log:')),
    ['poll 3: stopped [stopped]'],
  );
});

/** The run fixtures' feed and article pages, served on loopback; article pages wait `delayMs` (an ingest in progress). */
async function feedServer(delayMs: number): Promise<{ base: string; close: () => Promise<void> }> {
  const fix = join(here, 'fixtures', 'run');
  let base = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(readFileSync(join(fix, 'feed.xml'), 'utf8').replaceAll('{{BASE}}', base));
    }
    if (!path.startsWith('/articles/')) return void (res.writeHead(404), res.end());
    const body = readFileSync(join(fix, 'articles', path.split('/').pop()!), 'utf8');
    const t = setTimeout(() => (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }), res.end(body)), delayMs);
    res.on('close', () => clearTimeout(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

test('`parallax run` answers requests while its thread polls and ingests; the new story shows in its list', async () => {
  const { dir, cleanup } = tempDir();
  const feeds = await feedServer(1500);
  const db = join(dir, 'run.db');
  const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
  try {
    const add = await runCli(['sources', 'add', `${feeds.base}/feed.xml`, '--name', 'Harbour Gazette', '--country', 'NZ', '--db', db]);
    assert.equal(add.code, 0, add.stderr);
    const child = spawn(process.execPath, [bin, 'run', '--port', '0', '--db', db], {
      env: { ...process.env, PARALLAX_ALLOW_PRIVATE_NETWORK: '1', PARALLAX_POLL_REGISTRY: '0', PARALLAX_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const t0 = Date.now();
    const until = async (re: RegExp) => {
      while (!re.test(stderr) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 25));
      assert.match(stderr, re);
    };
    await until(/serving on http:\/\/[^:]+:\d+/);
    const url = `http://127.0.0.1:${/serving on http:\/\/[^:]+:(\d+)/.exec(stderr)![1]}`;
    // While the thread polls (the article pages take 1.5 s each to arrive), the server answers at once.
    await until(/polling 1 sources/);
    const answered: number[] = [];
    while (!/poll 1:/.test(stderr) && Date.now() - t0 < 60_000) {
      const t = performance.now();
      const r = await fetch(`${url}/api/stories`);
      assert.equal(r.status, 200);
      await r.arrayBuffer();
      answered.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(stderr, /poll 1: 1\/1 feeds of 1 sources polled, 2 new entries, 2 articles added/);
    assert.ok(answered.length >= 5, `${answered.length} requests answered during the poll`);
    // The thread's change is told to the server: the list shows the stories on its next refresh (the answer kept is
    // served while that runs, and the app trusts a list page for a second).
    let list: { stories: Array<{ id: string }> } = { stories: [] };
    for (const t1 = Date.now(); list.stories.length < 2 && Date.now() - t1 < 3000; await new Promise((r) => setTimeout(r, 100)))
      list = (await (await fetch(`${url}/api/stories`)).json()) as typeof list;
    assert.equal(list.stories.length, 2, JSON.stringify(list));
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
  } finally {
    await feeds.close();
    cleanup();
  }
});

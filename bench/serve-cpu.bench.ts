/**
 * `npm run bench -- serve-cpu`: the server's own CPU per request over sockets. `parallax serve` runs as a child
 * process (from src/, PARALLAX_RUN=src) on a SQLite database of 400 synthetic articles in 80 stories, each with its
 * report (so the server's self-repair at start finds nothing to do); autocannon loads it from this process at 50 connections with gzip accepted (as a browser asks), for
 * BENCH_SECONDS (default 8) per endpoint after a 2 s warm-up. The child's CPU time (user + system, /proc/PID/stat)
 * over the run divided by the requests answered is the figure that does not depend on how busy the machine is; the
 * throughput and latency beside it do. Linux only (skips elsewhere). `GET /api/articles/:id` is the peer.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import { buildStoryReport } from '../src/pipeline/report.ts';
import { silentLogger } from '../src/util/log.ts';
import { sha256 } from '../src/util/hash.ts';

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (o: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests: Array<{ method: string; path: string }>;
}) => Promise<Result>;

const STORIES = 80;
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Quito', 'Tbilisi', 'Perth', 'Dakar', 'Hanoi', 'Oslo', 'Lima'];
const ACTORS = ['the health ministry', 'the central bank', 'the port authority', 'police', 'the city council'];
const EVENTS = ['approved a new budget', 'announced an inquiry', 'evacuated several districts', 'signed a trade agreement'];
const OUTLETS: Array<[string, string, string]> = [
  ['Harbour Times', 'GB', 'en'],
  ['Nordposten', 'NO', 'en'],
  ['Le Quotidien', 'FR', 'fr'],
  ['Diario Central', 'ES', 'es'],
  ['Cape Courier', 'ZA', 'en'],
];

async function buildDb(file: string): Promise<string[]> {
  const store = new SqliteStore(file);
  await store.migrate();
  const at = '2026-11-22T12:00:00.000Z';
  const reported: string[] = [];
  for (let i = 0; i < STORIES; i++) {
    const sid = `s_cpu${String(i).padStart(4, '0')}`;
    await store.createStory(sid, '', at);
    const [place, actor, event] = [PLACES[i % PLACES.length]!, ACTORS[(i * 7) % ACTORS.length]!, EVENTS[(i * 3) % EVENTS.length]!];
    for (let k = 0; k < 5; k++) {
      const [outlet, country, language] = OUTLETS[(i + k) % OUTLETS.length]!;
      const text = [
        `${actor} in ${place} ${event} on March ${1 + (i % 28)}, officials said.`,
        `The decision affects about ${10 + i + (k === 4 ? 3 : 0)} thousand residents, according to figures released by ${actor}.`,
        `Local leaders in ${place} said they would study the measure closely. "We will do what is needed," one official said.`,
        'Critics argued the move came too late, while supporters said it would bring stability to the region.',
      ]
        .slice(0, 3 + (k % 2))
        .join('\n\n');
      const id = `a_cpu${String(i * 5 + k).padStart(5, '0')}`;
      const url = `https://example.org/${id}`;
      await store.insertArticle({
        ...{
          id,
          ref: url,
          url,
          title: `${place}: ${actor} ${event}`,
          byline: null,
          published: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        },
        ...{ language, outlet, country, siteName: outlet, text, blocks: [], raw: text, rawKind: 'text' as const },
        ...{ rawHash: sha256('raw' + id), contentHash: sha256(id + text), duplicateOf: null, features: null },
      });
      await store.assignArticle(id, sid, at);
    }
    await buildStoryReport(sid, { store, clock: () => new Date(at), logger: silentLogger, registryCountries: OUTLETS.map((o) => o[1]) });
    reported.push(sid);
  }
  await store.close();
  return reported;
}

/** CPU time of a process so far, in ms (user + system; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

function startServe(db: string): Promise<{ port: number; pid: number; stop: () => void }> {
  const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, PARALLAX_RUN: 'src', PARALLAX_LOG_LEVEL: 'silent' };
  delete env.PARALLAX_DATABASE_URL;
  const c = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    c.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = /serving on http:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve({ port: Number(m[1]), pid: c.pid!, stop: () => c.kill() });
    });
    c.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

export async function run(): Promise<void> {
  if (!existsSync('/proc/self/stat')) return void console.log('serve-cpu: skipped (no /proc)');
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-bench-cpu-'));
  const db = join(tmp, 'cpu.db');
  try {
    const reported = await buildDb(db);
    const server = await startServe(db);
    const url = `http://127.0.0.1:${server.port}`;
    const headers = { 'accept-encoding': 'gzip' };
    const lists = ['/api/stories', '/api/stories?limit=20&offset=20', '/api/stories?country=FR', '/api/stories?limit=50'];
    try {
      for (const [label, paths] of [
        ['GET /api/stories/:id', reported.map((s) => `/api/stories/${s}`)],
        ['GET /stories/:id (HTML)', reported.map((s) => `/stories/${s}`)],
        ['GET /api/stories (list)', lists],
        ['GET /api/articles/:id (peer)', reported.map((s) => `/api/articles/a_cpu${String(Number(s.slice(5)) * 5).padStart(5, '0')}`)],
      ] as const) {
        const requests = paths.map((path) => ({ method: 'GET', path }));
        for (const p of paths) await fetch(url + p, { headers }).then((r) => r.arrayBuffer());
        await autocannon({ url, connections: 50, duration: 2, headers, requests });
        const c0 = cpuMs(server.pid);
        const r = await autocannon({ url, connections: 50, duration: seconds, headers, requests });
        const us = ((cpuMs(server.pid) - c0) * 1000) / Math.max(1, r.requests.total);
        console.log(
          `${label.padEnd(28)} 50 conn: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; server CPU ${us.toFixed(0)} µs per request; load ${loadavg()[0].toFixed(1)}`,
        );
      }
    } finally {
      server.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- api`: the JSON API under load. Builds a SQLite database of
 * 10,000+ synthetic but realistic articles (inserted directly through the
 * Store, not through extraction), builds the reports of a sample of stories,
 * serves it on 127.0.0.1 and loads GET /api/stories/:id with autocannon for
 * ~10 s (requests/s, p99 latency). Peer in the same run: GET /api/articles/:id
 * (one row, no report), for a ratio. Then the story's HTML page (gzip, as a browser
 * asks) beside /api/stories/:id, both at 50 connections.
 *
 * Then the same server under an ingest (`underIngest`): GET /api/stories (the list: first pages and a country filter)
 * and GET /api/stories/:id at 50 connections for BENCH_API_SECONDS (default 30) each, first on the idle server, then
 * while a `parallax ingest` child process writes the AllSides articles (../shared/datasets) into the same SQLite file
 * (a cron ingest beside `parallax serve`); p99, throughput and errors as ratios of the two runs. BENCH_INGEST_NICE=N
 * runs the ingest at niceness N (a batch job's priority below the server's).
 *
 * Last (`underRun`, api-run.ts): `parallax run` itself (server and poller in one process) on the same database, idle
 * and while its poller ingests pages from loopback feeds: the story list, reports and pages at 50 connections.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { createApp, startServer } from '../src/serve/http.ts';
import { buildStoryReport } from '../src/pipeline/report.ts';
import { sha256 } from '../src/util/hash.ts';
import { underRun } from './api-run.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  workers?: number;
  headers?: Record<string, string>;
  requests?: Array<{ method: string; path: string }>;
}) => Promise<AutocannonResult>;

// BENCH_API_ARTICLES: a smaller database for a quick check of the bench itself
const ARTICLES = Number(process.env.BENCH_API_ARTICLES ?? 10_000);
const PER_STORY = 5;
const REPORTED = 40;

// a small deterministic generator of news-like text
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Quito', 'Tbilisi', 'Perth', 'Dakar', 'Hanoi', 'Oslo', 'Lima', 'Accra', 'Riga'];
const ACTORS = [
  'the health ministry',
  'the central bank',
  'the port authority',
  'police',
  'the city council',
  'the energy regulator',
  'rescue teams',
  'the election commission',
];
const EVENTS = [
  'approved a new budget',
  'announced an inquiry',
  'reported a sharp rise in prices',
  'evacuated several districts',
  'signed a trade agreement',
  'suspended flights',
  'opened a new rail line',
  'raised interest rates',
];
const DETAILS = [
  'after weeks of talks',
  'following heavy rain',
  'despite protests',
  'amid a wider slowdown',
  'under pressure from unions',
  "ahead of next month's vote",
];
const OUTLETS: Array<[string, string, string]> = [
  ['Harbour Times', 'GB', 'en'],
  ['Nordposten', 'NO', 'en'],
  ['Le Quotidien', 'FR', 'fr'],
  ['Diario Central', 'ES', 'es'],
  ['Berliner Blatt', 'DE', 'de'],
  ['Tokyo Ledger', 'JP', 'en'],
  ['Cape Courier', 'ZA', 'en'],
  ['Andes Post', 'PE', 'es'],
];

function storyFacts(i: number) {
  return { place: pick(PLACES), actor: pick(ACTORS), event: pick(EVENTS), detail: pick(DETAILS), n: 10 + (i % 900), day: 1 + (i % 28) };
}

function articleText(f: ReturnType<typeof storyFacts>, k: number): string {
  const n = k === 4 ? f.n + 3 : f.n;
  const paras = [
    `${f.actor.charAt(0).toUpperCase() + f.actor.slice(1)} in ${f.place} ${f.event} on March ${f.day}, ${f.detail}, officials said.`,
    `The decision affects about ${n} thousand residents, according to figures released by ${f.actor}.`,
    `Local leaders in ${f.place} said they would study the measure closely. "We will do what is needed," one official said.`,
    `Critics argued the move came too late, while supporters said it would bring stability to the region.`,
    `Further details are expected to be published next week, ${pick(['a spokesperson said', 'the statement said', 'reporters were told'])}.`,
  ];
  return paras.slice(0, 3 + (k % 3)).join('\n\n');
}

export async function run(): Promise<void> {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-bench-api-'));
  const db = join(tmp, 'bench.db');
  const store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
  await store.migrate();
  const at = '2026-11-22T12:00:00.000Z';
  try {
    const t0 = performance.now();
    const stories: string[] = [];
    for (let i = 0; i < ARTICLES / PER_STORY; i++) {
      const sid = `s_bench${String(i).padStart(5, '0')}`;
      stories.push(sid);
      await store.createStory(sid, '', at);
      const f = storyFacts(i);
      for (let k = 0; k < PER_STORY; k++) {
        const [outlet, country, language] = OUTLETS[(i + k) % OUTLETS.length]!;
        const text = articleText(f, k);
        const id = `a_bench${String(i * PER_STORY + k).padStart(6, '0')}`;
        await store.insertArticle({
          id,
          ref: `https://example.org/${id}`,
          url: `https://example.org/${id}`,
          title: `${f.place}: ${f.actor} ${f.event}`,
          byline: null,
          published: `2026-03-${String(f.day).padStart(2, '0')}`,
          language,
          outlet,
          country,
          siteName: outlet,
          text,
          blocks: [],
          raw: text,
          rawKind: 'text',
          rawHash: sha256('raw' + id),
          contentHash: sha256(id + text),
          duplicateOf: null,
          features: null,
        });
        await store.assignArticle(id, sid, at);
      }
    }
    const insertS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const sample = stories.filter((_, i) => i % Math.floor(stories.length / REPORTED) === 0).slice(0, REPORTED);
    for (const sid of sample)
      await buildStoryReport(sid, { store, clock: () => new Date(at), logger: silentLogger, registryCountries: OUTLETS.map((o) => o[1]) });
    const reportMs = (performance.now() - t1) / sample.length;
    console.log(
      `database: ${await store.countArticles()} articles in ${stories.length} stories, inserted in ${insertS.toFixed(1)} s; ${sample.length} reports built (${reportMs.toFixed(1)} ms each)`,
    );

    // BENCH_API_PHASES=run: only the `parallax run` phase (every story's report built first, as underIngest does)
    if (process.env.BENCH_API_PHASES === 'run') {
      for (const sid of stories)
        if (!sample.includes(sid))
          await buildStoryReport(sid, {
            store,
            clock: () => new Date(at),
            logger: silentLogger,
            registryCountries: OUTLETS.map((o) => o[1]),
          });
      const corpus = fileURLToPath(new URL('../../shared/datasets/allsides-stories/articles.jsonl', import.meta.url));
      return await underRun(autocannon as Parameters<typeof underRun>[0], corpus, db, sample, store);
    }
    // the handler's own cost, without sockets: in-process requests through the same app
    const app = createApp({ store, config: loadConfig({}), logger: silentLogger, clock: () => new Date(at), registry: null });
    const inproc = async (label: string, paths: string[], n: number) => {
      for (const p of paths) await (await app.request(p)).arrayBuffer();
      const t = performance.now();
      for (let i = 0; i < n; i++) await (await app.request(paths[i % paths.length]!)).arrayBuffer();
      const us = ((performance.now() - t) * 1000) / n;
      console.log(`${label.padEnd(24)} in-process: ${us.toFixed(0)} µs per request (${(1e6 / us).toFixed(0)} req/s on one core)`);
    };
    await inproc(
      'GET /api/stories/:id',
      sample.map((s) => `/api/stories/${s}`),
      5000,
    );
    await inproc(
      'GET /api/articles/:id',
      sample.map((_, i) => `/api/articles/a_bench${String(i * 37).padStart(6, '0')}`),
      5000,
    );

    const server = await startServer({
      store,
      config: loadConfig({}),
      logger: silentLogger,
      clock: () => new Date(at),
      registry: null,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      // warm-up: fill the per-version JSON cache
      for (const sid of sample) await fetch(`${url}/api/stories/${sid}`).then((r) => r.arrayBuffer());
      const load = async (label: string, paths: string[]) => {
        const r = await autocannon({
          url,
          connections: 10,
          duration: 10,
          workers: 1,
          requests: paths.map((path) => ({ method: 'GET', path })),
        });
        console.log(
          `${label.padEnd(24)} ${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
        );
        return r;
      };
      const a = await load(
        'GET /api/stories/:id',
        sample.map((s) => `/api/stories/${s}`),
      );
      const b = await load(
        'GET /api/articles/:id',
        sample.map((_, i) => `/api/articles/a_bench${String(i * 37).padStart(6, '0')}`),
      );
      console.log(`ratio story report / single article: ${(a.requests.average / b.requests.average).toFixed(2)}x`);
      console.log(
        `goal: ≥ 1000 req/s and p99 < 50 ms on /api/stories/:id — ${a.requests.average >= 1000 && a.latency.p99 < 50 ? 'met' : 'not met'}`,
      );

      // the story's web page as a browser asks for it (gzip), beside the JSON report, both at 50 connections
      const pages = sample.map((s) => `/stories/${s}`);
      const plain = await (await fetch(`${url}${pages[0]}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer();
      const zipped = await fetch(`${url}${pages[0]}`, { headers: { 'accept-encoding': 'gzip' } });
      console.log(`story page: ${(plain.byteLength / 1024).toFixed(1)} KB, sent as ${zipped.headers.get('content-encoding')}`);
      for (const p of pages) await fetch(`${url}${p}`).then((r) => r.arrayBuffer());
      const gz = { 'accept-encoding': 'gzip' };
      const load50 = async (label: string, paths: string[]) => {
        const r = await autocannon({
          url,
          connections: 50,
          duration: 10,
          workers: 1,
          headers: gz,
          requests: paths.map((path) => ({ method: 'GET', path })),
        });
        console.log(
          `${label.padEnd(24)} 50 conn: ${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
        );
        return r;
      };
      const api50 = await load50(
        'GET /api/stories/:id',
        sample.map((s) => `/api/stories/${s}`),
      );
      const web50 = await load50('GET /stories/:id (HTML)', pages);
      console.log(`ratio story page / JSON report at 50 connections: ${(web50.requests.average / api50.requests.average).toFixed(2)}x`);
      console.log(
        `goal: story page ≥ 1000 req/s and p99 < 50 ms at 50 connections — ${web50.requests.average >= 1000 && web50.latency.p99 < 50 ? 'met' : 'not met'}`,
      );
      await underIngest(autocannon, url, db, stories, sample, store);
    } finally {
      await server.close();
    }
    const corpus = fileURLToPath(new URL('../../shared/datasets/allsides-stories/articles.jsonl', import.meta.url));
    if (existsSync(corpus)) await underRun(autocannon as Parameters<typeof underRun>[0], corpus, db, sample, store);
    else console.log(`under run: skipped (${corpus} is absent)`);
  } finally {
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

type Store = Awaited<ReturnType<typeof openStore>>;

/**
 * The story list and one story's report at 50 connections, idle and then while a `parallax ingest` process writes
 * real articles into the same database. Every story gets its report first, so that the ingest's self-repair finds
 * nothing to rebuild and the load beside the server is the ingest itself.
 */
async function underIngest(
  autocannon: Autocannon,
  url: string,
  db: string,
  stories: string[],
  sample: string[],
  store: Store,
): Promise<void> {
  const corpus = fileURLToPath(new URL('../../shared/datasets/allsides-stories/articles.jsonl', import.meta.url));
  if (!existsSync(corpus)) return void console.log(`under ingest: skipped (${corpus} is absent)`);
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 30);
  const at = '2026-11-22T12:00:00.000Z';
  const t0 = performance.now();
  for (const sid of stories)
    if (!sample.includes(sid))
      await buildStoryReport(sid, { store, clock: () => new Date(at), logger: silentLogger, registryCountries: OUTLETS.map((o) => o[1]) });
  console.log(
    `\nunder ingest: reports of all ${stories.length} stories built in ${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const lists = ['/api/stories', '/api/stories?limit=20&offset=20', '/api/stories?country=FR', '/api/stories?limit=50'];
  const ids = sample.map((s) => `/api/stories/${s}`);
  const load = async (label: string, paths: string[]) => {
    for (const p of paths) await fetch(`${url}${p}`).then((r) => r.arrayBuffer());
    const before = await store.countArticles();
    const r = await autocannon({
      url,
      connections: 50,
      duration: seconds,
      workers: 1,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const added = (await store.countArticles()) - before;
    console.log(
      `${label.padEnd(34)} ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; ${added} articles ingested meanwhile; load ${loadavg()[0].toFixed(1)}`,
    );
    return r;
  };
  const idleList = await load('GET /api/stories (idle)', lists);
  const idleId = await load('GET /api/stories/:id (idle)', ids);

  const ingest = ingestLoop(corpus, db, join(db, '..'));
  try {
    // Measured once the ingest is writing (its first article stored), not while it starts.
    const start = await store.countArticles();
    for (let i = 0; i < 600 && (await store.countArticles()) === start; i++) await new Promise((r) => setTimeout(r, 200));
    const busyList = await load('GET /api/stories (during ingest)', lists);
    const busyId = await load('GET /api/stories/:id (during ingest)', ids);
    console.log(
      `ingest processes run: ${ingest.runs()} (each a copy of the ${corpus.split('/').slice(-2).join('/')} articles with its figures changed)`,
    );
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) + 'x' : `${a} vs ${b}`);
    for (const [name, idle, busy] of [
      ['/api/stories', idleList, busyList],
      ['/api/stories/:id', idleId, busyId],
    ] as const) {
      console.log(
        `${name.padEnd(18)} during ingest / idle: p99 ${ratio(busy.latency.p99, idle.latency.p99)} (${idle.latency.p99} → ${busy.latency.p99} ms), req/s ${ratio(busy.requests.average, idle.requests.average)}, errors + non-2xx ${idle.errors + idle.non2xx} → ${busy.errors + busy.non2xx}`,
      );
    }
    const met = [busyList, busyId].every((r) => r.latency.p99 < 50 && r.errors + r.non2xx === 0);
    console.log(`goal: p99 < 50 ms and no errors on both during an ingest — ${met ? 'met' : 'not met'}`);
  } finally {
    await ingest.stop();
  }
}

/**
 * `parallax ingest` child processes one after another until stopped, each on a new copy of the corpus: its articles'
 * ids and URLs made unique and every digit changed, so each copy is new work (stored, deduplicated as near-copies of
 * the first, clustered, their stories' reports rebuilt with the differing figures), never a run of exact duplicates.
 */
function ingestLoop(corpus: string, db: string, dir: string): { runs: () => number; stop: () => Promise<void> } {
  const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env, PARALLAX_LOG_LEVEL: 'silent' };
  delete env.PARALLAX_DATABASE_URL;
  const lines = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  let k = 0;
  const nice = Number(process.env.BENCH_INGEST_NICE ?? 0);
  let stopping = false;
  let child: ReturnType<typeof spawn> | null = null;
  let exited: Promise<void> = Promise.resolve();
  const next = (): void => {
    if (stopping) return;
    const file = join(dir, `copy${k}.jsonl`);
    const shift = (s: string) => s.replace(/\d/g, (d) => String((Number(d) + k) % 10));
    writeFileSync(
      file,
      lines
        .map((l) => JSON.parse(l) as { id?: string; url?: string; text?: string })
        .map((r) =>
          JSON.stringify({
            ...r,
            id: r.id ? `${r.id}-c${k}` : undefined,
            url: r.url ? `${r.url}#c${k}` : undefined,
            text: k ? shift(r.text ?? '') : r.text,
          }),
        )
        .join('\n'),
    );
    k++;
    const c = spawn(process.execPath, [bin, 'ingest', file, '--db', db], { env, stdio: 'ignore' });
    // BENCH_INGEST_NICE: the ingest at a lower priority, as a batch job beside a server can be run (`nice -n 10`)
    if (nice && c.pid) setPriority(c.pid, nice);
    child = c;
    exited = new Promise<void>((r) => c.on('exit', () => (r(), next())));
  };
  next();
  return {
    runs: () => k,
    stop: async () => {
      stopping = true;
      child?.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The `parallax run` phase of `npm run bench -- api`: the server and its own poller in one process (npm start), as an
 * operator runs it. A `parallax run` child process serves the bench database while polling four feeds served from
 * this process on loopback; every poll of a feed lists 30 new entries, each an article page built from the AllSides
 * articles (digits shifted per copy, so each is new work: stored, deduplicated, clustered, its story's report rebuilt).
 * GET /api/stories (list pages), /api/stories/:id and /stories/:id (HTML) at 50 connections, gzip accepted, first while
 * the feeds list nothing new (idle), then while the poller ingests; p99 and errors as ratios of the two.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Store } from '../src/store/types.ts';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  headers?: Record<string, string>;
  requests?: Array<{ method: string; path: string }>;
}) => Promise<AutocannonResult>;

interface Corpus {
  title: string;
  text: string;
}

const FEEDS = [
  ['harbour', 'Harbour Times', 'GB'],
  ['nord', 'Nordposten', 'NO'],
  ['cape', 'Cape Courier', 'ZA'],
  ['andes', 'Andes Post', 'PE'],
] as const;
const PER_POLL = 30;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Feeds that list PER_POLL new entries per request once armed (nothing before), and the article pages they list. */
function feedServer(corpus: Corpus[]): Promise<{ base: string; arm: () => void; close: () => Promise<void> }> {
  let armed = false;
  let next = 0;
  const page = (n: number, outlet: string): string => {
    const a = corpus[n % corpus.length]!;
    // shifted unlike the ingest children's copies (1, 2, …), so no page is an exact copy of what they stored
    const copy = Math.floor(n / corpus.length) + 5;
    const shift = (s: string) => s.replace(/\d/g, (d) => String((Number(d) + copy) % 10));
    const paras = shift(a.text)
      .split(/\n+/)
      .filter((p) => p.trim())
      .map((p) => `<p>${esc(p)}</p>`)
      .join('\n');
    return (
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(outlet)}</title>` +
      `<meta property="og:site_name" content="${esc(outlet)}"></head><body><main><article><h1>${esc(a.title)}</h1>\n${paras}\n` +
      `</article></main></body></html>`
    );
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const feed = FEEDS.find(([id]) => path === `/${id}/feed.xml`);
    if (feed) {
      const items: string[] = [];
      for (let i = 0; armed && i < PER_POLL; i++, next++)
        items.push(`<item><title>${esc(corpus[next % corpus.length]!.title)}</title><link>${base}/${feed[0]}/a/${next}.html</link></item>`);
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${feed[1]}</title>${items.join('')}</channel></rss>`);
    }
    const m = /^\/(\w+)\/a\/(\d+)\.html$/.exec(path);
    const outlet = m && FEEDS.find(([id]) => id === m[1]);
    if (!m || !outlet) return void (res.writeHead(404), res.end());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(Number(m[2]), outlet[1]));
  });
  let base = '';
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        base,
        arm: () => (armed = true),
        close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
      });
    }),
  );
}

/** Starts `parallax run` on the database; resolves with its port once it serves. */
async function startRun(db: string, env: NodeJS.ProcessEnv): Promise<{ port: number; stop: () => Promise<void>; stderr: () => string }> {
  const bin = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'run', '--port', '0', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const t0 = Date.now();
  while (!/serving on http:\/\/[^:]+:(\d+)/.test(err) && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
  const port = Number(/serving on http:\/\/[^:]+:(\d+)/.exec(err)?.[1] ?? NaN);
  if (!port) throw new Error(`parallax run did not start: ${err}`);
  // Its self-repair (what the killed ingest children left) is over once polling starts: idle is measured after it.
  while (!/polling \d+ sources/.test(err) && Date.now() - t0 < 600_000) await new Promise((r) => setTimeout(r, 100));
  return { port, stderr: () => err, stop: async () => (child.kill('SIGINT'), await exited) };
}

export async function underRun(autocannon: Autocannon, corpusPath: string, db: string, sample: string[], store: Store): Promise<void> {
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 30);
  const corpus = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Corpus)
    .filter((a) => a.title && a.text);
  const feeds = await feedServer(corpus);
  for (const [id, name, country] of FEEDS)
    await store.upsertSource({
      id: `${id}.bench`,
      name,
      homepage: null,
      country,
      languages: ['en'],
      feeds: [`${feeds.base}/${id}/feed.xml`],
      ownership: 'private',
      origin: 'user',
      enabled: true,
    });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARALLAX_LOG_LEVEL: 'silent',
    PARALLAX_ALLOW_PRIVATE_NETWORK: '1',
    PARALLAX_POLL_REGISTRY: '0',
    PARALLAX_POLL_INTERVAL_S: '1',
    PARALLAX_POLL_MAX_ARTICLES: String(PER_POLL * FEEDS.length),
  };
  delete env.PARALLAX_DATABASE_URL;
  const run = await startRun(db, env);
  const url = `http://127.0.0.1:${run.port}`;
  console.log(`\nunder \`parallax run\` (its own poller, ${FEEDS.length} loopback feeds, ${PER_POLL} new entries per poll of each)`);
  const groups: Array<[string, string[]]> = [
    ['/api/stories', ['/api/stories', '/api/stories?limit=20&offset=20', '/api/stories?country=FR', '/api/stories?limit=50']],
    ['/api/stories/:id', sample.map((s) => `/api/stories/${s}`)],
    ['/stories/:id (HTML)', sample.map((s) => `/stories/${s}`)],
  ];
  const load = async (label: string, paths: string[]) => {
    for (const p of paths) await fetch(`${url}${p}`).then((r) => r.arrayBuffer());
    const before = await store.countArticles();
    const r = await autocannon({
      url,
      connections: 50,
      duration: seconds,
      workers: 1,
      headers: { 'accept-encoding': 'gzip' },
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const added = (await store.countArticles()) - before;
    console.log(
      `${label.padEnd(40)} ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
        `non-2xx ${r.non2xx}, errors ${r.errors}; ${added} articles ingested meanwhile; load ${loadavg()[0].toFixed(1)}`,
    );
    return r;
  };
  try {
    const idle: AutocannonResult[] = [];
    for (const [name, paths] of groups) idle.push(await load(`GET ${name} (run, idle)`, paths));
    const start = await store.countArticles();
    feeds.arm();
    for (let i = 0; i < 600 && (await store.countArticles()) === start; i++) await new Promise((r) => setTimeout(r, 200));
    const busy: AutocannonResult[] = [];
    for (const [name, paths] of groups) busy.push(await load(`GET ${name} (run, polling)`, paths));
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) + 'x' : `${a} vs ${b}`);
    groups.forEach(([name], i) => {
      const [a, b] = [idle[i]!, busy[i]!];
      console.log(
        `${name.padEnd(20)} polling / idle: p99 ${ratio(b.latency.p99, a.latency.p99)} (${a.latency.p99} → ${b.latency.p99} ms), ` +
          `req/s ${ratio(b.requests.average, a.requests.average)}, errors + non-2xx ${a.errors + a.non2xx} → ${b.errors + b.non2xx}`,
      );
    });
    const met = busy.every((r) => r.latency.p99 < 50 && r.errors + r.non2xx === 0);
    console.log(`goal: p99 < 50 ms and no errors on all three while \`run\` ingests — ${met ? 'met' : 'not met'}`);
  } finally {
    await run.stop();
    await feeds.close();
    const polls = run.stderr().match(/poll \d+:[^\n]*/g) ?? [];
    console.log(`the run's poll cycles (${polls.length}):\n  ${polls.join('\n  ')}`);
  }
}

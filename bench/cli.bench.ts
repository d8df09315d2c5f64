/**
 * Start-up cost of the CLI: `node bin/parallax.mjs stories --json` on a SQLite database of STORIES stories
 * (three articles each), run from the compiled dist/ (PARALLAX_RUN=dist) and from src/ through tsx
 * (PARALLAX_RUN=src), interleaved, RUNS times each; medians and their ratio. Also the default (no
 * PARALLAX_RUN: dist/ only when no file under src/ is newer than the build), which adds the freshness check.
 * Builds dist/ first (`npm run build`) so the compiled code is the current source. BENCH_BASELINE_BIN=path
 * to another checkout's bin/parallax.mjs (e.g. `git archive` of an older commit, node_modules linked) times
 * that one too, in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/store/sqlite.ts';

const STORIES = Number(process.env.BENCH_STORIES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'parallax.mjs');
const OUTLETS: [string, string][] = [
  ['BBC News', 'GB'],
  ['Le Monde', 'FR'],
  ['El País', 'ES'],
  ['NHK', 'JP'],
  ['Al Jazeera', 'QA'],
];

async function fill(file: string): Promise<void> {
  const store = new SqliteStore(file);
  try {
    await store.migrate();
    for (let s = 0; s < STORIES; s++) {
      const sid = `s${s}`;
      const at = new Date(Date.UTC(2026, 0, 1) + s * 3_600_000).toISOString();
      await store.createStory(sid, `Story ${s}: talks on the river treaty resume`, at);
      for (let k = 0; k < 3; k++) {
        const id = `a${s}_${k}`;
        const [outlet, country] = OUTLETS[(s + k) % OUTLETS.length];
        const text = `Negotiators met again on ${at.slice(0, 10)} to discuss water sharing along the river. `.repeat(30);
        await store.insertArticle({
          id,
          ref: `https://news.example/${id}`,
          url: `https://news.example/${id}`,
          title: `Treaty talks, part ${k + 1}`,
          byline: null,
          published: at,
          language: 'en',
          outlet,
          country,
          siteName: outlet,
          text,
          blocks: [],
          raw: text,
          rawKind: 'text',
          rawHash: `r${id}`,
          contentHash: `c${id}`,
          duplicateOf: null,
          features: null,
        });
        await store.assignArticle(id, sid, at);
      }
    }
  } finally {
    await store.close();
  }
}

type Mode = 'dist' | 'src' | 'auto' | 'baseline';

function once(db: string, mode: Mode): { ms: number; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PARALLAX_LOG_LEVEL: 'silent', PARALLAX_POLL_REGISTRY: '0' };
  delete env.PARALLAX_RUN;
  if (mode === 'dist' || mode === 'src') env.PARALLAX_RUN = mode;
  const bin = mode === 'baseline' ? process.env.BENCH_BASELINE_BIN! : BIN;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'stories', '--json', '--db', db], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`parallax stories (${mode}) exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number): string => (ms / 1000).toFixed(2);
/** Median and fastest run, in seconds: on a shared machine the fastest is the least disturbed. */
const spread = (xs: number[]): string => `${secs(median(xs))} s (fastest ${secs(Math.min(...xs))} s)`;

export async function run(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dir = mkdtempSync(join(tmpdir(), 'parallax-cli-bench-'));
  try {
    const db = join(dir, 'cli.db');
    await fill(db);
    const times: Record<Mode, number[]> = { dist: [], src: [], auto: [], baseline: [] };
    const modes: Mode[] = process.env.BENCH_BASELINE_BIN ? ['baseline', 'src', 'dist', 'auto'] : ['src', 'dist', 'auto'];
    const outs = new Set<string>();
    for (const mode of modes) once(db, mode); // warms the file cache
    for (let i = 0; i < RUNS; i++) {
      for (const mode of modes) {
        const r = once(db, mode);
        times[mode].push(r.ms);
        outs.add(r.out);
      }
    }
    const count = (JSON.parse([...outs][0]) as unknown[]).length;
    const [d, s] = [median(times.dist), median(times.src)];
    console.log(`stories --json on ${STORIES} stories (${count} listed), median of ${RUNS}; outputs identical: ${outs.size === 1}`);
    console.log(`  src/ through tsx: ${spread(times.src)}`);
    console.log(`  dist/ compiled:   ${spread(times.dist)}  (median ${(s / d).toFixed(1)}x faster)`);
    console.log(`  default (freshness check, dist/ if current): ${spread(times.auto)}`);
    if (times.baseline.length) {
      const b = median(times.baseline);
      console.log(`  baseline ${process.env.BENCH_BASELINE_BIN}: ${spread(times.baseline)} (dist/ median ${(b / d).toFixed(1)}x faster)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

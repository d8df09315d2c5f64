/**
 * Story clustering on every dev set in one run (`npm run eval -- clustering`): AllSides as shipped and its dev
 * variants (spread over days, dense, shuffled, translated into Spanish) and ECB+ dev (look-alike events, no dates),
 * each beside the plain baseline of the issues (TF-IDF single pass, cosine on title + first 200 words >= 0.1,
 * 3-day window). AllSides and ECB+ also through the real CLI ingest (extraction, dedupe, store, merges). Then the
 * precision / recall trade-off of the two main settings on a one-day set and a spread one, and the reference case
 * (../shared/seeds must give one story of five articles).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../src/serve/cli.ts';
import { clusterInMemory, DEFAULTS, type ClusterOptions } from '../src/cluster/index.ts';
import { datasetPath } from './shared.ts';
import type { Figures } from './gate.ts';
import { apertium, bcubed, fmt, loadClusterSets, plainBaseline, withApertiumEnglish, type ClusterSet } from './clustering-sets.ts';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCaptured(args, { PARALLAX_LOG_LEVEL: 'silent' });
}

/** The set ingested through the CLI into a fresh database, scored from `stories --json`. */
async function throughCli(set: ClusterSet, tmp: string, figures: Figures): Promise<string> {
  const db = join(tmp, `${set.name}.db`);
  const t0 = performance.now();
  const ing = await cli(['ingest', set.file, '--db', db, '--json']);
  const s = (performance.now() - t0) / 1000;
  if (ing.code !== 0) return `ingest exit ${ing.code}: ${ing.stderr.split('\n')[0]}`;
  const stories = JSON.parse((await cli(['stories', '--json', '--db', db, '--limit', '5000'])).stdout) as Array<{
    id: string;
    articles: Array<{ id: string }>;
  }>;
  const pred = new Map<string, string>();
  for (const st of stories) for (const a of st.articles) pred.set(a.id, st.id);
  const sc = bcubed(pred, set.gold);
  figures[`${set.name}.cli.f1`] = sc.f;
  return `${fmt(sc)}  stories ${stories.length}  (ingest ${s.toFixed(0)} s)`;
}

function tradeOff(sets: ClusterSet[]): void {
  const pick = sets.filter((s) => s.name === 'allsides' || s.name === 'spread');
  if (pick.length < 2) return;
  console.log('trade-off: F1 (P/R) by threshold (rows) and halfLife in days (columns), allsides | spread, in memory');
  for (const threshold of [0.12, 0.16, 0.2]) {
    const cells = [2, 4, 8].map((halfLife) => {
      const o: ClusterOptions = { threshold, halfLife };
      return pick
        .map((s) => {
          const x = bcubed(clusterInMemory(s.articles, o), s.gold);
          return `${x.f.toFixed(3)} (${x.p.toFixed(2)}/${x.r.toFixed(2)})`;
        })
        .join(' | ');
    });
    console.log(`  ${threshold.toFixed(2)}  ${cells.join('   ')}`);
  }
}

async function seedsCheck(tmp: string, figures: Figures): Promise<void> {
  const seeds = datasetPath('seeds');
  if (!seeds) return;
  const db = join(tmp, 'seeds.db');
  const ing = await cli(['ingest', seeds, '--db', db, '--json']);
  if (ing.code !== 0) console.log(`seeds ingest exit ${ing.code}: ${ing.stderr.split('\n').slice(0, 3).join(' | ')}`);
  const st = JSON.parse((await cli(['stories', '--json', '--db', db])).stdout) as Array<{ id: string; articles: Array<{ ref: string }> }>;
  const sizes = st.map((s) => s.articles.length).sort((a, b) => b - a);
  const ok = st.length === 1 && sizes[0] === 5;
  figures['seeds.oneStory'] = ok ? 1 : 0;
  console.log(
    `seeds: ${st.length} ${st.length === 1 ? 'story' : 'stories'} (sizes ${sizes.join(', ')}); must be 1 story of 5: ${ok ? 'OK' : 'FAIL'}`,
  );
}

/** The reference case with each of its articles in turn replaced by its Spanish machine translation: one story each time? */
export async function seedsWithSpanish(tmp: string, figures: Figures = {}): Promise<void> {
  const seeds = datasetPath('seeds');
  if (!seeds) return;
  const files = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  let whole = 0;
  const sizes: string[] = [];
  for (const [k, f] of files.entries()) {
    const es = await apertium('eng-spa', readFileSync(join(seeds, f), 'utf8'));
    if (es === null) return console.log('seeds with one article in Spanish: skipped (apertium eng-spa is not installed)');
    const dir = join(tmp, `seeds-es-${k}`);
    mkdirSync(dir);
    for (const g of files) if (g !== f) copyFileSync(join(seeds, g), join(dir, g));
    writeFileSync(join(dir, f), es);
    const db = join(tmp, `seeds-es-${k}.db`);
    await cli(['ingest', dir, '--db', db]);
    const st = JSON.parse((await cli(['stories', '--json', '--db', db])).stdout) as Array<{ articles: unknown[] }>;
    if (st.length === 1) whole++;
    sizes.push(st.map((s) => s.articles.length).join('+'));
  }
  figures['seedsSpanish.oneStoryShare'] = whole / files.length;
  console.log(
    `seeds with one article in Spanish (Apertium, no translator configured): one story in ${whole} of ${files.length} cases (story sizes: ${sizes.join(', ')})`,
  );
}

export async function run(): Promise<Figures> {
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-cluster-eval-'));
  const figures: Figures = {};
  try {
    const sets = loadClusterSets();
    console.log(`defaults ${JSON.stringify(DEFAULTS)}`);
    console.log(`${'set'.padEnd(11)} ${'parallax (in memory)'.padEnd(36)} ${'plain baseline'.padEnd(36)} ratio`);
    for (const s of sets) {
      const t0 = performance.now();
      const p = bcubed(clusterInMemory(s.articles), s.gold);
      const ms = performance.now() - t0;
      const b = bcubed(plainBaseline(s.articles), s.gold);
      figures[`${s.name}.f1`] = p.f;
      figures[`${s.name}.overBaseline`] = p.f / b.f;
      console.log(
        `${s.name.padEnd(11)} ${fmt(p).padEnd(36)} ${fmt(b).padEnd(36)} ${(p.f / b.f).toFixed(3)}  (${s.articles.length} articles, ${ms.toFixed(0)} ms)`,
      );
    }
    const tr = sets.find((x) => x.name === 'translated');
    const back = tr ? await withApertiumEnglish(tr) : null;
    if (tr && back) {
      const p = bcubed(clusterInMemory(back), tr.gold);
      figures['translatedWithTranslator.f1'] = p.f;
      console.log(`translated, with a translator (Apertium spa-eng, clustered on the translation too): ${fmt(p)}`);
    } else if (tr) console.log('translated with a translator: skipped (apertium spa-eng is not installed)');
    for (const s of sets.filter((x) => x.name === 'allsides' || x.name === 'ecbplus')) {
      console.log(`${s.name} through the CLI ingest: ${await throughCli(s, tmp, figures)}`);
    }
    tradeOff(sets);
    await seedsCheck(tmp, figures);
    await seedsWithSpanish(tmp, figures);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return figures;
}

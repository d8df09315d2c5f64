/**
 * Story clustering on ../shared/datasets/allsides-stories: ingests articles.jsonl through the real CLI into a
 * temporary database, reads `stories --json`, and scores BCubed precision / recall / F1 against stories.jsonl.
 * Beside it, in the same run: a plain TF-IDF single-pass baseline, the same procedure in memory across a range of
 * thresholds and date decays (to show a plateau, not a tuned point), without the cross-day evidence rule, the
 * baseline's own threshold / date-window grid, without dates, in a shuffled order, in a dense stream (see `folded`),
 * and the reference case (../shared/seeds must give one story of five articles).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../src/serve/cli.ts';
import { clusterInMemory, DEFAULTS, fold, type ClusterOptions } from '../src/cluster/index.ts';
import { datasetPath } from './shared.ts';

interface GoldStory {
  story: string;
  articles: Array<{ id: string }>;
}
interface JsonlArticle {
  id: string;
  title: string | null;
  text: string;
  published: string | null;
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCaptured(args, { PARALLAX_LOG_LEVEL: 'silent' });
}

/** BCubed over the articles of `gold`: per article, the share of its predicted cluster in its gold one, and back. */
export function bcubed(pred: Map<string, string>, gold: Map<string, string>): { p: number; r: number; f: number } {
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const [a, g] of gold) {
    const p = pred.get(a) ?? 'missing:' + a;
    byPred.set(p, [...(byPred.get(p) ?? []), a]);
    byGold.set(g, [...(byGold.get(g) ?? []), a]);
  }
  let P = 0;
  let R = 0;
  for (const [a, g] of gold) {
    const cluster = byPred.get(pred.get(a) ?? 'missing:' + a)!;
    const same = cluster.filter((x) => gold.get(x) === g).length;
    P += same / cluster.length;
    R += same / byGold.get(g)!.length;
  }
  P /= gold.size;
  R /= gold.size;
  return { p: P, r: R, f: (2 * P * R) / (P + R) };
}

const fmt = (s: { p: number; r: number; f: number }) => `P ${s.p.toFixed(3)}  R ${s.r.toFixed(3)}  F1 ${s.f.toFixed(3)}`;

/**
 * The plain baseline: bag of words over title + text (lower-cased, no stop words), TF-IDF with the IDF of the
 * articles seen so far, each article joins the story of its most similar earlier article (cosine >= 0.2) dated
 * within 4 days, else starts one. Kept here, independent of src/cluster.
 */
function baseline(articles: JsonlArticle[], threshold = 0.2, maxDays = 4): Map<string, string> {
  const stop = new Set('the a an and or of to in on for with at by from is are was were be been has have had it its that this as said says'.split(' '));
  const df = new Map<string, number>();
  const seen: Array<{ id: string; story: string; tf: Map<string, number>; t: number | null }> = [];
  const out = new Map<string, string>();
  for (const a of articles) {
    const tf = new Map<string, number>();
    for (const w of fold(`${a.title ?? ''} ${a.text}`).match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (w.length > 1 && !stop.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    }
    const n = seen.length + 1;
    const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
    const norm = (m: Map<string, number>) => Math.sqrt([...m].reduce((s, [t, v]) => s + (v * idf(t)) ** 2, 0));
    const na = norm(tf);
    const t = a.published ? Date.parse(a.published) : null;
    let best: { story: string; s: number } | null = null;
    for (const b of seen) {
      if (t !== null && b.t !== null && Math.abs(t - b.t) / 86400000 > maxDays) continue;
      let dot = 0;
      for (const [w, v] of tf) {
        const u = b.tf.get(w);
        if (u) dot += v * u * idf(w) ** 2;
      }
      const s = na ? dot / (na * norm(b.tf)) : 0;
      if (s >= threshold && (!best || s > best.s)) best = { story: b.story, s };
    }
    const story = best?.story ?? a.id;
    out.set(a.id, story);
    seen.push({ id: a.id, story, tf, t });
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return out;
}

/**
 * A dense stream: the articles' dates moved back by whole multiples of `weeks` weeks onto the first `weeks` weeks,
 * weekdays kept, so that ~36 / `weeks` gold stories share each day, among them events of one recurring topic from
 * different weeks (the Senate, the pandemic, Afghanistan). Precision here is what tells same-topic events apart when
 * dates do not.
 */
function folded(xs: JsonlArticle[], weeks: number): JsonlArticle[] {
  const day = 86400000;
  const times = xs.map((a) => (a.published ? Date.parse(a.published) : NaN)).filter((t) => !Number.isNaN(t));
  const t0 = Math.min(...times);
  return xs.map((a) => {
    const t = a.published ? Date.parse(a.published) : NaN;
    if (Number.isNaN(t)) return a;
    const d = Math.floor((t - t0) / day);
    return { ...a, published: new Date(t - (d - (d % (7 * weeks))) * day).toISOString().slice(0, 10) };
  });
}

function shuffled<T>(xs: T[], seed: number): T[] {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return xs.map((x) => [rnd(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

export async function run(): Promise<void> {
  const dir = datasetPath('datasets', 'allsides-stories');
  const seeds = datasetPath('seeds');
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-cluster-eval-'));
  try {
    if (dir) {
      const articles = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as JsonlArticle);
      const gold = new Map<string, string>();
      for (const l of readFileSync(join(dir, 'stories.jsonl'), 'utf8').split('\n')) {
        if (!l.trim()) continue;
        const s = JSON.parse(l) as GoldStory;
        for (const a of s.articles) gold.set(a.id, s.story);
      }
      console.log(`allsides-stories: ${articles.length} articles, ${new Set(gold.values()).size} gold stories`);

      const db = join(tmp, 'allsides.db');
      const t0 = performance.now();
      const ing = await cli(['ingest', join(dir, 'articles.jsonl'), '--db', db, '--json']);
      const ingestS = (performance.now() - t0) / 1000;
      if (ing.code !== 0) console.log(`ingest exit ${ing.code}: ${ing.stderr.split('\n').slice(0, 3).join(' | ')}`);
      const st = await cli(['stories', '--json', '--db', db, '--limit', '5000']);
      const stories = JSON.parse(st.stdout) as Array<{ id: string; articles: Array<{ id: string }> }>;
      const pred = new Map<string, string>();
      for (const s of stories) for (const a of s.articles) pred.set(a.id, s.id);
      console.log(`parallax (CLI ingest, defaults ${JSON.stringify(DEFAULTS)}): ${fmt(bcubed(pred, gold))}  stories ${stories.length}`);
      console.log(`  ingest of ${articles.length} articles (extract, dedupe, cluster, store, reports): ${ingestS.toFixed(1)} s`);

      const tb = performance.now();
      const base = baseline(articles);
      const baseMs = performance.now() - tb;
      const tm = performance.now();
      const mem = clusterInMemory(articles);
      const memMs = performance.now() - tm;
      console.log(`baseline (plain TF-IDF single pass, cos >= 0.2, 4 days): ${fmt(bcubed(base, gold))}  stories ${new Set(base.values()).size}`);
      console.log(`parallax in memory (same procedure, no store): ${fmt(bcubed(mem, gold))}  stories ${new Set(mem.values()).size}`);
      console.log(`  clustering time alone: parallax ${memMs.toFixed(0)} ms vs baseline ${baseMs.toFixed(0)} ms (ratio ${(memMs / baseMs).toFixed(2)})`);
      console.log(`parallax without the cross-day evidence rule (crossDayEvidence false): ${fmt(bcubed(clusterInMemory(articles, { crossDayEvidence: false }), gold))}`);
      console.log(`parallax with a fixed threshold (crowding 0, threshold 0.2): ${fmt(bcubed(clusterInMemory(articles, { crowding: 0, threshold: 0.2 }), gold))}`);
      // The gold stories here are one day each: a same-day window favours any method here, and says nothing of events covered over days.
      console.log('baseline: F1 (P/R) by threshold (rows) and date window (columns)');
      for (const threshold of [0.1, 0.15, 0.2]) {
        const row = [0, 1, 4].map((days) => {
          const s = bcubed(baseline(articles, threshold, days), gold);
          return `${days} d: ${s.f.toFixed(3)} (${s.p.toFixed(3)}/${s.r.toFixed(3)})`;
        });
        console.log(`  ${threshold.toFixed(2)}  ${row.join('  ')}`);
      }

      console.log('plateau: F1 by threshold against a lone candidate (rows; + crowding per doubling of candidates) and dayDecay (columns), in memory');
      const decays = [0.2, 1 / 3, 0.5];
      console.log('  thr    ' + decays.map((d) => `decay ${d.toFixed(2)}`).join('  '));
      for (const threshold of [0.12, 0.16, 0.2, 0.24, 0.28]) {
        const row = decays.map((dayDecay) => {
          const o: ClusterOptions = { threshold, dayDecay };
          return bcubed(clusterInMemory(articles, o), gold).f.toFixed(3).padStart(11);
        });
        console.log(`  ${threshold.toFixed(2)} ${row.join('  ')}`);
      }
      const noDates = articles.map((a) => ({ ...a, published: null }));
      console.log(`without dates (defaults): ${fmt(bcubed(clusterInMemory(noDates), gold))}`);
      console.log('without dates: F1 (P/R) by undatedThreshold (rows) and undatedRareAnchors (columns), in memory');
      for (const undatedThreshold of [0.3, 0.35, 0.4]) {
        const row = [2, 3, 4].map((undatedRareAnchors) => {
          const s = bcubed(clusterInMemory(noDates, { undatedThreshold, undatedRareAnchors }), gold);
          return `rare ${undatedRareAnchors}: ${s.f.toFixed(3)} (${s.p.toFixed(3)}/${s.r.toFixed(3)})`;
        });
        console.log(`  ${undatedThreshold.toFixed(2)}  ${row.join('  ')}`);
      }
      console.log(`baseline without dates: ${fmt(bcubed(baseline(noDates), gold))}`);
      for (const weeks of [1, 4]) {
        const dense = folded(articles, weeks);
        console.log(
          `dense stream (${weeks === 1 ? 'all weeks on one' : `folded onto ${weeks} weeks`}): parallax ${fmt(bcubed(clusterInMemory(dense), gold))}; ` +
            `fixed threshold 0.2 ${fmt(bcubed(clusterInMemory(dense, { crowding: 0, threshold: 0.2 }), gold))}; ` +
            `without the cross-day rule ${fmt(bcubed(clusterInMemory(dense, { crossDayEvidence: false }), gold))}; baseline ${fmt(bcubed(baseline(dense), gold))}`,
        );
      }
      for (const seed of [1, 2]) {
        const order = shuffled(articles, seed);
        console.log(
          `shuffled order (seed ${seed}): parallax ${fmt(bcubed(clusterInMemory(order), gold))}; baseline ${fmt(bcubed(baseline(order), gold))}`,
        );
      }
    }
    if (seeds) {
      const db = join(tmp, 'seeds.db');
      const ing = await cli(['ingest', seeds, '--db', db, '--json']);
      if (ing.code !== 0) console.log(`seeds ingest exit ${ing.code}: ${ing.stderr.split('\n').slice(0, 3).join(' | ')}`);
      const st = JSON.parse((await cli(['stories', '--json', '--db', db])).stdout) as Array<{ id: string; articles: Array<{ ref: string }> }>;
      const sizes = st.map((s) => s.articles.length).sort((a, b) => b - a);
      console.log(`seeds: ${st.length} ${st.length === 1 ? 'story' : 'stories'} (sizes ${sizes.join(', ')}); must be 1 story of 5: ${st.length === 1 && sizes[0] === 5 ? 'OK' : 'FAIL'}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

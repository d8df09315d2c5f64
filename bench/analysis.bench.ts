/**
 * `npm run bench -- analysis`: a story's report built from its articles (analyzeStory then synthesizeStory) on one
 * core, from the AllSides leads (../shared/datasets/allsides-stories, read in file order as one story): 20 leads
 * (≈ 1,800 words), 20 articles of six leads each (≈ 10,700 words, the story `npm run eval -- conflicts` times) and
 * 400 leads; then one article added to the 400-article story with the per-article cache of the
 * previous build (what the pipeline does when an article joins), against a full rebuild of the same 401 articles
 * without a cache (the peer, timed in the same run). CPU time (user + system) of this process, in ms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { createAnalysisCache, type AnalysisCache } from '../src/analyze/cache.ts';
import { synthesizeStory } from '../src/synthesize/index.ts';
import { datasetPath } from '../eval/shared.ts';

function cpuMs(fn: () => unknown): number {
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const NOW = new Date('2026-11-22T12:00:00Z');

function build(arts: AnalysisArticle[], cache?: AnalysisCache): void {
  const analysis = analyzeStory(arts, { now: NOW, cache });
  synthesizeStory(arts, analysis, { cache });
}

function timeBuild(arts: AnalysisArticle[], runs: number): { first: number; median: number; analyze: number } {
  const first = cpuMs(() => build(arts));
  const xs: number[] = [];
  const an: number[] = [];
  for (let i = 0; i < runs; i++) {
    xs.push(cpuMs(() => build(arts)));
    an.push(cpuMs(() => analyzeStory(arts, { now: NOW })));
  }
  return { first, median: median(xs), analyze: median(an) };
}

function report(label: string, arts: AnalysisArticle[], t: { first: number; median: number; analyze: number }): void {
  const words = arts.reduce((n, a) => n + a.text.split(/\s+/).length, 0);
  console.log(
    `${label} (${words} words): analyzeStory median ${t.analyze.toFixed(1)} ms CPU; with synthesizeStory ${t.median.toFixed(1)} ms (first build in this process ${t.first.toFixed(0)} ms)`,
  );
}

export async function run(): Promise<void> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return;
  const all = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ ...(JSON.parse(l) as AnalysisArticle), duplicateOf: null }));
  const s20 = all.slice(0, 20);
  report('20 leads', s20, timeBuild(s20, 15));
  // 20 articles of six leads each, as eval/conflicts.eval.ts builds them
  const long = Array.from({ length: 20 }, (_, i) => {
    const chunk = all.slice(i * 6, i * 6 + 6);
    return { ...chunk[0], id: `a${i}`, text: chunk.map((a) => a.text.replace(/\.\.\.$/, '.')).join('\n\n') };
  });
  report('20 articles of six leads', long, timeBuild(long, 9));
  const s400 = all.slice(0, 400);
  report('400 leads', s400, timeBuild(s400, 3));
  // one article joins: a cache filled by the 400-article build, then the 401-article build with it
  const added: number[] = [];
  const full: number[] = [];
  for (let k = 0; k < 3; k++) {
    const next = all[400 + k];
    const cache = createAnalysisCache();
    build(s400, cache);
    added.push(cpuMs(() => build([...s400, next], cache)));
    full.push(cpuMs(() => build([...s400, next])));
  }
  const a = median(added);
  const f = median(full);
  console.log(
    `one article added to 400: ${a.toFixed(0)} ms CPU with the cache vs full rebuild ${f.toFixed(0)} ms (${(f / a).toFixed(1)}x); target < 1000 ms`,
  );
}

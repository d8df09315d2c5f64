/**
 * `npm run eval -- conflicts`: planted conflicts on the multi-article stories
 * of ../shared/datasets/allsides-stories (independently written leads).
 *
 * Where two articles of a story state the same figure or date (eval/conflicts-plant.ts),
 * one article's statement is changed (deterministic seed per story):
 * - planted: an incompatible value; recall = the report has a discrepancy
 *   with the planted value on the changed article's side and the original on
 *   another article's side (the right sides);
 * - variants: a compatible wording (about/nearly/more than a rounded value,
 *   dropped decimals, % vs percent, million vs digits, a partial date, a
 *   weekday as its date); any new discrepancy naming the changed article is a false flag.
 * Untouched stories: discrepancies per story (real outlets rarely contradict
 * each other in a lead). Speed: analyzeStory and findDiscrepancies on a 20-article story.
 * Figures are printed beside the issue-11 baseline (0 of 13 planted, 0 flags per story).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { buildStoryData } from '../src/analyze/story.ts';
import { findDiscrepancies } from '../src/analyze/discrepancies.ts';
import type { Discrepancy } from '../src/report.ts';
import type { Figures } from './gate.ts';
import { datasetPath, pct } from './shared.ts';
import { sharedFacts, plant, variants, rewrite, rng, type SharedFact, type Rewrite } from './conflicts-plant.ts';

const NOW = new Date('2026-11-22T00:00:00Z');
const VERBOSE = process.env.CONFLICTS_VERBOSE === '1';

function loadStories(dir: string): Array<{ id: string; articles: AnalysisArticle[] }> {
  const arts = new Map<string, AnalysisArticle>();
  for (const line of readFileSync(join(dir, 'articles.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as AnalysisArticle;
    arts.set(a.id, {
      id: a.id,
      title: a.title,
      text: a.text,
      outlet: a.outlet,
      country: a.country,
      language: a.language,
      published: a.published,
      duplicateOf: null,
    });
  }
  return readFileSync(join(dir, 'stories.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { story: string; articles: Array<{ id: string }> })
    .map((s) => ({ id: s.story, articles: s.articles.map((a) => arts.get(a.id)).filter((a): a is AnalysisArticle => !!a) }))
    .filter((s) => s.articles.length >= 2);
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The planted value on the changed article's side, the original on another's, and neither side holding both. */
function rightSides(ds: Discrepancy[], f: SharedFact, w: Rewrite): boolean {
  return ds.some((d) => {
    const mine = d.values.find((v) => v.articles.includes(f.target.article) && fold(v.value).includes(fold(w.marker)));
    if (!mine || mine.articles.some((a) => f.others.includes(a))) return false;
    return d.values.some((v) => v !== mine && !v.articles.includes(f.target.article) && v.articles.some((a) => f.others.includes(a)));
  });
}

const signature = (d: Discrepancy) =>
  d.values
    .map((v) => `${v.normalized ?? v.value}:${[...v.articles].sort().join(',')}`)
    .sort()
    .join('|');

/** Discrepancies of `after` not in `before` that name the changed article. */
function newFlags(before: Discrepancy[], after: Discrepancy[], article: string): Discrepancy[] {
  const old = new Set(before.map(signature));
  return after.filter((d) => !old.has(signature(d)) && d.values.some((v) => v.articles.includes(article)));
}

function analyzeWith(list: AnalysisArticle[], f: SharedFact, w: Rewrite): Discrepancy[] {
  const changed = list.map((a) => (a.id === f.target.article ? { ...a, text: rewrite(a.text, f.target, w) } : a));
  return analyzeStory(changed, { now: NOW }).discrepancies;
}

/**
 * One fact per kind per story, chosen by the story's seed, among the facts
 * clearly stated alike (two shared words next to the value; the main set), and
 * one more among those sharing a single word (the loose set, reported apart).
 */
function chooseFacts(id: string, facts: SharedFact[]): SharedFact[] {
  const r = rng('conflicts:' + id);
  const out: SharedFact[] = [];
  for (const strict of [true, false])
    for (const kind of ['number', 'date'] as const) {
      const of = facts.filter((f) => f.kind === kind && f.strict === strict);
      if (of.length) out.push(of[Math.floor(r() * of.length)]);
    }
  return out;
}

interface Tally {
  planted: Record<string, { n: number; hit: number }>;
  variants: Record<string, { n: number; flagged: number }>;
  untouched: number;
  stories: number;
  analyses: number;
  ms: number;
}

function describe(d: Discrepancy): string {
  return `${d.about}: ${d.values.map((v) => `${v.value} [${v.articles.join(',')}]${v.likelyError ? ' likelyError' : ''}`).join(' vs ')}`;
}

function runStory(s: { id: string; articles: AnalysisArticle[] }, t: Tally): void {
  const t0 = performance.now();
  const base = analyzeStory(s.articles, { now: NOW }).discrepancies;
  t.stories++;
  t.untouched += base.length;
  if (VERBOSE) for (const d of base) console.log(`  untouched flag [${s.id}] ${describe(d)}`);
  const r = rng('plant:' + s.id);
  let n = 1;
  for (const f of chooseFacts(s.id, sharedFacts(s.articles))) {
    const w = plant(f, r);
    const ds = analyzeWith(s.articles, f, w);
    const p = (t.planted[(f.strict ? '' : 'loose ') + f.kind] ??= { n: 0, hit: 0 });
    p.n++;
    n++;
    if (rightSides(ds, f, w)) p.hit++;
    else if (VERBOSE)
      console.log(
        `  missed${f.strict ? '' : ' (loose)'} [${s.id}] ${f.target.article}: "${f.target.text}" → "${w.text}" (others ${f.others.join(',')}); got ${ds.map(describe).join(' ;; ') || 'none'}`,
      );
    if (!f.strict) continue;
    const text = s.articles.find((a) => a.id === f.target.article)!.text;
    for (const v of variants(f, text.slice(Math.max(0, f.target.start - 30), f.target.start), text.slice(f.target.end, f.target.end + 8))) {
      const extra = newFlags(base, analyzeWith(s.articles, f, v), f.target.article);
      const c = (t.variants[v.label] ??= { n: 0, flagged: 0 });
      c.n++;
      n++;
      if (extra.length) {
        c.flagged++;
        if (VERBOSE) console.log(`  variant flagged [${s.id}] "${f.target.text}" → "${v.text}": ${extra.map(describe).join(' ;; ')}`);
      }
    }
  }
  t.analyses += n;
  t.ms += performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** 20 articles, each six leads long (≈ 550 words): analyzeStory and the discrepancy step alone, median of 5. */
function speed(stories: Array<{ articles: AnalysisArticle[] }>): void {
  const leads = stories.flatMap((s) => s.articles);
  const arts: AnalysisArticle[] = [];
  for (let i = 0; i < 20; i++) {
    const chunk = leads.slice(i * 6, i * 6 + 6);
    arts.push({ ...chunk[0], id: `a${i}`, text: chunk.map((a) => a.text.replace(/\.\.\.$/, '.')).join('\n\n') });
  }
  const total: number[] = [];
  const disc: number[] = [];
  for (let k = 0; k < 5; k++) {
    let t0 = performance.now();
    analyzeStory(arts, { now: NOW });
    total.push(performance.now() - t0);
    const data = buildStoryData(arts, NOW);
    t0 = performance.now();
    findDiscrepancies(data);
    disc.push(performance.now() - t0);
  }
  console.log(
    `speed: 20-article story (${arts.reduce((a, x) => a + x.text.split(/\s+/).length, 0)} words): analyzeStory ${median(total).toFixed(0)} ms, findDiscrepancies ${median(disc).toFixed(1)} ms (median of 5; goal < 200 ms)`,
  );
}

export async function run(): Promise<Figures> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return {};
  const stories = loadStories(dir);
  const t: Tally = { planted: {}, variants: {}, untouched: 0, stories: 0, analyses: 0, ms: 0 };
  for (const s of stories) runStory(s, t);
  const main = Object.entries(t.planted).filter(([k]) => !k.startsWith('loose'));
  const pn = main.reduce((a, [, x]) => a + x.n, 0);
  const ph = main.reduce((a, [, x]) => a + x.hit, 0);
  const vn = Object.values(t.variants).reduce((a, x) => a + x.n, 0);
  const vf = Object.values(t.variants).reduce((a, x) => a + x.flagged, 0);
  console.log(`stories: ${t.stories} with ≥ 2 articles`);
  console.log(
    `planted conflicts: recall ${(ph / Math.max(1, pn)).toFixed(3)} (${ph}/${pn}; goal ≥ 0.8)` +
      Object.entries(t.planted)
        .map(([k, x]) => `; ${k} ${x.hit}/${x.n}`)
        .join(''),
  );
  console.log('  (loose: the two statements share one word next to the value, often two different facts; reported apart)');
  console.log(
    `compatible variants flagged: ${vf}/${vn} (${pct(vf / Math.max(1, vn))}; goal 0)` +
      Object.entries(t.variants)
        .map(([k, x]) => `; ${k} ${x.flagged}/${x.n}`)
        .join(''),
  );
  console.log(`untouched stories: ${(t.untouched / t.stories).toFixed(3)} flags per story (${t.untouched} in ${t.stories}; goal ≤ 0.1)`);
  console.log(`analysis: ${(t.ms / t.analyses).toFixed(1)} ms per story analysis (${t.analyses} analyses)`);
  speed(stories);
  return {
    'planted.recall': ph / Math.max(1, pn),
    'variants.flaggedShare': vf / Math.max(1, vn),
    'untouched.flagsPerStory': t.untouched / t.stories,
  };
}

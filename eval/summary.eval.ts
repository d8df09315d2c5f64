/**
 * `npm run eval -- summary`: quality of the cited overview.
 *
 * 1. AllSides stories (../shared/datasets/allsides-stories): ingest articles.jsonl through the CLI into a temporary
 *    database, map each predicted story to the gold story most of its articles belong to, and score the overview
 *    against AllSides' `reference_summary` with ROUGE-1/2/L F1 — beside two baselines computed in the same run on
 *    the same articles: lead (the first sentence of each article) and a centroid extractive summary (as many
 *    sentences as the overview, closest to the story's tf-idf centroid). Also on the gold grouping itself
 *    (synthesis alone, clustering errors excluded).
 * 2. Grounding: the share of overview sentences that pass the grounding check against the articles they cite.
 * 3. Seeds (../shared/seeds): sentence count, citations, whether the overview covers the requests to Russia, China
 *    and Iran, and whether it states at least one discrepancy.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetPath, pct } from './shared.ts';
import { runCaptured } from '../src/serve/cli.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/types.ts';
import { buildStoryReport, toAnalysisArticle } from '../src/pipeline/report.ts';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { synthesizeStory, groundingDocs } from '../src/synthesize/index.ts';
import { checkGrounding } from '../src/synthesize/grounding.ts';
import { TEMPLATE_WORDS } from '../src/synthesize/overview.ts';
import { contentTokens, fold, splitSentences, words } from '../src/synthesize/text.ts';
import { namesOutlet, outletsOf } from '../src/synthesize/attribution.ts';
import { loadedInVoice } from '../src/synthesize/voice.ts';
import { isPromo } from '../src/analyze/promo.ts';
import type { Figures } from './gate.ts';
import { silentLogger } from '../src/util/log.ts';
import type { Cited, StoryReport } from '../src/report.ts';

// ---------- ROUGE (tokenized, lowercased, F-measure) ----------

function ngrams(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = tokens.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function fScore(overlap: number, candTotal: number, refTotal: number): number {
  if (!overlap || !candTotal || !refTotal) return 0;
  const p = overlap / candTotal;
  const r = overlap / refTotal;
  return (2 * p * r) / (p + r);
}

export function rougeN(cand: string, ref: string, n: number): number {
  const c = ngrams(words(cand), n);
  const r = ngrams(words(ref), n);
  let overlap = 0;
  for (const [k, v] of c) overlap += Math.min(v, r.get(k) ?? 0);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return fScore(overlap, sum(c), sum(r));
}

export function rougeL(cand: string, ref: string): number {
  const a = words(cand).slice(0, 2000);
  const b = words(ref).slice(0, 2000);
  if (!a.length || !b.length) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return fScore(prev[b.length]!, a.length, b.length);
}

interface Scores {
  r1: number;
  r2: number;
  rl: number;
  words: number;
  n: number;
}
const zero = (): Scores => ({ r1: 0, r2: 0, rl: 0, words: 0, n: 0 });
function add(s: Scores, cand: string, ref: string) {
  s.r1 += rougeN(cand, ref, 1);
  s.r2 += rougeN(cand, ref, 2);
  s.rl += rougeL(cand, ref);
  s.words += words(cand).length;
  s.n++;
}
function fmt(name: string, s: Scores): string {
  const d = s.n || 1;
  return `${name.padEnd(26)} R1 ${(s.r1 / d).toFixed(3)}  R2 ${(s.r2 / d).toFixed(3)}  RL ${(s.rl / d).toFixed(3)}  (${(s.words / d).toFixed(0)} words avg, n=${s.n})`;
}

// ---------- baselines ----------

function leadBaseline(arts: AnalysisArticle[]): string {
  return arts
    .filter((a) => !a.duplicateOf)
    .map((a) => splitSentences(a.text, 1)[0] ?? '')
    .join(' ');
}

function centroidBaseline(arts: AnalysisArticle[], k: number): string {
  const sents = arts.filter((a) => !a.duplicateOf).flatMap((a) => splitSentences(a.text, 60));
  const df = new Map<string, number>();
  const toks = sents.map((s) => contentTokens(s));
  for (const t of toks) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log(1 + sents.length / (df.get(w) ?? 1));
  const centroid = new Map<string, number>();
  for (const t of toks) for (const w of t) centroid.set(w, (centroid.get(w) ?? 0) + idf(w));
  const score = toks.map((t) => {
    const u = new Set(t);
    let s = 0;
    for (const w of u) s += (centroid.get(w) ?? 0) * idf(w);
    return s / Math.sqrt(u.size || 1);
  });
  const order = score.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const picked: number[] = [];
  for (const [, i] of order) {
    if (picked.length >= k) break;
    if (picked.some((j) => sents[j] === sents[i])) continue;
    picked.push(i);
  }
  return picked
    .sort((a, b) => a - b)
    .map((i) => sents[i])
    .join(' ');
}

function overviewText(o: Cited[]): string {
  return o.map((s) => s.text).join(' ');
}

// ---------- helpers ----------

async function ingest(paths: string[], db: string): Promise<void> {
  const { code, stderr } = await runCaptured(['ingest', ...paths, '--db', db, '--json'], { ...process.env, PARALLAX_LOG_LEVEL: 'silent' });
  if (code !== 0 && code !== 1) throw new Error(`ingest failed (${code}): ${stderr.slice(0, 500)}`);
}

async function allStories(store: Store): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.listStories({ limit: 500, offset });
    ids.push(...page.map((s) => s.id));
    if (page.length < 500) break;
  }
  return ids;
}

async function reportOf(store: Store, id: string): Promise<StoryReport | null> {
  const rv = await store.getReport(id);
  if (rv) return rv.report;
  return buildStoryReport(id, { store, clock: () => new Date(), logger: silentLogger });
}

interface GroundTally {
  sentences: number;
  grounded: number;
}
function tallyGrounding(t: GroundTally, overview: Cited[], arts: AnalysisArticle[]) {
  const docs = groundingDocs(arts);
  for (const s of overview) {
    t.sentences++;
    const cited = s.articles.map((id) => docs.get(id)).filter((d) => d !== undefined);
    if (checkGrounding(s.text, cited, { allowWords: TEMPLATE_WORDS }).ok) t.grounded++;
  }
}

// ---------- neutrality: attribution, headlines, loaded words, furniture ----------

interface Neutrality {
  /** overview sentences of multi-outlet stories whose cited articles are one outlet's */
  oneSource: number;
  oneSourceNamed: number;
  multiStories: number;
  verbatimTitles: number;
  loadedSentences: number;
  promoEntries: number;
  /** opinion detection against the gold OPINION labels */
  opTp: number;
  opFp: number;
  opFn: number;
}
const zeroN = (): Neutrality => ({
  oneSource: 0,
  oneSourceNamed: 0,
  multiStories: 0,
  verbatimTitles: 0,
  loadedSentences: 0,
  promoEntries: 0,
  opTp: 0,
  opFp: 0,
  opFn: 0,
});
const TEMPLATE = /^(?:Sources differ on|.{1,80} uses? the term )/u;
const titleKey = (t: string | null) => fold(t ?? '').replace(/[^\p{L}\p{N}]+/gu, '');

function tallyNeutrality(
  n: Neutrality,
  arts: AnalysisArticle[],
  r: Pick<StoryReport, 'title' | 'overview' | 'agreements' | 'exclusives' | 'opinion'>,
  goldOpinion?: Set<string>,
) {
  const byId = new Map(arts.map((a) => [a.id, a]));
  const outlets = new Set(arts.filter((a) => !a.duplicateOf).map((a) => a.outlet ?? a.id));
  if (outlets.size >= 2) {
    n.multiStories++;
    if (arts.some((a) => a.title && titleKey(a.title) === titleKey(r.title))) n.verbatimTitles++;
    for (const s of r.overview) {
      const names = outletsOf(s.articles, byId);
      if (names.length !== 1) continue;
      n.oneSource++;
      if (namesOutlet(s.text, names)) n.oneSourceNamed++;
    }
  }
  for (const s of r.overview) if (!TEMPLATE.test(s.text) && loadedInVoice(s.text).length) n.loadedSentences++;
  for (const s of [...r.overview, ...r.agreements, ...r.exclusives]) if (isPromo(s.text)) n.promoEntries++;
  if (goldOpinion) {
    const found = new Set((r.opinion ?? []).map((o) => o.article));
    for (const a of arts) {
      const g = goldOpinion.has(a.id);
      if (found.has(a.id) && g) n.opTp++;
      else if (found.has(a.id)) n.opFp++;
      else if (g) n.opFn++;
    }
  }
}

function printNeutrality(name: string, n: Neutrality, withOpinion: boolean) {
  console.log(
    `${name}: one-source overview sentences naming their outlet ${n.oneSourceNamed}/${n.oneSource} (${pct(n.oneSourceNamed / (n.oneSource || 1))}); ` +
      `multi-outlet stories titled with a member's headline verbatim ${n.verbatimTitles}/${n.multiStories} (${pct(n.verbatimTitles / (n.multiStories || 1))}); ` +
      `overview sentences with a loaded word in their own voice ${n.loadedSentences}; promo lines in overview/agreements/exclusives ${n.promoEntries}`,
  );
  if (withOpinion) {
    const p = n.opTp / (n.opTp + n.opFp || 1);
    const rc = n.opTp / (n.opTp + n.opFn || 1);
    console.log(
      `${name}: opinion pieces (gold OPINION labels): precision ${p.toFixed(2)}, recall ${rc.toFixed(2)} (tp ${n.opTp}, fp ${n.opFp}, fn ${n.opFn})`,
    );
  }
}

// ---------- runs ----------

async function allsides(): Promise<Figures> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return {};
  const gold = readFileSync(join(dir, 'stories.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { story: string; reference_summary: string; articles: Array<{ id: string; opinion?: string | null }> });
  const goldOpinion = new Set(gold.flatMap((g) => g.articles.filter((a) => a.opinion === 'OPINION').map((a) => a.id)));
  const goldOf = new Map<string, string>();
  for (const g of gold) for (const a of g.articles) goldOf.set(a.id, g.story);
  const refOf = new Map(gold.map((g) => [g.story, g.reference_summary]));

  const tmp = mkdtempSync(join(tmpdir(), 'parallax-eval-summary-'));
  try {
    const db = join(tmp, 'eval.db');
    const t0 = performance.now();
    await ingest([join(dir, 'articles.jsonl')], db);
    const ingestS = (performance.now() - t0) / 1000;
    const store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
    try {
      // predicted stories → gold by majority; each gold story keeps its best-overlapping prediction
      const best = new Map<string, { id: string; overlap: number }>();
      for (const id of await allStories(store)) {
        const s = await store.getStory(id);
        if (!s) continue;
        const votes = new Map<string, number>();
        for (const a of s.articleIds) {
          const g = goldOf.get(a);
          if (g) votes.set(g, (votes.get(g) ?? 0) + 1);
        }
        const top = [...votes].sort((a, b) => b[1] - a[1])[0];
        if (!top) continue;
        const cur = best.get(top[0]);
        if (!cur || top[1] > cur.overlap) best.set(top[0], { id, overlap: top[1] });
      }
      const sys = zero();
      const lead = zero();
      const cent = zero();
      const ground: GroundTally = { sentences: 0, grounded: 0 };
      const neutral = zeroN();
      const gneutral = zeroN();
      let synthMs = 0;
      let sentCount = 0;
      for (const [g, p] of best) {
        const ref = refOf.get(g)!;
        const report = await reportOf(store, p.id);
        if (!report) continue;
        const arts = (await store.listArticles({ storyId: p.id, limit: 500 })).map(toAnalysisArticle);
        add(sys, overviewText(report.overview), ref);
        add(lead, leadBaseline(arts), ref);
        add(cent, centroidBaseline(arts, Math.max(1, report.overview.length)), ref);
        tallyGrounding(ground, report.overview, arts);
        tallyNeutrality(neutral, arts, report);
        sentCount += report.overview.length;
      }
      // on the gold grouping: synthesis alone
      const gsys = zero();
      const glead = zero();
      const gcent = zero();
      for (const g of gold) {
        const arts: AnalysisArticle[] = [];
        for (const a of g.articles) {
          const x = await store.getArticle(a.id);
          if (x)
            arts.push({
              ...toAnalysisArticle(x),
              duplicateOf: x.duplicateOf && g.articles.some((y) => y.id === x.duplicateOf) ? x.duplicateOf : null,
            });
        }
        if (!arts.length) continue;
        const t = performance.now();
        const an = analyzeStory(arts, { now: new Date() });
        const syn = synthesizeStory(arts, an);
        synthMs += performance.now() - t;
        tallyNeutrality(gneutral, arts, { ...an, ...syn }, goldOpinion);
        add(gsys, overviewText(syn.overview), g.reference_summary);
        add(glead, leadBaseline(arts), g.reference_summary);
        add(gcent, centroidBaseline(arts, Math.max(1, syn.overview.length)), g.reference_summary);
      }
      console.log(
        `allsides-stories: ${gold.length} gold stories; ${best.size} matched by a predicted story (ingest ${ingestS.toFixed(1)} s)`,
      );
      console.log('-- predicted stories (mapped to gold by majority):');
      console.log(fmt('overview (Parallax)', sys));
      console.log(fmt('lead baseline', lead));
      console.log(fmt('centroid extractive', cent));
      console.log('-- gold grouping (synthesis alone):');
      console.log(fmt('overview (Parallax)', gsys));
      console.log(fmt('lead baseline', glead));
      console.log(fmt('centroid extractive', gcent));
      const ratio = (a: Scores, b: Scores) => (a.r2 / (b.r2 || 1)).toFixed(3);
      console.log(`ROUGE-2 overview / lead baseline: predicted ${ratio(sys, lead)}x, gold grouping ${ratio(gsys, glead)}x (goal >= 1.3x)`);
      printNeutrality('predicted', neutral, false);
      printNeutrality('gold grouping', gneutral, true);
      console.log(`overview sentences per story: ${(sentCount / (best.size || 1)).toFixed(2)}`);
      console.log(
        `grounding: ${ground.grounded}/${ground.sentences} overview sentences pass (${pct(ground.grounded / (ground.sentences || 1))})`,
      );
      console.log(`analyze+synthesize on gold groups: ${(synthMs / (gsys.n || 1)).toFixed(1)} ms per story`);
      // gated figures: synthesis alone on the gold grouping (deterministic; the predicted stories move with clustering)
      return {
        'allsides.r2OverLead': gsys.r2 / (glead.r2 || 1),
        'allsides.oneSourceNamed': gneutral.oneSourceNamed / (gneutral.oneSource || 1),
        'allsides.grounding': ground.grounded / (ground.sentences || 1),
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function seeds(): Promise<void> {
  const dir = datasetPath('seeds');
  if (!dir) return;
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-eval-seeds-'));
  try {
    const db = join(tmp, 'seeds.db');
    await ingest([dir], db);
    const store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
    try {
      const ids = await allStories(store);
      console.log(`seeds: ${ids.length} stor${ids.length === 1 ? 'y' : 'ies'}`);
      const ground: GroundTally = { sentences: 0, grounded: 0 };
      for (const id of ids) {
        const r = await reportOf(store, id);
        if (!r) continue;
        const arts = (await store.listArticles({ storyId: id, limit: 500 })).map(toAnalysisArticle);
        tallyGrounding(ground, r.overview, arts);
        const text = overviewText(r.overview);
        const cites = r.overview.map((s) => s.articles.length);
        const has = (w: string) => new RegExp(`\\b${w}`, 'i').test(text);
        console.log(`story ${id}: ${r.articles.length} articles; headline: ${r.title}`);
        console.log(
          `  overview: ${r.overview.length} sentences, citations per sentence ${cites.join('/')}, uncited ${cites.filter((c) => c === 0).length}`,
        );
        console.log(
          `  covers requests to Russia ${has('Russia') ? 'yes' : 'no'}, China ${has('China') || has('Chinese') ? 'yes' : 'no'}, Iran ${has('Iran') ? 'yes' : 'no'}; discrepancy stated: ${r.overview.some((s) => /^Sources differ/.test(s.text)) ? 'yes' : 'no'}`,
        );
        for (const s of r.overview) console.log(`  - ${s.text} [${s.articles.length}]`);
        console.log(`  countries: ${r.countries.map((c) => `${c.country ?? 'unknown'}(${c.articles.length})`).join(', ')}`);
      }
      console.log(`seeds grounding: ${ground.grounded}/${ground.sentences} (${pct(ground.grounded / (ground.sentences || 1))})`);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figures> {
  await seeds();
  return allsides();
}

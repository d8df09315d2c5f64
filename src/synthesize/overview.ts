/**
 * The cited overview: a multi-document extractive summary. Sentences the
 * independent sources agree on come first (ranked by support, centrality and
 * lead position, redundancy removed MMR-style), then the main points of
 * difference written from the analysis's discrepancies and framing, each
 * attributed. Every sentence cites every article containing an aligned
 * sentence. Loaded terms appear only inside attribution.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, StoryAnalysis } from '../report.ts';
import { buildSentenceSpace, type Sent, type SentenceSpace, ALIGN } from './sentences.ts';
import { fold, squash } from './text.ts';
import { neutralVoice } from './voice.ts';
import { escRe } from './label.ts';
import { attribute } from './attribution.ts';

/** Where it was defined before label.ts; kept for its importers. */
export { stripLabel } from './label.ts';

export interface OverviewOptions {
  minSentences?: number;
  maxSentences?: number;
  /** Word budget: single-source points are added while the overview is shorter. */
  maxWords?: number;
}

/** The overview's default word budget: a short read, about one news lead paragraph per outlet. */
export const OVERVIEW_WORDS = 150;

/** Capitalized words the templates below start with or use: not proper names for grounding. */
export const TEMPLATE_WORDS = ['Sources', 'One', 'Other', 'Outlets', 'Several', 'Some', 'Its', 'According'];

/** Framing kinds that are not loaded wording (an omission names what others mention; a hedge is not loaded). */
const NOT_LOADED = new Set(['omission', 'hedge', 'attribution', 'source']);

/** The loaded terms of an analysis: labels, loaded words, scare quotes — short terms only. */
export function loadedTerms(framing: StoryAnalysis['framing']): string[] {
  return framing
    .filter((f) => !NOT_LOADED.has((f.kind ?? '').toLowerCase()) && f.term.trim().split(/\s+/).length <= 4)
    .map((f) => f.term.replace(/["“”«»„]/g, '').trim())
    .filter((t) => t.length > 1);
}

/** Loaded-term matcher over folded text. */
export function loadedMatcher(terms: string[]): (text: string) => string[] {
  const uniq = [...new Set(terms.map((t) => fold(t).trim()).filter((t) => t.length > 1))];
  const res = uniq.map((t) => ({ t, re: new RegExp(`(?<![\\p{L}\\p{N}])${escRe(t)}(?![\\p{L}\\p{N}])`, 'u') }));
  return (text: string) => {
    const f = fold(text);
    return res.filter((r) => r.re.test(f)).map((r) => r.t);
  };
}

function outletName(a: AnalysisArticle | undefined): string | null {
  const o = a?.outlet?.trim();
  return o ? o : null;
}

/** "A and B", "A, B and C", or "one outlet" / "other outlets" for unnamed ones. */
export function whoSays(ids: string[], byId: Map<string, AnalysisArticle>): { who: string; plural: boolean } {
  const names: string[] = [];
  let unnamed = 0;
  for (const id of ids) {
    const n = outletName(byId.get(id));
    if (n) {
      if (!names.includes(n)) names.push(n);
    } else unnamed++;
  }
  if (unnamed)
    names.push(unnamed === 1 ? (names.length ? 'one other source' : 'one source') : names.length ? 'other sources' : 'several sources');
  const who = names.length <= 1 ? (names[0] ?? 'one source') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return { who, plural: names.length > 1 || unnamed > 1 };
}

function capFirst(s: string): string {
  return s.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

const KIND_PHRASE: Record<string, string> = {
  number: 'a figure',
  date: 'a date',
  name: 'a name',
  designation: 'a designation',
  place: 'a place',
  quote: 'a quotation',
};

/** What a discrepancy is about, as a short noun phrase: the analysis's own when it is short and clean. */
export function aboutPhrase(d: { about: string; kind?: string }): string {
  const a = squash(d.about);
  if (a.length >= 3 && a.length <= 60 && !/[:…]|\.\.\./.test(a) && !/\s,/.test(a)) return a;
  return KIND_PHRASE[(d.kind ?? '').toLowerCase()] ?? 'a detail';
}

/** Attributed sentences for the main points of difference (from the analysis only). */
export function discrepancySentences(analysis: StoryAnalysis, byId: Map<string, AnalysisArticle>, max = 2): Cited[] {
  const ds = [...analysis.discrepancies].sort(
    (a, b) => b.values.reduce((n, v) => n + v.articles.length, 0) - a.values.reduce((n, v) => n + v.articles.length, 0),
  );
  const out: Cited[] = [];
  for (const d of ds) {
    if (out.length >= max) break;
    const vals = [...d.values].sort((a, b) => b.articles.length - a.articles.length).slice(0, 4);
    if (new Set(vals.map((v) => fold(v.normalized ?? v.value).replace(/[^\p{L}\p{N}]+/gu, ''))).size < 2) continue;
    const parts = vals.map((v) => {
      const { who, plural } = whoSays(v.articles, byId);
      return `${who} ${plural ? 'say' : 'says'} “${v.value.trim()}”${v.likelyError ? ' (likely an error)' : ''}`;
    });
    const arts = [...new Set(vals.flatMap((v) => v.articles))].filter((id) => byId.has(id));
    if (arts.length === 0) continue;
    out.push({ text: `Sources differ on ${aboutPhrase(d)}: ${parts.join('; ')}.`, articles: arts });
  }
  return out;
}

/** One attributed sentence per widely used loaded term (loaded terms appear only here). */
export function framingSentences(analysis: StoryAnalysis, byId: Map<string, AnalysisArticle>, groupCount: number, max = 1): Cited[] {
  const byTerm = new Map<string, { term: string; refersTo: string | null; articles: Set<string> }>();
  const loaded = new Set(loadedTerms(analysis.framing).map(fold));
  for (const f of analysis.framing) {
    if (!byId.has(f.article) || !loaded.has(fold(f.term.replace(/["“”«»„]/g, '').trim()))) continue;
    const k = fold(f.term);
    const e = byTerm.get(k) ?? { term: f.term.replace(/["“”«»„]/g, '').trim(), refersTo: f.refersTo ?? null, articles: new Set<string>() };
    e.articles.add(f.article);
    if (!e.refersTo && f.refersTo) e.refersTo = f.refersTo;
    byTerm.set(k, e);
  }
  const out: Cited[] = [];
  for (const e of [...byTerm.values()].sort((a, b) => b.articles.size - a.articles.size).slice(0, max)) {
    const ids = [...e.articles];
    const { who, plural } = whoSays(ids, byId);
    const rest = groupCount > ids.length ? ', a term the other sources do not use' : '';
    out.push({
      text: `${capFirst(who)} ${plural ? 'use' : 'uses'} the term “${e.term}”${e.refersTo ? ` for ${squash(e.refersTo)}` : ''}${rest}.`,
      articles: ids,
    });
  }
  return out;
}

interface Candidate {
  s: Sent;
  text: string;
  score: number;
  citations: string[];
  support: number;
  order: number;
}

/** Ranks the agreed and central sentences of a story and picks a non-redundant set (MMR). */
export function selectSentences(
  space: SentenceSpace,
  isLoaded: (t: string) => string[],
  want: number,
  extraBoost: (s: Sent) => number = () => 0,
): Candidate[] {
  const G = space.groups.length;
  const cands: Candidate[] = [];
  for (const s of space.sents) {
    if (!s.usable) continue;
    const al = space.aligned(s);
    const sup = space.support(s);
    // centrality: mean over other groups of the best similarity with that group
    let cent = 0;
    if (G > 1) {
      const best = new Map<string, number>();
      for (const t of al) best.set(t.group, Math.max(best.get(t.group) ?? 0, space.sim(s, t)));
      for (const v of best.values()) cent += v;
      cent /= G - 1;
    }
    const order = al.length ? (s.rel + al.reduce((n, t) => n + t.rel, 0)) / (al.length + 1) : s.rel;
    const score = (G > 1 ? (2 * (sup - 1)) / (G - 1) : 0) + cent + 0.6 * (1 - s.rel) + (s.pos === 0 ? 0.3 : 0) + extraBoost(s);
    cands.push({ s, text: s.text, score, citations: space.citations(s), support: sup, order });
  }
  cands.sort((a, b) => b.score - a.score || a.s.i - b.s.i);
  const chosen: Candidate[] = [];
  const lambda = 0.7;
  const pool = cands.slice(0, 300);
  while (chosen.length < want && pool.length) {
    let bestIdx = -1;
    let best = -Infinity;
    for (let k = 0; k < pool.length; k++) {
      const c = pool[k]!;
      const red = chosen.reduce((m, x) => Math.max(m, space.sim(c.s, x.s)), 0);
      if (red >= ALIGN) continue;
      const v = lambda * c.score - (1 - lambda) * red * 2;
      if (v > best) {
        best = v;
        bestIdx = k;
      }
    }
    if (bestIdx < 0) break;
    const c = pool.splice(bestIdx, 1)[0]!;
    // stated in the overview's own voice: no loaded wording, whole quotations, no furniture (checked only for
    // the sentences that would be picked: the lexicon pass is the costly step)
    const text = neutralVoice(c.s.text, isLoaded);
    if (text) chosen.push({ ...c, text });
  }
  return chosen;
}

export function buildOverview(
  articles: AnalysisArticle[],
  analysis: StoryAnalysis,
  opts: OverviewOptions & { space?: SentenceSpace } = {},
): Cited[] {
  const max = opts.maxSentences ?? 8;
  const min = opts.minSentences ?? 4;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const space = opts.space ?? buildSentenceSpace(articles);
  const isLoaded = loadedMatcher(loadedTerms(analysis.framing));
  const diffs = discrepancySentences(analysis, byId, 2);
  const framing = framingSentences(analysis, byId, space.groups.length, 1);
  // sentences the analysis marked as agreements get a boost when present in the text
  const agreed = new Set(analysis.agreements.map((a) => fold(squash(a.text))));
  const boost = (s: Sent) => (agreed.has(fold(s.text)) ? 0.5 : 0);
  const wantFacts = Math.max(min, max - diffs.length - framing.length);
  const picked = selectSentences(space, isLoaded, Math.min(wantFacts, max), boost);
  const multi = space.groups.length > 1;
  // agreed (support ≥ 2) first in story order, then single-source points only as needed to reach the minimum
  const agreedFirst = picked.filter((c) => !multi || c.support >= 2).sort((a, b) => a.order - b.order || a.s.i - b.s.i);
  // then single-source points, while the overview is short of its minimum or of its word budget
  const budget = opts.maxWords ?? OVERVIEW_WORDS;
  let used = [...agreedFirst, ...diffs, ...framing].reduce((n, c) => n + c.text.split(/\s+/).length, 0);
  let count = agreedFirst.length + diffs.length + framing.length;
  const single: Candidate[] = [];
  for (const c of picked) {
    if (!multi || c.support >= 2) continue;
    if (count >= min && used >= budget) break;
    single.push(c);
    used += c.text.split(/\s+/).length;
    count++;
  }
  single.sort((a, b) => a.order - b.order || a.s.i - b.s.i);
  // a claim one outlet alone makes is attributed to it in the sentence
  const facts: Cited[] = [
    ...agreedFirst.map((c) => ({ text: c.text, articles: c.citations })),
    ...single.map((c) => ({ text: attribute(c.text, c.citations, byId), articles: c.citations })),
  ];
  const room = Math.max(0, max - diffs.length - framing.length);
  return [...facts.slice(0, room), ...diffs, ...framing].slice(0, max);
}

/**
 * The cited overview: a multi-document extractive summary. Sentences the
 * independent sources agree on come first (picked for the concepts — content
 * bigrams weighted by how many articles state them — they cover per word,
 * concepts.ts; redundancy handled by coverage), then the main points of
 * difference written from the analysis's discrepancies and framing, each
 * attributed. Every sentence cites every article containing an aligned
 * sentence. Loaded terms appear only inside attribution.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, StoryAnalysis } from '../report.ts';
import { buildSentenceSpace, type Sent, type SentenceSpace } from './sentences.ts';
import { fold, squash } from './text.ts';
import { neutralVoice } from './voice.ts';
import { escRe } from './label.ts';
import { attribute } from './attribution.ts';
import { conceptWeights, selectByConcepts } from './concepts.ts';

/** Similarity from which a sentence repeats one already picked. */
const REDUNDANT = 0.6;

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
  const templates = [...diffs, ...framing];
  const multi = space.groups.length > 1;
  // a claim one outlet alone makes is attributed to it in the sentence
  const single = (s: Sent) => multi && space.support(s) < 2;
  const write = (s: Sent): string | null => {
    const t = neutralVoice(s.text, isLoaded);
    return t && single(s) ? attribute(t, space.citations(s), byId) : t;
  };
  const estimate = (s: Sent) => s.text.split(/\s+/).length + (single(s) ? 4 : 0);
  const redundant = (a: Sent, b: Sent) => space.sim(a, b) >= REDUNDANT;
  const budget = (opts.maxWords ?? OVERVIEW_WORDS) - templates.reduce((n, c) => n + c.text.split(/\s+/).length, 0);
  const usable = space.sents.filter((s) => s.usable);
  const picked = selectByConcepts(usable, conceptWeights(space), { budget, min: min - templates.length }, { write, estimate, redundant });
  const order = (s: Sent) => {
    const al = space.aligned(s);
    return al.length ? (s.rel + al.reduce((n, t) => n + t.rel, 0)) / (al.length + 1) : s.rel;
  };
  // agreed (support ≥ 2) first, then single-source points, each in story order
  const facts = picked
    .map((p) => ({ ...p, single: single(p.s), order: order(p.s) }))
    .sort((a, b) => Number(a.single) - Number(b.single) || a.order - b.order || a.s.i - b.s.i)
    .map((p) => ({ text: p.text, articles: space.citations(p.s) }));
  const room = Math.max(0, max - templates.length);
  return [...facts.slice(0, room), ...templates].slice(0, max);
}

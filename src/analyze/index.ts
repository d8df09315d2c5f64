/**
 * analyze/: reads a story across its articles — entities, agreements,
 * exclusives, discrepancies, framing, timeline, quotes. Deterministic and
 * offline. Entry point: analyzeStory.
 */
import type { Cited, StoryAnalysis } from '../report.ts';
import { emptyAnalysis } from '../report.ts';
import { analyzeFraming } from './framing/index.ts';
import { reportableEntities } from './entities.ts';
import { buildStoryData, simOf, type StoryData, type SentRec } from './story.ts';
import { findDiscrepancies } from './discrepancies.ts';
import { findQuotes } from './quotes.ts';
import { buildTimeline } from './timeline.ts';
import { quantitiesCompatible } from './quantities.ts';
import { findOpinionPieces } from './opinion.ts';
import { createAnalysisCache, type AnalysisCache } from './cache.ts';
import type { AnalysisArticle } from './article.ts';

/** Defined in article.ts (the analysis modules read it without importing this entry point); re-exported. */
export type { AnalysisArticle } from './article.ts';

export interface AnalyzeOptions {
  /** Fallback reference date for relative dates when an article has no publication date. */
  now: Date;
  /** What earlier builds computed per article (cache.ts); a story rebuilt with it recomputes only what changed. */
  cache?: AnalysisCache;
}

/** Two sentences state the same thing at or above this similarity. */
export const AGREE_SIM = 0.42;
/** A sentence is exclusive when nothing in another report comes this close. */
export const EXCLUSIVE_MAX_SIM = 0.3;
const MAX_AGREEMENTS = 20;
const MAX_EXCLUSIVES_PER_ARTICLE = 4;

export function analyzeStory(articles: AnalysisArticle[], opts: AnalyzeOptions): StoryAnalysis {
  if (articles.length === 0) return emptyAnalysis();
  const cache = opts.cache ?? createAnalysisCache();
  const data = buildStoryData(articles, opts.now, cache);
  const out = emptyAnalysis();
  out.entities = reportableEntities(data.entities).map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, articles: e.articles }));
  const disc = findDiscrepancies(data);
  const opinion = findOpinionPieces(articles);
  const opinionIds = new Set(opinion.map((o) => o.article));
  if (opinion.length) out.opinion = opinion;
  out.agreements = findAgreements(data, disc.conflictPairs, opinionIds);
  out.exclusives = findExclusives(data, opinionIds);
  out.discrepancies = disc.discrepancies;
  out.timeline = buildTimeline(data, disc.disputedSentences);
  out.quotes = findQuotes(data);
  out.framing = analyzeFraming(articles, { entities: out.entities }, { cache });
  return out;
}

/** Facts (numbers, dates, designations, names) a sentence carries. */
function factWeight(s: SentRec, data: StoryData): number {
  let w = hardFacts(s);
  for (const m of s.mentions) {
    const e = data.entityOfMention.get(m);
    if (e && e.type !== 'other') w += 0.5;
  }
  return w;
}

const SHARED_VALUE_BONUS = 0.12;

/** Figures and dates two sentences share (same value, same counted thing). */
function sharedValues(a: SentRec, b: SentRec): number {
  let n = 0;
  for (const q of a.quantities)
    if (
      b.quantities.some(
        (p) =>
          p.value === q.value &&
          p.percent === q.percent &&
          (q.value > 2 || q.percent) &&
          (q.nouns.some((x) => p.nouns.includes(x)) || !q.nouns.length || !p.nouns.length),
      )
    )
      n++;
  for (const d of a.dates)
    if (
      d.kind !== 'relative' &&
      b.dates.some((x) => x.kind !== 'relative' && x.range.start === d.range.start && x.range.end === d.range.end)
    )
      n++;
  for (const d of a.designations) if (b.designations.some((x) => x.key === d.key)) n++;
  return n;
}

/** Numbers (beyond "two countries"), dates and designations of a sentence. */
function hardFacts(s: SentRec): number {
  return s.quantities.filter((q) => q.value > 2 || q.percent || q.qualifier).length + s.dates.length + s.designations.length;
}

/**
 * What the independent reports state alike, most-shared first. Opinion pieces (`opinion`: article ids) are not
 * reports: their sentences neither make nor join an agreement.
 */
export function findAgreements(data: StoryData, conflicts: Set<string> = new Set(), opinion: Set<string> = new Set()): Cited[] {
  const conflict = (a: number, b: number) => conflicts.has(a < b ? `${a}:${b}` : `${b}:${a}`);
  if (data.groups.length < 2) return [];
  const content = data.sentences.filter((s) => s.content && !opinion.has(s.article));
  // shared figures and dates count toward stating the same thing
  const boosted = (s: SentRec): Array<[number, number]> =>
    (data.neighbors.get(s.gi) ?? [])
      .filter(([g]) => !opinion.has(data.sentences[g].article))
      .map(([g, sim]) => [g, sim + SHARED_VALUE_BONUS * Math.min(2, sharedValues(s, data.sentences[g]))]);
  const strong = (s: SentRec) => boosted(s).filter(([, sim]) => sim >= AGREE_SIM);
  // sentences matched by the most reports first
  const ranked = content
    .map((s) => ({ s, groups: new Set(strong(s).map(([g]) => data.sentences[g].group)).size, w: strong(s).reduce((a, [, x]) => a + x, 0) }))
    .filter((x) => x.groups >= 1)
    .sort((a, b) => b.groups - a.groups || b.w - a.w || a.s.gi - b.s.gi);
  const used = new Set<number>();
  const out: Array<Cited & { n: number }> = [];
  for (const { s } of ranked) {
    if (used.has(s.gi)) continue;
    const members: SentRec[] = [s];
    const byGroup = new Map<string, [number, number]>();
    for (const [g, sim] of strong(s)) {
      if (used.has(g) || conflict(s.gi, g)) continue;
      const grp = data.sentences[g].group;
      const cur = byGroup.get(grp);
      if (!cur || sim > cur[1]) byGroup.set(grp, [g, sim]);
    }
    for (const [g] of byGroup.values()) members.push(data.sentences[g]);
    const groups = new Set(members.map((m) => m.group));
    if (groups.size < 2) continue;
    for (const m of members) used.add(m.gi);
    // the representative: the member most similar to the others
    let rep = s;
    let best = -1;
    // a sentence that states a disputed value elsewhere is a poor representative
    const inConflict = new Set<number>();
    for (const k of conflicts) for (const x of k.split(':')) inConflict.add(Number(x));
    const clean = members.filter((m) => !inConflict.has(m.gi));
    for (const m of clean.length ? clean : members) {
      const tot = members.reduce((a, o) => a + (o === m ? 0 : simOf(data, m.gi, o.gi)), 0);
      if (tot > best) [rep, best] = [m, tot];
    }
    const arts = new Set(members.map((m) => m.article));
    // wire copies of a cited article state it too
    for (const a of data.articles) if (a.duplicateOf && arts.has(a.duplicateOf) && !opinion.has(a.id)) arts.add(a.id);
    out.push({ text: rep.text, articles: [...arts], n: groups.size });
    if (out.length >= MAX_AGREEMENTS) break;
  }
  return out.sort((a, b) => b.n - a.n).map(({ text, articles }) => ({ text, articles }));
}

/** Facts one report alone states (never from an opinion piece: `opinion` holds their article ids). */
export function findExclusives(data: StoryData, opinion: Set<string> = new Set()): Cited[] {
  if (data.groups.length < 2) return [];
  // entities other reports also name: an exclusive must be about the story
  const entGroups = new Map<number, Set<string>>();
  for (const e of data.entities) entGroups.set(e.id, new Set(e.articles.map((a) => data.groupOf.get(a)!)));
  const out: Cited[] = [];
  let facts: FactIndex | undefined;
  for (const a of data.articles) {
    if ((a.duplicateOf && data.groupOf.get(a.id) !== a.id) || opinion.has(a.id)) continue;
    const cands: Array<{ s: SentRec; w: number }> = [];
    const sents = data.byArticle.get(a.id) ?? [];
    // the body: between the first and the last sentence that another report echoes (furniture lies outside)
    const echoed = sents.filter((s) => (data.neighbors.get(s.gi) ?? []).length > 0).map((s) => s.index);
    const lo = Math.min(...echoed);
    const hi = Math.max(...echoed);
    for (const s of sents) {
      if (!s.content) continue;
      const maxSim = Math.max(0, ...(data.neighbors.get(s.gi) ?? []).map(([, x]) => x));
      if (maxSim >= EXCLUSIVE_MAX_SIM) continue;
      const w = factWeight(s, data);
      if (hardFacts(s) === 0 && w < 1.5) continue;
      const aboutStory = s.mentions.some((m) => {
        const e = data.entityOfMention.get(m);
        return e && (entGroups.get(e.id)?.size ?? 0) >= 2;
      });
      if (!aboutStory && !(s.index > lo && s.index < hi)) continue;
      if ((facts ??= new FactIndex(data)).factElsewhere(data, s)) continue;
      cands.push({ s, w });
    }
    cands.sort((x, y) => y.w - x.w || x.s.gi - y.s.gi);
    for (const c of cands.slice(0, MAX_EXCLUSIVES_PER_ARTICLE).sort((x, y) => x.s.gi - y.s.gi)) {
      const arts = [a.id, ...data.articles.filter((o) => o.duplicateOf === a.id).map((o) => o.id)];
      out.push({ text: c.s.text, articles: arts });
    }
  }
  return out;
}

/**
 * The content sentences indexed by the values they state (figure, date range, counted noun, designation), so that
 * finding another report stating a sentence's facts reads only the sentences sharing one of them.
 */
class FactIndex {
  private byValue = new Map<string, Set<SentRec>>();
  private byRange = new Map<string, Set<SentRec>>();
  private byNoun = new Map<string, Set<SentRec>>();
  private byCode = new Map<string, Set<SentRec>>();
  constructor(data: StoryData) {
    const put = (m: Map<string, Set<SentRec>>, k: string, o: SentRec) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(o);
    for (const o of data.sentences) {
      if (!o.content) continue;
      for (const p of o.quantities) {
        put(this.byValue, `${p.value}|${p.percent}`, o);
        for (const n of p.nouns) put(this.byNoun, `${n}|${p.percent}`, o);
      }
      for (const x of o.dates) put(this.byRange, `${x.range.start}|${x.range.end}`, o);
      for (const x of o.designations) put(this.byCode, x.key, o);
    }
  }

  /** Another report states one of this sentence's figures or codes (in other words). */
  factElsewhere(data: StoryData, s: SentRec): boolean {
    const other = (o: SentRec) => o.group !== s.group;
    // two of its figures and dates in one sentence of another report
    const shared = new Map<SentRec, number>();
    const count = (set: Set<SentRec> | undefined) => {
      for (const o of set ?? []) if (other(o)) shared.set(o, (shared.get(o) ?? 0) + 1);
    };
    for (const q of s.quantities) count(this.byValue.get(`${q.value}|${q.percent}`));
    for (const d of s.dates) if (d.kind !== 'relative') count(this.byRange.get(`${d.range.start}|${d.range.end}`));
    for (const n of shared.values()) if (n >= 2) return true;
    // a compatible figure of the same counted thing, or the same large figure
    for (const q of s.quantities) {
      const cands = new Set<SentRec>();
      for (const n of q.nouns) for (const o of this.byNoun.get(`${n}|${q.percent}`) ?? []) cands.add(o);
      if (q.value >= 100) for (const o of this.byValue.get(`${q.value}|${q.percent}`) ?? []) cands.add(o);
      for (const o of cands)
        if (
          other(o) &&
          o.quantities.some(
            (p) =>
              p.percent === q.percent &&
              ((quantitiesCompatible(p, q) && q.nouns.some((n) => p.nouns.includes(n))) || (p.value === q.value && q.value >= 100)),
          )
        )
          return true;
    }
    for (const d of s.designations)
      for (const o of this.byCode.get(d.key) ?? []) if (other(o) && simOf(data, s.gi, o.gi) > 0.15) return true;
    return false;
  }
}

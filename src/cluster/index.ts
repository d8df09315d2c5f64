/**
 * cluster/: groups articles about one event into a story, incrementally.
 *
 * Each article becomes one sparse vector over its title and lead: content
 * words, plus "anchors" that tell events apart — name tokens (who, where:
 * `n:` keys), numbers (tolls, magnitudes, amounts: `#` keys) and calendar
 * dates mentioned in the text (when: `d:MM-DD` keys). A story keeps
 * a centroid (the sum of its members' unit TF-IDF vectors, IDF as of when
 * each joined) and the range of its members' publication dates.
 *
 * An arriving article is compared with the stories that share one of its
 * most distinctive keys (an inverted index kept by the caller) and whose
 * dates are near its own. The score mixes the cosine of the content words
 * (0.7) with the cosine of the anchors (0.3), and falls linearly with the
 * days between the article and the story's date range (zero at maxDays). A
 * story whose anchors the article hardly shares (anchor cosine below 0.12,
 * both sides naming at least 3) is ruled out: two events of one topic (two
 * earthquakes, two trials, two elections) share vocabulary, not people,
 * places or figures. Being published on one of the story's days is
 * evidence of the same event; when the dates do not give it (the article or
 * the story has no date, or the article is from another day than the
 * story's), nothing rules out another event of a recurring topic (the same
 * head of state, the same chamber, the next day's follow-up event): the
 * article joins only on a strong match (undatedThreshold) or with several
 * anchors in common that are rare outside the story (`rareShared`), as a
 * later report of the same event names the same people, places and
 * figures. The article joins the best story at or above the threshold, or
 * starts a new one; story ids never change.
 *
 * Everything here is pure; the pipeline supplies document frequencies and
 * candidate stories from the store. `clusterInMemory` runs the same
 * procedure over an array (tests, evals).
 */
import { dateMentions, fold, isTitleCase, nameTokens, numbers, tokenize } from './text.ts';

export { fold, tokenize } from './text.ts';

export interface ClusterFeatures {
  /** 2 for this format. Older stored features (no `v`) are used as plain term vectors. */
  v?: number;
  /** Raw term frequencies: content words (title counted twice), `n:` name tokens, `#` numbers, `d:` dates mentioned. */
  terms: Record<string, number>;
  /** Distinct name tokens (folded). */
  names: string[];
  /** ISO date (or date-time) of publication, when known. */
  published: string | null;
}

export interface StoryFeatures {
  /** Number of member articles. */
  n: number;
  /** Sum of the members' unit TF-IDF vectors (at most MAX_STORY_TERMS largest entries). */
  terms: Record<string, number>;
  /** Earliest and latest known publication dates (YYYY-MM-DD) of the members. */
  first: string | null;
  last: string | null;
}

export interface StoryCandidate {
  storyId: string;
  features: StoryFeatures;
}

/** Document frequencies: how many clustered articles contain each term, and how many there are. */
export interface TermStats {
  docs: number;
  df: Record<string, number>;
}

export interface ClusterOptions {
  /** Minimum score to join a story when it is the only candidate (see crowding). */
  threshold?: number;
  /**
   * Added to the threshold per doubling of the candidate stories (stories in the date window sharing one of the
   * article's distinctive keys): the more stories of one vocabulary are live, the less a weak match says which one
   * the article is about. 0 = a fixed threshold.
   */
  crowding?: number;
  /** The threshold never rises above this, however crowded. */
  maxThreshold?: number;
  /** Max days between an article's date and a story's date range for it to join. */
  maxDays?: number;
  /** Weight of the anchor (names, numbers) cosine in the score; the rest goes to content words. */
  anchorWeight?: number;
  /** An article cannot join a story whose anchors (names, numbers) it matches with a cosine below this (0 = never veto). */
  anchorVeto?: number;
  /** Score multiplier lost per day between the article's date and the story's range. */
  dayDecay?: number;
  /** Days of gap assumed when the article or the story has no date. */
  undatedGap?: number;
  /** Minimum score to join when the dates do not place the article on the story's days (no date, or another day). */
  undatedThreshold?: number;
  /** Without a date on either side (or from another day), a score below undatedThreshold still joins with this many rare anchors in common. */
  undatedRareAnchors?: number;
  /**
   * An article dated on another day than the story's range needs the same evidence as an undated one
   * (undatedThreshold or undatedRareAnchors) on top of the threshold; false = the threshold alone.
   */
  crossDayEvidence?: boolean;
  /** An anchor is rare when it occurs outside the story in at most this share of the articles (or 2 of them). */
  rareShare?: number;
}

/**
 * threshold / crowding / maxThreshold: the score from which an article joins: 0.12 against a lone candidate story,
 * + 0.03 per doubling of the candidates (0.15 with 1 other, 0.18 with 3, 0.21 with 7 …, at most 0.3) — in a sparse
 * stream a weak match is most likely the one event; among many stories of one topic it is not (the plateau and
 * the dense-stream probe are printed by eval/clustering.eval.ts);
 * maxDays: news coverage of one event mostly falls within a few days; beyond, dated articles never join;
 * dayDecay: the score falls linearly with the gap, to zero at maxDays;
 * anchorWeight: content words carry most of the score, anchors the rest;
 * anchorVeto: below this anchor cosine (no common person, place or figure to speak of) nothing joins;
 * undatedThreshold / undatedRareAnchors / rareShare: without a date on either side, join on a strong match, or with
 * 3 anchors in common found outside the story in at most max(2, 1% of) the articles (see `rareShared`);
 * crossDayEvidence: the same from another day than the story's (the decayed score against undatedThreshold).
 */
export const DEFAULTS = {
  threshold: 0.12,
  crowding: 0.03,
  maxThreshold: 0.3,
  maxDays: 3,
  anchorWeight: 0.3,
  anchorVeto: 0.12,
  dayDecay: 1 / 3,
  undatedGap: 0,
  undatedThreshold: 0.35,
  undatedRareAnchors: 3,
  rareShare: 0.01,
  crossDayEvidence: true,
} as const;

/** Words of the body used (title + lead): the lead names the event; later paragraphs drift to background. */
const LEAD_WORDS = 150;
const MAX_TITLE_CHARS = 500;
const MAX_STORY_TERMS = 400;
/** Keys of an article posted to / looked up in the inverted index. */
export const INDEX_KEYS = 20;

const isAnchor = (k: string) => k.startsWith('n:') || k.startsWith('#') || k.startsWith('d:');

export function clusterFeatures(a: { title: string | null; text: string; published: string | null }): ClusterFeatures {
  // Hard limits: a headline is short, and only the lead is read.
  const title = (a.title ?? '').slice(0, MAX_TITLE_CHARS);
  const words = a.text.slice(0, LEAD_WORDS * 40).split(/\s+/);
  const lead = words.slice(0, LEAD_WORDS).join(' ');
  const terms: Record<string, number> = {};
  const add = (k: string, w: number) => (terms[k] = (terms[k] ?? 0) + w);
  for (const w of tokenize(title)) add(w, 2);
  for (const w of tokenize(lead)) add(w, 1);
  // Names: from the lead, and from the title unless it is Title Case (then only those also named in the lead).
  const leadNames = nameTokens(lead);
  const names = new Set(leadNames);
  const titleNames = isTitleCase(title) ? nameTokens(title).filter((n) => names.has(n)) : nameTokens(title);
  for (const n of titleNames) add('n:' + n, 1);
  for (const n of leadNames) add('n:' + n, 1);
  for (const n of titleNames) names.add(n);
  for (const n of numbers(`${title} ${lead}`)) add('#' + n, 1);
  for (const d of dateMentions(`${title}\n${lead}`)) add('d:' + d, 1);
  return { v: 2, terms, names: [...names], published: normDate(a.published) };
}

function normDate(d: string | null): string | null {
  if (!d) return null;
  const t = Date.parse(d);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Smoothed inverse document frequency. */
export function idfFn(stats: TermStats): (t: string) => number {
  return (t) => Math.log((stats.docs + 1) / ((stats.df[t] ?? 0) + 1)) + 1;
}

/** The article's TF-IDF vector scaled to unit length. */
export function weightVector(f: ClusterFeatures, idf: (t: string) => number): Record<string, number> {
  const v: Record<string, number> = {};
  let norm = 0;
  for (const [t, tf] of Object.entries(f.terms)) {
    const w = (1 + Math.log(tf)) * idf(t);
    v[t] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const t of Object.keys(v)) v[t] /= norm;
  return v;
}

/** The article's most distinctive keys (highest TF-IDF), for the inverted index. */
export function indexKeys(f: ClusterFeatures, idf: (t: string) => number, max = INDEX_KEYS): string[] {
  const v = weightVector(f, idf);
  // Anchors first among equals: they are what tells events apart.
  return Object.entries(v)
    .map(([k, w]) => [k, w * (isAnchor(k) ? 1.5 : 1)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([k]) => k);
}

/** Days between an article's date and a story's date range (0 inside it), or null when either is unknown. */
export function dayGap(published: string | null, s: Pick<StoryFeatures, 'first' | 'last'>): number | null {
  if (!published || !s.first || !s.last) return null;
  const d = Date.parse(published.slice(0, 10));
  const lo = Date.parse(s.first);
  const hi = Date.parse(s.last);
  if ([d, lo, hi].some(Number.isNaN)) return null;
  return Math.max(0, lo - d, d - hi) / 86400000;
}

/** The date window a story must overlap to be a candidate for this article, or null (no date). */
export function dateWindow(published: string | null, maxDays: number = DEFAULTS.maxDays): { from: string; to: string } | null {
  if (!published) return null;
  const d = Date.parse(published.slice(0, 10));
  if (Number.isNaN(d)) return null;
  const day = 86400000;
  return {
    from: new Date(d - maxDays * day).toISOString().slice(0, 10),
    to: new Date(d + maxDays * day).toISOString().slice(0, 10),
  };
}

/** Whether a story's date range overlaps the window (a story or article without dates is never ruled out). */
export function overlapsWindow(s: Pick<StoryFeatures, 'first' | 'last'>, win: { from: string; to: string } | null): boolean {
  return !win || !s.first || !s.last || (s.last >= win.from && s.first <= win.to);
}

export interface Similarity {
  score: number;
  /** Cosine of the content words. */
  words: number;
  /** Cosine of the anchors (names, numbers), or null when either side has none. */
  anchors: number | null;
}

function cosParts(a: Record<string, number>, s: Record<string, number>): { w: number; an: number | null } {
  let dotW = 0, dotA = 0, aW = 0, aA = 0, sW = 0, sA = 0;
  for (const [k, x] of Object.entries(a)) {
    const anchor = isAnchor(k);
    if (anchor) aA += x * x;
    else aW += x * x;
    const y = s[k];
    if (y) {
      if (anchor) dotA += x * y;
      else dotW += x * y;
    }
  }
  for (const [k, y] of Object.entries(s)) {
    if (isAnchor(k)) sA += y * y;
    else sW += y * y;
  }
  const w = aW && sW ? dotW / Math.sqrt(aW * sW) : 0;
  const an = aA && sA ? dotA / Math.sqrt(aA * sA) : null;
  return { w, an };
}

function countAnchors(v: Record<string, number>): number {
  let n = 0;
  for (const k of Object.keys(v)) if (isAnchor(k)) n++;
  return n;
}

/** Anchors both sides need before their disagreement counts. */
const MIN_ANCHORS = 3;

/**
 * Who / where / how many disagree: both sides name at least MIN_ANCHORS people, places or figures, and the
 * cosine of those anchors is below `veto`. Two earthquakes or two trials share a vocabulary, not these.
 */
export function anchorConflict(a: Record<string, number>, s: Record<string, number>, sim: Similarity, veto: number): boolean {
  return sim.anchors !== null && sim.anchors < veto && countAnchors(a) >= MIN_ANCHORS && countAnchors(s) >= MIN_ANCHORS;
}

/** How much an article (as a unit TF-IDF vector) resembles a story centroid. */
export function similarity(vec: Record<string, number>, story: StoryFeatures, opts: ClusterOptions = {}): Similarity {
  const aw = opts.anchorWeight ?? DEFAULTS.anchorWeight;
  const { w, an } = cosParts(vec, story.terms);
  // Without anchors on one side (uncased scripts, no names), content words decide alone.
  const score = an === null ? w : (1 - aw) * w + aw * an;
  return { score, words: w, anchors: an };
}

/**
 * Anchors (names, numbers, dates mentioned) the article shares with a story that are rare outside it: found in at
 * most max(2, rareShare × articles) articles beyond the story's own members. Recurring actors of a topic
 * ("Senate", a head of state) are common across the corpus; the people, places and figures of one event are not.
 */
export function rareShared(vec: Record<string, number>, story: StoryFeatures, stats: TermStats, opts: ClusterOptions = {}): number {
  const limit = Math.max(2, (opts.rareShare ?? DEFAULTS.rareShare) * stats.docs);
  let n = 0;
  for (const k of Object.keys(vec)) {
    if (isAnchor(k) && story.terms[k] && (stats.df[k] ?? 0) - story.n <= limit) n++;
  }
  return n;
}

export interface Decision {
  storyId: string | null;
  score: number;
}

/** The story the article joins (best score at or above the threshold, within the date window), or null for a new story. */
export function decideStory(
  f: ClusterFeatures,
  vec: Record<string, number>,
  candidates: StoryCandidate[],
  opts: ClusterOptions = {},
  stats?: TermStats,
): Decision {
  const crowding = (opts.crowding ?? DEFAULTS.crowding) * Math.log2(Math.max(1, candidates.length));
  const threshold = Math.min(Math.max(opts.threshold ?? DEFAULTS.threshold, opts.maxThreshold ?? DEFAULTS.maxThreshold), (opts.threshold ?? DEFAULTS.threshold) + crowding);
  const maxDays = opts.maxDays ?? DEFAULTS.maxDays;
  let best: Decision = { storyId: null, score: 0 };
  for (const c of candidates) {
    const gap = dayGap(f.published, c.features);
    if (gap !== null && gap > maxDays) continue;
    const sim = similarity(vec, c.features, opts);
    if (anchorConflict(vec, c.features.terms, sim, opts.anchorVeto ?? DEFAULTS.anchorVeto)) continue;
    // Without a date on either side there is no evidence either way: the gap counts as `undatedGap` days.
    const s = sim.score * Math.max(0, 1 - (opts.dayDecay ?? 1 / maxDays) * (gap ?? opts.undatedGap ?? DEFAULTS.undatedGap));
    if (gap === null || (gap > 0 && (opts.crossDayEvidence ?? DEFAULTS.crossDayEvidence))) {
      // No date, or another day, to tell a recurring topic's events apart: demand more, or shared people / places / figures.
      if (s < (opts.undatedThreshold ?? DEFAULTS.undatedThreshold) && (!stats || rareShared(vec, c.features, stats, opts) < (opts.undatedRareAnchors ?? DEFAULTS.undatedRareAnchors))) continue;
    }
    if (s >= threshold && (s > best.score || (s === best.score && best.storyId !== null && c.storyId < best.storyId))) {
      best = { storyId: c.storyId, score: s };
    }
  }
  return best;
}

/** A story's features after an article (its unit TF-IDF vector `vec`) joins it. */
export function addToStory(story: StoryFeatures | null, f: ClusterFeatures, vec: Record<string, number>): StoryFeatures {
  const terms: Record<string, number> = { ...(story?.terms ?? {}) };
  for (const [k, x] of Object.entries(vec)) terms[k] = (terms[k] ?? 0) + x;
  const entries = Object.entries(terms);
  let kept = terms;
  if (entries.length > MAX_STORY_TERMS) {
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    kept = Object.fromEntries(entries.slice(0, MAX_STORY_TERMS).map(([k, x]) => [k, Math.round(x * 1e4) / 1e4]));
  } else {
    for (const k of Object.keys(kept)) kept[k] = Math.round(kept[k] * 1e4) / 1e4;
  }
  const d = f.published?.slice(0, 10) ?? null;
  const first = d && (!story?.first || d < story.first) ? d : (story?.first ?? null);
  const last = d && (!story?.last || d > story.last) ? d : (story?.last ?? null);
  return { n: (story?.n ?? 0) + 1, terms: kept, first, last };
}

/** Reads stored clustering features, re-deriving nothing: older formats are used as plain term vectors. */
export function asClusterFeatures(x: unknown): ClusterFeatures | null {
  if (!x || typeof x !== 'object') return null;
  const o = x as Partial<ClusterFeatures>;
  if (!o.terms || typeof o.terms !== 'object') return null;
  return { v: o.v, terms: o.terms, names: Array.isArray(o.names) ? o.names : [], published: normDate(o.published ?? null) };
}

/** Candidate-lookup limit: stories sharing the most index keys with the article. */
export const CANDIDATE_LIMIT = 100;

/**
 * The whole incremental procedure over an in-memory list, in order, with the
 * same inverted-index lookup the pipeline does against the store: returns
 * article id -> story id (a story is named by its first article's id).
 */
export function clusterInMemory(
  articles: Array<{ id: string; title: string | null; text: string; published: string | null }>,
  opts: ClusterOptions = {},
): Map<string, string> {
  const stats: TermStats = { docs: 0, df: {} };
  const stories = new Map<string, StoryFeatures>();
  const postings = new Map<string, Set<string>>();
  const out = new Map<string, string>();
  const maxDays = opts.maxDays ?? DEFAULTS.maxDays;
  for (const a of articles) {
    const f = clusterFeatures(a);
    const idf = idfFn(stats);
    const vec = weightVector(f, idf);
    const keys = indexKeys(f, idf);
    const hits = new Map<string, number>();
    for (const k of keys) for (const s of postings.get(k) ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
    const win = dateWindow(f.published, maxDays);
    const cands = [...hits]
      .filter(([s]) => {
        const sf = stories.get(s)!;
        return overlapsWindow(sf, win);
      })
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, CANDIDATE_LIMIT)
      .map(([s]) => ({ storyId: s, features: stories.get(s)! }));
    const d = decideStory(f, vec, cands, opts, stats);
    const sid = d.storyId ?? a.id;
    stories.set(sid, addToStory(stories.get(sid) ?? null, f, vec));
    for (const k of keys) {
      const p = postings.get(k) ?? new Set<string>();
      p.add(sid);
      postings.set(k, p);
    }
    stats.docs++;
    for (const t of Object.keys(f.terms)) stats.df[t] = (stats.df[t] ?? 0) + 1;
    out.set(a.id, sid);
  }
  return out;
}

/** Folds a name for comparison (exported for analyzers that match entity names). */
export function normalizeName(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

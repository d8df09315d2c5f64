/**
 * Which story an article joins, and which stories turn out to be one event.
 *
 * The score mixes the cosine of the content words with the cosine of the anchors (names, numbers, dates named),
 * times a time factor that halves with every `halfLife` days between the article and the story's date range: time
 * is evidence, not a wall — a developing story runs over days to weeks, and a later report joins when its words
 * and anchors say it is the same event. Candidates are the stories in the `maxDays` window that share one of the
 * article's distinctive keys. Two events of one topic share vocabulary, not people, places and figures: a story
 * whose anchors the article hardly shares (anchor cosine below `anchorVeto`, both naming at least 3) is ruled out.
 * Without a date on either side there is no time evidence at all: then a strong match or rare shared anchors are
 * needed. The join threshold rises with the number of live candidates (`crowding`). After an article joins, a
 * candidate story whose centroid now matches the joined story's at `mergeThreshold` is the same event: they merge.
 */
import { isAnchor, type TermStats } from './features.ts';
import { sameLanguageShare, languageOverlap, squares, type StoryFeatures } from './story.ts';

export interface StoryCandidate {
  storyId: string;
  features: StoryFeatures;
}

export interface ClusterOptions {
  /** Minimum score to join a story when it is the only candidate (see crowding). */
  threshold?: number;
  /** Added to the threshold per doubling of the candidate stories; 0 = a fixed threshold. */
  crowding?: number;
  /** The threshold never rises above this, however crowded. */
  maxThreshold?: number;
  /** Candidate stories are those whose date range comes within this many days of the article's date. */
  maxDays?: number;
  /** Days over which the time factor halves. */
  halfLife?: number;
  /** Weight of the anchor (names, numbers) cosine in the score when jointCosine is off; the rest goes to words. */
  anchorWeight?: number;
  /** An article cannot join a story whose anchors it matches with a cosine below this (0 = never veto). */
  anchorVeto?: number;
  /** Minimum score to join when neither side has a date to weigh. */
  undatedThreshold?: number;
  /** Undated: a score below undatedThreshold still joins with this many rare anchors in common. */
  undatedRareAnchors?: number;
  /** An anchor is rare when it occurs outside the story in at most this share of the articles (or 2 of them). */
  rareShare?: number;
  /** Two stories whose centroids match at this score (after the time factor) merge; 0 = never. */
  mergeThreshold?: number;
  /** Exponent of the story's coherence (|centroid| / members) applied to its score: 0 = centroid cosine, 1 = average link. */
  coherence?: number;
  /** One cosine over content words and anchors together (true), or the two cosines mixed by anchorWeight (false). */
  jointCosine?: boolean;
  /** A story's members whose groups match at a lower average than this are two events: it splits (0 = never). */
  splitThreshold?: number;
}

/**
 * jointCosine / coherence: one cosine over words and anchors together ranks pairs of one event above others
 * better than two mixed cosines, and a story's score is scaled by its coherence (|centroid| / members, average
 * link): a centroid of diverse reports gains about √n against any vector, which chained a topic's days into one
 * story; threshold / crowding / maxThreshold: 0.08 against a lone candidate, + 0.03 per doubling of the
 * candidates, at most 0.3 (low, since a story that drifts splits: splitThreshold 0.25, split.ts); halfLife 4 days and a 14-day window: coverage of one event runs a median 3 days, some weeks, and the
 * score of a report a week later is a quarter of the same-day one; anchorWeight / anchorVeto: anchors carry 0.3 of
 * the score and veto below 0.12; undatedThreshold / undatedRareAnchors / rareShare: with no date anywhere, a strong
 * match or 3 anchors found outside the story in at most max(2, 1% of) the articles; mergeThreshold 0.5: two
 * stories merge only when their centroids are as close as two reports of one event usually are.
 * (`npm run eval -- clustering` prints these against the dev sets and the trade-offs measured.)
 */
export const DEFAULTS = {
  threshold: 0.08,
  crowding: 0.03,
  maxThreshold: 0.3,
  maxDays: 14,
  halfLife: 4,
  anchorWeight: 0.3,
  anchorVeto: 0.12,
  undatedThreshold: 0.35,
  undatedRareAnchors: 3,
  rareShare: 0.01,
  mergeThreshold: 0.5,
  coherence: 1,
  jointCosine: true,
  splitThreshold: 0.25,
} as const;

type NumericOption = { [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] extends number ? K : never }[keyof typeof DEFAULTS];
const opt = <K extends NumericOption>(o: ClusterOptions, k: K): number => o[k] ?? DEFAULTS[k];

const DAY = 86400000;

/** Days between an article's date and a story's date range (0 inside it), or null when either is unknown. */
export function dayGap(published: string | null, s: Pick<StoryFeatures, 'first' | 'last'>): number | null {
  if (!published || !s.first || !s.last) return null;
  const d = Date.parse(published.slice(0, 10));
  const lo = Date.parse(s.first);
  const hi = Date.parse(s.last);
  if ([d, lo, hi].some(Number.isNaN)) return null;
  return Math.max(0, lo - d, d - hi) / DAY;
}

/** Days between two stories' date ranges (0 when they overlap), or null when either has no date. */
export function rangeGap(a: Pick<StoryFeatures, 'first' | 'last'>, b: Pick<StoryFeatures, 'first' | 'last'>): number | null {
  if (!a.first || !a.last || !b.first || !b.last) return null;
  if (a.last >= b.first && b.last >= a.first) return 0;
  return Math.min(dayGap(a.last, b) ?? 0, dayGap(a.first, b) ?? 0);
}

/** The date window a story must overlap to be a candidate for this article, or null (no date). */
export function dateWindow(published: string | null, maxDays: number = DEFAULTS.maxDays): { from: string; to: string } | null {
  if (!published) return null;
  const d = Date.parse(published.slice(0, 10));
  if (Number.isNaN(d)) return null;
  return {
    from: new Date(d - maxDays * DAY).toISOString().slice(0, 10),
    to: new Date(d + maxDays * DAY).toISOString().slice(0, 10),
  };
}

/** Whether a story's date range overlaps the window (a story or article without dates is never ruled out). */
export function overlapsWindow(s: Pick<StoryFeatures, 'first' | 'last'>, win: { from: string; to: string } | null): boolean {
  return !win || !s.first || !s.last || (s.last >= win.from && s.first <= win.to);
}

/** The score multiplier for a gap of `gap` days: 1 on the story's days, halving every halfLife days. */
export function timeFactor(gap: number | null, opts: ClusterOptions = {}): number {
  return gap === null ? 1 : Math.pow(2, -gap / opt(opts, 'halfLife'));
}

export interface Similarity {
  score: number;
  /** Cosine of the content words. */
  words: number;
  /** Cosine of the anchors (names, numbers), or null when either side has none. */
  anchors: number | null;
}

/** The cosines of `a` with `s`; `sq`, when given, is squares(s), kept with a story's centroid. */
function cosParts(
  a: Record<string, number>,
  s: Record<string, number>,
  sq: { words: number; anchors: number } = squares(s),
): { w: number; an: number | null; joint: number } {
  let dotW = 0,
    dotA = 0,
    aW = 0,
    aA = 0;
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
  const { words: sW, anchors: sA } = sq;
  const w = aW && sW ? dotW / Math.sqrt(aW * sW) : 0;
  const an = aA && sA ? dotA / Math.sqrt(aA * sA) : null;
  const n = Math.sqrt((aW + aA) * (sW + sA));
  return { w, an, joint: n ? (dotW + dotA) / n : 0 };
}

/**
 * How much a vector (an article's, or a story's centroid) resembles a story centroid. `same` is the share of the
 * story's members whose content words are in the vector's language (1 when unknown): content words only meet
 * words of their own language, so across languages the anchors (names, numbers, dates) carry the score — when the
 * vector names at least MIN_ANCHORS of them.
 */
export function similarity(
  vec: Record<string, number>,
  story: Pick<StoryFeatures, 'terms' | 'squares'> & { n?: number },
  opts: ClusterOptions = {},
  same = 1,
): Similarity {
  const aw = opt(opts, 'anchorWeight');
  const sq = story.squares ?? squares(story.terms);
  const { w, an, joint } = cosParts(vec, story.terms, sq);
  // Without anchors on one side (uncased scripts, no names), content words decide alone.
  const within = (opts.jointCosine ?? DEFAULTS.jointCosine) ? joint : an === null ? w : (1 - aw) * w + aw * an;
  const across = an !== null && countAnchors(vec) >= MIN_ANCHORS ? an : 0;
  const score = same * within + (1 - same) * across;
  const g = opt(opts, 'coherence');
  const k = g > 0 && story.n && story.n > 1 ? Math.pow(Math.min(1, Math.sqrt(sq.words + sq.anchors) / story.n), g) : 1;
  return { score: score * k, words: w, anchors: an };
}

function countAnchors(v: Record<string, number>): number {
  let n = 0;
  for (const k of Object.keys(v)) if (isAnchor(k)) n++;
  return n;
}

/** Anchors both sides need before their disagreement counts. */
const MIN_ANCHORS = 3;

/** Who / where / how many disagree: both sides name at least MIN_ANCHORS of them, and their cosine is below `veto`. */
export function anchorConflict(a: Record<string, number>, s: Record<string, number>, sim: Similarity, veto: number): boolean {
  return sim.anchors !== null && sim.anchors < veto && countAnchors(a) >= MIN_ANCHORS && countAnchors(s) >= MIN_ANCHORS;
}

/**
 * Anchors the article shares with a story that are rare outside it: found in at most max(2, rareShare × articles)
 * articles beyond the story's own members. A topic's recurring actors are common; one event's are not.
 */
export function rareShared(vec: Record<string, number>, story: StoryFeatures, stats: TermStats, opts: ClusterOptions = {}): number {
  const limit = Math.max(2, opt(opts, 'rareShare') * stats.docs);
  let n = 0;
  for (const k of Object.keys(vec)) {
    if (isAnchor(k) && story.terms[k] && (stats.df[k] ?? 0) - story.n <= limit) n++;
  }
  return n;
}

export interface Decision {
  storyId: string | null;
  score: number;
  /** Every candidate the article matches at the threshold: the stories it may bridge (see storiesToMerge). */
  matched: string[];
}

/** What the decision reads of an article besides its vector: its date and the language of its content words. */
export interface ArticleKey {
  published: string | null;
  lang?: string | null;
}

/** The join threshold among `n` candidate stories. */
function joinThreshold(n: number, opts: ClusterOptions): number {
  const base = opt(opts, 'threshold');
  return Math.min(Math.max(base, opt(opts, 'maxThreshold')), base + opt(opts, 'crowding') * Math.log2(Math.max(1, n)));
}

/** The article's score against one candidate, or null when the candidate is ruled out. */
function candidateScore(
  vec: Record<string, number>,
  f: ArticleKey,
  c: StoryCandidate,
  opts: ClusterOptions,
  stats?: TermStats,
): number | null {
  const gap = dayGap(f.published, c.features);
  if (gap !== null && gap > opt(opts, 'maxDays')) return null;
  const sim = similarity(vec, c.features, opts, sameLanguageShare(c.features, f.lang));
  if (anchorConflict(vec, c.features.terms, sim, opt(opts, 'anchorVeto'))) return null;
  const s = sim.score * timeFactor(gap, opts);
  // No date on either side: nothing tells a recurring topic's events apart; demand a strong match or rare anchors.
  if (
    gap === null &&
    s < opt(opts, 'undatedThreshold') &&
    (!stats || rareShared(vec, c.features, stats, opts) < opt(opts, 'undatedRareAnchors'))
  )
    return null;
  return s;
}

/** The story the article joins (best score at or above the threshold), or null for a new story. */
export function decideStory(
  f: ArticleKey,
  vec: Record<string, number>,
  candidates: StoryCandidate[],
  opts: ClusterOptions = {},
  stats?: TermStats,
): Decision {
  const threshold = joinThreshold(candidates.length, opts);
  let best: Decision = { storyId: null, score: 0, matched: [] };
  const matched: string[] = [];
  for (const c of candidates) {
    const s = candidateScore(vec, f, c, opts, stats);
    if (s === null || s < threshold) continue;
    matched.push(c.storyId);
    if (s > best.score || (s === best.score && best.storyId !== null && c.storyId < best.storyId))
      best = { storyId: c.storyId, score: s, matched };
  }
  return { ...best, matched };
}

/** Whether two stories are one event: centroids matching at mergeThreshold after the time factor, no who/where conflict. */
export function shouldMerge(a: StoryFeatures, b: StoryFeatures, opts: ClusterOptions = {}): boolean {
  const mt = opt(opts, 'mergeThreshold');
  if (mt <= 0) return false;
  const gap = rangeGap(a, b);
  if (gap !== null && gap > opt(opts, 'maxDays')) return false;
  const sim = similarity(a.terms, b, opts, languageOverlap(a, b));
  if (anchorConflict(a.terms, b.terms, sim, opt(opts, 'anchorVeto'))) return false;
  return sim.score * timeFactor(gap, opts) >= mt;
}

/**
 * The stories the article bridges: candidates it also matched (`matched`, from decideStory) whose centroid matches
 * the joined story's, in candidate order. Only those are compared, centroid to centroid: a story the article does
 * not resemble is not bridged by it, and ingest does not pay a second pass over every candidate.
 */
export function storiesToMerge(
  joined: StoryCandidate,
  candidates: StoryCandidate[],
  matched: readonly string[],
  opts: ClusterOptions = {},
): StoryCandidate[] {
  const m = new Set(matched);
  return candidates.filter((c) => c.storyId !== joined.storyId && m.has(c.storyId) && shouldMerge(joined.features, c.features, opts));
}

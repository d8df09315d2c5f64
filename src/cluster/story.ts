/**
 * A story's clustering state, grown by each article that joins: the centroid (the sum of its members' unit TF-IDF
 * vectors, IDF as of when each joined — an anchor stated by many of its outlets weighs as many times) and the range
 * of its members' dates.
 */
import { isAnchor } from './features.ts';

export interface StoryFeatures {
  /** Number of member articles. */
  n: number;
  /** Sum of the members' unit TF-IDF vectors (at most MAX_STORY_TERMS largest entries). */
  terms: Record<string, number>;
  /** Earliest and latest known publication dates (YYYY-MM-DD) of the members. */
  first: string | null;
  last: string | null;
  /** Members by the language of their content words ("?" unknown); absent in features stored before it was kept. */
  langs?: Record<string, number>;
  /** Sums of squares of `terms`' content words and anchors (decide.ts reads them instead of a pass over `terms`). */
  squares?: { words: number; anchors: number };
}

const MAX_STORY_TERMS = 400;

/** Sums of squares of a vector's content words and anchors. */
export function squares(v: Record<string, number>): { words: number; anchors: number } {
  let words = 0,
    anchors = 0;
  for (const [k, x] of Object.entries(v)) {
    if (isAnchor(k)) anchors += x * x;
    else words += x * x;
  }
  return { words, anchors };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function trimTerms(terms: Record<string, number>, max: number): Record<string, number> {
  const entries = Object.entries(terms);
  if (entries.length > max) entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, max).map(([k, x]) => [k, round(x)]));
}

const minDate = (x: string | null, y: string | null) => (x && y ? (x < y ? x : y) : (x ?? y));
const maxDate = (x: string | null, y: string | null) => (x && y ? (x > y ? x : y) : (x ?? y));

function addCounts(a: Record<string, number> | null, b: Record<string, number>): Record<string, number> {
  const out = { ...(a ?? {}) };
  for (const [k, x] of Object.entries(b)) out[k] = (out[k] ?? 0) + x;
  return out;
}

/**
 * The share of a story's members whose content words are in language `lang`: 1 when the language is unknown on
 * either side (no evidence that the words cannot meet).
 */
export function sameLanguageShare(story: Pick<StoryFeatures, 'n' | 'langs'>, lang: string | null | undefined): number {
  if (!lang || !story.langs || story.n <= 0) return 1;
  const unknown = story.langs['?'] ?? 0;
  return Math.min(1, ((story.langs[lang] ?? 0) + unknown) / story.n);
}

/** The language overlap of two stories' members (1 when either is unknown): Σ min(share in a, share in b). */
export function languageOverlap(a: Pick<StoryFeatures, 'n' | 'langs'>, b: Pick<StoryFeatures, 'n' | 'langs'>): number {
  if (!a.langs || !b.langs) return 1;
  if ((a.langs['?'] ?? 0) > 0 || (b.langs['?'] ?? 0) > 0) return 1;
  let o = 0;
  for (const [k, x] of Object.entries(a.langs)) o += Math.min(x / a.n, (b.langs[k] ?? 0) / b.n);
  return o;
}

/** A story's features after an article (its unit TF-IDF vector `vec`, its date) joins it. */
export function addToStory(
  story: StoryFeatures | null,
  f: { published: string | null; lang?: string | null },
  vec: Record<string, number>,
): StoryFeatures {
  const terms: Record<string, number> = { ...(story?.terms ?? {}) };
  for (const [k, x] of Object.entries(vec)) terms[k] = (terms[k] ?? 0) + x;
  const d = f.published?.slice(0, 10) ?? null;
  const trimmed = trimTerms(terms, MAX_STORY_TERMS);
  return {
    n: (story?.n ?? 0) + 1,
    terms: trimmed,
    squares: squares(trimmed),
    first: minDate(story?.first ?? null, d),
    last: maxDate(story?.last ?? null, d),
    langs: addCounts(story && (story.langs ?? { '?': story.n }), { [f.lang ?? '?']: 1 }),
  };
}

/** One story's features from two (centroids summed, date ranges joined). */
export function mergeFeatures(a: StoryFeatures, b: StoryFeatures): StoryFeatures {
  const terms: Record<string, number> = { ...a.terms };
  for (const [k, x] of Object.entries(b.terms)) terms[k] = (terms[k] ?? 0) + x;
  const trimmed = trimTerms(terms, MAX_STORY_TERMS);
  return {
    n: a.n + b.n,
    terms: trimmed,
    squares: squares(trimmed),
    first: minDate(a.first, b.first),
    last: maxDate(a.last, b.last),
    langs: addCounts(a.langs ?? { '?': a.n }, b.langs ?? { '?': b.n }),
  };
}

/** Of two stories that merge, the one whose id lives on: the larger, or on a tie the smaller id (deterministic). */
export function survivor(a: { storyId: string; features: StoryFeatures }, b: { storyId: string; features: StoryFeatures }): string {
  if (a.features.n !== b.features.n) return a.features.n > b.features.n ? a.storyId : b.storyId;
  return a.storyId < b.storyId ? a.storyId : b.storyId;
}

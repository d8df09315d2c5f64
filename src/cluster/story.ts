/**
 * A story's clustering state, grown by each article that joins: the centroid (the sum of its members' unit TF-IDF
 * vectors, IDF as of when each joined — an anchor stated by many of its outlets weighs as many times) and the range
 * of its members' dates.
 */
export interface StoryFeatures {
  /** Number of member articles. */
  n: number;
  /** Sum of the members' unit TF-IDF vectors (at most MAX_STORY_TERMS largest entries). */
  terms: Record<string, number>;
  /** Earliest and latest known publication dates (YYYY-MM-DD) of the members. */
  first: string | null;
  last: string | null;
}

const MAX_STORY_TERMS = 400;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

function trimTerms(terms: Record<string, number>, max: number): Record<string, number> {
  const entries = Object.entries(terms);
  if (entries.length > max) entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, max).map(([k, x]) => [k, round(x)]));
}

const minDate = (x: string | null, y: string | null) => (x && y ? (x < y ? x : y) : (x ?? y));
const maxDate = (x: string | null, y: string | null) => (x && y ? (x > y ? x : y) : (x ?? y));

/** A story's features after an article (its unit TF-IDF vector `vec`, its date) joins it. */
export function addToStory(story: StoryFeatures | null, f: { published: string | null }, vec: Record<string, number>): StoryFeatures {
  const terms: Record<string, number> = { ...(story?.terms ?? {}) };
  for (const [k, x] of Object.entries(vec)) terms[k] = (terms[k] ?? 0) + x;
  const d = f.published?.slice(0, 10) ?? null;
  return {
    n: (story?.n ?? 0) + 1,
    terms: trimTerms(terms, MAX_STORY_TERMS),
    first: minDate(story?.first ?? null, d),
    last: maxDate(story?.last ?? null, d),
  };
}

/** One story's features from two (centroids summed, date ranges joined). */
export function mergeFeatures(a: StoryFeatures, b: StoryFeatures): StoryFeatures {
  const terms: Record<string, number> = { ...a.terms };
  for (const [k, x] of Object.entries(b.terms)) terms[k] = (terms[k] ?? 0) + x;
  return {
    n: a.n + b.n,
    terms: trimTerms(terms, MAX_STORY_TERMS),
    first: minDate(a.first, b.first),
    last: maxDate(a.last, b.last),
  };
}

/** Of two stories that merge, the one whose id lives on: the larger, or on a tie the smaller id (deterministic). */
export function survivor(a: { storyId: string; features: StoryFeatures }, b: { storyId: string; features: StoryFeatures }): string {
  if (a.features.n !== b.features.n) return a.features.n > b.features.n ? a.storyId : b.storyId;
  return a.storyId < b.storyId ? a.storyId : b.storyId;
}

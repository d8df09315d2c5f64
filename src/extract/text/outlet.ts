/**
 * Repetition across an outlet's articles: lines that recur in several of its articles are page furniture (slogans,
 * donation appeals, promo blocks). Build the set from the texts of the outlet's earlier articles (raw plain text, or
 * the extracted text of HTML pages) and pass it to the extractor as `outletLines`.
 *
 * Two versions of one story (an update, a corrected copy) share their body lines: they are grouped first (most of
 * their words in common), and a line counts as furniture only when articles of two different stories hold it.
 */
import { lineKeys } from '../plaintext.ts';
import { lineKey } from './lines.ts';
import { READER_ADDRESS, ctaHits, wordTokens } from './lexicon.ts';

export const OUTLET_LIMITS = { maxDocs: 200, wordsChars: 20_000 } as const;

/** Two texts sharing at least this share of their words (Jaccard) are versions of one story. */
const SAME_STORY_JACCARD = 0.5;
/** Lines of at least this many words are read as the story's prose when versions are grouped. */
const PROSE_WORDS = 8;

/**
 * Keys of the lines found in articles of at least `minStories` (default 2) different stories among the given texts.
 * A line of a single story (say, of two earlier versions of it) is not furniture, however many versions hold it.
 */
export function outletFurnitureLines(texts: readonly string[], minStories = 2): Set<string> {
  const docs = texts.slice(0, OUTLET_LIMITS.maxDocs);
  const story = storyGroups(docs);
  const seen = new Map<string, Set<number>>();
  docs.forEach((text, d) => {
    for (const k of new Set(lineKeys(text))) {
      const s = seen.get(k) ?? new Set<number>();
      s.add(story[d]);
      seen.set(k, s);
    }
  });
  const out = new Set<string>();
  for (const [k, stories] of seen) if (stories.size >= Math.max(2, minStories)) out.add(k);
  return out;
}

/** For each text, the index of the first text of its story (versions of one story share most of their words). */
export function storyGroups(texts: readonly string[]): number[] {
  const words = texts.map(proseWords);
  const parent = texts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) {
      if (root(a) !== root(b) && jaccard(words[a], words[b]) >= SAME_STORY_JACCARD) parent[root(b)] = root(a);
    }
  }
  return texts.map((_, i) => root(i));
}

/** Words of a text's prose lines (eight words or more): the story, not the menus and promo lines around it. */
function proseWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.slice(0, OUTLET_LIMITS.wordsChars).split('\n')) {
    const toks = wordTokens(line);
    if (toks.length >= PROSE_WORDS) for (const w of toks) if (w.length > 2) out.add(w);
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** A long sentence the outlet repeats is its furniture only with furniture evidence: the reader addressed, or lexicon wording. */
const LONG_SENTENCE_WORDS = 12;

/**
 * Whether a block of an extracted article is one of the outlet's furniture lines. A long sentence found in articles
 * of two stories (a background sentence repeated on a topic) stays unless it speaks to the reader or carries furniture
 * wording: the same rule as for plain text.
 */
export function isOutletLine(text: string, outletLines: ReadonlySet<string>): boolean {
  if (!outletLines.has(lineKey(text))) return false;
  const toks = wordTokens(text.length > 2000 ? text.slice(0, 2000) : text);
  const sentence = /[.!?…]["'”’»)]*$/u.test(text.slice(-8)) && toks.length >= LONG_SENTENCE_WORDS;
  return !sentence || toks.some((t) => READER_ADDRESS.has(t)) || ctaHits(toks.slice(0, 600)).some((h) => !h.weak);
}

/**
 * cluster/: groups articles about one event into a story, incrementally.
 *
 * - `features.ts`: an article's vector over its title and lead (content words, and anchors: names transliterated
 *   to Latin letters, numbers, dates named) and its date;
 * - `story.ts`: a story's state (centroid, date range), grown by each article, merged with another;
 * - `decide.ts`: the join decision (similarity × a time factor, the who/where veto, the crowding threshold) and
 *   the merge decision between stories;
 * - `memory.ts`: the whole procedure over an array (tests, evals).
 *
 * Everything here is pure; the pipeline supplies document frequencies and candidate stories from the store and
 * records merges (the merged-away id keeps resolving to the survivor).
 */
import { fold } from './text.ts';

export { fold, tokenize } from './text.ts';
export * from './features.ts';
export * from './story.ts';
export * from './decide.ts';
export * from './memory.ts';

/** Folds a name for comparison (exported for analyzers that match entity names). */
export function normalizeName(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}
export * from './split.ts';

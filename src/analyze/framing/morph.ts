/**
 * English word formation for the lexicon: the manner adverb of a loaded
 * adjective is as loaded as the adjective ("brazen" → "brazenly",
 * "hysterical" → "hysterically", "crazy" → "crazily", "despicable" → "despicably").
 * Forms that are not words never occur in text, so no list of exceptions is needed.
 */

/** The -ly adverb of a single English adjective, or null for phrases, hyphenated words and words already adverbs. */
export function englishAdverb(adj: string): string | null {
  if (!/^[a-z]{4,}$/u.test(adj) || adj.endsWith('ly')) return null;
  if (adj.endsWith('ic')) return adj + 'ally';
  if (/[^aeiou]le$/u.test(adj)) return adj.slice(0, -1) + 'y';
  if (/[^aeiou]y$/u.test(adj)) return adj.slice(0, -1) + 'ily';
  if (adj.endsWith('ll')) return adj + 'y';
  return adj + 'ly';
}

/**
 * English word formation for the lexicon: a loaded noun's plural is as loaded
 * as the noun ("crook" → "crooks"), and a loaded adjective's manner adverb as
 * the adjective ("brazen" → "brazenly", "hysterical" → "hysterically",
 * "crazy" → "crazily", "despicable" → "despicably").
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

/** The plural of a single English noun ("liar" → "liars", "lackey" → "lackeys", "atrocity" → "atrocities"), or null. */
export function englishPlural(noun: string): string | null {
  if (!/^[a-z][a-z-]{2,}$/u.test(noun) || /(?:s|ly|ed|ing|ful|ous|ic|al|ive)$/u.test(noun)) return null;
  if (/[^aeiou]y$/u.test(noun)) return noun.slice(0, -1) + 'ies';
  if (/(?:x|ch|sh)$/u.test(noun)) return noun + 'es';
  return noun + 's';
}

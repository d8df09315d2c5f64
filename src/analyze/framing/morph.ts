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

/** The -s, -ed and -ing forms of one English verb ("slam" → slams, slammed, slamming; "vilify" → vilifies, vilified, vilifying). */
function inflect(v: string): string[] {
  if (/[^aeiou]y$/u.test(v)) return [v.slice(0, -1) + 'ies', v.slice(0, -1) + 'ied', v + 'ing'];
  if (/ie$/u.test(v)) return [v + 's', v + 'd', v.slice(0, -2) + 'ying'];
  if (/ee$/u.test(v)) return [v + 's', v + 'd', v + 'ing'];
  if (/[^aeiou]e$/u.test(v) || /[aiou]e$/u.test(v)) return [v + 's', v + 'd', v.slice(0, -1) + 'ing'];
  const s = /(?:s|x|z|ch|sh|[^aeiou]o)$/u.test(v) ? v + 'es' : v + 's';
  // one syllable ending in one vowel and one consonant doubles it ("slam", "gut", "flip-flop"); a final -l after a vowel may double (British)
  const oneSyllable = ((v.split('-').pop() ?? v).match(/[aeiouy]+/gu) ?? []).length === 1;
  if (oneSyllable && /[^aeiou][aeiou][b-df-hj-np-tvz]$/u.test(v)) {
    const d = v + v.slice(-1);
    return [s, d + 'ed', d + 'ing'];
  }
  const plain = [s, v + 'ed', v + 'ing'];
  if (/[aeiou]l$/u.test(v) && !oneSyllable) plain.push(v + 'led', v + 'ling');
  return plain;
}

/**
 * A verb lemma with its inflected forms; in a phrase only the first word inflects ("rail against" → "railed against").
 * Null for anything that is not lower-case letters and spaces.
 */
export function englishVerbForms(lemma: string): string[] | null {
  if (!/^[a-z][a-z-]+(?: [a-z]+)*$/u.test(lemma)) return null;
  const [head, ...rest] = lemma.split(' ');
  const tail = rest.length ? ' ' + rest.join(' ') : '';
  return [lemma, ...inflect(head).map((f) => f + tail)];
}

/**
 * The quality nouns of one English adjective, as loaded as the adjective: "callous" → "callousness",
 * "arrogant" → "arrogance", "incompetent" → "incompetence", "stupid" → "stupidity", "insane" → "insanity"
 * (not -al → -ality: "police brutality" is the plain name of a grievance). Empty for phrases, hyphenated words and adverbs.
 */
export function englishQualityNouns(adj: string): string[] {
  if (!/^[a-z]{4,}$/u.test(adj) || /(?:ly|ness|ity|ance|ence|[^su]s)$/u.test(adj)) return [];
  const out = [/[^aeiou]y$/u.test(adj) ? adj.slice(0, -1) + 'iness' : adj + 'ness'];
  if (/(?:ant|ent)$/u.test(adj)) out.push(adj.slice(0, -1) + 'ce');
  if (/id$/u.test(adj)) out.push(adj + 'ity');
  if (/ane$/u.test(adj)) out.push(adj.slice(0, -1) + 'ity');
  return out;
}

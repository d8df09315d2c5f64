/**
 * The overview's own voice: what a sentence must not carry to be stated by
 * Parallax itself. Loaded wording of any outlet outside quotation marks (the
 * framing lexicon, read through `flagSentence`, plus the story's own framing
 * terms), an unclosed or unattributed quotation, the author's first person, a
 * question, or outlet furniture (promo, subscription, credit, read-also).
 */
import { flagSentence } from '../analyze/framing/index.ts';
import { isPromo } from '../analyze/promo.ts';
import { stripLabel } from './label.ts';
import { words } from './text.ts';

/** Lexicon load from which a word is loaded in the overview's voice (1 = mildly loaded). */
export const LOADED_LOAD = 1;

const OPEN_QUOTES = /[“«„]/gu;
const CLOSE_QUOTES = /[”»]/gu;
const SPEECH = new RegExp(
  '(?<![\\p{L}])(?:said|says|say|told|tells|wrote|writes|asked|added|stated|declared|announced|according to|argued|insisted|' +
    'warned|noted|explained|replied|responded)(?![\\p{L}])',
  'iu',
);
const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);

function count(re: RegExp, s: string): number {
  return s.match(re)?.length ?? 0;
}

/** The sentence with quoted spans blanked (the quotation's words are its speaker's, not ours). */
export function outsideQuotes(s: string): string {
  return s.replace(/“[^”]{0,1500}”|"[^"]{0,1500}"|«[^»]{0,1500}»|„[^“”]{0,1500}[“”]/gu, ' ');
}

/** Every quotation closes, and one that carries most of the sentence names who speaks. */
export function quotesWhole(s: string): boolean {
  if (count(OPEN_QUOTES, s) !== count(CLOSE_QUOTES, s)) return false;
  if (count(/"/gu, s) % 2 !== 0) return false;
  const outside = outsideQuotes(s);
  const quoted = s.length - outside.replace(/ +/g, ' ').length;
  if (quoted > 0.5 * s.length && !SPEECH.test(outside)) return false;
  return true;
}

/** The author speaks in the first person outside quotations ("I think", "my view"). */
export function firstPerson(s: string): boolean {
  return words(outsideQuotes(s)).some((w) => FIRST_PERSON.has(w));
}

/** Loaded words and labels the sentence uses in its own voice (outside quotations). */
export function loadedInVoice(s: string): string[] {
  return flagSentence(outsideQuotes(s))
    .terms.filter((t) => t.load >= LOADED_LOAD && t.kind !== 'hedge')
    .map((t) => t.term);
}

/**
 * The sentence as the overview may state it: loaded labels before a name removed ("dictator Nicolás Maduro" →
 * "Nicolás Maduro"); null when it cannot be stated neutrally or is not a statement of fact at all.
 */
export function neutralVoice(s: string, storyLoaded: (t: string) => string[] = () => []): string | null {
  const end = s.trim();
  // a question, a teaser cut short ("…"), furniture, a broken quotation or the author's own voice
  if (/\?["”»)]?$/u.test(end) || /(?:\.\.\.|…)["”»)]?$/u.test(end) || isPromo(s) || !quotesWhole(s) || firstPerson(s)) return null;
  let t: string | null = s;
  for (let pass = 0; pass < 2 && t; pass++) {
    const terms: string[] = [...new Set([...loadedInVoice(t), ...storyLoaded(outsideQuotes(t))])];
    if (terms.length === 0) return t;
    for (const term of terms) t = t ? stripLabel(t, term) : null;
  }
  return t && loadedInVoice(t).length === 0 && storyLoaded(outsideQuotes(t)).length === 0 ? t : null;
}

/**
 * Names and codes kept out of a machine translation: each run of them is swapped for a placeholder that the
 * engine copies as an unknown word, and put back afterwards. A name is a capitalized word inside a sentence (or one
 * opening a sentence that the text also capitalizes inside one), with the lowercase particles that join a name's
 * parts; a code is a word with digits and letters ("Il-76"). Plain figures ("1.250", "27") are left to the engine,
 * which copies them (the caller checks that it did). Linear in the text: one pass over whitespace-separated words.
 */
import particlesData from './data/name-particles.json' with { type: 'json' };
import { core, isCapitalized, opensSentence, splitWords, type Word } from './words.ts';

const PARTICLES: ReadonlySet<string> = new Set(particlesData.words);
/** Placeholder stems tried in turn; one that already occurs in the text is not used. */
const STEMS = ['Qpx', 'Qzv', 'Xqj', 'Zqk'];

export interface Protected {
  /** The text with every protected run replaced by a placeholder. */
  text: string;
  /** The original of each placeholder, by its number. */
  slots: string[];
  stem: string;
}

/** A word with a digit and a letter ("Il-76", "COVID-19") or a handle; plain figures pass through the engines as they are. */
const isCodeOrHandle = (s: string): boolean => (/\p{N}/u.test(s) && /\p{L}/u.test(s)) || /^[#@]/.test(s);

/** Marks which words are protected. */
function protectedWords(text: string, words: Word[]): boolean[] {
  const starts = words.map((_, i) => opensSentence(text, words, i));
  const midCaps = new Set<string>();
  words.forEach((w, i) => {
    if (!starts[i] && isCapitalized(core(text, w))) midCaps.add(core(text, w));
  });
  const keep = words.map((w, i) => {
    const c = core(text, w);
    if (c === '') return false;
    if (isCodeOrHandle(c)) return true;
    return isCapitalized(c) && (!starts[i] || midCaps.has(c));
  });
  // A particle between two protected words of one name ("Banco de España") joins them.
  for (let i = 1; i + 1 < words.length; i++) {
    if (!keep[i] && keep[i - 1] && keep[i + 1] && PARTICLES.has(core(text, words[i]!).toLowerCase())) keep[i] = true;
  }
  return keep;
}

/** Whether two protected words form one run: nothing but spaces between their cores. */
function joins(text: string, a: Word, b: Word): boolean {
  return a.coreEnd === a.end && b.coreStart === b.start && /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));
}

/** Replaces the names and numbers of `text` by placeholders; null when every placeholder stem occurs in the text. */
export function protect(text: string): Protected | null {
  const lower = text.toLowerCase();
  const stem = STEMS.find((s) => !lower.includes(s.toLowerCase()));
  if (!stem) return null;
  const words = splitWords(text);
  const keep = protectedWords(text, words);
  const slots: string[] = [];
  let out = '';
  let pos = 0;
  for (let i = 0; i < words.length; i++) {
    if (!keep[i]) continue;
    let j = i;
    while (j + 1 < words.length && keep[j + 1] && joins(text, words[j]!, words[j + 1]!)) j++;
    const from = words[i]!.coreStart;
    const to = words[j]!.coreEnd;
    out += text.slice(pos, from) + `${stem}${slots.length}q`;
    slots.push(text.slice(from, to));
    pos = to;
    i = j;
  }
  return { text: out + text.slice(pos), slots, stem };
}

/** Puts the originals back; null when a placeholder went missing (the engine dropped a name or a number). */
export function restore(translated: string, p: Protected): string | null {
  const seen = new Set<number>();
  const re = new RegExp(`${p.stem}(\\d+)q`, 'g');
  const out = translated.replace(re, (m, n: string) => {
    const k = Number(n);
    if (k >= p.slots.length) return m;
    seen.add(k);
    return p.slots[k]!;
  });
  return seen.size === p.slots.length ? out : null;
}

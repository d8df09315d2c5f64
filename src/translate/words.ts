/**
 * Words of a text with their positions, for the translation stage: whitespace-separated, each with its core (the
 * word without surrounding punctuation), and whether it opens a sentence. One linear pass.
 */
export interface Word {
  start: number;
  end: number;
  /** The word without leading and trailing punctuation. */
  coreStart: number;
  coreEnd: number;
}

const isWordChar = (ch: string): boolean => /[\p{L}\p{N}#@]/u.test(ch);

export function splitWords(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    let cs = start;
    while (cs < end && !isWordChar(text[cs]!)) cs++;
    let ce = end;
    while (ce > cs && !/[\p{L}\p{N}]/u.test(text[ce - 1]!)) ce--;
    out.push({ start, end, coreStart: cs, coreEnd: ce });
  }
  return out;
}

export const core = (text: string, w: Word): string => text.slice(w.coreStart, w.coreEnd);
export const isCapitalized = (s: string): boolean => /^\p{Lu}/u.test(s);

/** Whether the word opens a sentence: first of a line, after . ! ? : …, or after an opening quote or dash. */
export function opensSentence(text: string, words: Word[], i: number): boolean {
  const w = words[i]!;
  if (w.coreStart > w.start) return true;
  if (i === 0) return true;
  const prev = words[i - 1]!;
  if (text.slice(prev.end, w.start).includes('\n')) return true;
  return /[.!?:;…]/.test(text.slice(prev.coreEnd, prev.end));
}

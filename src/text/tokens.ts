/**
 * Tokens for reading dates and figures in any script: letter runs (with their marks), digit runs in any script,
 * each Han character alone (Chinese has no spaces) — a run of Chinese numerals as one number — and each other
 * visible character. Zero-width non-joiners (Persian) separate words. Offsets are those of the text given.
 */
import { digitValue, foldWord } from './fold.ts';

export interface Token {
  /** folded text */
  t: string;
  start: number;
  end: number;
  /** the value of a digit run or of a run of Chinese numerals */
  num?: number;
  kind: 'word' | 'digits' | 'han' | 'punct';
}

const TOKEN_RE = /\p{Script=Han}|\p{Nd}+|(?:(?!\p{Script=Han})[\p{L}\p{M}])+|[^\s\u200c\u200b]/gu;
const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A run of Chinese numerals ("二十七" = 27, "十" = 10, "二〇二五" = 2025), or null. */
export function chineseNumeral(s: string): number | null {
  if (!s) return null;
  if ([...s].every((c) => c in CN_DIGITS) && s.length > 1) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  let total = 0;
  let cur = 0;
  for (const c of s) {
    if (c in CN_DIGITS) cur = CN_DIGITS[c];
    else if (c in CN_UNITS) {
      total += (cur || 1) * CN_UNITS[c];
      cur = 0;
    } else return null;
  }
  return total + cur;
}

function digitsOf(s: string): number {
  let v = 0;
  for (const ch of s) v = v * 10 + digitValue(ch);
  return v;
}

/** The tokens of a text; `numerals` are the characters read as Chinese numerals (none unless given). */
export function tokenize(text: string, numerals: ReadonlySet<string> = new Set()): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m[0];
    const start = m.index;
    const end = start + s.length;
    const c = s.codePointAt(0)!;
    if (/^\p{Nd}/u.test(s)) out.push({ t: String(digitsOf(s)), start, end, num: digitsOf(s), kind: 'digits' });
    else if (/^\p{Script=Han}$/u.test(s)) {
      const prev = out[out.length - 1];
      if (numerals.has(s) && prev && prev.kind === 'han' && prev.num !== undefined && prev.end === start && numerals.has(text[start - 1])) {
        const run = text.slice(prev.start, end);
        const v = chineseNumeral(run);
        if (v !== null) {
          out[out.length - 1] = { t: run, start: prev.start, end, num: v, kind: 'han' };
          continue;
        }
      }
      const v = numerals.has(s) ? chineseNumeral(s) : null;
      out.push({ t: s, start, end, kind: 'han', ...(v !== null ? { num: v } : {}) });
    } else if (/^[\p{L}\p{M}]/u.test(s) && c > 0) out.push({ t: foldWord(s), start, end, kind: 'word' });
    else out.push({ t: s, start, end, kind: 'punct' });
  }
  return out;
}

/** Split a clitic off the front of a word when the rest is a known word and the whole is not ("وبعد" = "و" + "بعد"). */
export function splitClitics(toks: Token[], clitics: readonly string[], known: ReadonlySet<string>): Token[] {
  if (!clitics.length) return toks;
  const out: Token[] = [];
  for (const t of toks) {
    const c = t.kind === 'word' && !known.has(t.t) ? clitics.find((x) => t.t.startsWith(x) && known.has(t.t.slice(x.length))) : undefined;
    if (c) {
      // a clitic is one letter before folding too (و, ف), so offsets split at its length
      out.push(
        { t: c, start: t.start, end: t.start + c.length, kind: 'word' },
        { t: t.t.slice(c.length), start: t.start + c.length, end: t.end, kind: 'word' },
      );
    } else out.push(t);
  }
  return out;
}

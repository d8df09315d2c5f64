/**
 * Text normalization shared by the analysis modules: diacritic folding,
 * transliteration-tolerant keys, edit distance, light stemming, stopwords.
 */
import enLocale from '../text/data/locale/en.json' with { type: 'json' };

/** Lowercase and strip diacritics: "Velásquez" → "velasquez". */
export function fold(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/**
 * A transliteration-tolerant key for one name token: folded, then spelling
 * variants common across romanizations collapsed (z/s, ph/f, ck/k, doubled
 * letters, y/i between consonants).
 */
export function translitKey(token: string): string {
  return fold(token)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/kh/g, 'h')
    .replace(/(?<=[^aeiou])y(?=[^aeiou]|$)/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** Levenshtein distance, bounded: returns max+1 as soon as it exceeds max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Two name tokens that are the same name spelled differently (accents, transliteration, one typo). */
export function sameNameToken(a: string, b: string, key: (t: string) => string = translitKey): boolean {
  const ka = key(a);
  const kb = key(b);
  if (ka === kb) return true;
  const n = Math.min(ka.length, kb.length);
  if (n >= 5) return editDistance(ka, kb, 1) <= 1 && ka[0] === kb[0];
  return false;
}

/** Very light English stemmer: enough to match plural/verb forms of one word. */
export function stem(word: string): string {
  let w = fold(word);
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) {
    w = w.slice(0, -3);
    if (/(.)\1$/.test(w)) w = w.slice(0, -1);
    return w.replace(/e$/, '');
  }
  if (w.endsWith('ed') && w.length > 4) {
    w = w.slice(0, -2);
    if (/(.)\1$/.test(w) && !/ll$|ss$/.test(w)) w = w.slice(0, -1);
    return w.replace(/e$/, '');
  }
  if (w.endsWith('es') && /(sh|ch|x|ss|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w.replace(/e$/, '');
}

/** English function words: the English locale's stopwords (src/text/data/locale/en.json), one list for every stage. */
export const STOPWORDS: ReadonlySet<string> = new Set<string>(enLocale.stopwords);

/** Word tokens of a text with their offsets (letters/digits, inner apostrophes, hyphens and dots kept). */
export function wordTokens(text: string): Array<{ w: string; start: number; end: number }> {
  const out: Array<{ w: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’.\-](?=[\p{L}\p{N}]))*/gu;
  for (const m of text.matchAll(re)) out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The dominant script of a text: 'latin', 'cyrillic', 'other'. */
export function scriptOf(text: string): 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'cjk' | 'other' | 'none' {
  const counts: Record<string, number> = {};
  for (const ch of text) {
    let s: string | null = null;
    const c = ch.charCodeAt(0);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) counts.latin = (counts.latin ?? 0) + 1;
      continue;
    }
    if (/\p{Script=Latin}/u.test(ch)) s = 'latin';
    else if (/\p{Script=Cyrillic}/u.test(ch)) s = 'cyrillic';
    else if (/\p{Script=Greek}/u.test(ch)) s = 'greek';
    else if (/\p{Script=Arabic}/u.test(ch)) s = 'arabic';
    else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)) s = 'cjk';
    else if (/\p{L}/u.test(ch)) s = 'other';
    if (s) counts[s] = (counts[s] ?? 0) + 1;
  }
  let best: string = 'none';
  let n = 0;
  for (const [k, v] of Object.entries(counts)) if (v > n) [best, n] = [k, v];
  return best as 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'cjk' | 'other' | 'none';
}

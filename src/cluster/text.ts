/**
 * Language-neutral text features for clustering: Unicode-aware tokens with
 * diacritics folded, character bigrams for scripts written without spaces,
 * capitalized name tokens (who / where), and normalized numbers.
 */
import anyAscii from 'any-ascii';
import { MONTHS_IN_PROSE } from '../util/calendar.ts';

const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * A word in Latin letters: other scripts transliterated (Мадуро → maduro, Ζελένσκι → zelenski, मादुरो → maduro),
 * so that names match across scripts; Latin words are only folded.
 */
export function latin(w: string): string {
  if (PLAIN.test(w)) return w;
  return fold(NON_LATIN.test(w) || /[^\p{ASCII}]/u.test(fold(w)) ? anyAscii(w) : w).replace(/[^a-z0-9]/g, '');
}

/** Already folded plain Latin: nothing to transliterate. */
const PLAIN = /^[a-z0-9]*$/;

/**
 * A name's key across transliteration conventions: kh/h, ph/f, ck/k, a final -iy/-ij/-yi as -y, doubled letters
 * single (Netan'yakhu, Netanyahu → netanyahu; Zelenskiy, Zelensky → zelensky; Mohammed, Muhammad stay apart).
 */
export function nameKey(w: string): string {
  return latin(w)
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/(?:iy|ij|yi|yy)$/, 'y')
    .replace(/([a-z])\1/g, '$1');
}

/** Lower-cases and strips diacritics (NFKD, combining marks removed). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Function words of the common European languages plus news boilerplate
 * verbs, weekdays and months: words that say nothing about which event a
 * text is about. IDF weighting handles the rest once a corpus exists.
 */
export const STOP = new Set(
  // English
  (
    'a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over under ' +
    'again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very can will ' +
    'just don should now is are was were be been being have has had having do does did doing i me my we our you your he him his she her it its they them their ' +
    'what which who whom whose this that these those am would could also may might must shall us mr mrs ms dr per via amid while since until within without ' +
    'said says say saying according told tell tells report reports reported reporting news new one two three four five six seven eight nine ten ' +
    'year years last first week weeks day days month months time times many much well still even yet already ago later including include includes ' +
    'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    // Spanish / Portuguese
    'el la los las un una unos unas y o de del al en con por para sin sobre entre que se su sus es son fue ser ha han le lo como mas pero este esta estos estas ' +
    'o os as um uma do da dos das no na nos nas em com pelo pela ao aos e foi sao seu sua ' +
    // French
    'le les des du au aux et ou ce cette ces qui est sont pour par dans sur avec pas plus il elle ils elles ont ete leur leurs ne se sa son ses ' +
    // German
    'der die das den dem des ein eine einer eines einem und oder zu mit von fur auf ist sind war wird werden hat haben nicht sich im am vom zum zur als auch ' +
    // Italian
    'il gli lo di da della delle dei degli nel nella con per che non sono ha hanno una uno come'
  ).split(/\s+/),
);

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Light suffix folding for plain a-z words (cars -> car, parties -> party, voted -> vot, voting -> vot); short words untouched. */
export function stem(w: string): string {
  if (w.length <= 4 || !/^[a-z]+$/.test(w)) return w;
  if (w.length > 6 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 5 && w.endsWith('ed') && !w.endsWith('eed')) return w.slice(0, -2);
  if (w.length > 5 && w.endsWith('ly')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Content words are cut to this many letters: a language-neutral stem (presidente, president → presid). */
const PREFIX = 6;

/**
 * Content words of a text: folded, stop words removed, plurals folded and long words cut to their first PREFIX
 * letters (which also meets cognates across languages: infraestructura / infrastructure); other scripts
 * transliterated; unspaced scripts as character bigrams.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const f = fold(m[0]);
    if (UNSPACED.test(f)) {
      const chars = [...f];
      if (chars.length === 1) out.push(f);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      continue;
    }
    if (f.length < 2 || STOP.has(f)) continue;
    // Transliterated from the raw word (before folding strips marks such as the breve of й); plain words as folded.
    const w = PLAIN.test(f) ? f : latin(m[0]);
    if (w.length < 2 || STOP.has(w)) continue;
    out.push(w.length > PREFIX ? w.slice(0, PREFIX) : stem(w));
  }
  return out;
}

/** Digits not written onto a word; in scripts without spaces (了12项) a letter before them is no word's end. */
const NUMBER = /(?<!(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}])[\p{L}\p{N}])\d+(?:[.,]\d+)*/gu;

/**
 * Numbers that can tell two events apart (tolls, magnitudes, amounts, scores):
 * decimals and integers of two or more digits, thousands separators removed,
 * decimal comma read as a point.
 */
export function numbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let n = m[0];
    if (/^\d{1,3}(?:[.,]\d{3})+$/.test(n)) n = n.replace(/[.,]/g, '');
    else n = n.replace(',', '.');
    n = n.replace(/^0+(?=\d)/, '');
    if (!n.includes('.') && n.length < 2) continue;
    out.push(n);
  }
  return out;
}

/**
 * Name tokens (people, organizations, places): capitalized words that are not
 * stop words. A capitalized word opening a sentence counts only when the
 * next word is capitalized too, or the same word is capitalized mid-sentence
 * elsewhere. Returned folded, one entry per occurrence.
 */
export function nameTokens(text: string): string[] {
  const toks: Array<{ w: string; cap: boolean; initial: boolean }> = [];
  let prevEnd = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu)) {
    const gap = text.slice(prevEnd, m.index);
    const initial = toks.length === 0 || /[.!?:;•|\n]/.test(gap);
    prevEnd = m.index + m[0].length;
    const raw = m[0].replace(/['’]s$/u, '');
    toks.push({ w: raw, cap: /^\p{Lu}/u.test(raw), initial });
  }
  const midCaps = new Set<string>();
  for (const t of toks) if (t.cap && !t.initial) midCaps.add(fold(t.w));
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const key = nameAt(toks, i, midCaps);
    if (key) out.push(key);
  }
  return out;
}

/** The name key of token i, or null when it is not a name (lower case, a stop word, an ordinary sentence opener). */
function nameAt(toks: Array<{ w: string; cap: boolean; initial: boolean }>, i: number, midCaps: Set<string>): string | null {
  const t = toks[i];
  if (!t.cap) return null;
  const f = fold(t.w);
  if (f.length < 2 || STOP.has(f)) return null;
  if (t.initial) {
    const next = toks[i + 1];
    const nextCap = next && next.cap && !next.initial && !STOP.has(fold(next.w));
    if (!nextCap && !midCaps.has(f)) return null;
  }
  return nameKey(PLAIN.test(f) ? stem(f) : latin(t.w));
}

/** True when a headline capitalizes most of its words (Title Case), so capitals there say nothing about names. */
export function isTitleCase(title: string): boolean {
  const words = title.match(/[\p{L}\p{M}]+/gu) ?? [];
  const cased = words.filter((w) => /^[\p{Lu}\p{Ll}]/u.test(w) && w.length > 3);
  if (cased.length < 3) return false;
  return cased.filter((w) => /^\p{Lu}/u.test(w)).length / cased.length > 0.6;
}

/**
 * Calendar dates the text mentions ("March 11", "11 March", "11 de marzo", "2026-03-11", "11.03.2026"), as
 * month-day keys "MM-DD": an event's date tells two events of one topic apart when publication dates are missing.
 * Numeric day.month forms are read day first (as written outside the US); ISO dates as year-month-day.
 */
export function dateMentions(text: string): string[] {
  const out: string[] = [];
  const push = (m: number | undefined, d: number) => {
    if (m && d >= 1 && d <= 31) out.push(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  };
  // "may" and "mar" are also words ("may", Spanish "mar" = sea): only capitalized, or after a day number.
  const month = (w: string, strict: boolean) => {
    const f = fold(w);
    if (strict && (f === 'may' || f === 'mar') && !/^\p{Lu}/u.test(w)) return undefined;
    return MONTHS_IN_PROSE.get(f);
  };
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}])/gu))
    push(month(m[1], true), Number(m[2]));
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.])(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(\p{L}+)/gu))
    push(month(m[2], false), Number(m[1]));
  for (const m of text.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) push(Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/g)) push(Number(m[2]), Number(m[1]));
  return out;
}

/**
 * The check every machine translation passes before it is kept: the numbers, names and dates it states must be in
 * the original. Figures are compared as digit strings (separators and digit scripts set aside); small whole numbers
 * (up to 10) may come from number words. Names and month names are checked when the original is written in Latin or
 * Cyrillic script, where a transliteration compares them; in other scripts only figures are checked.
 */
import anyAscii from 'any-ascii';
import commonData from './data/en-common-capitalized.json' with { type: 'json' };
import { MONTH_GROUPS, MONTHS_IN_PROSE, WEEKDAY_GROUPS, foldToken } from '../util/calendar.ts';
import { core, isCapitalized, opensSentence, splitWords } from './words.ts';

/** Digits of the scripts news is written in, by the code point of their zero. */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10];

function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => c >= z && c <= z + 9);
    if (zero !== undefined) out += String(c - zero);
  }
  return out.replace(/^0+(?=\d)/, '');
}

/** Figures of a text as digit strings; with `spaced`, digits groups joined by a plain space are one figure too ("1 250"). */
export function figures(text: string, spaced = false): Set<string> {
  const re = spaced ? /\p{Nd}+(?:[.,'\u00a0\u202f ]\p{Nd}+)*/gu : /\p{Nd}+(?:[.,'\u00a0\u202f]\p{Nd}+)*/gu;
  return new Set([...text.matchAll(re)].map((m) => asciiDigits(m[0])));
}

/** Figures of the translation that the original does not state. */
export function inventedFigures(original: string, translation: string): string[] {
  const known = new Set([...figures(original), ...figures(original, true)]);
  return [...figures(translation)].filter((f) => !known.has(f) && !(f.length <= 2 && Number(f) <= 10));
}

const COMMON: ReadonlySet<string> = new Set(commonData.words);
const EN_CALENDAR: ReadonlySet<string> = new Set([...MONTH_GROUPS[0]!, ...WEEKDAY_GROUPS[0]!].flat());

/** Country and language names in English (Intl's tables): a translation names them in English, the original in its own. */
const EN_PLACE_WORDS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const languages = new Intl.DisplayNames(['en'], { type: 'language' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      for (const name of [safeOf(regions, code), safeOf(languages, code.toLowerCase())]) {
        if (name && name !== code && name !== code.toLowerCase())
          for (const w of name.split(/[\s,()&.-]+/)) if (w) out.add(w.toLowerCase());
      }
    }
  }
  return out;
})();

function safeOf(d: Intl.DisplayNames, code: string): string | undefined {
  try {
    return d.of(code);
  } catch {
    return undefined;
  }
}

/**
 * A name's key across scripts and spelling conventions: transliterated, folded, with letters that conventions write
 * differently made one (c/k/q, w/v, y/j/i, ph/f, x/ks, h dropped, doubles single): "Москву" and "Moscow" share "mosk".
 */
export function nameKey(w: string): string {
  return foldToken(anyAscii(w))
    .replace(/[^a-z0-9]/g, '')
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(/x/g, 'ks')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** How many leading letters of a name's key must match (inflected forms differ after it: "Путина", "Putin"). */
const KEY_PREFIX = 4;

/** Prefixes (2 to KEY_PREFIX letters) of the original's words, transliterated: a name matches when its own prefix is among them. */
function namePrefixes(original: string): Set<string> {
  const out = new Set<string>();
  for (const m of original.matchAll(/[\p{L}\p{M}]+/gu)) {
    const k = nameKey(m[0]);
    for (let n = 2; n <= Math.min(KEY_PREFIX, k.length); n++) out.add(k.slice(0, n));
  }
  return out;
}

/** Whether most letters of the text are Latin or Cyrillic (scripts whose names transliterate to compare). */
export function comparableScript(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const lc = text.match(/[\p{Script=Latin}\p{Script=Cyrillic}]/gu)?.length ?? 0;
  return letters > 0 && lc / letters >= 0.5;
}

/** Capitalized words inside the translation's sentences that are no common word, month, weekday, country or language. */
function namesOf(translation: string): string[] {
  const words = splitWords(translation);
  const out: string[] = [];
  words.forEach((w, i) => {
    const c = core(translation, w);
    if (!isCapitalized(c) || opensSentence(translation, words, i) || /\p{N}/u.test(c)) return;
    const l = c.toLowerCase().replace(/['’]s$/, '');
    if (COMMON.has(l) || EN_CALENDAR.has(l) || EN_PLACE_WORDS.has(l)) return;
    out.push(c);
  });
  return out;
}

/** Names of the translation that the original does not have (compared through transliteration, by prefix). */
export function inventedNames(original: string, translation: string): string[] {
  const prefixes = namePrefixes(original);
  return namesOf(translation).filter((n) => {
    const k = nameKey(n);
    return k.length >= 2 && !prefixes.has(k.slice(0, Math.min(KEY_PREFIX, k.length)));
  });
}

/** A date written in figures (27.10.2024, 27/10, 2024-10-27): the translation may name its month. */
const NUMERIC_DATE = /(?<!\d)(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2})(?![\d.,])/;

/** Months the translation names that the original does not (unless the original writes dates in figures). */
export function inventedMonths(original: string, translation: string): string[] {
  if (NUMERIC_DATE.test(original)) return [];
  const stated = new Set<number>();
  for (const m of original.matchAll(/\p{L}+/gu)) {
    const n = MONTHS_IN_PROSE.get(foldToken(m[0]));
    if (n !== undefined) stated.add(n);
  }
  const en = MONTH_GROUPS[0]!.map((g) => g[0]!);
  return [...translation.matchAll(/\p{Lu}\p{Ll}+/gu)]
    .map((m) => m[0])
    .filter((w) => {
      const i = en.indexOf(w.toLowerCase());
      return i >= 0 && !stated.has(i + 1);
    });
}

/** A line in title case ("Maduro Receives 214 Repatriates"): most of its words capitalized, so capitals mark no name. */
function titleCase(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length >= 2 && long.filter((w) => isCapitalized(w)).length / long.length >= 0.6;
}

/** Invented names line by line, leaving out lines in title case. */
function inventedNamesByLine(original: string, translation: string): string[] {
  return translation
    .split('\n')
    .filter((line) => !titleCase(line))
    .flatMap((line) => inventedNames(original, line));
}

export interface CheckFailure {
  figures: string[];
  names: string[];
  months: string[];
}

/** What the translation states that the original does not; null when it passes. */
export function checkTranslation(original: string, translation: string, opts: { figuresOnly?: boolean } = {}): CheckFailure | null {
  const figs = inventedFigures(original, translation);
  const latin = !opts.figuresOnly && comparableScript(original);
  const names = latin ? inventedNamesByLine(original, translation) : [];
  const months = latin ? inventedMonths(original, translation) : [];
  return figs.length || names.length || months.length ? { figures: figs, names, months } : null;
}

/**
 * Per-line features of a plain-text article: shape (length, terminal
 * punctuation, capitalization), script, call-to-action wording, dates.
 */
import { franc } from 'franc-min';
import { parseDateline, type DateMatch } from '../dateline.ts';
import { ctaHits, READER_ADDRESS, STOPWORDS, wordTokens, type CtaHit } from './lexicon.ts';

export type Script = 'latin' | 'cyrillic' | 'arabic' | 'greek' | 'hebrew' | 'cjk' | 'devanagari' | 'other' | 'none';

export interface LineInfo {
  /** Index among the non-empty lines. */
  i: number;
  /** 1-based line number in the input. */
  n: number;
  text: string;
  /** The line's repetition key (`lineKey`). */
  key: string;
  /** Folded word tokens (of the first LONG_LINE characters on longer lines). */
  tokens: string[];
  /** Word count (tokens with at least one letter); estimated from the first LONG_LINE characters on longer lines. */
  words: number;
  script: Script;
  /** Ends like a sentence: . ! ? … possibly followed by closing quotes/brackets. */
  terminal: boolean;
  endsColon: boolean;
  ellipsis: boolean;
  bullet: boolean;
  /** Most words start with a capital letter (headline or label case). */
  titleCase: boolean;
  cta: CtaHit[];
  /** Share of tokens covered by lexicon phrases. */
  ctaCover: number;
  /** Words that address the reader (you, your, our, please…). */
  address: number;
  date: DateMatch | null;
}

const SCRIPT_RANGES: [Script, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
  ['devanagari', /\p{Script=Devanagari}/u],
];

/** Letters looked at to tell a line's script (a sample is enough). */
const SCRIPT_SAMPLE = 2000;

/** The dominant script of a text by letter count. */
export function scriptOf(text: string): Script {
  const counts = new Map<Script, number>();
  let total = 0;
  for (const ch of text.length > SCRIPT_SAMPLE * 2 ? text.slice(0, SCRIPT_SAMPLE * 2) : text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      // ASCII fast path.
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        total++;
        counts.set('latin', (counts.get('latin') ?? 0) + 1);
      }
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    total++;
    let s: Script = 'other';
    for (const [name, re] of SCRIPT_RANGES)
      if (re.test(ch)) {
        s = name;
        break;
      }
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (total === 0) return 'none';
  let best: Script = 'none';
  let bestN = 0;
  for (const [s, n] of counts) if (n > bestN) [best, bestN] = [s, n];
  return best;
}

/** Letters of a given script in a text. */
export function scriptLetters(text: string, script: Script): number {
  const re = SCRIPT_RANGES.find(([s]) => s === script)?.[1];
  if (!re) return 0;
  let n = 0;
  for (const ch of text) if (re.test(ch)) n++;
  return n;
}

const TERMINAL = /[.!?…。！？]["'”’»)\]]*$/u;

/** The key under which a line is compared for repetition (within a document and across an outlet's articles). */
export function lineKey(line: string): string {
  const t = line.normalize('NFC');
  // Rewriting every single space of a long line costs a megabyte of garbage: only lines that need it are rewritten.
  return (/[^\S ]| {2}/u.test(t) ? t.replace(/\s+/gu, ' ') : t).trim().toLowerCase();
}

/** Lines longer than this are read from their start only (tokens, lexicon, case); their word count is scaled up. */
const LONG_LINE = 4000;

export function lineInfo(i: number, n: number, text: string, now: Date): LineInfo {
  // Long lines: lexicon, tokens and case are read from the start only (a line of prose is not a button however long
  // it is), which also keeps a megabyte-long line from costing a megabyte of token strings.
  const head = text.length > LONG_LINE ? text.slice(0, LONG_LINE) : text;
  const tokens = wordTokens(head);
  // Chinese and Japanese run words together: count about one word per two characters.
  const ideographs = (head.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  const headWords = Math.max(tokens.filter((t) => /\p{L}/u.test(t)).length, Math.round(ideographs / 2));
  const words = head === text ? headWords : Math.round((headWords * text.length) / head.length);
  const cta = ctaHits(tokens.length > 600 ? tokens.slice(0, 600) : tokens);
  // How a line ends is read from its last characters (an end-anchored pattern would scan the whole line).
  const end = text.length > 64 ? text.slice(-64) : text;
  const covered = new Set<number>();
  for (const h of cta) for (let k = h.at; k < h.at + h.len; k++) covered.add(k);
  const caps = head.match(/(?:^|[\s(“"'«-])\p{Lu}/gu)?.length ?? 0;
  const lowers = head.match(/(?:^|[\s(“"'«-])\p{Ll}/gu)?.length ?? 0;
  return {
    i,
    n,
    text,
    key: lineKey(text),
    tokens,
    words,
    script: scriptOf(text),
    terminal: TERMINAL.test(end),
    endsColon: /[:：]\s*$/u.test(end),
    ellipsis: /(?:\.\.\.|…)["'”»]?$/u.test(end),
    bullet: /^[•·▪●◦‣⁃*–-]\s+\S/u.test(text),
    titleCase: words > 0 && caps >= Math.max(1, lowers),
    cta,
    ctaCover: tokens.length ? covered.size / Math.min(tokens.length, 600) : 0,
    address: tokens.filter((t) => READER_ADDRESS.has(t)).length,
    date: text.length <= 120 ? parseDateline(text, now) : null,
  };
}

const FRANC_ONLY = [
  'eng',
  'spa',
  'por',
  'fra',
  'deu',
  'ita',
  'nld',
  'pol',
  'tur',
  'ind',
  'ron',
  'swe',
  'ces',
  'hun',
  'fin',
  'dan',
  'nob',
  'hrv',
  'slk',
  'vie',
  'tgl',
  'swh',
  'cat',
];
const ISO3: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  tur: 'tr',
  ind: 'id',
  ron: 'ro',
  swe: 'sv',
  ces: 'cs',
  hun: 'hu',
  fin: 'fi',
  dan: 'da',
  nob: 'no',
  hrv: 'hr',
  slk: 'sk',
  vie: 'vi',
  tgl: 'tl',
  swh: 'sw',
  cat: 'ca',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  mkd: 'mk',
};

/** Letters that only some Latin-script languages use: a hint for short lines. */
const LETTER_HINTS: [string, RegExp][] = [
  ['tr', /[ğışİ]/u],
  ['pl', /[ąęłńśźż]/iu],
  ['ro', /[șțăâî]/iu],
  ['pt', /[ãõ]/iu],
  ['es', /[ñ¿¡]/iu],
  ['de', /ß/u],
  ['cs', /[ěřůčš]/iu],
];

/**
 * The language of a (possibly short) line, or null when it cannot tell.
 * Non-Latin scripts are decided by script and telltale letters; Latin lines by
 * function words, telltale letters and, for longer lines, trigrams.
 */
export function lineLanguage(text: string, script: Script = scriptOf(text)): string | null {
  if (script === 'cyrillic') {
    if (/[іїєґ]/iu.test(text)) return 'uk';
    if (/[ў]/iu.test(text)) return 'be';
    if (/[ђћџљњј]/iu.test(text)) return 'sr';
    if (/[ѓќѕ]/iu.test(text)) return 'mk';
    if (/[ыэё]/iu.test(text) || text.length < 80) return 'ru';
    const c = franc(text, { only: ['rus', 'ukr', 'bul'], minLength: 10 });
    return ISO3[c] ?? 'ru';
  }
  if (script === 'arabic') {
    if (/[ٹڈڑںے]/u.test(text)) return 'ur';
    if (/[پچژگ]/u.test(text)) return 'fa';
    return 'ar';
  }
  if (script === 'greek') return 'el';
  if (script === 'hebrew') return 'he';
  if (script === 'devanagari') return 'hi';
  if (script === 'cjk') {
    if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
    if (/\p{Script=Hangul}/u.test(text)) return 'ko';
    return 'zh';
  }
  if (script !== 'latin') return null;
  // Latin script: function words, telltale letters (worth two words) and, for longer lines, trigrams (worth 1.5).
  const scores = stopwordVotes(wordTokens(text));
  for (const [l, re] of LETTER_HINTS) if (re.test(text)) scores.set(l, (scores.get(l) ?? 0) + 2);
  if (text.length >= 40) {
    const fl = ISO3[franc(text, { only: FRANC_ONLY, minLength: 20 })];
    if (fl) scores.set(fl, (scores.get(fl) ?? 0) + 1.5);
  }
  let best: string | null = null;
  let bestN = 0;
  let second = 0;
  for (const [l, n] of scores) {
    if (n > bestN) [best, bestN, second] = [l, n, bestN];
    else if (n > second) second = n;
  }
  return bestN >= 1 && bestN > second ? best : null;
}

/** Function-word counts per language for a token list. */
export function stopwordVotes(tokens: string[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const t of tokens) for (const l of STOPWORD_INDEX.get(t) ?? []) votes.set(l, (votes.get(l) ?? 0) + 1);
  return votes;
}

const STOPWORD_INDEX = new Map<string, string[]>();
for (const [l, set] of Object.entries(STOPWORDS)) for (const w of set) STOPWORD_INDEX.set(w, [...(STOPWORD_INDEX.get(w) ?? []), l]);

/** Evidence of `lang` in a Latin-script line beyond trigrams: its function words, plus two for its telltale letters. */
export function latinEvidenceScore(text: string, lang: string): number {
  const votes = stopwordVotes(wordTokens(text)).get(lang) ?? 0;
  return votes + (LETTER_HINTS.some(([l, re]) => l === lang && re.test(text)) ? 2 : 0);
}

/**
 * Quantities in a sentence with what they count: "more than 40 containers",
 * "12 crates of vaccines", "about 2,500 tonnes per year", as intervals with
 * their qualifier, so that "more than 40" and "at least 41" are compatible.
 */
import enLocale from '../text/data/locale/en.json' with { type: 'json' };
import { STOPWORDS, fold, stem } from './text.ts';
import { demonymCountry } from './gazetteer.ts';
import type { Locale } from '../text/locale.ts';
import { wordsAt } from '../text/phrases.ts';
import { tokenize } from '../text/tokens.ts';
import { findLocaleQuantities } from './quantities-locale.ts';
import { interval, type Quantity } from './figures.ts';

// Defined in figures.ts (shared with quantities-locale.ts); re-exported for this module's importers.
export { BOUND_SPAN, interval, type Quantity } from './figures.ts';

// number and scale words from the English locale (src/text/data/locale/en.json); "a"/"an" are articles here
const SMALL: Record<string, number> = Object.fromEntries(Object.entries(enLocale.numbers).filter(([w]) => w !== 'a' && w !== 'an'));
const SCALE: Record<string, number> = enLocale.scales;
/** Vague plurals as intervals. */
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 143],
  hundreds: [200, 999],
  thousands: [2000, 999_999],
  millions: [2e6, 999e6],
  scores: [40, 199],
};

const QUALIFIERS: Array<[RegExp, string]> = [
  [/(?:more than|over|above|upwards of|in excess of|greater than)$/, 'more than'],
  [/(?:at least|no fewer than|no less than|a minimum of|not less than)$/, 'at least'],
  [/(?:fewer than|less than|under|below)$/, 'fewer than'],
  [/(?:up to|as many as|at most|no more than|a maximum of|as much as|not more than)$/, 'up to'],
  [/(?:nearly|almost|close to|just under|just shy of)$/, 'nearly'],
  [/(?:about|around|approximately|roughly|some|an estimated|estimated|approx\.?|circa|or so|more or less)$/, 'about'],
];

/** Each qualifier as a pattern anchored at the end of the text before a number. */
const QUALIFIER_BEFORE: Array<[RegExp, string]> = QUALIFIERS.map(([re, q]) => [
  new RegExp('(?:^|[\\s(“"])(' + re.source.replace(/\$$/, '') + ')\\s+$', 'i'),
  q,
]);

const NUM_WORDS = Object.keys(SMALL).join('|');
const NUMBER_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}\-.,/])(?:[$€£¥]\s?)?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|` +
    String.raw`(?:${NUM_WORDS})(?:[-\s](?:${NUM_WORDS}))?|dozens|hundreds|thousands|millions|scores)` +
    String.raw`(?:\s?(?:%|percent|per cent))?(?:\s(?:thousand|million|billion|trillion|bn|mn))?(?![\p{L}\p{N}]|,\d|\.\d)`,
  'giu',
);

function parseNumber(raw: string): { value: number; vague?: [number, number]; percent: boolean; half: number } | null {
  let s = fold(raw).replace(/^[$€£¥]\s?/, '');
  let percent = false;
  if (/(%|percent|per cent)/.test(s)) {
    percent = true;
    s = s.replace(/\s?(%|percent|per cent)/, '');
  }
  let scale = 1;
  const sc = /\s(thousand|million|billion|trillion|bn|mn)$/.exec(s);
  if (sc) {
    scale = SCALE[sc[1]];
    s = s.slice(0, sc.index);
  }
  if (VAGUE[s]) return { value: VAGUE[s][0], vague: VAGUE[s], percent, half: 0 };
  let v: number;
  if (/^\d/.test(s)) v = Number(s.replace(/,/g, ''));
  else {
    const parts = s.split(/[-\s]/);
    v = 0;
    for (const p of parts) {
      const n = SMALL[p];
      if (n === undefined) return null;
      if (n === 100) v = (v || 1) * 100;
      else v += n;
    }
  }
  if (!Number.isFinite(v)) return null;
  // the rounding a written figure allows: "9.2 million" covers 9.15–9.25 million, "61%" 60.5–61.5%
  const dec = /\.(\d+)$/.exec(s.replace(/,/g, ''));
  let half = 0;
  if (dec) half = 0.5 * 10 ** -dec[1].length * scale;
  else if (percent || scale > 1) half = 0.5 * scale;
  else if (/\d000$/.test(s.replace(/,/g, ''))) {
    // "600,000" is a round figure: it covers a twentieth of its last zero place either side (±5,000)
    const zeros = /0+$/.exec(s.replace(/,/g, ''))![0].length;
    half = 0.5 * 10 ** (zeros - 1);
  }
  return { value: v * scale, percent, half };
}

/** The counted noun phrase after a number: up to 4 words, plus an "of ..." complement. */
function countedPhrase(after: string): { phrase: string; nouns: string[] } {
  const m = /^[\s”"’»]*((?:-?[\p{L}][\p{L}\p{N}'’\-]*[\s”"’»]*){0,6})/u.exec(after);
  const words = (m ? m[1] : '').split(/[\s”"’»]+/).filter(Boolean);
  const taken: string[] = [];
  let sawOf = false;
  for (const w0 of words) {
    const w = w0.replace(/^-/, '');
    const f = fold(w);
    if (f === 'of' && !sawOf) {
      sawOf = true;
      taken.push(w);
      continue;
    }
    if (sawOf && /^(the|its|their|his|her|our|a|an|all|this|that|these|those)$/.test(f) && fold(taken[taken.length - 1] ?? '') === 'of')
      continue;
    if (STOPWORDS.has(f) || /^(in|on|at|to|from|by|with|and|or|per|since|after|before|who|which|that)$/.test(f)) break;
    taken.push(w);
    if (taken.length >= (sawOf ? 7 : 4)) break;
  }
  while (taken.length && fold(taken[taken.length - 1]) === 'of') taken.pop();
  // demonyms and "<origin>-made" modifiers say where from, not what is counted
  const nouns = taken
    .filter((w) => fold(w) !== 'of' && demonymCountry(w) === null && !/^\p{L}+-(made|manufactured|built|based|owned)$/u.test(w))
    .map((w) => stem(w));
  return { phrase: taken.join(' '), nouns: nouns.filter((n) => n.length > 1) };
}

/**
 * Quantities in a sentence. `skip` are character spans to ignore (dates,
 * designations). Years standing alone (2023) are not quantities.
 */
export function findQuantities(sentence: string, skip: Array<[number, number]> = [], locale: Locale | null = null): Quantity[] {
  if (locale && locale.lang !== 'en') return findLocaleQuantities(sentence, skip, locale);
  const out = findEnglishQuantities(sentence, skip);
  return locale ? out.map((q) => withUnit(q, locale)) : out;
}

/** The canonical unit of an English figure's counted phrase ("tons" → "u:tonne"), added to its nouns to compare across languages. */
function withUnit(q: Quantity, locale: Locale): Quantity {
  if (q.nounsFrom !== 'after' || !q.phrase) return q;
  const toks = tokenize(q.phrase);
  for (let i = 0; i < Math.min(toks.length, 3); i++) {
    const h = wordsAt(locale.units, toks, i)[0];
    if (h) return { ...q, nouns: [...q.nouns, 'u:' + locale.unitNames[h.value]] };
  }
  return q;
}

function findEnglishQuantities(sentence: string, skip: Array<[number, number]>): Quantity[] {
  const out: Quantity[] = [];
  for (const m of sentence.matchAll(NUMBER_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (skip.some(([a, b]) => start < b && end > a)) continue;
    const raw = m[0];
    if (sentence[end] === '/' || sentence[start - 1] === '/' || /^\s\d+\/\d/.test(sentence.slice(end, end + 6))) continue;
    if (/^(?:1[5-9]|20)\d\d$/.test(raw)) continue; // a year
    if (/^(?:one|some)$/i.test(raw)) continue; // "one of the", pronoun-like
    const num = parseNumber(raw);
    if (!num) continue;
    // hyphenated modifiers: "three-year plan", "500-metre pier"
    let rest = sentence.slice(end);
    if (/^-(?=\p{L})/u.test(rest)) rest = rest.slice(1);
    const pre = sentence.slice(Math.max(0, start - 30), start);
    let qualifier: string | null = null;
    let qStart = start;
    for (const [re, q] of QUALIFIER_BEFORE) {
      const qm = re.exec(pre);
      if (qm) {
        qualifier = q;
        qStart = start - pre.length + qm.index + qm[0].indexOf(qm[1]);
        break;
      }
    }
    // the counted phrase ends where a date or a designation begins ("62,500 Monday following …")
    const nextSkip = Math.min(...skip.map(([a]) => a).filter((a) => a >= end), sentence.length);
    const counted = countedPhrase(rest.slice(0, Math.max(0, nextSkip - (sentence.length - rest.length))));
    const phrase = counted.phrase;
    let nouns = counted.nouns;
    let nounsFrom: 'after' | 'before' = 'after';
    // "Turnout was 61.3%": a figure without a counted noun is about the words before it
    if (nouns.length === 0) {
      const prev =
        sentence
          .slice(Math.max(0, qStart - 60), qStart)
          .split(/[,;:.()]/)
          .pop() ?? '';
      nouns = prev
        .split(/\s+/)
        .filter((w) => /^\p{L}/u.test(w) && !STOPWORDS.has(fold(w)))
        .slice(-3)
        .map((w) => stem(w));
      nounsFrom = 'before';
    }
    const [lo0, hi0] = interval(num.value, qualifier, num.vague, num.percent);
    const lo = Math.max(0, lo0 - (lo0 === num.value ? num.half : 0));
    const hi = hi0 + (hi0 === num.value ? num.half : 0);
    const textEnd = phrase ? sentence.indexOf(phrase.split(' ').pop() ?? '', end) : -1;
    const stop = textEnd >= 0 ? textEnd + (phrase.split(' ').pop() ?? '').length : end;
    out.push({
      text: sentence.slice(qStart, stop).trim(),
      number: raw,
      value: num.value,
      lo,
      hi,
      qualifier,
      percent: num.percent,
      nouns,
      nounsFrom,
      phrase,
      start: qStart,
      end: stop,
    });
  }
  return out;
}

/** Two quantities are compatible when their intervals overlap (and both are percentages or neither). */
export function quantitiesCompatible(a: Quantity, b: Quantity): boolean {
  if (a.percent !== b.percent) return true; // not the same kind of figure: no verdict
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** A compact normalized form: "61", ">60", "≥61", "<5", "≤1000", "~107000", "24–143" (vague plurals). */
export function normalizeQuantity(q: Quantity): string {
  const f = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));
  const suffix = q.percent ? '%' : '';
  const sign: Record<string, string> = { 'more than': '>', 'at least': '≥', 'fewer than': '<', 'up to': '≤', about: '~', nearly: '≲' };
  if (q.qualifier) return (sign[q.qualifier] ?? '') + f(q.value) + suffix;
  if (q.hi - q.lo > 2 * Math.max(q.value * 1e-9, 1e-9) && q.lo !== q.value - (q.hi - q.lo) / 2) return f(q.lo) + '–' + f(q.hi) + suffix;
  return f(q.value) + suffix;
}

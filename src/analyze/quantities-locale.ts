/**
 * Figures in a sentence of any language with a locale (src/text): digits with the locale's separators
 * ("1.234,5", "1 234,5", "١٬٢٣٤", "4.5万"), number words ("drei", "tres", "три"), scale words ("Millionen",
 * "млн", "مليون", "万"), percent words, the qualifier before the figure ("mehr als", "около") and what it
 * counts — with a canonical unit key ("u:tonne", "u:soldier") so a figure compares across languages.
 */
import type { Locale } from '../text/locale.ts';
import { asciiDigits, foldWord } from '../text/fold.ts';
import { splitClitics, tokenize, type Token } from '../text/tokens.ts';
import { wordsAt } from '../text/phrases.ts';
import { interval, type Quantity } from './figures.ts';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A sticky pattern for one figure in the locale's separators: grouped thousands, or plain digits, each with decimals. */
function numberPattern(loc: Locale): RegExp {
  const dec = [loc.data.decimal, ...(loc.data.decimalAlso ?? [])].filter(Boolean).map(esc).join('');
  const grp = loc.data.group
    .filter((g) => ![loc.data.decimal, ...(loc.data.decimalAlso ?? [])].includes(g))
    .map(esc)
    .join('');
  const d = dec ? `(?:[${dec}]\\d+)?` : '';
  const g = grp ? `\\d{1,3}(?:[${grp}]\\d{3})+${d}|` : '';
  return new RegExp(`(?:${g}\\d+${d})(?!\\d)`, 'y');
}

/** The value of a figure as written in the locale ("1.234,5" → 1234.5) and its decimal places. */
function readFigure(raw: string, loc: Locale): { value: number; decimals: number } {
  const decs = new Set([loc.data.decimal, ...(loc.data.decimalAlso ?? [])]);
  let intPart = '';
  let frac = '';
  let inFrac = false;
  const chars = [...raw];
  chars.forEach((ch, i) => {
    if (/\d/.test(ch)) {
      if (inFrac) frac += ch;
      else intPart += ch;
    } else if (
      decs.has(ch) &&
      !chars.slice(i + 1).some((c) => !/\d/.test(c)) &&
      (chars.length - i - 1 !== 3 || !loc.data.group.includes(ch))
    )
      inFrac = true;
  });
  return { value: Number(intPart + (frac ? '.' + frac : '')), decimals: frac.length };
}

/** Half the step a written figure allows ("1,5 Millionen" covers 1.45–1.55 million), as in quantities.ts. */
function roundingHalf(value: number, decimals: number, scale: number, percent: boolean): number {
  if (decimals) return 0.5 * 10 ** -decimals * scale;
  if (percent || scale > 1) return 0.5 * scale;
  const zeros = /0+$/.exec(String(value))?.[0].length ?? 0;
  return zeros >= 3 ? 0.5 * 10 ** (zeros - 1) : 0;
}

interface Figure {
  start: number;
  end: number;
  /** token index after the figure */
  next: number;
  value: number;
  decimals: number;
  word: boolean;
}

/** A figure starting at token i: digits with separators, or a number word (one alone is an article, not a count). */
function figureAt(sentence: string, toks: Token[], i: number, loc: Locale, re: RegExp, digits: string): Figure | null {
  const t = toks[i];
  if (t.kind === 'digits') {
    re.lastIndex = t.start;
    const m = re.exec(digits);
    if (!m) return null;
    const end = t.start + m[0].length;
    let next = i;
    while (next < toks.length && toks[next].start < end) next++;
    const { value, decimals } = readFigure(m[0], loc);
    return { start: t.start, end, next, value, decimals, word: false };
  }
  if (t.kind === 'han' && t.num !== undefined) return { start: t.start, end: t.end, next: i + 1, value: t.num, decimals: 0, word: true };
  const w = wordsAt(loc.numberWords, toks, i).sort((a, b) => b.end - a.end)[0];
  if (!w) return null;
  return { start: t.start, end: toks[w.end - 1].end, next: w.end, value: w.value, decimals: 0, word: true };
}

/** The qualifier ending right before token i ("mehr als", "около"), with where it starts. */
function qualifierBefore(toks: Token[], i: number, loc: Locale): { name: string; start: number } | null {
  for (let k = Math.max(0, i - 4); k < i; k++)
    for (const h of wordsAt(loc.qualifiers, toks, k)) if (h.end === i) return { name: loc.qualifierNames[h.value], start: toks[k].start };
  return null;
}

/** What a figure counts: up to three words (Han characters) after it, stopwords ending it; a unit as "u:<name>". */
function counted(toks: Token[], i: number, loc: Locale, limit: number): { phrase: string[]; nouns: string[]; end: number } {
  const phrase: string[] = [];
  const nouns: string[] = [];
  let end = -1;
  for (let k = i; k < toks.length && phrase.length < 3 && toks[k].start < limit; k++) {
    const unit = wordsAt(loc.units, toks, k).sort((a, b) => b.end - a.end)[0];
    if (unit && !nouns.includes('u:' + loc.unitNames[unit.value])) nouns.push('u:' + loc.unitNames[unit.value]);
    const t = toks[k];
    // "4.000 millones de dólares": a linking word before a unit
    if (phrase.length === 0 && k === i && loc.stopwords.has(t.t) && wordsAt(loc.units, toks, k + 1).length) continue;
    if (t.kind === 'punct' || t.kind === 'digits' || t.num !== undefined || loc.stopwords.has(t.t)) break;
    phrase.push(t.t);
    if (t.kind === 'word') nouns.push([...t.t].slice(0, 6).join(''));
    else nouns.push(t.t);
    end = t.end;
  }
  return { phrase, nouns, end };
}

/** A figure that is part of a code or a word ("Ил-76", "A320", "3/4"), not a count; a clitic before it ("و45") is not a word. */
function gluedToWord(toks: Token[], i: number, sentence: string, f: Figure, loc: Locale): boolean {
  if (sentence[f.end] === '/' || sentence[f.start - 1] === '/') return true;
  if (toks[i].kind === 'han') return false;
  const prev = toks[i - 1];
  if (!prev || prev.end < f.start - 1) return false;
  if (prev.kind === 'han') return false;
  // "Ил-76": a hyphen joining a word
  if (/^[-‐]$/.test(prev.t) && prev.end === f.start)
    return toks[i - 2]?.end === prev.start && (toks[i - 2].kind === 'word' || toks[i - 2].kind === 'han');
  return prev.end === f.start && prev.kind !== 'punct' && !loc.clitics.includes(prev.t);
}

/** Figures of one sentence in the locale's language; `skip` are spans already read (dates, designations). */
export function findLocaleQuantities(sentence: string, skip: Array<[number, number]>, loc: Locale): Quantity[] {
  const toks = splitClitics(tokenize(sentence, loc.numerals), loc.clitics, loc.vocabulary);
  const digits = asciiDigits(sentence);
  const re = numberPattern(loc);
  const out: Quantity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const f = figureAt(sentence, toks, i, loc, re, digits);
    if (!f) continue;
    const overlapsSkip = skip.some(([a, b]) => f.start < b && f.end > a);
    const glued = gluedToWord(toks, i, sentence, f, loc);
    let j = f.next;
    const scaleHit = wordsAt(loc.scaleWords, toks, j).sort((a, b) => b.end - a.end)[0];
    const scale = scaleHit ? scaleHit.value : 1;
    if (scaleHit) j = scaleHit.end;
    if (toks[j]?.t === '.' && scaleHit) j++; // "Mio.", "тыс."
    const pct = wordsAt(loc.percentWords, toks, j).sort((a, b) => b.end - a.end)[0];
    let pctBefore = false;
    for (let k = Math.max(0, i - 4); k < i; k++) if (wordsAt(loc.percentBefore, toks, k).some((h) => h.end === i)) pctBefore = true;
    const percent = !!pct || pctBefore;
    if (pct) j = pct.end;
    const year = !f.word && !f.decimals && scale === 1 && !percent && f.value >= 1500 && f.value <= 2099 && f.end - f.start === 4;
    // "1Password", "3MB": letters written onto the digits make a name, unless they are a unit ("5km"); "0937" is a code
    const joined =
      !f.word &&
      /^[\p{L}]/u.test(sentence[f.end] ?? '') &&
      !/\p{Script=Han}/u.test(sentence[f.end]) &&
      !wordsAt(loc.units, toks, f.next).length;
    const code = !f.word && /^0\d/.test(sentence.slice(f.start, f.end));
    const unitNext = wordsAt(loc.units, toks, j).length > 0;
    // a number word alone that is also "a"/"one" ("un", "ein", "bir"), or a Chinese numeral not counting anything
    const weakWord = f.word && scale === 1 && !percent && (f.value <= 1 || (toks[i].kind === 'han' && !unitNext));
    if (overlapsSkip || glued || joined || code || year || weakWord || !Number.isFinite(f.value)) {
      i = Math.max(i, j - 1);
      continue;
    }
    const nextSkip = Math.min(...skip.map(([a]) => a).filter((a) => a >= f.end), sentence.length);
    const c = counted(toks, j, loc, nextSkip);
    const q = qualifierBefore(toks, i, loc);
    const value = f.value * scale;
    const half = roundingHalf(f.value, f.decimals, scale, percent);
    const [lo0, hi0] = interval(value, q?.name ?? null, undefined, percent);
    const lastEnd = Math.max(c.end, toks[j - 1]?.end ?? f.end);
    const start = q?.start ?? f.start;
    out.push({
      text: sentence.slice(start, lastEnd).trim(),
      number: sentence.slice(f.start, f.end),
      value,
      lo: Math.max(0, lo0 - (lo0 === value ? half : 0)),
      hi: hi0 + (hi0 === value ? half : 0),
      qualifier: q?.name ?? null,
      percent,
      nouns: c.nouns,
      nounsFrom: 'after',
      phrase: c.phrase.join(' '),
      start,
      end: lastEnd,
    });
    i = Math.max(i, j - 1);
  }
  return out.map((q) => (q.nouns.length ? q : { ...q, nounsFrom: 'before' as const, nouns: wordsBefore(sentence, q.start, loc) }));
}

/** "Die Wahlbeteiligung lag bei 61,3 %": a figure without a counted noun is about the words before it. */
function wordsBefore(sentence: string, start: number, loc: Locale): string[] {
  const prev =
    sentence
      .slice(Math.max(0, start - 60), start)
      .split(/[,;:.()،]/)
      .pop() ?? '';
  return tokenize(prev, loc.numerals)
    .filter((t) => (t.kind === 'word' || t.kind === 'han') && !loc.stopwords.has(t.t))
    .slice(-3)
    .map((t) => [...foldWord(t.t)].slice(0, 6).join(''));
}

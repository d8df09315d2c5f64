/**
 * Text helpers for synthesis: sentence splitting, folding, tokens, and the
 * normalized forms of numbers and dates that the grounding check compares.
 * Language-neutral where possible (Unicode letter classes); the number words
 * and month names cover English, the language of the synthesized templates.
 */
import { textSentences } from '../analyze/sentences.ts';

/** Lowercase, diacritics folded, typographic apostrophes unified. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .toLowerCase();
}

/** Collapses whitespace. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Splits a text into sentences (paragraphs first), keeping abbreviations and initials together: the analysis splitter. */
export function splitSentences(text: string, maxSentences = 2000): string[] {
  return textSentences(text, { maxSentences });
}

/** Word tokens (folded) of a text. */
export function words(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu) ?? [];
}

const STOP = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did not no ' +
    "this that these those it its it's he she they them his her their we our you your i me my him who whom which what when where " +
    'why how than then there here also just only very more most much many some any all each other such into over under about ' +
    'after before between during while said says say told according would could should will can may might must shall one two ' +
    'de la le les des du et en el los las y que un una por para con del al il di da e o em do dos das não der die das und den ' +
    'zu mit von im ist auf für'
  ).split(' '),
);

export function isStopword(w: string): boolean {
  return STOP.has(w);
}

/** Content tokens: folded words minus stopwords and one-letter tokens. */
export function contentTokens(s: string): string[] {
  return words(s).filter((w) => w.length > 1 && !STOP.has(w));
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SCALE_ABBR: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12 };

export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** The number words numbersIn reads, as a regex alternation ("one" last). */
const NUMBER_WORDS =
  'zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|' +
  'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|one';

function canon(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/**
 * The numbers a text states, as canonical strings: "1,000" and "1000" → "1000",
 * "eight" → "8", "twenty-five" → "25", "1.5 million" → "1500000", "$3bn" → "3000000000".
 * Word forms "one" are skipped (too often a pronoun); "a hundred" is not parsed.
 */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  const t = fold(text);
  const numRe =
    /(?<![\p{L}\p{N}])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?/gu;
  let m: RegExpExecArray | null;
  while ((m = numRe.exec(t))) {
    // skip a date-time like 10:30 second half and version strings handled as separate numbers anyway
    let v = Number(m[1]!.replace(/,/g, '') + (m[2] ? '.' + m[2] : ''));
    const scale = m[3];
    if (scale) {
      const f = SCALES[scale] ?? SCALE_ABBR[scale];
      if (f) {
        out.add(canon(v));
        v = v * f;
      }
    }
    out.add(canon(v));
  }
  // number words, possibly compound: "twenty-five", "three hundred", "eight"
  const wordRe = new RegExp(`\\b((?:(?:${NUMBER_WORDS})(?:[\\s-]+(?:and[\\s-]+)?)?)+)\\b`, 'g');
  while ((m = wordRe.exec(t))) {
    const parts = m[1]!
      .trim()
      .split(/[\s-]+/)
      .filter((p) => p !== 'and');
    if (parts.length === 1 && parts[0] === 'one') continue;
    let total = 0;
    let cur = 0;
    let any = false;
    for (const p of parts) {
      if (p in UNITS) {
        cur += UNITS[p]!;
        any = true;
      } else if (p in TENS) {
        cur += TENS[p]!;
        any = true;
      } else if (p === 'hundred') {
        cur = (cur || 1) * 100;
        any = true;
      } else if (p in SCALES) {
        total += (cur || 1) * SCALES[p]!;
        cur = 0;
        any = true;
      }
    }
    if (any) out.add(canon(total + cur));
  }
  return out;
}

/** Month-day pairs a text states ("Oct. 26", "October 26", "26 October", "2025-10-26") as "10-26". */
export function datesIn(text: string): Set<string> {
  const out = new Set<string>();
  const t = fold(text);
  const month =
    '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
  const md = new RegExp(`\\b${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g');
  const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\b`, 'g');
  let m: RegExpExecArray | null;
  while ((m = md.exec(t))) {
    const mo = MONTHS[m[1]!];
    const d = Number(m[2]);
    if (mo && d >= 1 && d <= 31) out.add(`${mo}-${d}`);
  }
  while ((m = dm.exec(t))) {
    const mo = MONTHS[m[2]!];
    const d = Number(m[1]);
    if (mo && d >= 1 && d <= 31) out.add(`${mo}-${d}`);
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
  while ((m = iso.exec(t))) out.add(`${Number(m[2])}-${Number(m[3])}`);
  return out;
}

/** Normalizes a quotation for comparison: quote marks dropped, apostrophes unified, whitespace collapsed. */
export function normQuote(s: string): string {
  return squash(
    s
      .normalize('NFC')
      .replace(/[’‘ʼ`´]/g, "'")
      .replace(/["“”«»„‟‹›]/g, ' '),
  );
}

/** Quotations in a text: spans between paired double quote marks of any style. */
export function quotesIn(text: string): string[] {
  const out: string[] = [];
  const re = /["“„«]([^"“”„«»]{1,600})["”“»]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const q = squash(m[1]!);
    if (q) out.push(q);
  }
  return out;
}

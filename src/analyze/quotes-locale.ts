/**
 * Quotes with speakers in the languages other than English, from their locale (src/text): the quote marks of the
 * language (« » „ “ 「 」 …) and its reporting verbs (dijo, a déclaré, sagte, заявил, قال, 表示), the speaker named
 * before the verb or after it, on either side of the quote ("Путин заявил: «…»", "«…», a déclaré Macron",
 * "وقال بوتين: «…»", "普京表示：“…”"). Reported speech: "Putin dijo que …", "…, заявил Путин."
 */
import type { Locale } from '../text/locale.ts';
import { tokenize, wordsAt, type Token } from '../text/index.ts';

/** A quote found in a paragraph: its words and where the phrase naming its speaker lies (paragraph offsets). */
export interface LocaleQuote {
  text: string;
  speaker: { start: number; end: number; verb: number } | null;
}

const quoteRes = new WeakMap<Locale, RegExp>();

function escRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Quote pairs of the locale, and the typographic and straight double quotes every language also uses. */
function quoteRe(locale: Locale): RegExp {
  let re = quoteRes.get(locale);
  if (!re) {
    const pairs = [...locale.data.quotes, ['“', '”'], ['«', '»'], ['"', '"']].filter(([o]) => o !== '‚' && o !== '‘');
    const alts = [...new Set(pairs.map(([o, c]) => `${escRe(o)}([^${escRe(c)}${escRe(o)}]{2,600})${escRe(c)}`))];
    re = new RegExp(alts.join('|'), 'gu');
    quoteRes.set(locale, re);
  }
  return re;
}

const SENTENCE_END = new Set(['.', '!', '?', '。', '！', '？']);
const CLAUSE_END = new Set([...SENTENCE_END, ';', '；']);
const QUOTE_MARKS = /[«»„“”"「」『』‹›]/u;

/** A quote long enough not to be a scare quote: four words, or eight Chinese characters. */
function longEnough(q: string): boolean {
  const words = q.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const han = q.match(/\p{Script=Han}/gu)?.length ?? 0;
  return words - han >= 4 || han >= 8;
}

/** Reporting verbs among tokens [from, to): their token ranges. */
function verbsIn(toks: Token[], from: number, to: number, locale: Locale): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = Math.max(0, from); i < Math.min(to, toks.length); i++) {
    const hits = wordsAt(locale.attribution, toks, i);
    if (hits.length) out.push([i, Math.max(...hits.map((h) => h.end))]);
  }
  return out;
}

/** Tokens from i onwards (or backwards with step -1) until a clause ends or a quote mark, at most `max`. */
function clause(toks: Token[], i: number, step: 1 | -1, max = 14): [number, number] | null {
  let j = i;
  let n = 0;
  while (j >= 0 && j < toks.length && n < max && !CLAUSE_END.has(toks[j].t) && !QUOTE_MARKS.test(toks[j].t)) {
    j += step;
    n++;
  }
  if (n === 0) return null;
  return step === 1 ? [i, j] : [j + 1, i + 1];
}

const span = (toks: Token[], [a, b]: [number, number], verb: number) => ({ start: toks[a].start, end: toks[b - 1].end, verb });

/** The phrase naming the speaker of a quote at [qs, qe): after the quote ("», заявил Путин"), else before it. */
function speakerOf(toks: Token[], qs: number, qe: number, locale: Locale): LocaleQuote['speaker'] {
  const after = toks.findIndex((t) => t.start >= qe);
  if (after >= 0) {
    const v = verbsIn(toks, after, after + 8, locale).find(
      ([i]) => !toks.slice(after, i).some((t) => SENTENCE_END.has(t.t) || QUOTE_MARKS.test(t.t)),
    );
    if (v) {
      const words = toks.slice(after, v[0]).filter((t) => t.kind !== 'punct');
      if (words.length) return span(toks, [toks.indexOf(words[0]), v[0]], toks[v[0]].start);
      const c = clause(toks, v[1], 1);
      if (c) return span(toks, c, toks[v[0]].start);
    }
  }
  let first = toks.findIndex((t) => t.end > qs);
  if (first < 0) first = toks.length;
  let from = first - 1;
  while (from >= 0 && !SENTENCE_END.has(toks[from].t) && first - from < 30) from--;
  const vs = verbsIn(toks, from + 1, first, locale);
  const v = vs[vs.length - 1];
  if (!v) return null;
  const before = clause(toks, v[0] - 1, -1);
  if (before && toks.slice(before[0], before[1]).some((t) => t.kind !== 'punct')) return span(toks, before, toks[v[0]].start);
  const between = clause(toks, v[1], 1);
  return between && between[1] <= first ? span(toks, between, toks[v[0]].start) : null;
}

/** Direct quotes of one paragraph in a language with a locale, with the phrase naming each one's speaker. */
export function localeQuotes(text: string, locale: Locale): LocaleQuote[] {
  const out: LocaleQuote[] = [];
  let toks: Token[] | null = null;
  for (const m of text.matchAll(quoteRe(locale))) {
    const q = (m.slice(1).find((x) => x !== undefined) ?? '').trim().replace(/[,，、\s]+$/u, '');
    if (!longEnough(q)) continue;
    toks ??= tokenize(text, locale.numerals);
    out.push({ text: q, speaker: speakerOf(toks, m.index, m.index + m[0].length, locale) });
  }
  return out;
}

/**
 * Reported speech in a sentence holding no quote mark: the speaker before the verb and what was said after it
 * ("Putin dijo que Rusia …", "普京表示，俄罗斯将…"), or what was said before and the speaker after ("…, заявил Путин.").
 */
export function reportedSpeech(sentence: string, locale: Locale): LocaleQuote | null {
  if (QUOTE_MARKS.test(sentence)) return null;
  const toks = tokenize(sentence, locale.numerals);
  const vs = verbsIn(toks, 0, toks.length, locale);
  for (const [v, ve] of vs) {
    const before = toks.slice(0, v);
    const after = toks.slice(ve);
    // "…, said X." — the verb after a comma, the speaker up to the end
    if (v > 0 && /^[,，—–]$/.test(toks[v - 1].t) && after.length > 0 && after.length <= 8) {
      const said = sentence.slice(0, toks[v - 1].start).trim();
      if (longEnough(said))
        return { text: said, speaker: span(toks, [ve, toks.length - (SENTENCE_END.has(toks[toks.length - 1].t) ? 1 : 0)], toks[v].start) };
    }
    // "X said (that) …" — the speaker in at most twelve words before, what was said after
    if (before.length > 0 && before.length <= 12 && !before.some((t) => CLAUSE_END.has(t.t))) {
      // punctuation and one function word ("que", "dass", "что", "أن") before what was said
      let k = ve;
      while (k < toks.length && toks[k].kind === 'punct') k++;
      if (k < toks.length && locale.stopwords.has(toks[k].t)) k++;
      if (k >= toks.length) continue;
      const said = sentence
        .slice(toks[k].start)
        .replace(/[.。!！?？]+$/u, '')
        .trim();
      if (longEnough(said)) return { text: said, speaker: span(toks, [0, v], toks[v].start) };
    }
  }
  return null;
}

/**
 * Paragraph and sentence splitting for article text. Paragraphs are separated
 * by blank lines (single line breaks also end a paragraph unless the line is
 * hard-wrapped mid-sentence). Sentences end at . ! ? … (with closing quotes
 * and brackets) before an upper-case letter, digit or opening quote, except
 * after abbreviations (Mr., Gen., Oct. 5), initials (John F. Kennedy) and
 * dotted acronyms (U.S.) not followed by a sentence opener, and after a day
 * before its month ("am 26. Oktober"); 。！？ end a sentence with no space after.
 */
import { STOPWORDS, fold } from './text.ts';
import { MONTHS, foldToken } from '../util/calendar.ts';

export interface SentenceSpan {
  text: string;
  /** 0-based paragraph index in the article. */
  paragraph: number;
  /** 0-based sentence index in the article. */
  index: number;
  /** Offset of the sentence in the article text. */
  start: number;
}

/** Titles and other abbreviations after which a period never ends a sentence. */
const NEVER_END = new Set(
  (
    'mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm st jr sr rev hon pres maj brig fr mt ft ' +
    'vs approx dept est fig vol op art sec ch pp e.g i.e cf al'
  ).split(' '),
);
/** Abbreviations that end a sentence only before a clear sentence opener. */
const MAYBE_END = new Set('no nos inc corp ltd co etc bros llc plc jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));

const OPENERS = /^[\p{Lu}\p{N}“"«‘'(\[¿¡]/u;

function prevToken(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && !/\s/.test(text[i - 1])) i--;
  return text.slice(i, dot).replace(/^[(“"«‘'\[]+/, '');
}

function nextWord(text: string, from: number): string {
  const m = /^\s*[“"«‘'(\[]*([\p{L}\p{N}][\p{L}\p{N}'’.\-]*)/u.exec(text.slice(from, from + 60));
  return m ? m[1] : '';
}

/** True when the period at `dot` (text[dot] === '.') ends a sentence, given the text continues at `next`. */
function periodEnds(text: string, dot: number, next: number): boolean {
  const tok = prevToken(text, dot);
  const low = fold(tok);
  const nw = nextWord(text, next);
  const opener = nw !== '' && STOPWORDS.has(fold(nw)) && /^\p{Lu}/u.test(nw);
  if (/^\d{1,2}$/.test(tok) && MONTHS.has(foldToken(nw))) return false; // a day before its month: "am 26. Oktober"
  if (/^\p{Lu}$/u.test(tok)) return false; // an initial: "John F. Kennedy"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(tok)) return opener; // dotted acronym "U.S." / "e.g."
  if (NEVER_END.has(low)) return false;
  if (low === 'no' || low === 'nos') return !/^\p{N}/u.test(nw);
  if (MAYBE_END.has(low)) return opener;
  return true;
}

/** Split one paragraph into sentences. */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const out: string[] = [];
  let begin = 0;
  const re = /([.!?…]+|\.\.\.)(["”’'»)\]]*)(\s+)/g;
  for (const m of text.matchAll(re)) {
    const endPunct = m.index + m[1].length; // after terminal punctuation
    const afterClose = endPunct + m[2].length;
    const next = afterClose + m[3].length;
    if (next >= text.length) break;
    if (!OPENERS.test(text[next])) continue;
    const lastChar = m[1][m[1].length - 1];
    if (m[1] === '.' && !periodEnds(text, m.index, next)) continue;
    if (lastChar === '.' && m[1].length === 1 && m[2] === '' && /\d$/.test(text.slice(0, m.index)) && /^\d/.test(text[next])) continue;
    const s = text.slice(begin, afterClose).trim();
    if (s) out.push(s);
    begin = next;
  }
  const rest = text.slice(begin).trim();
  if (rest) out.push(rest);
  // Chinese and Japanese end sentences with 。！？ and no space after them
  return out.flatMap((x) =>
    /[。！？]./u.test(x)
      ? x
          .split(/(?<=[。！？]+[”」』）]*)(?=[^。！？”」』）])/u)
          .map((y) => y.trim())
          .filter(Boolean)
      : [x],
  );
}

/**
 * Paragraphs of an article. Blank lines separate paragraphs; a single line
 * break also does, unless the line looks hard-wrapped (no terminal punctuation
 * and the next line starts in lower case).
 */
export function splitParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const paras: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = raw.replace(/^\s*[•·▪►\-–*]\s+/, '').trim();
    if (!line) {
      if (cur) paras.push(cur);
      cur = '';
      continue;
    }
    if (cur && !/[.!?…:"”»)]$/.test(cur) && /^\p{Ll}/u.test(line)) cur += ' ' + line;
    else {
      if (cur) paras.push(cur);
      cur = line;
    }
  }
  if (cur) paras.push(cur);
  return paras;
}

/** All sentences of an article text, with paragraph and sentence indices. */
export function articleSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let searchFrom = 0;
  const paras = splitParagraphs(text);
  paras.forEach((p, pi) => {
    for (const s of splitSentences(p)) {
      const probe = s.slice(0, Math.min(20, s.length));
      const at = text.indexOf(probe, searchFrom);
      const start = at >= 0 ? at : searchFrom;
      if (at >= 0) searchFrom = at + 1;
      out.push({ text: s, paragraph: pi, index: out.length, start });
    }
  });
  return out;
}

/**
 * Every sentence of a text, paragraphs first, within hard limits: the text is read up to `maxChars`, at most
 * `maxSentences` are returned, each cut to `maxSentenceChars`. The one splitter for analysis, framing and synthesis.
 */
export function textSentences(
  text: string,
  limits: { maxChars?: number; maxSentences?: number; maxSentenceChars?: number } = {},
): string[] {
  const { maxChars = 200_000, maxSentences = 2_000, maxSentenceChars = 2_000 } = limits;
  const out: string[] = [];
  for (const p of splitParagraphs(text.slice(0, maxChars))) {
    for (const s of splitSentences(p)) {
      out.push(s.length > maxSentenceChars ? s.slice(0, maxSentenceChars) : s);
      if (out.length >= maxSentences) return out;
    }
  }
  return out;
}

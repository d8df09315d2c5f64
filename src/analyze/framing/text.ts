/**
 * Text helpers for framing: sentence splitting, accent folding, quotation
 * spans and capitalized-name sequences. Language-neutral where possible
 * (Unicode letter classes), no dictionaries beyond a few abbreviations.
 */
import { textSentences } from '../sentences.ts';

/** Hard limits on what one article may cost. */
export const MAX_ARTICLE_CHARS = 200_000;
export const MAX_SENTENCES = 2_000;
export const MAX_SENTENCE_CHARS = 2_000;

export function fold(s: string): string {
  // plain ASCII has nothing to decompose
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits text into sentences (the analysis splitter, within this module's limits). */
export function splitSentences(text: string): string[] {
  return textSentences(text, { maxChars: MAX_ARTICLE_CHARS, maxSentences: MAX_SENTENCES, maxSentenceChars: MAX_SENTENCE_CHARS });
}

export interface Span {
  start: number;
  end: number;
}

/** Spans inside quotation marks (the marks excluded). Straight double quotes pair up in order. */
export function quoteSpans(s: string): Span[] {
  const spans: Span[] = [];
  const pairs: Array<[string, string]> = [
    ['“', '”'],
    ['«', '»'],
    ['„', '“'],
    ['„', '”'],
  ];
  for (const [open, close] of pairs) {
    let i = 0;
    while ((i = s.indexOf(open, i)) !== -1) {
      const j = s.indexOf(close, i + 1);
      if (j === -1) break;
      spans.push({ start: i + 1, end: j });
      i = j + 1;
    }
  }
  let i = 0;
  while ((i = s.indexOf('"', i)) !== -1) {
    const j = s.indexOf('"', i + 1);
    if (j === -1) break;
    spans.push({ start: i + 1, end: j });
    i = j + 1;
  }
  // single curly quotes: only when the opening one starts a word and the closing one ends one
  const sq = /(^|[\s(])[‘']([^‘’']{1,80})[’'](?=$|[\s.,;:!?)—–-])/gu;
  let m: RegExpExecArray | null;
  while ((m = sq.exec(s)) !== null) {
    const st = m.index + m[1].length + 1;
    spans.push({ start: st, end: st + m[2].length });
  }
  return spans;
}

export function inSpans(spans: Span[], pos: number): boolean {
  return spans.some((sp) => pos >= sp.start && pos < sp.end);
}

/** Word-boundary regex for a (possibly multi-word) term, case-insensitive, Unicode-aware. */
export function termRegex(term: string, stem = false): RegExp {
  const body = term
    .split(/\s+/)
    .map((w) => escapeRe(w))
    .join('\\s+');
  const tail = stem ? '\\p{L}{0,4}' : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, 'giu');
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'from',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'he',
  'she',
  'they',
  'his',
  'her',
  'their',
  'which',
  'who',
  'whom',
  'what',
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'not',
  'no',
  'also',
  'than',
  'then',
  'there',
  'about',
  'into',
  'over',
  'after',
  'before',
  'said',
  'says',
  'according',
  'some',
  'such',
  'more',
  'most',
  'very',
  'can',
  'did',
  'do',
  'does',
  'if',
  'so',
  'up',
  'out',
  'one',
  'two',
  'all',
]);

/** Content words of a sentence, folded, for overlap measures. */
export function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of fold(s).match(/[\p{L}\p{N}][\p{L}\p{N}'’,.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? []) {
    const t = w.replace(/['’]s$/, '');
    if (t.length < 3 && !/\d/.test(t)) continue;
    if (STOP.has(t)) continue;
    out.add(t.length > 5 && !/\d/.test(t) ? t.slice(0, 5) : t);
  }
  return out;
}

/** Share of a's content words found in b. */
export function coverage(a: Set<string>, b: Set<string>): { share: number; shared: number } {
  if (a.size === 0) return { share: 0, shared: 0 };
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return { share: n / a.size, shared: n };
}

/** A capitalized token: starts with an upper-case letter; may contain dots, hyphens, apostrophes. */
export const CAP = "\\p{Lu}[\\p{L}\\p{M}\\p{N}.’'-]*";
/** Lower-case particles allowed inside names ("Cartel de los Soles", "Osama bin Laden"). */
export const PARTICLE = '(?:de|del|de la|de los|da|do|dos|das|du|van|von|der|den|bin|al|el|la|le|ibn|y)';
/** A capitalized sequence: one or more capitalized tokens, optionally joined by particles. */
export const NAME_SEQ = `(?<![\\p{L}\\p{N}-])${CAP}(?:\\s+(?:${PARTICLE}\\s+)?${CAP})*`;

export function stripPossessive(s: string): string {
  return s.replace(/['’]s$/u, '').replace(/[.,]+$/u, '');
}

export interface TermSet<T extends { term: string; stem?: boolean }> {
  /** One pattern over every term, the longest match first; global, Unicode, case-insensitive. */
  re: RegExp;
  /** The term a match of `re` stands for. */
  find(match: string): T | undefined;
}

/** A letter tree of the terms: a space stands for any run of white space, a stem ends with up to four more letters. */
interface TrieNode {
  kids: Map<string, TrieNode>;
  end: boolean;
  stem: boolean;
}

const node = (): TrieNode => ({ kids: new Map(), end: false, stem: false });

/**
 * The pattern of a letter tree, longer continuations tried before ending: at one position the longest term wins,
 * as in an alternation sorted longest first. A shared prefix is written once, which keeps a lexicon of thousands of
 * terms far below the pattern size (≈ 20 KB) past which V8 compiles a regex without its optimizations (≈ 50× slower).
 */
function trieSource(n: TrieNode): string {
  const alts: string[] = [];
  for (const [ch, kid] of n.kids) alts.push((ch === ' ' ? '\\s+' : escapeRe(ch)) + trieSource(kid));
  if (n.stem) alts.push('\\p{L}{0,4}');
  else if (n.end && alts.length) alts.push('');
  if (alts.length === 0) return '';
  return alts.length === 1 ? (n.kids.size === 1 && !n.stem ? alts[0] : `(?:${alts[0]})`) : `(?:${alts.join('|')})`;
}

/** Compiles many terms into a single regex, so that a sentence is scanned once. */
export function termSet<T extends { term: string; stem?: boolean }>(terms: T[]): TermSet<T> {
  const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
  const exact = new Map<string, T>();
  const stems: Array<{ f: string; t: T }> = [];
  const root = node();
  for (const t of sorted) {
    const f = fold(t.term).replace(/\s+/g, ' ');
    if (!exact.has(f)) exact.set(f, t);
    if (t.stem) stems.push({ f, t });
    let at = root;
    for (const ch of t.term.toLowerCase().trim().replace(/\s+/g, ' ')) {
      let kid = at.kids.get(ch);
      if (!kid) at.kids.set(ch, (kid = node()));
      at = kid;
    }
    if (t.stem) at.stem = true;
    else at.end = true;
  }
  const body = root.kids.size ? trieSource(root) : '(?!)';
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
  return {
    re,
    find(match: string): T | undefined {
      const f = fold(match).replace(/\s+/g, ' ');
      return exact.get(f) ?? stems.find((s) => f.startsWith(s.f))?.t;
    },
  };
}

const QUOTE_CHARS = /[“”"«»„‘’'`]/gu;

/** English plural and possessive endings off one folded word ("dictators" → "dictator", "parties" → "party"). */
export function singular(w: string): string {
  if (w.length <= 3) return w;
  if (/ies$/u.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|us|is)$/u.test(w)) return w;
  if (/(?:sses|xes|ches|shes)$/u.test(w)) return w.slice(0, -2);
  if (/s$/u.test(w)) return w.slice(0, -1);
  return w;
}

/** A term as a reader compares it: case, diacritics, quotation marks, spacing and plural endings set aside. */
export function normTerm(s: string): string {
  return fold(s)
    .replace(QUOTE_CHARS, ' ')
    .replace(/['’]s\b/gu, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean)
    .map(singular)
    .join(' ');
}

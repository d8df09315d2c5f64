/**
 * Sentence-level framing cues: distancing quotation marks ("what it calls
 * “...”", "so-called"), scare quotes around a loaded short phrase, loaded
 * words and verbs, hedges. These need no other article; the story-level
 * code decides which of them are worth reporting.
 */
import { CONCEPTS, DISTANCING_VERBS, HEDGES, INTENSIFIERS, LOADED_VERBS, LOADED_WORDS, SO_CALLED, SPEECH_NEAR_WORDS } from './lexicon.ts';
import { isExcludedCompound } from './labels.ts';
import { escapeRe, fold, inSpans, quoteSpans, termSet } from './text.ts';

export interface Cue {
  kind: 'scare-quotes' | 'loaded-word' | 'loaded-verb' | 'hedge' | 'label';
  /** As written in the sentence. */
  term: string;
  start: number;
  load: number;
}

const OPEN_Q = '[“"«‘„]';
const CLOSE_Q = '[”"»’“]';
/** Each phrase of a list as a pattern: its words escaped, any spaces between them. */
const phrases = (list: string[]): string => list.map((v) => v.split(' ').map(escapeRe).join('\\s+')).join('|');
/** Who distances themself before the verb ("it", "the agency", "Foreign Minister Lavrov"), and how ("has", "repeatedly"). */
const DIST_WHO = `(?:(?:it|he|she|they|we|the\\s+[\\p{L}-]+|\\p{Lu}[\\p{L}.’'-]*(?:\\s+\\p{Lu}[\\p{L}.’'-]*){0,3})\\s+)?`;
const DIST_HOW = '(?:has\\s+|have\\s+|had\\s+|repeatedly\\s+|often\\s+)?';
const DIST_RE = new RegExp(
  `(?<![\\p{L}])(?:what|lo que|ce que|was)\\s+${DIST_WHO}${DIST_HOW}(?:${phrases(DISTANCING_VERBS)})\\s+(?:(?:a|an|the)\\s+)?` +
    `${OPEN_Q}[^”"»’“]{1,80}${CLOSE_Q}`,
  'gu',
);
/** A quoted phrase, or one or two words, after "so-called". */
const SO_CALLED_WHAT = `(?:${OPEN_Q}[^”"»’“]{1,80}${CLOSE_Q}|(?:[\\p{L}\\p{N}'’-]+)(?:\\s+(?![,.;])[\\p{L}\\p{N}'’-]+){0,1})`;
const SO_CALLED_RE = new RegExp(`(?<![\\p{L}])(?:${phrases(SO_CALLED)})\\s+${SO_CALLED_WHAT}`, 'giu');
/** A verb of speech (data/*.json speechNear) or a colon right before a quote: the quote is someone's words. */
const SPEECH_NEAR = new RegExp(`(?<![\\p{L}])(?:${SPEECH_NEAR_WORDS.map(escapeRe).join('|')})(?![\\p{L}])|:\\s*$`, 'iu');

const SPEECH_AFTER =
  /^\s*[,]?\s*(?:[\p{L}.’'-]+\s+){0,3}?(?:said|says|told|tells|wrote|writes|stated|added|declared|warned|insisted|argued|claimed)(?![\p{L}])/iu;
const VERBS = termSet(LOADED_VERBS);
const WORDS = termSet(LOADED_WORDS);
const HEDGE_SET = termSet(HEDGES.map((term) => ({ term })));
const CONCEPT_TERMS = termSet(
  CONCEPTS.flatMap((c) => c.terms.filter((t) => t.load > 0).map((t) => ({ term: t.term, stem: t.stem, t, c }))),
);

function hits(set: { re: RegExp }, s: string): boolean {
  set.re.lastIndex = 0;
  return set.re.test(s);
}

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

const NOUN_BEFORE = new Set([
  'the',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'such',
  'any',
  'no',
  'of',
  'with',
  'despite',
  'amid',
  'repeated',
  'false',
  'unfounded',
  'baseless',
  'similar',
  'earlier',
  'previous',
  'new',
  'many',
  'several',
  'two',
  'three',
  'text',
  'email',
  'mass',
]);

/** Whether a loaded verb match is a verb in its speech sense ("blasted off", "claims that" after "repeated" are not). */
function verbSense(s: string, start: number, term: string): boolean {
  const prev = fold(s.slice(Math.max(0, start - 25), start)).match(/([\p{L}]+)[\s]*$/u)?.[1] ?? '';
  const next = fold(s.slice(start + term.length, start + term.length + 25)).match(/^[\s]*([\p{L}“"«]+|[.,;:!?])/u)?.[1] ?? '';
  const t = fold(term);
  if (NOUN_BEFORE.has(prev)) return false;
  if (/^(?:blast|slam|rip|torch|trash)/.test(t) && /^(?:off|away|into|open|shut|through|down)$/.test(next)) return false;
  if (/^claim/.test(t) && !t.endsWith('that') && !claimsSpeech(s.slice(start + term.length, start + term.length + 60), next)) return false;
  return true;
}

/** Subject pronouns: "claimed he had seen" introduces speech, as "claimed that" does. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', 'this']);

/**
 * "claim" in its speech sense: followed by "that", "to", a quotation, a clause's pronoun subject, the end of a clause,
 * or "that" a few words on ("claimed on Tuesday that"); not "claim asylum", "claimed victory".
 */
function claimsSpeech(after: string, next: string): boolean {
  if (/^(?:that|to|[“"«]|[.,;:!?])/.test(next) || SUBJECT_PRONOUNS.has(next)) return true;
  return /^\s*(?:[\p{L}\p{N}’'-]+\s+){1,4}that(?![\p{L}])/iu.test(after);
}

/** A participle followed by "to" is a verb ("failed to pass"), not the loaded adjective ("a failed policy"). */
function verbBeforeTo(s: string, end: number, term: string): boolean {
  return /(?:ed|ing)$/iu.test(term) && /^\s+to\s/iu.test(s.slice(end, end + 5));
}

/** Distancing cues: "what X calls “...”", "so-called ...", scare quotes around a loaded short phrase. */
export function distancingCues(s: string, strict = false): Cue[] {
  const out: Cue[] = [];
  const quotes = quoteSpans(s);
  for (const m of matches(DIST_RE, s)) {
    out.push({ kind: 'scare-quotes', term: m[0], start: m.index, load: 2 });
  }
  for (const m of matches(SO_CALLED_RE, s)) {
    if (inSpans(quotes, m.index)) continue;
    // in a story, "so-called" without quotation marks often just introduces jargon ("so-called breakthrough infections")
    if (strict && !/[“"«‘„]/.test(m[0])) continue;
    out.push({ kind: 'scare-quotes', term: m[0].replace(/[,.;:]+$/, ''), start: m.index, load: 2 });
  }
  // a short quoted phrase (≤ 4 words) holding a loaded label, with no speaker nearby
  for (const q of quotes) {
    const inner = s.slice(q.start, q.end);
    const words = inner.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 4) continue;
    if (out.some((c) => c.start <= q.start && c.start + c.term.length >= q.end)) continue;
    const before = s.slice(Math.max(0, q.start - 60), q.start - 1);
    if (SPEECH_NEAR.test(before)) continue;
    if (/[.!?,]\s*$/.test(inner)) continue; // a quoted sentence or clause, not a scare quote
    const after = s.slice(q.end + 1, q.end + 50);
    if (SPEECH_AFTER.test(after)) continue;
    // only a label in quotation marks is a scare quote; a quoted adjective is usually the source's own word
    if (!hits(CONCEPT_TERMS, inner)) continue;
    out.push({ kind: 'scare-quotes', term: s.slice(q.start - 1, q.end + 1), start: q.start - 1, load: 1 });
  }
  return out;
}

/** Loaded verbs, words and concept labels outside quotation marks. */
export function wordCues(s: string): Cue[] {
  const out: Cue[] = [];
  const quotes = quoteSpans(s);
  const taken: Array<[number, number]> = [];
  const push = (kind: Cue['kind'], m: RegExpExecArray, load: number) => {
    const a = m.index;
    const b = a + m[0].length;
    if (inSpans(quotes, a)) return;
    if (taken.some(([x, y]) => a < y && b > x)) return;
    taken.push([a, b]);
    out.push({ kind, term: m[0], start: a, load });
  };
  for (const m of matches(CONCEPT_TERMS.re, s)) {
    const hit = CONCEPT_TERMS.find(m[0]);
    if (!hit || isExcludedCompound(hit.c, s, m.index, m.index + m[0].length)) continue;
    push('label', m, hit.t.load);
  }
  for (const m of matches(VERBS.re, s)) {
    if (!verbSense(s, m.index, m[0])) continue;
    push('loaded-verb', m, VERBS.find(m[0])?.load ?? 1);
  }
  for (const m of matches(WORDS.re, s)) {
    const c = CONCEPTS.find((x) => x.terms.some((y) => fold(y.term) === fold(m[0])));
    if (c && isExcludedCompound(c, s, m.index, m.index + m[0].length)) continue;
    if (verbBeforeTo(s, m.index + m[0].length, m[0])) continue;
    push('loaded-word', m, WORDS.find(m[0])?.load ?? 1);
  }
  return out;
}

export function hedgeCues(s: string): Cue[] {
  const out: Cue[] = [];
  const quotes = quoteSpans(s);
  for (const m of matches(HEDGE_SET.re, s)) {
    if (inSpans(quotes, m.index)) continue;
    out.push({ kind: 'hedge', term: m[0], start: m.index, load: 1 });
  }
  return out;
}

export function hasHedge(s: string): boolean {
  return hits(HEDGE_SET, s);
}

type FlagTerm = { term: string; kind: Cue['kind']; load: number };

export interface SentenceFlags {
  /** Every lexicon and distancing hit outside quotations, as written (what a neutral voice must avoid). */
  terms: FlagTerm[];
  /**
   * The hits that stand on their own as framing, without other articles to contrast with: not a mildly loaded
   * label (those need the contrast) and not a degree word ("massive", "utterly") in a sentence with nothing else.
   */
  flagged: FlagTerm[];
  /** Sum of the flagged loads: 0 = nothing flagged. */
  score: number;
  biased: boolean;
}

/**
 * Single-sentence mode (no other articles to contrast with): the lexicon and
 * sentence-level cues only. `threshold` is the score from which a sentence
 * counts as loaded (default 2: one strong cue or two mild ones).
 */
export function flagSentence(sentence: string, threshold = 2): SentenceFlags {
  const s = sentence.slice(0, 5_000);
  const cues = [...distancingCues(s), ...wordCues(s)];
  const terms: FlagTerm[] = [];
  const seen = new Set<string>();
  for (const c of cues.sort((a, b) => a.start - b.start)) {
    const k = `${c.start}:${c.term}`;
    if (seen.has(k)) continue;
    seen.add(k);
    terms.push({ term: c.term, kind: c.kind, load: c.load });
  }
  const flagged = standAlone(terms);
  const score = flagged.reduce((a, t) => a + t.load, 0);
  return { terms, flagged, score, biased: score >= threshold };
}

function standAlone(terms: FlagTerm[]): FlagTerm[] {
  const kept = terms.filter((t) => !(t.kind === 'label' && t.load < 2));
  const degree = (t: FlagTerm) => t.kind === 'loaded-word' && t.load < 2 && INTENSIFIERS.has(t.term.toLowerCase());
  return kept.some((t) => !degree(t)) ? kept : [];
}

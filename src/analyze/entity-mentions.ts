/**
 * Entity mentions of one sentence, found from capitalization, titles, cue words, the gazetteer and designation
 * patterns: a capitalized run is cut into names, its titles and places kept as labels, and given a type hint.
 */
import { STOPWORDS, fold, wordTokens } from './text.ts';
import { demonymCountry, lookupPlace } from './gazetteer.ts';
import { nonLatin, romanize } from '../text/names.ts';
import type { EntityMention, EntityType, NameOrthography } from './entity-types.ts';
import {
  CALENDAR,
  COMMON_CAPS,
  CONNECTORS,
  INSTITUTION_HEADS,
  INSTITUTION_PLACES,
  INSTITUTIONS,
  ORG_CUES,
  ORG_WORDS,
  PLACE_CUES,
  SHIP_PREFIXES,
  THING_CUES,
  TITLES,
  designationOf,
} from './entity-words.ts';

export interface Tok {
  w: string;
  start: number;
  end: number;
}

function splitTokens(sentence: string): Tok[] {
  const out: Tok[] = [];
  for (const t of wordTokens(sentence)) {
    let w = t.w.replace(/['’]s$/, '');
    const end = t.start + w.length;
    if (/-/.test(w) && !designationOf(w)) {
      // "U.S.-Mexico" → two tokens; "German-made" stays one
      const parts = w.split('-');
      if (parts.length > 1 && parts.every((p) => /^\p{Lu}/u.test(p) && p.length >= 2)) {
        let s = t.start;
        for (const p of parts) {
          out.push({ w: p, start: s, end: s + p.length });
          s += p.length + 1;
        }
        continue;
      }
    }
    w = w.replace(/\.$/, (m) => (/^(?:\p{L}\.)+$/u.test(w) ? m : ''));
    out.push({ w, start: t.start, end });
  }
  return out;
}

function isCap(w: string): boolean {
  if (/^\p{Lu}[\p{L}.]*-\p{Ll}/u.test(w)) return false; // "German-made", "U.S.-based"
  return /^\p{Lu}/u.test(w) && !CALENDAR.has(fold(w).replace(/\.$/, ''));
}

/** A heading-like sentence: no terminal punctuation and every word capitalized. */
function isHeadingLine(sentence: string, tokens: Tok[]): boolean {
  if (/[.!?…"”»]$/.test(sentence.trim())) return false;
  const words = tokens.filter((t) => /^\p{L}/u.test(t.w) && !CONNECTORS.has(t.w) && !STOPWORDS.has(t.w));
  return words.length > 0 && words.every((t) => /^\p{Lu}/u.test(t.w));
}

function isDemonym(w: string): boolean {
  return demonymCountry(w) !== null || (/s$/.test(w) && demonymCountry(w.slice(0, -1)) !== null);
}

function isTitleCase(tokens: Tok[]): boolean {
  const words = tokens.filter((t) => /^\p{L}/u.test(t.w));
  if (words.length < 5) return false;
  const caps = words.filter((t) => /^\p{Lu}/u.test(t.w) && !CONNECTORS.has(t.w)).length;
  return caps / words.length > 0.6;
}

/** A designation at token i ("MiG-29", Ил-76 read as Il-76) with a maker name right before it ("Mikoyan MiG-29"); else null. */
function designationAt(article: string, si: number, sentence: string, toks: Tok[], i: number): EntityMention | null {
  const t = toks[i];
  // a designation in another script is read in Latin letters (Ил-76 → Il-76)
  const d = designationOf(t.w) ?? (nonLatin(t.w) ? designationOf(romanize(t.w)) : null);
  if (!d) return null;
  // a maker name right before it ("Mikoyan MiG-29") belongs to the mention
  let s = i;
  if (
    i > 0 &&
    isCap(toks[i - 1].w) &&
    !TITLES.has(fold(toks[i - 1].w)) &&
    !demonymCountry(toks[i - 1].w) &&
    !STOPWORDS.has(fold(toks[i - 1].w))
  )
    s = i - 1;
  return {
    article,
    sentence: si,
    surface: d,
    full: sentence.slice(toks[s].start, t.end),
    start: toks[s].start,
    end: t.end,
    hint: 'thing',
    labels: [],
    designation: true,
  };
}

/** A gazetteer place in a heading (headings are title-cased: only places are trusted there); else null. */
function headingPlace(article: string, si: number, t: Tok): EntityMention | null {
  if (!lookupPlace(t.w)) return null;
  return { article, sentence: si, surface: t.w, full: t.w, start: t.start, end: t.end, hint: 'place', labels: [], designation: false };
}

/**
 * The capitalized run starting at token i, with inner connectors ("Banco de la Nación"), up to a comma or other
 * punctuation: its tokens, and the index of the token after it.
 */
function capitalizedRun(sentence: string, toks: Tok[], i: number, capName: (w: string) => boolean): { seq: Tok[]; next: number } {
  let j = i;
  const seq: Tok[] = [];
  while (j < toks.length) {
    const w = toks[j].w;
    if (capName(w) && !designationOf(w)) {
      seq.push(toks[j]);
      j++;
    } else if (CONNECTORS.has(w) && seq.length > 0) {
      let k = j;
      while (k < toks.length && CONNECTORS.has(toks[k].w)) k++;
      if (k - j > 3 || k >= toks.length || !isCap(toks[k].w)) break;
      for (; j < k; j++) seq.push(toks[j]);
    } else break;
    // a comma or other punctuation between tokens ends the sequence
    if (j < toks.length && seq.length > 0 && /[,;:()“”"«»–—]/.test(sentence.slice(seq[seq.length - 1].end, toks[j].start))) break;
  }
  return { seq, next: j };
}

/** Mentions of one sentence. `lowerSeen` = words the story also writes in lower case (common words). */
export function sentenceMentions(
  article: string,
  sentenceIndex: number,
  sentence: string,
  lowerSeen: Pick<ReadonlySet<string>, 'has'>,
  own: NameOrthography | null = null,
): EntityMention[] {
  const capName = (w: string) => isCap(w) && !own?.notNames.has(fold(w));
  const toks = splitTokens(sentence);
  const out: EntityMention[] = [];
  const heading = !/[.!?…"”»]$/.test(sentence.trim()) && (isTitleCase(toks) || isHeadingLine(sentence, toks));
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    const designation = designationAt(article, sentenceIndex, sentence, toks, i);
    const place = !designation && capName(t.w) && heading ? headingPlace(article, sentenceIndex, t) : null;
    if (designation || place) out.push((designation ?? place)!);
    // a designation, a lower-case word or a heading's word is read alone
    if (designation || !capName(t.w) || heading) {
      i++;
      continue;
    }
    const { seq, next } = capitalizedRun(sentence, toks, i, capName);
    for (const part of splitAtOf(seq)) {
      const m = buildMention(article, sentenceIndex, sentence, toks, i, part, lowerSeen, own?.nounCaps ?? false);
      if (m) out.push(m);
    }
    i = Math.max(next, i + 1);
  }
  return out;
}

/** "Francisco Monaldi of Rice University" → two names; "University of Chicago", "Minister of Transport" stay one. */
function splitAtOf(seq: Tok[]): Tok[][] {
  const k = seq.findIndex((t) => t.w === 'of');
  if (k <= 0) return [seq];
  const head = seq.slice(0, k).map((t) => fold(t.w));
  if (head.some((f) => ORG_WORDS.has(f) || TITLES.has(f) || f === 'the') || head.length === 1) return [seq];
  return [seq.slice(0, k), ...splitAtOf(seq.slice(k + 1))];
}

function nonLatinOrNounCaps(w: string, nounCaps: boolean): boolean {
  return nounCaps || nonLatin(w);
}

/** A short lower-case function word ("in", "mit", "aus") right before a capitalized run of three words or more. */
function nounCapsPrepositionBefore(prev: string, core: Tok[]): boolean {
  return prev.length <= 4 && core.length > 2 && !CONNECTORS.has(prev);
}

/**
 * Where a person's name starts after a prefix and a title ("Senate Majority Leader | Chuck Schumer"): the index of
 * its first word, or -1. A title in first place is read by buildMention; the name is one to four capitalized words
 * that are no title, institution or common word.
 */
function nameAfterTitle(folded: string[], seq: Tok[], lowerSeen: Pick<ReadonlySet<string>, 'has'>): number {
  for (let k = folded.length - 2; k >= 1; k--) {
    if (!TITLES.has(folded[k])) continue;
    const rest = folded.slice(k + 1);
    const plain = (f: string) => !TITLES.has(f) && !ORG_WORDS.has(f) && !INSTITUTION_HEADS.has(f) && !STOPWORDS.has(f) && !lowerSeen.has(f);
    if (rest.length > 4 || !rest.every(plain) || !seq.slice(k + 1).every((t) => /^\p{Lu}/u.test(t.w))) return -1;
    return k + 1;
  }
  return -1;
}

/** A name's place in its sentence: the span of its full form (titles included) and the labels read before it. */
interface NameSpan {
  article: string;
  si: number;
  sentence: string;
  start: number;
  end: number;
  labels: string[];
}

/** The words right around a name: up to three lower-case ones before it, and the one after it (with only spaces between). */
interface NameContext {
  before: string[];
  after: string;
  /** the word right before it, or '' */
  prev1: string;
}

function mentionOf(span: NameSpan, c: Tok[], hint: EntityType | null): EntityMention {
  return {
    article: span.article,
    sentence: span.si,
    surface: span.sentence.slice(c[0].start, c[c.length - 1].end),
    full: span.sentence.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    hint,
    labels: span.labels,
    designation: false,
  };
}

/** A capitalized run without a sentence-initial common word ("Despite") before it and connectors or function words after it. */
function trimRun(seqIn: Tok[], toks: Tok[], startIdx: number, lowerSeen: Pick<ReadonlySet<string>, 'has'>): Tok[] {
  let seq = seqIn.slice();
  while (seq.length > 0) {
    const f = fold(seq[0].w);
    const initial = seq[0] === toks[0] || (startIdx === 0 && seq[0] === seqIn[0]);
    if (STOPWORDS.has(f) || COMMON_CAPS.has(f) || (initial && lowerSeen.has(f) && !lookupPlace(seq[0].w))) seq = seq.slice(1);
    else break;
  }
  while (seq.length > 0 && (CONNECTORS.has(seq[seq.length - 1].w) || STOPWORDS.has(fold(seq[seq.length - 1].w)))) seq = seq.slice(0, -1);
  return seq;
}

/** Lower-case words directly before the name, with nothing but spaces between ("the aircraft carrier"), and the word after. */
function nameContext(sentence: string, toks: Tok[], start: number, end: number): NameContext {
  const before: string[] = [];
  let pos = start;
  for (let k = toks.findIndex((t) => t.start === start) - 1; k >= 0 && before.length < 3; k--) {
    if (!/^\s*$/.test(sentence.slice(toks[k].end, pos)) || !/^\p{Ll}/u.test(toks[k].w)) break;
    before.unshift(fold(toks[k].w));
    pos = toks[k].start;
  }
  const nextTok = toks.find((t) => t.start >= end);
  const after = nextTok && /^\s*$/.test(sentence.slice(end, nextTok.start)) ? fold(nextTok.w) : '';
  return { before, after, prev1: before.length > 0 ? before[before.length - 1] : '' };
}

/**
 * A run read as a whole: a gazetteer place, an institution, an institution or place then a title then a person's name
 * ("Senate Majority Leader Chuck Schumer"), an organization, a ship; else null.
 */
function wholeName(span: NameSpan, seq: Tok[], folded: string[], lowerSeen: Pick<ReadonlySet<string>, 'has'>): EntityMention | null {
  if (lookupPlace(span.sentence.slice(span.start, span.end))) return mentionOf(span, seq, 'place');
  const key = folded.join(' ');
  if (INSTITUTION_PLACES.has(key)) return mentionOf(span, seq, 'place');
  if (INSTITUTIONS.has(key)) return mentionOf(span, seq, 'organization');
  const named = nameAfterTitle(folded, seq, lowerSeen);
  if (named > 0) {
    span.labels.push(...seq.slice(0, named).map((t) => t.w));
    return mentionOf(span, seq.slice(named), 'person');
  }
  // organizations: an org word inside the name, or an institution's word last ("White House", "House Freedom Caucus")
  if (folded.some((f) => ORG_WORDS.has(f)) || INSTITUTION_HEADS.has(folded[folded.length - 1])) {
    let core = seq;
    while (core.length > 1 && (isDemonym(core[0].w) || STOPWORDS.has(fold(core[0].w)))) core = core.slice(1);
    return mentionOf(span, core, 'organization');
  }
  if (SHIP_PREFIXES.has(folded[0]) && seq.length > 1) return mentionOf(span, seq, 'thing');
  return null;
}

/** Places, demonyms and titles before a name, moved to its labels: the name left, and whether a title was among them. */
function stripPrefixes(seq: Tok[], labels: string[], nounCaps: boolean, prev1: string): { core: Tok[]; titled: boolean } {
  let core = seq;
  let titled = false;
  while (core.length > 0) {
    const f = fold(core[0].w).replace(/\.$/, '');
    if (TITLES.has(f)) {
      titled = true;
      labels.push(core[0].w);
      core = core.slice(1);
    } else if (
      isDemonym(core[0].w) ||
      (core.length > 1 && (lookupPlace(core[0].w) || demonymCountry(core[0].w + ' ' + core[1].w) !== null))
    ) {
      labels.push(core[0].w);
      core = core.slice(1);
    } else if (CONNECTORS.has(core[0].w)) core = core.slice(1);
    else if (core.length > 2 && nonLatinOrNounCaps(core[0].w, nounCaps) && core.slice(1, -1).some((t) => TITLES.has(fold(t.w)))) {
      // a place's name before a title in another language ("Venezuelas Außenminister Yván Gil")
      labels.push(core[0].w);
      core = core.slice(1);
    } else if (nounCaps && core === seq && prev1 !== '' && nounCapsPrepositionBefore(prev1, core)) {
      // where every noun has a capital, the noun after a preposition is its object ("in Moskau Wladimir Putin")
      core = core.slice(1);
    } else break;
  }
  return { core, titled };
}

/** The mention of a name (its prefixes stripped), typed by the cue words around it; null when no name is left. */
function typedMention(
  span: NameSpan,
  core: Tok[],
  titled: boolean,
  around: NameContext,
  lowerSeen: Pick<ReadonlySet<string>, 'has'>,
  nounCaps: boolean,
): EntityMention | null {
  const { before, after, prev1 } = around;
  const coreWords = core.map((t) => fold(t.w));
  if (coreWords.every((w) => TITLES.has(w) || STOPWORDS.has(w))) return null;
  const cplace = lookupPlace(span.sentence.slice(core[0].start, core[core.length - 1].end));
  if (cplace) return mentionOf(span, core, 'place');
  const common = core.every((t) => lowerSeen.has(fold(t.w)) || CONNECTORS.has(t.w));
  let hint: EntityType | null = null;
  if (THING_CUES.has(prev1)) hint = 'thing';
  else if (ORG_CUES.has(prev1) || ORG_CUES.has(after)) hint = 'organization';
  else if (PLACE_CUES.has(after) || (prev1 === 'of' && before.length >= 2 && PLACE_CUES.has(before[before.length - 2]))) hint = 'place';
  else if (titled) hint = 'person';
  else if (
    !common &&
    !nounCaps &&
    core.length >= 2 &&
    core.length <= 4 &&
    core.every((t) => /^\p{Lu}\p{Ll}+$/u.test(t.w) || CONNECTORS.has(t.w))
  ) {
    const m = mentionOf(span, core, 'person');
    m.weak = true;
    return m;
  }
  if (core.length === 1 && isDemonym(core[0].w)) return null;
  if (core.length === 2 && demonymCountry(core[0].w + ' ' + core[1].w) !== null) return null;
  return mentionOf(span, core, hint);
}

/**
 * The mention a capitalized run makes (`seqIn`, starting at token `startIdx`): trimmed of common words, read whole
 * when it is a place, institution or organization, else a name after its titles and places, typed by its cue words.
 */
function buildMention(
  article: string,
  si: number,
  sentence: string,
  toks: Tok[],
  startIdx: number,
  seqIn: Tok[],
  lowerSeen: Pick<ReadonlySet<string>, 'has'>,
  nounCaps: boolean,
): EntityMention | null {
  const seq = trimRun(seqIn, toks, startIdx, lowerSeen);
  if (seq.length === 0) return null;
  const folded = seq.map((t) => fold(t.w).replace(/\.$/, ''));
  const span: NameSpan = { article, si, sentence, start: seq[0].start, end: seq[seq.length - 1].end, labels: [] };
  const around = nameContext(sentence, toks, span.start, span.end);
  for (let k = around.before.length - 1; k >= 0 && !STOPWORDS.has(around.before[k]); k--) span.labels.unshift(around.before[k]);
  const whole = wholeName(span, seq, folded, lowerSeen);
  if (whole) return whole;
  const { core, titled } = stripPrefixes(seq, span.labels, nounCaps, around.prev1);
  if (core.length === 0) return null;
  return typedMention(span, core, titled, around, lowerSeen, nounCaps);
}

/** Words a set of texts writes in lower case (used to tell "Despite" from a name). */
export function lowerCaseWords(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*/gu)) out.add(fold(m[0]));
  return out;
}

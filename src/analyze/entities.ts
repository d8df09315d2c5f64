/**
 * Named entities of a story: people, organizations, places and named things
 * (aircraft, weapons, ships, laws), found from capitalization, titles, cue
 * words, a world gazetteer and designation patterns (MiG-29SMT, F-16), then
 * merged across articles over spellings, accents, transliterations, titles
 * and partial mentions ("President Mónica Ibáñez" = "Monica Ibanez" = "Ibáñez").
 */
import { STOPWORDS, editDistance, fold, sameNameToken, translitKey, wordTokens } from './text.ts';
import { demonymCountry, lookupPlace } from './gazetteer.ts';
import titleData from './data/titles.json' with { type: 'json' };
import institutionData from './data/institutions.json' with { type: 'json' };
import {
  consonantKeys,
  hanNameRuns,
  hanWritesName,
  nonLatin,
  romanize,
  soundKeys,
  uncasedScript,
  withoutPrefix,
  writesName,
} from '../text/names.ts';

export type EntityType = 'person' | 'organization' | 'place' | 'thing' | 'other';

export interface EntityMention {
  article: string;
  /** sentence index within the article */
  sentence: number;
  /** the name as written, without titles ("Mónica Ibáñez") */
  surface: string;
  /** the full surface with titles and prefixes ("Chilean President Mónica Ibáñez") */
  full: string;
  /** offsets of `full` in the sentence */
  start: number;
  end: number;
  hint: EntityType | null;
  /** lower-case role words or titles seen right before the name ("dictator", "President") */
  labels: string[];
  designation: boolean;
  /** the type hint is only a default (a capitalized two-word name), not from a cue */
  weak?: boolean;
  /** in a script without capitals (Arabic, Chinese): the Latin name words of the story it was read as */
  as?: string[];
}

export interface StoryEntity {
  id: number;
  name: string;
  type: EntityType;
  /** other surface forms of the name, without titles */
  aliases: string[];
  articles: string[];
  /** titles and role words seen before the name, per article */
  labels: Array<{ article: string; label: string }>;
  mentions: EntityMention[];
}

export interface EntityInputDoc {
  id: string;
  sentences: string[];
}

const CONNECTORS = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'da',
  'do',
  'dos',
  'das',
  'van',
  'von',
  'der',
  'den',
  'al',
  'el',
  'bin',
  'ibn',
  'of',
  'di',
  'du',
  'le',
]);
const TITLES = new Set(
  (
    'president presidents vice prime minister ministers secretary senator sen rep representative congressman congresswoman ' +
    'governor gov mayor general gen admiral adm colonel col lieutenant lt major maj captain capt sergeant sgt commander cmdr ' +
    'chief ambassador envoy chancellor king queen prince princess pope sheikh emir ayatollah president-elect premier ' +
    'mr mrs ms dr prof professor judge justice chairman chairwoman chair director spokesman spokeswoman spokesperson ' +
    'deputy acting former late foreign defense defence interior finance transport transportation health education energy ' +
    'trade economy justice labor labour agriculture state home security intelligence attorney first lady sir dame lord ' +
    'leader opposition ceo founder head officer official expert analyst lawmaker economist professor executive speaker whip'
  ).split(' '),
);
// titles of the other languages (data/titles.json), folded as names' words are
for (const [lang, list] of Object.entries(titleData))
  if (Array.isArray(list)) for (const t of list) if (lang !== 'about') TITLES.add(fold(t));
const ORG_WORDS = new Set(
  (
    'corporation corp inc ltd llc plc company co government university college institute ministry department agency post herald times ' +
    'journal tribune news press gazette telegraph review council committee commission party bank group fund foundation ' +
    'association union federation organization organisation court congress parliament senate assembly army navy force forces ' +
    'guard cartel command office service services club church airlines airways motors technologies systems network bureau ' +
    'authority police reserve exchange board alliance coalition front movement league society center centre school hospital ' +
    'broadcasting broadcaster television radio media channel daily weekly monitor observer guardian express mirror'
  ).split(' '),
);
/** Institutions and the places that stand for them (data/institutions.json): never a person's name. */
const INSTITUTION_HEADS = new Set(institutionData.heads.map(fold));
const INSTITUTIONS = new Set(institutionData.organizations.map(fold));
const INSTITUTION_PLACES = new Set(institutionData.places.map(fold));
const SHIP_PREFIXES = new Set(['uss', 'hms', 'rfs', 'ins', 'hmcs', 'hmas', 'fs', 'jds', 'ss', 'mv']);
const THING_CUES = new Set(
  'carrier ship vessel submarine destroyer frigate cruiser warship tanker aircraft jet jets fighter fighters plane planes missile missiles system systems tank tanks drone drones helicopter bomber rifle law act bill treaty operation program programme satellite rocket vaccine'.split(
    ' ',
  ),
);
const ORG_CUES = new Set(
  'airline operator club team university company corporation firm newspaper agency group party network broadcaster bank conglomerate outlet daily channel startup manufacturer maker corp'.split(
    ' ',
  ),
);
const PLACE_CUES = new Set(
  'city town village state province region capital island port county district oblast municipality territory country'.split(' '),
);
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);
/** Capitalized words that start sentences or headings and are not names. */
const COMMON_CAPS = new Set(
  'according additionally despite however meanwhile moreover observers today yesterday tomorrow only still thus therefore nevertheless nonetheless instead also earlier later recently first second third last next new some many most several few both each every read write comments subscribe share'.split(
    ' ',
  ),
);

const DESIGNATION = /^(?:[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Za-z0-9]*|[A-Z][a-z]{1,8}-[A-Z]{1,3}|[A-Z]{1,4}-\d{1,4}[A-Za-z0-9]*)$/;

/** A weapons/aircraft-style designation ("MiG-29SMT", "An-124", "F-16", "Stinger-M"); null if the token is not one. */
export function designationOf(token: string): string | null {
  // a designation has a hyphen or a digit
  if (!/[-\d]/.test(token)) return null;
  let t = token.replace(/['’]s$/, '');
  if (/^\d+$/.test(t) || /^(?:19|20)\d\d$/.test(t)) return null;
  if (!/-/.test(t) && !/^[A-Z]{1,4}\d/.test(t)) return null; // require a hyphen or a letters+digits code
  if (/[0-9A-Z]s$/.test(t) && t.length > 3) t = t.slice(0, -1); // plural "MiG-29s"
  if (!DESIGNATION.test(t)) return null;
  if (/^[A-Z][a-z]+-[A-Z][a-z]/.test(t)) return null; // "Polish-German"
  return t;
}

/** The comparison key of a designation: upper case, no hyphens or spaces. */
export function designationKey(d: string): string {
  return d.toUpperCase().replace(/[-\s]/g, '');
}

interface Tok {
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

/**
 * What an article's language says about its capitals: its function words, months and weekdays (folded), never
 * names when capitalized ("Die", "Oktober"), and whether it capitalizes every noun (German), when two capitalized
 * words are no sign of a person's name.
 */
export interface NameOrthography {
  notNames: ReadonlySet<string>;
  nounCaps: boolean;
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
    // a designation in another script is read in Latin letters (Ил-76 → Il-76)
    const d = designationOf(t.w) ?? (nonLatin(t.w) ? designationOf(romanize(t.w)) : null);
    if (d) {
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
      out.push({
        article,
        sentence: sentenceIndex,
        surface: d,
        full: sentence.slice(toks[s].start, t.end),
        start: toks[s].start,
        end: t.end,
        hint: 'thing',
        labels: [],
        designation: true,
      });
      i++;
      continue;
    }
    if (!capName(t.w)) {
      i++;
      continue;
    }
    if (heading) {
      // headings are title-cased: only gazetteer places are trusted there
      const p = lookupPlace(t.w);
      if (p)
        out.push({
          article,
          sentence: sentenceIndex,
          surface: t.w,
          full: t.w,
          start: t.start,
          end: t.end,
          hint: 'place',
          labels: [],
          designation: false,
        });
      i++;
      continue;
    }
    // collect a capitalized sequence with inner connectors
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
    for (const part of splitAtOf(seq)) {
      const m = buildMention(article, sentenceIndex, sentence, toks, i, part, lowerSeen, own?.nounCaps ?? false);
      if (m) out.push(m);
    }
    i = Math.max(j, i + 1);
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
  let seq = seqIn.slice();
  const labels: string[] = [];
  // sentence-initial common word
  while (seq.length > 0) {
    const f = fold(seq[0].w);
    const initial = seq[0] === toks[0] || (startIdx === 0 && seq[0] === seqIn[0]);
    if (STOPWORDS.has(f) || COMMON_CAPS.has(f) || (initial && lowerSeen.has(f) && !lookupPlace(seq[0].w))) seq = seq.slice(1);
    else break;
  }
  while (seq.length > 0 && (CONNECTORS.has(seq[seq.length - 1].w) || STOPWORDS.has(fold(seq[seq.length - 1].w)))) seq = seq.slice(0, -1);
  if (seq.length === 0) return null;
  const words = seq.map((t) => t.w);
  const folded = words.map((w) => fold(w).replace(/\.$/, ''));
  const fullStart = seq[0].start;
  const fullEnd = seq[seq.length - 1].end;
  // lower-case words directly before the name, with nothing but spaces between ("the aircraft carrier")
  const before: string[] = [];
  {
    let pos = fullStart;
    for (let k = toks.findIndex((t) => t.start === fullStart) - 1; k >= 0 && before.length < 3; k--) {
      if (!/^\s*$/.test(sentence.slice(toks[k].end, pos)) || !/^\p{Ll}/u.test(toks[k].w)) break;
      before.unshift(fold(toks[k].w));
      pos = toks[k].start;
    }
  }
  const nextTok = toks.find((t) => t.start >= fullEnd);
  const after = nextTok && /^\s*$/.test(sentence.slice(fullEnd, nextTok.start)) ? fold(nextTok.w) : '';
  for (let k = before.length - 1; k >= 0 && !STOPWORDS.has(before[k]); k--) labels.unshift(before[k]);
  const prev1 = before.length > 0 ? before[before.length - 1] : '';

  let hint: EntityType | null = null;
  let core = seq;
  // whole sequence is a known place
  const whole = sentence.slice(fullStart, fullEnd);
  const place = lookupPlace(whole);
  if (place) return mk(core, 'place');
  const key = folded.join(' ');
  if (INSTITUTION_PLACES.has(key)) return mk(core, 'place');
  if (INSTITUTIONS.has(key)) return mk(core, 'organization');
  // an institution or a place, a title, then a name ("Senate Majority Leader Chuck Schumer", "South Dakota Gov. Kristi Noem")
  const named = nameAfterTitle(folded, seq, lowerSeen);
  if (named > 0) {
    labels.push(...words.slice(0, named));
    return mk(seq.slice(named), 'person');
  }
  // organizations: an org word inside the name, or an institution's word last ("White House", "House Freedom Caucus")
  if (folded.some((f) => ORG_WORDS.has(f)) || INSTITUTION_HEADS.has(folded[folded.length - 1])) {
    while (core.length > 1 && (isDemonym(core[0].w) || STOPWORDS.has(fold(core[0].w)))) core = core.slice(1);
    return mk(core, 'organization');
  }
  // ship prefixes
  if (SHIP_PREFIXES.has(folded[0]) && seq.length > 1) return mk(seq, 'thing');
  // strip leading places, demonyms and titles (keeping them as labels)
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
  if (core.length === 0) return null;
  const coreWords = core.map((t) => fold(t.w));
  if (coreWords.every((w) => TITLES.has(w) || STOPWORDS.has(w))) return null;
  const cplace = lookupPlace(sentence.slice(core[0].start, core[core.length - 1].end));
  if (cplace) return mk(core, 'place');
  const common = core.every((t) => lowerSeen.has(fold(t.w)) || CONNECTORS.has(t.w));
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
    const m = mk(core, 'person');
    m.weak = true;
    return m;
  }
  if (core.length === 1 && isDemonym(core[0].w)) return null;
  if (core.length === 2 && demonymCountry(core[0].w + ' ' + core[1].w) !== null) return null;
  return mk(core, hint);

  function mk(c: Tok[], h: EntityType | null): EntityMention {
    return {
      article,
      sentence: si,
      surface: sentence.slice(c[0].start, c[c.length - 1].end),
      full: sentence.slice(fullStart, fullEnd),
      start: fullStart,
      end: fullEnd,
      hint: h,
      labels,
      designation: false,
    };
  }
}

function nameTokens(surface: string): string[] {
  return surface
    .split(/\s+/)
    .map((w) => w.replace(/[.,]$/, ''))
    .filter((w) => w && !CONNECTORS.has(w) && !SHIP_PREFIXES.has(fold(w)));
}

function diacritics(s: string): number {
  return s.normalize('NFD').length - s.length;
}

function initials(surface: string): string {
  return nameTokens(surface)
    .filter((w) => fold(w) !== 'the')
    .map((w) => w[0].toUpperCase())
    .join('');
}

interface Cluster {
  id: number;
  type: EntityType | null;
  mentions: EntityMention[];
  /** longest name tokens seen */
  tokens: string[];
  /** the name's tokens in the other script, Latin or not, when a mention in it joined (Donald Trump beside Дональд Трамп) */
  alts?: string[][];
  key: string | null;
}

/** The forms of a cluster's name: its tokens and those in the other script. */
function formsOf(c: Cluster): string[][] {
  return c.alts ? [c.tokens, ...c.alts] : [c.tokens];
}

function typeCompatible(c: Cluster, m: EntityMention): boolean {
  const a = c.type;
  const b = m.weak ? null : m.hint;
  if (c.mentions.every((x) => x.weak) && a === 'person') return true;
  return a === null || b === null || a === 'other' || b === 'other' || a === b;
}

/** Tokens of `short` all match (as names) distinct tokens of `long`, in order. */
function tokenSubset(short: string[], long: string[], same: (a: string, b: string) => boolean): boolean {
  let j = 0;
  for (const s of short) {
    while (j < long.length && !same(s, long[j])) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}

/** Two words' sound keys (text/names.ts) agree: one equal, or from five units on one apart with the same first. */
function sameSound(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => x === y || (Math.min(x.length, y.length) >= 5 && x[0] === y[0] && editDistance(x, y, 1) <= 1)));
}

/** A Latin name word the story writes, and the type its mentions most often had. */
export interface KnownName {
  word: string;
  hint: EntityType | null;
}

/**
 * The Latin name words of a story's mentions (four letters or more), to find them in scripts without capitals: a
 * word of a typed name (person, place, …) or one that two reports write ("Maiquetía"), not any capitalized noun.
 */
export function knownNameWords(mentions: EntityMention[]): KnownName[] {
  const votes = new Map<string, { hints: Map<EntityType | null, number>; articles: Set<string> }>();
  for (const m of mentions) {
    if (m.designation || m.as) continue;
    for (const w of nameTokens(m.surface)) {
      if (w.length < 4 || nonLatin(w) || !/^\p{Lu}\p{Ll}/u.test(w)) continue;
      const v = votes.get(w) ?? votes.set(w, { hints: new Map(), articles: new Set() }).get(w)!;
      v.hints.set(m.hint, (v.hints.get(m.hint) ?? 0) + (m.weak || !m.hint ? 0.1 : 1));
      v.articles.add(m.article);
    }
  }
  const out: KnownName[] = [];
  for (const [word, v] of votes) {
    // the type most often seen, beside untyped mentions of the word alone ("Donald Trump" once, then "Trump")
    const typed = [...v.hints].filter(([h]) => h !== null).sort((a, b) => b[1] - a[1]);
    const hint = typed.length > 0 ? typed[0][0] : null;
    if (hint || v.articles.size >= 2) out.push({ word, hint });
  }
  return out;
}

/**
 * Mentions of known names in one sentence of a script written without capitals: Arabic-script, Hebrew and
 * Devanagari (or other Indian) words and runs of the Chinese characters used for foreign names that write a Latin
 * name word of the story (مادورو, מדורו, मादुरो, 马杜罗 = Maduro); names written next to each other are one mention
 * (نيكولاس مادورو). `memo` keeps each word's reading.
 */
export function uncasedMentions(
  article: string,
  si: number,
  sentence: string,
  known: KnownName[],
  memo: Map<string, KnownName | null>,
): EntityMention[] {
  const found: UncasedName[] = [];
  const read = (w: string, writes: (w: string, latin: string) => boolean): KnownName | null => {
    let k = memo.get(w);
    if (k === undefined) memo.set(w, (k = known.find((n) => writes(w, n.word)) ?? null));
    return k;
  };
  // words of the scripts read letter by letter (Arabic, Hebrew, Devanagari, …); Chinese is read by runs below
  if (uncasedScript(sentence.replace(/\p{Script=Han}+/gu, '')))
    for (const t of wordTokens(sentence)) {
      const script = uncasedScript(t.w);
      const name = script && script !== 'han' ? read(t.w, writesName) : null;
      // a word with "and", "in", … written onto it starts another name (ترامب وبوتين, טראמפ ופוטין: two people)
      if (name) found.push({ start: t.start, end: t.end, name, prefixed: withoutPrefix(t.w).some((f) => writesName(f, name.word)) });
    }
  if (/\p{Script=Han}/u.test(sentence))
    for (const run of hanNameRuns(sentence)) {
      const chars = [...run.text];
      for (let i = 0; i < chars.length;) {
        let hit: { end: number; name: KnownName } | null = null;
        for (let j = Math.min(chars.length, i + 8); j >= i + 2 && !hit; j--) {
          const part = chars.slice(i, j).join('');
          if (/[·•]/.test(part)) continue;
          const name = read(part, hanWritesName);
          if (name) hit = { end: j, name };
        }
        if (!hit) {
          i++;
          continue;
        }
        const start = run.start + chars.slice(0, i).join('').length;
        found.push({ start, end: run.start + chars.slice(0, hit.end).join('').length, name: hit.name });
        i = hit.end;
      }
    }
  return groupUncased(article, si, sentence, found);
}

/** A known name found in a sentence: where, and whether a prefix is written onto its word. */
interface UncasedName {
  start: number;
  end: number;
  name: KnownName;
  prefixed?: boolean;
}

/** Known names found side by side (a space or a '·' between) made one mention each. */
function groupUncased(article: string, si: number, sentence: string, found: UncasedName[]): EntityMention[] {
  const out: EntityMention[] = [];
  let cur: EntityMention | null = null;
  for (const f of found) {
    if (cur && !f.prefixed && /^[\s·•]*$/u.test(sentence.slice(cur.end, f.start))) {
      cur.end = f.end;
      cur.surface = cur.full = sentence.slice(cur.start, f.end);
      cur.as!.push(f.name.word);
      cur.hint = f.name.hint ?? cur.hint;
      continue;
    }
    const surface = sentence.slice(f.start, f.end);
    cur = {
      article,
      sentence: si,
      surface,
      full: surface,
      start: f.start,
      end: f.end,
      hint: f.name.hint,
      labels: [],
      designation: false,
      as: [f.name.word],
    };
    out.push(cur);
  }
  return out;
}

/** Words a set of texts writes in lower case (used to tell "Despite" from a name). */
export function lowerCaseWords(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*/gu)) out.add(fold(m[0]));
  return out;
}

/** Extract and merge the entities of a story's articles. */
export function extractEntities(docs: EntityInputDoc[]): StoryEntity[] {
  const lowerSeen = lowerCaseWords(docs.flatMap((d) => d.sentences));
  const mentions: EntityMention[] = [];
  for (const d of docs) d.sentences.forEach((s, i) => mentions.push(...sentenceMentions(d.id, i, s, lowerSeen)));
  const known = knownNameWords(mentions);
  const memo = new Map<string, KnownName | null>();
  if (known.length) for (const d of docs) d.sentences.forEach((s, i) => mentions.push(...uncasedMentions(d.id, i, s, known, memo)));
  return mergeMentions(mentions);
}

/**
 * The name clusters built so far, indexed for the merge: by the spelling keys of their tokens and by those keys with
 * one letter deleted (two keys within one edit share such a variant, which is all sameNameToken accepts beyond an
 * equal key), and by initials. Lookups return clusters in creation order, as a scan of the list would.
 */
class NameIndex {
  private byVariant = new Map<string, Cluster[]>();
  private initialsOf = new Map<string, Cluster[]>();
  /** sound keys of Latin tokens [0] and of other scripts' tokens [1], when the story has names in other scripts */
  private bySound: Array<Map<string, Cluster[]>> | null;
  /** consonant keys of Latin tokens [0] and of other scripts' [1], for the words of one script that write the other's */
  private byConsonants: Array<Map<string, Cluster[]>> | null;
  constructor(
    private key: (t: string) => string,
    private sound: ((t: string) => string[]) | null = null,
    /** Latin names are also looked up by the sounds of Latin names (a story in several languages) */
    private latinBySound = false,
    /** the keys a word shares with the Latin name word it writes (text/names.ts consonantKeys: Μπάιντεν, Biden) */
    private consonants: ((t: string) => string[]) | null = null,
  ) {
    this.bySound = sound ? [new Map(), new Map()] : null;
    this.byConsonants = consonants ? [new Map(), new Map()] : null;
  }

  /** Index a cluster by the sounds of its tokens only (a gazetteer place, for names in other scripts). */
  addSound(c: Cluster, tokens = c.tokens): void {
    if (!this.bySound || !this.sound) return;
    const seen = new Set<string>();
    for (const t of tokens) {
      const byConsonants = this.byConsonants?.[nonLatin(t) ? 1 : 0];
      for (const k of byConsonants ? this.consonants!(t) : [])
        if (!byConsonants!.get(k)?.includes(c)) byConsonants!.set(k, [...(byConsonants!.get(k) ?? []), c]);
      const side = this.bySound[nonLatin(t) ? 1 : 0];
      for (const k of this.sound(t))
        for (const v of NameIndex.variants(k)) {
          if (seen.has(v)) continue;
          seen.add(v);
          const l = side.get(v);
          if (l) l.push(c);
          else side.set(v, [c]);
        }
    }
  }

  /** The key and, from five letters, the key with one letter deleted. */
  private static variants(k: string): string[] {
    const out = [k];
    if (k.length >= 5) for (let i = 0; i < k.length; i++) out.push(k.slice(0, i) + k.slice(i + 1));
    return out;
  }

  /** Index a cluster by its tokens, or by another form of its name (`tokens`: the name in another script). */
  add(c: Cluster, tokens = c.tokens): void {
    const seen = new Set<string>();
    for (const t of tokens)
      for (const v of NameIndex.variants(this.key(t))) {
        if (seen.has(v)) continue;
        seen.add(v);
        const l = this.byVariant.get(v);
        if (l) l.push(c);
        else this.byVariant.set(v, [c]);
      }
    this.addSound(c, tokens);
    if (tokens === c.tokens && c.tokens.length >= 2) {
      const k = initials(c.tokens.join(' '));
      const l = this.initialsOf.get(k);
      if (l) l.push(c);
      else this.initialsOf.set(k, [c]);
    }
  }

  /** Clusters having a token that may be the same name as `token` (a superset of those sameNameToken accepts). */
  near(token: string): Cluster[] {
    const found = new Set<Cluster>();
    for (const v of NameIndex.variants(this.key(token))) for (const c of this.byVariant.get(v) ?? []) found.add(c);
    // the same name in another script: a Latin token against the others' sounds, another script's against all
    // (the sounds of Cyrillic words are also those of their stems: Путиным = Путин)
    const sides = !this.bySound ? [] : nonLatin(token) || this.latinBySound ? this.bySound : [this.bySound[1]];
    for (const side of sides)
      for (const k of this.sound!(token)) for (const v of NameIndex.variants(k)) for (const c of side.get(v) ?? []) found.add(c);
    // and the Latin words a word of another script may write, the words of other scripts that may write a Latin one
    const other = this.byConsonants?.[nonLatin(token) ? 0 : 1];
    for (const k of other ? this.consonants!(token) : []) for (const c of other!.get(k) ?? []) found.add(c);
    return [...found].sort((a, b) => a.id - b.id);
  }

  byInitials(k: string): Cluster[] {
    return this.initialsOf.get(k) ?? [];
  }
}

/** Designation prefixes ("MiG-29") join their unique more specific form ("MiG-29SMT"). */
function joinDesignations(clusters: Cluster[]): void {
  const desig = clusters.filter((c) => c.key?.startsWith('d:'));
  for (const c of desig) {
    const k = c.key!.slice(2);
    const longer = desig.filter(
      (o) => o !== c && o.mentions.length > 0 && o.key!.slice(2).startsWith(k) && /^[A-Z]/.test(o.key!.slice(2 + k.length)),
    );
    if (longer.length === 1) {
      longer[0].mentions.push(...c.mentions);
      c.mentions = [];
    }
  }
}

/** Names join the cluster of the same name or of a longer name they are part of, longest first. */
function joinNames(rest: EntityMention[], ctx: NameMatch): void {
  const { named, sameFor } = ctx;
  const restToks = new Map(rest.map((m) => [m, m.as ?? nameTokens(m.surface)]));
  rest.sort((a, b) => restToks.get(b)!.length - restToks.get(a)!.length);
  for (const m of rest) {
    const toks = restToks.get(m)!;
    if (toks.length === 0) continue;
    const acronym = toks.length === 1 && /^[A-Z]{2,5}$/.test(toks[0].replace(/\./g, ''));
    let target: Cluster | null = null;
    // only clusters with a token spelled like the mention's first one can match it (as the same name or a part of it)
    const near = named.near(toks[0]);
    const exact = near.filter(
      (c) => formsOf(c).some((f) => f.length === toks.length && toks.every((t, i) => sameFor(m, c)(t, f[i]))) && typeCompatible(c, m),
    );
    if (exact.length > 0) target = exact[0];
    else {
      const subs = near.filter(
        (c) => typeCompatible(c, m) && formsOf(c).some((f) => f.length > toks.length && tokenSubset(toks, f, sameFor(m, c))),
      );
      const acr = acronym ? named.byInitials(toks[0].replace(/\./g, '')) : [];
      const cands = [...new Set([...subs, ...acr])];
      // several candidates: keep the ones whose last name matches (a surname mention); else ambiguous
      if (cands.length === 1) target = cands[0];
      else if (cands.length > 1) {
        const lastOf = (c: Cluster) => c.tokens[c.tokens.length - 1];
        const last = cands.filter((c) => sameFor(m, c)(lastOf(c), toks[toks.length - 1]));
        // in a story in several scripts or languages, the one whose last name sounds exactly alike (Путин: Putin, not Poutine)
        const alike = ctx.soundsAlike ? last.filter((c) => ctx.soundsAlike!(lastOf(c), toks[toks.length - 1])) : [];
        if (last.length === 1) target = last[0];
        else if (alike.length === 1) target = alike[0];
      }
    }
    if (target) {
      target.mentions.push(m);
      // a name first seen in one script is then also found by its words in the other (Дональд Трамп, Donald Trump)
      const script = nonLatin(toks[0]);
      if (script !== nonLatin(target.tokens[0]) && !target.alts?.some((f) => nonLatin(f[0]) === script)) {
        (target.alts ??= []).push(toks);
        named.add(target, toks);
      }
      if (!target.type || target.type === 'other' || (!m.weak && target.mentions.every((x) => x.weak || x === m)))
        target.type = m.hint ?? target.type;
    } else named.add(ctx.newCluster(m, null));
  }
}

/** What the name merge of one story compares tokens with (mergeMentions). */
interface NameMatch {
  named: NameIndex;
  /** the comparison of a mention's tokens with a cluster's: by sound too across languages */
  sameFor: (m: EntityMention, c: Cluster) => (a: string, b: string) => boolean;
  /** the last names of two clusters sound exactly alike (a tie-break between candidates) */
  soundsAlike: ((a: string, b: string) => boolean) | null;
  newCluster: (m: EntityMention, key: string | null) => Cluster;
}

/**
 * Merge mentions into entities. `langOf` gives the language of an article in a story told in several: a name
 * in one language is then also compared by sound with the same name in another (Poutine = Putin, Moscou = Moscow).
 */
export function mergeMentions(mentions: EntityMention[], langOf: ((article: string) => string) | null = null): StoryEntity[] {
  const keyMemo = new Map<string, string>();
  const tkey = (t: string): string => {
    let k = keyMemo.get(t);
    if (k === undefined) keyMemo.set(t, (k = translitKey(t)));
    return k;
  };
  // names in other scripts than Latin are also compared by sound with the Latin ones (Мадуро = Maduro)
  const multiScript = mentions.some((m) => !m.designation && nonLatin(m.surface));
  const soundMemo = new Map<string, string[]>();
  const sound = (t: string): string[] => {
    let k = soundMemo.get(t);
    if (k === undefined) soundMemo.set(t, (k = soundKeys(t)));
    return k;
  };
  // or as their script writes a Latin name (Трамп = Trump, Μπάιντεν = Biden: text/names.ts writesName)
  const writesMemo = new Map<string, boolean>();
  const writes = (a: string, b: string): boolean => {
    if (nonLatin(a) === nonLatin(b)) return false;
    const [word, latin] = nonLatin(a) ? [a, b] : [b, a];
    const k = word + '\u0000' + latin;
    let w = writesMemo.get(k);
    if (w === undefined) writesMemo.set(k, (w = writesName(word, latin)));
    return w;
  };
  const same = (a: string, b: string): boolean =>
    sameNameToken(a, b, tkey) || (multiScript && (nonLatin(a) || nonLatin(b)) && (sameSound(sound(a), sound(b)) || writes(a, b)));
  const loose = (a: string, b: string): boolean =>
    sameNameToken(a, b, tkey) || sameSound(sound(a), sound(b)) || (multiScript && writes(a, b));
  const byLanguage = !!langOf && new Set(mentions.map((m) => langOf(m.article))).size > 1;
  const consonantMemo = new Map<string, string[]>();
  const consonants = (t: string): string[] => {
    let k = consonantMemo.get(t);
    if (k === undefined) consonantMemo.set(t, (k = consonantKeys(t).filter((x) => x !== '')));
    return k;
  };
  const named = new NameIndex(tkey, multiScript || byLanguage ? sound : null, byLanguage, multiScript ? consonants : null);
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const newCluster = (m: EntityMention, key: string | null): Cluster => {
    const c: Cluster = { id: clusters.length, type: m.hint, mentions: [m], tokens: m.as ?? nameTokens(m.surface), key };
    clusters.push(c);
    if (key) byKey.set(key, c);
    return c;
  };
  // 1. designations and gazetteer places by key
  const rest: EntityMention[] = [];
  for (const m of mentions) {
    let key: string | null = null;
    if (m.designation) key = 'd:' + designationKey(m.surface);
    else if (m.hint === 'place') {
      const p = lookupPlace(m.as ? m.as.join(' ') : m.surface);
      key = p ? 'p:' + p.name : null;
    }
    if (key) {
      const c = byKey.get(key);
      if (c) c.mentions.push(m);
      else if (key.startsWith('p:') && !m.as) named.addSound(newCluster(m, key));
      else newCluster(m, key);
    } else rest.push(m);
  }
  joinDesignations(clusters);
  // 2. names: longest first, then subsets
  const sameFor = (m: EntityMention, c: Cluster) => (byLanguage && langOf!(m.article) !== langOf!(c.mentions[0].article) ? loose : same);
  const soundsAlike = multiScript || byLanguage ? (a: string, b: string) => sound(a).some((k) => sound(b).includes(k)) : null;
  joinNames(rest, { named, sameFor, soundsAlike, newCluster });
  // 3. build entities
  const out: StoryEntity[] = [];
  for (const c of clusters) if (c.mentions.length > 0) out.push(entityOf(c, out.length, langOf));
  return out;
}

/** The entity of a cluster of mentions: its name (the longest Latin form; a place's gazetteer name), type, forms. */
function entityOf(c: Cluster, id: number, langOf: ((article: string) => string) | null): StoryEntity {
  const counts = new Map<string, number>();
  for (const m of c.mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
  const forms = [...counts.keys()];
  // in a story in several languages, the name as a report in English writes it, when one does
  const english = new Set(langOf ? c.mentions.filter((m) => langOf(m.article) === 'en').map((m) => m.surface) : []);
  const isDesig = c.key?.startsWith('d:');
  forms.sort((a, b) => {
    if (isDesig) return b.length - a.length || (counts.get(b) ?? 0) - (counts.get(a) ?? 0);
    return (
      Number(english.has(b)) - Number(english.has(a)) ||
      Number(nonLatin(a)) - Number(nonLatin(b)) ||
      nameTokens(b).length - nameTokens(a).length ||
      b.split(/\s+/).length - a.split(/\s+/).length ||
      diacritics(b) - diacritics(a) ||
      (counts.get(b) ?? 0) - (counts.get(a) ?? 0) ||
      a.localeCompare(b)
    );
  });
  let name = forms[0];
  const place = c.key?.startsWith('p:') ? c.key.slice(2) : null;
  if (place) name = place;
  const typeVotes = new Map<EntityType, number>();
  for (const m of c.mentions) if (m.hint) typeVotes.set(m.hint, (typeVotes.get(m.hint) ?? 0) + (m.weak ? 0.1 : 1));
  let type: EntityType = 'other';
  if (isDesig) type = 'thing';
  else if (place) type = 'place';
  else {
    let n = 0;
    for (const [t, v] of typeVotes) if (v > n || (v === n && t === 'thing')) [type, n] = [t, v];
  }
  const articles = [...new Set(c.mentions.map((m) => m.article))];
  const aliases = forms.filter((f) => f !== name);
  const labels: Array<{ article: string; label: string }> = [];
  const seenL = new Set<string>();
  for (const m of c.mentions)
    for (const l of m.labels) {
      const k = m.article + '\u0000' + l;
      if (!seenL.has(k)) {
        seenL.add(k);
        labels.push({ article: m.article, label: l });
      }
    }
  return { id, name, type, aliases, articles, labels, mentions: c.mentions };
}

/** Entities worth listing in a report: typed ones, and untyped names seen more than once. */
export function reportableEntities(entities: StoryEntity[]): StoryEntity[] {
  return entities.filter((e) => {
    if (e.type === 'other')
      return e.mentions.length >= 2 && e.articles.length >= 2 && e.name.length > 2 && !e.mentions.every((m) => m.start === 0);
    return e.name.length >= 2;
  });
}

/** The transliteration key of a whole name (for callers comparing names). */
export function nameKey(name: string): string {
  return nameTokens(name).map(translitKey).join(' ');
}

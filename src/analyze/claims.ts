/**
 * Claims, not sentences: each figure, date and designation of a story as
 * (subject, what is measured or dated, value, qualifiers, source span), with
 * the words around it as entity ids and normalized terms. Two claims of
 * different reports fill one slot when their local context (the clause around
 * the value), their counted noun and their subject match — even when the rest
 * of the two sentences shares few words.
 */
import type { StoryData, SentRec } from './story.ts';
import { term } from './align.ts';
import { normalizeQuantity, type Quantity } from './quantities.ts';
import { normalizeRange, type DateMention } from './dates.ts';
import { wordTokens } from './text.ts';
import { lookupPlace, demonymCountry } from './gazetteer.ts';
import type { StoryEntity } from './entities.ts';
import { weekdayOf } from './dates.ts';
import { fold } from './text.ts';
import statementData from './data/statements.json' with { type: 'json' };

export type ClaimKind = 'quantity' | 'date' | 'designation';

export interface Claim {
  id: number;
  kind: ClaimKind;
  s: SentRec;
  /** the value as written and its normalized form */
  text: string;
  norm: string;
  /** the value's span in the sentence (the source span) */
  start: number;
  end: number;
  q?: Quantity;
  d?: DateMention;
  key?: string;
  /** what kind of value: '%', a currency sign, 'count', 'day', 'month', 'code' */
  unit: string;
  /** terms of the clause around the value: entity ids ("e:12") and word terms */
  context: Set<string>;
  /** entity ids of the clause before the value (its subject) */
  subjects: Set<string>;
  /** the people the value is about: named before it in the clause, else after it */
  people: Set<string>;
  /** every person the value's sentence names */
  sentencePeople: Set<string>;
  /** the preposition right before the value ("from", "to", "by"): its role in a change */
  role: string | null;
  /** what a count counts, as terms ("jobs" → ["job"]) */
  counted: string[];
  /** the clause around the value: character offsets in the sentence */
  clause: [number, number];
  /** the weekday a relative date names ("on Friday" → "friday"), else null */
  weekday: string | null;
  /** a date of a statement ("said on Friday", "on Friday announced"), not of the event itself */
  statement: boolean;
  /** the date of a statement's occasion ("her Monday interview", "a Saturday press conference") */
  spoken: boolean;
  /** the one day the report's lead (its first body sentence) names: the day of the story's news */
  leadDay: boolean;
  /** squared IDF weights of the context terms */
  weights: { w: Array<[string, number]>; total: number };
}

/** Words either side of a value read as its clause. */
export const CLAUSE_WORDS = 8;
/** Generic counted nouns that say nothing about what is counted. */
const GENERIC_NOUNS = new Set(['time', 'year', 'day', 'month', 'week', 'other', 'more', 'part', 'number', 'percent', 'total']);
const ROLES = new Set(['from', 'to', 'by', 'since', 'until', 'through']);

interface Tok {
  term: string;
  start: number;
  end: number;
  entity: boolean;
  person: boolean;
}

/** The country a place entity lies in (a capital counts as its country), as a term. */
function countryTerm(e: StoryEntity): string | null {
  if (e.type !== 'place') return null;
  const p = lookupPlace(e.name);
  return p ? 'c:' + (p.country ?? p.name) : null;
}

/**
 * The sentence as terms in order: an entity mention stands as one term
 * "e:<id>" (a place also as its country "c:<name>"), a demonym as its country.
 */
function sentenceTerms(data: StoryData, s: SentRec, countries: Map<number, string | null>): Tok[] {
  const out: Tok[] = [];
  for (const m of s.mentions) {
    const e = data.entityOfMention.get(m);
    if (!e) continue;
    out.push({ term: 'e:' + e.id, start: m.start, end: m.end, entity: true, person: e.type === 'person' });
    if (!countries.has(e.id)) countries.set(e.id, countryTerm(e));
    const c = countries.get(e.id);
    if (c) out.push({ term: c, start: m.start, end: m.end, entity: true, person: false });
  }
  const inEntity = (t: { start: number; end: number }) => out.some((e) => t.start >= e.start && t.end <= e.end);
  for (const t of wordTokens(s.text)) {
    if (inEntity(t)) continue;
    const dem = /^\p{Lu}/u.test(t.w) ? demonymCountry(t.w) : null;
    const x = dem ? 'c:' + dem : term(t.w);
    if (x) out.push({ term: x, start: t.start, end: t.end, entity: !!dem, person: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A clause ends at a semicolon, a parenthesis or a colon (a dash opens an aside the clause reads through). */
const BREAK = /[;:()]/g;

function crosses(breaks: number[], lo: number, hi: number): boolean {
  for (const p of breaks) if (p >= lo && p < hi) return true;
  return false;
}

function clause(breaks: number[], toks: Tok[], start: number, end: number): { before: Tok[]; after: Tok[] } {
  // the first token at or after the value
  let k = 0;
  while (k < toks.length && toks[k].end <= start) k++;
  const before: Tok[] = [];
  let edge = start;
  for (let i = k - 1; i >= 0 && before.length < CLAUSE_WORDS; i--) {
    if (crosses(breaks, toks[i].end, edge)) break;
    before.push(toks[i]);
    edge = toks[i].start;
  }
  const after: Tok[] = [];
  edge = end;
  for (let i = k; i < toks.length && after.length < CLAUSE_WORDS; i++) {
    const t = toks[i];
    if (t.start < end) continue;
    if (crosses(breaks, edge, t.start)) break;
    after.push(t);
    edge = t.end;
  }
  return { before: before.reverse(), after };
}

/** Prepositions that end the search for a role. */
const NOT_ROLES = new Set(['of', 'in', 'at', 'with', 'for', 'on', 'than', 'about', 'and', 'or']);

/** The role preposition among the three words before a value ("from a revised 590,000" → "from"). */
function roleOf(s: SentRec, start: number): string | null {
  const words = s.text
    .slice(Math.max(0, start - 40), start)
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .slice(-3)
    .reverse();
  for (const w0 of words) {
    const w = w0.toLowerCase();
    if (ROLES.has(w)) return w;
    // a name between them takes the preposition ("to Congress on Wednesday")
    if (NOT_ROLES.has(w) || /^\p{Lu}/u.test(w0)) return null;
  }
  return null;
}

function unitOfQuantity(q: Quantity): string {
  if (q.percent) return '%';
  const cur = /^[$€£¥]/.exec(q.number);
  return cur ? cur[0] : 'count';
}

function makeClaim(
  data: StoryData,
  s: SentRec,
  toks: Tok[],
  breaks: number[],
  base: Omit<
    Claim,
    | 'id'
    | 'context'
    | 'subjects'
    | 'people'
    | 'sentencePeople'
    | 'role'
    | 's'
    | 'counted'
    | 'weights'
    | 'clause'
    | 'weekday'
    | 'statement'
    | 'spoken'
    | 'leadDay'
  >,
  id: number,
): Claim {
  const { before, after } = clause(breaks, toks, base.start, base.end);
  const context = new Set<string>();
  for (const t of before) context.add(t.term);
  for (const t of after) context.add(t.term);
  if (base.q && base.q.nounsFrom === 'after')
    for (const w of base.q.phrase.split(/\s+/)) {
      const x = term(w);
      if (x) context.add(x);
    }
  // the canonical unit of a figure ("u:tonne") is shared across languages, and so is a report's one event day
  for (const n of base.q?.nouns ?? []) if (n.startsWith('u:')) context.add(n);
  if (base.d && eventDayOf(data, s.article) === base.d.range.start && isEventDay(base.d)) context.add(EVENT_DAY);
  const subjects = new Set(before.filter((t) => t.entity).map((t) => t.term));
  // the person a figure is about: named before it in the clause, else after it
  const pb = before.filter((t) => t.person);
  // after a date, the one who states it is its source, not its subject ("on Wednesday, the White House said")
  const speaker = (t: Tok) => !!base.d && STATEMENT_AFTER.test(s.text.slice(t.end, t.end + 40));
  const people = new Set((pb.length ? pb : after.filter((t) => t.person && !speaker(t))).map((t) => t.term));
  const span: [number, number] = [
    Math.min(base.start, before[0]?.start ?? base.start),
    Math.max(base.end, after[after.length - 1]?.end ?? base.end),
  ];
  // a figure's date in its clause says which figure it is ("266,000 jobs in April")
  if (base.q)
    for (const d of s.dates)
      if (
        d.kind !== 'relative' &&
        !d.modifier &&
        d.start < span[1] + DATE_REACH &&
        d.end > span[0] - DATE_REACH &&
        !crosses(breaks, Math.min(d.end, base.start), Math.max(d.start, base.end))
      )
        context.add('d:' + normalizeRange(d.range));
  const spoken = !!base.d && statementNounAfter(s.text, base.d.end);
  const statement = !!base.d && (!!base.d.attribution || STATEMENT_AFTER.test(s.text.slice(base.d.end, base.d.end + 40)) || spoken);
  const leadDay = !!base.d && leadDayOf(data, s.article) === base.d && isOneDay(base.d);
  const claim: Claim = {
    ...base,
    id,
    s,
    context,
    subjects,
    people,
    sentencePeople: new Set(toks.filter((t) => t.person).map((t) => t.term)),
    role: roleOf(s, base.start),
    counted: countedTerms(base.q),
    weights: { w: [], total: 0 },
    clause: span,
    weekday: base.d ? weekdayOf(base.d) : null,
    statement,
    spoken,
    leadDay,
  };
  claim.weights = contextWeights(data, claim);
  return claim;
}

/** Characters beyond a figure's clause within which a date still dates the figure. */
const DATE_REACH = 20;
/** A reporting verb right after a date ("on Friday announced", "Wednesday said"): the date is the statement's. */
const STATEMENT_AFTER =
  /^\s+(?:(?:morning|afternoon|evening|night)\s+)?(?:said|says|announced|announces|told|reported|confirmed|declared|stated|unveiled|revealed)\b/i;

const STATEMENT_NOUNS = new Set(statementData.nouns.map(fold));

/** A statement's noun among the five words after a date, within its phrase ("a Saturday morning Pentagon press conference"). */
function statementNounAfter(text: string, end: number): boolean {
  const phrase = /^[^,.;:!?()“”"]*/.exec(text.slice(end, end + 60))![0];
  return phrase
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .some((w) => STATEMENT_NOUNS.has(fold(w).replace(/[’']s$/, '')));
}

/** The context term of a report's one event day, in a story told in several languages. */
const EVENT_DAY = 'x:event-day';
/** The slot score of two leads' days (same publication day, some shared clause words: LEAD_DAY_MIN). */
export const LEAD_DAY_SIM = 0.2;
export const LEAD_DAY_MIN = 0.1;
/** The slot score of two reports' event days when their languages differ (their clauses share no words). */
export const CROSS_LANGUAGE_SIM = 0.2;

function isEventDay(d: DateMention): boolean {
  return d.kind === 'absolute' && d.range.precision === 'day' && !d.attribution && !d.modifier && !d.since;
}

const storyLanguages = new WeakMap<StoryData, { lang: Map<string, string>; eventDay: Map<string, number | null> }>();

/** Languages of the articles and, in a story told in two or more languages, each report's one absolute day (null when it has none or several). */
function languagesOf(data: StoryData): { lang: Map<string, string>; eventDay: Map<string, number | null> } {
  let v = storyLanguages.get(data);
  if (v) return v;
  const lang = new Map(data.articles.map((a) => [a.id, (a.language ?? '').toLowerCase().split(/[-_]/)[0]]));
  const eventDay = new Map<string, number | null>();
  if (new Set([...lang.values()].filter(Boolean)).size > 1)
    for (const [id, sents] of data.byArticle) {
      const days = new Set(sents.filter((x) => x.content).flatMap((x) => x.dates.filter(isEventDay).map((d) => d.range.start)));
      eventDay.set(id, days.size === 1 ? [...days][0] : null);
    }
  storyLanguages.set(data, (v = { lang, eventDay }));
  return v;
}

/** A date naming one day of the news: a day (absolute, or a weekday read against the publication day), not a beginning or a name. */
function isOneDay(d: DateMention): boolean {
  return d.kind !== 'partial' && d.range.precision === 'day' && !d.modifier && !d.since;
}

const leadDays = new WeakMap<StoryData, Map<string, DateMention | null>>();

/** Content sentences from a report's start within which its news day is looked for. */
export const LEAD_SENTENCES = 2;
/** Days either side of publication within which a date can be the day of the news (not a name, nor a past event). */
export const NEWS_WINDOW = 7;

/**
 * The day of a report's news: in the first of its opening content sentences that holds a date within a week of
 * publication (neither a date naming an event, "the Jan. 6 riot", nor a past one), that one date if it names a day; else null. Two leads of
 * one story published the same day name the day of one piece of news.
 */
function newsDayOf(data: StoryData, article: string, sents: SentRec[]): DateMention | null {
  const ref = data.refDay.get(article);
  for (const s of sents.filter((x) => x.content).slice(0, LEAD_SENTENCES)) {
    const near = s.dates.filter((d) => !d.modifier && (ref === undefined || Math.abs(d.range.start - ref) <= NEWS_WINDOW));
    if (!near.length) continue;
    const days = near.filter(isOneDay);
    return days.length === 1 ? days[0] : null;
  }
  return null;
}

function leadDayOf(data: StoryData, article: string): DateMention | null {
  let m = leadDays.get(data);
  if (!m) {
    m = new Map();
    for (const [id, sents] of data.byArticle) m.set(id, newsDayOf(data, id, sents));
    leadDays.set(data, m);
  }
  return m.get(article) ?? null;
}

/** The one absolute day a report of a multilingual story states (its event's day), else null. */
function eventDayOf(data: StoryData, article: string): number | null {
  return languagesOf(data).eventDay.get(article) ?? null;
}

/** Every claim of the story's content sentences. */
export function extractClaims(data: StoryData): Claim[] {
  const out: Claim[] = [];
  const countries = new Map<number, string | null>();
  for (const s of data.sentences) {
    if (!s.content || s.quantities.length + s.dates.length + s.designations.length === 0) continue;
    // the words of other values ("billion", "years") are values, not context
    const spans = [...s.quantities, ...s.dates];
    const toks = sentenceTerms(data, s, countries).filter((t) => t.entity || !spans.some((v) => t.start >= v.start && t.end <= v.end));
    const breaks = [...s.text.matchAll(BREAK)].map((m) => m.index);
    for (const q of s.quantities)
      out.push(
        makeClaim(
          data,
          s,
          toks,
          breaks,
          { kind: 'quantity', text: q.text, norm: normalizeQuantity(q), start: q.start, end: q.end, q, unit: unitOfQuantity(q) },
          out.length,
        ),
      );
    for (const d of s.dates) {
      if (d.modifier) continue; // "the Jan. 6 riot" names an event, it does not date the sentence
      out.push(
        makeClaim(
          data,
          s,
          toks,
          breaks,
          {
            kind: 'date',
            text: d.text,
            norm: normalizeRange(d.range),
            start: d.start,
            end: d.end,
            d,
            unit: d.range.precision === 'year' ? 'year' : 'day',
          },
          out.length,
        ),
      );
    }
    for (const d of s.designations)
      out.push(
        makeClaim(
          data,
          s,
          toks,
          breaks,
          { kind: 'designation', text: d.text, norm: d.key, start: d.start, end: d.end, key: d.key, unit: 'code' },
          out.length,
        ),
      );
  }
  return out;
}

/** Squared IDF weights of a claim's context terms, and their sum (computed once per claim). */
function contextWeights(data: StoryData, c: Claim): { w: Array<[string, number]>; total: number } {
  const fallback = Math.log(1 + data.sentences.length);
  const w: Array<[string, number]> = [...c.context].map((t) => [t, (data.idf.get(t) ?? fallback) ** 2]);
  return { w, total: w.reduce((x, [, y]) => x + y, 0) };
}

/** A clause counts as at least this share of the other's weight when the two are compared. */
export const SMALL_CLAUSE = 0.5;

/**
 * IDF-weighted overlap of two clauses, relative to the smaller one: a short
 * clause wholly echoed in a longer one fills the same slot.
 */
function clauseOverlap(a: Claim, b: Claim): number {
  if (!a.weights.total || !b.weights.total) return 0;
  const [x, y] = a.weights.w.length <= b.weights.w.length ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w2] of x.weights.w) if (y.context.has(t)) dot += w2;
  // relative to the smaller clause, but a clause of a word or two is not wholly echoed by chance
  const [lo, hi] = [Math.min(a.weights.total, b.weights.total), Math.max(a.weights.total, b.weights.total)];
  return dot / Math.max(lo, hi * SMALL_CLAUSE);
}

/** The specific counted nouns of a figure as terms (synonyms merged: "rockets" = "missiles"). */
function countedTerms(q: Quantity | undefined): string[] {
  if (!q || q.nounsFrom !== 'after') return [];
  // "498,000 last week": a time after the figure, not what it counts
  if (TIME_PHRASE.test(q.phrase)) return [];
  // "10 days of fighting": a duration counts time; its complement says of what, not what is counted
  if (GENERIC_NOUNS.has(term(q.phrase.split(/\s+/)[0] ?? '') ?? '')) return [];
  // names in the phrase ("residents of Marlow Vale", "Russian officers") say whose, not what
  return q.phrase
    .split(/\s+/)
    .filter((w) => !/^\p{Lu}/u.test(w))
    .map((w) => term(w))
    .filter((x): x is string => !!x && !GENERIC_NOUNS.has(x) && x !== 'of');
}

const TIME_PHRASE = /^(?:last|next|this|previous|the previous|a|per|each|every)\s+(?:week|month|year|day|quarter|night|time)s?\b/i;

/** Counted things after two counts that share nothing specific: two different things counted ("doses" / "people"). */
export function countsDiffer(a: Claim, b: Claim): boolean {
  if (a.unit !== 'count') return false;
  return a.counted.length > 0 && b.counted.length > 0 && !a.counted.some((n) => b.counted.includes(n)) && !sameUnit(a, b);
}

/** Both figures carry one canonical unit ("u:soldier" for "soldiers" and "soldados"): the same thing counted in two languages. */
function sameUnit(a: Claim, b: Claim): boolean {
  const ua = a.q?.nouns.filter((n) => n.startsWith('u:')) ?? [];
  return ua.length > 0 && ua.some((n) => b.q?.nouns.includes(n));
}

/** Both figures count the same thing ("160,000 jobs" / "266,000 jobs"). */
function countsSame(a: Claim, b: Claim): boolean {
  return a.counted.some((n) => b.counted.includes(n)) || sameUnit(a, b);
}

/** People named around each value and not around the other, on both sides: two subjects. */
export function differentSubjects(a: Claim, b: Claim): boolean {
  if (!a.people.size || !b.people.size) return false;
  const only = (x: Set<string>, y: Set<string>) => {
    for (const p of x) if (!y.has(p)) return true;
    return false;
  };
  // one person named around both (Trump beside Steve / Stephen Bannon): the same people, told apart by spelling or role
  for (const p of a.people) if (b.people.has(p)) return false;
  if (!only(a.people, b.people) || !only(b.people, a.people)) return false;
  // the people around each value are named in the other's sentence too: the same people, in another order
  // ("X sent a letter to McCarthy on Friday asking him to remove Pelosi" / "in a letter Friday, X asked McCarthy")
  return only(a.people, b.sentencePeople) || only(b.people, a.sentencePeople);
}

/** A shared subject (an entity named before both values) adds this much to the slot score; so does one counted thing. */
export const SUBJECT_BONUS = 0.1;
export const COUNTED_BONUS = 0.1;
/** Two dates with one role ("through", "since", "by") add this much to the slot score. */
export const ROLE_BONUS = 0.1;
/** A statement's date against an event's date: most likely two slots. */
export const ATTRIBUTION_FACTOR = 0.75;
/** A change's earlier value ("from 9.19 million") against a figure stated bare: more likely the later one is meant. */
export const PRIOR_FACTOR = 0.9;

const simCache = new WeakMap<StoryData, Map<number, Map<number, number>>>();

/** The aligned similarity of two sentences, from a per-story index. */
function sentenceSim(data: StoryData, a: number, b: number): number {
  let idx = simCache.get(data);
  if (!idx) {
    idx = new Map();
    for (const [gi, list] of data.neighbors) idx.set(gi, new Map(list));
    simCache.set(data, idx);
  }
  return idx.get(a)?.get(b) ?? 0;
}

/** Do two claims fill one slot? A score in [0, 1]: the closer of clause and sentence similarity. */
export function slotScore(data: StoryData, a: Claim, b: Claim): number {
  if (a.kind !== b.kind || a.unit !== b.unit) return 0;
  if (countsDiffer(a, b) || differentSubjects(a, b)) return 0;
  // "fell to 498,000 from 590,000": two values of one change; a deadline ("by Friday") is not an event's date
  if (a.kind === 'date' ? a.role !== b.role : a.role && b.role && a.role !== b.role) return 0;
  let subject = 0;
  for (const x of a.subjects) if (b.subjects.has(x)) subject = SUBJECT_BONUS;
  const counted = countsSame(a, b) ? COUNTED_BONUS : 0;
  // one role for both dates ("funded through Dec. 3", "the lowest since March 14"): one deadline or one beginning
  const role = a.kind === 'date' && a.role && a.role === b.role ? ROLE_BONUS : 0;
  const local = clauseOverlap(a, b) + subject + counted + role;
  // the whole sentences' likeness helps, but two values of one sentence are told apart by their clauses
  let score = Math.max(local, (local + sentenceSim(data, a.s.gi, b.s.gi)) / 2);
  // reports in two languages: no clause words to share, but the one day each states is its event's day
  const langs = languagesOf(data).lang;
  if (a.context.has(EVENT_DAY) && b.context.has(EVENT_DAY) && langs.get(a.s.article) !== langs.get(b.s.article))
    score = Math.max(score, CROSS_LANGUAGE_SIM);
  // two leads published the same day, each naming one day, that share clause words: the day of the same news
  // (the day of an interview or a press conference against an event's day: two occasions)
  if (
    a.leadDay &&
    b.leadDay &&
    !(a.spoken && !b.statement) &&
    !(b.spoken && !a.statement) &&
    score >= LEAD_DAY_MIN &&
    data.refDay.get(a.s.article) === data.refDay.get(b.s.article) &&
    data.ownDate.has(a.s.article) &&
    data.ownDate.has(b.s.article)
  )
    score = Math.max(score, LEAD_DAY_SIM);
  // the date of a statement ("said on Thursday") against the date of an event
  // (two weekdays: "announced Wednesday" and "decided Wednesday" tell one day in a lead; the factor is for a statement's day against an event's date)
  // (a weekday of an interview or a press conference against an event's weekday: the factor holds)
  const attribution =
    a.d && b.d && a.statement !== b.statement && (a.spoken !== b.spoken || !(a.d.kind === 'relative' && b.d.kind === 'relative'))
      ? ATTRIBUTION_FACTOR
      : 1;
  // a bare figure ("openings reached 9.2 million") states the level now: the "to" of a change, not its "from"
  const prior = a.kind === 'quantity' && (a.role === 'from') !== (b.role === 'from') && (!a.role || !b.role) ? PRIOR_FACTOR : 1;
  return Math.min(1, score * attribution * prior);
}

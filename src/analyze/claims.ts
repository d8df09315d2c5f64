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
import { normalizeRange } from './dates.ts';
import { wordTokens } from './text.ts';
import { lookupPlace, demonymCountry } from './gazetteer.ts';
import type { StoryEntity } from './entities.ts';
import { weekdayOf } from './dates.ts';
import { fold } from './text.ts';
import statementData from './data/statements.json' with { type: 'json' };

export type { ClaimKind, Claim } from './claim-types.ts';
import type { Claim } from './claim-types.ts';
import { EVENT_DAY, eventDayOf, isEventDay, isOneDay, leadDayOf } from './claim-days.ts';
export { LEAD_DAY_SIM, LEAD_DAY_MIN, CROSS_LANGUAGE_SIM, LEAD_SENTENCES, NEWS_WINDOW } from './claim-days.ts';
export {
  SMALL_CLAUSE,
  countsDiffer,
  differentSubjects,
  SUBJECT_BONUS,
  COUNTED_BONUS,
  ROLE_BONUS,
  ATTRIBUTION_FACTOR,
  PRIOR_FACTOR,
  slotScore,
} from './claim-compare.ts';

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

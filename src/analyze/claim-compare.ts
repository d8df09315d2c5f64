/**
 * Claims compared: whether two values of a story fill the same slot (the same thing said of the same subject), from
 * their clauses' IDF-weighted overlap, subjects, what they count, their roles and their sentences' similarity.
 */
import type { StoryData } from './story.ts';
import type { Claim } from './claim-types.ts';
import { CROSS_LANGUAGE_SIM, EVENT_DAY, LEAD_DAY_MIN, LEAD_DAY_SIM, languagesOf } from './claim-days.ts';

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

/**
 * Whether two values of one slot agree (figures, dates, designations), and what makes two differing values two facts
 * rather than a conflict: the same report stating both, a date stated near, different places, a weak relative day.
 */
import { simOf, type StoryData } from './story.ts';
import type { Claim } from './claims.ts';
import { quantitiesCompatible, type Quantity } from './quantities.ts';
import { fromDay, rangesOverlap, type DateMention, type Precision } from './dates.ts';
import { lookupPlace } from './gazetteer.ts';

/** Slot score (claims.ts slotScore) for two claims to be candidates for one slot. */
export const SLOT_SIM = 0.08;

type ClaimNode = Claim;

/** Letters before the first digit of a designation key: its family ("MIG" for MIG29SMT). */
export function family(key: string): string {
  const m = /^[A-Z]+/.exec(key);
  return m ? m[0] : key;
}

/** Equal, or one a less specific prefix of the other ("MIG29" ⊂ "MIG29SMT"). */
export function designationsCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  return l.startsWith(s) && /^[A-Z]/.test(l.slice(s.length));
}

const GENERIC_NOUNS = new Set(['time', 'year', 'day', 'month', 'week', 'other', 'more', 'part', 'number', 'percent']);
export function nounsOverlap(a: Quantity, b: Quantity): boolean {
  if (a.nounsFrom !== b.nounsFrom) return false;
  return a.nouns.some((n) => !GENERIC_NOUNS.has(n) && b.nouns.includes(n));
}

export const PREC_RANK: Record<Precision, number> = { day: 0, part: 1, month: 2, year: 3 };

export function datesComparable(a: DateMention, b: DateMention): boolean {
  // a year against a day says little (a different event is likely): compare within one level
  if (a.since || b.since) return false;
  return (
    Math.abs(PREC_RANK[a.range.precision] - PREC_RANK[b.range.precision]) <= 1 &&
    (a.range.precision === 'year') === (b.range.precision === 'year')
  );
}

/** One weekday named in both ("Friday" / "on Friday"): the same day, whatever the publication dates make of it. */
export function sameWeekday(a: ClaimNode, b: ClaimNode): boolean {
  return a.weekday !== null && a.weekday === b.weekday;
}

/** One day of the year written by both, one of them without its year ("Dec. 3" / "December 3, 2021"): the year was a guess. */
export function sameDayGuessedYear(a: DateMention, b: DateMention): boolean {
  if (a.kind !== 'absolute' || b.kind !== 'absolute' || a.range.precision !== 'day' || b.range.precision !== 'day') return false;
  if (WRITTEN_YEAR.test(a.text) && WRITTEN_YEAR.test(b.text)) return false;
  const [x, y] = [fromDay(a.range.start), fromDay(b.range.start)];
  return x.m === y.m && x.d === y.d && Math.abs(x.y - y.y) <= 1;
}
const WRITTEN_YEAR = /\b\d{4}\b/;

export function claimsCompatible(a: ClaimNode, b: ClaimNode): boolean {
  if (a.kind === 'quantity') return quantitiesCompatible(a.q!, b.q!);
  if (a.kind === 'date') return rangesOverlap(a.d!.range, b.d!.range) || sameWeekday(a, b) || sameDayGuessedYear(a.d!, b.d!);
  return designationsCompatible(a.key!, b.key!);
}

/** Does article `art` elsewhere state a value compatible with `n` for a similar slot? Then both values are its facts. */
export function articleAlsoStates(data: StoryData, nodesByArticle: Map<string, ClaimNode[]>, art: string, n: ClaimNode): boolean {
  for (const o of nodesByArticle.get(art) ?? []) {
    if (o.kind !== n.kind) continue;
    if (n.kind === 'quantity' && nounsOverlap(o.q!, n.q!) && o.q!.percent === n.q!.percent && quantitiesCompatible(o.q!, n.q!)) return true;
    if (n.kind === 'designation' && family(o.key!) === family(n.key!) && designationsCompatible(o.key!, n.key!)) return true;
  }
  return false;
}

/** Article `art` states `n`'s date (absolutely) in a sentence close to `n`'s: the two dates are two facts. */
export function statesDateNear(data: StoryData, nodesByArticle: Map<string, ClaimNode[]>, art: string, n: ClaimNode): boolean {
  for (const o of nodesByArticle.get(art) ?? []) {
    if (o.kind !== 'date' || o.d!.kind === 'relative' || o.d!.attribution) continue;
    if (!rangesOverlap(o.d!.range, n.d!.range)) continue;
    if (simOf(data, o.s.gi, n.s.gi) >= SLOT_SIM) return true;
  }
  return false;
}

/**
 * Places named around one value and not the other, on both sides (Kyiv vs Warsaw): different events. Capitals count
 * as their country. So in the values' clauses and in their whole sentences: a place further off in a sentence is often
 * what the news is about, not where it happened ("leaders at the summit in Britain on Sunday called for …, including
 * in China"); a place of one clause the other sentence names elsewhere is one place ("arrested in Los Angeles").
 */
export function differentPlaces(data: StoryData, a: Claim, b: Claim): boolean {
  const places = (c: Claim, whole: boolean) => {
    const out = new Set<string>();
    for (const m of c.s.mentions) {
      const e = data.entityOfMention.get(m);
      if (!e || e.type !== 'place' || (!whole && (m.end <= c.clause[0] || m.start >= c.clause[1]))) continue;
      const p = lookupPlace(e.name);
      out.add(p?.country ?? p?.name ?? e.name);
    }
    return out;
  };
  const apart = (pa: Set<string>, pb: Set<string>) => [...pa].some((x) => !pb.has(x)) && [...pb].some((x) => !pa.has(x));
  return apart(places(a, false), places(b, false)) && apart(places(a, true), places(b, true));
}

/**
 * A weekday or "yesterday" in an article without its own date resolves against a guessed reference: too weak to
 * contradict. In other languages the locale's reader marks such days (fromPublished: "ayer", "вчера", "am Freitag").
 */
export function weakDate(data: StoryData, n: ClaimNode): boolean {
  const d = n.d!;
  if (d.kind !== 'relative' || data.ownDate.has(n.s.article)) return false;
  return (
    d.fromPublished === true ||
    (/day|today|tonight|yesterday|tomorrow/i.test(d.text) && !/earlier|later|before|after|previous|next|following/i.test(d.text))
  );
}

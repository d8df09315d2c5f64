/**
 * Day numbers (days since 1970-01-01, UTC) and the shapes of a date found in text: what the English
 * reader (analyze/dates.ts) and the other languages' reader (text/dates.ts) share, so neither imports the other.
 */
import type { Locale } from './locale.ts';

export type Precision = 'year' | 'month' | 'part' | 'day';

/** A range of days, inclusive, as day numbers since 1970-01-01 (UTC). */
export interface DateRange {
  start: number;
  end: number;
  precision: Precision;
}

export interface DateMention {
  /** as written, e.g. "mid-March", "a day earlier", "March 3" */
  text: string;
  start: number;
  end: number;
  range: DateRange;
  kind: 'absolute' | 'partial' | 'relative';
  /** "since September": the range marks a beginning */
  since?: boolean;
  /** the date of a statement ("said on Thursday"), not of the event */
  attribution?: boolean;
  /** the lower-case word governing the date, if right before it ("issued Tuesday", "expiring on Oct. 3") */
  head?: string;
  /** the date names something ("the Jan. 6 riot", "the September 11 attacks") rather than dating the sentence */
  modifier?: boolean;
  /** the weekday a relative date names, in English ("friday"), when read through a locale */
  weekday?: string;
  /** read through a locale: a day counted from the publication date ("ayer", "вчера", "am Freitag"), not from an event */
  fromPublished?: boolean;
}

export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m, d) / 86_400_000);
}
export function fromDay(n: number): { y: number; m: number; d: number } {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth(), d: dt.getUTCDate() };
}

/**
 * The year for a month/day without one: the latest not more than a week after
 * the reference; in a sentence about the future, the first not before it.
 */
export function inferYearFor(m: number, d: number, ref: number, future = false): number {
  const ry = fromDay(ref).y;
  if (future) {
    for (const y of [ry - 1, ry, ry + 1]) if (dayNumber(y, m, d) >= ref - 7) return y;
    return ry + 1;
  }
  for (const y of [ry + 1, ry, ry - 1]) if (dayNumber(y, m, d) <= ref + 7) return y;
  return ry - 1;
}

export interface DateCtx {
  /** reference day (publication) */
  ref: number;
  /** the last day-precision date mentioned before, in this article */
  anchor: number | null;
  /** the article's locale (src/text): dates in its language; English (or none) reads with the English rules of dates.ts */
  locale?: Locale | null;
}

/**
 * Dates in a sentence of any language with a locale — in src/text so that every stage may read them (clustering
 * as well as analysis): the locale's date templates ("{d} . {month}",
 * "la víspera", "накануне", "{y} 年 {mn} 月 {d} 日") matched over tokens, then resolved against the reference day
 * (publication) and the last dated event (anchor) like English dates (analyze/dates.ts): absolute days and months,
 * parts of months, years, days relative to today, weekdays, and days relative to the last dated event.
 * Persian solar dates (مهر ۱۴۰۴) are converted to the Gregorian calendar.
 */
import type { Locale } from './locale.ts';
import { splitClitics, tokenize, type Token } from './tokens.ts';
import { firstSlot, matchTemplate, wordsAt, type PhraseMatch, type SlotReaders } from './phrases.ts';
import { dayToJalali, jalaliMonthLength, jalaliToDay, nowruzDay } from './jalali.ts';
import { dayNumber, fromDay, inferYearFor, type DateMention, type DateRange, type DateCtx } from './days.ts';

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function num(t: Token | undefined, lo: number, hi: number): number | null {
  return t && t.num !== undefined && t.num >= lo && t.num <= hi && (t.kind !== 'digits' || t.end - t.start <= String(hi).length)
    ? t.num
    : null;
}

function slotReaders(loc: Locale): SlotReaders {
  const one = (v: number | null, i: number) => (v === null ? [] : [{ end: i + 1, value: v }]);
  return {
    d: (t, i) => one(num(t[i], 1, 31), i),
    mn: (t, i) => one(num(t[i], 1, 12), i),
    y: (t, i) => one(t[i]?.kind === 'digits' && t[i].end - t[i].start === 4 ? num(t[i], 1300, 2099) : num(t[i], 1900, 2099), i),
    n: (t, i) =>
      num(t[i], 1, 400) !== null ? one(t[i].num!, i) : wordsAt(loc.numberWords, t, i).filter((h) => h.value >= 1 && h.value <= 400),
    month: (t, i) => wordsAt(loc.months, t, i),
    jmonth: (t, i) => wordsAt(loc.solarMonths, t, i),
    wd: (t, i) => wordsAt(loc.weekdays, t, i),
  };
}

const isJalaliYear = (y: number | undefined) => y !== undefined && y >= 1300 && y < 1500;

function inferJalaliYear(jm: number, jd: number, ref: number, future: boolean): number {
  const jy = dayToJalali(ref)?.jy ?? 1404;
  const at = (y: number) => jalaliToDay(y, jm, Math.min(jd, jalaliMonthLength(y, jm))) ?? 0;
  if (future) return [jy - 1, jy, jy + 1].find((y) => at(y) >= ref - 7) ?? jy + 1;
  return [jy + 1, jy, jy - 1].find((y) => at(y) <= ref + 7) ?? jy - 1;
}

interface MonthSpan {
  first: number;
  last: number;
  solar?: boolean;
}

/** The days of the month a match names (Gregorian or solar), with its year given or inferred. */
function monthSpan(s: Record<string, number>, ref: number, future: boolean): MonthSpan | null {
  const jalali = s.jmonth !== undefined || (s.mn !== undefined && isJalaliYear(s.y));
  if (jalali) {
    const jm = s.jmonth ?? s.mn;
    const jy = s.y ?? inferJalaliYear(jm, 1, ref, future);
    if (!isJalaliYear(jy)) return null;
    const first = jalaliToDay(jy, jm, 1);
    return first === null ? null : { first, last: first + jalaliMonthLength(jy, jm) - 1, solar: true };
  }
  if (isJalaliYear(s.y)) return null;
  const mi = (s.month ?? s.mn) - 1;
  if (!(mi >= 0)) return null;
  const y = s.y ?? inferYearFor(mi, 1, ref, future);
  return { first: dayNumber(y, mi, 1), last: dayNumber(y, mi + 1, 1) - 1 };
}

/** A day of a month (Gregorian or solar). */
function dayOf(s: Record<string, number>, ref: number, future: boolean): number | null {
  const jalali = s.jmonth !== undefined || (s.mn !== undefined && isJalaliYear(s.y));
  if (jalali) {
    const jm = s.jmonth ?? s.mn;
    return jalaliToDay(s.y ?? inferJalaliYear(jm, s.d, ref, future), jm, s.d);
  }
  if (isJalaliYear(s.y)) return null;
  const mi = (s.month ?? s.mn) - 1;
  const y = s.y ?? inferYearFor(mi, s.d, ref, future);
  const n = dayNumber(y, mi, s.d);
  return fromDay(n).m === mi ? n : null;
}

const day = (n: number): DateRange => ({ start: n, end: n, precision: 'day' });

function weekdayDay(wd: number, ref: number, which: 'last' | 'next' | 'near', future: boolean): number {
  const target = wd % 7; // ISO 1..7 → 0 = Sunday
  const refWd = (ref + 4) % 7; // 1970-01-01 was a Thursday
  if (which === 'next') return ref + ((target - refWd + 7) % 7 || 7);
  if (which === 'near' && future) return ref + ((target - refWd + 7) % 7);
  const n = ref - ((refWd - target + 7) % 7);
  return which === 'last' && n === ref ? n - 7 : n;
}

type Resolved = { range: DateRange; kind: DateMention['kind'] } | 'ignore' | null;

/** A day, month, part of a month or year named outright ("3 March", "mid-March 2024", "1403"); undefined for other categories. */
function namedDate(m: PhraseMatch, ref: number, future: boolean): Resolved | undefined {
  const s = m.slots;
  const x = fromDay(ref);
  switch (m.category) {
    case 'day': {
      const n = dayOf(s, ref, future);
      return n === null ? null : { range: day(n), kind: 'absolute' };
    }
    case 'dayOfMonth': {
      let n = dayNumber(x.y, x.m, s.d);
      if (s.d > x.d + 7 && !future) n = dayNumber(x.y, x.m - 1, s.d);
      return fromDay(n).d === s.d ? { range: day(n), kind: 'absolute' } : null;
    }
    case 'month':
    case 'monthYear': {
      const sp = monthSpan(s, ref, future);
      // a solar month spans two Gregorian months: its exact days, as a part
      const precision = sp?.solar ? 'part' : 'month';
      return sp && { range: { start: sp.first, end: sp.last, precision }, kind: s.y !== undefined ? 'absolute' : 'partial' };
    }
    case 'early':
    case 'mid':
    case 'late': {
      const sp = monthSpan(s, ref, future);
      if (!sp) return null;
      const r =
        m.category === 'early'
          ? [sp.first, sp.first + 9]
          : m.category === 'mid'
            ? [sp.first + 10, sp.first + 19]
            : [sp.first + 20, sp.last];
      return { range: { start: r[0], end: r[1], precision: 'part' }, kind: 'partial' };
    }
    case 'year': {
      if (isJalaliYear(s.y)) {
        const a = nowruzDay(s.y);
        const b = nowruzDay(s.y + 1);
        return a === null || b === null ? null : { range: { start: a, end: b - 1, precision: 'year' }, kind: 'absolute' };
      }
      return { range: { start: dayNumber(s.y, 0, 1), end: dayNumber(s.y, 11, 31), precision: 'year' }, kind: 'absolute' };
    }
  }
  return undefined;
}

/** A day, month or year counted from the reference day ("yesterday", "last month", "on Friday"); undefined for other categories. */
function fromReference(category: string, s: Record<string, number>, ref: number, future: boolean): DateRange | undefined {
  const x = fromDay(ref);
  switch (category) {
    case 'today':
      return day(ref);
    case 'yesterday':
      return day(ref - 1);
    case 'tomorrow':
      return day(ref + 1);
    case 'beforeYesterday':
      return day(ref - 2);
    case 'afterTomorrow':
      return day(ref + 2);
    case 'daysAgo':
      return day(ref - s.n);
    case 'thisMonth':
      return { start: dayNumber(x.y, x.m, 1), end: dayNumber(x.y, x.m + 1, 1) - 1, precision: 'month' };
    case 'lastMonth':
      return { start: dayNumber(x.y, x.m - 1, 1), end: dayNumber(x.y, x.m, 1) - 1, precision: 'month' };
    case 'thisYear':
      return { start: dayNumber(x.y, 0, 1), end: dayNumber(x.y, 11, 31), precision: 'year' };
    case 'lastYear':
      return { start: dayNumber(x.y - 1, 0, 1), end: dayNumber(x.y - 1, 11, 31), precision: 'year' };
    case 'nextYear':
      return { start: dayNumber(x.y + 1, 0, 1), end: dayNumber(x.y + 1, 11, 31), precision: 'year' };
    case 'weekday':
      return day(weekdayDay(s.wd, ref, 'near', future));
    case 'lastWeekday':
      return day(weekdayDay(s.wd, ref, 'last', future));
    case 'nextWeekday':
      return day(weekdayDay(s.wd, ref, 'next', future));
  }
  return undefined;
}

/** Resolve a matched template to a range, or null when it is not a date here (an invalid day, no anchor). */
function resolve(m: PhraseMatch, ref: number, anchor: number | null, future: boolean): Resolved {
  const s = m.slots;
  if (/^days/.test(m.category) && s.n === undefined) return null;
  if (m.category === 'ignore') return 'ignore';
  const named = namedDate(m, ref, future);
  if (named !== undefined) return named;
  const counted = fromReference(m.category, s, ref, future);
  if (counted) return { range: counted, kind: 'relative' };
  // days relative to the last dated event: "the day before", "two days later"
  if (anchor === null) return null;
  const delta: Record<string, number> = { prevDay: -1, nextDay: 1, sameDay: 0, daysBefore: -(s.n ?? 0), daysAfter: s.n ?? 0 };
  return m.category in delta ? { range: day(anchor + delta[m.category]), kind: 'relative' } : null;
}

/** Categories of days counted from the publication date. */
const FROM_PUBLISHED = new Set([
  'today',
  'yesterday',
  'tomorrow',
  'beforeYesterday',
  'afterTomorrow',
  'daysAgo',
  'weekday',
  'lastWeekday',
  'nextWeekday',
]);

/** Categories whose leading words (prepositions) are not part of the date as written. */
const TRIM_LEAD = new Set(['day', 'dayOfMonth', 'month', 'monthYear', 'year']);
const TAKES_YEAR = new Set(['day', 'monthYear', 'month', 'early', 'mid', 'late']);

function longestAt(set: Locale['dates'], toks: Token[], i: number, readers: SlotReaders): PhraseMatch[] {
  const all: PhraseMatch[] = [];
  const starts = new Map<string, boolean>();
  for (const tpl of set.at(toks, i)) {
    const slot = firstSlot(tpl);
    if (slot !== null) {
      let can = starts.get(slot);
      if (can === undefined) starts.set(slot, (can = (readers[slot]?.(toks, i).length ?? 0) > 0));
      if (!can) continue;
    }
    const m = matchTemplate(tpl, toks, i, readers);
    if (m) all.push(m);
  }
  return all.sort((a, b) => b.end - a.end); // stable: ties keep the category order
}

function hasPhrase(index: Locale['future'], toks: Token[], from: number, to: number, endAt?: number): boolean {
  for (let i = Math.max(0, from); i < to; i++)
    for (const h of wordsAt(index, toks, i)) if (endAt === undefined || h.end === endAt) return true;
  return false;
}

/** Date mentions of one sentence in the locale's language; `ctx.anchor` follows the dated events as in findDates. */
export function findLocaleDates(sentence: string, ctx: DateCtx, loc: Locale): DateMention[] {
  const toks = splitClitics(tokenize(sentence, loc.numerals), loc.clitics, loc.vocabulary);
  const readers = slotReaders(loc);
  const future = hasPhrase(loc.future, toks, 0, toks.length);
  const out: DateMention[] = [];
  let i = 0;
  while (i < toks.length) {
    let taken = false;
    for (const m of longestAt(loc.dates, toks, i, readers)) {
      if (TAKES_YEAR.has(m.category) && (m.slots.month !== undefined || m.slots.jmonth !== undefined) && m.slots.y === undefined) {
        const tail = longestAt(loc.yearTail, toks, m.end, readers)[0];
        if (tail) m.slots.y = tail.slots.y;
        if (tail) m.end = tail.end;
      }
      if (m.category === 'monthYear' && m.slots.y === undefined) continue;
      const before = out.filter((d) => d.range.precision === 'day' && d.kind !== 'relative');
      const anchor = before.length ? before[before.length - 1].range.start : ctx.anchor;
      const r = resolve(m, ctx.ref, anchor, future);
      if (r === null) continue;
      taken = true;
      i = m.end;
      if (r === 'ignore') break;
      const first = TRIM_LEAD.has(m.category) ? Math.min(m.firstSlot, m.end - 1) : m.start;
      const start = toks[first].start;
      const end = toks[m.end - 1].end;
      const since = loc.since.has(toks[m.start - 1]?.t ?? '') || toks.slice(m.start, first).some((t) => loc.since.has(t.t));
      const attribution =
        hasPhrase(loc.attribution, toks, m.start - 4, m.start, m.start) ||
        hasPhrase(loc.attribution, toks, m.start - 5, m.start - 1, m.start - 1);
      out.push({
        text: sentence.slice(start, end),
        start,
        end,
        range: r.range,
        kind: r.kind,
        ...(since ? { since } : {}),
        ...(attribution ? { attribution } : {}),
        ...(m.slots.wd !== undefined && r.kind === 'relative' ? { weekday: WEEKDAY_NAMES[m.slots.wd - 1] } : {}),
        ...(FROM_PUBLISHED.has(m.category) ? { fromPublished: true } : {}),
      });
      break;
    }
    if (!taken) i++;
  }
  // "Montag, 20. Oktober", "20 Ekim Pazartesi": the weekday goes with the date, it is not a second one
  const next = (a: DateMention | undefined, b: DateMention | undefined) => !!a && !!b && /^[\s,.،]*$/u.test(sentence.slice(a.end, b.start));
  const dated = out.filter(
    (w, k) =>
      !(
        w.weekday &&
        ((out[k + 1]?.kind === 'absolute' && next(w, out[k + 1])) || (out[k - 1]?.kind === 'absolute' && next(out[k - 1], w)))
      ),
  );
  out.splice(0, out.length, ...dated);
  const days = out.filter((x) => x.range.precision === 'day' && x.kind === 'absolute');
  if (days.length) ctx.anchor = days[days.length - 1].range.start;
  return out;
}

/**
 * Dates in sentences, resolved to day ranges with a precision: absolute
 * ("March 3", "3 March 2024"), partial ("in July", "mid-March",
 * "late May", "since 2019"), relative ("a day earlier" = the day before
 * the last dated event, "this year", "last month", "on Friday"), against a
 * reference date (the article's publication date, or the story's).
 */

import enLocale from '../text/data/locale/en.json' with { type: 'json' };
import { findLocaleDates } from '../text/dates.ts';
import { dayNumber, fromDay, inferYearFor, type DateCtx, type DateMention, type DateRange } from '../text/days.ts';

// Defined in text/days.ts (shared with text/dates.ts, the other languages' reader); re-exported for this module's importers.
export { dayNumber, fromDay, inferYearFor, type DateCtx, type DateMention, type DateRange, type Precision } from '../text/days.ts';

// month, weekday and number words from the English locale (src/text/data/locale/en.json)
const MONTHS = enLocale.months.map((forms) => forms[0]);
const MONTH_ABBR: Record<string, number> = Object.fromEntries(enLocale.months.flatMap((forms, i) => forms.slice(1).map((f) => [f, i])));
/** Sunday first, as Date.getUTCDay counts */
const WEEKDAYS = [enLocale.weekdays[6][0], ...enLocale.weekdays.slice(0, 6).map((forms) => forms[0])];
const NUMW: Record<string, number> = enLocale.numbers;

function monthEnd(y: number, m: number): number {
  return dayNumber(y, m + 1, 1) - 1;
}
export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

function monthIndex(w: string): number {
  const f = w.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(f);
  if (i >= 0) return i;
  return MONTH_ABBR[f] ?? -1;
}

const FUTURE = /\b(?:will|shall|is due|are due|scheduled|expected to|plans? to|has to|have to|is set to|are set to|upcoming)\b/i;

/** Format a range for a report: '2025', '2025-10' or '2025-10-27' by precision ('part' shows the month). */
export function formatRange(r: DateRange): string {
  const a = fromDay(r.start);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (r.precision === 'year') return String(a.y);
  if (r.precision === 'month' || r.precision === 'part') return `${a.y}-${pad(a.m + 1)}`;
  return `${a.y}-${pad(a.m + 1)}-${pad(a.d)}`;
}

/** A normalized form showing the exact range: '2025-10-26', '2025-10-11..2025-10-20'. */
export function normalizeRange(r: DateRange): string {
  const f = (n: number) => {
    const x = fromDay(n);
    return `${x.y}-${String(x.m + 1).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
  };
  if (r.precision === 'day') return f(r.start);
  if (r.precision === 'month' || r.precision === 'year') return formatRange(r);
  return `${f(r.start)}..${f(r.end)}`;
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
/** "(January|…|December|Jan\.?|…|Sept\.?|Sep\.?|…)": names first, then abbreviations (longer first), each with its dot. */
const MONTH_RE = `(${[
  ...MONTHS.map(capital),
  ...Object.keys(MONTH_ABBR)
    .sort((a, b) => b.length - a.length || MONTH_ABBR[a] - MONTH_ABBR[b])
    .map((a) => capital(a) + String.raw`\.?`),
].join('|')})`;
const PART_RE = String.raw`(early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|the second half of)[\s-]+`;

/**
 * A past-tense verb right before a weekday dates it in the past even in a sentence about the future ("will cause chaos,
 * Biden warned on Thursday"); not after an auxiliary ("will be released on Friday", "is expected on Friday").
 */
function pastVerbBefore(pre: string): boolean {
  const m = /(?:^|\s)(\p{Ll}+ed)\s+(?:on\s+)?$/u.exec(pre);
  if (!m) return ATTRIBUTION.test(pre) && !AUXILIARY_BEFORE.test(pre.replace(ATTRIBUTION, ''));
  return !AUXILIARY_BEFORE.test(pre.slice(0, m.index + 1));
}
/** An auxiliary (and an adverb) ending the text: the verb after it is not a simple past. */
const AUXILIARY_BEFORE = /\b(?:will|would|shall|be|been|being|is|are|was|were|to|has|have|had|get|gets)\s+(?:\p{Ll}+ly\s+)?$/u;

const ATTRIBUTION =
  /\b(?:said|says|told(?: \w+)?|announced|added|reported|wrote|stated|declared|showed|published|released|revealed|confirmed)\s+(?:on\s+|late\s+|early\s+)?$/i;

const RE_PART = new RegExp(String.raw`\b${PART_RE}${MONTH_RE}(?:,?\s+((?:19|20)\d\d))?\b`, 'gi');
const RE_MDY = new RegExp(
  String.raw`\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?${MONTH_RE}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?`,
  'g',
);
const RE_DMY = new RegExp(String.raw`\b(\d{1,2})\s+${MONTH_RE}\b(?:,?\s+((?:19|20)\d\d)\b)?`, 'g');
const RE_MONTH = new RegExp(
  String.raw`\b(?:(in|since|by|until|from|through|during|last|this|next|of|before|after)\s+)?${MONTH_RE}(?:\s+((?:19|20)\d\d))?\b`,
  'gi',
);
const RE_YEAR =
  /\b(in|since|by|as of|until|from|of|during|before|after|early|late|mid|through|around|circa)[\s-]+((?:19|20)\d\d)\b(?!\s*(?:people|percent|%|[a-z]+s\b))/gi;
const RE_WEEKDAY = /\b(?:(on|last|this|next|since|by|until)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;

/** The day-counts of relative dates: "a", "two", "3". */
const DAY_COUNT = String.raw`(a|one|two|three|four|five|six|seven|\d+)`;
/** "a day earlier", "two days later", "the day before", "the next day": relative to the last dated event. */
const RE_ANCHORED = new RegExp(
  String.raw`\b(?:(only|just)\s+)?(?:${DAY_COUNT}\s+days?\s+(earlier|later|(?:before|after)(?!\s+(?:the|a|an|his|her|its|their)\b))` +
    String.raw`|the (day before|previous day|next day|following day|day after|same day))\b`,
  'gi',
);
/** Words before a date that are not its head noun or verb. */
const NOT_HEAD =
  /^(?:on|in|at|by|since|until|through|from|of|the|a|an|and|or|but|as|to|for|with|that|which|who|was|were|is|are|be|been|had|has|have)$/;

/** One sentence being read: the mentions found so far and the spans they take (a later pattern may not overlap them). */
interface DateScan {
  sentence: string;
  out: DateMention[];
  taken: Array<[number, number]>;
  /** the reference day and its year */
  ref: number;
  ry: number;
  /** the sentence speaks of the future (a bare month or weekday is the next one) */
  fut: boolean;
}

/** Records a match as a mention unless it overlaps one found before; `off` leaves out a leading preposition. */
function addDate(
  s: DateScan,
  m: RegExpExecArray | { index: number; 0: string },
  range: DateRange,
  kind: DateMention['kind'],
  since = false,
  off = 0,
): void {
  const start = m.index + off;
  const end = m.index + m[0].length;
  if (s.taken.some(([x, y]) => start < y && end > x)) return;
  s.taken.push([start, end]);
  s.out.push({ text: s.sentence.slice(start, end), start, end, range, kind, ...(since ? { since } : {}) });
}

/** Every match of a global pattern in the sentence. */
function matchesOf(re: RegExp, sentence: string): RegExpExecArray[] {
  const all: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) all.push(m);
  return all;
}

/** Part of a month: "mid-March", "late May 2024", "the end of September". */
function partsOfMonth(s: DateScan): void {
  for (const m of matchesOf(RE_PART, s.sentence)) {
    const mi = monthIndex(m[2]);
    if (mi < 0) continue;
    const y = m[3] ? Number(m[3]) : inferYearFor(mi, 1, s.ref, s.fut);
    const p = m[1].toLowerCase();
    const end = monthEnd(y, mi);
    const first = dayNumber(y, mi, 1);
    let r: DateRange;
    if (p === 'early' || /beginning|start/.test(p)) r = { start: first, end: first + 9, precision: 'part' };
    else if (p === 'mid' || /middle/.test(p)) r = { start: first + 10, end: first + 19, precision: 'part' };
    else if (/first half/.test(p)) r = { start: first, end: first + 14, precision: 'part' };
    else if (/second half/.test(p)) r = { start: first + 15, end, precision: 'part' };
    else r = { start: first + 20, end, precision: 'part' };
    addDate(s, m, r, 'partial');
  }
}

/** Days of a month: "March 3", "Mar. 3, 2024" (optionally after a weekday) with RE_MDY, "26 October 2025" with RE_DMY. */
function monthDays(s: DateScan, re: RegExp, monthGroup: number, dayGroup: number): void {
  for (const m of matchesOf(re, s.sentence)) {
    const mi = monthIndex(m[monthGroup]);
    const d = Number(m[dayGroup]);
    if (mi < 0 || d < 1 || d > 31) continue;
    const y = m[3] ? Number(m[3]) : inferYearFor(mi, d, s.ref, s.fut);
    const n = dayNumber(y, mi, d);
    addDate(s, m, { start: n, end: n, precision: 'day' }, 'absolute');
  }
}

/** A month alone (after a preposition) or with its year: "in July", "since September", "October 2025". */
function months(s: DateScan): void {
  const { ref, ry } = s;
  for (const m of matchesOf(RE_MONTH, s.sentence)) {
    if (!m[1] && !m[3]) continue;
    if (!/^[A-Z]/.test(m[2])) continue;
    const mi = monthIndex(m[2]);
    if (mi < 0) continue;
    const prep = (m[1] ?? '').toLowerCase();
    let y = m[3] ? Number(m[3]) : inferYearFor(mi, 1, ref, s.fut);
    if (!m[3] && prep === 'last') y = dayNumber(ry, mi, 1) < ref ? ry - 1 : ry - 1;
    if (!m[3] && prep === 'next') y = dayNumber(ry, mi, 1) > ref ? ry : ry + 1;
    const off = m[1] && !['last', 'this', 'next'].includes(prep) ? m[1].length + 1 : 0;
    addDate(
      s,
      m,
      { start: dayNumber(y, mi, 1), end: monthEnd(y, mi), precision: 'month' },
      m[3] ? 'absolute' : 'partial',
      prep === 'since',
      off,
    );
  }
}

/** Years after a word: "in 2023", "since 2023", "as of 2018", "by 2018". */
function years(s: DateScan): void {
  for (const m of matchesOf(RE_YEAR, s.sentence)) {
    const y = Number(m[2]);
    const p = m[1].toLowerCase();
    const off = ['early', 'late', 'mid'].includes(p) ? 0 : m[1].length + (m[0].length - m[1].length - m[2].length);
    addDate(s, m, { start: dayNumber(y, 0, 1), end: dayNumber(y, 11, 31), precision: 'year' }, 'absolute', p === 'since', off);
  }
}

/** Weekdays: "on Friday", "last Tuesday" — the past one, or the coming one in a sentence about the future. */
function weekdays(s: DateScan): void {
  const ref = s.ref;
  for (const m of matchesOf(RE_WEEKDAY, s.sentence)) {
    const wd = WEEKDAYS.indexOf(m[2].toLowerCase());
    const refWd = (ref + 4) % 7; // 1970-01-01 was a Thursday
    const p = (m[1] ?? '').toLowerCase();
    let n: number;
    if (p === 'next') n = ref + ((wd - refWd + 7) % 7 || 7);
    else if (s.fut && p !== 'last' && p !== 'since' && !pastVerbBefore(s.sentence.slice(Math.max(0, m.index - 40), m.index)))
      n = ref + ((wd - refWd + 7) % 7);
    else n = ref - ((refWd - wd + 7) % 7);
    if (p === 'last' && n === ref) n -= 7;
    addDate(s, m, { start: n, end: n, precision: 'day' }, 'relative');
  }
}

/** Words relative to the reference day ("yesterday", "last month", "two days ago") and the range each names. */
const RELATIVE_WORDS: Array<[RegExp, (mm: RegExpExecArray, ref: number, ry: number) => DateRange | null]> = [
  [/\b(?:today|this morning|this afternoon|tonight)\b/gi, (_, ref) => ({ start: ref, end: ref, precision: 'day' })],
  [/\byesterday\b/gi, (_, ref) => ({ start: ref - 1, end: ref - 1, precision: 'day' })],
  [/\btomorrow\b/gi, (_, ref) => ({ start: ref + 1, end: ref + 1, precision: 'day' })],
  [
    /\b(?:earlier )?this month\b/gi,
    (_, ref) => {
      const x = fromDay(ref);
      return { start: dayNumber(x.y, x.m, 1), end: monthEnd(x.y, x.m), precision: 'month' };
    },
  ],
  [
    /\blast month\b/gi,
    (_, ref) => {
      const x = fromDay(ref);
      return { start: dayNumber(x.y, x.m - 1, 1), end: dayNumber(x.y, x.m, 1) - 1, precision: 'month' };
    },
  ],
  [/\b(?:earlier )?this year\b/gi, (_, _ref, ry) => ({ start: dayNumber(ry, 0, 1), end: dayNumber(ry, 11, 31), precision: 'year' })],
  [/\blast year\b/gi, (_, _ref, ry) => ({ start: dayNumber(ry - 1, 0, 1), end: dayNumber(ry - 1, 11, 31), precision: 'year' })],
  [
    new RegExp(String.raw`\b${DAY_COUNT} days? ago\b`, 'gi'),
    (mm, ref) => {
      const k = NUMW[mm[1].toLowerCase()] ?? Number(mm[1]);
      return { start: ref - k, end: ref - k, precision: 'day' };
    },
  ],
];

function relativeWords(s: DateScan): void {
  for (const [re, f] of RELATIVE_WORDS)
    for (const m of matchesOf(re, s.sentence)) {
      const range = f(m, s.ref, s.ry);
      if (range) addDate(s, m, range, 'relative');
    }
}

/**
 * Days relative to the last dated event: "a day earlier", "the next day". The anchor is the last day-precision date of
 * this sentence before the words, else `ctx.anchor` (the article's last one before the sentence).
 */
function anchoredDays(s: DateScan, ctx: DateCtx): void {
  const sorted = () => s.out.filter((x) => x.range.precision === 'day' && x.kind !== 'relative').sort((a, b) => a.start - b.start);
  RE_ANCHORED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RE_ANCHORED.exec(s.sentence))) {
    const before = sorted().filter((x) => x.end <= m!.index);
    const anchor = before.length ? before[before.length - 1].range.start : ctx.anchor;
    if (anchor === null) continue;
    let delta: number;
    if (m[4]) delta = /before|previous/.test(m[4].toLowerCase()) ? -1 : /same/.test(m[4].toLowerCase()) ? 0 : 1;
    else {
      const k = NUMW[m[2].toLowerCase()] ?? Number(m[2]);
      delta = /earlier|before/.test(m[3].toLowerCase()) ? -k : k;
    }
    const n = anchor + delta;
    const off = m[1] ? m[1].length + 1 : 0;
    addDate(s, m, { start: n, end: n, precision: 'day' }, 'relative', false, off);
  }
}

/** What the words around each date say of it: attributed ("said on Friday"), its head word, a modifier of a noun. */
function markContext(s: DateScan, ctx: DateCtx): void {
  for (const d of s.out) {
    const pre = s.sentence.slice(Math.max(0, d.start - 40), d.start);
    if (ATTRIBUTION.test(pre)) d.attribution = true;
    const h = /(?:^|\s)(\p{Ll}[\p{Ll}'’-]+)\s+(?:(?:on|in|at|by|since|until|through|from|of|as of)\s+)?$/u.exec(pre);
    // "the Jan. 6 riot" names a past event; "a Tuesday hearing", "a May 11 hearing" in the week of the news date one
    const named = !weekdayOf(d) && Math.abs(d.range.start - ctx.ref) > NEWS_WEEK;
    if (/\b(?:the|a|an|this|last|that)\s+$/i.test(pre) && /^\s+[\p{L}]/u.test(s.sentence.slice(d.end, d.end + 3)) && named)
      d.modifier = true;
    if (h && !NOT_HEAD.test(h[1])) d.head = h[1];
  }
}

/**
 * Date mentions of one sentence. `ctx.anchor` is updated as day-precision
 * dates are found, so relative days ("a day earlier") chain within an article.
 * The patterns are tried in order, the earlier ones first: a later match overlapping an earlier one is left out.
 */
export function findDates(sentence: string, ctx: DateCtx): DateMention[] {
  if (ctx.locale && ctx.locale.lang !== 'en') return findLocaleDates(sentence, ctx, ctx.locale);
  const s: DateScan = { sentence, out: [], taken: [], ref: ctx.ref, ry: fromDay(ctx.ref).y, fut: FUTURE.test(sentence) };
  partsOfMonth(s);
  monthDays(s, RE_MDY, 1, 2);
  monthDays(s, RE_DMY, 2, 1);
  months(s);
  years(s);
  weekdays(s);
  relativeWords(s);
  anchoredDays(s, ctx);
  markContext(s, ctx);
  const out = s.out;
  out.sort((a, b) => a.start - b.start);
  // the anchor for later sentences: the last explicit day mentioned
  const days = out.filter((x) => x.range.precision === 'day' && x.kind === 'absolute');
  if (days.length) ctx.anchor = days[days.length - 1].range.start;
  return out;
}

/** "Published:" or "Updated:" before a dateline. */
const DATELINE_LABEL = String.raw`(?:Published:?\s*|Updated:?\s*)?`;

/**
 * A publication date stated as a dateline in the first lines of an article:
 * "Friday, October 31" (year inferred from the weekday, the latest such year
 * not after `now`), "October 31, 2025", "31 October 2025".
 */
export function findDateline(sentences: string[], now: Date): number | null {
  const today = dayOf(now);
  for (const s of sentences.slice(0, 12)) {
    const t = s.trim().replace(/[.|]$/, '');
    if (t.split(/\s+/).length > 7) continue;
    let m = new RegExp(
      String.raw`^${DATELINE_LABEL}(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+${MONTH_RE}\s+(\d{1,2})(?:st|nd|rd|th)?` +
        String.raw`(?:,?\s+((?:19|20)\d\d))?$`,
      'i',
    ).exec(t);
    if (m) {
      const wd = WEEKDAYS.indexOf(m[1].toLowerCase());
      const mi = monthIndex(m[2]);
      const d = Number(m[3]);
      if (mi < 0) continue;
      if (m[4]) return dayNumber(Number(m[4]), mi, d);
      const ny = fromDay(today).y;
      for (let y = ny; y >= ny - 10; y--) {
        const n = dayNumber(y, mi, d);
        if (n <= today && (n + 4) % 7 === wd) return n;
      }
      continue;
    }
    m = new RegExp(String.raw`^(?:Published:?\s*|Updated:?\s*)?${MONTH_RE}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)$`, 'i').exec(t);
    if (m) {
      const mi = monthIndex(m[1]);
      if (mi >= 0) return dayNumber(Number(m[3]), mi, Number(m[2]));
    }
    m = new RegExp(String.raw`^(\d{1,2})\s+${MONTH_RE}\s+((?:19|20)\d\d)$`, 'i').exec(t);
    if (m) {
      const mi = monthIndex(m[2]);
      if (mi >= 0) return dayNumber(Number(m[3]), mi, Number(m[1]));
    }
  }
  return null;
}

/** Day number of an ISO date or date-time string, or null. */
export function parseIsoDay(s: string | null): number | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  return dayNumber(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Days from publication within which a date before a noun ("a May 11 hearing") dates the news rather than names a past event. */
export const NEWS_WEEK = 7;

/** The weekday a relative date names ("on Friday" → "friday"), else null. */
export function weekdayOf(d: DateMention): string | null {
  if (d.weekday) return d.weekday;
  return d.kind === 'relative' ? (/^(?:on |last |this |since |by |until )?(\p{L}+day)$/iu.exec(d.text)?.[1].toLowerCase() ?? null) : null;
}

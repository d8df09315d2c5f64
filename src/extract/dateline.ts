/**
 * Datelines: the date an article states about itself ("Friday, October 31",
 * "31.10.2025", "2025-10-31", "viernes, 31 de octubre de 2025", "31 октября").
 * A date written without a year is resolved against a reference date `now`:
 * with a weekday, it is the date that falls on that weekday, nearest before
 * (or on) `now`; without one, the most recent occurrence on or before `now`.
 * Pure functions; no clock is read here.
 */

import { foldToken, MONTHS, WEEKDAYS } from '../util/calendar.ts';

export { foldToken } from '../util/calendar.ts';

export type DateEvidence =
  'dateline-iso' | 'dateline-numeric' | 'dateline-full' | 'dateline-weekday' | 'dateline-day-month' | 'dateline-relative';

export interface DateMatch {
  /** YYYY-MM-DD */
  date: string;
  evidence: DateEvidence;
  /** The line holds nothing but the date (plus a time, time zone or label): a dateline, not prose. */
  wholeLine: boolean;
}

/** One day of slack after `now`: a local date can be ahead of the UTC date of `now`. */
const SLACK_DAYS = 1;
const MAX_YEARS_BACK = 40;
const MAX_LINE = 200;

/** Words that may stand next to a date in a dateline without making it prose. */
const LABELS = new Set(
  [
    'published',
    'updated',
    'posted',
    'last',
    'modified',
    'ago',
    'hour',
    'hours',
    'hrs',
    'min',
    'mins',
    'minute',
    'minutes',
    'uhr',
    'stand',
    'há',
    'hora',
    'horas',
    'minuto',
    'minutos',
    'hace',
    'il',
    'y',
    'a',
    'heure',
    'heures',
    'vor',
    'stunde',
    'stunden',
    'minuten',
    'назад',
    'час',
    'часа',
    'часов',
    'минут',
    'тому',
    'годин',
    'saat',
    'önce',
    'dakika',
    'on',
    'at',
    'am',
    'pm',
    'a',
    'm',
    'p',
    'gmt',
    'utc',
    'cet',
    'cest',
    'est',
    'edt',
    'pst',
    'pdt',
    'bst',
    'msk',
    'eet',
    'eest',
    'ist',
    'the',
    'of',
    'de',
    'del',
    'do',
    'da',
    'le',
    'la',
    'el',
    'den',
    'der',
    'am',
    'um',
    'às',
    'h',
    'hs',
    'hrs',
    'th',
    'st',
    'nd',
    'rd',
    'er',
    'г',
    'года',
    'року',
    'р',
    'в',
    'о',
    'roku',
    'r',
    'godz',
    'publicado',
    'actualizado',
    'atualizado',
    'publié',
    'publie',
    'mis',
    'jour',
    'veröffentlicht',
    'aktualisiert',
    'stand',
    'pubblicato',
    'aggiornato',
    'opublikowano',
    'aktualizacja',
    'zaktualizowano',
    'опубликовано',
    'обновлено',
    'опубліковано',
    'оновлено',
    'yayınlanma',
    'güncelleme',
    'tarihi',
    'saat',
    'date',
    'fecha',
    'datum',
    'data',
    'дата',
    'tarih',
    'et',
    'y',
    'e',
    'und',
    'and',
    'i',
    'и',
    'і',
  ].map(foldToken),
);

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function nowDay(now: Date): number {
  return dayNumber(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * The date `month`/`day` that falls on `weekday` (1 = Monday … 7 = Sunday),
 * nearest before or on `now` (with one day of slack for time zones). Null when
 * no year in the last 40 fits (e.g. "Monday, February 30").
 */
export function resolveWeekdayDate(month: number, day: number, weekday: number, now: Date): string | null {
  const limit = nowDay(now) + SLACK_DAYS;
  const y0 = now.getUTCFullYear() + 1;
  for (let y = y0; y >= y0 - MAX_YEARS_BACK; y--) {
    if (!validDate(y, month, day) || dayNumber(y, month, day) > limit) continue;
    if (isoWeekday(y, month, day) === weekday) return isoDate(y, month, day);
  }
  return null;
}

/** The most recent `month`/`day` on or before `now` (one day of slack). */
export function resolveDayMonth(month: number, day: number, now: Date): string | null {
  const limit = nowDay(now) + SLACK_DAYS;
  const y0 = now.getUTCFullYear() + 1;
  for (let y = y0; y >= y0 - 8; y--) {
    if (validDate(y, month, day) && dayNumber(y, month, day) <= limit) return isoDate(y, month, day);
  }
  return null;
}

interface Tok {
  raw: string;
  fold: string;
  num: number | null;
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  for (const m of s.matchAll(/[\p{L}\p{M}'’-]+|\d+/gu)) {
    let raw = m[0].replace(/^['’-]+|['’-]+$/g, '');
    if (!raw) continue;
    if (/^\d+$/.test(raw)) {
      out.push({ raw, fold: raw, num: Number(raw) });
      continue;
    }
    raw = raw.replace(/’/g, "'");
    out.push({ raw, fold: foldToken(raw), num: null });
  }
  return out;
}

const TIME = /\b\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?/giu;

/** Chinese, Japanese, Korean: 2025年10月31日, 2025년 10월 31일, 10月31日. */
function cjkDate(text: string, now: Date): DateMatch | null {
  const m = /(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/u.exec(text);
  if (!m) return null;
  const mo = Number(m[2]),
    d = Number(m[3]);
  const rest = text
    .replace(m[0], ' ')
    .replace(/[（(]?[日月火水木金土一二三四五六][曜]?日?[）)]?|[星期周][一二三四五六日天]|[월화수목금토일]요일/gu, ' ');
  const wholeLine = restIsLabels(rest, null);
  if (m[1]) {
    const y = Number(m[1]);
    return validDate(y, mo, d) ? { date: isoDate(y, mo, d), evidence: 'dateline-full', wholeLine } : null;
  }
  const r = resolveDayMonth(mo, d, now);
  return r ? { date: r, evidence: 'dateline-day-month', wholeLine } : null;
}

/** Numeric forms: 2025-10-31, 2025/10/31, 31.10.2025, 31/10/2025, 31-10-2025. */
function numericDate(text: string): DateMatch | null {
  let m = /(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/u.exec(text);
  if (m) {
    const y = Number(m[1]),
      mo = Number(m[2]),
      d = Number(m[3]);
    if (validDate(y, mo, d))
      return { date: isoDate(y, mo, d), evidence: 'dateline-iso', wholeLine: restIsLabels(text.replace(m[0], ' '), null) };
  }
  m = /(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![\d])/u.exec(text);
  if (m) {
    let d = Number(m[1]),
      mo = Number(m[2]);
    const y = Number(m[3]);
    // Day first (most of the world) unless only month-first is possible.
    if (mo > 12 && d <= 12) [d, mo] = [mo, d];
    if (validDate(y, mo, d))
      return { date: isoDate(y, mo, d), evidence: 'dateline-numeric', wholeLine: restIsLabels(text.replace(m[0], ' '), null) };
  }
  return null;
}

/** The day number next to the month name at `mi` (31 October, 31. Oktober, 31 de octubre, October 31); -1: none. */
function dayNextTo(toks: Tok[], mi: number): number {
  const isDay = (i: number): boolean =>
    i >= 0 && i < toks.length && toks[i].num !== null && toks[i].raw.length <= 2 && (toks[i].num ?? 0) >= 1 && (toks[i].num ?? 0) <= 31;
  const skip = (i: number, dir: number): number => {
    let j = i + dir;
    while (j >= 0 && j < toks.length && ['de', 'of', 'the', 'st', 'nd', 'rd', 'th', 'er', 'eme'].includes(toks[j].fold)) j += dir;
    return j;
  };
  if (isDay(skip(mi, -1))) return skip(mi, -1);
  if (isDay(skip(mi, 1))) return skip(mi, 1);
  return -1;
}

/** A four-digit year within three words of the month and day; -1: none. */
function yearNear(toks: Tok[], mi: number, dayIdx: number): number {
  for (let i = Math.max(0, Math.min(mi, dayIdx) - 3); i < Math.min(toks.length, Math.max(mi, dayIdx) + 4); i++) {
    const t = toks[i];
    if (t.num !== null && t.raw.length === 4 && t.num >= 1900 && t.num <= 2200) return i;
  }
  return -1;
}

/** Worded forms: a month name with a day number next to it, an optional year and weekday. */
function wordedDate(text: string, now: Date): DateMatch | null {
  const toks = tokenize(text.replace(TIME, ' '));
  const mi = toks.findIndex((t) => t.num === null && MONTHS.has(t.fold));
  if (mi < 0) return null;
  const month = MONTHS.get(toks[mi].fold) ?? 0;
  const dayIdx = dayNextTo(toks, mi);
  if (dayIdx < 0) return null;
  const day = toks[dayIdx].num ?? 0;
  const yearIdx = yearNear(toks, mi, dayIdx);
  const year = yearIdx >= 0 ? toks[yearIdx].num : null;
  const wdIdx = toks.findIndex((t, i) => i !== mi && WEEKDAYS.get(t.fold) !== undefined);
  const weekday = wdIdx >= 0 ? (WEEKDAYS.get(toks[wdIdx].fold) ?? null) : null;
  const used = new Set([mi, dayIdx, yearIdx, wdIdx]);
  const whole = restIsLabels(
    null,
    toks.filter((_, i) => !used.has(i)),
  );
  if (year !== null) {
    if (!validDate(year, month, day)) return null;
    return { date: isoDate(year, month, day), evidence: 'dateline-full', wholeLine: whole };
  }
  if (weekday !== null) {
    const r = resolveWeekdayDate(month, day, weekday, now);
    return r ? { date: r, evidence: 'dateline-weekday', wholeLine: whole } : null;
  }
  const r = resolveDayMonth(month, day, now);
  return r ? { date: r, evidence: 'dateline-day-month', wholeLine: whole } : null;
}

/**
 * Finds a date in a short line. Returns null when there is none or the line is
 * long prose (dates inside sentences are not datelines).
 */
export function parseDateline(line: string, now: Date): DateMatch | null {
  const text = line.trim();
  if (!text || text.length > MAX_LINE) return null;
  return relative(text, now) ?? cjkDate(text, now) ?? numericDate(text) ?? wordedDate(text, now);
}

/** Whether what is left of a line besides its date is only labels, times, time zones or at most one other word (a place). */
function restIsLabels(rest: string | null, toks: Tok[] | null): boolean {
  const t = toks ?? tokenize((rest ?? '').replace(TIME, ' '));
  let others = 0;
  for (const x of t) {
    if (x.num !== null) {
      // Day numbers, and years of a second date ("Published … | Updated …").
      if (x.raw.length <= 2 || (x.raw.length === 4 && x.num >= 1900 && x.num <= 2200)) continue;
      others++;
      continue;
    }
    if (LABELS.has(x.fold) || WEEKDAYS.has(x.fold) || MONTHS.has(x.fold)) continue;
    others++;
  }
  return others <= 1;
}

// "2 hours ago", "hace 3 horas", "il y a 2 heures", "vor 2 Stunden", "2 saat önce", "2 часа назад", "yesterday".
const AGO = [
  /^(?:(?:updated|published|posted)\s*:?\s*)?(\d{1,3})\s*(?:minutes?|mins?|hours?|hrs?|h|m)\s+ago$/iu,
  /^hace\s+(\d{1,3})\s+(?:minutos?|horas?)$/iu,
  /^il\s+y\s+a\s+(\d{1,3})\s+(?:minutes?|heures?|h)$/iu,
  /^vor\s+(\d{1,3})\s+(?:minuten?|stunden?)$/iu,
  /^(\d{1,3})\s+(?:dakika|saat)\s+önce$/iu,
  /^(\d{1,3})\s+(?:минут[уы]?|час(?:а|ов)?)\s+назад$/iu,
  /^(\d{1,3})\s+(?:хвилин[уи]?|годин[уи]?)\s+тому$/iu,
];
const YESTERDAY = /^(?:(?:updated|published)\s*:?\s*)?(?:yesterday|ayer|hier|gestern|ontem|ieri|wczoraj|dün|вчера|вчора)$/iu;

function relative(text: string, now: Date): DateMatch | null {
  const t = text
    .replace(TIME, ' ')
    .replace(/[,.·|]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const day = (offset: number): string => {
    const d = new Date(now.getTime() - offset * 86_400_000);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  for (const re of AGO) {
    const m = re.exec(t);
    if (!m) continue;
    const hours = /(?:^|\s|\d)(?:h|hrs?|hours?|horas?|heures?|stunden?|saat)(?:\s|$)|час|годин/iu.test(t);
    return { date: day(hours ? Number(m[1]) / 24 : Number(m[1]) / 1440), evidence: 'dateline-relative', wholeLine: true };
  }
  if (YESTERDAY.test(t)) return { date: day(1), evidence: 'dateline-relative', wholeLine: true };
  return null;
}

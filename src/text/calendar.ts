/**
 * Calendar words of every locale file (data/locale/<lang>.json): the month and weekday forms, English first, for
 * the stages that read dates outside a language's own date phrases — datelines and page metadata (extract/), a
 * month before a day in a lead (cluster/), the dates a translation must keep (translate/). Read once, at first use.
 */
import { readFileSync } from 'node:fs';
import { localeLanguages } from './locale.ts';

export interface CalendarWords {
  lang: string;
  /** January..December: the forms of running text (name first), then `datelineMonths` (short forms for datelines only) */
  months: string[][];
  /** how many forms of each month are read in running text (the rest are dateline-only) */
  proseForms: number[];
  /** Monday..Sunday */
  weekdays: string[][];
}

interface RawCalendar {
  months: string[][];
  datelineMonths?: string[][];
  weekdays: string[][];
}

let cached: CalendarWords[] | null = null;

/** Each language's calendar words with Gregorian months (Chinese, which writes months as numbers, has none), English first. */
export function calendarWords(): readonly CalendarWords[] {
  if (cached) return cached;
  const dir = new URL('./data/locale/', import.meta.url);
  const langs = localeLanguages(dir).sort((a, b) => Number(b === 'en') - Number(a === 'en'));
  cached = [];
  for (const lang of langs) {
    const raw = JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as RawCalendar;
    if (raw.months.length !== 12) continue;
    cached.push({
      lang,
      months: raw.months.map((forms, i) => [...forms, ...(raw.datelineMonths?.[i] ?? [])]),
      proseForms: raw.months.map((forms) => forms.length),
      weekdays: raw.weekdays,
    });
  }
  return cached;
}

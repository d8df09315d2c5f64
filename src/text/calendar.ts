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
  stopwords: string[];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

let cached: CalendarWords[] | null = null;

/** Each language's calendar words with Gregorian months (Chinese, which writes months as numbers, has none), English first. */
export function calendarWords(): readonly CalendarWords[] {
  if (cached) return cached;
  const dir = new URL('./data/locale/', import.meta.url);
  const langs = localeLanguages(dir).sort((a, b) => Number(b === 'en') - Number(a === 'en'));
  const raws = langs.map((lang) => [lang, JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as RawCalendar] as const);
  // a month form that is a function word of another language ("des", Indonesian December; French, German "of the")
  // is read in its own language's date phrases only
  const functionWords = (lang: string) => new Set(raws.flatMap(([l, r]) => (l === lang ? [] : r.stopwords.map(fold))));
  cached = [];
  for (const [lang, raw] of raws) {
    if (raw.months.length !== 12) continue;
    const others = functionWords(lang);
    const months = raw.months.map((forms) => forms.filter((f, j) => j === 0 || !others.has(fold(f))));
    cached.push({
      lang,
      months: months.map((forms, i) => [...forms, ...(raw.datelineMonths?.[i] ?? [])]),
      proseForms: months.map((forms) => forms.length),
      weekdays: raw.weekdays,
    });
  }
  return cached;
}

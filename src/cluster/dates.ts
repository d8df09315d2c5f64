/**
 * Calendar dates an article names, as month-day keys ("10-27"), in every language with a locale (src/text): "26.
 * Oktober", "27 октября", "26 أكتوبر", "10月27日". English, and a language without a locale, read with the
 * shapes of `dateMentions` (text.ts). Relative dates ("a day earlier") are left out: they are resolved from the
 * publication date, which the time factor already weighs.
 */
import type { Locales } from '../text/locale.ts';
import { findLocaleDates } from '../text/dates.ts';
import { dayNumber, fromDay } from '../text/days.ts';
import { dateMentions } from './text.ts';
import { clusterLocale } from './locales.ts';

/** Longest piece of text read for dates (the title and lead are short; this bounds a pathological lead). */
const MAX_CHARS = 8000;

/** Month-day keys of the dates `text` names, one per mention, read in `language` (ISO 639-1) when it has a locale. */
export function dateKeys(text: string, language: string | null | undefined, published: string | null, locales?: Locales): string[] {
  const out = dateMentions(text);
  const loc = locales ? (language && language !== 'en' ? locales.get(language) : null) : clusterLocale(language);
  if (!loc) return out;
  // Only month and day are kept: without a publication date any leap year serves as reference (no clock read here).
  const t = Date.parse(published ?? '');
  const ref = Number.isNaN(t) ? dayNumber(2024, 6, 1) : Math.floor(t / 86_400_000);
  const own: string[] = [];
  for (const piece of text.slice(0, MAX_CHARS).split(/\n+|(?<=[。！？])/u)) {
    if (!piece.trim()) continue;
    for (const m of findLocaleDates(piece, { ref, anchor: null, locale: loc }, loc)) {
      if (m.kind === 'relative' || m.range.precision !== 'day' || m.range.start !== m.range.end) continue;
      const { m: mo, d } = fromDay(m.range.start);
      own.push(`${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
  }
  // A date both readers found counts once per mention: the locale's reading, plus shapes only dateMentions knows.
  const ownSet = new Set(own);
  return [...own, ...out.filter((k) => !ownSet.has(k))];
}

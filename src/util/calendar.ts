/**
 * Calendar words in the languages Parallax reads, as lookup tables: month and weekday names (with abbreviations
 * and inflected forms), folded. A view of the locale files (src/text/calendar.ts, data/locale/<lang>.json) for
 * every stage that reads dates from text outside a language's own date phrases — datelines and page metadata
 * (extract/), dates mentioned in a lead (cluster/), the calendar words a translation keeps (translate/).
 */
import { calendarWords } from '../text/calendar.ts';

/** Lowercases and strips combining marks, so "Março", "März" and "marzo" compare without accents. */
export function foldToken(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const CALENDAR = calendarWords();

/** Each language's months, January..December, each a list of forms (the name first); English first. */
export const MONTH_GROUPS: readonly (readonly string[])[][] = CALENDAR.map((l) => l.months);

/** Each language's weekdays, Monday..Sunday, each a list of forms; English first. */
export const WEEKDAY_GROUPS: readonly (readonly string[])[][] = CALENDAR.map((l) => l.weekdays);

function table(
  groups: readonly (readonly string[])[][],
  keep: (alt: string, lang: number, month: number, j: number) => boolean,
): Map<string, number> {
  const m = new Map<string, number>();
  groups.forEach((g, lang) =>
    g.forEach((forms, i) =>
      forms.forEach((alt, j) => {
        if (alt && keep(alt, lang, i, j)) m.set(foldToken(alt), i + 1);
      }),
    ),
  );
  return m;
}

/** Folded month name, abbreviation or inflected form → month number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = table(MONTH_GROUPS, () => true);

/**
 * The same without the short forms that are also everyday words elsewhere ("set", "out", "mag", "gen", "sie",
 * "lis"): month names, forms of four letters or more, and the English abbreviations — for running text, where a
 * word before a number is more often not a month. Dateline-only forms of the locale files are left out.
 */
export const MONTHS_IN_PROSE: ReadonlyMap<string, number> = table(
  MONTH_GROUPS,
  (alt, lang, month, j) => j < CALENDAR[lang].proseForms[month] && (j === 0 || [...alt].length >= 4 || CALENDAR[lang].lang === 'en'),
);

/** Folded weekday name or abbreviation → ISO weekday (1 = Monday … 7 = Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = table(WEEKDAY_GROUPS, () => true);

/** Every month name and form as written and folded, longest first, escaped for a RegExp alternation. */
export function monthAlternation(months: ReadonlyMap<string, number> = MONTHS): string {
  const forms = new Set<string>(months.keys());
  for (const g of MONTH_GROUPS) for (const m of g) for (const alt of m) if (months.has(foldToken(alt))) forms.add(alt);
  return [...forms]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

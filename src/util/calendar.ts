/**
 * Calendar words in the languages Parallax reads: month and weekday names (with abbreviations and genitive
 * forms), folded for lookup. One table for every stage that reads dates from text — datelines and page
 * metadata (extract/) and dates mentioned in a lead (cluster/).
 */
import calendarData from './data/calendar.json' with { type: 'json' };

/** Lowercases and strips combining marks, so "Março", "März" and "marzo" compare without accents. */
export function foldToken(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// data/calendar.json, by language (English first): the 12 months in order and the weekdays Monday..Sunday
// (ISO order); `a|b` gives alternatives (abbreviations, genitive forms, transliterations); the first is the name.
const BY_LANGUAGE: Record<string, { months: string[]; weekdays: string[] }> = calendarData;

/** Each language's months, January..December. */
export const MONTH_GROUPS: readonly string[][] = Object.values(BY_LANGUAGE).map((l) => l.months);

/** Each language's weekdays, Monday..Sunday. */
export const WEEKDAY_GROUPS: readonly string[][] = Object.values(BY_LANGUAGE).map((l) => l.weekdays);

function table(groups: readonly string[][], keep: (alt: string, first: boolean) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of groups) {
    g.forEach((w, i) => {
      w.split('|').forEach((alt, j) => {
        if (alt && keep(alt, j === 0)) m.set(foldToken(alt), i + 1);
      });
    });
  }
  return m;
}

/** Folded month name, abbreviation or genitive form → month number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = table(MONTH_GROUPS);

/**
 * The same without the short abbreviations that are also everyday words elsewhere ("set", "out", "mag", "gen",
 * "sie"): month names, forms of four letters or more, and the English abbreviations — for running text, where a
 * word before a number is more often not a month.
 */
export const MONTHS_IN_PROSE: ReadonlyMap<string, number> = table(
  MONTH_GROUPS,
  (alt, first) => first || [...alt].length >= 4 || MONTH_GROUPS[0].some((g) => g.split('|').includes(alt)),
);

/** Folded weekday name or abbreviation → ISO weekday (1 = Monday … 7 = Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = table(WEEKDAY_GROUPS);

/** Every month name and form as written and folded, longest first, escaped for a RegExp alternation. */
export function monthAlternation(months: ReadonlyMap<string, number> = MONTHS): string {
  const forms = new Set<string>(months.keys());
  for (const g of MONTH_GROUPS) for (const w of g) for (const alt of w.split('|')) if (months.has(foldToken(alt))) forms.add(alt);
  return [...forms]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * Locales: the words Parallax reads in each language — month and weekday names, number words, separators,
 * percent words, qualifiers, units, stopwords, quote marks and the date phrases — from data/locale/<lang>.json,
 * read when asked for and kept by the store that read them (createLocales), never at import.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { foldWord } from './fold.ts';
import { compileTemplate, compileWords, TemplateSet, type Template } from './phrases.ts';

const words = z.array(z.string());
const LocaleFile = z.object({
  lang: z.string().regex(/^[a-z]{2,3}$/),
  months: z.array(words).refine((m) => m.length === 0 || m.length === 12, 'twelve months'),
  /** short month forms that are everyday words elsewhere ("set", "mag", "sie"): read in datelines and page metadata only */
  datelineMonths: z.array(words).length(12).optional(),
  solarMonths: z.array(words).length(12).optional(),
  weekdays: z.array(words).length(7),
  numeralChars: z.string().optional(),
  numbers: z.record(z.string(), z.number()),
  scales: z.record(z.string(), z.number()),
  decimal: z.string().max(1),
  decimalAlso: z.array(z.string().max(1)).optional(),
  group: z.array(z.string().max(1)),
  percent: words,
  percentBefore: words.optional(),
  quotes: z.array(z.tuple([z.string(), z.string()])),
  qualifiers: z.record(z.string(), words),
  units: z.record(z.string(), words),
  stopwords: words,
  since: words,
  future: words,
  attribution: words,
  dates: z.record(z.string(), words),
  /** one-letter words written joined to the next (Arabic و "and"): split off when the rest is a known word */
  clitics: words.optional(),
  /**
   * affixes written onto names (Arabic ال "the", و "and", the adjective ending ية; Russian case endings): a word
   * and a name stripped of them, longest first, are the same name (Россию, Россия → Росси)
   */
  nameAffixes: z.object({ prefixes: words, suffixes: words }).optional(),
});
export type LocaleData = z.infer<typeof LocaleFile>;

type WordIndex = ReturnType<typeof compileWords>;

export interface Locale {
  lang: string;
  data: LocaleData;
  numerals: ReadonlySet<string>;
  /** folded month forms → 1–12 (Gregorian), solar Hijri months → 1–12, weekdays → 1 (Monday)–7 */
  months: WordIndex;
  solarMonths: WordIndex;
  weekdays: WordIndex;
  /** number words and scale words (folded, possibly several tokens) → value */
  numberWords: WordIndex;
  scaleWords: WordIndex;
  stopwords: ReadonlySet<string>;
  since: ReadonlySet<string>;
  future: WordIndex;
  attribution: WordIndex;
  /** canonical unit ("tonne", "person") of each folded unit form */
  units: WordIndex;
  unitNames: string[];
  /** qualifier ("more than", …) phrases */
  qualifiers: WordIndex;
  qualifierNames: string[];
  percentWords: WordIndex;
  percentBefore: WordIndex;
  clitics: string[];
  /** every word the locale's templates and word lists start with (folded) */
  vocabulary: ReadonlySet<string>;
  /** date templates by category, and the year tails that may follow a month */
  dates: TemplateSet;
  yearTail: TemplateSet;
}

/** The languages with a locale file in `dir`. */
export function localeLanguages(dir: URL = defaultDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /^[a-z]{2,3}\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort();
}

function defaultDir(): URL {
  return new URL('./data/locale/', import.meta.url);
}

/** Date categories in the order a tie between two equally long matches is settled. */
export const DATE_CATEGORIES = [
  'ignore',
  'day',
  'dayOfMonth',
  'monthYear',
  'early',
  'mid',
  'late',
  'month',
  'year',
  'prevDay',
  'nextDay',
  'sameDay',
  'daysBefore',
  'daysAfter',
  'daysAgo',
  'today',
  'yesterday',
  'tomorrow',
  'beforeYesterday',
  'afterTomorrow',
  'thisMonth',
  'lastMonth',
  'thisYear',
  'lastYear',
  'nextYear',
  'lastWeekday',
  'nextWeekday',
  'weekday',
] as const;

function indexed(lists: string[][], numerals: ReadonlySet<string>): WordIndex {
  return compileWords(
    lists.flatMap((forms, i) => forms.map((f): [string, number] => [f, i + 1])),
    numerals,
  );
}

/** Compile one parsed locale file. */
export function compileLocale(data: LocaleData): Locale {
  const numerals = new Set([...(data.numeralChars ?? '')]);
  const named = (rec: Record<string, string[]>) => {
    const names = Object.keys(rec);
    return {
      names,
      index: compileWords(
        names.flatMap((n, i) => rec[n].map((f): [string, number] => [f, i])),
        numerals,
      ),
    };
  };
  const units = named(data.units);
  const qualifiers = named(data.qualifiers);
  const templates: Template[] = [];
  for (const cat of DATE_CATEGORIES) for (const src of data.dates[cat] ?? []) templates.push(compileTemplate(src, cat, numerals));
  const unknown = Object.keys(data.dates).filter((c) => c !== 'yearTail' && !(DATE_CATEGORIES as readonly string[]).includes(c));
  if (unknown.length) throw new Error(`locale ${data.lang}: unknown date categories ${unknown.join(', ')}`);
  const fold = (l: string[]) => new Set(l.map(foldWord));
  const vocabulary = new Set<string>();
  for (const t of templates) for (const p of t.parts) if ('words' in p) for (const w of p.words) w.forEach((x) => vocabulary.add(x));
  const months = indexed(data.months, numerals);
  const solarMonths = indexed(data.solarMonths ?? [], numerals);
  const weekdays = indexed(data.weekdays, numerals);
  const numberWords = compileWords(Object.entries(data.numbers), numerals);
  for (const idx of [months, solarMonths, weekdays, numberWords]) for (const k of idx.keys()) vocabulary.add(k);
  return {
    lang: data.lang,
    data,
    numerals,
    months,
    solarMonths,
    weekdays,
    numberWords,
    clitics: (data.clitics ?? []).map(foldWord),
    vocabulary,
    scaleWords: compileWords(Object.entries(data.scales), numerals),
    stopwords: fold(data.stopwords),
    since: fold(data.since),
    future: compileWords(
      data.future.map((f): [string, number] => [f, 1]),
      numerals,
    ),
    attribution: compileWords(
      data.attribution.map((f): [string, number] => [f, 1]),
      numerals,
    ),
    units: units.index,
    unitNames: units.names,
    qualifiers: qualifiers.index,
    qualifierNames: qualifiers.names,
    percentWords: compileWords(
      data.percent.map((f): [string, number] => [f, 1]),
      numerals,
    ),
    percentBefore: compileWords(
      (data.percentBefore ?? []).map((f): [string, number] => [f, 1]),
      numerals,
    ),
    dates: new TemplateSet(templates),
    yearTail: new TemplateSet((data.dates.yearTail ?? []).map((s) => compileTemplate(s, 'yearTail', numerals))),
  };
}

/** Read and compile one locale file; throws on a malformed file (they ship with the code). */
export function loadLocale(lang: string, dir: URL = defaultDir()): Locale {
  const raw = JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as unknown;
  const data = LocaleFile.parse(raw);
  if (data.lang !== lang) throw new Error(`locale file ${lang}.json declares "${data.lang}"`);
  return compileLocale(data);
}

export interface Locales {
  /** The locale of a language ("de", "pt-BR" → "pt"), read on first use; null for a language without one. */
  get(lang: string | null | undefined): Locale | null;
  languages: string[];
}

/** A store of locales read on demand from `dir` and kept for its lifetime. */
export function createLocales(dir: URL = defaultDir()): Locales {
  const languages = localeLanguages(dir);
  const cache = new Map<string, Locale>();
  return {
    languages,
    get(lang) {
      const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
      if (!languages.includes(base)) return null;
      let l = cache.get(base);
      if (!l) cache.set(base, (l = loadLocale(base, dir)));
      return l;
    },
  };
}

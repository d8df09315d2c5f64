/**
 * The language data clustering reads, built on first use and kept (immutable data shipped with the code and
 * Node's ICU tables, like a lookup table, not state): the locales of src/text, and per language the country
 * names as its words inflect them.
 */
import { createLocales, type Locale, type Locales } from '../text/locale.ts';
import { buildCountryStems, buildHanCountries, longestFirst, type NameAffixes } from './places.ts';

let locales: Locales | null = null;
const stems = new Map<string, { stems: Map<string, string>; affixes: NameAffixes } | null>();
let han: ReturnType<typeof buildHanCountries> | null = null;

/** The locale of a language ("de", "pt-BR"), or null for English, no language or one without a locale file. */
export function clusterLocale(language: string | null | undefined): Locale | null {
  const lang = (language ?? '').toLowerCase().split(/[-_]/)[0];
  if (!lang || lang === 'en') return null;
  return (locales ??= createLocales()).get(lang);
}

/** The language's country names stemmed by its name affixes, or null when it writes names without affixes. */
export function countryStems(language: string | null | undefined): { stems: Map<string, string>; affixes: NameAffixes } | null {
  const loc = clusterLocale(language);
  if (!loc?.data.nameAffixes) return null;
  if (!stems.has(loc.lang))
    stems.set(loc.lang, { stems: buildCountryStems(loc.lang, loc.data.nameAffixes), affixes: longestFirst(loc.data.nameAffixes) });
  return stems.get(loc.lang) ?? null;
}

/** Country names in Han characters (built once). */
export function hanCountries(): ReturnType<typeof buildHanCountries> {
  return (han ??= buildHanCountries());
}

/**
 * Country names in the languages Parallax reads, from the CLDR data every Node ships (Intl.DisplayNames), as one
 * language-independent anchor per country: "Rusia", "Russia", "Russie", "Russland", "Россия" → `@RU`, so that
 * reports in different languages share their places without a translator.
 */
import { allCountryCodes } from '../sources/countries.ts';
import { latin, nameKey } from './text.ts';

/** Languages whose country names are read (those of the every-language issue, plus ca, nl, gl). */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'uk', 'tr', 'ar', 'zh', 'fa', 'pl', 'id', 'ca', 'nl', 'gl'];
/** Longest country name read, in words. */
const MAX_WORDS = 3;

/** Folded, transliterated words of a text, with whether each began with a capital (or is in an uncased script). */
function words(text: string): Array<{ w: string; named: boolean }> {
  const out: Array<{ w: string; named: boolean }> = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = latin(m[0]) && nameKey(m[0]);
    if (w) out.push({ w, named: !/^\p{Ll}/u.test(m[0]) });
  }
  return out;
}

/** Name (folded words joined by spaces) → ISO 3166-1 code, for every country in every language read. */
export function buildCountryNames(): Map<string, string> {
  const map = new Map<string, string>();
  for (const lang of LANGUAGES) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const code of allCountryCodes()) {
      const name = names.of(code);
      if (!name) continue;
      const key = words(name)
        .map((x) => x.w)
        .join(' ');
      if (key.length >= 3 && key.split(' ').length <= MAX_WORDS && !map.has(key)) map.set(key, code);
    }
  }
  return map;
}

/** The countries a text names in at least `minWords` words (one code per mention), longest first; capitalized. */
export function countryMentions(text: string, names: Map<string, string>, minWords = 1): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (!ws[i].named) continue;
    for (let n = Math.min(MAX_WORDS, ws.length - i); n >= minWords; n--) {
      const code = names.get(
        ws
          .slice(i, i + n)
          .map((x) => x.w)
          .join(' '),
      );
      if (code) {
        out.push(code);
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

export interface NameAffixes {
  prefixes: readonly string[];
  suffixes: readonly string[];
}

/** Letters a stem keeps at least. */
const MIN_STEM = 3;

/** The affix lists longest first, as nameStem reads them (sorted once per language, not per word). */
export function longestFirst(affixes: NameAffixes): NameAffixes {
  const byLength = (list: readonly string[]) => [...list].sort((a, b) => [...b].length - [...a].length);
  return { prefixes: byLength(affixes.prefixes), suffixes: byLength(affixes.suffixes) };
}

/**
 * A lower-case word without the longest affix of each list that leaves MIN_STEM letters (Россию → росси).
 * `affixes` longest first (longestFirst).
 */
export function nameStem(w: string, affixes: NameAffixes, prefixes = true): string {
  const len = [...w].length;
  const pre = prefixes ? affixes.prefixes.find((p) => w.startsWith(p) && len - [...p].length >= MIN_STEM) : undefined;
  const rest = pre ? w.slice(pre.length) : w;
  const rlen = [...rest].length;
  const suf = affixes.suffixes.find((x) => rest.endsWith(x) && rlen - [...x].length >= MIN_STEM);
  return suf ? rest.slice(0, rest.length - suf.length) : rest;
}

/**
 * One-word country names of `lang`, stemmed → ISO code, each with and without its prefixes stripped (الجزائر →
 * جزائر; بنين stays whole, its ب being no prefix). A stem two countries share is left out.
 */
export function buildCountryStems(lang: string, affixes: NameAffixes): Map<string, string> {
  affixes = longestFirst(affixes);
  const map = new Map<string, string>();
  const clash = new Set<string>();
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  } catch {
    return map;
  }
  for (const code of allCountryCodes()) {
    const name = names.of(code)?.toLowerCase();
    if (!name || /[\s-]/.test(name)) continue;
    for (const stem of new Set([nameStem(name, affixes), nameStem(name, affixes, false)])) {
      if (map.has(stem) && map.get(stem) !== code) clash.add(stem);
      map.set(stem, code);
    }
  }
  for (const s of clash) map.delete(s);
  return map;
}

/**
 * Countries named in one word that the name tokens miss: in a script without capitals (روسيا, where nothing
 * marks a name), and with the language's name affixes, inflected or affixed forms (Россию, Венесуэлы, والجزائر,
 * الفنزويلية). One code per mention; a capitalized exact name is left to the name tokens.
 */
export function countryWordMentions(
  text: string,
  exact: Map<string, string>,
  inflect: { stems: Map<string, string>; affixes: NameAffixes } | null,
): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    const uncased = w.toLowerCase() === w.toUpperCase();
    if (!uncased && !/^\p{Lu}/u.test(w)) continue; // cased scripts write names with a capital
    const code = exact.get(nameKey(w));
    if (code) {
      if (uncased) out.push(code);
      continue;
    }
    if (!inflect) continue;
    const lower = w.toLowerCase();
    const hit = inflect.stems.get(nameStem(lower, inflect.affixes)) ?? inflect.stems.get(nameStem(lower, inflect.affixes, false));
    if (hit) out.push(hit);
  }
  return out;
}

const HAN = /\p{Script=Han}+/gu;

/** Country names written in Han characters (Chinese, Japanese), first character → [name, code], longest first. */
export function buildHanCountries(): Map<string, Array<[string, string]>> {
  const map = new Map<string, Array<[string, string]>>();
  for (const lang of ['zh', 'zh-Hant', 'ja']) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of allCountryCodes()) {
      const name = names.of(code);
      if (!name || name.length < 2 || name.replace(HAN, '') !== '') continue;
      const list = map.get(name[0]) ?? [];
      if (!list.some(([n]) => n === name)) list.push([name, code]);
      map.set(name[0], list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b[0].length - a[0].length);
  return map;
}

/** Countries named in runs of Han characters, where no space marks a word: longest name at each position. */
export function hanCountryMentions(text: string, names: Map<string, Array<[string, string]>>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HAN)) {
    const run = m[0];
    for (let i = 0; i < run.length;) {
      const hit = names.get(run[i])?.find(([n]) => run.startsWith(n, i));
      if (hit) out.push(hit[1]);
      i += hit ? hit[0].length : 1;
    }
  }
  return out;
}

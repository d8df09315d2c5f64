/**
 * Country names in the languages Parallax reads, from the CLDR data every Node ships (Intl.DisplayNames), as one
 * language-independent anchor per country: "Rusia", "Russia", "Russie", "Russland", "Россия" → `@RU`, so that
 * reports in different languages share their places without a translator.
 */
import { allCountryCodes } from '../sources/countries.ts';
import { latin } from './text.ts';

/** Languages whose country names are read (those of the every-language issue, plus ca, nl, gl). */
const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'uk', 'tr', 'ar', 'zh', 'fa', 'pl', 'id', 'ca', 'nl', 'gl'];
/** Longest country name read, in words. */
const MAX_WORDS = 3;

/** Folded, transliterated words of a text, with whether each began with a capital (or is in an uncased script). */
function words(text: string): Array<{ w: string; named: boolean }> {
  const out: Array<{ w: string; named: boolean }> = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = latin(m[0]);
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
      const key = words(name).map((x) => x.w).join(' ');
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
      const code = names.get(ws.slice(i, i + n).map((x) => x.w).join(' '));
      if (code) {
        out.push(code);
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

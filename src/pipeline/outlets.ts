import { isCountryCode } from '../sources/countries.ts';

/**
 * Country inference when the input does not say which outlet it came from (and its URL is no known outlet's):
 * the country-code top-level domain of its URL (`.co.ke`, `.com.tr`, `.ru`), except the ccTLDs sold worldwide as
 * generic names (.io, .tv, .co, .me, .fm, .ai …); and, weaker, the language of the page furniture left in a copied article is a weak but
 * real signal of the outlet's country (a Ukrainian donation appeal, a Turkish
 * ad placeholder). Only languages spoken mainly in one country are mapped.
 */
const LANGUAGE_COUNTRY: Record<string, string> = {
  uk: 'UA',
  ru: 'RU',
  tr: 'TR',
  ja: 'JP',
  ko: 'KR',
  he: 'IL',
  fa: 'IR',
  el: 'GR',
  hu: 'HU',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  ro: 'RO',
  bg: 'BG',
  vi: 'VN',
  th: 'TH',
  id: 'ID',
  it: 'IT',
  nl: 'NL',
  sv: 'SE',
  da: 'DK',
  fi: 'FI',
  no: 'NO',
  ka: 'GE',
  hy: 'AM',
  az: 'AZ',
  kk: 'KZ',
  be: 'BY',
  lt: 'LT',
  lv: 'LV',
  et: 'EE',
  sl: 'SI',
  hr: 'HR',
  sr: 'RS',
  mk: 'MK',
  sq: 'AL',
  bn: 'BD',
  ne: 'NP',
  si: 'LK',
  my: 'MM',
  km: 'KH',
  lo: 'LA',
  am: 'ET',
  uz: 'UZ',
  tg: 'TJ',
  ky: 'KG',
  tk: 'TM',
  is: 'IS',
  mn: 'MN',
  zh: 'CN',
};

/** ccTLDs registered mostly by people and companies outside the country, as generic names. */
const GENERIC_CCTLDS = new Set([
  ...['io', 'tv', 'co', 'me', 'fm', 'ai', 'gg', 'ws', 'cc', 'to', 'nu', 'tk', 'la', 'im'],
  ...['sh', 'ac', 'vc', 'gl', 'ag', 'cx', 'pw', 'bz', 'ms', 'st', 'lc', 'gd', 'dj'],
]);

/** The country of a URL's country-code top-level domain, or null (generic, unknown or no ccTLD). */
export function countryForUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const tld = host.split('.').pop() ?? '';
  if (!/^[a-z]{2}$/.test(tld) || GENERIC_CCTLDS.has(tld)) return null;
  const code = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return isCountryCode(code) ? code : null;
}

export function countryForLanguage(lang: string | null): string | null {
  if (!lang) return null;
  return LANGUAGE_COUNTRY[lang.toLowerCase().split('-')[0]] ?? null;
}

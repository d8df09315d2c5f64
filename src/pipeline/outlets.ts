/**
 * Country inference when the input does not say which outlet it came from:
 * the language of the page furniture left in a copied article is a weak but
 * real signal of the outlet's country (a Ukrainian donation appeal, a Turkish
 * ad placeholder). Only languages spoken mainly in one country are mapped.
 */
const LANGUAGE_COUNTRY: Record<string, string> = {
  uk: 'UA', ru: 'RU', tr: 'TR', ja: 'JP', ko: 'KR', he: 'IL', fa: 'IR', el: 'GR', hu: 'HU', pl: 'PL',
  cs: 'CZ', sk: 'SK', ro: 'RO', bg: 'BG', vi: 'VN', th: 'TH', id: 'ID', it: 'IT', nl: 'NL', sv: 'SE',
  da: 'DK', fi: 'FI', no: 'NO', ka: 'GE', hy: 'AM', az: 'AZ', kk: 'KZ', be: 'BY', lt: 'LT', lv: 'LV',
  et: 'EE', sl: 'SI', hr: 'HR', sr: 'RS', mk: 'MK', sq: 'AL', bn: 'BD', ne: 'NP', si: 'LK', my: 'MM',
  km: 'KH', lo: 'LA', am: 'ET', uz: 'UZ', tg: 'TJ', ky: 'KG', tk: 'TM', is: 'IS', mn: 'MN', zh: 'CN',
};

export function countryForLanguage(lang: string | null): string | null {
  if (!lang) return null;
  return LANGUAGE_COUNTRY[lang.toLowerCase().split('-')[0]] ?? null;
}

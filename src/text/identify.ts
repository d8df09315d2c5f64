/**
 * Which language a whole text is written in (ISO 639-1), by franc-min's trigram profiles (shipped in the
 * package, no model weights). Here, below every stage, so that extraction (which weighs lines against the
 * page's main language) and the language stage share it without extraction importing a later stage.
 */
import { franc } from 'franc-min';

const ISO3_TO_1: Record<string, string> = {
  eng: 'en', rus: 'ru', ukr: 'uk', tur: 'tr', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl',
  pol: 'pl', ces: 'cs', slk: 'sk', ron: 'ro', hun: 'hu', swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', ell: 'el',
  bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', arb: 'ar', pes: 'fa', heb: 'he', hin: 'hi', ben: 'bn',
  urd: 'ur', cmn: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', tgl: 'tl', swh: 'sw',
  amh: 'am', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', xho: 'xh', afr: 'af', bel: 'be', kaz: 'kk', uzn: 'uz',
  azj: 'az', kat: 'ka', hye: 'hy', tam: 'ta', tel: 'te', mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa',
  npi: 'ne', sin: 'si', mya: 'my', khm: 'km', lao: 'lo', som: 'so', cat: 'ca', glg: 'gl', eus: 'eu', lit: 'lt',
  lav: 'lv', ekk: 'et', mkd: 'mk', sqi: 'sq', als: 'sq', pbu: 'ps', tuk: 'tk', kir: 'ky', tgk: 'tg',
};

/** Returns an ISO 639-1 code, or null when the text is too short or undetermined. */
export function detectLanguage(text: string, opts: { minLength?: number } = {}): string | null {
  const sample = text.slice(0, 4000);
  const code = franc(sample, { minLength: opts.minLength ?? 10 });
  if (code === 'und') return null;
  return ISO3_TO_1[code] ?? code;
}

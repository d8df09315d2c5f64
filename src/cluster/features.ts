/**
 * An article's clustering features: one sparse vector over its title and lead — content words, plus anchors that
 * tell events apart: name tokens (who, where: `n:` keys, transliterated to Latin letters), numbers (tolls,
 * magnitudes, amounts: `#` keys) and calendar dates mentioned in the text (when: `d:MM-DD` keys) — and its date.
 */
import { isTitleCase, nameTokens, numbers, tokenize } from './text.ts';
import { dateKeys } from './dates.ts';
import { buildCountryNames, countryMentions, countryWordMentions, hanCountryMentions } from './places.ts';
import { countryStems, hanCountries } from './locales.ts';

/** Country names of every language read, built once on first use from the ICU data (a lookup table, not state). */
let countryNames: Map<string, string> | null = null;

export interface ClusterFeatures {
  /** 2 for this format. Older stored features (no `v`) are used as plain term vectors. */
  v?: number;
  /** Raw term frequencies: content words (title counted twice), `n:` name tokens, `#` numbers, `d:` dates mentioned. */
  terms: Record<string, number>;
  /** Distinct name tokens (folded). */
  names: string[];
  /** ISO date (or date-time) of publication, when known. */
  published: string | null;
  /**
   * The language of the content words (ISO 639-1 base; "en" when they are an English translation's), when known:
   * content words meet only content words of the same language; across languages anchors carry the match.
   */
  lang?: string | null;
}

/** Document frequencies: how many clustered articles contain each term, and how many there are. */
export interface TermStats {
  docs: number;
  df: Record<string, number>;
}

/**
 * Words of the body used (title + lead): the lead names the event; later paragraphs drift to background. 250
 * rather than 150: on full articles (ECB+) the second and third paragraphs still name the event's people, places
 * and figures (BCubed F1 0.869 → 0.877; 400 words 0.879 at 1.7× the tokenizing), and short texts are unchanged.
 */
const LEAD_WORDS = 250;
const MAX_TITLE_CHARS = 500;
/** Keys of an article posted to / looked up in the inverted index. */
export const INDEX_KEYS = 20;
/** Anchors always among an article's index keys. */
const ANCHOR_KEYS = 5;

export const isAnchor = (k: string) => k.startsWith('n:') || k.startsWith('#') || k.startsWith('d:');
/** Anchors written alike in every language: countries (`n:@`), numbers and dates. */
const isNeutral = (k: string) => k.startsWith('n:@') || k.startsWith('#') || k.startsWith('d:');

/**
 * An article's features; with an English translation (translate/), its content words are the translation's and
 * its anchors those of both texts (each anchor counted as often as the text naming it more often does), so it
 * meets the other languages' reports on their words too.
 */
export function clusterFeatures(
  a: { title: string | null; text: string; published: string | null; language?: string | null },
  translation?: { title: string | null; text: string } | null,
): ClusterFeatures {
  const own = { ...textFeatures(a), lang: baseLang(a.language) };
  if (!translation) return own;
  const tr = textFeatures({ ...translation, published: a.published, language: 'en' });
  const terms: Record<string, number> = { ...tr.terms };
  for (const [k, x] of Object.entries(own.terms)) if (isAnchor(k)) terms[k] = Math.max(terms[k] ?? 0, x);
  return { ...own, terms, names: [...new Set([...own.names, ...tr.names])], lang: 'en' };
}

/** "pt-BR" → "pt"; null when unknown. */
function baseLang(l: string | null | undefined): string | null {
  const b = (l ?? '').toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(b) ? b : null;
}

function textFeatures(a: { title: string | null; text: string; published: string | null; language?: string | null }): ClusterFeatures {
  // Hard limits: a headline is short, and only the lead is read.
  const title = (a.title ?? '').slice(0, MAX_TITLE_CHARS);
  const words = a.text.slice(0, LEAD_WORDS * 40).split(/\s+/);
  const lead = words.slice(0, LEAD_WORDS).join(' ');
  const terms: Record<string, number> = {};
  const add = (k: string, w: number) => (terms[k] = (terms[k] ?? 0) + w);
  for (const w of tokenize(title)) add(w, 2);
  for (const w of tokenize(lead)) add(w, 1);
  // Names: from the lead, and from the title unless it is Title Case (then only those also named in the lead).
  // A country's name in any language is one anchor (`n:@ru` for Rusia, Russia, Россия); longer names (Estados
  // Unidos, United States) are found as phrases.
  countryNames ??= buildCountryNames();
  const place = (n: string) => {
    const c = countryNames!.get(n);
    return c ? '@' + c.toLowerCase() : n;
  };
  const leadNames = nameTokens(lead).map(place);
  const names = new Set(leadNames);
  const titleNames = isTitleCase(title)
    ? nameTokens(title)
        .map(place)
        .filter((n) => names.has(n))
    : nameTokens(title).map(place);
  for (const n of titleNames) add('n:' + n, 1);
  for (const n of leadNames) add('n:' + n, 1);
  for (const n of titleNames) names.add(n);
  const head = `${title}\n${lead}`;
  for (const c of countryMentions(head, countryNames, 2)) add('n:@' + c.toLowerCase(), 1);
  // Names in scripts without capitals, inflected and affixed forms (Россию, والجزائر), unspaced scripts (俄罗斯).
  for (const c of countryWordMentions(head, countryNames, countryStems(a.language))) add('n:@' + c.toLowerCase(), 1);
  for (const c of hanCountryMentions(head, hanCountries())) add('n:@' + c.toLowerCase(), 1);
  for (const n of numbers(`${title} ${lead}`)) add('#' + n, 1);
  for (const d of dateKeys(head, a.language, a.published)) add('d:' + d, 1);
  return { v: 2, terms, names: [...names], published: normDate(a.published) };
}

export function normDate(d: string | null): string | null {
  if (!d) return null;
  const t = Date.parse(d);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Smoothed inverse document frequency. */
export function idfFn(stats: TermStats): (t: string) => number {
  return (t) => Math.log((stats.docs + 1) / ((stats.df[t] ?? 0) + 1)) + 1;
}

/** The article's TF-IDF vector scaled to unit length. */
export function weightVector(f: ClusterFeatures, idf: (t: string) => number): Record<string, number> {
  const v: Record<string, number> = {};
  let norm = 0;
  for (const [t, tf] of Object.entries(f.terms)) {
    const w = (1 + Math.log(tf)) * idf(t);
    v[t] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const t of Object.keys(v)) v[t] /= norm;
  return v;
}

/**
 * The article's most distinctive keys (highest TF-IDF), for the inverted index, and its ANCHOR_KEYS strongest
 * language-neutral anchors (countries, numbers, dates) even when words outrank them: an article in another
 * language or script shares no words with a story's reports, and its names may be written differently (or, in
 * German, hide among capitalized nouns), but it must still find the story.
 */
export function indexKeys(f: ClusterFeatures, idf: (t: string) => number, max = INDEX_KEYS): string[] {
  const v = weightVector(f, idf);
  // Anchors first among equals: they are what tells events apart.
  const ranked = Object.entries(v)
    .map(([k, w]) => [k, w * (isAnchor(k) ? 1.5 : 1)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
  const keys = ranked.slice(0, max);
  const anchors = ranked.filter(isNeutral).slice(0, ANCHOR_KEYS);
  return [...keys, ...anchors.filter((k) => !keys.includes(k))];
}

/** Reads stored clustering features, re-deriving nothing: older formats are used as plain term vectors. */
export function asClusterFeatures(x: unknown): ClusterFeatures | null {
  if (!x || typeof x !== 'object') return null;
  const o = x as Partial<ClusterFeatures>;
  if (!o.terms || typeof o.terms !== 'object') return null;
  return {
    v: o.v,
    terms: o.terms,
    names: Array.isArray(o.names) ? o.names : [],
    published: normDate(o.published ?? null),
    lang: typeof o.lang === 'string' ? o.lang : null,
  };
}

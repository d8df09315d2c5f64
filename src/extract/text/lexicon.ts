/**
 * A small multilingual lexicon of page-furniture wording: call-to-action verbs
 * and nouns (share, subscribe, read also, comment, donate, download the app…),
 * ad placeholders, image/logo labels, desk labels. It is ONE signal among
 * several (line shape, position, script, repetition); on its own it only
 * decides short lines. Each phrase carries its language, which also tells the
 * language of the furniture (a hint of the outlet's country).
 *
 * The wording is data, one file per language in data/lexicon/*.json (`any.json`: network and service names, no
 * language): phrases by kind of call to action, and the word lists exported below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { foldToken } from '../../util/calendar.ts';
import { alternation } from '../lists.ts';

export type CtaKind =
  | 'share' // share/tweet/copy link, social network names
  | 'ad' // advertisement placeholders
  | 'related' // read also, related, most read, more on this
  | 'subscribe' // newsletter, sign up, subscribe, follow us
  | 'comment' // comment prompts and policies
  | 'donate' // support us, donate, become a patron
  | 'app' // download the app, app store
  | 'legal' // cookies, rights reserved, privacy
  | 'media' // image, photo, logo, badge, video labels
  | 'nav' // home, menu, search, sections
  | 'thanks'; // thank-you messages after a form

const CTA_KINDS: readonly CtaKind[] = [
  'share',
  'ad',
  'related',
  'subscribe',
  'comment',
  'donate',
  'app',
  'legal',
  'media',
  'nav',
  'thanks',
];

type LexiconFile = { language: string; stopwords?: string[] } & Partial<Record<CtaKind | ListName, string[]>>;
type ListName = 'weak' | 'sectionLabels' | 'readerAddress' | 'bylinePrefixes' | 'bylineAffiliations' | 'ctaVerbs';

function loadFiles(): LexiconFile[] {
  const dir = new URL('./data/lexicon/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as LexiconFile);
}

const FILES = loadFiles();
/** A list merged over the languages. */
const list = (name: ListName): string[] => FILES.flatMap((f) => f[name] ?? []);
/** The language a file's phrases carry ('' for `any`: names of networks and services). */
const langOf = (f: LexiconFile): string => (f.language === 'any' ? '' : f.language);

/** Single words that are also common in prose; as a lone word they say little. */
const WEAK = new Set(list('weak').map(foldToken));

export interface CtaHit {
  kind: CtaKind;
  lang: string;
  /** An ordinary word too (search, home, watch, share…): counts only on tiny lines or as a label ("Watch: …"). */
  weak: boolean;
  /** Token index where the phrase starts, and its length in tokens. */
  at: number;
  len: number;
}

const PHRASES = new Map<string, { kind: CtaKind; lang: string; len: number }[]>();
/** Every proper prefix of a phrase, so matching stops as soon as no phrase can continue. */
const PREFIXES = new Set<string>();
let maxLen = 1;
for (const f of FILES) {
  for (const kind of CTA_KINDS) {
    for (const p of f[kind] ?? []) {
      const toks = wordTokens(p);
      if (toks.length === 0) continue;
      maxLen = Math.max(maxLen, toks.length);
      const key = toks.join(' ');
      for (let k = 1; k < toks.length; k++) PREFIXES.add(toks.slice(0, k).join(' '));
      const hits = PHRASES.get(key) ?? [];
      hits.push({ kind, lang: langOf(f), len: toks.length });
      PHRASES.set(key, hits);
    }
  }
}

/** Folded word tokens (letters, digits, inner hyphens/apostrophes). */
export function wordTokens(s: string): string[] {
  const out: string[] = [];
  for (const m of foldToken(s)
    .replace(/’/gu, "'")
    .matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu))
    out.push(m[0]);
  return out;
}

/** Lexicon phrases found in a token list (longest match first, no overlaps). */
export function ctaHits(tokens: string[]): CtaHit[] {
  const hits: CtaHit[] = [];
  for (let i = 0; i < tokens.length;) {
    // Longest phrase starting at i, extending the key only while it is a prefix of some phrase.
    let key = '';
    let best: { kind: CtaKind; lang: string; len: number }[] | null = null;
    let bestN = 0;
    for (let n = 1; n <= maxLen && i + n <= tokens.length; n++) {
      key = n === 1 ? tokens[i] : `${key} ${tokens[i + n - 1]}`;
      const list = PHRASES.get(key);
      if (list) [best, bestN] = [list, n];
      if (!PREFIXES.has(key)) break;
    }
    if (best) for (const h of best) hits.push({ kind: h.kind, lang: h.lang, at: i, len: bestN, weak: bestN === 1 && WEAK.has(tokens[i]) });
    i += bestN || 1;
  }
  return hits;
}

/** Desk/section labels that follow a byline on the same line ("Jane Doe World"). Multilingual, lowercase. */
export const SECTION_LABELS = new Set(list('sectionLabels').map((s) => wordTokens(s).join(' ')));

/** Byline prefixes: "By Jane Doe", "Por …", "Von …", "Автор: …". */
export const BYLINE_PREFIX = new RegExp(`^${alternation(list('bylinePrefixes'))}\\b\\s*:?\\s+`, 'iu');

/** Second-person and first-person-plural words (the voice of a page addressing its reader). */
export const READER_ADDRESS = new Set(list('readerAddress').map(foldToken));

/**
 * Function words of languages written in Latin script, used to tell the
 * language of a short line where trigram detection is unreliable.
 * Only fairly distinctive words are listed.
 */
export const STOPWORDS: Record<string, Set<string>> = Object.fromEntries(
  FILES.filter((f) => f.stopwords?.length).map((f) => [f.language, new Set((f.stopwords ?? []).map(foldToken))]),
);

/** News agencies and desk roles that follow a byline after a comma or bar ("Jane Doe, Reuters"). */
export const BYLINE_AFFILIATIONS = new Set(list('bylineAffiliations').map((x) => wordTokens(x).join(' ')));

/** Imperative verbs that open calls to action ("Open the app…", "Join our…"), in several languages. Folded. */
export const CTA_VERBS = new Set(list('ctaVerbs').map((w) => wordTokens(w).join(' ')));

/**
 * Opinion pieces: an article that argues rather than reports. Marked from what
 * the article states about itself — its URL path (/opinion/, /columnists/), a
 * section label, byline, outlet name or title kicker ("Opinion:"), and a voice
 * in the first person outside quotations. The word lists are data
 * (data/opinion.json), one set for every source. An opinion piece is never a
 * fact source: it is kept out of agreements and exclusives and out of the
 * overview's facts.
 */
import { readFileSync } from 'node:fs';
import { fold } from './text.ts';

export interface OpinionInput {
  id: string;
  title: string | null;
  text: string;
  outlet: string | null;
  url?: string | null;
  byline?: string | null;
  section?: string | null;
}

export type OpinionSignal = 'url' | 'section' | 'byline' | 'outlet' | 'title' | 'first-person';

export interface OpinionMark {
  article: string;
  signals: OpinionSignal[];
}

interface OpinionLexicon {
  urlSegments: string[];
  slugWords: string[];
  labels: string[];
  firstPerson: Record<string, string[]>;
}

const LEX = JSON.parse(readFileSync(new URL('./data/opinion.json', import.meta.url), 'utf8')) as OpinionLexicon;
const SEGMENTS = new Set(LEX.urlSegments.map(fold));
const SLUG_WORDS = new Set(LEX.slugWords.map(fold));
const LABELS = new Set(LEX.labels.map(fold));
const FIRST_PERSON = new Set(Object.values(LEX.firstPerson).flat().map(fold));

/** First-person words per 100 words outside quotations from which a text reads as a column. */
export const FIRST_PERSON_RATE = 0.8;
/** …and at least this many of them. */
export const FIRST_PERSON_MIN = 4;
const MAX_CHARS = 20_000;

function labelTokens(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter(Boolean);
}

/** A label ("Opinion", "Guest essay") among the words of a short field, or the whole field. */
function hasLabel(field: string | null | undefined): boolean {
  if (!field) return false;
  const toks = labelTokens(field);
  if (toks.length === 0) return false;
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= toks.length; i++) if (LABELS.has(toks.slice(i, i + n).join(' '))) return true;
  return false;
}

/** The URL path names an opinion section or its slug calls itself one. */
export function urlSignal(url: string | null | undefined): boolean {
  if (!url) return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return false;
  }
  const segs = fold(path).split('/').filter(Boolean);
  if (segs.slice(0, -1).some((s) => SEGMENTS.has(s)) || (segs.length === 1 && SEGMENTS.has(segs[0]))) return true;
  // a slug that starts or ends with the word ("opinion-why-…", "…-cycle-of-absurdity-opinion-667999")
  return segs.some((s) => {
    const w = s.split(/[-_.]+/).filter((x) => x && !/^\d+$/.test(x));
    return w.length >= 3 && (SLUG_WORDS.has(w[0]) || SLUG_WORDS.has(w[w.length - 1]));
  });
}

/** A title kicker or suffix: "Opinion: …", "OPINION | …", "… | Opinion". */
export function titleSignal(title: string | null): boolean {
  if (!title) return false;
  const m = /^\s*([^:|–—]{2,30})\s*[:|–—]\s+\S|\s[|–—]\s*([^|–—]{2,30})$/u.exec(title);
  return !!m && hasLabel(m[1] ?? m[2]) && labelTokens(m[1] ?? m[2] ?? '').length <= 3;
}

/** Text with quotations blanked out (straight and typographic double quotes). */
function outsideQuotes(text: string): string {
  return text.replace(/“[^”]{0,2000}”|"[^"]{0,2000}"|«[^»]{0,2000}»|„[^“”]{0,2000}[“”]/gu, ' ');
}

/** The author writes in the first person: "I", "my" outside quotations, often enough. */
export function firstPersonSignal(text: string): boolean {
  const words = fold(outsideQuotes(text.slice(0, MAX_CHARS))).match(/[\p{L}]+(?:'[\p{L}]+)?/gu) ?? [];
  if (words.length === 0) return false;
  let n = 0;
  for (const w of words) if (FIRST_PERSON.has(w)) n++;
  return n >= FIRST_PERSON_MIN && (100 * n) / words.length >= FIRST_PERSON_RATE;
}

/** The opinion signals of one article; null when it reads as a report. */
export function opinionSignals(a: OpinionInput): OpinionMark | null {
  const signals: OpinionSignal[] = [];
  if (urlSignal(a.url)) signals.push('url');
  if (hasLabel(a.section)) signals.push('section');
  if (hasLabel(a.byline)) signals.push('byline');
  if (/\(([^)]{2,30})\)/u.test(a.outlet ?? '') && hasLabel(/\(([^)]{2,30})\)/u.exec(a.outlet ?? '')![1])) signals.push('outlet');
  if (titleSignal(a.title)) signals.push('title');
  if (firstPersonSignal(a.text)) signals.push('first-person');
  return signals.length ? { article: a.id, signals } : null;
}

/** The opinion pieces among a story's articles. */
export function findOpinionPieces(articles: OpinionInput[]): OpinionMark[] {
  return articles.map(opinionSignals).filter((m): m is OpinionMark => m !== null);
}

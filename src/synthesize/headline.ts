/**
 * A neutral headline: the article title (or lead sentence) whose terms the
 * other independent articles share most, cleaned of outlet furniture
 * ("Media:", "WATCH:", " | Site") and of the loaded terms the analysis found.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import { contentTokens, squash, splitSentences } from './text.ts';
import { groupIds } from './sentences.ts';
import { stripLabel } from './overview.ts';

const KICKER = /^(?:watch|video|live|breaking(?: news)?|update[d]?|exclusive|opinion|analysis|explainer|photos?|listen|read|media|report|sources?)\s*[:|–—-]\s*/i;
const MAX_HEADLINE = 140;

/** Strips outlet furniture from a title: kickers, a short "Label:" prefix, a " | Site" or " - Site" suffix. */
export function cleanTitle(title: string, article?: Pick<AnalysisArticle, 'outlet'> & { siteName?: string | null }): string {
  let t = squash(title);
  for (let k = 0; k < 3; k++) {
    const before = t;
    t = t.replace(KICKER, '');
    // a short label prefix, e.g. "Media: …" (1–2 words before a colon, rest long enough)
    const m = t.match(/^([\p{L}\p{N}][\p{L}\p{N}'’. ]{0,24}):\s+(.+)$/u);
    if (m && m[1]!.trim().split(/\s+/).length <= 2 && m[2]!.split(/\s+/).length >= 4) t = m[2]!;
    if (t === before) break;
  }
  // site-name suffix
  const parts = t.split(/\s+[|–—]\s+|\s+-\s+/);
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    const names = [article?.outlet, article?.siteName].filter((x): x is string => !!x).map((x) => x.toLowerCase());
    if (names.some((n) => last.toLowerCase().includes(n) || n.includes(last.toLowerCase())) || last.split(/\s+/).length <= 3) {
      t = parts.slice(0, -1).join(' - ');
    }
  }
  t = t.replace(/[\s.:;,–—-]+$/u, '');
  return squash(t);
}

function coverage(tokens: string[], text: Set<string>): number {
  if (!tokens.length) return 0;
  return tokens.filter((t) => text.has(t)).length / tokens.length;
}

/** Shortens a sentence to headline length at a clause boundary. */
function compress(sentence: string): string {
  let s = squash(sentence).replace(/[.!]+$/, '');
  if (s.length <= 110) return s;
  const cut = s.slice(0, 110).search(/,[^,]*$/);
  s = cut > 40 ? s.slice(0, cut) : s.slice(0, 110).replace(/\s+\S*$/, '');
  return s;
}

export function buildHeadline(articles: AnalysisArticle[], loadedTerms: (t: string) => string[]): string {
  if (articles.length === 0) return 'Untitled story';
  const groupOf = groupIds(articles);
  const originals = articles.filter((a) => groupOf.get(a.id) === a.id);
  const pool = originals.length ? originals : articles;
  const textTokens = new Map(pool.map((a) => [a.id, new Set(contentTokens(`${a.title ?? ''} ${a.text}`))]));
  const candidates: Array<{ text: string; score: number }> = [];
  const consider = (raw: string, from: AnalysisArticle, bonus: number) => {
    let t = raw;
    for (const term of loadedTerms(t)) {
      const s = stripLabel(t, term);
      if (!s) return;
      t = s;
    }
    if (t.length < 15) return;
    const toks = contentTokens(t);
    let score = 0;
    const others = pool.filter((a) => a.id !== from.id);
    for (const o of others) score += coverage(toks, textTokens.get(o.id)!);
    score = others.length ? score / others.length : 0.5;
    const n = t.split(/\s+/).length;
    if (n < 5 || n > 22) score -= 0.2;
    candidates.push({ text: t.length > MAX_HEADLINE ? compress(t) : t, score: score + bonus });
  };
  for (const a of pool) {
    if (a.title) consider(cleanTitle(a.title, a), a, 0.1);
    const lead = splitSentences(a.text, 3).find((s) => s.split(/\s+/).length >= 7);
    if (lead) consider(compress(lead), a, 0);
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]?.text;
  if (best) return best;
  const fallback = pool.find((a) => a.title)?.title ?? splitSentences(pool[0]!.text, 1)[0] ?? 'Untitled story';
  return compress(cleanTitle(fallback));
}

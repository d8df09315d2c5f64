/**
 * A neutral headline: the article title (or lead sentence) whose terms the
 * other independent articles share most, cleaned of outlet furniture
 * ("Media:", "WATCH:", " | Site") and of the loaded terms the analysis found.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import { contentTokens, squash, splitSentences } from './text.ts';
import { groupIds, standsAlone } from './sentences.ts';
import { stripLabel } from './overview.ts';
import { neutralVoice } from './voice.ts';
import { createAnalysisCache, type AnalysisCache } from '../analyze/cache.ts';

const KICKER =
  /^(?:watch|video|live|breaking(?: news)?|update[d]?|exclusive|opinion|analysis|explainer|photos?|listen|read|media|report|sources?)\s*[:|–—-]\s*/i;
const MAX_HEADLINE = 140;
/** Word-set overlap (Jaccard) from which two outlets' headlines are the same headline. */
const SAME_HEADLINE = 0.7;
/** A dateline opening a lead: "WASHINGTON (AP) — ", "KYIV, Ukraine (Reuters) - ". */
/** Score given up per sentence a headline candidate lies after the lead. */
const LATER_LEAD = 0.05;
/** A lead opening with a subordinate clause ("If you were…", "Although…") is no headline once cut. */
const SUBORDINATE = /^(?:if|although|though|because|unless|whether|while|whereas|once|until|so)\s/iu;
/** A short label opening a lead: "Why it matters: ", "The big picture: ". */
const LABEL = /^[\p{L}][\p{L}' ]{2,24}:\s+(?=\p{Lu})/u;
const DATELINE = /^[\p{Lu}][\p{Lu}\p{L} .,'’-]{1,40}\([^)]{1,30}\)\s*[—–-]+\s*/u;

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

/** A crude language-neutral stem: the first five letters of longer words ("Russia", "Russian" → "russi"). */
function stem(w: string): string {
  return w.length > 5 ? w.slice(0, 5) : w;
}

function stems(text: string): string[] {
  return contentTokens(text).map(stem);
}

/** Shortens a sentence to headline length at a clause boundary; null when it has none early enough. */
function compress(sentence: string): string | null {
  const s = squash(sentence)
    .replace(/[.!]+$/, '')
    .replace(/[\s,;:–—-]+$/, '');
  if (s.length <= 110) return s;
  const head = s.slice(0, MAX_HEADLINE + 1);
  // a cut leaves no dangling ", hours" or separator
  const trim = (x: string) =>
    x
      .replace(/,\s+\S+$/u, '')
      .replace(/(?:\s+(?:that|which|who|and|or|but|the|a|an|to|of|were|was|is|are))+$/iu, '')
      .replace(/[\s,;:–—-]+$/, '');
  const m = head.match(
    /^(.{40,}?)(?:,\s+(?:according|which|who|while|saying|as|after|amid|but|where|when)\b|\s+(?:amid|after|as|while|following|according to|despite)\s)/i,
  );
  if (m) return trim(m[1]!);
  // else a dash, semicolon or comma boundary that leaves a full clause (eight words or more)
  const full = (i: number) => i >= 40 && s.slice(0, i).split(/\s+/).length >= 8;
  const dash = [...head.matchAll(/\s[—–]\s|;\s/gu)].map((x) => x.index).filter(full);
  if (dash.length) return trim(s.slice(0, dash[dash.length - 1]));
  // the first comma only, and not one inside a list ("children, families and education")
  const list = (i: number) => /^,\s+\S+(?:\s+\S+)?\s+(?:and|or)\s/u.test(s.slice(i));
  const comma = [...head.matchAll(/,\s+(?=\p{Ll})/gu)].map((x) => x.index).filter((i) => full(i) && !list(i));
  if (comma.length) return trim(s.slice(0, comma[0]));
  if (s.length <= MAX_HEADLINE) return trim(s);
  // else before the last prepositional phrase that starts within headline length
  const prep = [...head.matchAll(/\s(?:in|on|at|for|with|from|over|during|across|into)\s/gu)].map((x) => x.index).filter(full);
  return prep.length ? trim(s.slice(0, prep[prep.length - 1])) : null;
}

/** Two cleaned titles say the same in the same words (their stem sets nearly equal). */
function sameHeadline(x: Set<string>, y: Set<string>): boolean {
  if (!x.size || !y.size) return false;
  let inter = 0;
  for (const t of x) if (y.has(t)) inter++;
  return inter / (x.size + y.size - inter) >= SAME_HEADLINE;
}

/**
 * A sentence without what a headline leaves out: an opening participle or adverbial clause ("Capping two weeks of
 * talks, …") and a closing attribution (", the White House said.").
 */
export function tighten(sentence: string): string {
  return sentence
    .replace(
      /^(?:\p{L}+ing|as|after|before|following|amid|despite|in|on|with|while|when|since|during|under)\b[^,—:;]{0,100},\s+(?=\p{L})/iu,
      '',
    )
    .replace(/,\s+(?:the\s+)?[^,;:—]{2,50}\s+(?:said|says|announced|reported|reports|added)(?:\s+on\s+\p{Lu}\p{Ll}+)?(?=[.!]?$)/iu, '');
}

/**
 * A lead sentence as a headline: its dateline ("WASHINGTON (AP) —") and an opening subordinate clause dropped, cut
 * to headline length at a clause boundary; null for a question, a quotation, the author's first person, profanity
 * or a loaded word in its own voice.
 */
export function headlineVoice(sentence: string): string | null {
  const short = headlineShape(sentence);
  return short && neutralVoice(`${short}.`) ? short : null;
}

/** headlineVoice without the lexicon pass (the costly step, run only on the candidates that would win). */
function headlineShape(sentence: string): string | null {
  // a teaser cut short ("…that...") is no headline
  if (!standsAlone(sentence) || /(?:\.\.\.|…)["”»)]?$/u.test(sentence.trim())) return null;
  const t = tighten(squash(sentence).replace(DATELINE, '').replace(LABEL, ''));
  if (!t || SUBORDINATE.test(t) || /["“”«»„]/u.test(t) || /\?$/.test(t) || /\p{L}\*+\p{L}|\*{2,}/u.test(t)) return null;
  const short = compress(t);
  // a name and its appositive with the verb cut off ("John Kerry, the U.S. climate envoy") is no headline
  if (!short || /^[^,]+,\s+(?:a|an|the)\s[^,]+$/iu.test(short)) return null;
  return short.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** A title fit to stand as the story's: no question, quotation, profanity or loaded word. */
function titleVoice(t: string): boolean {
  return !/[?"“”«»„]|\p{L}\*+\p{L}/u.test(t) && !!neutralVoice(`${t}.`);
}

/**
 * Picks the headline: among the cleaned titles and lead sentences of the independent articles, the one that best
 * covers the story's core terms (stems found in most independent articles) while adding little else.
 */
interface HeadlineTerms {
  df: Map<string, number>;
  need: number;
  coreW: Map<string, number>;
  coreTotal: number;
}

/** The story's core terms: word stems shared by most articles, weighted by how many; the lead paragraph's break ties. */
function headlineTerms(pool: AnalysisArticle[], cache: AnalysisCache): HeadlineTerms {
  const G = pool.length;
  const df = new Map<string, number>();
  // each article's word stems, and its title's and lead's (kept per article)
  const own = (a: AnalysisArticle) =>
    cache.memo('headline-stems', `${a.title ?? ''}\u0000${a.text}`, () => ({
      all: new Set(stems(`${a.title ?? ''} ${a.text.slice(0, 20000)}`)),
      lead: new Set(stems(`${a.title ?? ''} ${splitSentences(a.text, 2).join(' ')}`)),
    }));
  for (const a of pool) for (const t of own(a).all) df.set(t, (df.get(t) ?? 0) + 1);
  const need = G <= 2 ? G : Math.max(2, Math.ceil(0.6 * G));
  const leadCount = new Map<string, number>();
  for (const a of pool) for (const t of own(a).lead) leadCount.set(t, (leadCount.get(t) ?? 0) + 1);
  const core = [...df]
    .filter(([, n]) => n >= need)
    .map(([t, n]) => [t, n / G + 0.5 * ((leadCount.get(t) ?? 0) / G)] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 20);
  return { df, need, coreW: new Map(core), coreTotal: core.reduce((n, [, w]) => n + w, 0) || 1 };
}

interface HeadlineCandidate {
  text: string;
  score: number;
}

/** A headline candidate in neutral wording, cut to length and scored for the core terms it covers; null when unusable. */
function scoreHeadline(raw: string, bonus: number, terms: HeadlineTerms, loadedTerms: (t: string) => string[]): HeadlineCandidate | null {
  let t = raw;
  for (const term of loadedTerms(t)) {
    const s2 = stripLabel(t, term);
    if (!s2) return null;
    t = s2;
  }
  if (t.length < 15) return null;
  if (t.length > MAX_HEADLINE) {
    const c = compress(t);
    if (!c) return null;
    t = c;
  }
  const toks = [...new Set(stems(t))];
  if (!toks.length) return null;
  const { coreW, coreTotal, df, need } = terms;
  const recall = toks.reduce((n, x) => n + (coreW.get(x) ?? 0), 0) / coreTotal;
  const precision = toks.filter((x) => coreW.has(x) || (df.get(x) ?? 0) >= need).length / toks.length;
  const n = t.split(/\s+/).length;
  const lengthPenalty = n < 5 ? 0.3 : n > 16 ? 0.02 * (n - 16) : 0;
  return { text: t, score: 0.6 * recall + 0.4 * precision + bonus - lengthPenalty };
}

/** The pool's cleaned titles that several outlets share (all of them when the story has one original). */
function sharedTitles(pool: AnalysisArticle[], originals: number): string[] {
  const titles = pool.map((a) => (a.title ? cleanTitle(a.title, a) : null));
  const titleStems = titles.map((t) => new Set(t ? stems(t) : []));
  // titles sharing a stem with title i: the only ones that can be the same headline
  const byStem = new Map<string, number[]>();
  titleStems.forEach((x, j) => {
    if (titles[j]) for (const t of x) (byStem.get(t) ?? byStem.set(t, []).get(t)!).push(j);
  });
  const sharedBySeveral = (i: number) =>
    [...titleStems[i]!].some((t) => byStem.get(t)!.some((j) => j !== i && sameHeadline(titleStems[i]!, titleStems[j]!)));
  return titles.filter((t, i): t is string => !!t && (originals <= 1 || sharedBySeveral(i)));
}

export function buildHeadline(
  articles: AnalysisArticle[],
  loadedTerms: (t: string) => string[],
  opinion: Set<string> = new Set(),
  cache: AnalysisCache = createAnalysisCache(),
): string {
  if (articles.length === 0) return 'Untitled story';
  const groupOf = groupIds(articles);
  const originals = articles.filter((a) => groupOf.get(a.id) === a.id);
  const reports = originals.filter((a) => !opinion.has(a.id));
  const pool = reports.length ? reports : originals.length ? originals : articles;
  const terms = headlineTerms(pool, cache);
  const candidates: HeadlineCandidate[] = [];
  const consider = (raw: string, bonus: number) => {
    const c = scoreHeadline(raw, bonus, terms, loadedTerms);
    if (c) candidates.push(c);
  };
  // an outlet's own headline only when several outlets share it (or it is the only report); otherwise what the leads state
  for (const t of sharedTitles(pool, originals.length)) consider(t, 0.15);
  for (const a of pool) {
    // the lead sentence; a later one only when the lead cannot be a headline
    const shapes = cache.memo('headline-leads', a.text, () =>
      splitSentences(a.text, 6)
        .filter((x) => x.split(/\s+/).length >= 7)
        .slice(0, 4)
        .map(headlineShape),
    );
    shapes.forEach((short, j) => {
      if (short) consider(short, -LATER_LEAD * j);
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.text.length - b.text.length);
  const best = candidates.find((c) => neutralVoice(`${c.text}.`))?.text;
  if (best) return best;
  candidates.length = 0;
  // nothing written from the leads: the best-covering title
  for (const a of pool) if (a.title && titleVoice(cleanTitle(a.title, a))) consider(cleanTitle(a.title, a), 0);
  candidates.sort((a, b) => b.score - a.score || a.text.length - b.text.length);
  if (candidates[0]) return candidates[0].text;
  const fallback = pool.find((a) => a.title)?.title ?? splitSentences(pool[0]!.text, 1)[0] ?? 'Untitled story';
  const clean = cleanTitle(fallback);
  return compress(clean) ?? clean.slice(0, MAX_HEADLINE).replace(/\s+\S*$/, '');
}

/**
 * The sentence space of a story: each article's candidate sentences as
 * tf-idf vectors (content words, numbers and names weighted up), pairwise
 * alignment across articles, and each sentence's support — the independent
 * articles that contain a sentence aligned with it.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import { contentTokens, fold, numbersIn, splitSentences } from './text.ts';
import { createAnalysisCache, type AnalysisCache } from '../analyze/cache.ts';

export interface Sent {
  /** index in the story's sentence list */
  i: number;
  article: string;
  /** the original article id (duplicates count as their original) */
  group: string;
  /** position in the article (0 = lead) and relative position 0..1 */
  pos: number;
  rel: number;
  text: string;
  vec: Map<string, number>;
  norm: number;
  /** usable in an overview: a full declarative sentence of sensible length */
  usable: boolean;
}

export interface SentenceSpace {
  sents: Sent[];
  groups: string[];
  /** article id → group id */
  groupOf: Map<string, string>;
  sim(a: Sent, b: Sent): number;
  /** sentences of other groups aligned with s (similarity ≥ ALIGN) */
  aligned(s: Sent): Sent[];
  /** article ids citing s: its own article and every article with an aligned sentence */
  citations(s: Sent): string[];
  /** number of independent articles (groups) supporting s */
  support(s: Sent): number;
}

/** Similarity at which two sentences of different articles state the same thing. */
export const ALIGN = 0.3;
const MAX_ARTICLES = 60;
const MAX_SENTS_PER_ARTICLE = 40;

const DEPENDENT = new RegExp(
  '^(?:it|this|that|these|those|he|she|they|him|her|them|his|its|their|there|such|however|but|and|also|meanwhile|moreover|' +
    'furthermore|nevertheless|still|yet|then|later|instead|otherwise|in addition|at the same time|in particular)\\b',
  'i',
);

/** Whether a sentence can stand alone in a summary. */
export function standsAlone(t: string): boolean {
  return usableSentence(t);
}

function usableSentence(t: string): boolean {
  const w = t.split(/\s+/);
  if (w.length < 7 || w.length > 70) return false;
  if (!/[.!…"”»)]$/.test(t)) return false;
  if (/https?:\/\/|www\.|@\w+\.\w/.test(t)) return false;
  if (!/^["“«„(]?[\p{Lu}\p{N}]/u.test(t)) return false;
  // a sentence leaning on the previous one ("It was…", "This…", "However, …") does not stand alone
  if (DEPENDENT.test(t)) return false;
  const caps = w.filter((x) => /^\p{Lu}/u.test(x)).length;
  if (caps / w.length > 0.6) return false;
  return true;
}

/** Resolves duplicateOf chains to the original article id. */
export function groupIds(articles: AnalysisArticle[]): Map<string, string> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out = new Map<string, string>();
  for (const a of articles) {
    let cur = a;
    const seen = new Set<string>();
    while (cur.duplicateOf && byId.has(cur.duplicateOf) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.duplicateOf)!;
    }
    out.set(a.id, cur.id);
  }
  return out;
}

/** A sentence's features for the space: content words, numbers ("#…") and capitalized words ("@…"). */
function sentenceFeatures(text: string): string[] {
  const feats = contentTokens(text);
  for (const n of numbersIn(text)) feats.push('#' + n);
  for (const m of text.matchAll(/(?<!^)\b\p{Lu}[\p{L}\p{N}-]+/gu)) feats.push('@' + fold(m[0]));
  return feats;
}

type RawSent = Omit<Sent, 'vec' | 'norm'> & { feats: string[] };

/** Each article's candidate sentences with their features, in story order. */
function rawSentences(used: AnalysisArticle[], groupOf: Map<string, string>, cache: AnalysisCache): RawSent[] {
  const raw: RawSent[] = [];
  for (const a of used) {
    const ss = cache.memo('space-sentences', a.text, () =>
      splitSentences(a.text, MAX_SENTS_PER_ARTICLE * 2).slice(0, MAX_SENTS_PER_ARTICLE),
    );
    ss.forEach((text, pos) => {
      const { feats, usable } = cache.memo('space-features', text, () => ({ feats: sentenceFeatures(text), usable: usableSentence(text) }));
      raw.push({
        i: raw.length,
        article: a.id,
        group: groupOf.get(a.id) ?? a.id,
        pos,
        rel: ss.length > 1 ? pos / (ss.length - 1) : 0,
        text,
        usable,
        feats,
      });
    });
  }
  return raw;
}

/** The sentences as tf-idf vectors over the story (numbers weighted up, capitalized words down). */
function vectorize(raw: RawSent[]): Sent[] {
  const df = new Map<string, number>();
  for (const r of raw) for (const f of new Set(r.feats)) df.set(f, (df.get(f) ?? 0) + 1);
  const N = raw.length || 1;
  return raw.map((r) => {
    const tf = new Map<string, number>();
    for (const f of r.feats) tf.set(f, (tf.get(f) ?? 0) + 1);
    const vec = new Map<string, number>();
    let n2 = 0;
    for (const [f, c] of tf) {
      const boost = f.startsWith('#') ? 1.5 : f.startsWith('@') ? 0.5 : 1;
      const w = (1 + Math.log(c)) * Math.log(1 + N / (df.get(f) ?? 1)) * boost;
      vec.set(f, w);
      n2 += w * w;
    }
    const { feats: _feats, ...rest } = r;
    return { ...rest, vec, norm: Math.sqrt(n2) || 1 };
  });
}

/** Cosine similarity of two sentences, cached per pair. */
function similarity(): (a: Sent, b: Sent) => number {
  const simCache = new Map<number, number>();
  return (a: Sent, b: Sent): number => {
    if (a.i === b.i) return 1;
    const key = a.i < b.i ? a.i * 1_000_003 + b.i : b.i * 1_000_003 + a.i;
    const hit = simCache.get(key);
    if (hit !== undefined) return hit;
    const [x, y] = a.vec.size < b.vec.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [f, w] of x.vec) {
      const v = y.vec.get(f);
      if (v) dot += w * v;
    }
    const s = dot / (a.norm * b.norm);
    simCache.set(key, s);
    return s;
  };
}

/** The sentences of other articles aligned with a sentence (similarity ≥ ALIGN), found through an inverted index. */
function alignment(sents: Sent[], sim: (a: Sent, b: Sent) => number): (s: Sent) => Sent[] {
  const post = new Map<string, number[]>();
  for (const s of sents) for (const f of s.vec.keys()) (post.get(f) ?? post.set(f, []).get(f)!).push(s.i);
  const alignedCache = new Map<number, Sent[]>();
  return (s: Sent): Sent[] => {
    const hit = alignedCache.get(s.i);
    if (hit) return hit;
    const cand = new Set<number>();
    for (const f of s.vec.keys()) {
      const p = post.get(f)!;
      if (p.length > 400) continue;
      for (const j of p) cand.add(j);
    }
    const out: Sent[] = [];
    for (const j of cand) {
      const t = sents[j]!;
      if (t.article === s.article) continue;
      if (sim(s, t) >= ALIGN) out.push(t);
    }
    alignedCache.set(s.i, out);
    return out;
  };
}

export function buildSentenceSpace(articles: AnalysisArticle[], cache: AnalysisCache = createAnalysisCache()): SentenceSpace {
  const groupOf = groupIds(articles);
  const used = articles.slice(0, MAX_ARTICLES);
  const sents = vectorize(rawSentences(used, groupOf, cache));
  const sim = similarity();
  const aligned = alignment(sents, sim);
  const citations = (s: Sent) => {
    const ids = new Set([s.article]);
    for (const t of aligned(s)) ids.add(t.article);
    // order as in the story
    return used.map((a) => a.id).filter((id) => ids.has(id));
  };
  const support = (s: Sent) => new Set([s.group, ...aligned(s).map((t) => t.group)]).size;
  const groups = [...new Set(used.map((a) => groupOf.get(a.id) ?? a.id))];
  return { sents, groups, groupOf, sim, aligned, citations, support };
}

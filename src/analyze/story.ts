/**
 * The analysis working set of one story: its articles' sentences with their
 * bags, dates, quantities, designations and entity mentions, the independent
 * report groups (wire copies count with their original) and the pairwise
 * sentence similarities across groups.
 */
import type { AnalysisArticle } from './article.ts';
import { articleSentences, type SentenceSpan } from './sentences.ts';
import { designationKey, type StoryEntity, type EntityMention } from './entities.ts';
import { lookupPlace, demonymCountry, capitalOf } from './gazetteer.ts';
import { wordTerms, bagOf, idfOf, type SentenceBag } from './align.ts';
import { findDates, findDateline, parseIsoDay, dayOf, type DateMention } from './dates.ts';
import { findQuantities, type Quantity } from './quantities.ts';
import { scriptOf, wordTokens } from './text.ts';
import { createAnalysisCache, type AnalysisCache } from './cache.ts';
import { storyEntities } from './story-entities.ts';
import { isPromo } from './promo.ts';
import { createLocales, type Locale, type Locales } from '../text/locale.ts';

export interface SentRec {
  /** global index in StoryData.sentences */
  gi: number;
  article: string;
  group: string;
  /** sentence index within the article */
  index: number;
  paragraph: number;
  text: string;
  bag: SentenceBag;
  dates: DateMention[];
  quantities: Quantity[];
  designations: Array<{ text: string; key: string; start: number; end: number }>;
  mentions: EntityMention[];
  /** a body sentence (not a heading, share bar, teaser or foreign-script furniture) */
  content: boolean;
}

export interface StoryData {
  articles: AnalysisArticle[];
  groupOf: Map<string, string>;
  groups: string[];
  sentences: SentRec[];
  byArticle: Map<string, SentRec[]>;
  entities: StoryEntity[];
  entityOfMention: Map<EntityMention, StoryEntity>;
  /** reference day per article (publication, dateline, or the story's) */
  refDay: Map<string, number>;
  /** articles whose reference day is their own (published or dateline), not the story's */
  ownDate: Set<string>;
  storyRef: number;
  idf: Map<string, number>;
  /** similarities ≥ 0.15 between content sentences of different groups: gi → [gi, sim][] */
  neighbors: Map<number, Array<[number, number]>>;
  /** each article's locale (src/text) when the story has articles in other languages than English; else none */
  localeOf?: Map<string, Locale | null>;
}

function rootGroup(id: string, byId: Map<string, AnalysisArticle>): string {
  let cur = id;
  const seen = new Set<string>();
  for (;;) {
    const a = byId.get(cur);
    if (!a || !a.duplicateOf || !byId.has(a.duplicateOf) || seen.has(cur)) return cur;
    seen.add(cur);
    cur = a.duplicateOf;
  }
}

function isContent(text: string, storyScript: string): boolean {
  const t = text.trim();
  if (!/[.!?"”»’)。！？」』]$/u.test(t)) return false;
  if (/(\.\.\.|…)$/.test(t)) return false;
  // Chinese and Japanese write words without spaces: two characters count as a word
  if (
    wordTokens(t).length +
      (/\p{Script=Han}/u.test(t) ? (t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0) / 2 : 0) <
    6
  )
    return false;
  const sc = scriptOf(t);
  if (sc !== storyScript && sc !== 'none') return false;
  // an outlet's promo, subscription, app or credit line that extraction left in
  return !isPromo(t);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

export const NEIGHBOR_MIN = 0.15;
/** Hard limits: characters read per article, sentences per article, sentences aligned pairwise in a story. */
export const LIMITS = { charsPerArticle: 60_000, sentencesPerArticle: 400, alignedSentences: 4_000, charsPerSentence: 1_500 };

/** An article's sentences within the limits (memoized per text). */
function limitedSentences(text: string, cache: AnalysisCache): SentenceSpan[] {
  return cache.memo('sentences', text, () =>
    articleSentences(text.slice(0, LIMITS.charsPerArticle))
      .slice(0, LIMITS.sentencesPerArticle)
      .map((sp) => (sp.text.length > LIMITS.charsPerSentence ? { ...sp, text: sp.text.slice(0, LIMITS.charsPerSentence) } : sp)),
  );
}

/** Each article's reference day (its publication date, else a dateline) and the story's (their median, else today). */
function referenceDays(
  articles: AnalysisArticle[],
  spans: Map<string, SentenceSpan[]>,
  now: Date,
): { own: Map<string, number>; storyRef: number; refDay: Map<string, number> } {
  const own = new Map<string, number>();
  for (const a of articles) {
    const d =
      parseIsoDay(a.published) ??
      findDateline(
        (spans.get(a.id) ?? []).map((s) => s.text),
        now,
      );
    if (d !== null) own.set(a.id, d);
  }
  const storyRef = own.size ? median([...own.values()]) : dayOf(now);
  const refDay = new Map(articles.map((a) => [a.id, own.get(a.id) ?? storyRef]));
  return { own, storyRef, refDay };
}

/** What the sentence records of a story are read with (sentenceRecords). */
interface RecordInput {
  spans: Map<string, SentenceSpan[]>;
  groupOf: Map<string, string>;
  refDay: Map<string, number>;
  locales: Locales | null;
  storyScript: string;
  cache: AnalysisCache;
  found: ReturnType<typeof storyEntities>;
}

/** Every article's sentence records, with their dates (read in the article's language from its reference day). */
function sentenceRecords(articles: AnalysisArticle[], r: RecordInput): { sentences: SentRec[]; byArticle: Map<string, SentRec[]> } {
  const { entities, entityOfMention, mentionsAt } = r.found;
  const sentences: SentRec[] = [];
  const byArticle = new Map<string, SentRec[]>();
  for (const a of articles) {
    const sp = r.spans.get(a.id) ?? [];
    const ref = r.refDay.get(a.id)!;
    const locale = r.locales?.get(a.language) ?? null;
    const dates = r.cache.memo('dates', ref + '\u0000' + (locale?.lang ?? '') + '\u0000' + a.text, () => {
      const ctx = { ref, anchor: null as number | null, locale };
      return sp.map((x) => findDates(x.text, ctx));
    });
    // body sentences are in the article's own script (a Russian report in a story told mostly in English is content)
    const ownScript = locale && locale.lang !== 'en' ? scriptOf(a.text.slice(0, 20000)) : r.storyScript;
    const story = { entities, entityOfMention, storyScript: ownScript, cache: r.cache, locale };
    const at = (i: number) => ({ gi: sentences.length + i, article: a.id, group: r.groupOf.get(a.id)! });
    const list = sp.map((x, i) => sentenceRecord(x, at(i), dates[i], mentionsAt.get(a.id + '\u0000' + x.index) ?? [], story));
    sentences.push(...list);
    byArticle.set(a.id, list);
  }
  return { sentences, byArticle };
}

export function buildStoryData(articles: AnalysisArticle[], now: Date, cache: AnalysisCache = createAnalysisCache()): StoryData {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const groupOf = new Map<string, string>();
  for (const a of articles) groupOf.set(a.id, rootGroup(a.id, byId));
  const groups = [...new Set(groupOf.values())];
  const spans = new Map(articles.map((a) => [a.id, limitedSentences(a.text, cache)]));
  // each article's language read through its locale (src/text), kept with the cache; a story all in English reads as before
  const foreign = articles.some((a) => !!a.language && !/^en(?:$|[-_])/i.test(a.language));
  const locales = foreign ? cache.memo('locales', '', () => createLocales()) : null;
  const storyScript = scriptOf(
    articles
      .map((a) => a.text)
      .join(' ')
      .slice(0, 20000),
  );
  const { own, storyRef, refDay } = referenceDays(articles, spans, now);
  const found = storyEntities(articles, spans, cache, locales);
  const { sentences, byArticle } = sentenceRecords(articles, { spans, groupOf, refDay, locales, storyScript, cache, found });
  const idf = idfOf(alignedSentences(sentences, articles.length).map((s) => s.bag));
  const neighbors = alignSentences(alignedSentences(sentences, articles.length), idf);
  const localeOf = locales ? new Map(articles.map((a) => [a.id, locales.get(a.language)])) : undefined;
  const { entities, entityOfMention } = found;
  return {
    articles,
    groupOf,
    groups,
    sentences,
    byArticle,
    entities,
    entityOfMention,
    refDay,
    ownDate: new Set(own.keys()),
    storyRef,
    idf,
    neighbors,
    localeOf,
  };
}

interface StoryContext {
  entities: StoryEntity[];
  entityOfMention: Map<EntityMention, StoryEntity>;
  storyScript: string;
  cache: AnalysisCache;
  locale: Locale | null;
}

/** One sentence's record: its figures, designations and the bag it is aligned by. */
function sentenceRecord(
  sp: SentenceSpan,
  at: Pick<SentRec, 'gi' | 'article' | 'group'>,
  dates: DateMention[],
  mentions: EntityMention[],
  story: StoryContext,
): SentRec {
  const { entityOfMention, cache } = story;
  const designations = mentions
    .filter((m) => m.designation)
    .map((m) => ({ text: m.surface, key: designationKey(m.surface), start: m.start, end: m.end }));
  const skip: Array<[number, number]> = [
    ...dates.map((d) => [d.start, d.end] as [number, number]),
    ...designations.map((d) => [d.start, d.end] as [number, number]),
  ];
  const quantities = cache.memo('quantities', skip.join(';') + '\u0000' + (story.locale?.lang ?? '') + '\u0000' + sp.text, () =>
    findQuantities(sp.text, skip, story.locale),
  );
  const entSpans = mentions.map((m) => {
    const e = entityOfMention.get(m)!;
    const keys = ['e:' + e.id];
    if (e.type === 'place') {
      const p = lookupPlace(e.name);
      if (p?.country) keys.push('c:' + p.country);
      else if (p?.kind === 'country') keys.push('c:' + p.name);
    }
    return { start: m.start, end: m.end, keys };
  });
  // "the Russian capital" stands for Moscow; a demonym ("Venezuelan") for its country
  for (const d of cache.memo('demonyms', sp.text, () => demonymsOf(sp.text))) {
    if (entSpans.some((e) => d.start < e.end && d.end > e.start)) continue;
    const keys = ['c:' + d.country];
    if (d.capital) {
      const cap = capitalOf(d.country);
      const ent = cap ? story.entities.find((e) => e.type === 'place' && e.name === cap) : undefined;
      if (ent) keys.push('e:' + ent.id);
    }
    entSpans.push({ start: d.start, end: d.end, keys });
  }
  return {
    ...at,
    index: sp.index,
    paragraph: sp.paragraph,
    text: sp.text,
    bag: bagOf(
      cache.memo('terms', sp.text, () => wordTerms(sp.text)),
      [...entSpans, ...dates.map((d) => ({ start: d.start, end: d.end, keys: [] as string[] }))],
    ),
    dates,
    quantities,
    designations,
    mentions,
    content: cache.memo('content', story.storyScript + '\u0000' + sp.text, () => isContent(sp.text, story.storyScript)),
  };
}

/** Demonyms of a sentence ("Venezuelan", "the Russian capital"): where, which country, and whether "capital" follows. */
function demonymsOf(text: string): Array<{ start: number; end: number; country: string; capital: boolean }> {
  const out: Array<{ start: number; end: number; country: string; capital: boolean }> = [];
  for (const m of text.matchAll(/(?<![\p{L}-])(\p{Lu}[\p{Ll}]+)(\s+capital)?(?![\p{L}-])/gu)) {
    const country = demonymCountry(m[1]);
    if (country) out.push({ start: m.index, end: m.index + m[0].length, country, capital: !!m[2] });
  }
  return out;
}

/** The content sentences aligned pairwise: beyond the alignment budget, later sentences of each article are left out. */
function alignedSentences(sentences: SentRec[], articleCount: number): SentRec[] {
  let content = sentences.filter((s) => s.content);
  if (content.length > LIMITS.alignedSentences) {
    const perArticle = Math.max(5, Math.floor(LIMITS.alignedSentences / articleCount));
    content = content.filter((s) => s.index < perArticle).slice(0, LIMITS.alignedSentences);
  }
  return content;
}

/** Similarities ≥ NEIGHBOR_MIN between aligned sentences of different groups: gi → [gi, sim][]. */
function alignSentences(content: SentRec[], idf: Map<string, number>): Map<number, Array<[number, number]>> {
  const neighbors = new Map<number, Array<[number, number]>>();
  // bags as sorted term ids with squared weights, for a fast merge
  const ids = new Map<string, number>();
  const w2: number[] = [];
  for (const [t, w] of idf) {
    ids.set(t, ids.size);
    w2.push(w * w);
  }
  const vecs = content.map((sr) => {
    const v = Int32Array.from([...sr.bag.terms].map((t) => ids.get(t)!)).sort();
    let norm = 0;
    for (const x of v) norm += w2[x];
    return { v, norm: Math.sqrt(norm) };
  });
  // each pair's dot product summed over shared term ids in ascending order (as a merge of the two sorted bags would),
  // pairs found through an inverted index of the bags instead of trying all of them
  const postings = w2.map(() => [] as number[]);
  vecs.forEach((x, i) => {
    for (const t of x.v) postings[t].push(i);
  });
  const cursor = new Int32Array(w2.length);
  const acc = new Float64Array(content.length);
  for (let i = 0; i < content.length; i++) {
    const a = content[i];
    const touched: number[] = [];
    for (const t of vecs[i].v) {
      const list = postings[t];
      // list[cursor[t]] is i itself: the later sentences follow
      for (let p = ++cursor[t]; p < list.length; p++) {
        const j = list[p];
        if (content[j].group === a.group) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w2[t];
      }
    }
    touched.sort((x, y) => x - y);
    for (const j of touched) {
      const dot = acc[j];
      acc[j] = 0;
      const b = content[j];
      const s = dot / (vecs[i].norm * vecs[j].norm);
      if (s < NEIGHBOR_MIN) continue;
      (neighbors.get(a.gi) ?? neighbors.set(a.gi, []).get(a.gi)!).push([b.gi, s]);
      (neighbors.get(b.gi) ?? neighbors.set(b.gi, []).get(b.gi)!).push([a.gi, s]);
    }
  }
  return neighbors;
}

/** Similarity of two sentences (0 when not neighbors). */
export function simOf(data: StoryData, a: number, b: number): number {
  const n = data.neighbors.get(a);
  if (!n) return 0;
  for (const [x, s] of n) if (x === b) return s;
  return 0;
}

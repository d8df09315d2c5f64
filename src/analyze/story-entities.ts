/**
 * The entities of a story under analysis: each article's mentions (kept in the analysis cache while the story's
 * lower-case words they were read with still hold), those in scripts without capitals, merged across the story.
 */
import type { AnalysisArticle } from './article.ts';
import type { SentenceSpan } from './sentences.ts';
import {
  sentenceMentions,
  lowerCaseWords,
  mergeMentions,
  knownNameWords,
  uncasedMentions,
  type KnownName,
  type NameOrthography,
  type StoryEntity,
  type EntityMention,
} from './entities.ts';
import { fold } from './text.ts';
import type { AnalysisCache } from './cache.ts';
import type { Locale, Locales } from '../text/locale.ts';
import { uncasedScript } from '../text/names.ts';

interface ArticleMentions {
  bySentence: EntityMention[][];
  /** the story's lower-case words asked about while finding them, with the answers */
  asked: Map<string, boolean>;
}

/**
 * Entity mentions of an article's sentences. They depend on the story only through which words it also writes in
 * lower case: a kept result is reused while every answer it was built on still holds.
 */
function articleMentions(
  a: AnalysisArticle,
  spans: SentenceSpan[],
  lowerSeen: ReadonlySet<string>,
  cache: AnalysisCache,
  locale: Locale | null,
): EntityMention[][] {
  const own = locale && locale.lang !== 'en' ? cache.memo('orthography', locale.lang, () => orthography(locale)) : null;
  const compute = (): ArticleMentions => {
    const asked = new Map<string, boolean>();
    const probe = {
      has(w: string): boolean {
        const v = lowerSeen.has(w);
        asked.set(w, v);
        return v;
      },
    };
    return { bySentence: spans.map((sp, i) => sentenceMentions(a.id, i, sp.text, probe, own)), asked };
  };
  const key = a.id + '\u0000' + (own ? locale!.lang : '') + '\u0000' + a.text;
  const kept = cache.memo('mentions', key, compute);
  for (const [w, v] of kept.asked)
    if (lowerSeen.has(w) !== v) {
      const fresh = compute();
      cache.put('mentions', key, fresh);
      return fresh.bySentence;
    }
  return kept.bySentence;
}
/** Languages that write every noun with a capital. */
const NOUN_CAPITALS = new Set(['de', 'lb']);

/** The words of a language never read as names when capitalized: function words, months, weekdays. */
function orthography(locale: Locale): NameOrthography {
  const d = locale.data;
  return {
    notNames: new Set([...d.stopwords, ...d.months.flat(), ...d.weekdays.flat()].map(fold)),
    nounCaps: NOUN_CAPITALS.has(locale.lang),
  };
}

/**
 * Mentions, in the articles written in Arabic script, Hebrew, Devanagari or Chinese, of the names the story's other
 * articles write in capitals (مادورو, פוטין, 马杜罗 = Maduro, Putin). None in a story without such articles.
 */
function uncasedStoryMentions(articles: AnalysisArticle[], spans: Map<string, SentenceSpan[]>, cased: EntityMention[]): EntityMention[] {
  const uncased = articles.filter((a) => uncasedScript(a.text.slice(0, 5000)) !== null);
  if (uncased.length === 0) return [];
  const known = knownNameWords(cased);
  if (known.length === 0) return [];
  const memo = new Map<string, KnownName | null>();
  return uncased.flatMap((a) => (spans.get(a.id) ?? []).flatMap((sp, i) => uncasedMentions(a.id, i, sp.text, known, memo)));
}

/** The story's entities: each article's mentions (kept per article), merged across the story; and the mentions by sentence. */
export function storyEntities(
  articles: AnalysisArticle[],
  spans: Map<string, SentenceSpan[]>,
  cache: AnalysisCache,
  locales: Locales | null,
): { entities: StoryEntity[]; entityOfMention: Map<EntityMention, StoryEntity>; mentionsAt: Map<string, EntityMention[]> } {
  const lowerSeen = new Set<string>();
  for (const a of articles)
    for (const w of cache.memo('lower', a.text, () => lowerCaseWords((spans.get(a.id) ?? []).map((s) => s.text)))) lowerSeen.add(w);
  const mentionsOf = new Map(
    articles.map((a) => [a.id, articleMentions(a, spans.get(a.id) ?? [], lowerSeen, cache, locales?.get(a.language) ?? null)]),
  );
  const cased = articles.flatMap((a) => (mentionsOf.get(a.id) ?? []).flat());
  // in a story told in several languages, names are also compared by sound across them (Poutine = Putin)
  const langOf = new Map(articles.map((a) => [a.id, (a.language ?? 'en').toLowerCase().split(/[-_]/)[0]]));
  const entities = mergeMentions(
    [...cased, ...uncasedStoryMentions(articles, spans, cased)],
    locales ? (id) => langOf.get(id) ?? 'en' : null,
  );
  const entityOfMention = new Map<EntityMention, StoryEntity>();
  const mentionsAt = new Map<string, EntityMention[]>();
  for (const e of entities)
    for (const m of e.mentions) {
      entityOfMention.set(m, e);
      const k = m.article + '\u0000' + m.sentence;
      const l = mentionsAt.get(k);
      if (l) l.push(m);
      else mentionsAt.set(k, [m]);
    }
  return { entities, entityOfMention, mentionsAt };
}

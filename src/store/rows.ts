/**
 * Row shapes and mappings shared by the SQL stores (SQLite and PostgreSQL use
 * the same column names; only JSON columns come back differently).
 */
import type { Article, ArticleTranslation } from '../model.ts';
import { Article as ArticleShape } from '../model-schema.ts';
import type { FeedState, NewArticle } from './types.ts';

/** `siteName` → `site_name`: the column of a field. */
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** An article row: the stored article's fields (model-schema.ts) under their column names, JSON columns as read. */
export type ArticleRow = {
  [K in Exclude<keyof Article, 'blocks' | 'translation'> as Snake<K>]-?: Exclude<Article[K], undefined>;
} & {
  /** JSON text (SQLite) or already parsed (PostgreSQL JSONB). */
  blocks: string | Article['blocks'];
  /** JSON text (SQLite) or already parsed (PostgreSQL JSONB); null when not translated. */
  translation: string | ArticleTranslation | null;
};

/** The article's columns, in the order of its fields. */
export const ARTICLE_COLS = Object.keys(ArticleShape.shape).map(snake).join(', ');

export function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    ref: r.ref,
    url: r.url,
    title: r.title,
    byline: r.byline,
    published: r.published,
    language: r.language,
    outlet: r.outlet,
    country: r.country,
    siteName: r.site_name,
    section: r.section ?? null,
    text: r.text,
    blocks: typeof r.blocks === 'string' ? (JSON.parse(r.blocks) as Article['blocks']) : r.blocks,
    contentHash: r.content_hash,
    duplicateOf: r.duplicate_of,
    storyId: r.story_id,
    ingestedAt: r.ingested_at,
    translation: typeof r.translation === 'string' ? (JSON.parse(r.translation) as ArticleTranslation) : (r.translation ?? null),
  };
}

/** The article insert's column list, in the order of `articleInsertValues`. */
export const ARTICLE_INSERT_COLS =
  'id, ref, url, title, byline, published, language, outlet, country, site_name, section, text, blocks, ' +
  'raw, raw_kind, raw_hash, content_hash, duplicate_of, features, ingested_at, translation';

/** The values of ARTICLE_INSERT_COLS for one new article (JSON columns serialized). */
export function articleInsertValues(a: NewArticle, ingestedAt: string): unknown[] {
  return [
    a.id,
    a.ref,
    a.url,
    a.title,
    a.byline,
    a.published,
    a.language,
    a.outlet,
    a.country,
    a.siteName,
    a.section ?? null,
    a.text,
    JSON.stringify(a.blocks),
    a.raw,
    a.rawKind,
    a.rawHash,
    a.contentHash,
    a.duplicateOf,
    JSON.stringify(a.features ?? null),
    ingestedAt,
    a.translation ? JSON.stringify(a.translation) : null,
  ];
}

export interface FeedStateRow {
  feed_url: string;
  etag: string | null;
  last_modified: string | null;
  last_polled: string | null;
  last_ok: string | null;
  error_count: number;
  last_error: string | null;
  next_poll: string | null;
}

export function toFeedState(r: FeedStateRow): FeedState {
  return {
    feedUrl: r.feed_url,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolled: r.last_polled,
    lastOk: r.last_ok,
    errorCount: r.error_count,
    lastError: r.last_error,
    nextPoll: r.next_poll,
  };
}

/** Feed-state lookups are batched this many URLs a query (bound parameters stay far below every limit). */
export const FEED_STATE_BATCH = 500;

/** listOutletRawTexts reads at most this many characters of each raw text (furniture lines sit near the top). */
export const OUTLET_RAW_MAX_CHARS = 100_000;

/** The clustering index's week bucket of a date (weeks since 1970-01-01), or 'u' without a date. */
export function postingWeek(date: string | null): string {
  const t = date ? Date.parse(date.slice(0, 10)) : Number.NaN;
  return Number.isNaN(t) ? 'u' : String(Math.floor(t / (7 * 86400000)));
}

/** The week buckets a date window touches, and 'u' (stories without dates are always candidates). */
export function windowWeeks(window: { from: string; to: string }): string[] {
  const a = Number(postingWeek(window.from));
  const b = Number(postingWeek(window.to));
  const out = ['u'];
  for (let w = a; w <= b && out.length < 60; w++) out.push(String(w));
  return out;
}

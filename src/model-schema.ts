/**
 * The shapes every part shares, defined once as zod schemas: the stored article (with its text blocks and
 * translation), the article as ingested, and the story. Everything else is derived from these: the types of
 * model.ts (z.infer, imported as types only, so stages and extraction threads do not load zod), the store's rows and
 * new-article shape, the report's article list (report.ts) and the API's responses (serve/api/schemas.ts).
 */
import { z } from 'zod';

export const TextBlock = z.object({
  kind: z.enum(['paragraph', 'heading', 'list-item', 'quote']),
  text: z.string(),
});

/** A machine translation of an article's title and text, and the provider that made it. */
export const ArticleTranslation = z.object({
  language: z.literal('en'),
  title: z.string().nullable(),
  text: z.string(),
  /** e.g. "apertium", "libretranslate", "llm:gpt-4o-mini". */
  provider: z.string(),
});

/** An article as stored. */
export const Article = z.object({
  id: z.string(),
  ref: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  byline: z.string().nullable(),
  published: z.string().nullable(),
  language: z.string().nullable(),
  outlet: z.string().nullable(),
  country: z.string().nullable(),
  siteName: z.string().nullable(),
  /** Section label the article states ("World", "Politika"), when found. */
  section: z.string().nullable().optional(),
  text: z.string(),
  blocks: z.array(TextBlock),
  /** sha256 of the normalized cleaned text: the idempotency key. */
  contentHash: z.string(),
  /** id of the article this one copies (wire reprint), if any. */
  duplicateOf: z.string().nullable(),
  storyId: z.string().nullable(),
  ingestedAt: z.string(),
  /** Its English translation, stored beside the original (translate/), or null (English, no provider, rejected). */
  translation: ArticleTranslation.nullable().optional(),
});

/** An article handed to the store: the stored fields but its story and ingest time, plus its raw input and features. */
export const NewArticle = Article.omit({ storyId: true, ingestedAt: true }).extend({
  /** The input exactly as received (text or HTML), for re-extraction later. */
  raw: z.string(),
  rawKind: z.enum(['text', 'html']),
  /** sha256 of the raw input. */
  rawHash: z.string(),
  /** Clustering features (opaque JSON owned by cluster/). */
  features: z.unknown(),
});

/** A story: its id, title, first and last change, and its articles. */
export const StorySummary = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  articleIds: z.array(z.string()),
});

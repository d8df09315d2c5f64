/**
 * The normalized data model every stage speaks. Each input format is adapted
 * into these shapes at the edge (extract/, fetch/), and nothing downstream
 * knows where an article came from.
 *
 * The article and story shapes are zod schemas in model-schema.ts; their types are named here.
 */
import type { z } from 'zod';
import type * as Shape from './model-schema.ts';

/** What a user handed to ingest, before extraction. */
export interface RawInput {
  /** The URL it came from, or the file path as given to ingest, plus `#line` for JSONL records. */
  ref: string;
  /** `text` = plain text copied from a page; `html` = a web page. */
  kind: 'text' | 'html';
  body: string;
  /** Metadata the input carried itself (JSONL fields, feed entries). Wins over anything extracted. */
  hints: ArticleHints;
}

export interface ArticleHints {
  id?: string | null;
  url?: string | null;
  title?: string | null;
  outlet?: string | null;
  country?: string | null;
  language?: string | null;
  published?: string | null;
  byline?: string | null;
}

/** The output of extract/: one article separated from its page furniture. */
export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** Section/desk label found next to the byline ("World", "Business"), if any. */
  section?: string | null;
  /** ISO 8601 date or date-time, or null when nothing states it. */
  published: string | null;
  /** How `published` was found, e.g. 'meta', 'json-ld', 'dateline-weekday', 'hint'. */
  publishedEvidence?: string | null;
  language: string | null;
  siteName: string | null;
  /** Body paragraphs (sub-headings included as their own paragraphs), joined by a blank line. */
  text: string;
  /** Paragraph-level structure: which paragraphs are sub-headings. */
  blocks: TextBlock[];
  /** Language of the dropped furniture when it differs from the body's (hints at the outlet's country). */
  furnitureLanguage?: string | null;
  /** Lines that were dropped as furniture, with why: kept for diagnostics. */
  dropped?: DroppedLine[];
}

export type TextBlock = z.infer<typeof Shape.TextBlock>;

export interface DroppedLine {
  line: number;
  text: string;
  reason: string;
}

/** An article as stored. */
export type Article = z.infer<typeof Shape.Article>;

/** A machine translation of an article's title and text, and the provider that made it. */
export type ArticleTranslation = z.infer<typeof Shape.ArticleTranslation>;

export type StorySummary = z.infer<typeof Shape.StorySummary>;

/** Typed failure with a stable code, e.g. `fetch/too-large`, `extract/no-article`, `ingest/binary`. */
export interface Failure {
  ok: false;
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

export function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

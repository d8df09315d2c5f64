/**
 * extract/: separates an article from its page furniture. Every input format
 * (plain text copied from a page, an HTML page) is adapted into one
 * ExtractedArticle. Expected failures are typed (`extract/no-article`, …).
 */
import type { ExtractedArticle, RawInput, Result } from '../model.ts';
import { extractPlainText } from './plaintext.ts';
import { extractHtml } from './html.ts';
import type { HtmlExtractPool } from './worker.ts';

export interface ExtractOptions {
  /** Reference date for resolving dates stated without a year ("Friday, October 31"). */
  now: Date;
  /** Lines seen in other articles of the same outlet (repetition marks furniture). */
  outletLines?: ReadonlySet<string>;
}

export function extractArticle(input: RawInput, opts: ExtractOptions): Result<ExtractedArticle> {
  const r = input.kind === 'html' ? extractHtml(input.body, { url: input.hints.url ?? null, now: opts.now }) : extractPlainText(input.body, { ...opts, titleHint: input.hints.title ?? null });
  return applyHints(r, input);
}

/**
 * The same, with HTML parsed in a worker thread of `pool` (bounded heap and time), so that one pathological page
 * cannot take the process down. Plain text stays in-process: its extractor has its own size limits.
 */
export async function extractArticleIsolated(input: RawInput, opts: ExtractOptions, pool: HtmlExtractPool): Promise<Result<ExtractedArticle>> {
  if (input.kind !== 'html') return extractArticle(input, opts);
  return applyHints(await pool.extract(input.body, { url: input.hints.url ?? null, now: opts.now }), input);
}

/** Metadata the input carried itself (JSONL fields, feed entries) wins over what was extracted. */
function applyHints(r: Result<ExtractedArticle>, input: RawInput): Result<ExtractedArticle> {
  if (!r.ok) return r;
  const a = r.value;
  const h = input.hints;
  return {
    ok: true,
    value: {
      ...a,
      title: h.title ?? a.title,
      byline: h.byline ?? a.byline,
      published: h.published ?? a.published,
      publishedEvidence: h.published ? 'hint' : a.publishedEvidence ?? null,
      language: h.language ?? a.language,
    },
  };
}

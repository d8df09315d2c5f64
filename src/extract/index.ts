/**
 * extract/: separates an article from its page furniture. Every input format
 * (plain text copied from a page, an HTML page) is adapted into one
 * ExtractedArticle. Expected failures are typed (`extract/no-article`, …).
 */
import type { ExtractedArticle, RawInput, Result } from '../model.ts';
import { extractPlainText } from './plaintext.ts';
import { extractHtml } from './html.ts';

export interface ExtractOptions {
  /** Reference date for resolving dates stated without a year ("Friday, October 31"). */
  now: Date;
  /** Lines seen in other articles of the same outlet (repetition marks furniture). */
  outletLines?: ReadonlySet<string>;
}

export function extractArticle(input: RawInput, opts: ExtractOptions): Result<ExtractedArticle> {
  const r = input.kind === 'html' ? extractHtml(input.body, { url: input.hints.url ?? null, now: opts.now }) : extractPlainText(input.body, { ...opts, titleHint: input.hints.title ?? null });
  if (!r.ok) return r;
  const a = r.value;
  const h = input.hints;
  // Metadata the input carried itself wins over what was extracted.
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

/**
 * extract/: separates an article from its page furniture. Every input format
 * (plain text copied from a page, an HTML page) is adapted into one
 * ExtractedArticle. Expected failures are typed (`extract/no-article`, …).
 */
import type { ExtractedArticle, RawInput, Result } from '../model.ts';
import { extractPlainText } from './plaintext.ts';
import { extractHtml } from './html.ts';
import type { HtmlExtractPool } from './worker.ts';
import { isOutletLine } from './text/outlet.ts';

export interface ExtractOptions {
  /** Reference date for resolving dates stated without a year ("Friday, October 31"). */
  now: Date;
  /** Lines seen in other articles of the same outlet (repetition marks furniture). */
  outletLines?: ReadonlySet<string>;
}

export function extractArticle(input: RawInput, opts: ExtractOptions): Result<ExtractedArticle> {
  if (input.kind !== 'html') return applyHints(extractPlainText(input.body, { ...opts, titleHint: input.hints.title ?? null }), input);
  return applyHints(withOutletLines(extractHtml(input.body, { url: input.hints.url ?? null, now: opts.now }), opts.outletLines), input);
}

/**
 * An extracted page without the blocks its outlet repeats across stories (`outletLines`, see text/outlet.ts); for
 * plain text the extractor weighs them itself. Use it too when the outlet is known only after extraction (site name).
 */
export function withoutOutletLines(a: ExtractedArticle, outletLines: ReadonlySet<string> | undefined): ExtractedArticle {
  if (!outletLines?.size) return a;
  const blocks = a.blocks.filter((b) => b.text === a.title || !isOutletLine(b.text, outletLines));
  if (blocks.length === a.blocks.length || blocks.length === 0) return a;
  const gone = a.blocks
    .filter((b) => !blocks.includes(b))
    .map((b) => ({ line: 0, text: b.text, reason: 'seen in other articles of the outlet' }));
  return { ...a, blocks, text: blocks.map((b) => b.text).join('\n\n'), dropped: [...(a.dropped ?? []), ...gone] };
}

function withOutletLines(r: Result<ExtractedArticle>, outletLines: ReadonlySet<string> | undefined): Result<ExtractedArticle> {
  return r.ok ? { ok: true, value: withoutOutletLines(r.value, outletLines) } : r;
}

/**
 * The same, off the calling thread: HTML and plain text are extracted in a worker thread of `pool` (bounded heap,
 * per-item time budget), so that one pathological input can neither take the process down nor stall a server or
 * poller; over the budget it is the typed failure `extract/timeout`.
 */
export async function extractArticleIsolated(
  input: RawInput,
  opts: ExtractOptions,
  pool: HtmlExtractPool,
): Promise<Result<ExtractedArticle>> {
  if (input.kind !== 'html')
    return applyHints(
      await pool.extractText(input.body, { now: opts.now, outletLines: opts.outletLines, titleHint: input.hints.title ?? null }),
      input,
    );
  return applyHints(
    withOutletLines(await pool.extract(input.body, { url: input.hints.url ?? null, now: opts.now }), opts.outletLines),
    input,
  );
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
      publishedEvidence: h.published ? 'hint' : (a.publishedEvidence ?? null),
      language: h.language ?? a.language,
    },
  };
}

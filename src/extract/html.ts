/**
 * HTML articles: @mozilla/readability over linkedom, plus metadata
 * (title, byline, published date, language, site name).
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle, Result, TextBlock } from '../model.ts';
import { fail } from '../model.ts';

export interface HtmlOptions {
  url: string | null;
  now: Date;
}

export function extractHtml(html: string, _opts: HtmlOptions): Result<ExtractedArticle> {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const article = new Readability(document as any, { maxElemsToParse: 100000 }).parse();
  if (!article || !article.textContent || article.textContent.trim().length === 0) {
    return fail('extract/no-article', 'no article found in the page');
  }
  const { document: body } = parseHTML(`<html><body>${article.content ?? ''}</body></html>`);
  const blocks: TextBlock[] = [];
  for (const el of Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre')) as Element[]) {
    if (el.querySelector('p, li, blockquote')) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const tag = el.tagName.toLowerCase();
    blocks.push({ kind: /^h\d$/.test(tag) ? 'heading' : tag === 'li' ? 'list-item' : tag === 'blockquote' ? 'quote' : 'paragraph', text });
  }
  if (blocks.length === 0) blocks.push({ kind: 'paragraph', text: article.textContent.replace(/\s+/g, ' ').trim() });
  return {
    ok: true,
    value: {
      title: article.title ?? null,
      byline: article.byline ?? null,
      published: article.publishedTime ?? null,
      language: article.lang ?? lang,
      siteName: article.siteName ?? null,
      text: blocks.map((b) => b.text).join('\n\n'),
      blocks,
    },
  };
}

/**
 * HTML articles. Parallax's own main-content finder (src/extract/html/content.ts)
 * over a light tree built by a streaming tokenizer (src/extract/html/dom.ts),
 * with metadata from src/extract/html/meta.ts. When the finder comes back
 * with almost nothing, @mozilla/readability over linkedom gets a second try.
 *
 * Limits: characters, element count and nesting depth are bounded in the
 * parser; past them the result is `extract/too-complex`. For isolation from
 * pathological pages (heap, time), use extractHtmlIsolated in ./worker.ts.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { ExtractedArticle, Result, TextBlock } from '../model.ts';
import { fail } from '../model.ts';
import type { ParseLimits } from './html/dom.ts';
import { DEFAULT_PARSE_LIMITS, TooComplex, norm, parseDocument } from './html/dom.ts';
import type { PageMeta } from './html/meta.ts';
import { bylineFromText, extractMeta } from './html/meta.ts';
import { extractContent, filterForeignBlocks } from './html/content.ts';
import { promoLine, withoutPromoTail } from './text/promo.ts';

export interface HtmlOptions {
  url: string | null;
  now: Date;
  /** Parser limits (defaults: DEFAULT_PARSE_LIMITS). */
  limits?: Partial<ParseLimits>;
  /** Set false to never fall back to Readability (default true). */
  fallback?: boolean;
}

/** Below this many characters of body text the Readability fallback is tried. */
const MIN_TEXT = 200;
const FALLBACK_MAX_ELEMENTS = 20_000;
const FALLBACK_MAX_DEPTH = 200;
/** JSON-LD articleBody replaces the extracted text only from this many characters (and at twice its length). */
const LD_BODY_MIN = 500;

export function extractHtml(html: string, opts: HtmlOptions): Result<ExtractedArticle> {
  const limits = { ...DEFAULT_PARSE_LIMITS, ...opts.limits };
  let doc;
  try {
    doc = parseDocument(html, limits);
  } catch (e) {
    if (e instanceof TooComplex) return fail('extract/too-complex', e.message);
    throw e;
  }
  const meta = extractMeta(doc.root, doc.jsonLd, opts.url, opts.now);
  const content = extractContent(doc.root, { title: meta.title });
  let blocks = content.blocks;
  let textLen = blocks.reduce((n, b) => n + b.text.length, 0);
  // Readability is much slower on big or deep trees: it is a second opinion for ordinary pages only.
  if (
    textLen < MIN_TEXT &&
    opts.fallback !== false &&
    doc.elementCount <= FALLBACK_MAX_ELEMENTS &&
    doc.maxDepthSeen <= FALLBACK_MAX_DEPTH
  ) {
    const rb = readabilityFallbackBlocks(html, limits.maxElements);
    const rLen = rb.reduce((n, b) => n + b.text.length, 0);
    if (rLen > textLen * 1.5 && rb.some((b) => b.text.length >= 80)) {
      blocks = rb;
      textLen = rLen;
    }
  }
  // The page shows a fraction of what its JSON-LD states (a paywall teaser, text rendered by scripts, a part the
  // finder missed): the publisher's own articleBody is the article.
  const ldBody = meta.articleBody;
  if (ldBody && ldBody.length >= LD_BODY_MIN && ldBody.length > textLen * 2) {
    // Visible prose the JSON-LD lacks (a standfirst, a teaser written for the page) stays first.
    const lead = blocks.filter((b) => b.text.length >= 80 && !ldBody.includes(b.text.slice(0, 60)));
    blocks = [...lead, ...ldBody.split('\n').map((text): TextBlock => ({ kind: 'paragraph', text }))];
    textLen = blocks.reduce((n, b) => n + b.text.length, 0);
  }
  blocks = withoutPromotions(blocks, meta.title);
  textLen = blocks.reduce((n, b) => n + b.text.length, 0);
  // An article has at least one sentence-sized block; a page of short link labels has none.
  if (textLen < 60 || !blocks.some((b) => b.text.length >= 40)) return fail('extract/no-article', 'no article found in the page');
  const byline = meta.byline ?? bylineFromText([...(content.bylineLine ? [content.bylineLine] : []), ...blocks.map((b) => b.text)]);
  return {
    ok: true,
    value: {
      title: meta.title,
      byline,
      published: meta.published,
      publishedEvidence: meta.publishedEvidence,
      language: meta.language,
      siteName: meta.siteName,
      text: blocks.map((b) => b.text).join('\n\n'),
      blocks,
    },
  };
}

/**
 * Outlet promotions left among the blocks, whatever path found them (content finder, Readability, JSON-LD): a block
 * that is a read-also label, a call to subscribe/follow/download or a credit label is dropped; promotion sentences
 * closing a paragraph are cut off. The headline is kept as it is.
 */
function withoutPromotions(blocks: TextBlock[], title: string | null): TextBlock[] {
  const out: TextBlock[] = [];
  for (const b of blocks) {
    if (b.text === title) out.push(b);
    else if (!promoLine(b.text)) out.push({ ...b, text: withoutPromoTail(b.text) });
  }
  return out;
}

/** Metadata only (no body), e.g. for a page that has no article; same limits as extractHtml. */
export function extractHtmlMeta(html: string, opts: HtmlOptions): Result<PageMeta> {
  try {
    const doc = parseDocument(html, { ...DEFAULT_PARSE_LIMITS, ...opts.limits });
    return { ok: true, value: extractMeta(doc.root, doc.jsonLd, opts.url, opts.now) };
  } catch (e) {
    if (e instanceof TooComplex) return fail('extract/too-complex', e.message);
    throw e;
  }
}

/** Plain Readability over linkedom, as blocks (also the eval's baseline). */
export function readabilityBlocks(html: string, maxElems = DEFAULT_PARSE_LIMITS.maxElements): TextBlock[] {
  const content = readabilityContent(html, maxElems);
  return content ? blocksFromHtml(content, (h) => parseHTML(`<html><body>${h}</body></html>`).document) : [];
}

/**
 * Readability's article markup, or null. Input that linkedom does not read as an HTML document (one starting like
 * an XML declaration, "<?xm") gives no document at all: the second opinion then has nothing to say.
 */
function readabilityContent(html: string, maxElems: number): string | null {
  const { document } = parseHTML(html);
  if (!document || typeof document !== 'object' || !document.documentElement) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const article = new Readability(document as any, { maxElemsToParse: maxElems }).parse();
  return article?.content || null;
}

/** Readability's blocks, with their link text measured, through Parallax's furniture filter. */
function readabilityFallbackBlocks(html: string, maxElems: number): TextBlock[] {
  const content = readabilityContent(html, maxElems);
  if (!content) return [];
  const frag = parseHTML(`<html><body>${content}</body></html>`).document;
  const blocks: (TextBlock & { link: number })[] = [];
  for (const el of Array.from(frag.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, dd, dt')) as Element[]) {
    if (el.querySelector('p, li, blockquote, td, dd')) continue;
    const text = norm(el.textContent ?? '');
    if (!text) continue;
    let link = 0;
    for (const a of Array.from(el.querySelectorAll('a')) as Element[]) link += norm(a.textContent ?? '').length;
    const tag = el.tagName.toLowerCase();
    blocks.push({
      kind: /^h\d$/.test(tag) ? 'heading' : tag === 'li' ? 'list-item' : tag === 'blockquote' ? 'quote' : 'paragraph',
      text,
      link,
    });
  }
  return filterForeignBlocks(blocks);
}

/** Blocks of an HTML fragment (Readability's output) through any DOM. */
export function blocksFromHtml(content: string, toDoc: (html: string) => { querySelectorAll(s: string): ArrayLike<unknown> }): TextBlock[] {
  const body = toDoc(content);
  const blocks: TextBlock[] = [];
  for (const el of Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, dd, dt')) as Element[]) {
    if (el.querySelector('p, li, blockquote, td, dd')) continue;
    const text = norm(el.textContent ?? '');
    if (!text) continue;
    const tag = el.tagName.toLowerCase();
    blocks.push({ kind: /^h\d$/.test(tag) ? 'heading' : tag === 'li' ? 'list-item' : tag === 'blockquote' ? 'quote' : 'paragraph', text });
  }
  return blocks;
}

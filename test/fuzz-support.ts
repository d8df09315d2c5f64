/**
 * Property-based fuzzing (fast-check) of the readers of outside input: feed parsing, HTML extraction, plain-text
 * extraction and the JSONL reader. The generators build inputs shaped like the real thing (feed and page markup,
 * article lines with furniture, JSONL records) and then damage them (truncation, spliced garbage, long runs of one
 * character, stray entities and control characters), so that most inputs get past the first check of each reader.
 *
 * The property is the same for every reader: it returns (never throws), and what it returns is either a well-formed
 * value or a failure whose code is in the one closed list (src/fetch/failures.ts). `test/fuzz-inputs.test.ts` runs a
 * few hundred inputs in `npm test`; `test/stress/fuzz.stress.ts` runs 10,000 of each. FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseFeed, detectFeed, otherXmlRoot, xmlProlog, MAX_ENTRIES } from '../src/fetch/feeds.ts';
import { extractHtml } from '../src/extract/html.ts';
import { extractPlainText } from '../src/extract/plaintext.ts';
import { feedFileItems, jsonlItem, readInputs, type InputItem } from '../src/fetch/files.ts';
import { isFailureCode } from '../src/fetch/failures.ts';
import type { ExtractedArticle, Result } from '../src/model.ts';

export const NOW = new Date('2026-11-22T00:00:00Z');

// ---------------------------------------------------------------------------------------------------------------
// Pieces of text.

const WORDS = [
  'Kyiv',
  'Reuters',
  'the',
  'said',
  'on',
  'Monday',
  'in',
  'a',
  'statement',
  'minister',
  'By',
  'Jane',
  'Doe',
  'Share',
  'Subscribe',
  'Read',
  'more:',
  'Photo:',
  'AFP/Getty',
  '©',
  '2024',
  'March',
  '3,',
  '12:30',
  'GMT',
  '—',
  '-',
  '|',
  '/',
  '»',
  '›',
  '...',
  '…',
  '!!!',
  '?',
  ':',
  ';',
  '"',
  '“',
  '”',
  '«',
  '»',
  '(',
  ')',
  '[email',
  'protected]',
  'jane@example.org',
  'www.example.org',
  'https://example.org/a?b=1&c=2',
  '1234-5678-9012-3456',
  '@handle',
  'pic.twitter.com/x',
  'Читайте',
  'также',
  'Президент',
  'заявил',
  'الرئيس',
  'قال',
  '年',
  '月',
  '日',
  'אמר',
  'Σήμερα',
  'नई',
  'दिल्ली',
  'Advertisement',
  'Tags:',
  'Source:',
  'Reporting',
  'by',
  'Editing',
  '&amp;',
  '&#x1F600;',
  '&nbsp;',
  '<',
  '>',
  '&',
  '\u200b',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u0000',
  '\ud800',
  'İstanbul',
  'ŁÓDŹ',
  'ß',
  'ﬁ',
  'e\u0301',
];

/** A long run of one unit: the shape of input that makes a backtracking pattern quadratic. */
const run = fc
  .tuple(
    fc.constantFrom(
      'a',
      '.',
      '@',
      '-',
      ' ',
      '\t',
      '\u00a0',
      'ab@',
      'a.',
      '[email',
      '!?',
      '(«',
      'Ab, ',
      '1234-',
      '\n \n',
      '<a',
      '&#',
      '<!DOCTYPE x [',
      '<?',
      '<!--',
      '"',
    ),
    fc.integer({ min: 50, max: 3000 }),
  )
  .map(([u, n]) => u.repeat(n));

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: run },
);

const line = fc.tuple(fc.array(token, { maxLength: 30 }), fc.constantFrom(' ', ' ', ' ', '', '  ', '\t')).map(([ts, sep]) => ts.join(sep));

/** Text of a few words to a few lines, for titles, fields and element content. */
const words = fc.array(token, { maxLength: 12 }).map((ts) => ts.join(' '));

/** A plain-text article as pasted: lines with furniture, blank lines, odd line breaks. */
export const plainTextArb = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\n', '\n\n', '\r\n', '\r', '\u2028'))
  .map(([ls, nl]) => ls.join(nl));

/** Damage: truncate at a point, splice garbage in, or leave as is. */
function damaged(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.nat(), fc.constantFrom('keep', 'keep', 'truncate', 'splice'), fc.oneof(fc.string({ maxLength: 20 }), run))
    .map(([s, at, how, junk]) => {
      const i = s.length ? at % s.length : 0;
      if (how === 'truncate') return s.slice(0, i);
      if (how === 'splice') return s.slice(0, i) + junk + s.slice(i);
      return s;
    });
}

const attrValue = fc.oneof(
  words,
  fc.constantFrom(
    'https://example.org/a',
    '/relative/path',
    'javascript:alert(1)',
    '//evil.example',
    '',
    '"',
    "'",
    '2024-02-30T10:00:00Z',
    'article',
    'nav',
    'footer',
    'og:title',
  ),
);
const attrName = fc.constantFrom(
  'class',
  'id',
  'href',
  'src',
  'rel',
  'type',
  'content',
  'property',
  'name',
  'datetime',
  'lang',
  'itemprop',
  'role',
  'aria-hidden',
  'style',
  'onclick',
  'x:y',
);

function attrsArb(): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(attrName, attrValue, fc.constantFrom('"', "'", '')), { maxLength: 3 })
    .map((as) => as.map(([n, v, q]) => ` ${n}=${q}${q ? v.replaceAll(q, '') : v.replace(/[\s>]/g, '')}${q}`).join(''));
}

/** A tree of elements rendered as markup (closing tags sometimes left out, as real pages do). */
function markupArb(tags: readonly string[], text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const { node } = fc.letrec<{ node: string; element: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
    element: fc
      .tuple(fc.constantFrom(...tags), attrsArb(), fc.array(tie('node'), { maxLength: 5 }), fc.boolean())
      .map(([t, a, kids, close]) => `<${t}${a}>${kids.join('')}${close ? `</${t}>` : ''}`),
  }));
  return node;
}

const HTML_TAGS = [
  'div',
  'p',
  'span',
  'a',
  'article',
  'main',
  'section',
  'header',
  'footer',
  'nav',
  'aside',
  'h1',
  'h2',
  'h3',
  'ul',
  'li',
  'figure',
  'figcaption',
  'img',
  'time',
  'br',
  'script',
  'style',
  'noscript',
  'iframe',
  'table',
  'td',
  'blockquote',
  'b',
  'em',
  'template',
  'svg',
  'math',
  'form',
  'button',
] as const;

const jsonLd = fc
  .record({
    '@type': fc.constantFrom('NewsArticle', 'Article', 'WebPage', 'Person'),
    headline: words,
    datePublished: attrValue,
    author: fc.oneof(words, fc.record({ name: words }), fc.array(fc.record({ name: words }), { maxLength: 3 })),
    articleBody: words,
  })
  .map((o) => JSON.stringify(o));

/** An HTML page: head metadata, JSON-LD, a body tree; sometimes damaged. */
export const htmlArb = damaged(
  fc
    .tuple(
      fc.constantFrom('<!doctype html>', '', '<?xml version="1.0"?><!DOCTYPE html>', '<!DOCTYPE html [<!ENTITY a "b">]>'),
      words,
      fc.array(
        fc.tuple(fc.constantFrom('og:title', 'article:published_time', 'author', 'og:site_name', 'description', 'date'), attrValue),
        { maxLength: 4 },
      ),
      fc.option(fc.oneof(jsonLd, words), { nil: null }),
      markupArb(HTML_TAGS, fc.oneof(words, line)),
    )
    .map(
      ([doctype, title, metas, ld, body]) =>
        `${doctype}<html><head><title>${title}</title>${metas.map(([p, c]) => `<meta property="${p}" name="${p}" content="${c.replaceAll('"', '')}">`).join('')}` +
        `${ld === null ? '' : `<script type="application/ld+json">${ld}</script>`}</head><body>${body}</body></html>`,
    ),
);

const FEED_DATES = [
  'Mon, 04 Mar 2024 10:00:00 GMT',
  '2024-03-04T10:00:00Z',
  '2024-02-30',
  '2024-13-01T00:00:00Z',
  'yesterday',
  '',
  '1970-01-01',
  '99999-01-01',
  'Fri, 31 Feb 2025 25:61:00 +9999',
];
const feedUrl = fc.oneof(
  fc.constantFrom(
    'https://example.org/a',
    '/rel/b',
    'javascript:alert(1)',
    'mailto:x@y',
    'http://[::1]/',
    'https://example.org/a#x',
    ' https://example.org/ws ',
  ),
  words,
);
/** Element text in a feed: plain, escaped markup, CDATA, entities (defined or not). */
const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const feedText = fc.oneof(
  { weight: 3, arbitrary: words.map(xmlEscape) },
  words,
  words.map((w) => `<![CDATA[<p>${w}</p>]]>`),
  words.map((w) => `&lt;b&gt;${w}&lt;/b&gt;`),
  fc.constantFrom('&amp;', '&bogus;', '&#0;', '&#x110000;', '&lol9;', 'AT&T', ']]>', '<![CDATA['),
);

function el(name: string, body: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.option(
    body.map((b) => `<${name}>${b}</${name}>`),
    { nil: '' },
  );
}

const rssItem = fc
  .tuple(
    el('title', feedText),
    el('link', feedUrl),
    el('guid', feedUrl),
    el('pubDate', fc.constantFrom(...FEED_DATES)),
    el('description', feedText),
    el('content:encoded', feedText),
    el('dc:creator', feedText),
  )
  .map((parts) => `<item>${parts.join('')}</item>`);
const atomEntry = fc
  .tuple(
    el('title', feedText),
    feedUrl.map((u) => `<link rel="alternate" href="${u.replaceAll('"', '')}"/>`),
    el('id', feedUrl),
    el('updated', fc.constantFrom(...FEED_DATES)),
    el('summary', feedText),
    fc.constantFrom(
      '',
      '<content type="html">&lt;p&gt;x&lt;/p&gt;</content>',
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content>',
    ),
    el('author', el('name', feedText)),
  )
  .map((parts) => `<entry>${parts.join('')}</entry>`);
const sitemapUrl = fc
  .tuple(el('loc', feedUrl), el('lastmod', fc.constantFrom(...FEED_DATES)), el('news:news', el('news:title', feedText)))
  .map((p) => `<url>${p.join('')}</url>`);

const doctype = fc.constantFrom(
  '',
  '<!DOCTYPE rss>',
  '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;">]>',
  `<!DOCTYPE rss [${'<!ENTITY e "padding padding padding">'.repeat(200)}]>`,
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
);

/** A feed of any supported format (or a near miss), with entries made of the pieces above; sometimes damaged. */
export const feedArb = damaged(
  fc.oneof(
    fc
      .tuple(doctype, el('title', feedText), fc.array(rssItem, { maxLength: 6 }))
      .map(
        ([d, t, items]) =>
          `<?xml version="1.0" encoding="utf-8"?>${d}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${t}<link>https://example.org/</link>${items.join('')}</channel></rss>`,
      ),
    fc
      .tuple(doctype, el('title', feedText), fc.array(atomEntry, { maxLength: 6 }))
      .map(([d, t, es]) => `<?xml version="1.0"?>${d}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">${t}${es.join('')}</feed>`),
    fc
      .array(rssItem, { maxLength: 4 })
      .map(
        (items) =>
          `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel rdf:about="https://example.org/"></channel>${items.join('')}</rdf:RDF>`,
      ),
    fc
      .array(sitemapUrl, { maxLength: 6 })
      .map((us) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${us.join('')}</urlset>`),
    fc.array(el('sitemap', el('loc', feedUrl)), { maxLength: 4 }).map((s) => `<sitemapindex>${s.join('')}</sitemapindex>`),
    fc
      .record(
        {
          version: fc.constantFrom('https://jsonfeed.org/version/1.1', 'x'),
          title: words,
          items: fc.array(
            fc.record(
              {
                id: fc.oneof(words, fc.integer()),
                url: feedUrl,
                title: words,
                content_html: words,
                date_published: fc.constantFrom(...FEED_DATES),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 5 },
          ),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
    fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      markupArb(['rss', 'channel', 'item', 'feed', 'entry', 'html', 'x'], words),
      plainTextArb,
    ),
  ),
);

const jsonlRecord = fc.record(
  {
    id: fc.oneof(words, fc.integer(), fc.constant('')),
    url: fc.oneof(feedUrl, fc.constant(null)),
    title: fc.oneof(words, fc.constant(null), fc.integer()),
    text: fc.oneof(plainTextArb, fc.constant(''), fc.constant(null), fc.constant('   ')),
    html: fc.oneof(htmlArb, fc.constant(null)),
    outlet: fc.oneof(words, fc.constant(null)),
    country: fc.oneof(fc.constantFrom('ua', 'GB', 'xx', 'toolongcode', ''), fc.constant(null)),
    language: fc.oneof(fc.constantFrom('en', 'uk', 'zh-Hant', ''), fc.constant(null)),
    published: fc.oneof(fc.constantFrom(...FEED_DATES), fc.constant(null)),
    byline: fc.oneof(words, fc.constant(null)),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** One line of a .jsonl file: a record (well-formed or not), other JSON, or damaged text. */
export const jsonlLineArb = damaged(
  fc.oneof(
    { weight: 4, arbitrary: jsonlRecord.map((r) => JSON.stringify(r)) },
    fc.jsonValue().map((v) => JSON.stringify(v)),
    line,
  ),
);

// ---------------------------------------------------------------------------------------------------------------
// The property: a well-formed value or a typed failure, never a throw.

export function assertTypedFailure(r: { code: string; message?: string; error?: string }): void {
  assert.ok(isFailureCode(r.code), `failure code ${JSON.stringify(r.code)} is not in the closed list`);
  const msg = r.message ?? r.error;
  assert.ok(typeof msg === 'string' && msg.length > 0, 'a failure says what went wrong');
}

export function assertArticle(r: Result<ExtractedArticle>): void {
  if (!r.ok) return assertTypedFailure(r);
  const a = r.value;
  assert.ok(a.title === null || typeof a.title === 'string');
  assert.ok(typeof a.text === 'string' && a.text.trim().length > 0, 'an extracted article has text');
  assert.ok(Array.isArray(a.blocks) && a.blocks.length > 0 && a.blocks.every((b) => typeof b.text === 'string'));
  assert.ok(a.published === null || !Number.isNaN(Date.parse(a.published)), `published ${a.published} is a date`);
}

export function assertFeed(body: string): void {
  detectFeed(body, 'application/xml');
  const { root, rootAt } = xmlProlog(body);
  assert.ok(root === null || /^[\w.-]+$/.test(root), `root ${root}`);
  assert.ok(rootAt >= 0 && rootAt <= body.length);
  otherXmlRoot(body, 'text/xml');
  // As a local file: the entries that carry an article, or typed failures; null only for what is no XML at all.
  for (const item of feedFileItems('/tmp/feed.xml', body) ?? []) assertItem(item);
  const r = parseFeed(body, 'https://example.org/feed.xml');
  if (!r.ok) return assertTypedFailure(r);
  const f = r.value;
  assert.ok(['rss', 'atom', 'json', 'sitemap'].includes(f.format));
  assert.ok(f.entries.length <= MAX_ENTRIES);
  for (const e of f.entries) {
    assert.match(e.url, /^https?:\/\//);
    assert.doesNotThrow(() => new URL(e.url));
    assert.ok(e.published === null || !Number.isNaN(Date.parse(e.published)), `published ${e.published} is a date`);
  }
}

function assertItem(item: InputItem): void {
  if (!item.ok) return assertTypedFailure(item.failure);
  assert.ok(item.input.kind === 'text' || item.input.kind === 'html');
  assert.ok(item.input.body.trim().length > 0, 'an input has a body');
}

export function assertJsonlLine(l: string): void {
  assertItem(jsonlItem(l, 1, 'fuzz.jsonl', 100_000));
}

/** A whole file through readInputs: one item per non-blank line, each an input or a typed failure. */
export async function assertJsonlFile(dir: string, lines: string[], k: number): Promise<void> {
  const clean = lines.map((l) => l.replace(/[\r\n]/g, ' '));
  const path = join(dir, `f${k}.jsonl`);
  writeFileSync(path, clean.join('\n'));
  const items: InputItem[] = [];
  for await (const item of readInputs([path], { maxBytes: 10_000_000, maxLineBytes: 100_000 })) items.push(item);
  items.forEach(assertItem);
  const expected = clean.filter((l) => l.trim()).length;
  if (expected === 0) assert.equal(items.length, clean.join('\n').length === 0 ? 1 : 0, 'an empty file is one failure, blank lines none');
  else assert.equal(items.length, expected, 'one item per non-blank line');
}

export const properties = {
  feed: fc.property(feedArb, assertFeed),
  html: fc.property(htmlArb, (h) => assertArticle(extractHtml(h, { url: 'https://example.org/news/a', now: NOW }))),
  plainText: fc.property(plainTextArb, fc.option(words, { nil: null }), (t, hint) =>
    assertArticle(extractPlainText(t, { now: NOW, titleHint: hint })),
  ),
  jsonlLine: fc.property(jsonlLineArb, assertJsonlLine),
};

export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  return { numRuns, seed, endOnFailure: true };
}

export function jsonlFileProperty(dir: string): fc.IAsyncProperty<[string[]]> {
  let k = 0;
  return fc.asyncProperty(fc.array(jsonlLineArb, { maxLength: 12 }), (lines) => assertJsonlFile(dir, lines, k++));
}

/**
 * Feed parsing: RSS 0.9x / 1.0 (RDF) / 2.0, Atom 1.0, JSON Feed 1.0/1.1 and
 * sitemaps (news sitemaps, plain urlsets, sitemap indexes), all adapted into
 * one ParsedFeed / FeedEntry model. Entry URLs are resolved against the feed
 * URL; dates are normalized to ISO 8601 (null when unparseable).
 *
 * Limits: the body is capped (MAX_FEED_CHARS), DOCTYPE internal subsets are
 * removed before parsing (no custom entity expansion), nesting is bounded, and
 * at most MAX_ENTRIES entries are kept. Malformed input → feed/malformed,
 * except bare `&` characters, the commonest fault of real feeds, which are
 * escaped in one repair pass before giving up.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { fail, ok, type ArticleHints, type Result } from '../model.ts';
import type { FeedEntry, ParsedFeed } from './types.ts';

export const MAX_ENTRIES = 1000;
export const MAX_FEED_CHARS = 20 * 1024 * 1024;

export type FeedFormat = ParsedFeed['format'];

/** A parsed feed; sitemap indexes list their child sitemaps in `sitemaps`. */
export interface ParsedFeedWithIndex extends ParsedFeed {
  sitemaps?: string[];
}

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set(['item', 'entry', 'url', 'sitemap', 'link', 'category', 'author', 'contributor', 'creator', 'outline']);

function makeParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
    // DOCTYPE entities are stripped before parsing; the limits also apply to any that slip
    // through ('external'), never to &amp; and friends, which a long feed has by the thousand.
    processEntities: { enabled: true, maxEntityCount: 1, maxTotalExpansions: 1000, maxExpandedLength: 100_000, appliesTo: 'external' },
    maxNestedTags: 200,
    stopNodes: ['*.content', '*.summary'],
    isArray: (name) => ARRAY_TAGS.has(name),
  } as ConstructorParameters<typeof XMLParser>[0]);
}

/** Where the prolog of an XML document ends, its DOCTYPE (with any internal subset) and its root element's name. */
export interface XmlProlog {
  /** Local name (prefix removed) of the root element, lowercased; null when the document has none. */
  root: string | null;
  /** Offset of the root element's `<` (the length scanned when there is none). */
  rootAt: number;
  /** The `<!DOCTYPE …>` declaration's span, when there is one. */
  doctype: { start: number; end: number } | null;
}

/** The end of a quoted string or a construct closed by `close`, from `i`; -1 when it is never closed within `max`. */
function closeOf(s: string, i: number, close: string, max: number): number {
  const k = s.indexOf(close, i);
  return k < 0 || k + close.length > max ? -1 : k + close.length;
}

/** The end of a `<!DOCTYPE` declaration starting at `i`: brackets, quoted literals and comments of its subset skipped. */
function doctypeEnd(s: string, i: number, max: number): number {
  let depth = 0;
  for (let j = i + 9; j < max; j++) {
    const c = s[j];
    if (c === '"' || c === "'") {
      j = closeOf(s, j + 1, c, max) - 1;
      if (j < 0) return -1;
    } else if (c === '<' && s.startsWith('<!--', j)) {
      j = closeOf(s, j + 4, '-->', max) - 1;
      if (j < 0) return -1;
    } else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return j + 1;
  }
  return -1;
}

/**
 * The prolog of an XML (or HTML) document, read in one linear pass over at most `maxChars` characters: the XML
 * declaration, processing instructions, comments and the DOCTYPE — whose internal subset may be of any length —
 * are skipped, and the root element's name read. A feed behind a DOCTYPE of a hundred kilobytes is still a feed.
 */
export function xmlProlog(body: string, maxChars = MAX_FEED_CHARS): XmlProlog {
  const max = Math.min(body.length, maxChars);
  let doctype: XmlProlog['doctype'] = null;
  let i = body.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < max) {
    const c = body[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c !== '<') break;
    let end = -1;
    if (body.startsWith('<?', i)) end = closeOf(body, i + 2, '?>', max);
    else if (body.startsWith('<!--', i)) end = closeOf(body, i + 4, '-->', max);
    else if (body.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      end = doctypeEnd(body, i, max);
      if (end > 0) doctype = { start: i, end };
    } else {
      const m = /^<\s*(?:[\w.-]+:)?([\w.-]+)/.exec(body.slice(i, i + 200));
      return { root: m ? m[1].toLowerCase() : null, rootAt: i, doctype };
    }
    if (end < 0) break;
    i = end;
  }
  return { root: null, rootAt: i, doctype };
}

/** Removes the `<!DOCTYPE …>` of the prolog (with any internal subset) so no custom entity is ever expanded. */
function stripDoctype(xml: string): string {
  const { doctype } = xmlProlog(xml);
  return doctype ? xml.slice(0, doctype.start) + xml.slice(doctype.end) : xml;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes XML character references and unwraps CDATA sections (for raw stop-node text). */
export function decodeXmlText(raw: string): string {
  const parts = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  return parts
    .map((p) => {
      if (p.startsWith('<![CDATA[')) return p.slice(9, -3);
      return p.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
        if (e[0] === '#') {
          const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
        }
        return XML_ENTITIES[e.toLowerCase()] ?? m;
      });
    })
    .join('');
}

/** Escapes `&` that starts no character or entity reference, outside CDATA sections. */
export function escapeBareAmpersands(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((p) => (p.startsWith('<![CDATA[') ? p : p.replace(/&(?!#\d+;|#x[0-9a-f]+;|[a-z][\w.-]*;)/gi, '&amp;')))
    .join('');
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text content of a parsed element (string, or an object with #text). */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (isNode(v)) {
    const t = v['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t).trim() || null;
  }
  return null;
}

function attr(v: unknown, name: string): string | null {
  if (Array.isArray(v)) return attr(v[0], name);
  if (!isNode(v)) return null;
  const a = v[`@_${name}`];
  return typeof a === 'string' ? a.trim() || null : null;
}

/** Plain text from something that may hold markup (titles): tags removed, whitespace collapsed. */
function plain(s: string | null): string | null {
  if (s === null) return null;
  const t = s
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t || null;
}

function resolveUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href;
  } catch {
    return null;
  }
}

const WEEKDAY = /^\s*[A-Za-z]{2,}\.?,\s*/;

/** Normalizes an RFC 822 / RFC 3339 / ISO date to ISO 8601 UTC; null when unparseable. */
export function normalizeDate(s: string | null): string | null {
  if (!s) return null;
  const v = s.trim();
  if (!v) return null;
  // A date alone stays a date (no invented time zone).
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Number.isNaN(Date.parse(v)) ? null : v;
  let t: number;
  const iso = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (iso) {
    // No offset given: read as UTC (never the machine's local time zone).
    const off = iso[3] ? (/^[+-]\d{4}$/.test(iso[3]) ? `${iso[3].slice(0, 3)}:${iso[3].slice(3)}` : iso[3]) : 'Z';
    t = Date.parse(`${iso[1]}T${iso[2]}${off}`);
  } else {
    // RFC 822 / free-form: a missing zone is read as GMT for the same reason.
    const zoned = /\d{1,2}:\d{2}(:\d{2})?$/.test(v) ? `${v} GMT` : v;
    t = Date.parse(zoned);
    if (Number.isNaN(t)) t = Date.parse(zoned.replace(WEEKDAY, ''));
  }
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  if (y < 1990 || y > 2200) return null;
  return d.toISOString();
}

function normLang(s: string | null): string | null {
  if (!s) return null;
  const t = s.trim();
  return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(t) ? t.replace(/_/g, '-') : null;
}

function authorName(v: unknown): string | null {
  const names: string[] = [];
  for (const a of asArray(v)) {
    const n = isNode(a) && 'name' in a ? text(a.name) : text(a);
    if (n) names.push(n.replace(/^[^\s@]+@[^\s@]+\s*\((.+)\)$/, '$1'));
  }
  return names.length ? names.join(', ') : null;
}

/** Content of an Atom text construct (type text/html/xhtml) kept raw by the parser. */
function atomText(v: unknown): { value: string | null; type: string } {
  const node = Array.isArray(v) ? v[0] : v;
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  const raw = typeof node === 'string' ? node : isNode(node) && typeof node['#text'] === 'string' ? node['#text'] : null;
  if (raw === null) return { value: null, type };
  if (type === 'xhtml') {
    // Unwrap the required <div xmlns="…"> wrapper.
    const m = /^\s*<(?:\w+:)?div\b[^>]*>([\s\S]*)<\/(?:\w+:)?div>\s*$/.exec(raw);
    return { value: (m ? m[1] : raw).trim() || null, type };
  }
  return { value: decodeXmlText(raw).trim() || null, type };
}

function textToHtml(s: string): string {
  return s
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('\n');
}

function finish(feed: ParsedFeedWithIndex): ParsedFeedWithIndex {
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  for (const e of feed.entries) {
    if (seen.has(e.url)) continue;
    seen.add(e.url);
    entries.push({ ...e, language: e.language ?? feed.language });
    if (entries.length >= MAX_ENTRIES) break;
  }
  return { ...feed, entries };
}

function parseRss(channel: Node, items: unknown[], url: string): ParsedFeedWithIndex {
  const feedLang = normLang(text(channel.language));
  const links = asArray(channel.link);
  const home = resolveUrl(text(links.find((l) => typeof l === 'string' || (isNode(l) && !('@_rel' in l) && '#text' in l)) ?? null), url);
  const entries: FeedEntry[] = [];
  for (const it of items.slice(0, MAX_ENTRIES * 2)) {
    if (!isNode(it)) continue;
    const linkNode = asArray(it.link).find((l) => typeof l === 'string' || (isNode(l) && ('#text' in l || attr(l, 'href'))));
    let link = text(linkNode ?? null) ?? attr(linkNode, 'href');
    const guid = it.guid;
    if (!link && guid !== undefined && attr(guid, 'isPermaLink') !== 'false') {
      // A guid is a permalink only when it is an absolute URL; "12345" is not a relative link.
      const g = text(guid);
      if (g && /^https?:\/\//i.test(g)) link = g;
    }
    if (!link) link = attr(it, 'about'); // RSS 1.0 rdf:about
    const entryUrl = resolveUrl(link, url);
    if (!entryUrl) continue;
    const description = text(it.description);
    const encoded = text(it.encoded);
    entries.push({
      url: entryUrl,
      title: plain(text(it.title)),
      published: normalizeDate(text(it.pubDate) ?? text(it.date) ?? text(it.published) ?? text(it.issued) ?? text(it.updated)),
      author: authorName(it.creator) ?? authorName(it.author),
      summary: description,
      contentHtml: encoded ?? null,
      language: normLang(text(it.language)),
    });
  }
  return { format: 'rss', title: plain(text(channel.title)), homepage: home, language: feedLang, entries };
}

function parseAtom(feed: Node, url: string): ParsedFeedWithIndex {
  const feedLang = normLang(attr(feed, 'lang'));
  const pickLink = (links: unknown[]): string | null => {
    const alt = links.find(
      (l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && (!attr(l, 'type') || /html/i.test(attr(l, 'type') ?? '')),
    );
    const any = alt ?? links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
    return attr(any ?? null, 'href');
  };
  const entries: FeedEntry[] = [];
  for (const e of asArray(feed.entry).slice(0, MAX_ENTRIES * 2)) {
    if (!isNode(e)) continue;
    let link = pickLink(asArray(e.link));
    if (!link) {
      const id = text(e.id);
      if (id && /^https?:\/\//i.test(id)) link = id;
    }
    const entryUrl = resolveUrl(link, url);
    if (!entryUrl) continue;
    const content = atomText(e.content);
    const summary = atomText(e.summary);
    const contentHtml = content.value === null ? null : content.type === 'text' ? textToHtml(content.value) : content.value;
    entries.push({
      url: entryUrl,
      title: plain(text(e.title)),
      published: normalizeDate(text(e.published) ?? text(e.issued) ?? text(e.updated) ?? text(e.modified)),
      author: authorName(e.author),
      summary: summary.value,
      contentHtml,
      language: normLang(attr(e, 'lang')),
    });
  }
  return {
    format: 'atom',
    title: plain(text(feed.title)),
    homepage: resolveUrl(pickLink(asArray(feed.link)), url),
    language: feedLang,
    entries,
  };
}

function parseUrlset(root: Node, url: string): ParsedFeedWithIndex {
  const entries: FeedEntry[] = [];
  let outlet: string | null = null;
  let lang: string | null = null;
  for (const u of asArray(root.url).slice(0, MAX_ENTRIES * 2)) {
    if (!isNode(u)) continue;
    const entryUrl = resolveUrl(text(u.loc), url);
    if (!entryUrl) continue;
    const news = isNode(u.news) ? u.news : null;
    const pub = news && isNode(news.publication) ? news.publication : null;
    const entryLang = normLang(text(pub?.language ?? null));
    outlet = outlet ?? text(pub?.name ?? null);
    lang = lang ?? entryLang;
    entries.push({
      url: entryUrl,
      title: plain(text(news?.title ?? null)),
      published: normalizeDate(text(news?.publication_date ?? null) ?? text(u.lastmod)),
      author: null,
      summary: null,
      contentHtml: null,
      language: entryLang,
    });
  }
  return { format: 'sitemap', title: outlet, homepage: null, language: lang, entries };
}

function parseSitemapIndex(root: Node, url: string): ParsedFeedWithIndex {
  const sitemaps: string[] = [];
  for (const s of asArray(root.sitemap).slice(0, MAX_ENTRIES)) {
    if (!isNode(s)) continue;
    const loc = resolveUrl(text(s.loc), url);
    if (loc) sitemaps.push(loc);
  }
  return { format: 'sitemap', title: null, homepage: null, language: null, entries: [], sitemaps };
}

const JsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  author: z.object({ name: z.string().optional() }).passthrough().optional(),
  authors: z.array(z.object({ name: z.string().optional() }).passthrough()).optional(),
  language: z.string().optional(),
});

const JsonFeedSchema = z.object({
  version: z.string().regex(/jsonfeed\.org\/version\/1/),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  feed_url: z.string().optional(),
  language: z.string().optional(),
  items: z.array(z.unknown()).max(MAX_ENTRIES * 10),
});

function parseJsonFeed(body: string, url: string): Result<ParsedFeedWithIndex> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return fail('feed/malformed', `JSON Feed is not valid JSON: ${(e as Error).message}`);
  }
  const r = JsonFeedSchema.safeParse(json);
  if (!r.success) {
    return fail(
      'feed/malformed',
      `not a JSON Feed: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  const f = r.data;
  const feedLang = normLang(f.language ?? null);
  const entries: FeedEntry[] = [];
  for (const raw of f.items.slice(0, MAX_ENTRIES * 2)) {
    const it = JsonFeedItem.safeParse(raw);
    if (!it.success) continue;
    const i = it.data;
    const idUrl = typeof i.id === 'string' && /^https?:\/\//i.test(i.id) ? i.id : null;
    const entryUrl = resolveUrl(i.url ?? i.external_url ?? idUrl, url);
    if (!entryUrl) continue;
    const authors = i.authors ?? (i.author ? [i.author] : []);
    const names = authors.map((a) => a.name?.trim()).filter((n): n is string => !!n);
    entries.push({
      url: entryUrl,
      title: plain(i.title ?? null),
      published: normalizeDate(i.date_published ?? i.date_modified ?? null),
      author: names.length ? names.join(', ') : null,
      summary: i.summary?.trim() || null,
      contentHtml: i.content_html ?? (i.content_text ? textToHtml(i.content_text) : null),
      language: normLang(i.language ?? null),
    });
  }
  return ok(
    finish({
      format: 'json',
      title: f.title?.trim() || null,
      homepage: resolveUrl(f.home_page_url ?? null, url),
      language: feedLang,
      entries,
    }),
  );
}

/** What kind of feed a body is, by sniffing its start; null when it is not a feed (e.g. an HTML page). */
export function detectFeed(body: string, contentType?: string | null): FeedFormat | null {
  const head = body.slice(0, 4096).replace(/^\uFEFF/, '');
  const mt = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (/^\s*\{/.test(head)) return /jsonfeed\.org\/version\/1/.test(head) || mt === 'application/feed+json' ? 'json' : null;
  // The root element after the whole prolog: a DOCTYPE with a long internal subset does not hide the feed.
  const root = xmlProlog(body).root;
  if (!root) return null;
  if (root === 'rss' || root === 'rdf') return 'rss';
  if (root === 'feed') return 'atom';
  if (root === 'urlset' || root === 'sitemapindex') return 'sitemap';
  return null;
}

const HTML_ROOTS: ReadonlySet<string> = new Set(['html', 'head', 'body']);

/**
 * The root element's name when a body is an XML document that is neither a feed nor a web page (it declares itself
 * XML, or is served as XML, and its root is not html): no article can be read from it. Null otherwise.
 */
export function otherXmlRoot(body: string, contentType?: string | null): string | null {
  const mt = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const declared = /^\uFEFF?\s*<\?xml[\s?]/i.test(body.slice(0, 200));
  const served = /^(?:application|text)\/(?:[\w.-]+\+)?xml$/.test(mt) && mt !== 'application/xhtml+xml';
  if (!declared && !served) return null;
  const { root } = xmlProlog(body);
  if (!root || HTML_ROOTS.has(root) || detectFeed(body, contentType)) return null;
  return root;
}

/** Parses any supported feed format; feed/malformed for broken or unrecognized input. */
export function parseFeed(body: string, url: string): Result<ParsedFeedWithIndex> {
  if (body.length > MAX_FEED_CHARS) return fail('feed/too-large', `feed is larger than ${MAX_FEED_CHARS} characters`);
  // Leading blank lines before <?xml (common in generated feeds) and C0 control
  // characters (forbidden in XML 1.0) are dropped rather than failing the feed.
  const src = body
    .replace(/^\uFEFF/, '')
    .trimStart()
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  const format = detectFeed(src);
  if (format === 'json') return parseJsonFeed(src, url);
  if (/^\s*\{/.test(src)) return fail('feed/malformed', 'JSON document is not a JSON Feed (no jsonfeed.org version)');
  if (format === null) {
    if (/^\s*<(!doctype\s+html|html)\b/i.test(src)) return fail('feed/malformed', 'this is an HTML page, not a feed');
    if (!src.trim()) return fail('feed/malformed', 'empty document');
  }
  let xml = stripDoctype(src);
  let valid = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (valid !== true) {
    // One repair, for the most common fault of real feeds: a bare `&` (AT&T, ?a=1&b=2).
    const repaired = escapeBareAmpersands(xml);
    if (repaired !== xml && XMLValidator.validate(repaired, { allowBooleanAttributes: true }) === true) {
      xml = repaired;
      valid = true;
    }
  }
  if (valid !== true) {
    const e = valid.err;
    return fail('feed/malformed', `malformed XML at line ${e.line}, column ${e.col}: ${e.msg}`);
  }
  let doc: Node;
  try {
    doc = makeParser().parse(xml) as Node;
  } catch (e) {
    return fail('feed/malformed', `cannot parse XML: ${(e as Error).message}`);
  }
  if (isNode(doc.rss)) {
    const channel = asArray(doc.rss.channel)[0];
    if (!isNode(channel)) return fail('feed/malformed', 'RSS document has no <channel>');
    return ok(finish(parseRss(channel, asArray(channel.item), url)));
  }
  if (isNode(doc.RDF)) {
    const channel = asArray(doc.RDF.channel)[0];
    const items = asArray(doc.RDF.item);
    return ok(finish(parseRss(isNode(channel) ? channel : {}, items, url)));
  }
  if (isNode(doc.feed)) return ok(finish(parseAtom(doc.feed, url)));
  if (isNode(doc.urlset) || doc.urlset === '') return ok(finish(parseUrlset(isNode(doc.urlset) ? doc.urlset : {}, url)));
  if (isNode(doc.sitemapindex) || doc.sitemapindex === '')
    return ok(parseSitemapIndex(isNode(doc.sitemapindex) ? doc.sitemapindex : {}, url));
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  return fail('feed/malformed', `not a feed: root element <${root ?? '?'}> is not rss, RDF, feed, urlset or sitemapindex`);
}

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

const FEED_TYPES = /^application\/(rss|atom|rdf|feed)\+(xml|json)$|^application\/(x-)?(rss|atom)(\+xml)?$|^application\/json$/i;

function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:-]+)\s*(?:=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  let m: RegExpExecArray | null;
  const inner = tag.replace(/^<\s*\w+/, '').replace(/\/?>$/, '');
  while ((m = re.exec(inner))) out[m[1].toLowerCase()] = decodeXmlText(m[3] ?? m[4] ?? m[5] ?? '');
  return out;
}

/** Feeds an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`. */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const out: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const head = html.slice(0, 512 * 1024);
  let base = pageUrl;
  const baseTag = /<base\s[^>]*>/i.exec(head);
  if (baseTag) base = resolveUrl(parseAttrs(baseTag[0]).href ?? null, pageUrl) ?? pageUrl;
  for (const m of head.matchAll(/<link\s[^>]*>/gi)) {
    const a = parseAttrs(m[0]);
    const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('alternate') && !rels.includes('feed')) continue;
    const type = (a.type ?? '').trim().toLowerCase();
    if (!FEED_TYPES.test(type)) continue;
    if (type === 'application/json' && !rels.includes('alternate')) continue;
    const u = resolveUrl(a.href ?? null, base);
    if (!u || seen.has(u)) continue;
    seen.add(u);
    out.push({ url: u, title: a.title?.trim() || null, type });
    if (out.length >= 50) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Entries as articles: the content a feed carries itself stands in for a page that cannot be fetched (or, for a
// local feed file, that is not fetched at all).

/** Feed content shorter than this (in characters of text) is a teaser, not a usable article. */
const MIN_FEED_CONTENT_CHARS = 400;

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

/** Whether an entry carries the article itself (not a teaser). */
export function hasFeedContent(entry: FeedEntry): boolean {
  return entry.contentHtml !== null && textLength(entry.contentHtml) >= MIN_FEED_CONTENT_CHARS;
}

/** What a feed says about an entry's article (the outlet is the feed's title). */
export function feedEntryHints(entry: FeedEntry, feed: ParsedFeed, finalUrl: string): ArticleHints {
  return {
    url: finalUrl,
    title: entry.title,
    published: entry.published,
    byline: entry.author,
    language: entry.language ?? feed.language,
    outlet: feed.title,
  };
}

/** A standalone HTML document for an entry's feed-supplied content. */
export function feedContentDocument(entry: FeedEntry): string {
  const lang = entry.language ? ` lang="${htmlEscape(entry.language)}"` : '';
  const title = entry.title ? htmlEscape(entry.title) : '';
  const date = entry.published ? `<time datetime="${htmlEscape(entry.published)}">${htmlEscape(entry.published)}</time>` : '';
  const head = `<head><meta charset="utf-8"><title>${title}</title></head>`;
  return `<!doctype html><html${lang}>${head}<body><article><h1>${title}</h1>${date}${entry.contentHtml ?? ''}</article></body></html>`;
}

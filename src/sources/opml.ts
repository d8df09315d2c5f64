/**
 * OPML 1.0/2.0 subscription lists, read and written. Only what a feed reader exchanges: each outline with an
 * `xmlUrl` is one feed; its `text`/`title`, `htmlUrl`, and the optional `country`/`language` attributes
 * Parallax writes. Folders (outlines without `xmlUrl`) are walked. Limits: input size, nesting, outline count.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail, ok, type Result } from '../model.ts';

export const MAX_OPML_CHARS = 10 * 1024 * 1024;
export const MAX_OUTLINES = 20000;

export interface OpmlFeed {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
  country: string | null;
  language: string | null;
}

type Node = Record<string, unknown>;

function attr(n: Node, name: string): string | null {
  const v = n[`@_${name}`];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

export function parseOpml(text: string): Result<{ title: string | null; feeds: OpmlFeed[] }> {
  if (text.length > MAX_OPML_CHARS) return fail('opml/too-large', `larger than ${MAX_OPML_CHARS} characters`);
  const xml = text.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/i, '');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return fail('opml/malformed', `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: { enabled: true, maxEntityCount: 0, maxTotalExpansions: 100000, maxExpandedLength: MAX_OPML_CHARS },
    maxNestedTags: 100,
    isArray: (name) => name === 'outline',
  } as ConstructorParameters<typeof XMLParser>[0]);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    return fail('opml/malformed', (e as Error).message);
  }
  const root = doc.opml as Node | undefined;
  if (!root || typeof root !== 'object') return fail('opml/not-opml', 'no <opml> root element');
  const head = (root.head ?? {}) as Node;
  const title = typeof head.title === 'string' ? head.title.trim() || null : null;
  const body = root.body as Node | undefined;
  const feeds: OpmlFeed[] = [];
  let count = 0;
  const walk = (outlines: unknown, depth: number): Result<null> => {
    if (!Array.isArray(outlines)) return ok(null);
    for (const o of outlines as Node[]) {
      if (++count > MAX_OUTLINES) return fail('opml/too-many', `more than ${MAX_OUTLINES} outlines`);
      if (!o || typeof o !== 'object') continue;
      const xmlUrl = attr(o, 'xmlUrl') ?? attr(o, 'xmlurl') ?? attr(o, 'url');
      if (xmlUrl && (attr(o, 'type') ?? 'rss') !== 'link') {
        feeds.push({
          xmlUrl,
          title: attr(o, 'title') ?? attr(o, 'text'),
          htmlUrl: attr(o, 'htmlUrl') ?? attr(o, 'htmlurl'),
          country: attr(o, 'country'),
          language: attr(o, 'language'),
        });
      }
      const r = walk(o.outline, depth + 1);
      if (!r.ok) return r;
    }
    return ok(null);
  };
  const r = walk(body?.outline, 0);
  if (!r.ok) return r;
  return ok({ title, feeds });
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface OpmlGroup {
  title: string;
  feeds: OpmlFeed[];
}

/** Writes an OPML 2.0 document, one folder per group. */
export function toOpml(title: string, groups: OpmlGroup[], now: Date): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${esc(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  for (const g of groups) {
    lines.push(`    <outline text="${esc(g.title)}">`);
    for (const f of g.feeds) {
      const a = [`type="rss"`, `text="${esc(f.title ?? f.xmlUrl)}"`];
      if (f.title) a.push(`title="${esc(f.title)}"`);
      a.push(`xmlUrl="${esc(f.xmlUrl)}"`);
      if (f.htmlUrl) a.push(`htmlUrl="${esc(f.htmlUrl)}"`);
      if (f.country) a.push(`country="${esc(f.country)}"`);
      if (f.language) a.push(`language="${esc(f.language)}"`);
      lines.push(`      <outline ${a.join(' ')}/>`);
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

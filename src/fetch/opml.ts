/**
 * OPML subscription lists: read (nested outlines; a parent outline without
 * xmlUrl names the category) and write (everything escaped).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail, ok, type Result } from '../model.ts';

export interface OpmlSource {
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  category?: string | null;
}

export const MAX_OPML_SOURCES = 10000;
const MAX_OPML_CHARS = 10 * 1024 * 1024;

type Node = Record<string, unknown>;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function attr(n: Node, name: string): string | null {
  const v = n[`@_${name}`];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function httpUrl(s: string | null): string | null {
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Reads an OPML document into sources; outlines without a valid http(s) xmlUrl are skipped. */
export function parseOpml(xml: string): Result<OpmlSource[]> {
  if (xml.length > MAX_OPML_CHARS) return fail('opml/too-large', `OPML is larger than ${MAX_OPML_CHARS} characters`);
  const src = xml.replace(/^\uFEFF/, '').trimStart().replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\]\s*)?>/gi, '');
  const valid = XMLValidator.validate(src);
  if (valid !== true) return fail('opml/malformed', `malformed OPML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      htmlEntities: true,
      processEntities: { enabled: true, maxEntityCount: 1, maxTotalExpansions: 1000, maxExpandedLength: 100_000, appliesTo: 'external' },
      maxNestedTags: 100,
      isArray: (name) => name === 'outline',
    } as ConstructorParameters<typeof XMLParser>[0]).parse(src) as Node;
  } catch (e) {
    return fail('opml/malformed', `cannot parse OPML: ${(e as Error).message}`);
  }
  const opml = doc.opml;
  if (!isNode(opml) || !isNode(opml.body)) return fail('opml/malformed', 'not an OPML document (no <opml><body>)');
  const out: OpmlSource[] = [];
  const seen = new Set<string>();
  const walk = (outlines: unknown[], category: string | null, depth: number) => {
    if (depth > 50) return;
    for (const o of outlines) {
      if (!isNode(o) || out.length >= MAX_OPML_SOURCES) continue;
      const title = attr(o, 'title') ?? attr(o, 'text');
      const xmlUrl = httpUrl(attr(o, 'xmlUrl') ?? attr(o, 'xmlurl') ?? attr(o, 'url'));
      if (xmlUrl) {
        if (!seen.has(xmlUrl)) {
          seen.add(xmlUrl);
          const cat = attr(o, 'category') ?? category;
          out.push({ title: title ?? new URL(xmlUrl).hostname, xmlUrl, htmlUrl: httpUrl(attr(o, 'htmlUrl') ?? attr(o, 'htmlurl')), category: cat });
        }
      }
      const children = asArray(o.outline);
      if (children.length) walk(children, xmlUrl ? category : (title ?? category), depth + 1);
    }
  };
  walk(asArray(opml.body.outline), null, 0);
  return ok(out);
}

/** Escapes text for an XML attribute value (also control characters XML 1.0 forbids). */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Writes sources as OPML 2.0, grouped into one outline per category (in first-seen order). */
export function toOpml(sources: ReadonlyArray<{ title: string; xmlUrl: string; htmlUrl?: string | null; category?: string | null }>, title = 'Parallax sources'): string {
  const line = (s: (typeof sources)[number], indent: string) => {
    const attrs = [`type="rss"`, `text="${escapeXml(s.title)}"`, `title="${escapeXml(s.title)}"`, `xmlUrl="${escapeXml(s.xmlUrl)}"`];
    if (s.htmlUrl) attrs.push(`htmlUrl="${escapeXml(s.htmlUrl)}"`);
    return `${indent}<outline ${attrs.join(' ')}/>`;
  };
  const groups = new Map<string | null, Array<(typeof sources)[number]>>();
  for (const s of sources) {
    const key = s.category?.trim() || null;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const body: string[] = [];
  for (const [cat, items] of groups) {
    if (cat === null) for (const s of items) body.push(line(s, '    '));
    else {
      body.push(`    <outline text="${escapeXml(cat)}" title="${escapeXml(cat)}">`);
      for (const s of items) body.push(line(s, '      '));
      body.push('    </outline>');
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/**
 * A small, fast document tree for extraction: htmlparser2's streaming
 * tokenizer feeds a plain-object tree (no DOM API, no selectors). Hard limits
 * on input size, element count, nesting depth and attribute length make a
 * pathological page fail with a typed error instead of exhausting memory.
 */
import { Parser } from 'htmlparser2';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: El | null;
}
export type Node = El | string;

export interface ParseLimits {
  /** Max characters of HTML. */
  maxChars: number;
  /** Max elements in the tree. */
  maxElements: number;
  /** Max nesting depth. */
  maxDepth: number;
  /** Attribute values longer than this are truncated. */
  maxAttrChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxChars: 12_000_000,
  maxElements: 150_000,
  maxDepth: 1_000,
  maxAttrChars: 4_000,
};

export class TooComplex extends Error {}

/**
 * Elements whose content is never text of the page. (<noscript> is kept: some
 * blog platforms put the whole post there; the content finder decides.)
 */
const DROP_CONTENT = new Set([
  'style',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'select',
  'textarea',
  'button',
  'audio',
  'video',
  'map',
]);

export interface ParsedDoc {
  root: El;
  /** Raw text of <script type="application/ld+json"> blocks. */
  jsonLd: string[];
  elementCount: number;
  /** Deepest nesting reached. */
  maxDepthSeen: number;
}

/** Parses HTML into a light tree; throws TooComplex past the limits. */
export function parseDocument(html: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedDoc {
  if (html.length > limits.maxChars) throw new TooComplex(`page has ${html.length} characters (limit ${limits.maxChars})`);
  const root: El = { tag: '#root', attrs: {}, children: [], parent: null };
  const jsonLd: string[] = [];
  let cur: El = root;
  let depth = 0;
  let count = 0;
  let deepest = 0;
  /** >0 while inside an element whose content is dropped. */
  let skip = 0;
  let script: string[] | null = null;
  let scriptDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skip > 0 || script) {
          if (skip > 0) skip++;
          else scriptDepth++;
          return;
        }
        if (name === 'script') {
          const type = (attribs.type ?? '').toLowerCase();
          script = type.includes('ld+json') ? [] : null;
          if (!script) skip = 1;
          else scriptDepth = 1;
          return;
        }
        if (DROP_CONTENT.has(name)) {
          skip = 1;
          return;
        }
        if (++count > limits.maxElements) throw new TooComplex(`page has more than ${limits.maxElements} elements`);
        if (++depth > limits.maxDepth) throw new TooComplex(`page nests elements deeper than ${limits.maxDepth}`);
        if (depth > deepest) deepest = depth;
        for (const k in attribs) if (attribs[k].length > limits.maxAttrChars) attribs[k] = attribs[k].slice(0, limits.maxAttrChars);
        const el: El = { tag: name, attrs: attribs, children: [], parent: cur };
        cur.children.push(el);
        cur = el;
      },
      onclosetag() {
        if (skip > 0) {
          skip--;
          return;
        }
        if (script) {
          if (--scriptDepth <= 0) {
            jsonLd.push(script.join(''));
            script = null;
          }
          return;
        }
        if (cur.parent) {
          cur = cur.parent;
          depth--;
        }
      },
      ontext(text) {
        if (skip > 0) return;
        if (script) {
          script.push(text);
          return;
        }
        const ch = cur.children;
        const last = ch.length ? ch[ch.length - 1] : null;
        if (typeof last === 'string') ch[ch.length - 1] = last + text;
        else ch.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return { root, jsonLd, elementCount: count, maxDepthSeen: deepest };
}

/** All descendants (elements) in document order, iteratively. */
export function* elements(el: El): Generator<El> {
  const stack: El[] = [el];
  while (stack.length) {
    const e = stack.pop() as El;
    yield e;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (typeof c !== 'string') stack.push(c);
    }
  }
}

export function findFirst(el: El, pred: (e: El) => boolean): El | null {
  for (const e of elements(el)) if (pred(e)) return e;
  return null;
}

/** Concatenated text of a subtree (raw whitespace). */
export function textOf(el: El): string {
  const out: string[] = [];
  const walk = (n: El): void => {
    for (const c of n.children) {
      if (typeof c === 'string') out.push(c);
      else {
        if (c.tag === 'br') out.push('\n');
        walk(c);
      }
    }
  };
  walk(el);
  return out.join('');
}

/** Whitespace that `norm` rewrites: anything but a lone space (text with single spaces only is not rebuilt). */
const UNNORMALIZED = /[^\S ]| {2}|[\u00ad\u200b]/;

export function norm(s: string): string {
  if (!UNNORMALIZED.test(s)) return s.trim();
  return s
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/**
 * Local inputs for ingest: plain-text files (.txt, .md), HTML files (.html,
 * .htm, optionally .gz), .jsonl records, and directories (recursively).
 * Each file is adapted into RawInput; each bad input yields one typed
 * failure naming it, and the walk goes on.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { RawInput } from '../model.ts';
import { decodeBytes, looksBinary } from './charset.ts';
import { detectFeed, feedContentDocument, feedEntryHints, hasFeedContent, otherXmlRoot, parseFeed } from './feeds.ts';

export { looksBinary };

export interface InputFailure {
  ref: string;
  code: string;
  error: string;
  /** From a fetch: a failure of the moment (fetch/failures.ts decides with the code), and the server's Retry-After. */
  temporary?: boolean;
  retryAfterMs?: number;
}

export type InputItem = { ok: true; input: RawInput } | { ok: false; failure: InputFailure };

export interface FileLimits {
  /** Max bytes of one file (after gunzip for .gz). */
  maxBytes: number;
  /** Max bytes of one JSONL line. */
  maxLineBytes?: number;
  /** Max files walked in one directory tree. */
  maxFiles?: number;
}

const TEXT_EXT = /\.(txt|md|text)$/i;
const HTML_EXT = /\.(html?|xhtml)(\.gz)?$/i;
const JSONL_EXT = /\.jsonl$/i;

export const JsonlRecord = z
  .object({
    id: z.string().min(1).max(200).optional(),
    url: z.string().max(4000).optional(),
    title: z.string().max(2000).nullable().optional(),
    text: z.string().nullable().optional(),
    html: z.string().nullable().optional(),
    outlet: z.string().max(500).nullable().optional(),
    country: z.string().max(10).nullable().optional(),
    language: z.string().max(35).nullable().optional(),
    published: z.string().max(100).nullable().optional(),
    byline: z.string().max(1000).nullable().optional(),
  })
  .refine((r) => (r.text && r.text.trim()) || (r.html && r.html.trim()), { message: 'needs a non-empty "text" or "html"' });

function failure(ref: string, code: string, error: string): InputItem {
  return { ok: false, failure: { ref, code, error } };
}

/** Decodes bytes as strict UTF-8 (BOM removed); null when they are not valid UTF-8. */
export function decodeUtf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return null;
  }
}

async function readLimited(path: string, maxBytes: number): Promise<Buffer | 'too-large'> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (st.size > maxBytes) return 'too-large';
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const { bytesRead } = await fh.read(buf, off, st.size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

async function* readFileInput(path: string, limits: FileLimits): AsyncGenerator<InputItem> {
  if (JSONL_EXT.test(path)) {
    yield* readJsonl(path, limits);
    return;
  }
  const isHtml = HTML_EXT.test(path);
  let buf: Buffer | 'too-large';
  try {
    buf = await readLimited(path, limits.maxBytes);
  } catch (e) {
    yield failure(path, 'ingest/unreadable', `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  if (buf === 'too-large') {
    yield failure(path, 'ingest/too-large', `file is larger than the ${mb(limits.maxBytes)} limit`);
    return;
  }
  if (/\.gz$/i.test(path)) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: limits.maxBytes });
    } catch (e) {
      const tooBig = /maxOutputLength|Cannot create a Buffer/i.test((e as Error).message);
      yield failure(
        path,
        tooBig ? 'ingest/too-large' : 'ingest/bad-gzip',
        tooBig ? `decompressed file is larger than the ${mb(limits.maxBytes)} limit` : 'not a valid gzip file',
      );
      return;
    }
  }
  if (buf.length === 0 || buf.toString('utf8').trim() === '') {
    yield failure(path, 'ingest/empty', 'file is empty');
    return;
  }
  if (looksBinary(buf)) {
    yield failure(path, 'ingest/binary', 'file is binary, not text or HTML');
    return;
  }
  const text = isHtml ? decodeHtmlBytes(buf) : decodeUtf8(buf);
  if (text === null) {
    yield failure(path, 'ingest/invalid-utf8', 'file is not valid UTF-8 text');
    return;
  }
  const asFeed = isHtml ? null : feedFileItems(path, text);
  if (asFeed) {
    yield* asFeed;
    return;
  }
  yield {
    ok: true,
    input: { ref: path, kind: isHtml || /^\s*<(!doctype html|html)/i.test(text) ? 'html' : 'text', body: text, hints: {} },
  };
}

/**
 * A local file that is a feed (feed.xml, an Atom or JSON Feed export) or other XML: never one "article" of raw
 * markup. A feed's entries that carry the article itself become articles; a feed of links only, a broken feed and
 * XML that is no feed are typed failures naming the file. Null when the text is neither.
 */
export function feedFileItems(path: string, text: string): InputItem[] | null {
  if (!detectFeed(text)) {
    const root = otherXmlRoot(text);
    return root ? [failure(path, 'ingest/unsupported-xml', `an XML document (<${root}>), neither a feed nor a web page`)] : null;
  }
  const parsed = parseFeed(text, pathToFileURL(path).href);
  if (!parsed.ok) return [failure(path, parsed.code, parsed.message)];
  const feed = parsed.value;
  const items: InputItem[] = feed.entries
    .filter(hasFeedContent)
    .map((e) => ({ ok: true, input: { ref: e.url, kind: 'html', body: feedContentDocument(e), hints: feedEntryHints(e, feed, e.url) } }));
  if (items.length) return items;
  const what = feed.sitemaps?.length
    ? `a sitemap index of ${feed.sitemaps.length} sitemaps`
    : `a feed of ${feed.entries.length} entries that carry no article text`;
  return [
    failure(
      path,
      'ingest/feed-without-content',
      `${what}: ingest its URL or add it as a source (parallax sources add) to fetch the articles`,
    ),
  ];
}

/** HTML files may declare their charset (BOM, <meta>, XML declaration): decoded by the fetcher's rule (fetch/charset.ts). */
export function decodeHtmlBytes(buf: Uint8Array): string {
  return decodeBytes(buf, null).text;
}

/** One non-blank line of a .jsonl file (line `n` of `path`): its article, or a typed failure naming the line. */
export function jsonlItem(line: string, n: number, path: string, maxLine: number): InputItem {
  const ref = `${path}#${n}`;
  if (line.length > maxLine) return failure(ref, 'ingest/too-large', `line ${n} is larger than the ${mb(maxLine)} limit`);
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return failure(ref, 'ingest/bad-jsonl', `line ${n} is not valid JSON`);
  }
  const r = JsonlRecord.safeParse(json);
  if (!r.success) {
    const msg = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ');
    return failure(ref, 'ingest/bad-record', `line ${n}: ${msg}`);
  }
  const rec = r.data;
  const text = rec.text && rec.text.trim() ? rec.text : null;
  return {
    ok: true,
    input: {
      ref: rec.url ?? ref,
      kind: text ? 'text' : 'html',
      body: text ?? (rec.html as string),
      hints: {
        id: rec.id ?? null,
        url: rec.url ?? null,
        title: rec.title ?? null,
        outlet: rec.outlet ?? null,
        country: rec.country ? rec.country.toUpperCase() : null,
        language: rec.language ?? null,
        published: rec.published ?? null,
        byline: rec.byline ?? null,
      },
    },
  };
}

/**
 * The lines of a file (split at \n, a trailing \r dropped), streamed: a line longer than `maxLine` characters is
 * given as null, its characters dropped as they arrive, so one endless line never sits in memory whole.
 */
async function* streamLines(path: string, maxLine: number): AsyncGenerator<{ n: number; line: string | null }> {
  let cur = '';
  let over = false;
  let n = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }) as AsyncIterable<string>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      const piece = chunk.slice(start, nl < 0 ? chunk.length : nl);
      if (!over && cur.length + piece.length > maxLine + 1) [over, cur] = [true, ''];
      else if (!over) cur += piece;
      if (nl < 0) break;
      n++;
      yield { n, line: over ? null : cur.endsWith('\r') ? cur.slice(0, -1) : cur };
      [cur, over, start] = ['', false, nl + 1];
    }
  }
  if (cur || over) yield { n: n + 1, line: over ? null : cur.endsWith('\r') ? cur.slice(0, -1) : cur };
}

async function* readJsonl(path: string, limits: FileLimits): AsyncGenerator<InputItem> {
  const maxLine = limits.maxLineBytes ?? limits.maxBytes;
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    yield failure(path, 'ingest/unreadable', `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  if (st.size === 0) {
    yield failure(path, 'ingest/empty', 'file is empty');
    return;
  }
  try {
    for await (const { n, line } of streamLines(path, maxLine)) {
      if (line === null) yield failure(`${path}#${n}`, 'ingest/too-large', `line ${n} is larger than the ${mb(maxLine)} limit`);
      else if (line.trim()) yield jsonlItem(line, n, path, maxLine);
    }
  } catch (e) {
    yield failure(path, 'ingest/unreadable', `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Walks paths (files or directories) and yields one item per article or per failure. */
export async function* readInputs(paths: string[], limits: FileLimits): AsyncGenerator<InputItem> {
  let files = 0;
  const maxFiles = limits.maxFiles ?? 100000;
  async function* walk(p: string, explicit: boolean): AsyncGenerator<InputItem> {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      yield failure(
        p,
        code === 'ENOENT' ? 'ingest/not-found' : 'ingest/unreadable',
        code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${code}`,
      );
      return;
    }
    if (st.isDirectory()) {
      let entries: string[];
      try {
        entries = (await readdir(p)).sort();
      } catch (e) {
        yield failure(p, 'ingest/unreadable', `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return;
      }
      for (const name of entries) {
        if (name.startsWith('.')) continue;
        yield* walk(join(p, name), false);
      }
      return;
    }
    if (!st.isFile()) {
      if (explicit) yield failure(p, 'ingest/not-a-file', 'not a regular file');
      return;
    }
    // In directories, take only the formats we know; an explicit path is tried whatever its name.
    if (!explicit && !(TEXT_EXT.test(p) || HTML_EXT.test(p) || JSONL_EXT.test(p))) return;
    if (++files > maxFiles) {
      if (files === maxFiles + 1) yield failure(p, 'ingest/too-many-files', `more than ${maxFiles} files; the rest were skipped`);
      return;
    }
    yield* readFileInput(p, limits);
  }
  for (const p of paths) yield* walk(p, true);
}

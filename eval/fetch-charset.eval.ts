/**
 * `npm run eval -- fetch-charset`: character-set decoding of real web pages.
 *
 * trafilatura-eval has 990 pages as raw bytes (no HTTP headers) and, per page,
 * text snippets known to be on it. For every snippet word with a non-ASCII
 * letter (ä, é, ł, …) we check whether it appears verbatim in the decoded
 * page. Decoders compared in the same run:
 *   - fetch/charset.ts decodeBytes (the fetcher's rule),
 *   - a naive peer: the first <meta charset> if any, else UTF-8, else windows-1252,
 *   - plain lenient UTF-8.
 * Each is scored twice: with no Content-Type (what the bytes say) and with a
 * WRONG header `text/html; charset=utf-8` on every page, a common server
 * misconfiguration the fallback rule is meant to survive.
 * Words escaped as HTML entities in the page are missed by every decoder
 * alike; the figure is for comparison, not an absolute accuracy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../src/fetch/charset.ts';

/** The naive rule most tools use: the first <meta charset>, else strict UTF-8, else windows-1252. */
function naiveDecode(buf: Uint8Array): string {
  const m = Buffer.from(buf.subarray(0, 2048))
    .toString('latin1')
    .match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i);
  if (m) {
    try {
      return new TextDecoder(m[1].toLowerCase()).decode(buf);
    } catch {
      /* unknown label */
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('windows-1252').decode(buf);
  }
}
import { datasetPath, pct } from './shared.ts';

interface EvalEntry {
  file: string;
  with: string[];
}

type Decoder = (bytes: Buffer) => string;

export async function run(): Promise<void> {
  const dir = datasetPath('datasets', 'trafilatura-eval');
  if (!dir) return;
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, EvalEntry>;
  const decoders: Array<[string, Decoder]> = [
    ['fetch decodeBytes, no header', (b) => decodeBytes(b, null).text],
    ['fetch decodeBytes, wrong utf-8 header', (b) => decodeBytes(b, 'text/html; charset=utf-8').text],
    ['naive meta/UTF-8 (peer)', (b) => naiveDecode(b)],
    ['plain UTF-8 (lenient)', (b) => new TextDecoder('utf-8').decode(b)],
  ];
  const found = new Map<string, { all: number; legacy: number }>(decoders.map(([n]) => [n, { all: 0, legacy: 0 }]));
  const ms = new Map<string, number>(decoders.map(([n]) => [n, 0]));
  let words = 0;
  let legacyWords = 0;
  let legacyPages = 0;
  let pages = 0;
  for (const e of Object.values(data)) {
    let bytes: Buffer;
    try {
      bytes = gunzipSync(readFileSync(join(dir, 'html', `${e.file}.gz`)));
    } catch {
      continue;
    }
    pages++;
    let isUtf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      isUtf8 = false;
      legacyPages++;
    }
    const targets = new Set<string>();
    for (const s of e.with)
      for (const w of s.split(/\s+/))
        if (/[^\x00-\x7f]/.test(w) && /\p{L}/u.test(w)) targets.add(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    targets.delete('');
    if (!targets.size) continue;
    words += targets.size;
    if (!isUtf8) legacyWords += targets.size;
    for (const [name, dec] of decoders) {
      const t0 = performance.now();
      const text = dec(bytes);
      ms.set(name, (ms.get(name) ?? 0) + performance.now() - t0);
      const c = found.get(name);
      if (!c) continue;
      for (const w of targets) {
        if (text.includes(w)) {
          c.all++;
          if (!isUtf8) c.legacy++;
        }
      }
    }
  }
  console.log(
    `trafilatura-eval: ${pages} pages, ${legacyPages} not valid UTF-8; ${words} non-ASCII snippet words (${legacyWords} on those pages)`,
  );
  console.log('decoder'.padEnd(40), 'words found'.padEnd(22), 'on non-UTF-8 pages'.padEnd(22), 'ms total');
  for (const [name] of decoders) {
    const c = found.get(name) ?? { all: 0, legacy: 0 };
    console.log(
      name.padEnd(40),
      `${c.all}/${words} ${pct(c.all / Math.max(1, words))}`.padEnd(22),
      `${c.legacy}/${legacyWords} ${pct(c.legacy / Math.max(1, legacyWords))}`.padEnd(22),
      (ms.get(name) ?? 0).toFixed(0),
    );
  }
}

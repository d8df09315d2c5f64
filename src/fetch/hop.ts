/**
 * One request on the wire, no redirect followed: the connection through the SSRF guard, its three timeouts, the
 * status read into a `Hop`, and the body streamed through its decoder under the byte cap.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { fail, ok, type Result } from '../model.ts';
import { guardedLookup, urlPort, type AddressPolicy, type LookupFn } from './ssrf.ts';
import { abortedFailure } from './gate.ts';

export type Hop =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null; contentType: string | null }
  | { kind: 'body'; status: number; bytes: Buffer; contentType: string | null; etag: string | null; lastModified: string | null };

export interface HopLimits {
  timeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxBytes: number;
}

/** How connections are opened: the address policy and the name resolution it guards. */
export interface Wire {
  policy: AddressPolicy;
  lookup: LookupFn;
}

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.InflateRaw;

const TEXTUAL = new RegExp(
  [
    String.raw`^(text\/[\w.+-]+`,
    String.raw`application\/([\w.-]+\+)?(xml|json)`,
    String.raw`application\/(rss|atom|rdf|xhtml|feed|ld|manifest)[\w.+-]*`,
    String.raw`application\/(javascript|ecmascript)`,
    String.raw`application\/x-(rss|atom)[\w.+-]*)$`,
  ].join('|'),
  'i',
);
export const MAYBE_TEXT = /^(application\/octet-stream|binary\/octet-stream|application\/x-unknown|unknown\/unknown)$/i;

/** Media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(ct: string | null): string | null {
  if (!ct) return null;
  const t = ct.split(';')[0].trim().toLowerCase();
  return t || null;
}

function header(h: http.IncomingHttpHeaders, name: string): string | null {
  const v = h[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

/** One request in flight: settled once, by whichever of the response, an error, a timeout or the abort comes first. */
interface Exchange {
  readonly url: URL;
  readonly limits: HopLimits;
  req: http.ClientRequest | null;
  stream: Readable | null;
  settled: boolean;
  timers: NodeJS.Timeout[];
  finish(r: Result<Hop>): void;
}

function openExchange(u: URL, limits: HopLimits, signal: AbortSignal | undefined, resolve: (r: Result<Hop>) => void): Exchange {
  const onAbort = () => x.finish(abortedFailure(u.href));
  const x: Exchange = {
    url: u,
    limits,
    req: null,
    stream: null,
    settled: false,
    timers: [],
    finish(r) {
      if (x.settled) return;
      x.settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const t of x.timers) clearTimeout(t);
      if (!r.ok || r.value.kind !== 'body') {
        x.stream?.destroy();
        x.req?.destroy();
      }
      resolve(r);
    },
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return x;
}

/** The whole-response, connect and idle deadlines. */
function armTimeouts(x: Exchange, req: http.ClientRequest): void {
  const { timeoutMs, connectTimeoutMs, idleTimeoutMs } = x.limits;
  x.timers.push(setTimeout(() => x.finish(fail('fetch/timeout', `no complete response within ${timeoutMs} ms`)), timeoutMs));
  const connectTimer = setTimeout(
    () => x.finish(fail('fetch/timeout', `could not connect within ${connectTimeoutMs} ms`)),
    connectTimeoutMs,
  );
  x.timers.push(connectTimer);
  req.on('socket', (s) => {
    if (!s.connecting) clearTimeout(connectTimer);
    else s.once('connect', () => clearTimeout(connectTimer));
  });
  req.setTimeout(idleTimeoutMs, () => x.finish(fail('fetch/timeout', `no data for ${idleTimeoutMs} ms`)));
}

function requestError(u: URL, e: NodeJS.ErrnoException): Result<Hop> {
  if (e.code === 'EPARALLAXBLOCKED') return fail('fetch/blocked-address', `${u.host}: ${e.message}`);
  const code = e.code && !e.message.includes(e.code) ? `${e.code} ` : '';
  return fail('fetch/network', `${u.host}: ${code}${e.message}`.replace(/\s+/g, ' ').trim());
}

/** A response read from its status line and headers alone (redirect, 304, not 2xx); null when a body is to be read. */
function bodilessHop(status: number, h: http.IncomingHttpHeaders): Result<Hop> | null {
  if ([301, 302, 303, 307, 308].includes(status)) {
    const loc = header(h, 'location');
    if (!loc) return fail(`fetch/http-${status}`, `HTTP ${status} redirect without a Location`);
    return ok({ kind: 'redirect', status, location: loc });
  }
  if (status === 304) {
    const contentType = header(h, 'content-type');
    return ok({ kind: 'not-modified', etag: header(h, 'etag'), lastModified: header(h, 'last-modified'), contentType });
  }
  if (status < 200 || status >= 300) return ok({ kind: 'status', status, retryAfter: header(h, 'retry-after') });
  return null;
}

/** Why a 2xx body is not read at all (its type, its declared size, its encoding); null when it is read. */
function refusedBody(h: http.IncomingHttpHeaders, encoding: string, maxBytes: number): Result<Hop> | null {
  const mt = mediaType(header(h, 'content-type'));
  if (mt && !TEXTUAL.test(mt) && !MAYBE_TEXT.test(mt))
    return fail('fetch/unsupported-type', `${mt} is not a text, HTML, XML or JSON document`);
  const declared = Number(header(h, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes && (encoding === 'identity' || encoding === '')) {
    return fail('fetch/too-large', `body of ${declared} bytes exceeds the ${maxBytes}-byte limit`);
  }
  // deflate is decided on the first byte (zlib-wrapped or raw)
  if (!['gzip', 'x-gzip', 'br', 'deflate', 'identity', ''].includes(encoding)) {
    return fail('fetch/unsupported-type', `unsupported Content-Encoding: ${encoding}`);
  }
  return null;
}

function onResponse(x: Exchange, res: http.IncomingMessage): void {
  const status = res.statusCode ?? 0;
  const early = bodilessHop(status, res.headers);
  if (early) {
    res.resume();
    x.finish(early);
    return;
  }
  const encoding = (header(res.headers, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const refused = refusedBody(res.headers, encoding, x.limits.maxBytes);
  if (refused) x.finish(refused);
  else readBody(x, res, status, encoding);
}

/** Streams the body through its decoder, counting raw and decoded bytes against the cap. */
function readBody(x: Exchange, res: http.IncomingMessage, status: number, encoding: string): void {
  const { maxBytes } = x.limits;
  const h = res.headers;
  let decoder: Decoder | null = null;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  let raw = 0;
  let decoded = 0;
  const chunks: Buffer[] = [];
  const onDecoded = (c: Buffer) => {
    decoded += c.length;
    if (decoded > maxBytes) {
      x.finish(fail('fetch/too-large', `body exceeds the ${maxBytes}-byte limit${decoder ? ' after decompression' : ''}`));
      return;
    }
    chunks.push(c);
  };
  const onEnd = () => {
    if (x.settled) return;
    const bytes = Buffer.concat(chunks);
    const contentType = header(h, 'content-type');
    x.finish(ok({ kind: 'body', status, bytes, contentType, etag: header(h, 'etag'), lastModified: header(h, 'last-modified') }));
    res.destroy();
  };
  const attach = (d: Decoder) => {
    x.stream = d;
    d.on('data', onDecoded);
    d.on('end', onEnd);
    d.on('error', (e: Error) => x.finish(fail('fetch/bad-encoding', `cannot decode ${encoding} body: ${e.message}`)));
  };
  if (decoder) attach(decoder);
  let first = true;
  res.on('data', (c: Buffer) => {
    if (x.settled) return;
    raw += c.length;
    if (raw > maxBytes) {
      x.finish(fail('fetch/too-large', `body exceeds the ${maxBytes}-byte limit`));
      return;
    }
    if (first && encoding === 'deflate') {
      // RFC 9110 deflate is zlib-wrapped; some servers send raw deflate.
      decoder = (c[0] & 0x0f) === 8 && ((c[0] << 8) | (c[1] ?? 0)) % 31 === 0 ? zlib.createInflate() : zlib.createInflateRaw();
      attach(decoder);
    }
    first = false;
    if (decoder) decoder.write(c);
    else onDecoded(c);
  });
  res.on('end', () => {
    if (x.settled) return;
    if (raw === 0)
      onEnd(); // an empty body is empty in any Content-Encoding
    else if (decoder) decoder.end();
    else onEnd();
  });
  res.on('error', (e: NodeJS.ErrnoException) => x.finish(fail('fetch/network', `${x.url.host}: response aborted: ${e.message}`)));
  res.on('aborted', () => x.finish(fail('fetch/network', `${x.url.host}: response aborted`)));
}

/** One request on the wire, no redirects followed. */
export function requestOnce(
  u: URL,
  headers: Record<string, string>,
  limits: HopLimits,
  wire: Wire,
  signal?: AbortSignal,
): Promise<Result<Hop>> {
  if (signal?.aborted) return Promise.resolve(abortedFailure(u.href));
  return new Promise((resolve) => {
    const x = openExchange(u, limits, signal, resolve);
    const mod = u.protocol === 'https:' ? https : http;
    try {
      x.req = mod.request(u, {
        method: 'GET',
        headers,
        agent: false,
        lookup: guardedLookup(wire.policy, urlPort(u), wire.lookup) as unknown as http.RequestOptions['lookup'],
      });
    } catch (e) {
      x.finish(fail('fetch/bad-url', `cannot request ${u.href}: ${(e as Error).message}`));
      return;
    }
    armTimeouts(x, x.req);
    x.req.on('error', (e: NodeJS.ErrnoException) => x.finish(requestError(u, e)));
    x.req.on('response', (res) => onResponse(x, res));
    x.req.end();
  });
}

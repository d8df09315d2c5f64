/**
 * The HTTP fetcher, on node:http/node:https so that every connection address
 * goes through our SSRF guard (ssrf.ts). Hard limits everywhere: connect,
 * idle and whole-response timeouts; a byte cap on raw and decoded bytes
 * (streamed, never buffered past the cap); a redirect limit. Per-host
 * concurrency and minimum interval, robots.txt, conditional GET, retries with
 * exponential backoff + jitter honouring Retry-After, and charset decoding
 * (charset.ts).
 *
 * Failure codes and which of them are retried: failures.ts (the one decision, shared with the poller, the worker
 * and the API). A timeout is retried later by the caller, not within this call: the deadline is the caller's budget.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { fail, ok, type Result } from '../model.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { FetchFailure, FetchOptions, FetchResult, Fetcher } from './types.ts';
import { checkUrl, guardedLookup, systemLookup, urlPort, type AddressPolicy, type LookupFn } from './ssrf.ts';
import { decodeBytes, looksBinary } from './charset.ts';
import { ALLOW_ALL, DISALLOW_ALL, crawlDelay, isAllowed, parseRobots, type Robots } from './robots.ts';
import { backoffMs, isRetryable } from './failures.ts';

export interface FetcherOptions {
  userAgent: string;
  /** Whole-response deadline per request (connect to last byte), ms. */
  timeoutMs: number;
  /** Deadline to open the TCP connection, ms (default min(timeoutMs, 10 s)). */
  connectTimeoutMs?: number;
  /** Longest silence on the socket, ms (default min(timeoutMs, 15 s)). */
  idleTimeoutMs?: number;
  /** Max body bytes, raw and after decompression. */
  maxBytes: number;
  maxRedirects: number;
  allowPrivateNetwork: boolean;
  /** Exact `address:port` pairs exempt from the private-network block (a test server, one intranet host). */
  allowAddresses?: string[];
  /** Max simultaneous requests to one host (default 2). */
  perHostConcurrency?: number;
  /** Min ms between the starts of two requests to one host (default 1000). */
  perHostIntervalMs?: number;
  /** Obey robots.txt (default true). */
  respectRobots?: boolean;
  /** A robots.txt Crawl-delay raises the per-host interval, up to this many ms (default 30 s). */
  maxCrawlDelayMs?: number;
  /** How long a fetched robots.txt is trusted, ms (default 1 h). */
  robotsTtlMs?: number;
  /** Retries after the first attempt on retryable failures other than timeouts (failures.ts; default 2). */
  maxRetries?: number;
  /** First backoff delay, ms (default 1000); doubles per retry, with jitter. */
  retryBaseMs?: number;
  /** Longest wait before a retry, ms (default 60 s); a longer Retry-After gives up at once. */
  retryMaxDelayMs?: number;
}

export interface FetcherDeps {
  clock: () => Date;
  logger: Logger;
  /** Name resolution (default: the system resolver). Every result passes the SSRF guard. */
  lookup?: LookupFn;
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for backoff jitter (default Math.random). */
  random?: () => number;
  /**
   * Start times per host shared with other processes (workers on many machines fetching through one store), so the
   * per-host interval holds across all of them. Without it, the interval holds within this fetcher.
   */
  hostSlots?: HostSlots;
}

/** Shared per-host start times: `reserve` books the next start at least `intervalMs` after the last one booked. */
export interface HostSlots {
  /** Books a start for `host`; returns the epoch ms at which the caller may start (now, or later). */
  reserve(host: string, intervalMs: number, nowMs: number): Promise<number>;
}

export interface FetcherWithStats extends Fetcher {
  /** Counters for diagnostics: requests made on the wire, robots.txt fetched, retries. */
  stats(): { requests: number; robotsFetched: number; retries: number };
}

/** Fetcher options from the validated configuration. */
export function fetcherOptionsFromConfig(config: Config): FetcherOptions {
  return {
    userAgent: config.PARALLAX_USER_AGENT,
    timeoutMs: config.PARALLAX_FETCH_TIMEOUT_MS,
    maxBytes: config.PARALLAX_FETCH_MAX_BYTES,
    maxRedirects: config.PARALLAX_FETCH_MAX_REDIRECTS,
    allowPrivateNetwork: config.PARALLAX_ALLOW_PRIVATE_NETWORK,
  };
}

const DEFAULT_ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,' +
  'application/xml;q=0.9,application/json;q=0.8,text/*;q=0.7,*/*;q=0.5';

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
const MAYBE_TEXT = /^(application\/octet-stream|binary\/octet-stream|application\/x-unknown|unknown\/unknown)$/i;

/** Media type of a Content-Type value, lower-cased, without parameters. */
function mediaType(ct: string | null): string | null {
  if (!ct) return null;
  const t = ct.split(';')[0].trim().toLowerCase();
  return t || null;
}

function header(h: http.IncomingHttpHeaders, name: string): string | null {
  const v = h[name];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

/** Parses Retry-After (delta seconds or an HTTP date) into ms from `now`; null when absent/invalid. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now.getTime());
}

type Hop =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null; contentType: string | null }
  | { kind: 'body'; status: number; bytes: Buffer; contentType: string | null; etag: string | null; lastModified: string | null };

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.InflateRaw;

interface HopLimits {
  timeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxBytes: number;
}

/** A semaphore plus a start-interval reservation, per host. */
class HostGate {
  private active = 0;
  private waiting: Array<() => void> = [];
  private nextStart = 0;
  constructor(
    private readonly limit: number,
    private intervalMs: number,
  ) {}
  /** Raises the minimum interval (e.g. to a robots.txt Crawl-delay); never lowers it. */
  atLeast(ms: number): void {
    if (ms > this.intervalMs) this.intervalMs = ms;
  }
  async acquire(now: () => number, sleep: (ms: number) => Promise<void>, shared?: { slots: HostSlots; host: string }): Promise<void> {
    // A waiter that was aborted still takes its turn (and releases it at once): the count stays right.
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    const t = now();
    let start = Math.max(t, this.nextStart);
    this.nextStart = start + this.intervalMs;
    if (shared && this.intervalMs > 0) {
      // Other processes fetch from this host too: the shared booking decides (it is never earlier than ours).
      try {
        start = Math.max(start, await shared.slots.reserve(shared.host, this.intervalMs, t));
        this.nextStart = Math.max(this.nextStart, start + this.intervalMs);
      } catch {
        /* the shared booking is unavailable: the local interval still holds */
      }
    }
    const wait = start - now();
    if (wait > 0) await sleep(wait);
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
  idle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const ABORTED: unique symbol = Symbol('aborted');

/** `p`, or ABORTED as soon as `signal` fires (the work behind `p` goes on, its result is ignored). */
function orAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

const abortedFailure = (url: string): FetchFailure => fail('fetch/aborted', `fetch of ${url.slice(0, 200)} aborted`);

export function createFetcher(opts: FetcherOptions, deps: FetcherDeps): FetcherWithStats {
  const lookup = deps.lookup ?? systemLookup;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const now = () => deps.clock().getTime();
  const policy: AddressPolicy = { allowPrivateNetwork: opts.allowPrivateNetwork, allowAddresses: opts.allowAddresses };
  const perHost = Math.max(1, opts.perHostConcurrency ?? 2);
  const interval = Math.max(0, opts.perHostIntervalMs ?? 1000);
  const respectRobots = opts.respectRobots ?? true;
  const robotsTtl = opts.robotsTtlMs ?? 3600_000;
  const maxRetries = Math.max(0, opts.maxRetries ?? 2);
  const retryBase = opts.retryBaseMs ?? 1000;
  const retryMax = opts.retryMaxDelayMs ?? 60_000;
  const maxCrawlDelayMs = opts.maxCrawlDelayMs ?? 30_000;
  const gates = new Map<string, HostGate>();
  const robotsCache = new Map<string, { robots: Robots; expires: number } | Promise<Robots>>();
  const counters = { requests: 0, robotsFetched: 0, retries: 0 };

  function gateFor(host: string): HostGate {
    let g = gates.get(host);
    if (!g) {
      g = new HostGate(perHost, interval);
      gates.set(host, g);
    }
    return g;
  }

  function limitsFor(o: FetchOptions | undefined): HopLimits {
    const timeoutMs = o?.timeoutMs ?? opts.timeoutMs;
    return {
      timeoutMs,
      connectTimeoutMs: Math.min(timeoutMs, opts.connectTimeoutMs ?? 10_000),
      idleTimeoutMs: Math.min(timeoutMs, opts.idleTimeoutMs ?? 15_000),
      maxBytes: o?.maxBytes ?? opts.maxBytes,
    };
  }

  /** One request on the wire, no redirects followed. */
  function hop(u: URL, headers: Record<string, string>, limits: HopLimits, signal?: AbortSignal): Promise<Result<Hop>> {
    if (signal?.aborted) return Promise.resolve(abortedFailure(u.href));
    counters.requests++;
    return new Promise((resolve) => {
      let settled = false;
      let req: http.ClientRequest | null = null;
      let stream: Readable | null = null;
      const timers: NodeJS.Timeout[] = [];
      const onAbort = () => finish(abortedFailure(u.href));
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = (r: Result<Hop>) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        for (const t of timers) clearTimeout(t);
        if (!r.ok || r.value.kind !== 'body') {
          stream?.destroy();
          req?.destroy();
        }
        resolve(r);
      };
      const mod = u.protocol === 'https:' ? https : http;
      try {
        req = mod.request(u, {
          method: 'GET',
          headers,
          agent: false,
          lookup: guardedLookup(policy, urlPort(u), lookup) as unknown as http.RequestOptions['lookup'],
        });
      } catch (e) {
        finish(fail('fetch/bad-url', `cannot request ${u.href}: ${(e as Error).message}`));
        return;
      }
      timers.push(setTimeout(() => finish(fail('fetch/timeout', `no complete response within ${limits.timeoutMs} ms`)), limits.timeoutMs));
      const connectTimer = setTimeout(
        () => finish(fail('fetch/timeout', `could not connect within ${limits.connectTimeoutMs} ms`)),
        limits.connectTimeoutMs,
      );
      timers.push(connectTimer);
      req.on('socket', (s) => {
        if (!s.connecting) clearTimeout(connectTimer);
        else s.once('connect', () => clearTimeout(connectTimer));
      });
      req.setTimeout(limits.idleTimeoutMs, () => finish(fail('fetch/timeout', `no data for ${limits.idleTimeoutMs} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPARALLAXBLOCKED') finish(fail('fetch/blocked-address', `${u.host}: ${e.message}`));
        else
          finish(
            fail(
              'fetch/network',
              `${u.host}: ${e.code && !e.message.includes(e.code) ? `${e.code} ` : ''}${e.message}`.replace(/\s+/g, ' ').trim(),
            ),
          );
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const h = res.headers;
        if ([301, 302, 303, 307, 308].includes(status)) {
          const loc = header(h, 'location');
          res.resume();
          if (!loc) finish(fail(`fetch/http-${status}`, `HTTP ${status} redirect without a Location`));
          else finish(ok({ kind: 'redirect', status, location: loc }));
          return;
        }
        if (status === 304) {
          res.resume();
          finish(
            ok({
              kind: 'not-modified',
              etag: header(h, 'etag'),
              lastModified: header(h, 'last-modified'),
              contentType: header(h, 'content-type'),
            }),
          );
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          finish(ok({ kind: 'status', status, retryAfter: header(h, 'retry-after') }));
          return;
        }
        const contentType = header(h, 'content-type');
        const mt = mediaType(contentType);
        if (mt && !TEXTUAL.test(mt) && !MAYBE_TEXT.test(mt)) {
          finish(fail('fetch/unsupported-type', `${mt} is not a text, HTML, XML or JSON document`));
          return;
        }
        const declared = Number(header(h, 'content-length'));
        const encoding = (header(h, 'content-encoding') ?? 'identity').trim().toLowerCase();
        if (Number.isFinite(declared) && declared > limits.maxBytes && (encoding === 'identity' || encoding === '')) {
          finish(fail('fetch/too-large', `body of ${declared} bytes exceeds the ${limits.maxBytes}-byte limit`));
          return;
        }
        let decoder: Decoder | null = null;
        if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
        else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
        else if (encoding === 'deflate')
          decoder = null; // decided on the first byte (zlib-wrapped or raw)
        else if (encoding !== 'identity' && encoding !== '') {
          finish(fail('fetch/unsupported-type', `unsupported Content-Encoding: ${encoding}`));
          return;
        }
        let raw = 0;
        let decoded = 0;
        const chunks: Buffer[] = [];
        const onDecoded = (c: Buffer) => {
          decoded += c.length;
          if (decoded > limits.maxBytes) {
            finish(fail('fetch/too-large', `body exceeds the ${limits.maxBytes}-byte limit${decoder ? ' after decompression' : ''}`));
            return;
          }
          chunks.push(c);
        };
        const onEnd = () => {
          if (settled) return;
          finish(
            ok({
              kind: 'body',
              status,
              bytes: Buffer.concat(chunks),
              contentType,
              etag: header(h, 'etag'),
              lastModified: header(h, 'last-modified'),
            }),
          );
          res.destroy();
        };
        const onDecodeError = (e: Error) => finish(fail('fetch/bad-encoding', `cannot decode ${encoding} body: ${e.message}`));
        const attach = (d: Decoder) => {
          stream = d;
          d.on('data', onDecoded);
          d.on('end', onEnd);
          d.on('error', onDecodeError);
        };
        if (decoder) attach(decoder);
        let first = true;
        res.on('data', (c: Buffer) => {
          if (settled) return;
          raw += c.length;
          if (raw > limits.maxBytes) {
            finish(fail('fetch/too-large', `body exceeds the ${limits.maxBytes}-byte limit`));
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
          if (settled) return;
          if (raw === 0)
            onEnd(); // an empty body is empty in any Content-Encoding
          else if (decoder) decoder.end();
          else onEnd();
        });
        res.on('error', (e: NodeJS.ErrnoException) => finish(fail('fetch/network', `${u.host}: response aborted: ${e.message}`)));
        res.on('aborted', () => finish(fail('fetch/network', `${u.host}: response aborted`)));
      });
      req.end();
    });
  }

  async function gatedHop(u: URL, headers: Record<string, string>, limits: HopLimits, signal?: AbortSignal): Promise<Result<Hop>> {
    const g = gateFor(u.host);
    const acquired = g.acquire(now, sleep, deps.hostSlots ? { slots: deps.hostSlots, host: u.host } : undefined);
    if ((await orAbort(acquired, signal)) === ABORTED) {
      // The turn is released when it comes, so the host's other fetches are not held up.
      void acquired.then(() => g.release());
      return abortedFailure(u.href);
    }
    try {
      return await hop(u, headers, limits, signal);
    } finally {
      g.release();
      if (g.idle() && gates.size > 1000) gates.delete(u.host);
    }
  }

  async function loadRobots(origin: URL): Promise<Robots> {
    counters.robotsFetched++;
    const robotsUrl = new URL('/robots.txt', origin);
    const limits: HopLimits = {
      timeoutMs: Math.min(opts.timeoutMs, 10_000),
      connectTimeoutMs: Math.min(opts.timeoutMs, 5000),
      idleTimeoutMs: Math.min(opts.timeoutMs, 5000),
      maxBytes: 512 * 1024,
    };
    let target = robotsUrl;
    for (let i = 0; i <= 5; i++) {
      const checked = checkUrl(target.href, policy);
      if (!checked.ok) return ALLOW_ALL;
      const r = await gatedHop(
        checked.value,
        { 'user-agent': opts.userAgent, accept: 'text/plain,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' },
        limits,
      );
      if (!r.ok) {
        // Unreachable robots.txt: allow (but too-large is a real robots file: keep what we can't read as allow too).
        deps.logger.debug('robots.txt unreachable: allowing', { stage: 'fetch', ref: robotsUrl.href, code: r.code });
        return ALLOW_ALL;
      }
      const v = r.value;
      if (v.kind === 'redirect') {
        try {
          target = new URL(v.location, target);
        } catch {
          return ALLOW_ALL; // an unusable redirect: as if unreachable
        }
        continue;
      }
      if (v.kind === 'status') {
        if (v.status >= 500 || v.status === 429) {
          deps.logger.info('robots.txt server error: disallowing for now', {
            stage: 'fetch',
            ref: robotsUrl.href,
            code: `fetch/http-${v.status}`,
          });
          return DISALLOW_ALL;
        }
        return ALLOW_ALL; // 4xx: no rules
      }
      if (v.kind === 'not-modified') return ALLOW_ALL;
      return parseRobots(decodeBytes(v.bytes, v.contentType).text);
    }
    return ALLOW_ALL;
  }

  async function robotsFor(u: URL): Promise<Robots> {
    const key = u.origin;
    const cached = robotsCache.get(key);
    if (cached instanceof Promise) return cached;
    if (cached && cached.expires > now()) return cached.robots;
    const p = loadRobots(u).then((robots) => {
      const delay = crawlDelay(robots, opts.userAgent);
      if (delay !== null && delay > 0) gateFor(u.host).atLeast(Math.min(delay * 1000, maxCrawlDelayMs));
      // Server errors are only trusted briefly, so the site recovers soon.
      const ttl = robots === DISALLOW_ALL ? Math.min(robotsTtl, 10 * 60_000) : robotsTtl;
      robotsCache.set(key, { robots, expires: now() + ttl });
      if (robotsCache.size > 5000) {
        const first = robotsCache.keys().next().value;
        if (first !== undefined && first !== key) robotsCache.delete(first);
      }
      return robots;
    });
    robotsCache.set(key, p);
    return p;
  }

  /** One attempt: follows redirects, checks robots and addresses at every hop. */
  async function attempt(
    url: string,
    o: FetchOptions | undefined,
  ): Promise<Result<Hop & { finalUrl: string }> | (FetchFailure & { serverWaitMs?: number | null; retriable?: boolean })> {
    const limits = limitsFor(o);
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const checked = checkUrl(current, policy);
      if (!checked.ok) return checked;
      const u = checked.value;
      u.hash = '';
      if (respectRobots) {
        // robots.txt is shared by every fetch of the origin: an abort stops waiting for it, not its download.
        const robots = await orAbort(robotsFor(u), o?.signal);
        if (robots === ABORTED) return abortedFailure(u.href);
        if (!isAllowed(robots, opts.userAgent, u.pathname + u.search)) {
          if (robots === DISALLOW_ALL) {
            const why = `robots.txt of ${u.host} answered with a server error: everything is disallowed for now`;
            return { ...fail('fetch/robots-disallowed', why), temporary: true };
          }
          return fail('fetch/robots-disallowed', `robots.txt of ${u.host} disallows ${u.pathname}${u.search}`);
        }
      }
      const headers: Record<string, string> = {
        'user-agent': opts.userAgent,
        accept: o?.accept ?? DEFAULT_ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': '*',
      };
      if (o?.etag) headers['if-none-match'] = o.etag;
      if (o?.lastModified) headers['if-modified-since'] = o.lastModified;
      const r = await gatedHop(u, headers, limits, o?.signal);
      if (!r.ok) return { ...r, retriable: r.code !== 'fetch/timeout' && r.code !== 'fetch/aborted' && isRetryable(r) };
      const v = r.value;
      if (v.kind === 'redirect') {
        if (redirects >= opts.maxRedirects) {
          return fail('fetch/too-many-redirects', `more than ${opts.maxRedirects} redirects starting at ${url}`);
        }
        let next: URL;
        try {
          next = new URL(v.location, u);
        } catch {
          return fail('fetch/bad-url', `redirect to an invalid URL: ${v.location.slice(0, 200)}`);
        }
        current = next.href;
        continue;
      }
      if (v.kind === 'status') {
        const f = fail(`fetch/http-${v.status}`, `HTTP ${v.status} from ${u.href}`);
        return { ...f, retriable: isRetryable(f), serverWaitMs: parseRetryAfter(v.retryAfter, deps.clock()) };
      }
      return ok({ ...v, finalUrl: u.href });
    }
  }

  async function fetchText(url: string, o?: FetchOptions): Promise<FetchResult> {
    const started = now();
    for (let tries = 0; ; tries++) {
      if (o?.signal?.aborted) return abortedFailure(url);
      const r = await attempt(url, o);
      if (r.ok) {
        const v = r.value;
        if (v.kind === 'not-modified') {
          const etag = v.etag ?? o?.etag ?? null;
          const lastModified = v.lastModified ?? o?.lastModified ?? null;
          return ok({
            url: v.finalUrl,
            status: 304,
            notModified: true,
            contentType: v.contentType,
            body: '',
            bytes: 0,
            etag,
            lastModified,
          });
        }
        if (v.kind !== 'body') return fail('fetch/network', 'unexpected response');
        const mt = mediaType(v.contentType);
        if ((!mt || MAYBE_TEXT.test(mt)) && looksBinary(v.bytes)) {
          return fail('fetch/unsupported-type', `${mt ?? 'untyped'} body is binary, not text`);
        }
        const d = decodeBytes(v.bytes, v.contentType);
        deps.logger.debug('fetched', { stage: 'fetch', ref: v.finalUrl, ms: now() - started, bytes: v.bytes.length, charset: d.charset });
        return ok({
          url: v.finalUrl,
          status: v.status,
          notModified: false,
          contentType: v.contentType,
          body: d.text,
          bytes: v.bytes.length,
          etag: v.etag,
          lastModified: v.lastModified,
          charset: d.charset,
        });
      }
      const f = r as FetchFailure & { serverWaitMs?: number | null; retriable?: boolean };
      const temporary = isRetryable(f);
      if (!f.retriable || tries >= maxRetries) {
        deps.logger.debug('fetch failed', { stage: 'fetch', ref: url, code: f.code, ms: now() - started });
        if (!temporary) return fail(f.code, f.message);
        return f.serverWaitMs != null
          ? { ...fail(f.code, f.message), temporary, retryAfterMs: Math.round(f.serverWaitMs) }
          : { ...fail(f.code, f.message), temporary };
      }
      const backoff = backoffMs(tries + 1, { baseMs: retryBase, maxMs: retryMax, random });
      const wait = f.serverWaitMs != null ? f.serverWaitMs : backoff;
      if (wait > retryMax) {
        const msg = `${f.message}; Retry-After of ${Math.round(wait / 1000)} s is longer than the ${Math.round(retryMax / 1000)} s we wait`;
        return { ...fail(f.code, msg), temporary: true, retryAfterMs: Math.round(wait) };
      }
      counters.retries++;
      deps.logger.debug('retrying', { stage: 'fetch', ref: url, code: f.code, waitMs: Math.round(wait) });
      if ((await orAbort(sleep(wait), o?.signal)) === ABORTED) return abortedFailure(url);
    }
  }

  return { fetchText, stats: () => ({ ...counters }) };
}

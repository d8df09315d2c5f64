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
import { fail, ok, type Result } from '../model.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { FetchFailure, FetchOptions, FetchResult, Fetcher } from './types.ts';
import { checkUrl, systemLookup, type LookupFn } from './ssrf.ts';
import { decodeBytes, looksBinary } from './charset.ts';
import { ALLOW_ALL, DISALLOW_ALL, crawlDelay, isAllowed, parseRobots, type Robots } from './robots.ts';
import { backoffMs, isRetryable } from './failures.ts';
import { ABORTED, HostGate, abortedFailure, defaultSleep, orAbort, type HostSlots } from './gate.ts';
import { MAYBE_TEXT, mediaType, requestOnce, type Hop, type HopLimits, type Wire } from './hop.ts';

export type { HostSlots } from './gate.ts';

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

/** Parses Retry-After (delta seconds or an HTTP date) into ms from `now`; null when absent/invalid. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now.getTime());
}

/** A failed attempt, with what the retry decision needs: whether it is worth retrying and the server's wait. */
type AttemptFailure = FetchFailure & { serverWaitMs?: number | null; retriable?: boolean };
type Attempt = Result<Hop & { finalUrl: string }> | AttemptFailure;

/** Everything one fetcher keeps between fetches: its settings with defaults applied, per-host gates, robots.txt. */
interface FetcherState {
  opts: FetcherOptions;
  deps: FetcherDeps;
  wire: Wire;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  perHost: number;
  interval: number;
  respectRobots: boolean;
  robotsTtl: number;
  maxRetries: number;
  retryBase: number;
  retryMax: number;
  maxCrawlDelayMs: number;
  gates: Map<string, HostGate>;
  robotsCache: Map<string, { robots: Robots; expires: number } | Promise<Robots>>;
  counters: { requests: number; robotsFetched: number; retries: number };
}

function fetcherState(opts: FetcherOptions, deps: FetcherDeps): FetcherState {
  return {
    opts,
    deps,
    wire: {
      policy: { allowPrivateNetwork: opts.allowPrivateNetwork, allowAddresses: opts.allowAddresses },
      lookup: deps.lookup ?? systemLookup,
    },
    sleep: deps.sleep ?? defaultSleep,
    random: deps.random ?? Math.random,
    now: () => deps.clock().getTime(),
    perHost: Math.max(1, opts.perHostConcurrency ?? 2),
    interval: Math.max(0, opts.perHostIntervalMs ?? 1000),
    respectRobots: opts.respectRobots ?? true,
    robotsTtl: opts.robotsTtlMs ?? 3600_000,
    maxRetries: Math.max(0, opts.maxRetries ?? 2),
    retryBase: opts.retryBaseMs ?? 1000,
    retryMax: opts.retryMaxDelayMs ?? 60_000,
    maxCrawlDelayMs: opts.maxCrawlDelayMs ?? 30_000,
    gates: new Map(),
    robotsCache: new Map(),
    counters: { requests: 0, robotsFetched: 0, retries: 0 },
  };
}

function gateFor(s: FetcherState, host: string): HostGate {
  let g = s.gates.get(host);
  if (!g) {
    g = new HostGate(s.perHost, s.interval);
    s.gates.set(host, g);
  }
  return g;
}

function limitsFor(opts: FetcherOptions, o: FetchOptions | undefined): HopLimits {
  const timeoutMs = o?.timeoutMs ?? opts.timeoutMs;
  return {
    timeoutMs,
    connectTimeoutMs: Math.min(timeoutMs, opts.connectTimeoutMs ?? 10_000),
    idleTimeoutMs: Math.min(timeoutMs, opts.idleTimeoutMs ?? 15_000),
    maxBytes: o?.maxBytes ?? opts.maxBytes,
  };
}

/** One request once the host's gate lets it start (its concurrency and interval, shared through the store's slots). */
async function gatedHop(
  s: FetcherState,
  u: URL,
  headers: Record<string, string>,
  limits: HopLimits,
  signal?: AbortSignal,
): Promise<Result<Hop>> {
  const g = gateFor(s, u.host);
  const acquired = g.acquire(s.now, s.sleep, s.deps.hostSlots ? { slots: s.deps.hostSlots, host: u.host } : undefined);
  if ((await orAbort(acquired, signal)) === ABORTED) {
    // The turn is released when it comes, so the host's other fetches are not held up.
    void acquired.then(() => g.release());
    return abortedFailure(u.href);
  }
  try {
    if (!signal?.aborted) s.counters.requests++;
    return await requestOnce(u, headers, limits, s.wire, signal);
  } finally {
    g.release();
    if (g.idle() && s.gates.size > 1000) s.gates.delete(u.host);
  }
}

/** The rules an answer of robots.txt stands for (unreachable or 4xx: none; 5xx or 429: everything disallowed for now). */
function robotsFromHop(s: FetcherState, robotsUrl: URL, v: Exclude<Hop, { kind: 'redirect' }>): Robots {
  if (v.kind === 'status') {
    if (v.status >= 500 || v.status === 429) {
      const code = `fetch/http-${v.status}`;
      s.deps.logger.info('robots.txt server error: disallowing for now', { stage: 'fetch', ref: robotsUrl.href, code });
      return DISALLOW_ALL;
    }
    return ALLOW_ALL; // 4xx: no rules
  }
  if (v.kind === 'not-modified') return ALLOW_ALL;
  return parseRobots(decodeBytes(v.bytes, v.contentType).text);
}

async function loadRobots(s: FetcherState, origin: URL): Promise<Robots> {
  s.counters.robotsFetched++;
  const robotsUrl = new URL('/robots.txt', origin);
  const { timeoutMs } = s.opts;
  const limits: HopLimits = {
    timeoutMs: Math.min(timeoutMs, 10_000),
    connectTimeoutMs: Math.min(timeoutMs, 5000),
    idleTimeoutMs: Math.min(timeoutMs, 5000),
    maxBytes: 512 * 1024,
  };
  const headers = { 'user-agent': s.opts.userAgent, accept: 'text/plain,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' };
  let target = robotsUrl;
  for (let i = 0; i <= 5; i++) {
    const checked = checkUrl(target.href, s.wire.policy);
    if (!checked.ok) return ALLOW_ALL;
    const r = await gatedHop(s, checked.value, headers, limits);
    if (!r.ok) {
      // Unreachable robots.txt: allow (but too-large is a real robots file: keep what we can't read as allow too).
      s.deps.logger.debug('robots.txt unreachable: allowing', { stage: 'fetch', ref: robotsUrl.href, code: r.code });
      return ALLOW_ALL;
    }
    const v = r.value;
    if (v.kind !== 'redirect') return robotsFromHop(s, robotsUrl, v);
    try {
      target = new URL(v.location, target);
    } catch {
      return ALLOW_ALL; // an unusable redirect: as if unreachable
    }
  }
  return ALLOW_ALL;
}

/** The origin's robots.txt, fetched once per TTL and shared by the fetches waiting for it. */
async function robotsFor(s: FetcherState, u: URL): Promise<Robots> {
  const key = u.origin;
  const cached = s.robotsCache.get(key);
  if (cached instanceof Promise) return cached;
  if (cached && cached.expires > s.now()) return cached.robots;
  const p = loadRobots(s, u).then((robots) => {
    const delay = crawlDelay(robots, s.opts.userAgent);
    if (delay !== null && delay > 0) gateFor(s, u.host).atLeast(Math.min(delay * 1000, s.maxCrawlDelayMs));
    // Server errors are only trusted briefly, so the site recovers soon.
    const ttl = robots === DISALLOW_ALL ? Math.min(s.robotsTtl, 10 * 60_000) : s.robotsTtl;
    s.robotsCache.set(key, { robots, expires: s.now() + ttl });
    if (s.robotsCache.size > 5000) {
      const first = s.robotsCache.keys().next().value;
      if (first !== undefined && first !== key) s.robotsCache.delete(first);
    }
    return robots;
  });
  s.robotsCache.set(key, p);
  return p;
}

/** Why robots.txt keeps the fetcher off `u`; null when it may fetch it. */
async function robotsRefusal(s: FetcherState, u: URL, signal: AbortSignal | undefined): Promise<FetchFailure | null> {
  // robots.txt is shared by every fetch of the origin: an abort stops waiting for it, not its download.
  const robots = await orAbort(robotsFor(s, u), signal);
  if (robots === ABORTED) return abortedFailure(u.href);
  if (isAllowed(robots, s.opts.userAgent, u.pathname + u.search)) return null;
  if (robots === DISALLOW_ALL) {
    const why = `robots.txt of ${u.host} answered with a server error: everything is disallowed for now`;
    return { ...fail('fetch/robots-disallowed', why), temporary: true };
  }
  return fail('fetch/robots-disallowed', `robots.txt of ${u.host} disallows ${u.pathname}${u.search}`);
}

function requestHeaders(opts: FetcherOptions, o: FetchOptions | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: o?.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': '*',
  };
  if (o?.etag) headers['if-none-match'] = o.etag;
  if (o?.lastModified) headers['if-modified-since'] = o.lastModified;
  return headers;
}

/** One attempt: follows redirects, checks robots and addresses at every hop. */
async function attempt(s: FetcherState, url: string, o: FetchOptions | undefined): Promise<Attempt> {
  const limits = limitsFor(s.opts, o);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const checked = checkUrl(current, s.wire.policy);
    if (!checked.ok) return checked;
    const u = checked.value;
    u.hash = '';
    const refusal = s.respectRobots ? await robotsRefusal(s, u, o?.signal) : null;
    if (refusal) return refusal;
    const r = await gatedHop(s, u, requestHeaders(s.opts, o), limits, o?.signal);
    if (!r.ok) return { ...r, retriable: r.code !== 'fetch/timeout' && r.code !== 'fetch/aborted' && isRetryable(r) };
    const v = r.value;
    if (v.kind === 'redirect') {
      if (redirects >= s.opts.maxRedirects) {
        return fail('fetch/too-many-redirects', `more than ${s.opts.maxRedirects} redirects starting at ${url}`);
      }
      try {
        current = new URL(v.location, u).href;
      } catch {
        return fail('fetch/bad-url', `redirect to an invalid URL: ${v.location.slice(0, 200)}`);
      }
      continue;
    }
    if (v.kind === 'status') {
      const f = fail(`fetch/http-${v.status}`, `HTTP ${v.status} from ${u.href}`);
      return { ...f, retriable: isRetryable(f), serverWaitMs: parseRetryAfter(v.retryAfter, s.deps.clock()) };
    }
    return ok({ ...v, finalUrl: u.href });
  }
}

/** The caller's answer from a successful attempt: a 304 as is, a body decoded to text (unless it is binary). */
function fetched(s: FetcherState, v: Hop & { finalUrl: string }, o: FetchOptions | undefined, started: number): FetchResult {
  if (v.kind === 'not-modified') {
    const etag = v.etag ?? o?.etag ?? null;
    const lastModified = v.lastModified ?? o?.lastModified ?? null;
    return ok({ url: v.finalUrl, status: 304, notModified: true, contentType: v.contentType, body: '', bytes: 0, etag, lastModified });
  }
  if (v.kind !== 'body') return fail('fetch/network', 'unexpected response');
  const mt = mediaType(v.contentType);
  if ((!mt || MAYBE_TEXT.test(mt)) && looksBinary(v.bytes)) {
    return fail('fetch/unsupported-type', `${mt ?? 'untyped'} body is binary, not text`);
  }
  const d = decodeBytes(v.bytes, v.contentType);
  s.deps.logger.debug('fetched', { stage: 'fetch', ref: v.finalUrl, ms: s.now() - started, bytes: v.bytes.length, charset: d.charset });
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

/** The failure handed to the caller when no retry follows: temporary ones say so, with the server's wait if any. */
function finalFailure(f: AttemptFailure): FetchFailure {
  if (!isRetryable(f)) return fail(f.code, f.message);
  return f.serverWaitMs != null
    ? { ...fail(f.code, f.message), temporary: true, retryAfterMs: Math.round(f.serverWaitMs) }
    : { ...fail(f.code, f.message), temporary: true };
}

/** Attempts with backoff between them (or the server's Retry-After, given up at once when longer than we wait). */
async function fetchWithRetries(s: FetcherState, url: string, o?: FetchOptions): Promise<FetchResult> {
  const started = s.now();
  for (let tries = 0; ; tries++) {
    if (o?.signal?.aborted) return abortedFailure(url);
    const r = await attempt(s, url, o);
    if (r.ok) return fetched(s, r.value, o, started);
    const f = r as AttemptFailure;
    if (!f.retriable || tries >= s.maxRetries) {
      s.deps.logger.debug('fetch failed', { stage: 'fetch', ref: url, code: f.code, ms: s.now() - started });
      return finalFailure(f);
    }
    const backoff = backoffMs(tries + 1, { baseMs: s.retryBase, maxMs: s.retryMax, random: s.random });
    const wait = f.serverWaitMs != null ? f.serverWaitMs : backoff;
    if (wait > s.retryMax) {
      const msg = `${f.message}; Retry-After of ${Math.round(wait / 1000)} s is longer than the ${Math.round(s.retryMax / 1000)} s we wait`;
      return { ...fail(f.code, msg), temporary: true, retryAfterMs: Math.round(wait) };
    }
    s.counters.retries++;
    s.deps.logger.debug('retrying', { stage: 'fetch', ref: url, code: f.code, waitMs: Math.round(wait) });
    if ((await orAbort(s.sleep(wait), o?.signal)) === ABORTED) return abortedFailure(url);
  }
}

export function createFetcher(opts: FetcherOptions, deps: FetcherDeps): FetcherWithStats {
  const state = fetcherState(opts, deps);
  return { fetchText: (url, o) => fetchWithRetries(state, url, o), stats: () => ({ ...state.counters }) };
}

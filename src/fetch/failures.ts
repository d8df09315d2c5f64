/**
 * The one failure taxonomy: every fetch failure code, and the one decision whether a failure is worth trying again
 * and when. The fetcher (its own quick retries), the poller (article pages and feeds), the worker (job retries) and
 * the API (503 + Retry-After vs 422) all ask `decideRetry`; none keeps its own list.
 *
 * Retryable: the network, timeouts, an abort (nothing is wrong with the URL), 408/425/429 and 5xx other than
 * 501/505, and robots.txt answering with a server error (`temporary`). Permanent: everything that will answer the
 * same next time (other 4xx, a disallowing robots.txt, bad or blocked URLs, oversized, binary or undecodable bodies,
 * redirect loops) and bad input from the later stages (extract/…, ingest/…, feed/…).
 */

/** Every fetch failure code (fetch/http-<status> for each HTTP status). */
export const FETCH_FAILURE_CODES = [
  'fetch/timeout',
  'fetch/too-large',
  'fetch/blocked-address',
  'fetch/too-many-redirects',
  'fetch/robots-disallowed',
  'fetch/network',
  'fetch/bad-url',
  'fetch/unsupported-type',
  'fetch/bad-encoding',
  'fetch/aborted',
  'fetch/empty',
] as const;

export type FetchFailureCode = (typeof FETCH_FAILURE_CODES)[number] | `fetch/http-${number}`;

/**
 * Every failure code of the input stages after the fetch: extraction (`extract/timeout`: the per-item time budget of
 * the extraction thread ran out), feed parsing and ingest of local files. With FETCH_FAILURE_CODES, the one closed
 * list of what an input can fail with; all are permanent except `*\/internal` (a bug, tried again).
 */
export const INPUT_FAILURE_CODES = [
  'extract/no-article',
  'extract/too-large',
  'extract/too-complex',
  'extract/timeout',
  'extract/failed',
  'extract/closed',
  'feed/malformed',
  'feed/too-large',
  'feed/timeout',
  'feed/too-complex',
  'feed/failed',
  'feed/closed',
  'ingest/bad-gzip',
  'ingest/bad-jsonl',
  'ingest/bad-record',
  'ingest/binary',
  'ingest/empty',
  'ingest/feed-without-content',
  'ingest/id-conflict',
  'ingest/internal',
  'ingest/invalid-utf8',
  'ingest/not-a-file',
  'ingest/not-found',
  'ingest/too-large',
  'ingest/too-many-files',
  'ingest/unreadable',
  'ingest/unsupported-xml',
] as const;

export type InputFailureCode = (typeof INPUT_FAILURE_CODES)[number];
export type FailureCode = FetchFailureCode | InputFailureCode;

/** A failure as the stages report it: a code, and for fetches what the server said. */
export interface FailureInfo {
  code: string;
  /** Set by the fetcher on a failure that depends on the moment, not on the URL (robots.txt answering 5xx). */
  temporary?: boolean;
  /** How long the server asked us to wait (Retry-After), ms. */
  retryAfterMs?: number;
}

export type RetryDecision = { retryable: false } | { retryable: true; retryAfterMs: number };

/** How long to wait before an attempt: base × 2^(attempt−1), capped, scaled by jitter in [0.5, 1]. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Random source in [0, 1); default: no jitter. */
  random?: () => number;
}

const HTTP = /^fetch\/http-(\d{3})$/;
const RETRYABLE: ReadonlySet<string> = new Set(['fetch/network', 'fetch/timeout', 'fetch/aborted']);
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 425, 429]);

export function isFetchFailureCode(code: string): code is FetchFailureCode {
  return (FETCH_FAILURE_CODES as readonly string[]).includes(code) || HTTP.test(code);
}

/** Whether a code belongs to the closed list (fetch, extract, feed and ingest failures). */
export function isFailureCode(code: string): code is FailureCode {
  return isFetchFailureCode(code) || (INPUT_FAILURE_CODES as readonly string[]).includes(code);
}

/** Whether trying again later may succeed. Codes outside fetch/ are bad input (permanent), except internal errors. */
export function isRetryable(f: FailureInfo): boolean {
  if (RETRYABLE.has(f.code)) return true;
  if (f.code === 'fetch/robots-disallowed') return f.temporary === true;
  const http = HTTP.exec(f.code);
  if (http) {
    const status = Number(http[1]);
    return RETRYABLE_STATUS.has(status) || (status >= 500 && status !== 501 && status !== 505);
  }
  return f.code.endsWith('/internal');
}

/** The back-off before attempt `attempt` + 1, after `attempt` failed ones (1-based). */
export function backoffMs(attempt: number, p: BackoffPolicy): number {
  const raw = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(raw * (p.random ? 0.5 + p.random() / 2 : 1));
}

/**
 * The decision: permanent, or retryable after the server's Retry-After when it gave one (never sooner), else after
 * the back-off for this attempt.
 */
export function decideRetry(f: FailureInfo, attempt: number, p: BackoffPolicy): RetryDecision {
  if (!isRetryable(f)) return { retryable: false };
  const server = f.retryAfterMs !== undefined && f.retryAfterMs >= 0 ? f.retryAfterMs : null;
  return { retryable: true, retryAfterMs: server ?? backoffMs(attempt, p) };
}

/** The code at the head of a "code: message" error text (how job errors are stored), or null. */
export function codeOf(message: string): string | null {
  const m = /^([a-z]+\/[a-z0-9-]+):/.exec(message);
  return m ? m[1] : null;
}

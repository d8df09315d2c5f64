/**
 * The fetcher's contract, shared by ingest (URLs), the poller and feeds.
 * Expected failures are typed results with stable codes:
 * fetch/timeout, fetch/too-large, fetch/blocked-address, fetch/too-many-redirects,
 * fetch/robots-disallowed, fetch/http-<status>, fetch/network, fetch/bad-url, fetch/unsupported-type,
 * fetch/bad-encoding (a corrupt gzip/deflate/brotli body), fetch/aborted (the caller's AbortSignal fired:
 * the connection is closed at once and nothing is retried).
 */
import type { Failure } from '../model.ts';

export interface FetchOptions {
  /** Conditional GET validators from the previous fetch. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  maxBytes?: number;
  timeoutMs?: number;
  /** Aborts the fetch: waits (per-host interval, retry back-off, robots.txt) end and the socket is closed. */
  signal?: AbortSignal;
}

export interface FetchedResponse {
  /** The URL after redirects. */
  url: string;
  status: number;
  /** true on 304 Not Modified: `body` is empty. */
  notModified: boolean;
  contentType: string | null;
  /** The body decoded to text with the right charset (header, BOM, <meta>, XML declaration). */
  body: string;
  bytes: number;
  etag: string | null;
  lastModified: string | null;
  /** The character encoding the body was decoded with (WHATWG name, e.g. 'windows-1251'). */
  charset?: string;
}

/**
 * A fetch failure. `temporary` marks failures worth trying again later (429, 502/503/504,
 * fetch/network, fetch/timeout, robots.txt answering 5xx); `retryAfterMs` is set when the
 * server said how long to wait (Retry-After).
 */
export interface FetchFailure extends Failure {
  temporary?: boolean;
  retryAfterMs?: number;
}

export type FetchResult = { ok: true; value: FetchedResponse } | FetchFailure;

export interface Fetcher {
  fetchText(url: string, opts?: FetchOptions): Promise<FetchResult>;
}

/** One entry of any feed format (RSS 0.9x/1.0/2.0, Atom, JSON Feed, news sitemap), normalized. */
export interface FeedEntry {
  url: string;
  title: string | null;
  published: string | null;
  author: string | null;
  summary: string | null;
  /** Full content when the feed carries it (content:encoded, atom:content, content_html). */
  contentHtml: string | null;
  language: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json' | 'sitemap';
  title: string | null;
  homepage: string | null;
  language: string | null;
  entries: FeedEntry[];
}

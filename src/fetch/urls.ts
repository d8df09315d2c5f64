/**
 * URL inputs for ingest (`parallax ingest URL…`), on the full fetcher (http.ts:
 * SSRF guard, limits, charsets, robots, retries).
 *
 * - A page URL yields the page as one RawInput (kind html, or text for text/plain).
 * - A feed URL (RSS/Atom/JSON Feed/sitemap; a sitemap index is followed one
 *   level down) yields one RawInput per entry, newest first as the feed lists
 *   them, up to `maxEntriesPerFeed`: the entry's page, with hints from the
 *   feed (url, title, published, byline, language, outlet = feed title).
 *   When the page cannot be fetched but the feed carries the full content
 *   (content:encoded, atom:content, content_html), that content is used
 *   instead, so paywalled or blocked pages still yield the article the
 *   outlet chose to publish in its feed; otherwise the failure names the
 *   entry URL and its feed.
 * - Every failure is a typed InputFailure naming the URL.
 */
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { ArticleHints, RawInput, Result } from '../model.ts';
import type { InputItem } from './files.ts';
import type { FeedEntry, Fetcher, FetchedResponse } from './types.ts';
import { createFetcher, fetcherOptionsFromConfig } from './http.ts';
import {
  detectFeed,
  feedContentDocument,
  feedEntryHints as entryHints,
  hasFeedContent,
  otherXmlRoot,
  parseFeed,
  type ParsedFeedWithIndex,
} from './feeds.ts';

export { feedContentDocument };

export interface FetchInputsOptions {
  /** The fetcher to use (default: one built from the configuration). */
  fetcher?: Fetcher;
  clock?: () => Date;
  /** Max entries taken from one feed (default 50). */
  maxEntriesPerFeed?: number;
  /** Max child sitemaps followed from one sitemap index (default 5). */
  maxChildSitemaps?: number;
  /** Entry pages fetched at once (default 4; per-host limits still apply). */
  concurrency?: number;
  /** Parses a feed (default parseFeed, on this thread; the extraction pool's parseFeed runs it off the thread). */
  feedParser?: (body: string, url: string) => Promise<Result<ParsedFeedWithIndex>>;
}

/**
 * A fetched page as an article input, or why it is none: a feed where an article page was expected (an entry linking
 * to another feed), or an XML document that is neither a feed nor a web page. Never raw XML stored as an article.
 */
export function pageInput(
  res: FetchedResponse,
  ref: string,
  hints: ArticleHints,
): { ok: true; input: RawInput } | { ok: false; code: string; error: string } {
  if (detectFeed(res.body, res.contentType)) return { ok: false, code: 'fetch/unsupported-type', error: 'a feed, not an article page' };
  const root = otherXmlRoot(res.body, res.contentType);
  if (root) return { ok: false, code: 'fetch/unsupported-type', error: `an XML document (<${root}>), neither a feed nor an article page` };
  return { ok: true, input: { ref, kind: kindOf(res), body: res.body, hints } };
}

function kindOf(res: FetchedResponse): RawInput['kind'] {
  const mt = (res.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mt === 'text/plain') return 'text';
  if (/html/.test(mt)) return 'html';
  return /^\s*(<!doctype html|<html|<head|<body|<p[\s>])/i.test(res.body) ? 'html' : 'text';
}

/** One call of fetchInputs: its fetcher, feed parser and bounds. */
interface InputsRun {
  fetcher: Fetcher;
  logger: Logger;
  maxEntries: number;
  maxChildren: number;
  concurrency: number;
  parse: (body: string, url: string) => Promise<Result<ParsedFeedWithIndex>>;
}

const failure = (ref: string, code: string, error: string): InputItem => ({ ok: false, failure: { ref, code, error } });

/** A feed entry's page as an input, else the feed's own content when it carries the article, else why neither. */
async function entryItem(run: InputsRun, entry: FeedEntry, feed: ParsedFeedWithIndex, feedUrl: string): Promise<InputItem> {
  const r = await run.fetcher.fetchText(entry.url);
  const page = r.ok ? pageInput(r.value, entry.url, entryHints(entry, feed, r.value.url)) : null;
  if (page?.ok) return page;
  if (hasFeedContent(entry)) {
    const code = r.ok ? 'fetch/unsupported-type' : r.code;
    run.logger.info('entry page unavailable: using the content carried by the feed', { stage: 'fetch', ref: entry.url, code });
    return {
      ok: true,
      input: { ref: entry.url, kind: 'html', body: feedContentDocument(entry), hints: entryHints(entry, feed, entry.url) },
    };
  }
  if (!r.ok) return failure(entry.url, r.code, `${r.message} (entry of feed ${feedUrl})`);
  return failure(entry.url, page?.code ?? 'fetch/unsupported-type', `${page?.error ?? 'not an article page'} (entry of feed ${feedUrl})`);
}

async function* feedItems(run: InputsRun, feed: ParsedFeedWithIndex, feedUrl: string): AsyncGenerator<InputItem> {
  const entries = feed.entries.slice(0, run.maxEntries);
  for (let i = 0; i < entries.length; i += run.concurrency) {
    const batch = await Promise.all(entries.slice(i, i + run.concurrency).map((e) => entryItem(run, e, feed, feedUrl)));
    yield* batch;
  }
}

/** A sitemap index: the entries of its first child sitemaps. */
async function* sitemapItems(run: InputsRun, sitemaps: string[], url: string): AsyncGenerator<InputItem> {
  for (const child of sitemaps.slice(0, run.maxChildren)) {
    const c = await run.fetcher.fetchText(child);
    if (!c.ok) {
      yield failure(child, c.code, `${c.message} (child of sitemap index ${url})`);
      continue;
    }
    const cp = await run.parse(c.value.body, c.value.url);
    if (!cp.ok) {
      yield failure(child, cp.code, `${cp.message} (child of sitemap index ${url})`);
      continue;
    }
    yield* feedItems(run, cp.value, child);
  }
}

/** One URL: a page is one input; a feed or sitemap, the inputs of its entries. */
async function* urlItems(run: InputsRun, url: string): AsyncGenerator<InputItem> {
  const r = await run.fetcher.fetchText(url);
  if (!r.ok) {
    yield { ok: false, failure: { ref: url, code: r.code, error: r.message, temporary: r.temporary, retryAfterMs: r.retryAfterMs } };
    return;
  }
  const res = r.value;
  if (!detectFeed(res.body, res.contentType)) {
    if (!res.body.trim()) {
      yield failure(url, 'fetch/empty', 'the response body is empty');
      return;
    }
    const page = pageInput(res, url, { url: res.url });
    yield page.ok ? page : failure(url, page.code, page.error);
    return;
  }
  const parsed = await run.parse(res.body, res.url);
  if (!parsed.ok) {
    yield failure(url, parsed.code, parsed.message);
    return;
  }
  const feed = parsed.value;
  if (feed.sitemaps?.length) yield* sitemapItems(run, feed.sitemaps, url);
  else if (!feed.entries.length) run.logger.info('feed has no entries', { stage: 'fetch', ref: url });
  else yield* feedItems(run, feed, url);
}

export async function* fetchInputs(
  urls: string[],
  config: Config,
  logger: Logger,
  opts: FetchInputsOptions = {},
): AsyncGenerator<InputItem> {
  const run: InputsRun = {
    fetcher: opts.fetcher ?? createFetcher(fetcherOptionsFromConfig(config), { clock: opts.clock ?? (() => new Date()), logger }),
    logger,
    maxEntries: opts.maxEntriesPerFeed ?? 50,
    maxChildren: opts.maxChildSitemaps ?? 5,
    concurrency: Math.max(1, opts.concurrency ?? 4),
    parse: opts.feedParser ?? ((body: string, url: string) => Promise.resolve(parseFeed(body, url))),
  };
  for (const url of urls) yield* urlItems(run, url);
}

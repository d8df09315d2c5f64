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
import type { ArticleHints, RawInput } from '../model.ts';
import type { InputItem } from './files.ts';
import type { FeedEntry, Fetcher, FetchedResponse } from './types.ts';
import { createFetcher, fetcherOptionsFromConfig } from './http.ts';
import { detectFeed, parseFeed, type ParsedFeedWithIndex } from './feeds.ts';

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
}

/** Feed content shorter than this (in characters of text) is a teaser, not a usable article. */
const MIN_FEED_CONTENT_CHARS = 400;

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

function kindOf(res: FetchedResponse): RawInput['kind'] {
  const mt = (res.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mt === 'text/plain') return 'text';
  if (/html/.test(mt)) return 'html';
  return /^\s*(<!doctype html|<html|<head|<body|<p[\s>])/i.test(res.body) ? 'html' : 'text';
}

function entryHints(entry: FeedEntry, feed: ParsedFeedWithIndex, finalUrl: string): ArticleHints {
  return {
    url: finalUrl,
    title: entry.title,
    published: entry.published,
    byline: entry.author,
    language: entry.language ?? feed.language,
    outlet: feed.title,
  };
}

/** A standalone HTML document for an entry's feed-supplied content. */
export function feedContentDocument(entry: FeedEntry): string {
  const lang = entry.language ? ` lang="${htmlEscape(entry.language)}"` : '';
  const title = entry.title ? htmlEscape(entry.title) : '';
  const date = entry.published ? `<time datetime="${htmlEscape(entry.published)}">${htmlEscape(entry.published)}</time>` : '';
  return `<!doctype html><html${lang}><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${date}${entry.contentHtml ?? ''}</article></body></html>`;
}

export async function* fetchInputs(urls: string[], config: Config, logger: Logger, opts: FetchInputsOptions = {}): AsyncGenerator<InputItem> {
  const fetcher = opts.fetcher ?? createFetcher(fetcherOptionsFromConfig(config), { clock: opts.clock ?? (() => new Date()), logger });
  const maxEntries = opts.maxEntriesPerFeed ?? 50;
  const maxChildren = opts.maxChildSitemaps ?? 5;
  const concurrency = Math.max(1, opts.concurrency ?? 4);

  const failure = (ref: string, code: string, error: string): InputItem => ({ ok: false, failure: { ref, code, error } });

  async function entryItem(entry: FeedEntry, feed: ParsedFeedWithIndex, feedUrl: string): Promise<InputItem> {
    const r = await fetcher.fetchText(entry.url);
    if (r.ok && !detectFeed(r.value.body, r.value.contentType)) {
      return { ok: true, input: { ref: entry.url, kind: kindOf(r.value), body: r.value.body, hints: entryHints(entry, feed, r.value.url) } };
    }
    if (entry.contentHtml && textLength(entry.contentHtml) >= MIN_FEED_CONTENT_CHARS) {
      logger.info('entry page unavailable: using the content carried by the feed', { stage: 'fetch', ref: entry.url, code: r.ok ? 'fetch/unsupported-type' : r.code });
      return { ok: true, input: { ref: entry.url, kind: 'html', body: feedContentDocument(entry), hints: entryHints(entry, feed, entry.url) } };
    }
    if (r.ok) return failure(entry.url, 'fetch/unsupported-type', `entry of feed ${feedUrl} links to another feed, not an article`);
    return failure(entry.url, r.code, `${r.message} (entry of feed ${feedUrl})`);
  }

  async function* feedItems(feed: ParsedFeedWithIndex, feedUrl: string): AsyncGenerator<InputItem> {
    const entries = feed.entries.slice(0, maxEntries);
    for (let i = 0; i < entries.length; i += concurrency) {
      const batch = await Promise.all(entries.slice(i, i + concurrency).map((e) => entryItem(e, feed, feedUrl)));
      yield* batch;
    }
  }

  for (const url of urls) {
    const r = await fetcher.fetchText(url);
    if (!r.ok) {
      yield { ok: false, failure: { ref: url, code: r.code, error: r.message, temporary: r.temporary, retryAfterMs: r.retryAfterMs } };
      continue;
    }
    const res = r.value;
    if (!detectFeed(res.body, res.contentType)) {
      if (!res.body.trim()) {
        yield failure(url, 'fetch/empty', 'the response body is empty');
        continue;
      }
      yield { ok: true, input: { ref: url, kind: kindOf(res), body: res.body, hints: { url: res.url } } };
      continue;
    }
    const parsed = parseFeed(res.body, res.url);
    if (!parsed.ok) {
      yield failure(url, parsed.code, parsed.message);
      continue;
    }
    const feed = parsed.value;
    if (feed.sitemaps?.length) {
      for (const child of feed.sitemaps.slice(0, maxChildren)) {
        const c = await fetcher.fetchText(child);
        if (!c.ok) {
          yield failure(child, c.code, `${c.message} (child of sitemap index ${url})`);
          continue;
        }
        const cp = parseFeed(c.value.body, c.value.url);
        if (!cp.ok) {
          yield failure(child, cp.code, `${cp.message} (child of sitemap index ${url})`);
          continue;
        }
        yield* feedItems(cp.value, child);
      }
      continue;
    }
    if (!feed.entries.length) {
      logger.info('feed has no entries', { stage: 'fetch', ref: url });
      continue;
    }
    yield* feedItems(feed, url);
  }
}

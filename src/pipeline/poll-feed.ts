/**
 * One feed of a poll cycle (poller.ts): fetched with its validators, parsed, its new entries' pages fetched within
 * the cycle's budget (an entry's own content standing in for an unreachable page), its state saved with a back-off
 * on failure; and a homepage searched for the feeds it advertises.
 */
import type { SourceRecord, FeedState } from '../store/types.ts';
import type { ArticleHints, RawInput } from '../model.ts';
import type { Fetcher, FetchOptions, FetchResult, FeedEntry, ParsedFeed } from '../fetch/types.ts';
import { parseFeed, discoverFeeds } from '../fetch/feeds.ts';
import { pageInput } from '../fetch/urls.ts';
import { isRetryable, type FailureInfo } from '../fetch/failures.ts';
import { metrics } from '../util/metrics.ts';
import type { Control, Cycle, FeedTask, Fetched, PollFailure, PollerOptions } from './poll-types.ts';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, ' +
  'application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
/** Text of a feed entry's own content that is long enough to stand in for an unreachable page. */
const MIN_FEED_CONTENT_CHARS = 500;

/** Seconds until a feed with `errorCount` consecutive failures is polled again. */
export function backoffSeconds(errorCount: number, o: Pick<PollerOptions, 'intervalS' | 'maxBackoffS'>): number {
  if (errorCount <= 0) return o.intervalS;
  return Math.min(o.maxBackoffS, o.intervalS * 2 ** Math.min(errorCount - 1, 30));
}

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|_ga|igshid)$/i;

/** An entry URL without its fragment and tracking parameters, so one article is seen once however it is linked. */
export function canonicalEntryUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  for (const k of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(k)) u.searchParams.delete(k);
  return u.toString();
}

/** ISO 639-1 primary subtag of a BCP 47 tag ('zh-Hant' → 'zh'), as the article model stores languages. */
function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const p = tag.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(p) ? p : null;
}

function entryLanguage(entry: FeedEntry, feedLanguage: string | null, source: SourceRecord): string | null {
  return (
    primaryLanguage(entry.language) ??
    primaryLanguage(feedLanguage) ??
    (source.languages.length === 1 ? primaryLanguage(source.languages[0]) : null)
  );
}

export const ABANDONED: unique symbol = Symbol('abandoned');

/** Fetches unless stopping; on stop the fetch is aborted (its sockets closed) and counts as abandoned. */
export async function fetchOrStop(
  ctl: Control,
  fetcher: Fetcher,
  url: string,
  opts: FetchOptions,
): Promise<FetchResult | typeof ABANDONED> {
  if (ctl.stopping) return ABANDONED;
  // A fetcher that ignores the signal is still not waited for.
  const fetched = fetcher
    .fetchText(url, ctl.signal ? { ...opts, signal: ctl.signal } : opts)
    .then((r) => (!r.ok && r.code === 'fetch/aborted' ? ABANDONED : r));
  return Promise.race([fetched, ctl.stopped.then((): typeof ABANDONED => ABANDONED)]);
}

/** The live status line. */
export function progress(c: Cycle): void {
  const s = c.summary;
  c.deps.status(
    `polled ${s.feedsPolled}/${s.feedsDue} feeds · ${s.articlesAdded} articles added · ` +
      `${s.feedsFailed} feed failures${s.articleFailures ? ` · ${s.articleFailures} article failures` : ''}`,
  );
}

/** The time `seconds` from now, spread by the jitter. */
function later(c: Cycle, seconds: number): string {
  const jittered = seconds * (1 + c.o.jitter * (2 * c.random() - 1));
  return new Date(c.deps.clock().getTime() + jittered * 1000).toISOString();
}

/** Seconds until a failed fetch is tried again: the back-off, and never before the server's Retry-After. */
function retryS(o: PollerOptions, backoffS: number, f: FailureInfo): number {
  return Math.max(backoffS, Math.min(o.maxBackoffS, (f.retryAfterMs ?? 0) / 1000));
}

/** Records a feed's failure: its state backs off, the summary counts it (and names it when it just became dead). */
export async function feedFailed(c: Cycle, t: FeedTask, code: string, message: string, retryAfterMs?: number): Promise<void> {
  metrics.inc('parallax_fetch_failures_total', { code, by: 'poller' });
  const errorCount = (t.state?.errorCount ?? 0) + 1;
  const at = c.deps.clock().toISOString();
  await c.deps.store.saveFeedState({
    feedUrl: t.url,
    etag: t.state?.etag ?? null,
    lastModified: t.state?.lastModified ?? null,
    lastPolled: at,
    lastOk: t.state?.lastOk ?? null,
    errorCount,
    lastError: `${code}: ${message}`.slice(0, 500),
    nextPoll: later(c, retryS(c.o, backoffSeconds(errorCount, c.o), { code, retryAfterMs })),
  });
  const f: PollFailure = { sourceId: t.source.id, url: t.url, code, message, errorCount };
  c.summary.feedsFailed++;
  c.summary.failures.push(f);
  if (errorCount === c.o.deadAfter) c.summary.newlyDead.push(f);
  // One line per feed only at info level: at the default level the cycle summary says it all.
  c.deps.logger.info('feed failed', { stage: 'poll', ref: t.url, code, source: t.source.id, errorCount });
}

function okState(c: Cycle, t: FeedTask, etag: string | null, lastModified: string | null, nextS: number = c.o.intervalS): FeedState {
  return {
    feedUrl: t.url,
    etag,
    lastModified,
    lastPolled: c.deps.clock().toISOString(),
    lastOk: c.deps.clock().toISOString(),
    errorCount: 0,
    lastError: null,
    nextPoll: later(c, nextS),
  };
}

/** Counts a feed's answer towards "is the network down?". */
function noteReach(c: Cycle, t: FeedTask, res: FetchResult): void {
  const n = c.network;
  if (!res.ok && res.code === 'fetch/network') {
    n.failed.push(t);
    if (++n.failuresInARow >= c.o.offlineAfter && !n.anyReached) c.summary.networkDown = true;
  } else {
    n.anyReached = true;
    n.failuresInARow = 0;
  }
}

/** A feed fetched and parsed, with the validators of its answer. */
interface ReadFeed {
  feed: ParsedFeed;
  etag: string | null;
  lastModified: string | null;
}

/**
 * Fetches and parses a feed (a sitemap index: its first child). null when there is nothing to read: the fetch was
 * abandoned, failed (recorded) or the feed is unchanged (recorded).
 */
async function readFeed(c: Cycle, t: FeedTask): Promise<ReadFeed | null> {
  const { deps, ctl, fetcher } = c;
  const res = await fetchOrStop(ctl, fetcher, t.url, { etag: t.state?.etag, lastModified: t.state?.lastModified, accept: FEED_ACCEPT });
  if (res === ABANDONED) return null;
  c.summary.feedsPolled++;
  noteReach(c, t, res);
  if (!res.ok) {
    await feedFailed(c, t, res.code, res.message, res.retryAfterMs);
    progress(c);
    return null;
  }
  const r = res.value;
  if (r.notModified) {
    c.summary.feedsNotModified++;
    await deps.store.saveFeedState(okState(c, t, t.state?.etag ?? r.etag, t.state?.lastModified ?? r.lastModified));
    progress(c);
    return null;
  }
  // Parsed in the extraction thread when there is one: a 10 MB feed does not stall a server sharing this thread.
  const parse = (body: string, url: string) => (deps.htmlPool ? deps.htmlPool.parseFeed(body, url) : Promise.resolve(parseFeed(body, url)));
  const parsed = await parse(r.body, r.url);
  if (!parsed.ok) {
    await feedFailed(c, t, parsed.code, parsed.message);
    progress(c);
    return null;
  }
  const feed = parsed.value;
  if (feed.entries.length > 0 || !feed.sitemaps?.length) return { feed, etag: r.etag, lastModified: r.lastModified };
  // A sitemap index lists sitemaps, not articles: its first child (usually the newest or the news sitemap) is read.
  const child = await fetchOrStop(ctl, fetcher, feed.sitemaps[0], { accept: FEED_ACCEPT });
  if (child === ABANDONED) return null;
  const sub = child.ok ? await parse(child.value.body, child.value.url) : child;
  if (!sub.ok) {
    await feedFailed(c, t, sub.code, `${feed.sitemaps[0]}: ${sub.message}`);
    progress(c);
    return null;
  }
  return { feed: sub.value, etag: r.etag, lastModified: r.lastModified };
}

/** The feed's newest entries whose URL was never seen (nor taken by another feed this cycle). */
async function freshEntries(c: Cycle, feed: ParsedFeed): Promise<FeedEntry[]> {
  // Newest first when dates are known; feeds already list newest first otherwise.
  const entries = feed.entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (b.e.published ?? '').localeCompare(a.e.published ?? '') || a.i - b.i)
    .slice(0, c.o.maxEntriesPerFeed)
    .map((x) => x.e);
  const fresh: FeedEntry[] = [];
  for (const raw of entries) {
    const e = { ...raw, url: canonicalEntryUrl(raw.url) };
    if (c.seenThisPoll.has(e.url) || (await c.deps.store.hasSeenUrl(e.url))) continue;
    c.seenThisPoll.add(e.url);
    fresh.push(e);
  }
  return fresh;
}

/** What a feed's entries came to: the articles fetched, and whether the feed's validators may be kept. */
interface EntriesOutcome {
  fetched: Fetched[];
  /** Every new entry was handled (fetched, or failed for good). */
  complete: boolean;
  /** Some entries were left for lack of budget (or because of a stop). */
  deferred: boolean;
  /** The longest Retry-After among this feed's failed pages: the feed is not polled again before it. */
  pageWaitMs: number;
}

/** The article's input: the page, or else the feed's own content when it carries the whole article. */
function entryInput(
  page: FetchResult,
  e: FeedEntry,
  hints: ArticleHints,
): { ok: true; input: RawInput } | { ok: false; code: string; message: string } {
  // A text/plain page is plain text; a feed or other XML where the article should be is no article.
  const got = page.ok ? pageInput(page.value, page.value.url, hints) : null;
  if (got?.ok) return { ok: true, input: got.input };
  // The page is unreachable: a feed that carries the full article stands in for it.
  if (e.contentHtml && e.contentHtml.replace(/<[^>]*>/g, '').trim().length >= MIN_FEED_CONTENT_CHARS) {
    const title = e.title ? `<title>${e.title.replace(/</g, '&lt;')}</title>` : '';
    const body = `<html><head>${title}</head><body><article>${e.contentHtml}</article></body></html>`;
    return { ok: true, input: { ref: e.url, kind: 'html', body, hints } };
  }
  if (!page.ok) return { ok: false, code: page.code, message: page.message };
  if (got && !got.ok) return { ok: false, code: got.code, message: got.error };
  return { ok: false, code: 'fetch/unsupported-type', message: 'not an article page' };
}

/** One entry: its page fetched (within the cycle's budget) into an input, or its failure recorded. */
async function takeEntry(c: Cycle, t: FeedTask, feed: ParsedFeed, e: FeedEntry, out: EntriesOutcome): Promise<void> {
  if (c.ctl.stopping || c.budget <= 0) {
    out.complete = false;
    out.deferred = true;
    c.summary.deferred++;
    c.seenThisPoll.delete(e.url);
    return;
  }
  c.budget--;
  const page = await fetchOrStop(c.ctl, c.fetcher, e.url, { accept: PAGE_ACCEPT });
  if (page === ABANDONED) {
    out.complete = false;
    c.seenThisPoll.delete(e.url);
    return;
  }
  const hints: ArticleHints = {
    url: page.ok ? page.value.url : e.url,
    title: e.title,
    published: e.published,
    byline: e.author,
    outlet: t.source.name,
    country: t.source.country,
    language: entryLanguage(e, feed.language, t.source),
  };
  const got = entryInput(page, e, hints);
  if (got.ok) {
    c.summary.articlesFetched++;
    out.fetched.push({ entry: e, input: got.input });
    return;
  }
  const failed = got;
  c.summary.articleFailures++;
  c.summary.failures.push({ sourceId: t.source.id, url: e.url, code: failed.code, message: failed.message });
  metrics.inc('parallax_fetch_failures_total', { code: failed.code, by: 'poller' });
  c.deps.logger.info('article fetch failed', { stage: 'poll', ref: e.url, code: failed.code });
  // Only what will fail the same way again is marked seen; a 429, a 5xx or a timeout is retried.
  if (page.ok || !isRetryable(page)) await c.deps.store.markSeenUrl(e.url, null, c.deps.clock().toISOString());
  else {
    out.complete = false;
    out.pageWaitMs = Math.max(out.pageWaitMs, page.retryAfterMs ?? 0);
  }
}

/** One feed: read, its new entries fetched, its state saved; the articles wait in `c.pending` for the chunk's ingest. */
export async function pollFeed(c: Cycle, t: FeedTask): Promise<void> {
  const read = await readFeed(c, t);
  if (!read) return;
  const fresh = await freshEntries(c, read.feed);
  c.summary.entriesNew += fresh.length;
  const out: EntriesOutcome = { fetched: [], complete: true, deferred: false, pageWaitMs: 0 };
  for (const e of fresh) await takeEntry(c, t, read.feed, e, out);
  // Validators are kept only when every new entry was handled; otherwise a 304 next time would hide the rest.
  // Entries left for lack of budget (or because of a stop) are taken up again soon, not an interval later.
  const o = c.o;
  const nextS = retryS(o, out.deferred ? Math.min(o.deferS, o.intervalS) : o.intervalS, {
    code: 'fetch/page',
    retryAfterMs: out.pageWaitMs,
  });
  await c.deps.store.saveFeedState(out.complete ? okState(c, t, read.etag, read.lastModified) : okState(c, t, null, null, nextS));
  for (const f of out.fetched) c.pending.push({ ...f, t });
}

/** Looks for feeds a source's homepage advertises; the ones found are polled from the next cycle on. */
export async function discover(c: Cycle, s: SourceRecord): Promise<void> {
  const { store, clock, logger } = c.deps;
  const home = s.homepage!;
  const state = await store.getFeedState(home);
  if (state?.nextPoll && new Date(state.nextPoll) > clock()) return;
  const res = await fetchOrStop(c.ctl, c.fetcher, home, { accept: PAGE_ACCEPT });
  if (res === ABANDONED) return;
  const at = clock().toISOString();
  const errorCount = res.ok ? 0 : (state?.errorCount ?? 0) + 1;
  const found = res.ok
    ? discoverFeeds(res.value.body, res.value.url)
        .slice(0, 3)
        .map((f) => f.url)
    : [];
  await store.saveFeedState({
    feedUrl: home,
    etag: null,
    lastModified: null,
    lastPolled: at,
    lastOk: res.ok ? at : (state?.lastOk ?? null),
    errorCount,
    lastError: res.ok
      ? found.length
        ? null
        : 'discover/no-feed: the homepage advertises no feed'
      : `${res.code}: ${res.message}`.slice(0, 500),
    nextPoll: later(c, res.ok ? c.o.rediscoverS : backoffSeconds(errorCount, c.o)),
  });
  if (found.length) {
    await store.upsertSource({ ...s, feeds: found });
    c.summary.discovered++;
    logger.info('feeds discovered', { stage: 'poll', ref: home, source: s.id, feeds: found.length });
  }
}

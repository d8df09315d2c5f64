/**
 * `parallax run`: polls the sources' feeds on a schedule and ingests what is new.
 *
 * One poll cycle (`pollOnce`): every enabled source's feeds that are due are fetched with a conditional GET
 * (etag / Last-Modified from the store), parsed, and each entry whose URL was never seen is fetched and
 * ingested through the pipeline with the source's outlet name, country and language as hints. Feeds that
 * fail are backed off exponentially (capped) and reported; a cycle's failures are summarised in one line,
 * never one line per feed.
 *
 * Bounds: at most `maxConcurrentFeeds` feeds in flight, `maxEntriesPerFeed` entries read per feed and
 * `maxArticlesPerPoll` article pages fetched per cycle. Ingestion is serialised (one writer) so clustering
 * sees every earlier article.
 *
 * Shutdown: `stop()` stops starting fetches, abandons fetches still on the wire (nothing of theirs was
 * received), and waits until every article already fetched has been ingested and marked seen.
 */
import type { Store, SourceRecord, FeedState } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { RawInput } from '../model.ts';
import type { Fetcher, FetchOptions, FetchResult, FeedEntry } from '../fetch/types.ts';
import type { InputItem } from '../fetch/files.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.ts';
import { parseFeed, discoverFeeds } from '../fetch/feeds.ts';
import { pageInput } from '../fetch/urls.ts';
import { isRetryable, type FailureInfo } from '../fetch/failures.ts';
import { metrics } from '../util/metrics.ts';
import { listAllSources, defaultRegistryPath } from '../sources/index.ts';
import { ingestAll, type PipelineDeps } from './ingest.ts';
import { translatorsFromConfig } from './translate.ts';
import { llmFromConfig } from '../synthesize/llm.ts';
import { createHtmlExtractPool, type HtmlExtractPool } from '../extract/worker.ts';
import { createAnalysisCache, type AnalysisCache } from '../analyze/cache.ts';

export interface PollerOptions {
  /** Seconds between two polls of one healthy feed (PARALLAX_POLL_INTERVAL_S). */
  intervalS: number;
  /** Random spread of each feed's next poll, as a fraction of the interval (0.1 = ±10 %). */
  jitter: number;
  /** Longest back-off of a failing feed, seconds. */
  maxBackoffS: number;
  /** A feed with this many consecutive failures is reported as dead (it is still retried, rarely). */
  deadAfter: number;
  maxConcurrentFeeds: number;
  maxEntriesPerFeed: number;
  maxArticlesPerPoll: number;
  /** The shipped registry file; null polls only the user's sources. */
  registryPath: string | null;
  /**
   * After this many feeds in a row fail with fetch/network and none has succeeded in the cycle, the network
   * is taken to be down: the cycle ends early instead of marking every feed in the world as failing.
   */
  offlineAfter: number;
  /** Sources without feeds whose homepage is searched for advertised feeds, per cycle. */
  maxDiscoveriesPerPoll: number;
  /** Seconds before a homepage that advertised no feed is looked at again. */
  rediscoverS: number;
  /** Seconds before a feed whose new entries were not all fetched (article budget spent) is polled again. */
  deferS: number;
}

export interface PollerDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
  /** The live status line (overwritten in place on a terminal). */
  status: (line: string) => void;
  /** One-off report lines (cycle summaries, dead feeds); defaults to the logger. */
  report?: (line: string) => void;
  /** Defaults to the HTTP fetcher built from the configuration. */
  fetcher?: Fetcher;
  /** Worker threads for HTML extraction; startPoller creates one when not given and closes it on stop. */
  htmlPool?: HtmlExtractPool | null;
  /**
   * Per-article analysis kept between report builds (analyze/cache.ts). startPoller makes one for all its cycles
   * when not given, so a story rebuilt in a later cycle redoes only its new articles; null: none.
   */
  analysisCache?: AnalysisCache | null;
  options?: Partial<PollerOptions>;
  random?: () => number;
}

export interface PollFailure {
  sourceId: string;
  url: string;
  code: string;
  message: string;
  /** Consecutive failures of this feed, this one included (feeds only). */
  errorCount?: number;
}

export interface PollSummary {
  sources: number;
  feedsDue: number;
  /** Feeds fetched this cycle (including 304s and failures). */
  feedsPolled: number;
  feedsNotModified: number;
  feedsFailed: number;
  /** Feeds not due yet (polled recently or backing off). */
  feedsWaiting: number;
  entriesNew: number;
  articlesFetched: number;
  articlesAdded: number;
  duplicates: number;
  articleFailures: number;
  /** Entries left for the next cycle because the per-poll article budget was spent. */
  deferred: number;
  /** Sources without feeds that got feeds from their homepage's <link rel="alternate"> this cycle. */
  discovered: number;
  failures: PollFailure[];
  /** Feeds whose consecutive failures reached `deadAfter` in this cycle. */
  newlyDead: PollFailure[];
  stories: string[];
  stopped: boolean;
  /** The cycle ended early because no feed could be reached (see `offlineAfter`). */
  networkDown: boolean;
}

const DEFAULTS: Omit<PollerOptions, 'intervalS' | 'registryPath'> = {
  jitter: 0.1,
  maxBackoffS: 24 * 3600,
  deadAfter: 5,
  maxConcurrentFeeds: 8,
  maxEntriesPerFeed: 30,
  maxArticlesPerPoll: 200,
  offlineAfter: 16,
  maxDiscoveriesPerPoll: 20,
  rediscoverS: 7 * 24 * 3600,
  deferS: 60,
};

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, ' +
  'application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
/** Text of a feed entry's own content that is long enough to stand in for an unreachable page. */
const MIN_FEED_CONTENT_CHARS = 500;
/** Most articles ingested (and reports rebuilt) in one go. */
const MAX_INGEST_BATCH = 100;
/** Feeds per chunk, per concurrent fetch slot (see pollOnce). */
const CHUNK_PER_WORKER = 4;

export function pollerOptions(deps: Pick<PollerDeps, 'config' | 'options'>): PollerOptions {
  const c = deps.config;
  return {
    ...DEFAULTS,
    intervalS: c.PARALLAX_POLL_INTERVAL_S,
    registryPath: c.PARALLAX_POLL_REGISTRY === false ? null : defaultRegistryPath(),
    ...(c.PARALLAX_POLL_MAX_ARTICLES ? { maxArticlesPerPoll: c.PARALLAX_POLL_MAX_ARTICLES } : {}),
    ...(c.PARALLAX_POLL_CONCURRENCY ? { maxConcurrentFeeds: c.PARALLAX_POLL_CONCURRENCY } : {}),
    ...deps.options,
  };
}

function defaultFetcher(deps: PollerDeps): Fetcher {
  // The poller retries failing feeds itself, with back-off across cycles, so the fetcher does not retry.
  return createFetcher({ ...fetcherOptionsFromConfig(deps.config), maxRetries: 0 }, { clock: deps.clock, logger: deps.logger });
}

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

interface FeedTask {
  url: string;
  source: SourceRecord;
  state: FeedState | null;
}

interface Fetched {
  entry: FeedEntry;
  input: RawInput;
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

/** Internal control shared by one cycle and `stop()`. */
interface Control {
  stopping: boolean;
  /** Resolves when stop() is called: fetches still on the wire are abandoned. */
  stopped: Promise<void>;
  /** Fires on stop(): the fetcher closes its connections and stops waiting. */
  signal?: AbortSignal;
}

function neverStopped(): Control {
  return { stopping: false, stopped: new Promise<void>(() => {}) };
}

const ABANDONED: unique symbol = Symbol('abandoned');

/** Fetches unless stopping; on stop the fetch is aborted (its sockets closed) and counts as abandoned. */
async function fetchOrStop(ctl: Control, fetcher: Fetcher, url: string, opts: FetchOptions): Promise<FetchResult | typeof ABANDONED> {
  if (ctl.stopping) return ABANDONED;
  // A fetcher that ignores the signal is still not waited for.
  const fetched = fetcher
    .fetchText(url, ctl.signal ? { ...opts, signal: ctl.signal } : opts)
    .then((r) => (!r.ok && r.code === 'fetch/aborted' ? ABANDONED : r));
  return Promise.race([fetched, ctl.stopped.then((): typeof ABANDONED => ABANDONED)]);
}

/** One poll cycle over every due feed. Used by `startPoller`, `parallax poll` and tests. */
export async function pollOnce(
  deps: PollerDeps,
  ctl: Control = neverStopped(),
  fetcher: Fetcher = deps.fetcher ?? defaultFetcher(deps),
): Promise<PollSummary> {
  const o = pollerOptions(deps);
  const { store, logger } = deps;
  const random = deps.random ?? Math.random;
  const summary: PollSummary = {
    sources: 0,
    feedsDue: 0,
    feedsPolled: 0,
    feedsNotModified: 0,
    feedsFailed: 0,
    feedsWaiting: 0,
    entriesNew: 0,
    articlesFetched: 0,
    articlesAdded: 0,
    duplicates: 0,
    articleFailures: 0,
    deferred: 0,
    discovered: 0,
    failures: [],
    newlyDead: [],
    stories: [],
    stopped: false,
    networkDown: false,
  };
  let anyReached = false;
  const networkFailed: FeedTask[] = [];
  let networkFailuresInARow = 0;
  const stories = new Set<string>();

  let sources: SourceRecord[];
  if (o.registryPath === null) {
    sources = (await store.listSources()).filter((s) => s.origin === 'user');
  } else {
    const all = await listAllSources(store, o.registryPath);
    if (all.registryError) deps.report?.(`parallax: registry not loaded (${all.registryError}); polling user sources only`);
    sources = all.sources;
  }
  const enabled = sources.filter((s) => s.enabled);
  const countries = [...new Set(enabled.map((s) => s.country).filter((c): c is string => !!c))].sort();
  const toDiscover = enabled.filter((s) => s.feeds.length === 0 && s.homepage);
  sources = enabled.filter((s) => s.feeds.length > 0);
  summary.sources = sources.length;

  const now = deps.clock();
  const tasks: FeedTask[] = [];
  const seenFeeds = new Set<string>();
  // One read of every feed's state per cycle (thousands of feeds: not one query each).
  const states = await store.getFeedStates(sources.flatMap((s) => s.feeds));
  for (const s of sources) {
    for (const url of s.feeds) {
      if (seenFeeds.has(url)) continue;
      seenFeeds.add(url);
      const state = states.get(url) ?? null;
      if (state?.nextPoll && new Date(state.nextPoll) > now) {
        summary.feedsWaiting++;
        continue;
      }
      tasks.push({ url, source: s, state });
    }
  }
  // The user's own sources first (an intranet feed must not wait behind the world's), then least recently
  // polled first, so a bounded cycle still reaches every feed over time.
  tasks.sort(
    (a, b) =>
      Number(a.source.origin !== 'user') - Number(b.source.origin !== 'user') ||
      (a.state?.lastPolled ?? '').localeCompare(b.state?.lastPolled ?? ''),
  );
  summary.feedsDue = tasks.length;

  let budget = o.maxArticlesPerPoll;
  const seenThisPoll = new Set<string>();
  // The configured language model writes reports (overview, labels) as in `ingest`, and serves translation.
  const llm = llmFromConfig(deps.config, fetch);
  const pipeline: PipelineDeps = {
    store,
    clock: deps.clock,
    logger,
    registryCountries: countries,
    htmlPool: deps.htmlPool ?? null,
    analysisCache: deps.analysisCache ?? null,
    llm,
    translators: translatorsFromConfig(deps.config, { fetch, llm, logger }),
  };

  const progress = () =>
    deps.status(
      `polled ${summary.feedsPolled}/${summary.feedsDue} feeds · ${summary.articlesAdded} articles added · ` +
        `${summary.feedsFailed} feed failures${summary.articleFailures ? ` · ${summary.articleFailures} article failures` : ''}`,
    );

  const jittered = (seconds: number) => seconds * (1 + o.jitter * (2 * random() - 1));
  const later = (seconds: number) => new Date(deps.clock().getTime() + jittered(seconds) * 1000).toISOString();

  /** Seconds until a failed fetch is tried again: the back-off, and never before the server's Retry-After. */
  const retryS = (backoffS: number, f: FailureInfo): number => Math.max(backoffS, Math.min(o.maxBackoffS, (f.retryAfterMs ?? 0) / 1000));

  async function feedFailed(t: FeedTask, code: string, message: string, retryAfterMs?: number): Promise<void> {
    metrics.inc('parallax_fetch_failures_total', { code, by: 'poller' });
    const errorCount = (t.state?.errorCount ?? 0) + 1;
    const at = deps.clock().toISOString();
    await store.saveFeedState({
      feedUrl: t.url,
      etag: t.state?.etag ?? null,
      lastModified: t.state?.lastModified ?? null,
      lastPolled: at,
      lastOk: t.state?.lastOk ?? null,
      errorCount,
      lastError: `${code}: ${message}`.slice(0, 500),
      nextPoll: later(retryS(backoffSeconds(errorCount, o), { code, retryAfterMs })),
    });
    const f: PollFailure = { sourceId: t.source.id, url: t.url, code, message, errorCount };
    summary.feedsFailed++;
    summary.failures.push(f);
    if (errorCount === o.deadAfter) summary.newlyDead.push(f);
    // One line per feed only at info level: at the default level the cycle summary says it all.
    logger.info('feed failed', { stage: 'poll', ref: t.url, code, source: t.source.id, errorCount });
  }

  /**
   * Feeds are polled in chunks: the chunk's feeds and pages are fetched concurrently, then what they brought is
   * ingested with nothing on the wire. Ingestion is CPU-bound and would otherwise starve the sockets of the
   * event loop (fetches timing out for no fault of the feed); batching also rebuilds each story's report once
   * per batch rather than once per feed.
   */
  const pending: Array<Fetched & { t: FeedTask }> = [];

  async function ingestBatch(batch: Array<Fetched & { t: FeedTask }>): Promise<void> {
    // Yield to the event loop between articles, so the web server stays responsive during a batch.
    async function* items(): AsyncGenerator<InputItem> {
      for (const f of batch) {
        await new Promise<void>((r) => setImmediate(r));
        yield { ok: true, input: f.input };
      }
    }
    const s = await ingestAll(items(), pipeline);
    const failedRefs = new Map(s.failed.map((x) => [x.ref, x]));
    let next = 0;
    const at = deps.clock().toISOString();
    for (const f of batch) {
      const failure = failedRefs.get(f.input.ref);
      const articleId = failure ? null : (s.articleIds[next++] ?? null);
      if (failure) {
        summary.articleFailures++;
        summary.failures.push({ sourceId: f.t.source.id, url: f.input.ref, code: failure.code, message: failure.error });
      }
      await store.markSeenUrl(f.entry.url, articleId, at);
      if (f.input.ref !== f.entry.url) await store.markSeenUrl(f.input.ref, articleId, at);
    }
    summary.articlesAdded += s.added;
    summary.duplicates += s.duplicates;
    for (const id of s.storyIds) stories.add(id);
    progress();
  }

  async function flush(): Promise<void> {
    while (pending.length) {
      const batch = pending.splice(0, MAX_INGEST_BATCH);
      try {
        await ingestBatch(batch);
      } catch (e) {
        // Not marked seen: these entries are fetched and ingested again next cycle.
        logger.error('ingest batch failed', { stage: 'poll', error: (e as Error).stack ?? String(e) });
      }
    }
  }

  function ingest(t: FeedTask, fetched: Fetched[]): void {
    for (const f of fetched) pending.push({ ...f, t });
  }

  async function pollFeed(t: FeedTask): Promise<void> {
    const res = await fetchOrStop(ctl, fetcher, t.url, { etag: t.state?.etag, lastModified: t.state?.lastModified, accept: FEED_ACCEPT });
    if (res === ABANDONED) return;
    summary.feedsPolled++;
    if (!res.ok && res.code === 'fetch/network') {
      networkFailed.push(t);
      if (++networkFailuresInARow >= o.offlineAfter && !anyReached) summary.networkDown = true;
    } else {
      anyReached = true;
      networkFailuresInARow = 0;
    }
    if (!res.ok) {
      await feedFailed(t, res.code, res.message, res.retryAfterMs);
      progress();
      return;
    }
    const r = res.value;
    const okState = (etag: string | null, lastModified: string | null, nextS: number = o.intervalS): FeedState => ({
      feedUrl: t.url,
      etag,
      lastModified,
      lastPolled: deps.clock().toISOString(),
      lastOk: deps.clock().toISOString(),
      errorCount: 0,
      lastError: null,
      nextPoll: later(nextS),
    });
    if (r.notModified) {
      summary.feedsNotModified++;
      await store.saveFeedState(okState(t.state?.etag ?? r.etag, t.state?.lastModified ?? r.lastModified));
      progress();
      return;
    }
    // Parsed in the extraction thread when there is one: a 10 MB feed does not stall a server sharing this thread.
    const parse = (body: string, url: string) =>
      deps.htmlPool ? deps.htmlPool.parseFeed(body, url) : Promise.resolve(parseFeed(body, url));
    const parsed = await parse(r.body, r.url);
    if (!parsed.ok) {
      await feedFailed(t, parsed.code, parsed.message);
      progress();
      return;
    }
    let feed = parsed.value;
    // A sitemap index lists sitemaps, not articles: its first child (usually the newest or the news sitemap) is read.
    if (feed.entries.length === 0 && feed.sitemaps?.length) {
      const child = await fetchOrStop(ctl, fetcher, feed.sitemaps[0], { accept: FEED_ACCEPT });
      if (child === ABANDONED) return;
      const sub = child.ok ? await parse(child.value.body, child.value.url) : child;
      if (!sub.ok) {
        await feedFailed(t, sub.code, `${feed.sitemaps[0]}: ${sub.message}`);
        progress();
        return;
      }
      feed = sub.value;
    }
    // Newest first when dates are known; feeds already list newest first otherwise.
    const entries = feed.entries
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (b.e.published ?? '').localeCompare(a.e.published ?? '') || a.i - b.i)
      .slice(0, o.maxEntriesPerFeed)
      .map((x) => x.e);
    const fresh: FeedEntry[] = [];
    for (const raw of entries) {
      const e = { ...raw, url: canonicalEntryUrl(raw.url) };
      if (seenThisPoll.has(e.url) || (await store.hasSeenUrl(e.url))) continue;
      seenThisPoll.add(e.url);
      fresh.push(e);
    }
    summary.entriesNew += fresh.length;

    const fetched: Fetched[] = [];
    let complete = true;
    let deferredHere = false;
    /** The longest Retry-After among this feed's failed pages: the feed is not polled again before it. */
    let pageWaitMs = 0;
    for (const e of fresh) {
      if (ctl.stopping || budget <= 0) {
        complete = false;
        deferredHere = true;
        summary.deferred++;
        seenThisPoll.delete(e.url);
        continue;
      }
      budget--;
      const page = await fetchOrStop(ctl, fetcher, e.url, { accept: PAGE_ACCEPT });
      if (page === ABANDONED) {
        complete = false;
        seenThisPoll.delete(e.url);
        continue;
      }
      const hints = {
        url: page.ok ? page.value.url : e.url,
        title: e.title,
        published: e.published,
        byline: e.author,
        outlet: t.source.name,
        country: t.source.country,
        language: entryLanguage(e, feed.language, t.source),
      };
      // A text/plain page is plain text; a feed or other XML where the article should be is no article.
      const got = page.ok ? pageInput(page.value, page.value.url, hints) : null;
      if (got?.ok) {
        summary.articlesFetched++;
        fetched.push({ entry: e, input: got.input });
        continue;
      }
      // The page is unreachable: a feed that carries the full article stands in for it.
      if (e.contentHtml && e.contentHtml.replace(/<[^>]*>/g, '').trim().length >= MIN_FEED_CONTENT_CHARS) {
        summary.articlesFetched++;
        const title = e.title ? `<title>${e.title.replace(/</g, '&lt;')}</title>` : '';
        const body = `<html><head>${title}</head><body><article>${e.contentHtml}</article></body></html>`;
        fetched.push({ entry: e, input: { ref: e.url, kind: 'html', body, hints } });
        continue;
      }
      const failed = page.ok
        ? { code: got && !got.ok ? got.code : 'fetch/unsupported-type', message: got && !got.ok ? got.error : 'not an article page' }
        : page;
      summary.articleFailures++;
      summary.failures.push({ sourceId: t.source.id, url: e.url, code: failed.code, message: failed.message });
      metrics.inc('parallax_fetch_failures_total', { code: failed.code, by: 'poller' });
      logger.info('article fetch failed', { stage: 'poll', ref: e.url, code: failed.code });
      // Only what will fail the same way again is marked seen; a 429, a 5xx or a timeout is retried.
      if (page.ok || !isRetryable(page)) await store.markSeenUrl(e.url, null, deps.clock().toISOString());
      else {
        complete = false;
        pageWaitMs = Math.max(pageWaitMs, page.retryAfterMs ?? 0);
      }
    }
    // Validators are kept only when every new entry was handled; otherwise a 304 next time would hide the rest.
    // Entries left for lack of budget (or because of a stop) are taken up again soon, not an interval later.
    const nextS = retryS(deferredHere ? Math.min(o.deferS, o.intervalS) : o.intervalS, { code: 'fetch/page', retryAfterMs: pageWaitMs });
    await store.saveFeedState(complete ? okState(r.etag, r.lastModified) : okState(null, null, nextS));
    ingest(t, fetched);
  }

  /** Looks for feeds a source's homepage advertises; the ones found are polled from the next cycle on. */
  async function discover(s: SourceRecord): Promise<void> {
    const home = s.homepage!;
    const state = await store.getFeedState(home);
    if (state?.nextPoll && new Date(state.nextPoll) > deps.clock()) return;
    const res = await fetchOrStop(ctl, fetcher, home, { accept: PAGE_ACCEPT });
    if (res === ABANDONED) return;
    const at = deps.clock().toISOString();
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
      nextPoll: later(res.ok ? o.rediscoverS : backoffSeconds(errorCount, o)),
    });
    if (found.length) {
      await store.upsertSource({ ...s, feeds: found });
      summary.discovered++;
      logger.info('feeds discovered', { stage: 'poll', ref: home, source: s.id, feeds: found.length });
    }
  }

  progress();
  const chunk = Math.max(1, o.maxConcurrentFeeds * CHUNK_PER_WORKER);
  for (let c = 0; c < tasks.length && !ctl.stopping && !summary.networkDown; c += chunk) {
    await pool(
      tasks.slice(c, c + chunk),
      o.maxConcurrentFeeds,
      async (t) => {
        try {
          await pollFeed(t);
        } catch (e) {
          // A bug must not stop the other feeds; it is recorded against the feed.
          logger.error('poll crashed', { stage: 'poll', ref: t.url, error: (e as Error).stack ?? String(e) });
          await feedFailed(t, 'poll/internal', (e as Error).message).catch(() => {});
        }
      },
      () => ctl.stopping || summary.networkDown,
    );
    await flush();
  }
  if (!ctl.stopping && !summary.networkDown && toDiscover.length) {
    const due: SourceRecord[] = [];
    for (const s of toDiscover) {
      if (due.length >= o.maxDiscoveriesPerPoll) break;
      const st = await store.getFeedState(s.homepage!);
      if (!st?.nextPoll || new Date(st.nextPoll) <= now) due.push(s);
    }
    const discoverOne = (s: (typeof due)[number]) =>
      discover(s).catch((e: unknown) => logger.error('discovery crashed', { stage: 'poll', ref: s.homepage ?? s.id, error: String(e) }));
    await pool(due, o.maxConcurrentFeeds, discoverOne, () => ctl.stopping);
  }
  await flush();
  if (summary.networkDown) {
    // The feeds are not at fault when nothing at all can be reached: their state is put back as it was.
    for (const t of networkFailed) {
      await store.saveFeedState(
        t.state ?? {
          feedUrl: t.url,
          etag: null,
          lastModified: null,
          lastPolled: null,
          lastOk: null,
          errorCount: 0,
          lastError: null,
          nextPoll: null,
        },
      );
    }
    const spared = new Set(networkFailed.map((t) => t.url));
    summary.newlyDead = summary.newlyDead.filter((f) => !spared.has(f.url));
  }
  summary.stories = [...stories];
  summary.stopped = ctl.stopping;
  return summary;
}

/** One line summing up a cycle, with failures grouped by code (never one line per feed). */
export function describePoll(n: number, s: PollSummary): string {
  const byCode = new Map<string, number>();
  for (const f of s.failures) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  const codes = [...byCode.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([c, k]) => `${c} ×${k}`);
  const parts = [
    `poll ${n}: ${s.feedsPolled}/${s.feedsDue} feeds of ${s.sources} sources polled`,
    s.feedsNotModified ? `${s.feedsNotModified} unchanged` : null,
    `${s.entriesNew} new entries`,
    `${s.articlesAdded} articles added`,
    s.duplicates ? `${s.duplicates} duplicates` : null,
    `${s.feedsFailed} feeds failed`,
    s.articleFailures ? `${s.articleFailures} articles failed` : null,
    s.deferred ? `${s.deferred} deferred` : null,
    s.discovered ? `feeds found for ${s.discovered} sources` : null,
    s.feedsWaiting ? `${s.feedsWaiting} feeds waiting` : null,
  ].filter(Boolean);
  let line = parts.join(', ');
  if (codes.length) {
    const top = [...byCode.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const eg = s.failures.find((f) => f.code === top)!;
    line += ` (${codes.join(', ')}; e.g. ${eg.sourceId}: ${eg.message.slice(0, 120)})`;
  }
  if (s.networkDown) line += ` — the network looks unreachable (every feed tried failed with fetch/network); will retry`;
  if (s.stopped) line += ' [stopped]';
  return line;
}

function describeDead(s: PollSummary, deadAfter: number): string | null {
  if (s.newlyDead.length === 0) return null;
  const shown = s.newlyDead.slice(0, 5).map((f) => `${f.sourceId} ${f.url} (${f.code})`);
  const more = s.newlyDead.length - shown.length;
  return (
    `parallax: ${s.newlyDead.length} feed(s) failed ${deadAfter} times in a row and are now polled rarely: ` +
    `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''} — see \`parallax sources list\``
  );
}

/** Starts polling now and then on a schedule; returns `stop()`, which resolves once nothing fetched is pending. */
export async function startPoller(deps: PollerDeps): Promise<() => Promise<void>> {
  const o = pollerOptions(deps);
  const report = deps.report ?? ((line: string) => deps.logger.warn(line, { stage: 'poll' }));
  const fetcher = deps.fetcher ?? defaultFetcher(deps);
  // Fetched pages and texts are extracted in worker threads with a bounded heap and a per-item time budget.
  const ownPool =
    deps.htmlPool === undefined ? createHtmlExtractPool({ size: 1, timeoutMs: deps.config.PARALLAX_EXTRACT_TIMEOUT_MS }) : null;
  deps = {
    ...deps,
    htmlPool: deps.htmlPool ?? ownPool,
    analysisCache: deps.analysisCache === undefined ? createAnalysisCache() : deps.analysisCache,
  };
  let signalStop: () => void = () => {};
  const abort = new AbortController();
  const ctl: Control = { stopping: false, stopped: new Promise<void>((r) => (signalStop = r)), signal: abort.signal };
  // Cycles run often; each polls only the feeds that are due, so feeds spread out over the interval.
  const tickMs = Math.max(1, Math.min(o.intervalS, 60)) * 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let n = 0;
  let offlineStreak = 0;
  // A problem a cycle reports (a broken registry file) is said once, not every tick.
  const said = new Set<string>();
  const cycleDeps: PollerDeps = { ...deps, report: (line) => (said.has(line) ? undefined : (said.add(line), report(line))) };

  const cycle = async () => {
    timer = null;
    if (ctl.stopping) return;
    n++;
    try {
      const s = await pollOnce(cycleDeps, ctl, fetcher);
      offlineStreak = s.networkDown ? offlineStreak + 1 : 0;
      // While offline, say so once per back-off step, not every tick.
      if (s.networkDown ? (offlineStreak & (offlineStreak - 1)) === 0 : s.feedsDue > 0 || s.failures.length > 0) report(describePoll(n, s));
      const dead = describeDead(s, o.deadAfter);
      if (dead) report(dead);
    } catch (e) {
      report(`parallax: poll ${n} failed: ${(e as Error).message}`);
      deps.logger.error('poll cycle crashed', { stage: 'poll', error: (e as Error).stack ?? String(e) });
    }
    // Offline: wait longer each time (capped at the poll interval) before trying the network again.
    const wait = offlineStreak > 0 ? Math.min(o.intervalS * 1000, tickMs * 2 ** Math.min(offlineStreak - 1, 10)) : tickMs;
    if (!ctl.stopping) timer = setTimeout(() => void (running = cycle()), wait);
  };

  const listed =
    o.registryPath === null
      ? (await deps.store.listSources()).filter((s) => s.origin === 'user')
      : (await listAllSources(deps.store, o.registryPath)).sources;
  const enabled = listed.filter((s) => s.enabled && s.feeds.length > 0);
  const feeds = new Set(enabled.flatMap((s) => s.feeds)).size;
  const hello = `parallax: polling ${enabled.length} sources (${feeds} feeds) every ${o.intervalS} s`;
  deps.status(hello);
  report(hello);
  running = cycle();

  return async () => {
    ctl.stopping = true;
    signalStop();
    abort.abort();
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) await running;
    if (ownPool) await ownPool.close();
  };
}

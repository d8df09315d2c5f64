/**
 * One poll cycle (`pollOnce`, see poller.ts): the due feeds planned, polled in chunks (poll-feed.ts) with what they
 * brought ingested between chunks, sources without feeds searched for some, and the feeds spared when the network
 * is down.
 */
import type { SourceRecord } from '../store/types.ts';
import type { Fetcher } from '../fetch/types.ts';
import type { InputItem } from '../fetch/files.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.ts';
import { listAllSources, defaultRegistryPath } from '../sources/index.ts';
import { ingestAll, type PipelineDeps } from './ingest.ts';
import { translatorsFromConfig } from './translate.ts';
import { llmFromConfig } from '../synthesize/llm.ts';
import type { Control, Cycle, FeedTask, Fetched, PollerDeps, PollerOptions, PollSummary } from './poll-types.ts';
import { discover, feedFailed, pollFeed, progress } from './poll-feed.ts';

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

export function defaultFetcher(deps: PollerDeps): Fetcher {
  // The poller retries failing feeds itself, with back-off across cycles, so the fetcher does not retry.
  return createFetcher({ ...fetcherOptionsFromConfig(deps.config), maxRetries: 0 }, { clock: deps.clock, logger: deps.logger });
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>, stopped: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

export function neverStopped(): Control {
  return { stopping: false, stopped: new Promise<void>(() => {}) };
}

function emptySummary(): PollSummary {
  return {
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
}

/** What a cycle works through: the due feeds in order, the sources to search for feeds, the registry's countries. */
interface CyclePlan {
  sources: number;
  countries: string[];
  tasks: FeedTask[];
  feedsWaiting: number;
  toDiscover: SourceRecord[];
  now: Date;
}

async function planCycle(deps: PollerDeps, o: PollerOptions): Promise<CyclePlan> {
  let sources: SourceRecord[];
  if (o.registryPath === null) {
    sources = (await deps.store.listSources()).filter((s) => s.origin === 'user');
  } else {
    const all = await listAllSources(deps.store, o.registryPath);
    if (all.registryError) deps.report?.(`parallax: registry not loaded (${all.registryError}); polling user sources only`);
    sources = all.sources;
  }
  const enabled = sources.filter((s) => s.enabled);
  const countries = [...new Set(enabled.map((s) => s.country).filter((c): c is string => !!c))].sort();
  const toDiscover = enabled.filter((s) => s.feeds.length === 0 && s.homepage);
  sources = enabled.filter((s) => s.feeds.length > 0);
  const now = deps.clock();
  const tasks: FeedTask[] = [];
  const seenFeeds = new Set<string>();
  let feedsWaiting = 0;
  // One read of every feed's state per cycle (thousands of feeds: not one query each).
  const states = await deps.store.getFeedStates(sources.flatMap((s) => s.feeds));
  for (const s of sources) {
    for (const url of s.feeds) {
      if (seenFeeds.has(url)) continue;
      seenFeeds.add(url);
      const state = states.get(url) ?? null;
      if (state?.nextPoll && new Date(state.nextPoll) > now) feedsWaiting++;
      else tasks.push({ url, source: s, state });
    }
  }
  // The user's own sources first (an intranet feed must not wait behind the world's), then least recently
  // polled first, so a bounded cycle still reaches every feed over time.
  tasks.sort(
    (a, b) =>
      Number(a.source.origin !== 'user') - Number(b.source.origin !== 'user') ||
      (a.state?.lastPolled ?? '').localeCompare(b.state?.lastPolled ?? ''),
  );
  return { sources: sources.length, countries, tasks, feedsWaiting, toDiscover, now };
}

function pipelineDeps(deps: PollerDeps, countries: string[]): PipelineDeps {
  // The configured language model writes reports (overview, labels) as in `ingest`, and serves translation.
  const llm = llmFromConfig(deps.config, fetch);
  return {
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    registryCountries: countries,
    htmlPool: deps.htmlPool ?? null,
    analysisCache: deps.analysisCache ?? null,
    llm,
    translators: translatorsFromConfig(deps.config, { fetch, llm, logger: deps.logger }),
  };
}

/** Ingests one batch of fetched articles and marks their entries seen (with the article each became, if any). */
async function ingestBatch(c: Cycle, pipeline: PipelineDeps, batch: Array<Fetched & { t: FeedTask }>, stories: Set<string>): Promise<void> {
  // Yield to the event loop between articles, so the web server stays responsive during a batch.
  async function* items(): AsyncGenerator<InputItem> {
    for (const f of batch) {
      await new Promise<void>((r) => setImmediate(r));
      yield { ok: true, input: f.input };
    }
  }
  const { store, clock } = c.deps;
  const s = await ingestAll(items(), pipeline);
  const failedRefs = new Map(s.failed.map((x) => [x.ref, x]));
  let next = 0;
  const at = clock().toISOString();
  for (const f of batch) {
    const failure = failedRefs.get(f.input.ref);
    const articleId = failure ? null : (s.articleIds[next++] ?? null);
    if (failure) {
      c.summary.articleFailures++;
      c.summary.failures.push({ sourceId: f.t.source.id, url: f.input.ref, code: failure.code, message: failure.error });
    }
    await store.markSeenUrl(f.entry.url, articleId, at);
    if (f.input.ref !== f.entry.url) await store.markSeenUrl(f.input.ref, articleId, at);
  }
  c.summary.articlesAdded += s.added;
  c.summary.duplicates += s.duplicates;
  for (const id of s.storyIds) stories.add(id);
  if (s.storyIds.length) c.deps.onStories?.(s.storyIds);
  progress(c);
}

/** Ingests what the cycle's feeds brought so far, in batches. */
async function flush(c: Cycle, pipeline: PipelineDeps, stories: Set<string>): Promise<void> {
  while (c.pending.length) {
    const batch = c.pending.splice(0, MAX_INGEST_BATCH);
    try {
      await ingestBatch(c, pipeline, batch, stories);
    } catch (e) {
      // Not marked seen: these entries are fetched and ingested again next cycle.
      c.deps.logger.error('ingest batch failed', { stage: 'poll', error: (e as Error).stack ?? String(e) });
    }
  }
}

/**
 * Feeds are polled in chunks: the chunk's feeds and pages are fetched concurrently, then what they brought is
 * ingested with nothing on the wire. Ingestion is CPU-bound and would otherwise starve the sockets of the
 * event loop (fetches timing out for no fault of the feed); batching also rebuilds each story's report once
 * per batch rather than once per feed.
 */
async function pollFeeds(c: Cycle, tasks: FeedTask[], ingest: () => Promise<void>): Promise<void> {
  const { o, ctl, summary } = c;
  const chunk = Math.max(1, o.maxConcurrentFeeds * CHUNK_PER_WORKER);
  for (let i = 0; i < tasks.length && !ctl.stopping && !summary.networkDown; i += chunk) {
    await pool(
      tasks.slice(i, i + chunk),
      o.maxConcurrentFeeds,
      async (t) => {
        try {
          await pollFeed(c, t);
        } catch (e) {
          // A bug must not stop the other feeds; it is recorded against the feed.
          c.deps.logger.error('poll crashed', { stage: 'poll', ref: t.url, error: (e as Error).stack ?? String(e) });
          await feedFailed(c, t, 'poll/internal', (e as Error).message).catch(() => {});
        }
      },
      () => ctl.stopping || summary.networkDown,
    );
    await ingest();
  }
}

/** Searches the homepages of sources without feeds that are due for it (a few per cycle). */
async function discoverDue(c: Cycle, toDiscover: SourceRecord[], now: Date): Promise<void> {
  const due: SourceRecord[] = [];
  for (const s of toDiscover) {
    if (due.length >= c.o.maxDiscoveriesPerPoll) break;
    const st = await c.deps.store.getFeedState(s.homepage!);
    if (!st?.nextPoll || new Date(st.nextPoll) <= now) due.push(s);
  }
  const discoverOne = (s: SourceRecord) =>
    discover(c, s).catch((e: unknown) =>
      c.deps.logger.error('discovery crashed', { stage: 'poll', ref: s.homepage ?? s.id, error: String(e) }),
    );
  await pool(due, c.o.maxConcurrentFeeds, discoverOne, () => c.ctl.stopping);
}

/** The feeds are not at fault when nothing at all can be reached: their state is put back as it was. */
async function spareOfflineFeeds(c: Cycle): Promise<void> {
  const failed = c.network.failed;
  for (const t of failed) {
    await c.deps.store.saveFeedState(
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
  const spared = new Set(failed.map((t) => t.url));
  c.summary.newlyDead = c.summary.newlyDead.filter((f) => !spared.has(f.url));
}

/** One poll cycle over every due feed. Used by `startPoller`, `parallax poll` and tests. */
export async function pollOnce(
  deps: PollerDeps,
  ctl: Control = neverStopped(),
  fetcher: Fetcher = deps.fetcher ?? defaultFetcher(deps),
): Promise<PollSummary> {
  const o = pollerOptions(deps);
  const plan = await planCycle(deps, o);
  const summary = { ...emptySummary(), sources: plan.sources, feedsWaiting: plan.feedsWaiting, feedsDue: plan.tasks.length };
  const c: Cycle = {
    deps,
    o,
    ctl,
    fetcher,
    random: deps.random ?? Math.random,
    summary,
    budget: o.maxArticlesPerPoll,
    seenThisPoll: new Set(),
    pending: [],
    network: { anyReached: false, failed: [], failuresInARow: 0 },
  };
  const pipeline = pipelineDeps(deps, plan.countries);
  const stories = new Set<string>();
  const ingest = () => flush(c, pipeline, stories);
  progress(c);
  await pollFeeds(c, plan.tasks, ingest);
  if (!ctl.stopping && !summary.networkDown && plan.toDiscover.length) await discoverDue(c, plan.toDiscover, plan.now);
  await ingest();
  if (summary.networkDown) await spareOfflineFeeds(c);
  summary.stories = [...stories];
  summary.stopped = ctl.stopping;
  return summary;
}

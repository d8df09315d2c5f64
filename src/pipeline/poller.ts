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
import type { SourceRecord } from '../store/types.ts';
import type { Fetcher } from '../fetch/types.ts';
import type { InputItem } from '../fetch/files.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.ts';
import { listAllSources, defaultRegistryPath } from '../sources/index.ts';
import { ingestAll, type PipelineDeps } from './ingest.ts';
import { translatorsFromConfig } from './translate.ts';
import { llmFromConfig } from '../synthesize/llm.ts';
import { createHtmlExtractPool } from '../extract/worker.ts';
import { createAnalysisCache } from '../analyze/cache.ts';
import type { Control, Cycle, FeedTask, Fetched, PollerDeps, PollerOptions, PollSummary } from './poll-types.ts';
import { discover, feedFailed, pollFeed, progress } from './poll-feed.ts';

export type { PollerDeps, PollerOptions, PollFailure, PollSummary } from './poll-types.ts';
export { backoffSeconds, canonicalEntryUrl } from './poll-feed.ts';

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

function defaultFetcher(deps: PollerDeps): Fetcher {
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

function neverStopped(): Control {
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

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
 * The cycle is poll-cycle.ts, one feed poll-feed.ts; this module schedules the cycles and words their summaries.
 *
 * Shutdown: `stop()` stops starting fetches, abandons fetches still on the wire (nothing of theirs was
 * received), and waits until every article already fetched has been ingested and marked seen.
 */
import { listAllSources } from '../sources/index.ts';
import { createHtmlExtractPool } from '../extract/worker.ts';
import { createAnalysisCache } from '../analyze/cache.ts';
import type { Control, PollerDeps, PollSummary } from './poll-types.ts';
import { defaultFetcher, pollerOptions, pollOnce } from './poll-cycle.ts';

export type { PollerDeps, PollerOptions, PollFailure, PollSummary } from './poll-types.ts';
export { backoffSeconds, canonicalEntryUrl } from './poll-feed.ts';
export { pollOnce, pollerOptions } from './poll-cycle.ts';

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

/**
 * The shapes of `parallax run`'s polling: its options and dependencies, what one cycle reports, and the state one
 * cycle shares among its feeds (poll-feed.ts polls one feed, poller.ts runs the cycles).
 */
import type { Store, SourceRecord, FeedState } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { RawInput } from '../model.ts';
import type { Fetcher, FeedEntry } from '../fetch/types.ts';
import type { HtmlExtractPool } from '../extract/worker.ts';
import type { AnalysisCache } from '../analyze/cache.ts';

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
  /** Told after each ingested batch which stories it changed (a server in another thread forgets their answers). */
  onStories?: (storyIds: string[]) => void;
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

export interface FeedTask {
  url: string;
  source: SourceRecord;
  state: FeedState | null;
}

export interface Fetched {
  entry: FeedEntry;
  input: RawInput;
}

/** Internal control shared by one cycle and `stop()`. */
export interface Control {
  stopping: boolean;
  /** Resolves when stop() is called: fetches still on the wire are abandoned. */
  stopped: Promise<void>;
  /** Fires on stop(): the fetcher closes its connections and stops waiting. */
  signal?: AbortSignal;
}

/** One cycle's state, shared by its feeds: the counts, the article budget, the URLs taken, what waits to be ingested. */
export interface Cycle {
  deps: PollerDeps;
  o: PollerOptions;
  ctl: Control;
  fetcher: Fetcher;
  random: () => number;
  summary: PollSummary;
  /** Article pages the cycle may still fetch. */
  budget: number;
  /** Entry URLs a feed of this cycle took (another feed listing one does not fetch it again). */
  seenThisPoll: Set<string>;
  /** Fetched articles waiting for the ingest that follows their chunk of feeds. */
  pending: Array<Fetched & { t: FeedTask }>;
  /** Whether the network answers at all (see `PollerOptions.offlineAfter`). */
  network: { anyReached: boolean; failed: FeedTask[]; failuresInARow: number };
}

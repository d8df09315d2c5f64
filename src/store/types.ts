/**
 * The store contract. Every method is asynchronous so that SQLite (embedded
 * default) and PostgreSQL (scale-out) implement the same interface; one
 * contract test suite (test/store-contract.test.ts) runs against both.
 * Stages never import the store: only the pipeline orchestrator and serve/ do.
 */
import type { z } from 'zod';
import type * as Shape from '../model-schema.ts';
import type { Article, StorySummary } from '../model.ts';
import type { StoryReport } from '../report.ts';

/** An article handed to `insertArticle` (model-schema.ts): the stored fields but story and ingest time, plus raw input and features. */
export type NewArticle = z.infer<typeof Shape.NewArticle>;

/** One cached machine translation: a source content (sha256 of its language, title and text) by a provider into a target. */
export interface CachedTranslation {
  sourceHash: string;
  provider: string;
  target: string;
  sourceLanguage: string;
  title: string | null;
  text: string;
  createdAt: string;
}

export interface StageStatus {
  articleId: string;
  stage: string;
  status: 'ok' | 'failed' | 'skipped';
  error: string | null;
  ms: number | null;
  at: string;
}

export interface ReportVersion {
  storyId: string;
  version: number;
  createdAt: string;
  articleIds: string[];
  report: StoryReport;
}

export interface ClusterCandidate {
  storyId: string;
  articleId: string;
  published: string | null;
  features: unknown;
}

export interface SourceRecord {
  id: string;
  name: string;
  homepage: string | null;
  country: string | null;
  languages: string[];
  feeds: string[];
  ownership: string | null;
  /** 'registry' for the shipped list, 'user' for sources added by a user. */
  origin: 'registry' | 'user';
  enabled: boolean;
}

export interface FeedState {
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  lastPolled: string | null;
  lastOk: string | null;
  errorCount: number;
  lastError: string | null;
  nextPoll: string | null;
}

export interface Job {
  id: number;
  kind: string;
  key: string | null;
  payload: unknown;
  attempts: number;
}

export interface QueueStats {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

export interface OpsStats {
  articles: number;
  stories: number;
  staleStories: number;
  /** Report versions saved (every rebuild adds one). */
  reportVersions: number;
  /** Per stage: how many articles passed it and their summed milliseconds (last run of each). */
  stages: Array<{ stage: string; count: number; sumMs: number }>;
}

export interface StoryListQuery {
  limit?: number;
  offset?: number;
  country?: string;
  outlet?: string;
  language?: string;
  from?: string;
  to?: string;
  q?: string;
}

/**
 * The store is one object with several roles; each caller can ask for the role it uses (a function that only reads
 * stories takes a `StoryStore`). Every method is required: SQLite and PostgreSQL implement them all.
 */

/** Articles as stored: insertion keyed by content hash, reads, per-stage status, search, outlet history. */
export interface ArticleStore {
  findArticleByHash(contentHash: string, rawHash: string): Promise<Article | null>;
  getArticle(id: string): Promise<Article | null>;
  /**
   * Stores a new article; false (nothing stored) when an article with its id or content hash already exists, e.g.
   * one stored meanwhile by another process ingesting the same input.
   */
  insertArticle(a: NewArticle): Promise<boolean>;
  listArticles(opts?: { storyId?: string; limit?: number; offset?: number }): Promise<Article[]>;
  countArticles(): Promise<number>;
  /** Articles stored but not yet in a story (an interrupted ingest), to finish them. */
  listUnassignedArticles(limit: number): Promise<Array<{ id: string; features: unknown; published: string | null; ingestedAt?: string }>>;
  /** Articles whose near-duplicate signature matches, for wire-copy detection. */
  listRecentArticlesForDedupe(limit: number): Promise<Array<{ id: string; features: unknown }>>;
  /** Raw inputs of the outlet's most recently ingested plain-text articles (newest first), at most `limit`, each cut to its first 100,000 characters. */
  listOutletRawTexts(outlet: string, limit: number): Promise<string[]>;
  /**
   * Texts of the outlet's most recently ingested articles of every kind (newest first), at most `limit`, each cut to
   * its first 100,000 characters: the raw input of a plain-text article, the extracted text of an HTML page.
   */
  listOutletTexts(outlet: string, limit: number): Promise<string[]>;
  /** Records a stored article as a near-duplicate (wire copy) of another, found after it was stored. */
  markDuplicate(articleId: string, duplicateOf: string): Promise<void>;
  // per-stage status
  recordStage(s: StageStatus): Promise<void>;
  listStages(articleId: string): Promise<StageStatus[]>;
  // search
  searchArticles(q: string, limit: number): Promise<Article[]>;
}

/** Stories (membership, titles, merges) and their reports, versioned. */
export interface StoryStore {
  createStory(id: string, title: string, at: string): Promise<void>;
  assignArticle(articleId: string, storyId: string, at: string): Promise<void>;
  setStoryTitle(storyId: string, title: string, at: string): Promise<void>;
  getStory(id: string): Promise<StorySummary | null>;
  listStories(q?: StoryListQuery): Promise<StorySummary[]>;
  countStories(): Promise<number>;
  /** Clustering candidates: articles of stories updated since `since` (ISO), at most `limit`. */
  listClusterCandidates(since: string | null, limit: number): Promise<ClusterCandidate[]>;
  /**
   * Two stories turned out to be one event: `fromId`'s articles and index postings move to `intoId`, whose
   * clustering features become `features`; `fromId` keeps its row and its report versions and resolves to `intoId`
   * from now on (stories merged into `fromId` earlier too). Listings no longer show it.
   */
  mergeStory(
    fromId: string,
    intoId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    at: string,
  ): Promise<void>;
  /** The story an id now resolves to: itself, the story it was merged into, or null when there is no such story. */
  resolveStory(id: string): Promise<string | null>;

  // reports, versioned
  saveReport(storyId: string, articleIds: string[], report: StoryReport, at: string): Promise<number>;
  getReport(storyId: string, version?: number): Promise<ReportVersion | null>;
  listReportVersions(storyId: string): Promise<Array<Omit<ReportVersion, 'report'>>>;
  /**
   * Stories with articles whose latest report is not known to cover exactly their articles (no report, one saved
   * before the last article joined or left) or whose title is empty: the ones self-repair rebuilds. One indexed
   * query: the store flags a story when its articles change and clears the flag when a covering report is saved.
   */
  listStaleStories(limit: number): Promise<string[]>;
  /** Clears the stale flag when `articleIds` are exactly the story's articles now (in order); false otherwise. */
  markReportCurrent(storyId: string, articleIds: string[]): Promise<boolean>;
}

/** The clustering and near-duplicate indexes (their JSON is owned by cluster/ and dedupe/). */
export interface ClusterIndexStore {
  /** Document frequencies of `terms` among clustered articles, and how many articles were counted. */
  getTermStats(terms: string[]): Promise<ClusterTermStats>;
  /** Counts one more clustered article containing each of `terms` (distinct). */
  addTermStats(terms: string[]): Promise<void>;
  /**
   * Stories posted under any of `keys`, most keys shared first (ties: story id), at most `limit`. With `window`
   * (YYYY-MM-DD bounds), only stories whose date range overlaps it or that have no dates.
   */
  findStoryCandidates(keys: string[], window: { from: string; to: string } | null, limit: number): Promise<StoryClusterState[]>;
  /** Saves a story's clustering features and date range (replacing them) and posts the story under `keys` (added to earlier ones). */
  saveStoryFeatures(
    storyId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    keys: string[],
    at: string,
  ): Promise<void>;
  /** A story's articles in ingest order (at most `limit`) with their clustering inputs, to re-group it when it drifts. */
  listStoryMembers(storyId: string, limit: number): Promise<StoryMember[]>;
  /** Articles filed under any of these near-duplicate band keys (LSH), with their features, at most `limit`. */
  findDedupeCandidates(bands: string[], limit: number): Promise<Array<{ id: string; features: unknown }>>;
  /** Files an article under its near-duplicate band keys. */
  addDedupeBands(articleId: string, bands: string[]): Promise<void>;
}

/** The translation cache: a text is sent to a provider once ever. */
export interface TranslationStore {
  getTranslation(sourceHash: string, provider: string, target: string): Promise<CachedTranslation | null>;
  /** Saves a translation; a second save of the same key keeps the first. */
  saveTranslation(t: CachedTranslation): Promise<void>;
}

/** Sources (user-added; the shipped registry is a data file merged in by sources/), feeds and what was fetched. */
export interface SourceStore {
  listSources(): Promise<SourceRecord[]>;
  upsertSource(s: SourceRecord): Promise<void>;
  removeSource(id: string): Promise<boolean>;
  getFeedState(feedUrl: string): Promise<FeedState | null>;
  /** The states of many feeds at once (feeds never polled are absent from the map). */
  getFeedStates(feedUrls: readonly string[]): Promise<Map<string, FeedState>>;
  saveFeedState(s: FeedState): Promise<void>;
  /**
   * Books the next fetch start for `host`, at least `intervalMs` after the previous booking and not before `nowMs`;
   * returns the booked start (epoch ms). Atomic across processes: workers sharing the store share the interval.
   */
  reserveHostSlot(host: string, intervalMs: number, nowMs: number): Promise<number>;
  /** Entry URLs already fetched from feeds, so a second poll adds nothing. */
  hasSeenUrl(url: string): Promise<boolean>;
  markSeenUrl(url: string, articleId: string | null, at: string): Promise<void>;
}

/** The work queue: stateless workers (one process or many machines) coordinate through it. */
export interface QueueStore {
  /** Adds a job; with a key, at most one pending job per key (returns false when one is already pending). */
  enqueueJob(kind: string, payload: unknown, opts: { key?: string | null; runAt: string }): Promise<boolean>;
  /** Claims the oldest ready job of these kinds (or one whose lease expired) for `leaseMs`. */
  claimJob(worker: string, kinds: string[], leaseMs: number, now: string): Promise<Job | null>;
  /** Extends a running job's lease (a heartbeat); false when the job is no longer held by `worker`. */
  extendJobLease(id: number, worker: string, until: string): Promise<boolean>;
  completeJob(id: number, now: string): Promise<void>;
  /** Marks a job failed; with retryAt it goes back to pending until then. */
  failJob(id: number, error: string, retryAt: string | null, now: string): Promise<void>;
  queueStats(): Promise<QueueStats>;
}

/** The store's life and operations: schema, locks shared by every process, figures for /metrics. */
export interface OpsStore {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Migration files not yet applied (empty when the schema is current). */
  pendingMigrations(): Promise<string[]>;
  /** Figures for /metrics, read from the store so they hold across every process sharing it. */
  opsStats(): Promise<OpsStats>;
  /** Runs fn while holding a named lock shared by every worker on this store (e.g. 'cluster'). */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** The whole store: every role. */
export type Store = ArticleStore & StoryStore & ClusterIndexStore & TranslationStore & SourceStore & QueueStore & OpsStore;

export interface StoryMember {
  articleId: string;
  published: string | null;
  duplicateOf: string | null;
  features: unknown;
}

export interface ClusterTermStats {
  docs: number;
  df: Record<string, number>;
}

export interface StoryClusterState {
  storyId: string;
  features: unknown;
}

/**
 * Whether `store` keeps the clustering index at run time. SQLite and PostgreSQL always do (the contract requires
 * it); only the index-less peers of test/cluster-scan.test.ts and the clustering bench hide it, and the pipeline then
 * scans recent stories and articles instead. The one place that asks, instead of callers testing methods one by one.
 */
export function hasClusterIndex(store: Store): boolean {
  const s = store as Partial<ClusterIndexStore>;
  return !!(
    s.getTermStats &&
    s.addTermStats &&
    s.findStoryCandidates &&
    s.saveStoryFeatures &&
    s.listStoryMembers &&
    s.findDedupeCandidates &&
    s.addDedupeBands
  );
}

/**
 * Self-repair after a crash: articles stored without a story are clustered, and every story whose latest report
 * does not cover exactly its articles (none, one saved before an article joined, a kill between the report and the
 * title) is rebuilt. Run on start of `run`, `serve`, `worker` and `ingest`, periodically by workers, and by
 * `parallax repair`. Idempotent, and cheap when nothing is wrong: the store keeps a stale flag per story
 * (`listStaleStories` is one indexed query), so nothing is scanned.
 */
import { clusterOne, recoverUnassigned, type PipelineDeps, type StoredFeatures } from './ingest.ts';
import { buildStoryReport } from './report.ts';
import { metrics } from '../util/metrics.ts';

export interface RepairSummary {
  /** Articles that had no story and were clustered. */
  clustered: number;
  /** Stories found stale. */
  stale: number;
  /** Stories whose report was rebuilt (or queued for a worker). */
  rebuilt: number;
  /** Stories whose latest report already covered their articles (only the flag or the title was behind). */
  current: number;
}

export interface RepairOptions {
  /** Stories looked at per query (default 500). */
  batch?: number;
  /** Rebuilds one story; default: at once in this process. Workers queue a `report` job instead. */
  rebuild?: (storyId: string) => Promise<void>;
  /**
   * Only articles stored at least this long ago (ms) are taken for left without a story (default 0: all). Workers
   * sharing a store set it: a younger one may be in another worker's hands, between its insert and its clustering.
   */
  unassignedMinAgeMs?: number;
}

/**
 * Clusters the articles without a story stored at least `minAgeMs` ago, each re-checked under the cluster lock (so
 * two workers repairing at once never cluster one article twice); returns how many.
 */
async function clusterSettled(deps: PipelineDeps, minAgeMs: number): Promise<number> {
  const cutoff = Date.now() - minAgeMs;
  let n = 0;
  for (const a of await deps.store.listUnassignedArticles(10000)) {
    if (!a.ingestedAt || Date.parse(a.ingestedAt) > cutoff) continue;
    if (await clusterIfUnassigned(a.id, a.features, deps)) n++;
  }
  return n;
}

/** Clusters one stored article unless it has a story by the time the cluster lock is held; its story, or null. */
export async function clusterIfUnassigned(articleId: string, features: unknown, deps: PipelineDeps): Promise<string | null> {
  const f = (features as StoredFeatures | null)?.cluster;
  if (!f) return null;
  return deps.store.withLock('cluster', async () =>
    (await deps.store.getArticle(articleId))?.storyId ? null : clusterOne(articleId, f, deps),
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** One stale story: 'current' when its latest report already covers its articles, else 'rebuilt'; null when it has none. */
async function repairStory(id: string, deps: PipelineDeps, rebuild: (id: string) => Promise<void>): Promise<'current' | 'rebuilt' | null> {
  const { store } = deps;
  const story = await store.getStory(id);
  if (!story || story.articleIds.length === 0) return null;
  const latest = await store.getReport(id);
  if (latest && sameIds(latest.articleIds, story.articleIds) && latest.report.title) {
    // Killed between saving the report and setting the title, or a database from before the flag existed.
    if (!story.title) await store.setStoryTitle(id, latest.report.title, deps.clock().toISOString());
    if (await store.markReportCurrent(id, latest.articleIds)) return 'current';
  }
  await rebuild(id);
  metrics.inc('parallax_report_rebuilds_total', { reason: 'repair' });
  return 'rebuilt';
}

/** Clusters unassigned articles, then brings every stale story's report up to date. */
export async function repairStore(deps: PipelineDeps, opts: RepairOptions = {}): Promise<RepairSummary> {
  const batch = opts.batch ?? 500;
  const rebuild = opts.rebuild ?? (async (id: string) => void (await buildStoryReport(id, deps)));
  const summary: RepairSummary = { clustered: 0, stale: 0, rebuilt: 0, current: 0 };
  summary.clustered = opts.unassignedMinAgeMs
    ? await clusterSettled(deps, opts.unassignedMinAgeMs)
    : (await recoverUnassigned(deps)).length;
  const done = new Set<string>();
  for (;;) {
    // A story still listed after its repair (rebuilt by a queued job later, or changed again meanwhile) is not
    // looked at twice in one pass: the next pass takes it up.
    const ids = (await deps.store.listStaleStories(batch)).filter((id) => !done.has(id));
    if (ids.length === 0) break;
    for (const id of ids) {
      done.add(id);
      summary.stale++;
      const r = await repairStory(id, deps, rebuild);
      if (r) summary[r]++;
    }
  }
  if (summary.clustered || summary.stale) deps.logger.info('repair done', { stage: 'repair', ...summary });
  return summary;
}

/** One line for an operator. */
export function describeRepair(s: RepairSummary): string {
  if (s.clustered === 0 && s.stale === 0) return 'repair: nothing to do';
  return `repair: ${s.clustered} unassigned articles clustered, ${s.rebuilt} story reports rebuilt, ${s.current} already current`;
}

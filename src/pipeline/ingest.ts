/**
 * The orchestrator: moves work between the stages (extract → language →
 * dedupe → cluster → analyze → synthesize) and the store, and records each
 * stage's status per article. Stages are pure functions; only this module
 * and serve/ touch the store. Idempotent: the raw hash and the content hash
 * make a second ingest of the same thing add nothing, and articles left
 * without a story by an interrupted run are clustered on the next one.
 */
import type { Article, RawInput } from '../model.ts';
import { hasClusterIndex, type Store } from '../store/types.ts';
import type { InputItem } from '../fetch/files.ts';
import { extractArticle, extractArticleIsolated, withoutOutletLines } from '../extract/index.ts';
import { outletFurnitureLines } from '../extract/text/outlet.ts';
import { detectLanguage } from '../language/index.ts';
import { dedupeFeatures, findDuplicate, lshBands, type DedupeFeatures } from '../dedupe/index.ts';
import {
  addToStory,
  asClusterFeatures,
  CANDIDATE_LIMIT as STORY_CANDIDATES,
  clusterFeatures,
  dateWindow,
  decideStory,
  idfFn,
  indexKeys,
  mergeFeatures,
  overlapsWindow,
  storiesToMerge,
  survivor,
  weightVector,
  type ClusterFeatures,
  type StoryCandidate,
  type StoryFeatures,
  type TermStats,
} from '../cluster/index.ts';
import { contentHash, sha256 } from '../util/hash.ts';
import { buildStoryReport } from './report.ts';
import { countryForLanguage, countryForUrl } from './outlets.ts';
import { translateStep } from './translate.ts';
import { splitDrifted } from './split.ts';
import type { PipelineDeps } from './deps.ts';

/** Defined in deps.ts (report.ts needs it too); re-exported for this module's importers. */
export type { PipelineDeps } from './deps.ts';

export interface StoredFeatures {
  dedupe: DedupeFeatures;
  cluster: ClusterFeatures;
}

export type IngestOutcome =
  | { status: 'added'; articleId: string; storyId: string }
  | { status: 'duplicate'; articleId: string }
  | { status: 'failed'; ref: string; code: string; error: string };

export interface IngestSummary {
  added: number;
  duplicates: number;
  failed: Array<{ ref: string; error: string; code: string }>;
  stories: number;
  articleIds: string[];
  storyIds: string[];
}

/** Stores without the clustering index: how many recent articles clustering compares with. */
const CANDIDATE_LIMIT = 20000;
/** Stores without the near-duplicate index: how many recent articles dedupe compares with. */
const DEDUPE_WINDOW = 2000;
/** Near-duplicate candidates fetched through the LSH bands. */
const DEDUPE_CANDIDATES = 50;

async function timed<T>(deps: PipelineDeps, articleId: string, stage: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await fn();
  const ms = Math.round((performance.now() - t0) * 100) / 100;
  await deps.store.recordStage({ articleId, stage, status: 'ok', error: null, ms, at: deps.clock().toISOString() });
  deps.logger.debug('stage done', { stage, articleId, ms });
  return v;
}

/**
 * Repetition across an outlet: its last OUTLET_WINDOW articles are read (plain text as ingested, HTML pages as
 * extracted), and a line found in articles of OUTLET_MIN_STORIES different stories is furniture (versions of one
 * story, which repeat its body lines, count once: extract/text/outlet.ts).
 */
const OUTLET_WINDOW = 30;
const OUTLET_MIN_STORIES = 2;

async function outletLinesOf(outlet: string | null | undefined, store: Store): Promise<ReadonlySet<string> | undefined> {
  if (!outlet) return undefined;
  const texts = await store.listOutletTexts(outlet, OUTLET_WINDOW);
  return outletFurnitureLines(texts, OUTLET_MIN_STORIES);
}

/** The stages before clustering, recorded once the article is stored (their time: extraction's; the rest are cheap). */
async function recordEarlyStages(
  id: string,
  extractMs: number,
  translation: Awaited<ReturnType<typeof translateStep>>['status'],
  duplicateOf: string | null,
  deps: PipelineDeps,
): Promise<void> {
  const { store } = deps;
  const at = deps.clock().toISOString();
  await store.recordStage({ articleId: id, stage: 'extract', status: 'ok', error: null, ms: Math.round(extractMs * 100) / 100, at });
  await store.recordStage({ articleId: id, stage: 'language', status: 'ok', error: null, ms: 0, at });
  if (translation) await store.recordStage({ articleId: id, at, ...translation });
  await store.recordStage({
    articleId: id,
    stage: 'dedupe',
    status: 'ok',
    error: duplicateOf ? `duplicate of ${duplicateOf}` : null,
    ms: 0,
    at,
  });
}

/** Ingests one raw input: extract, detect language, dedupe, cluster, store. Reports are built by `rebuildReports`. */
export async function ingestInput(input: RawInput, deps: PipelineDeps): Promise<IngestOutcome> {
  const { store, logger } = deps;
  const rawHash = sha256(input.body);
  // A known outlet: lines recurring across its recent articles of other stories are its page furniture.
  const outletLines = await outletLinesOf(input.hints.outlet, store);
  const t0 = performance.now();
  const ex = deps.htmlPool
    ? await extractArticleIsolated(input, { now: deps.clock(), outletLines }, deps.htmlPool)
    : extractArticle(input, { now: deps.clock(), outletLines });
  const extractMs = performance.now() - t0;
  if (!ex.ok) {
    logger.warn('extract failed', { stage: 'extract', ref: input.ref, code: ex.code });
    return { status: 'failed', ref: input.ref, code: ex.code, error: ex.message };
  }
  // A page whose outlet is known only from its own site name: its furniture is looked up now.
  const a =
    input.kind === 'html' && !input.hints.outlet && ex.value.siteName
      ? withoutOutletLines(ex.value, await outletLinesOf(ex.value.siteName, store))
      : ex.value;
  const hash = contentHash(a.text);
  const existing = await store.findArticleByHash(hash, rawHash);
  if (existing) return { status: 'duplicate', articleId: existing.id };
  const id = input.hints.id ?? 'a_' + hash.slice(0, 16);
  const sameId = await store.getArticle(id);
  // Another process may have stored this very text since the lookup above: the same text is a duplicate.
  if (sameId?.contentHash === hash) return { status: 'duplicate', articleId: sameId.id };
  if (sameId) {
    return { status: 'failed', ref: input.ref, code: 'ingest/id-conflict', error: `id "${id}" is already used by a different article` };
  }

  const language = a.language ?? detectLanguage(a.text);
  // A non-English article's English translation, stored beside the original (translate/ and pipeline/translate.ts).
  const translated = await translateStep({ title: a.title, text: a.text, language }, deps);
  const dedupe = dedupeFeatures(a.text);
  const bands = lshBands(dedupe);
  const duplicateOf = await nearCopyOf(id, dedupe, bands, store);
  const cluster = clusterFeatures({ title: a.title, text: a.text, published: a.published, language }, translated.translation);
  const outlet = input.hints.outlet ?? a.siteName ?? null;
  const url = input.hints.url ?? (/^https?:\/\//.test(input.ref) ? input.ref : null);
  const country = input.hints.country ?? countryForUrl(url) ?? countryForLanguage(a.furnitureLanguage ?? null);

  const inserted = await store.insertArticle({
    id,
    ref: input.ref,
    url,
    title: a.title,
    byline: a.byline,
    published: a.published,
    language,
    outlet,
    country,
    siteName: a.siteName,
    section: a.section ?? null,
    text: a.text,
    blocks: a.blocks,
    raw: input.body,
    rawKind: input.kind,
    rawHash,
    contentHash: hash,
    duplicateOf,
    features: { dedupe, cluster } satisfies StoredFeatures,
    translation: translated.translation,
  });
  // Another process stored the same article meanwhile (two ingests of one input): it is a duplicate, clustered there.
  if (!inserted) {
    const other = await store.findArticleByHash(hash, rawHash);
    if (other) return { status: 'duplicate', articleId: other.id };
    return { status: 'failed', ref: input.ref, code: 'ingest/id-conflict', error: `id "${id}" is already used by a different article` };
  }
  if (hasClusterIndex(store) && bands.length) await store.addDedupeBands(id, bands);
  await recordEarlyStages(id, extractMs, translated.status, duplicateOf, deps);
  // Under a store-wide lock: two workers must not start two stories for one event, nor two copies of one report.
  const storyId = await timed(deps, id, 'cluster', () =>
    store.withLock('cluster', async () =>
      clusterOne(id, cluster, deps, duplicateOf ?? (await copyStoredMeanwhile(id, dedupe, bands, deps))),
    ),
  );
  return { status: 'added', articleId: id, storyId };
}

/** The stored article `id`'s text nearly copies (a wire copy), if any; `id` itself excluded. */
async function nearCopyOf(id: string, dedupe: DedupeFeatures, bands: string[], store: Store): Promise<string | null> {
  const recent = hasClusterIndex(store)
    ? bands.length
      ? await store.findDedupeCandidates(bands, DEDUPE_CANDIDATES)
      : []
    : await store.listRecentArticlesForDedupe(DEDUPE_WINDOW);
  return findDuplicate(
    dedupe,
    recent.filter((r) => r.id !== id).map((r) => ({ id: r.id, dedupe: (r.features as StoredFeatures | null)?.dedupe ?? null })),
  );
}

/**
 * Run under the cluster lock. Two writers may each store a copy of one report before either could see the other's:
 * a copy already in a story is looked for again, and the article joins that story. It is recorded as that copy's
 * duplicate unless that copy is recorded as this article's (each writer saw the other's; no cycle).
 */
async function copyStoredMeanwhile(id: string, dedupe: DedupeFeatures, bands: string[], deps: PipelineDeps): Promise<string | null> {
  const orig = await nearCopyOf(id, dedupe, bands, deps.store);
  const other = orig ? await deps.store.getArticle(orig) : null;
  if (!orig || !other?.storyId) return null;
  if (other.duplicateOf !== id) await deps.store.markDuplicate(id, orig);
  return orig;
}

/**
 * Decides the story of one stored article and records it. With the store's clustering index, the article is
 * compared only with the stories that share one of its distinctive keys and whose dates are near its own; the
 * story's centroid, date range, postings and the document frequencies are updated when it joins.
 */
export async function clusterOne(
  articleId: string,
  stored: ClusterFeatures,
  deps: PipelineDeps,
  /** The article it copies, when the caller knows it (ingest does); read from the store otherwise. */
  duplicateOf?: string | null,
): Promise<string> {
  const { store } = deps;
  const f = asClusterFeatures(stored) ?? stored;
  const at = deps.clock().toISOString();
  if (!hasClusterIndex(store)) {
    return clusterOneByScan(articleId, f, deps);
  }
  // A wire copy (near-duplicate) belongs to the story of the article it copies; it adds no new content to the centroid.
  const dupOf = duplicateOf === undefined ? (await store.getArticle(articleId))?.duplicateOf : duplicateOf;
  const origStory = dupOf ? (await store.getArticle(dupOf))?.storyId : null;
  if (origStory) {
    await store.assignArticle(articleId, origStory, at);
    await store.addTermStats(Object.keys(f.terms));
    return origStory;
  }
  const stats = await store.getTermStats(Object.keys(f.terms));
  const idf = idfFn(stats);
  const vec = weightVector(f, idf);
  const keys = indexKeys(f, idf);
  const cands: StoryCandidate[] = (await store.findStoryCandidates(keys, dateWindow(f.published), STORY_CANDIDATES)).map((c) => ({
    storyId: c.storyId,
    features: c.features as StoryFeatures,
  }));
  const decision = decideStory(f, vec, cands, {}, stats);
  let storyId = decision.storyId;
  if (!storyId) {
    storyId = 's_' + sha256(articleId).slice(0, 12);
    if (!(await store.getStory(storyId))) await store.createStory(storyId, '', at);
  }
  const before = cands.find((c) => c.storyId === storyId)?.features ?? null;
  const after = addToStory(before, f, vec);
  await store.assignArticle(articleId, storyId, at);
  await store.saveStoryFeatures(storyId, after, { first: after.first, last: after.last }, keys, at);
  await store.addTermStats(Object.keys(f.terms));
  const final = await mergeBridged({ storyId, features: after }, cands, decision.matched, deps, at);
  // A story the article joined may turn out to hold two events; the article's own part keeps or gets its story.
  if (decision.storyId && (await splitDrifted(final, after.n, deps, at)).length)
    return (await store.getArticle(articleId))?.storyId ?? final;
  return final;
}

/**
 * The article just joined may bridge its story and other candidates (one event first told as two): those whose
 * centroids now match are merged into one, the larger story's id surviving; the others keep resolving to it.
 */
async function mergeBridged(
  joined: StoryCandidate,
  cands: StoryCandidate[],
  matched: string[],
  deps: PipelineDeps,
  at: string,
): Promise<string> {
  let cur = joined;
  for (const c of storiesToMerge(joined, cands, matched)) {
    const keep = survivor(cur, c);
    const gone = keep === cur.storyId ? c.storyId : cur.storyId;
    const features = mergeFeatures(cur.features, c.features);
    await deps.store.mergeStory(gone, keep, features, { first: features.first, last: features.last }, at);
    deps.logger.info('stories merged', { stage: 'cluster', storyId: keep, merged: gone });
    cur = { storyId: keep, features };
  }
  return cur.storyId;
}

/** Stores without the clustering index: rebuilds story centroids from the recent articles (O(N) per article). */
async function clusterOneByScan(articleId: string, f: ClusterFeatures, deps: PipelineDeps): Promise<string> {
  const { store } = deps;
  const rows = await store.listClusterCandidates(null, CANDIDATE_LIMIT);
  const members = rows
    .map((c) => ({ storyId: c.storyId, f: asClusterFeatures((c.features as StoredFeatures | null)?.cluster) }))
    .filter((c): c is { storyId: string; f: ClusterFeatures } => c.f !== null);
  const df: Record<string, number> = {};
  for (const m of members) for (const t of Object.keys(m.f.terms)) df[t] = (df[t] ?? 0) + 1;
  const scanStats = { docs: members.length, df };
  const idf = idfFn(scanStats);
  const stories = new Map<string, StoryFeatures>();
  for (const m of members) stories.set(m.storyId, addToStory(stories.get(m.storyId) ?? null, m.f, weightVector(m.f, idf)));
  // The candidates the index would give: stories in the date window sharing one of the article's distinctive keys
  // (the join threshold rises with their number, so unrelated stories must not count).
  const keys = indexKeys(f, idf);
  const win = dateWindow(f.published);
  const cands = [...stories]
    .filter(([, s]) => keys.some((k) => s.terms[k] !== undefined) && overlapsWindow(s, win))
    .map(([storyId, features]) => ({ storyId, features }));
  const decision = decideStory(f, weightVector(f, idf), cands, {}, scanStats);
  const at = deps.clock().toISOString();
  let storyId = decision.storyId;
  if (!storyId) {
    storyId = 's_' + sha256(articleId).slice(0, 12);
    if (!(await store.getStory(storyId))) await store.createStory(storyId, '', at);
  }
  await store.assignArticle(articleId, storyId, at);
  return storyId;
}

/**
 * A database whose stories were made before the clustering index existed: indexes them once (centroids, date
 * ranges, postings, document frequencies) from their articles' stored features, so that new articles can join them.
 */
async function backfillClusterIndex(deps: PipelineDeps): Promise<void> {
  const { store } = deps;
  if (!hasClusterIndex(store)) return;
  if ((await store.getTermStats([])).docs > 0) return;
  await store.withLock('cluster', () => buildClusterIndex(deps));
}

async function buildClusterIndex(deps: PipelineDeps): Promise<void> {
  const { store } = deps;
  if (!hasClusterIndex(store)) return;
  if ((await store.getTermStats([])).docs > 0) return; // another worker built it meanwhile
  const rows = await store.listClusterCandidates(null, CANDIDATE_LIMIT);
  if (rows.length === 0) return;
  const stats: TermStats = { docs: 0, df: {} };
  const stories = new Map<string, { features: StoryFeatures; keys: Set<string> }>();
  for (const r of [...rows].reverse()) {
    const f = asClusterFeatures((r.features as StoredFeatures | null)?.cluster);
    if (!f) continue;
    const idf = idfFn(stats);
    const vec = weightVector(f, idf);
    const cur = stories.get(r.storyId);
    const keys = cur?.keys ?? new Set<string>();
    for (const k of indexKeys(f, idf)) keys.add(k);
    stories.set(r.storyId, { features: addToStory(cur?.features ?? null, f, vec), keys });
    stats.docs++;
    for (const t of Object.keys(f.terms)) stats.df[t] = (stats.df[t] ?? 0) + 1;
    await store.addTermStats(Object.keys(f.terms));
  }
  const at = deps.clock().toISOString();
  for (const [id, s] of stories) {
    await store.saveStoryFeatures(id, s.features, { first: s.features.first, last: s.features.last }, [...s.keys], at);
  }
  deps.logger.info('clustering index built for existing stories', { stage: 'cluster', stories: stories.size });
}

/** Clusters articles an interrupted run stored without a story. */
export async function recoverUnassigned(deps: PipelineDeps): Promise<string[]> {
  await backfillClusterIndex(deps);
  const touched: string[] = [];
  for (const a of await deps.store.listUnassignedArticles(10000)) {
    const f = (a.features as StoredFeatures | null)?.cluster;
    if (!f) continue;
    touched.push(await deps.store.withLock('cluster', () => clusterOne(a.id, f, deps)));
  }
  return touched;
}

/** Rebuilds (as a new version) the report of each story whose articles changed. */
export async function rebuildReports(storyIds: Iterable<string>, deps: PipelineDeps): Promise<void> {
  // A story merged into another since it was touched: the survivor's report covers its articles.
  const live = new Set<string>();
  for (const id of new Set(storyIds)) {
    const to = await deps.store.resolveStory(id);
    if (to) live.add(to);
  }
  for (const id of live) {
    const t0 = performance.now();
    await buildStoryReport(id, deps);
    deps.logger.info('report built', { stage: 'synthesize', storyId: id, ms: Math.round(performance.now() - t0) });
  }
}

/** Stale reports an ingest also builds at its end (split-off stories, leftovers of an interrupted run). */
const STALE_AFTER_INGEST = 1000;

/** Ingests every item, then rebuilds the touched stories' reports. */
export async function ingestAll(
  items: AsyncIterable<InputItem> | Iterable<InputItem>,
  deps: PipelineDeps,
  onProgress?: (done: number, summary: IngestSummary) => void,
): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, duplicates: 0, failed: [], stories: 0, articleIds: [], storyIds: [] };
  const touched = new Set<string>(await recoverUnassigned(deps));
  let done = 0;
  for await (const item of items) {
    done++;
    if (!item.ok) {
      summary.failed.push({ ref: item.failure.ref, error: item.failure.error, code: item.failure.code });
      onProgress?.(done, summary);
      continue;
    }
    let out: IngestOutcome;
    try {
      out = await ingestInput(item.input, deps);
    } catch (e) {
      // A bug in a stage must not lose the rest of the batch; it is reported against its input.
      deps.logger.error('ingest crashed', { ref: item.input.ref, error: (e as Error).stack ?? String(e) });
      out = { status: 'failed', ref: item.input.ref, code: 'ingest/internal', error: `internal error: ${(e as Error).message}` };
    }
    if (out.status === 'added') {
      summary.added++;
      summary.articleIds.push(out.articleId);
      touched.add(out.storyId);
    } else if (out.status === 'duplicate') {
      summary.duplicates++;
      summary.articleIds.push(out.articleId);
    } else {
      summary.failed.push({ ref: out.ref, error: out.error, code: out.code });
    }
    onProgress?.(done, summary);
  }
  // Stories split off while clustering (and any other report left behind) are built too.
  await rebuildReports([...touched, ...(await deps.store.listStaleStories(STALE_AFTER_INGEST))], deps);
  summary.storyIds = [...touched];
  summary.stories = touched.size;
  return summary;
}

export type { Article };

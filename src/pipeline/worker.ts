/**
 * A stateless worker: claims jobs from the store's queue and runs them.
 * Any number of workers, on one machine or many, share one PostgreSQL store;
 * leases make a crashed worker's job come back, a key keeps at most one
 * pending report job per story, and clustering runs under a store-wide lock
 * so two workers never start two stories for one event.
 *
 * Job kinds:
 *  - `ingest` {input: RawInput}: extract, dedupe, cluster, store; then queues `report`.
 *  - `fetch`  {url, hints?}: fetch a page and ingest it.
 *  - `report` {storyId}: rebuild a story's report as a new version.
 *
 * Leases are short (PARALLAX_JOB_LEASE_MS) and renewed by a heartbeat while the job runs, so a killed worker's
 * jobs come back within one lease. Whether a failed job is retried, and when, is fetch/failures.ts's decision.
 * Each worker runs self-repair (repair.ts) on start and every PARALLAX_REPAIR_INTERVAL_S, queueing the reports.
 *
 * Why this hand-written queue rather than pg-boss or graphile-worker: both are PostgreSQL-only, and the same queue
 * must run on the SQLite file (`ingest --queue` then `worker` on one machine) behind one Store contract tested
 * against both; what was missing (heartbeats, pool sizing, a loop that survives store errors) is small.
 */
import { z } from 'zod';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { RawInput } from '../model.ts';
import type { Job } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { InputItem } from '../fetch/files.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.ts';
import { fetchInputs as fetchUrlInputs } from '../fetch/urls.ts';
import { codeOf, decideRetry, type FailureInfo } from '../fetch/failures.ts';
import { metrics } from '../util/metrics.ts';
import { ingestInput, type PipelineDeps } from './ingest.ts';
import { buildStoryReport } from './report.ts';
import { clusterIfUnassigned, repairStore } from './repair.ts';

export const JOB_KINDS = ['ingest', 'fetch', 'report'] as const;
const MAX_ATTEMPTS = 5;
/** Back-off of a failed job without a server-given wait: 30 s, doubling, at most an hour. */
const JOB_BACKOFF = { baseMs: 30_000, maxMs: 3600_000 };

const Hints = z
  .object({
    id: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    outlet: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
    language: z.string().nullable().optional(),
    published: z.string().nullable().optional(),
    byline: z.string().nullable().optional(),
  })
  .default({});
const IngestPayload = z.object({
  input: z.object({ ref: z.string(), kind: z.enum(['text', 'html']), body: z.string(), hints: Hints }),
});
const FetchPayload = z.object({ url: z.string().url(), hints: Hints });
const ReportPayload = z.object({ storyId: z.string() });

export interface WorkerDeps extends PipelineDeps {
  config: Config;
  /** Fetches URLs into inputs (defaults to fetch/urls.ts). */
  fetchInputs?: (urls: string[]) => AsyncIterable<InputItem>;
}

export function enqueueIngest(deps: PipelineDeps, input: RawInput): Promise<boolean> {
  return deps.store.enqueueJob('ingest', { input }, { runAt: deps.clock().toISOString() });
}

export function enqueueFetch(deps: PipelineDeps, url: string, hints: RawInput['hints'] = {}): Promise<boolean> {
  return deps.store.enqueueJob('fetch', { url, hints }, { key: `fetch:${url}`, runAt: deps.clock().toISOString() });
}

export function enqueueReport(deps: PipelineDeps, storyId: string): Promise<boolean> {
  return deps.store.enqueueJob('report', { storyId }, { key: `report:${storyId}`, runAt: deps.clock().toISOString() });
}

/** A typed failure of a job: its code decides whether it is retried (fetch/failures.ts). */
export class JobFailure extends Error {
  constructor(
    readonly info: FailureInfo,
    message: string,
  ) {
    super(`${info.code}: ${message}`);
  }
}

const badPayload = (kind: string, msg: string) => new JobFailure({ code: 'job/bad-payload' }, `bad ${kind} payload: ${msg}`);

async function ingestAndQueue(input: RawInput, deps: WorkerDeps): Promise<void> {
  const out = await ingestInput(input, deps);
  if (out.status === 'failed') throw new JobFailure({ code: out.code }, out.error);
  if (out.status === 'added') {
    await enqueueReport(deps, out.storyId);
    return;
  }
  // A job re-run after a crash finds its article stored: it may have been stopped before clustering or queueing.
  let storyId = (await deps.store.getArticle(out.articleId))?.storyId ?? null;
  if (!storyId) {
    const stored = (await deps.store.listUnassignedArticles(10000)).find((a) => a.id === out.articleId);
    if (stored) await clusterIfUnassigned(stored.id, stored.features, deps);
    storyId = (await deps.store.getArticle(out.articleId))?.storyId ?? null;
  }
  if (storyId) await enqueueReport(deps, storyId);
}

export async function runJob(job: Job, deps: WorkerDeps): Promise<void> {
  switch (job.kind) {
    case 'ingest': {
      const p = IngestPayload.safeParse(job.payload);
      if (!p.success) throw badPayload('ingest', p.error.message);
      await ingestAndQueue(p.data.input, deps);
      return;
    }
    case 'fetch': {
      const p = FetchPayload.safeParse(job.payload);
      if (!p.success) throw badPayload('fetch', p.error.message);
      const fetchInputs = deps.fetchInputs ?? ((urls: string[]) => fetchUrlInputs(urls, deps.config, deps.logger));
      for await (const item of fetchInputs([p.data.url])) {
        if (!item.ok) {
          const f = item.failure;
          metrics.inc('parallax_fetch_failures_total', { code: f.code, by: 'worker' });
          throw new JobFailure({ code: f.code, temporary: f.temporary, retryAfterMs: f.retryAfterMs }, f.error);
        }
        await ingestAndQueue({ ...item.input, hints: { ...p.data.hints, ...stripNulls(item.input.hints) } }, deps);
      }
      return;
    }
    case 'report': {
      const p = ReportPayload.safeParse(job.payload);
      if (!p.success) throw badPayload('report', p.error.message);
      await buildStoryReport(p.data.storyId, deps);
      metrics.inc('parallax_report_rebuilds_total', { reason: 'job' });
      return;
    }
    default:
      throw new JobFailure({ code: 'job/unknown-kind' }, `unknown job kind ${job.kind}`);
  }
}

function stripNulls<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export interface WorkerHandle {
  /** Stops claiming new jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Resolves when the queue has no ready job (for tests and one-shot runs). */
  drained(): Promise<void>;
}

export interface WorkerOptions {
  concurrency?: number;
  idleMs?: number;
  id?: string;
  /** Lease of a claimed job, ms (default PARALLAX_JOB_LEASE_MS); renewed every third of it while the job runs. */
  leaseMs?: number;
  /** Self-repair every this many ms (default PARALLAX_REPAIR_INTERVAL_S; 0 = only on start). */
  repairEveryMs?: number;
  /** Articles without a story are repaired once stored this long ago (default 60 s: others may be clustering them). */
  unassignedMinAgeMs?: number;
}

/** The retry time of a failed job, or null when it is not retried. */
export function retryAtFor(e: unknown, attempts: number, now: Date): string | null {
  const info: FailureInfo = e instanceof JobFailure ? e.info : { code: codeOf((e as Error)?.message ?? '') ?? 'job/internal' };
  if (attempts >= MAX_ATTEMPTS) return null;
  const d = decideRetry(info, attempts, JOB_BACKOFF);
  return d.retryable ? new Date(now.getTime() + d.retryAfterMs).toISOString() : null;
}

function withFetcher(deps: WorkerDeps): WorkerDeps {
  if (deps.fetchInputs) return deps;
  // One fetcher for all of this worker's jobs (robots.txt cache, per-host concurrency), with the per-host
  // interval booked in the store so that it holds across every worker sharing it.
  const fetcher = createFetcher(fetcherOptionsFromConfig(deps.config), {
    clock: deps.clock,
    logger: deps.logger,
    hostSlots: { reserve: (host, intervalMs, nowMs) => deps.store.reserveHostSlot(host, intervalMs, nowMs) },
  });
  const pool = deps.htmlPool;
  const feedParser = pool ? (body: string, url: string) => pool.parseFeed(body, url) : undefined;
  return { ...deps, fetchInputs: (urls) => fetchUrlInputs(urls, deps.config, deps.logger, { fetcher, clock: deps.clock, feedParser }) };
}

/** Renews a job's lease until the returned function is called. */
function heartbeat(deps: WorkerDeps, job: Job, worker: string, leaseMs: number): () => void {
  const timer = setInterval(
    () => {
      const until = new Date(deps.clock().getTime() + leaseMs).toISOString();
      deps.store.extendJobLease(job.id, worker, until).then(
        (held) => (held ? undefined : deps.logger.warn('job lease lost', { stage: 'worker', jobId: job.id })),
        (e: unknown) => deps.logger.warn('lease renewal failed', { stage: 'worker', jobId: job.id, error: String(e) }),
      );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs one claimed job and records its outcome; never throws (a store error leaves the job to its lease). */
async function runClaimed(job: Job, worker: string, leaseMs: number, deps: WorkerDeps): Promise<void> {
  const t0 = performance.now();
  const stopBeat = heartbeat(deps, job, worker, leaseMs);
  try {
    try {
      await runJob(job, deps);
    } catch (e) {
      stopBeat();
      const retryAt = retryAtFor(e, job.attempts, deps.clock());
      metrics.inc('parallax_jobs_total', { kind: job.kind, outcome: retryAt ? 'retry' : 'failed' });
      deps.logger.warn('job failed', { stage: 'worker', job: job.kind, jobId: job.id, error: (e as Error)?.message ?? String(e), retryAt });
      await deps.store.failJob(job.id, String((e as Error)?.message ?? e).slice(0, 2000), retryAt, deps.clock().toISOString());
      return;
    }
    stopBeat();
    await deps.store.completeJob(job.id, deps.clock().toISOString());
    metrics.inc('parallax_jobs_total', { kind: job.kind, outcome: 'done' });
    deps.logger.info('job done', { stage: 'worker', job: job.kind, jobId: job.id, ms: Math.round(performance.now() - t0) });
  } catch (e) {
    // The store is unreachable (pool exhausted, database restarting): the job's lease runs out and it comes back.
    deps.logger.error('job outcome not recorded', { stage: 'worker', jobId: job.id, error: String(e) });
  } finally {
    stopBeat();
  }
}

/** Self-repair with the reports queued (any worker builds them), now and every `everyMs`. */
function startRepairs(deps: WorkerDeps, everyMs: number, minAgeMs: number, stopped: () => boolean): { stop(): void; first: Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  const once = async () => {
    try {
      await repairStore(deps, { rebuild: async (id) => void (await enqueueReport(deps, id)), unassignedMinAgeMs: minAgeMs });
    } catch (e) {
      deps.logger.error('repair failed', { stage: 'worker', error: String(e) });
    }
    if (everyMs > 0 && !stopped()) {
      timer = setTimeout(() => void once(), everyMs);
      timer.unref();
    }
  };
  return { first: once(), stop: () => (timer ? clearTimeout(timer) : undefined) };
}

/** Claims and runs jobs until stopped. */
export function startWorker(deps: WorkerDeps, opts: WorkerOptions = {}): WorkerHandle {
  const id = opts.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  deps = withFetcher(deps);
  const leaseMs = opts.leaseMs ?? deps.config.PARALLAX_JOB_LEASE_MS;
  const idleMs = opts.idleMs ?? 1000;
  let stopping = false;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const loops: Promise<void>[] = [];
  const repairs = startRepairs(
    deps,
    opts.repairEveryMs ?? deps.config.PARALLAX_REPAIR_INTERVAL_S * 1000,
    opts.unassignedMinAgeMs ?? 60_000,
    () => stopping,
  );

  const claim = async (): Promise<Job | null> => {
    try {
      return await deps.store.claimJob(id, [...JOB_KINDS], leaseMs, deps.clock().toISOString());
    } catch (e) {
      deps.logger.error('claim failed', { stage: 'worker', error: String(e) });
      return null;
    }
  };
  const loop = async () => {
    await repairs.first;
    while (!stopping) {
      const job = await claim();
      if (!job) {
        if (inFlight === 0) {
          idleWaiters.forEach((w) => w());
          idleWaiters = [];
        }
        await new Promise((r) => setTimeout(r, idleMs));
        continue;
      }
      inFlight++;
      try {
        await runClaimed(job, id, leaseMs, deps);
      } finally {
        inFlight--;
      }
    }
  };
  for (let i = 0; i < Math.max(1, opts.concurrency ?? 1); i++) loops.push(loop());
  return {
    stop: async () => {
      stopping = true;
      repairs.stop();
      idleWaiters.forEach((w) => w());
      await Promise.all(loops);
    },
    drained: () => new Promise<void>((r) => idleWaiters.push(r)),
  };
}

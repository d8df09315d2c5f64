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
import { ingestInput, type PipelineDeps } from './ingest.ts';
import { buildStoryReport } from './report.ts';

export const JOB_KINDS = ['ingest', 'fetch', 'report'] as const;
const MAX_ATTEMPTS = 5;
const LEASE_MS = 5 * 60 * 1000;

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

/** A failure that retrying will not fix (bad input); anything else is retried with backoff. */
class PermanentError extends Error {}

async function ingestAndQueue(input: RawInput, deps: WorkerDeps): Promise<void> {
  const out = await ingestInput(input, deps);
  if (out.status === 'failed') throw new PermanentError(`${out.code}: ${out.error}`);
  if (out.status === 'added') await enqueueReport(deps, out.storyId);
}

export async function runJob(job: Job, deps: WorkerDeps): Promise<void> {
  switch (job.kind) {
    case 'ingest': {
      const p = IngestPayload.safeParse(job.payload);
      if (!p.success) throw new PermanentError(`bad ingest payload: ${p.error.message}`);
      await ingestAndQueue(p.data.input, deps);
      return;
    }
    case 'fetch': {
      const p = FetchPayload.safeParse(job.payload);
      if (!p.success) throw new PermanentError(`bad fetch payload: ${p.error.message}`);
      const fetchInputs = deps.fetchInputs ?? ((urls: string[]) => fetchUrlInputs(urls, deps.config, deps.logger));
      for await (const item of fetchInputs([p.data.url])) {
        if (!item.ok) {
          // robots-disallowed may be temporary (a robots.txt answering 5xx): retried like network faults.
          const permanent =
            /^fetch\/(http-4\d\d|blocked-address|too-large|bad-url|unsupported-type|too-many-redirects)$/.test(item.failure.code) &&
            item.failure.code !== 'fetch/http-429' &&
            item.failure.code !== 'fetch/http-408';
          const msg = `${item.failure.code}: ${item.failure.error}`;
          throw permanent ? new PermanentError(msg) : new Error(msg);
        }
        await ingestAndQueue({ ...item.input, hints: { ...p.data.hints, ...stripNulls(item.input.hints) } }, deps);
      }
      return;
    }
    case 'report': {
      const p = ReportPayload.safeParse(job.payload);
      if (!p.success) throw new PermanentError(`bad report payload: ${p.error.message}`);
      await buildStoryReport(p.data.storyId, deps);
      return;
    }
    default:
      throw new PermanentError(`unknown job kind ${job.kind}`);
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

/** Claims and runs jobs until stopped. */
export function startWorker(deps: WorkerDeps, opts: { concurrency?: number; idleMs?: number; id?: string } = {}): WorkerHandle {
  const id = opts.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (!deps.fetchInputs) {
    // One fetcher for all of this worker's jobs (robots.txt cache, per-host concurrency), with the per-host
    // interval booked in the store so that it holds across every worker sharing it.
    const fetcher = createFetcher(fetcherOptionsFromConfig(deps.config), {
      clock: deps.clock,
      logger: deps.logger,
      hostSlots: { reserve: (host, intervalMs, nowMs) => deps.store.reserveHostSlot(host, intervalMs, nowMs) },
    });
    const base = deps;
    deps = { ...deps, fetchInputs: (urls) => fetchUrlInputs(urls, base.config, base.logger, { fetcher, clock: base.clock }) };
  }
  const idleMs = opts.idleMs ?? 1000;
  let stopping = false;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const loops: Promise<void>[] = [];

  const loop = async () => {
    while (!stopping) {
      const now = deps.clock().toISOString();
      const job = await deps.store.claimJob(id, [...JOB_KINDS], LEASE_MS, now);
      if (!job) {
        if (inFlight === 0) {
          idleWaiters.forEach((w) => w());
          idleWaiters = [];
        }
        await new Promise((r) => setTimeout(r, idleMs));
        continue;
      }
      const t0 = performance.now();
      inFlight++;
      try {
        await runJob(job, deps);
        await deps.store.completeJob(job.id, deps.clock().toISOString());
        deps.logger.info('job done', { stage: 'worker', job: job.kind, jobId: job.id, ms: Math.round(performance.now() - t0) });
      } catch (e) {
        const permanent = e instanceof PermanentError || job.attempts >= MAX_ATTEMPTS;
        const retryAt = permanent ? null : new Date(deps.clock().getTime() + 30000 * 2 ** (job.attempts - 1)).toISOString();
        await deps.store.failJob(job.id, (e as Error).message, retryAt, deps.clock().toISOString());
        deps.logger.warn('job failed', { stage: 'worker', job: job.kind, jobId: job.id, error: (e as Error).message, retryAt });
      } finally {
        inFlight--;
      }
    }
  };
  for (let i = 0; i < Math.max(1, opts.concurrency ?? 1); i++) loops.push(loop());
  return {
    stop: async () => {
      stopping = true;
      idleWaiters.forEach((w) => w());
      await Promise.all(loops);
    },
    drained: () => new Promise<void>((r) => idleWaiters.push(r)),
  };
}

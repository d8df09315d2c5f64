/**
 * Endpoints for operators: /healthz (the process answers), /readyz (the store answers and its migrations are
 * applied) and /metrics (Prometheus text: articles, stories, stale stories, report versions, queue depth, stage
 * latencies — read from the store, so they cover every process sharing it — and this process's counters: fetch
 * failures by code, report rebuilds, jobs).
 */
import type { Hono } from 'hono';
import type { Store } from '../store/types.ts';
import { metrics, renderPrometheus, type MetricFamily } from '../util/metrics.ts';

/** How long store figures are reused between scrapes, ms. */
const STATS_TTL_MS = 5000;
const READY_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}

async function storeFamilies(store: Store): Promise<MetricFamily[]> {
  const [ops, q] = await Promise.all([store.opsStats(), store.queueStats()]);
  const gauge = (name: string, help: string, value: number): MetricFamily => ({ name, help, type: 'gauge', samples: [{ name, value }] });
  return [
    { name: 'parallax_articles', help: 'Articles stored.', type: 'gauge', samples: [{ name: 'parallax_articles', value: ops.articles }] },
    gauge('parallax_stories', 'Stories.', ops.stories),
    gauge('parallax_stories_stale', 'Stories whose latest report does not cover their articles yet.', ops.staleStories),
    {
      name: 'parallax_report_versions_total',
      help: 'Story report versions saved.',
      type: 'counter',
      samples: [{ name: 'parallax_report_versions_total', value: ops.reportVersions }],
    },
    {
      name: 'parallax_queue_jobs',
      help: 'Jobs in the work queue by status.',
      type: 'gauge',
      samples: (['pending', 'running', 'done', 'failed'] as const).map((status) => ({
        name: 'parallax_queue_jobs',
        labels: { status },
        value: q[status],
      })),
    },
    {
      name: 'parallax_stage_seconds_sum',
      help: 'Time spent in each pipeline stage, over the articles stored (last run of each).',
      type: 'counter',
      samples: ops.stages.map((s) => ({ name: 'parallax_stage_seconds_sum', labels: { stage: s.stage }, value: s.sumMs / 1000 })),
    },
    {
      name: 'parallax_stage_seconds_count',
      help: 'Articles that passed each pipeline stage.',
      type: 'counter',
      samples: ops.stages.map((s) => ({ name: 'parallax_stage_seconds_count', labels: { stage: s.stage }, value: s.count })),
    },
  ];
}

function processFamilies(): MetricFamily[] {
  const counter = (name: string, help: string): MetricFamily => ({ name, help, type: 'counter', samples: metrics.samples(name) });
  return [
    counter('parallax_fetch_failures_total', 'Failed fetches by failure code, in this process.'),
    counter('parallax_report_rebuilds_total', 'Story reports rebuilt by self-repair or queued jobs, in this process.'),
    counter('parallax_jobs_total', 'Jobs run by this process, by kind and outcome.'),
    counter('parallax_http_requests_total', 'HTTP requests answered by this process, by status class.'),
    {
      name: 'parallax_process_resident_bytes',
      help: 'Resident memory of this process.',
      type: 'gauge',
      samples: [{ name: 'parallax_process_resident_bytes', value: process.memoryUsage.rss() }],
    },
  ];
}

export function registerOps(app: Hono, store: Store): void {
  let cached: { at: number; families: MetricFamily[] } | null = null;
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      const pending = await withTimeout(store.pendingMigrations(), READY_TIMEOUT_MS);
      if (pending.length) return c.json({ status: 'not-ready', reason: `migrations not applied: ${pending.join(', ')}` }, 503);
      return c.json({ status: 'ready' });
    } catch (e) {
      return c.json({ status: 'not-ready', reason: `store unreachable: ${(e as Error).message}` }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    if (!cached || Date.now() - cached.at > STATS_TTL_MS) cached = { at: Date.now(), families: await storeFamilies(store) };
    return c.body(renderPrometheus([...cached.families, ...processFamilies()]), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
}

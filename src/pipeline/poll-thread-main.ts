/**
 * The body of `parallax run`'s poll thread (started by poll-thread.ts): its own store connection, self-repair, then the
 * poller (fetch, extract in its own extraction threads, ingest, cluster, rebuild reports) — all off the thread that
 * answers HTTP requests. It talks to its host only by messages (PollThreadMessage): its live status, its report
 * lines and log lines, and the stories each ingested batch changed; the host's `{ kind: 'stop' }` stops the poller
 * (every article already fetched is ingested first), closes the store and answers `{ kind: 'stopped' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getPriority, setPriority } from 'node:os';
import type { Config } from '../config/index.ts';
import { createLogger } from '../util/log.ts';
import { openStore } from '../store/index.ts';
import type { PollThreadData, PollThreadMessage } from './poll-thread.ts';

/** How much lower than the server's this thread's CPU priority is (nice steps), as a batch job beside a server runs. */
const NICE_STEPS = 10;

/**
 * Lowers this thread's CPU priority, not the process's: on Linux a thread has its own nice value (setpriority on the
 * calling thread), and the extraction threads it starts inherit it. Where that is refused, the thread runs as it is.
 */
function yieldCpuToServer(): void {
  try {
    setPriority(0, Math.min(19, getPriority(0) + NICE_STEPS));
  } catch {
    /* not permitted or not supported: same priority as the server */
  }
}

async function main(port: NonNullable<typeof parentPort>, data: PollThreadData): Promise<void> {
  yieldCpuToServer();
  const post = (m: PollThreadMessage) => port.postMessage(m);
  const config: Config = data.config;
  const logger = createLogger(config.PARALLAX_LOG_LEVEL, (line) => post({ kind: 'log', line }));
  const store = await openStore(config);
  const { loadRegistryCountries } = await import('../serve/http.ts');
  const { llmFromConfig } = await import('../synthesize/llm.ts');
  const { translatorsFromConfig } = await import('./translate.ts');
  const { createAnalysisCache } = await import('../analyze/cache.ts');
  const { repairStore, describeRepair } = await import('./repair.ts');
  const { startPoller } = await import('./poller.ts');
  const llm = llmFromConfig(config, fetch);
  const clock = () => new Date();
  // One analysis cache for the life of the thread: repair's builds and every poll cycle's.
  const analysisCache = createAnalysisCache();
  let stopping = false;
  let stopPolling: (() => Promise<void>) | null = null;
  const started = (async () => {
    // Self-repair before polling starts (a killed run's leftovers); the server already answers meanwhile.
    try {
      const s = await repairStore({
        store,
        clock,
        logger,
        registryCountries: await loadRegistryCountries(store),
        llm,
        translators: translatorsFromConfig(config, { fetch, llm, logger }),
        analysisCache,
      });
      if (s.clustered || s.stale) {
        post({ kind: 'report', line: `parallax: ${describeRepair(s)}` });
        post({ kind: 'changed', stories: null });
      }
    } catch (e) {
      post({ kind: 'report', line: `parallax: repair failed: ${(e as Error).message}` });
    }
    if (stopping) return;
    stopPolling = await startPoller({
      store,
      config,
      logger,
      clock,
      analysisCache,
      status: (line) => post({ kind: 'status', line }),
      report: (line) => post({ kind: 'report', line }),
      onStories: (stories) => post({ kind: 'changed', stories }),
    });
  })();
  port.on('message', (m: { kind?: string }) => {
    if (m.kind !== 'stop' || stopping) return;
    stopping = true;
    void (async () => {
      // A stop while repair or the poller's start runs waits for them; then every article fetched is ingested.
      await started.catch(() => {});
      if (stopPolling) await stopPolling();
      await store.close();
      post({ kind: 'stopped' });
    })();
  });
  post({ kind: 'ready' });
  await started;
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as PollThreadData).catch((e: unknown) => {
    // Said to the host, then thrown: the thread ends with an error and the host starts another.
    port.postMessage({ kind: 'fatal', message: String((e as Error)?.stack ?? e) } satisfies PollThreadMessage);
    setImmediate(() => {
      throw e;
    });
  });
}

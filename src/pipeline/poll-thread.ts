/**
 * `parallax run`'s poller in a worker thread, so that fetching, clustering, analysis and report building never hold
 * up the thread answering HTTP requests. The thread (poll-thread-main.ts) opens its own store connection (SQLite in
 * WAL mode: the server reads beside it; writes through the API wait on the busy timeout and the cross-process cluster
 * lock, as a cron `ingest` beside `run` does) and tells its host which stories each batch changed (`onChanged`).
 * It runs at a lower CPU priority than the server's thread (nice +10, that thread only), so on a busy machine the
 * answers come first and the ingest takes the time left.
 *
 * When the thread dies (a crash, out of memory), the host says so and starts another after a back-off that doubles
 * from `minRestartMs` to `maxRestartMs` (reset once a thread has run for `healthyMs`); the server keeps serving
 * meanwhile. `stop()` asks the thread to stop (it ingests what it already fetched), then ends it.
 *
 * Works from the compiled dist/ (the thread's JavaScript, no loader) and from src/ (the TypeScript, through tsx,
 * which a worker thread does not inherit from its parent).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/index.ts';

/** What the thread is started with (structured-cloned). */
export interface PollThreadData {
  config: Config;
}

/** What the thread says to its host. `changed`: the stories an ingested batch changed; null: any may have. */
export type PollThreadMessage =
  | { kind: 'ready' | 'stopped' }
  | { kind: 'status' | 'report' | 'log'; line: string }
  | { kind: 'changed'; stories: string[] | null }
  | { kind: 'fatal'; message: string };

export interface PollThreadOptions {
  /** The configuration the thread runs with (its PARALLAX_DB: the database the server reads). */
  config: Config;
  /** The live status line; report lines (cycle summaries, restarts); structured log lines. */
  status: (line: string) => void;
  report: (line: string) => void;
  log: (line: string) => void;
  /** Stories whose answers are to be forgotten (null: every story). */
  onChanged: (stories: string[] | null) => void;
  /** The thread's module (tests pass their own); default: poll-thread-main. */
  threadUrl?: URL;
  minRestartMs?: number;
  maxRestartMs?: number;
  healthyMs?: number;
  /** How long stop() waits for the thread to finish what it fetched before ending it. */
  stopTimeoutMs?: number;
}

export interface PollThread {
  /** Threads started so far (1 + restarts). */
  starts(): number;
  stop(): Promise<void>;
}

/** The worker's entry: registers tsx first when the module is TypeScript, then loads it. */
function bootstrap(threadUrl: string, tsxApiUrl: string | null): string {
  return `
(async () => {
  const tsx = ${JSON.stringify(tsxApiUrl)};
  if (tsx) {
    const api = await import(tsx);
    (api.register || (api.default && api.default.register))();
  }
  await import(${JSON.stringify(threadUrl)});
})().catch((e) => { setImmediate(() => { throw e; }); });
`;
}

function resolveTsx(): string | null {
  try {
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    const esm = cjs.replace(/\.cjs$/, '.mjs');
    return pathToFileURL(existsSync(esm) ? esm : cjs).href;
  } catch {
    return null;
  }
}

function defaultThreadUrl(): URL {
  // Compiled (dist/): the thread's JavaScript; from src/: the TypeScript.
  return new URL(import.meta.url.endsWith('.js') ? './poll-thread-main.js' : './poll-thread-main.ts', import.meta.url);
}

export function startPollThread(o: PollThreadOptions): PollThread {
  const url = o.threadUrl ?? defaultThreadUrl();
  const code = bootstrap(url.href, url.pathname.endsWith('.ts') ? resolveTsx() : null);
  const minMs = o.minRestartMs ?? 1000;
  const maxMs = o.maxRestartMs ?? 60_000;
  const healthyMs = o.healthyMs ?? 60_000;
  let starts = 0;
  let failuresInARow = 0;
  let stopping = false;
  let current: { worker: Worker; stopped: Promise<void>; exited: Promise<void> } | null = null;
  let restartTimer: NodeJS.Timeout | null = null;

  const start = (): void => {
    starts++;
    const t0 = Date.now();
    const worker = new Worker(code, { eval: true, workerData: { config: o.config } satisfies PollThreadData });
    let lastError = '';
    let stoppedResolve: () => void = () => {};
    const stopped = new Promise<void>((r) => (stoppedResolve = r));
    worker.on('message', (m: PollThreadMessage) => {
      if (m.kind === 'status') o.status(m.line);
      else if (m.kind === 'report') o.report(m.line);
      else if (m.kind === 'log') o.log(m.line);
      else if (m.kind === 'changed') o.onChanged(m.stories);
      else if (m.kind === 'fatal') lastError = m.message.split('\n')[0]!;
      else if (m.kind === 'stopped') stoppedResolve();
    });
    worker.on('error', (e) => (lastError ||= e.message));
    const exited = new Promise<void>((resolve) =>
      worker.on('exit', (code) => {
        stoppedResolve();
        resolve();
        if (current?.worker === worker) current = null;
        if (stopping) return;
        failuresInARow = Date.now() - t0 >= healthyMs ? 1 : failuresInARow + 1;
        const wait = Math.min(maxMs, minMs * 2 ** (failuresInARow - 1));
        o.report(
          `parallax: the poll thread stopped (${lastError || `exit code ${code}`}); the server keeps serving; ` +
            `polling restarts in ${(wait / 1000).toFixed(wait < 1000 ? 1 : 0)} s`,
        );
        // Whatever the dead thread had ingested may not have been announced.
        o.onChanged(null);
        restartTimer = setTimeout(() => ((restartTimer = null), stopping || start()), wait);
      }),
    );
    current = { worker, stopped, exited };
  };

  start();
  return {
    starts: () => starts,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const c = current;
      if (!c) return;
      c.worker.postMessage({ kind: 'stop' });
      const timeoutMs = o.stopTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | null = null;
      await Promise.race([c.stopped, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      if (timer) clearTimeout(timer);
      await c.worker.terminate();
      await c.exited;
    },
  };
}

/**
 * Isolated extraction of outside input: a pool of worker threads, each with a
 * bounded heap (resourceLimits), running extractHtml (with its element/depth
 * limits) or extractPlainText. An input that exhausts the heap, or takes longer
 * than the per-item time budget, kills only its worker (respawned on demand)
 * and yields a typed failure: `extract/too-complex` or `extract/timeout`. The
 * budget counts from the moment the input reaches a ready thread (starting a
 * thread has its own allowance, BOOT_MS). The calling thread (a server
 * answering requests, the poller) never runs the extraction itself. No
 * module-level state: create a pool with createHtmlExtractPool and close it.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ExtractedArticle, Result } from '../model.ts';
import { fail } from '../model.ts';
import type { HtmlOptions } from './html.ts';
import type { PlainTextOptions } from './plaintext.ts';
import type { ParseLimits } from './html/dom.ts';
import type { ThreadRequest } from './html/thread.ts';
import type { ParsedFeedWithIndex } from '../fetch/feeds.ts';

export interface HtmlExtractPoolOptions {
  /** Worker threads (default 1). */
  size?: number;
  /** Heap limit of each worker, in MiB (default 256). */
  maxHeapMb?: number;
  /** Time budget per input, in ms (default 15000), counted once a ready thread has it. */
  timeoutMs?: number;
  /** Parser limits passed to extractHtml. */
  limits?: Partial<ParseLimits>;
}

export interface HtmlExtractPool {
  extract(html: string, opts: Pick<HtmlOptions, 'url' | 'now' | 'fallback'>): Promise<Result<ExtractedArticle>>;
  /** Plain text (extractPlainText) under the same budget. */
  extractText(
    raw: string,
    opts: Omit<PlainTextOptions, 'outletLines'> & { outletLines?: ReadonlySet<string> },
  ): Promise<Result<ExtractedArticle>>;
  /** A feed (parseFeed) under the same budget; the pool's own failures are feed/timeout, feed/too-complex, feed/failed. */
  parseFeed(body: string, url: string): Promise<Result<ParsedFeedWithIndex>>;
  close(): Promise<void>;
}

/** How long a new thread may take to load the extractors before its first input counts as timed out. */
const BOOT_MS = 60_000;

interface Task {
  req: ThreadRequest;
  resolve: (r: Result<unknown>) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/**
 * The worker's entry: loads the thread module, registering tsx first when
 * it is the TypeScript source (a worker does not inherit the parent's loader).
 */
function bootstrap(threadUrl: string, tsxApiUrl: string | null): string {
  return `
const { parentPort } = require('node:worker_threads');
(async () => {
  const tsx = ${JSON.stringify(tsxApiUrl)};
  if (tsx) {
    const api = await import(tsx);
    (api.register || (api.default && api.default.register))();
  }
  await import(${JSON.stringify(threadUrl)});
})().catch((e) => { parentPort.postMessage({ fatal: String((e && e.stack) || e) }); });
`;
}

function resolveTsx(): string | null {
  try {
    // The ESM build of tsx's API (its CommonJS build resolves its hooks relative to itself).
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    const esm = cjs.replace(/\.cjs$/, '.mjs');
    return pathToFileURL(existsSync(esm) ? esm : cjs).href;
  } catch {
    return null;
  }
}

export function createHtmlExtractPool(options: HtmlExtractPoolOptions = {}): HtmlExtractPool {
  const size = Math.max(1, options.size ?? 1);
  const maxHeapMb = options.maxHeapMb ?? 256;
  const timeoutMs = options.timeoutMs ?? 15_000;
  // Compiled (dist/, see scripts/build.mjs): the thread's JavaScript, no loader; from src/: the TypeScript, through tsx.
  const compiled = import.meta.url.endsWith('.js');
  const threadUrl = new URL(compiled ? './html/thread.js' : './html/thread.ts', import.meta.url).href;
  const code = bootstrap(threadUrl, compiled ? null : resolveTsx());
  const slots: (Slot | null)[] = new Array(size).fill(null);
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (i: number): Slot => {
    const worker = new Worker(code, {
      eval: true,
      resourceLimits: {
        maxOldGenerationSizeMb: maxHeapMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, maxHeapMb / 8)),
        stackSizeMb: 8,
      },
    });
    worker.unref();
    let readyResolve: () => void = () => {};
    const ready = new Promise<void>((res) => (readyResolve = res));
    const slot: Slot = { worker, ready, task: null, timer: null };
    worker.on('message', (msg: { ready?: boolean; fatal?: string; id?: number; result?: Result<unknown> }) => {
      if (msg.ready) return readyResolve();
      if (msg.fatal) {
        if (slots[i] === slot) slots[i] = null;
        finish(i, slot, fail('extract/failed', `extraction worker failed to start: ${msg.fatal.split('\n')[0]}`));
        void worker.terminate();
        return;
      }
      if (slot.task && msg.id === slot.task.req.id && msg.result) finish(i, slot, msg.result);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (slots[i] === slot) slots[i] = null;
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message);
      finish(
        i,
        slot,
        oom
          ? fail('extract/too-complex', 'page exhausted the extraction heap limit')
          : fail('extract/failed', `extraction worker crashed: ${e.message}`),
      );
    });
    worker.on('exit', () => {
      if (slots[i] === slot) slots[i] = null;
      if (slot.task) finish(i, slot, fail('extract/too-complex', 'extraction worker exited while parsing the page'));
      pump();
    });
    return slot;
  };

  const finish = (i: number, slot: Slot, r: Result<unknown>): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const t = slot.task;
    slot.task = null;
    if (t) t.resolve(r);
    if (slots[i] === slot) pump();
  };

  const pump = (): void => {
    if (closed) return;
    for (let i = 0; i < size && queue.length; i++) {
      let slot = slots[i];
      if (slot && slot.task) continue;
      if (!slot) slot = slots[i] = spawn(i);
      const s = slot;
      const task = queue.shift() as Task;
      s.task = task;
      s.worker.ref();
      const expire = (message: string) => () => {
        const t = s.task;
        s.task = null;
        if (slots[i] === s) slots[i] = null;
        void s.worker.terminate();
        if (t) t.resolve(fail('extract/timeout', message));
        pump();
      };
      s.timer = setTimeout(expire(`the extraction thread did not start within ${BOOT_MS} ms`), BOOT_MS);
      void s.ready.then(() => {
        if (s.task !== task) return;
        if (s.timer) clearTimeout(s.timer);
        s.timer = setTimeout(expire(`extraction took longer than ${timeoutMs} ms`), timeoutMs);
        s.worker.postMessage(task.req);
      });
    }
    for (const s of slots) if (s && !s.task) s.worker.unref();
  };

  const submit = <T>(req: Omit<ThreadRequest, 'id'>): Promise<Result<T>> => {
    if (closed) return Promise.resolve(fail('extract/closed', 'the extraction pool is closed'));
    return new Promise((resolve) => {
      queue.push({ req: { ...req, id: nextId++ }, resolve: resolve as (r: Result<unknown>) => void });
      pump();
    });
  };

  return {
    extract(html, opts) {
      return submit<ExtractedArticle>({
        html,
        url: opts.url,
        now: opts.now.toISOString(),
        limits: options.limits,
        fallback: opts.fallback,
      });
    },
    extractText(raw, opts) {
      return submit<ExtractedArticle>({
        kind: 'text',
        html: raw,
        url: null,
        now: opts.now.toISOString(),
        outletLines: opts.outletLines ? [...opts.outletLines] : undefined,
        titleHint: opts.titleHint ?? null,
      });
    },
    async parseFeed(body, url) {
      const r = await submit<ParsedFeedWithIndex>({ kind: 'feed', html: body, url, now: new Date(0).toISOString() });
      // The pool's own failures (time budget, heap, a crash) speak of the feed, not of an extraction.
      return r.ok || !r.code.startsWith('extract/') ? r : fail(r.code.replace(/^extract\//, 'feed/'), r.message);
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.resolve(fail('extract/closed', 'the extraction pool was closed'));
      await Promise.all(
        slots.map(async (s, i) => {
          if (!s) return;
          slots[i] = null;
          if (s.timer) clearTimeout(s.timer);
          const t = s.task;
          s.task = null;
          if (t) t.resolve(fail('extract/closed', 'the extraction pool was closed'));
          await s.worker.terminate();
        }),
      );
    },
  };
}

/**
 * One page, isolated. Pass a pool to reuse its threads; without one, a
 * single-use worker is started and stopped for this page.
 */
export async function extractHtmlIsolated(
  html: string,
  opts: Pick<HtmlOptions, 'url' | 'now' | 'fallback'> & { pool?: HtmlExtractPool } & HtmlExtractPoolOptions,
): Promise<Result<ExtractedArticle>> {
  if (opts.pool) return opts.pool.extract(html, opts);
  const pool = createHtmlExtractPool({ size: 1, maxHeapMb: opts.maxHeapMb, timeoutMs: opts.timeoutMs, limits: opts.limits });
  try {
    return await pool.extract(html, opts);
  } finally {
    await pool.close();
  }
}

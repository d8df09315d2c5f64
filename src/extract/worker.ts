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

/** The threads and the queue of one pool: a thread per slot, spawned on demand, replaced when it dies. */
class ThreadPool {
  private readonly slots: (Slot | null)[];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly code: string,
    private readonly size: number,
    private readonly maxHeapMb: number,
    private readonly timeoutMs: number,
  ) {
    this.slots = new Array(size).fill(null);
  }

  submit<T>(req: Omit<ThreadRequest, 'id'>): Promise<Result<T>> {
    if (this.closed) return Promise.resolve(fail('extract/closed', 'the extraction pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ req: { ...req, id: this.nextId++ }, resolve: resolve as (r: Result<unknown>) => void });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve(fail('extract/closed', 'the extraction pool was closed'));
    await Promise.all(
      this.slots.map(async (s, i) => {
        if (!s) return;
        this.slots[i] = null;
        if (s.timer) clearTimeout(s.timer);
        const t = s.task;
        s.task = null;
        if (t) t.resolve(fail('extract/closed', 'the extraction pool was closed'));
        await s.worker.terminate();
      }),
    );
  }

  private spawn(i: number): Slot {
    const { maxHeapMb } = this;
    const worker = new Worker(this.code, {
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
        this.vacate(i, slot);
        this.finish(i, slot, fail('extract/failed', `extraction worker failed to start: ${msg.fatal.split('\n')[0]}`));
        void worker.terminate();
        return;
      }
      if (slot.task && msg.id === slot.task.req.id && msg.result) this.finish(i, slot, msg.result);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      this.vacate(i, slot);
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message);
      const r = oom
        ? fail('extract/too-complex', 'page exhausted the extraction heap limit')
        : fail('extract/failed', `extraction worker crashed: ${e.message}`);
      this.finish(i, slot, r);
    });
    worker.on('exit', () => {
      this.vacate(i, slot);
      if (slot.task) this.finish(i, slot, fail('extract/too-complex', 'extraction worker exited while parsing the page'));
      this.pump();
    });
    return slot;
  }

  /** The slot's thread is gone (or going): the next task there starts a new one. */
  private vacate(i: number, slot: Slot): void {
    if (this.slots[i] === slot) this.slots[i] = null;
  }

  private finish(i: number, slot: Slot, r: Result<unknown>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const t = slot.task;
    slot.task = null;
    if (t) t.resolve(r);
    if (this.slots[i] === slot) this.pump();
  }

  /** Hands queued tasks to idle slots (spawning threads as needed); idle threads do not keep the process alive. */
  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.size && this.queue.length; i++) {
      let slot = this.slots[i];
      if (slot && slot.task) continue;
      if (!slot) slot = this.slots[i] = this.spawn(i);
      this.start(i, slot, this.queue.shift() as Task);
    }
    for (const s of this.slots) if (s && !s.task) s.worker.unref();
  }

  /** Runs a task on a slot: the boot allowance until its thread is ready, then the task's own time budget. */
  private start(i: number, s: Slot, task: Task): void {
    s.task = task;
    s.worker.ref();
    const expire = (message: string) => () => {
      const t = s.task;
      s.task = null;
      this.vacate(i, s);
      void s.worker.terminate();
      if (t) t.resolve(fail('extract/timeout', message));
      this.pump();
    };
    s.timer = setTimeout(expire(`the extraction thread did not start within ${BOOT_MS} ms`), BOOT_MS);
    void s.ready.then(() => {
      if (s.task !== task) return;
      if (s.timer) clearTimeout(s.timer);
      s.timer = setTimeout(expire(`extraction took longer than ${this.timeoutMs} ms`), this.timeoutMs);
      s.worker.postMessage(task.req);
    });
  }
}

export function createHtmlExtractPool(options: HtmlExtractPoolOptions = {}): HtmlExtractPool {
  // Compiled (dist/, see scripts/build.mjs): the thread's JavaScript, no loader; from src/: the TypeScript, through tsx.
  const compiled = import.meta.url.endsWith('.js');
  const threadUrl = new URL(compiled ? './html/thread.js' : './html/thread.ts', import.meta.url).href;
  const code = bootstrap(threadUrl, compiled ? null : resolveTsx());
  const pool = new ThreadPool(code, Math.max(1, options.size ?? 1), options.maxHeapMb ?? 256, options.timeoutMs ?? 15_000);
  return {
    extract(html, opts) {
      return pool.submit<ExtractedArticle>({
        html,
        url: opts.url,
        now: opts.now.toISOString(),
        limits: options.limits,
        fallback: opts.fallback,
      });
    },
    extractText(raw, opts) {
      return pool.submit<ExtractedArticle>({
        kind: 'text',
        html: raw,
        url: null,
        now: opts.now.toISOString(),
        outletLines: opts.outletLines ? [...opts.outletLines] : undefined,
        titleHint: opts.titleHint ?? null,
      });
    },
    async parseFeed(body, url) {
      const r = await pool.submit<ParsedFeedWithIndex>({ kind: 'feed', html: body, url, now: new Date(0).toISOString() });
      // The pool's own failures (time budget, heap, a crash) speak of the feed, not of an extraction.
      return r.ok || !r.code.startsWith('extract/') ? r : fail(r.code.replace(/^extract\//, 'feed/'), r.message);
    },
    close: () => pool.close(),
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

/**
 * Waiting one's turn: the per-host gate (how many requests to a host at once, how long between two starts) and the
 * abort race every wait of the fetcher goes through.
 */
import { fail } from '../model.ts';
import type { FetchFailure } from './types.ts';

/** Shared per-host start times: `reserve` books the next start at least `intervalMs` after the last one booked. */
export interface HostSlots {
  /** Books a start for `host`; returns the epoch ms at which the caller may start (now, or later). */
  reserve(host: string, intervalMs: number, nowMs: number): Promise<number>;
}

/** A semaphore plus a start-interval reservation, per host. */
export class HostGate {
  private active = 0;
  private waiting: Array<() => void> = [];
  private nextStart = 0;
  constructor(
    private readonly limit: number,
    private intervalMs: number,
  ) {}
  /** Raises the minimum interval (e.g. to a robots.txt Crawl-delay); never lowers it. */
  atLeast(ms: number): void {
    if (ms > this.intervalMs) this.intervalMs = ms;
  }
  async acquire(now: () => number, sleep: (ms: number) => Promise<void>, shared?: { slots: HostSlots; host: string }): Promise<void> {
    // A waiter that was aborted still takes its turn (and releases it at once): the count stays right.
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    const t = now();
    let start = Math.max(t, this.nextStart);
    this.nextStart = start + this.intervalMs;
    if (shared && this.intervalMs > 0) {
      // Other processes fetch from this host too: the shared booking decides (it is never earlier than ours).
      try {
        start = Math.max(start, await shared.slots.reserve(shared.host, this.intervalMs, t));
        this.nextStart = Math.max(this.nextStart, start + this.intervalMs);
      } catch {
        /* the shared booking is unavailable: the local interval still holds */
      }
    }
    const wait = start - now();
    if (wait > 0) await sleep(wait);
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
  idle(): boolean {
    return this.active === 0 && this.waiting.length === 0;
  }
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export const ABORTED: unique symbol = Symbol('aborted');

/** `p`, or ABORTED as soon as `signal` fires (the work behind `p` goes on, its result is ignored). */
export function orAbort<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

export const abortedFailure = (url: string): FetchFailure => fail('fetch/aborted', `fetch of ${url.slice(0, 200)} aborted`);

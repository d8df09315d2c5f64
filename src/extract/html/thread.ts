/**
 * Worker-thread side of the isolated HTML extractor (see ../worker.ts):
 * receives pages, answers with extractHtml's Result. Runs with a bounded heap;
 * if a page exhausts it, the thread dies and the pool reports a typed failure.
 */
import { parentPort } from 'node:worker_threads';
import { extractHtml } from '../html.ts';
import type { ParseLimits } from './dom.ts';

export interface ThreadRequest {
  id: number;
  html: string;
  url: string | null;
  now: string;
  limits?: Partial<ParseLimits>;
  fallback?: boolean;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: ThreadRequest) => {
    let result;
    try {
      result = extractHtml(req.html, { url: req.url, now: new Date(req.now), limits: req.limits, fallback: req.fallback });
    } catch (e) {
      result = { ok: false as const, code: 'extract/failed', message: `extractor error: ${(e as Error).message}` };
    }
    port.postMessage({ id: req.id, result });
  });
  port.postMessage({ ready: true });
}

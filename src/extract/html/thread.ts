/**
 * Worker-thread side of the isolated extractor (see ../worker.ts): receives pages (HTML), plain texts and feeds,
 * answers with extractHtml's, extractPlainText's or parseFeed's Result. Runs with a bounded heap and under the pool's time budget; if an
 * input exhausts either, the thread dies and the pool reports a typed failure.
 */
import { parentPort } from 'node:worker_threads';
import { extractHtml } from '../html.ts';
import { extractPlainText } from '../plaintext.ts';
import { parseFeed } from '../../fetch/feeds.ts';
import type { Result } from '../../model.ts';
import type { ParseLimits } from './dom.ts';

export interface ThreadRequest {
  id: number;
  /** 'html' (default), 'text' or 'feed' (`html` holds the body, `url` the feed's URL). */
  kind?: 'html' | 'text' | 'feed';
  html: string;
  url: string | null;
  now: string;
  limits?: Partial<ParseLimits>;
  fallback?: boolean;
  /** Plain text: keys of the outlet's furniture lines, and the headline the input carried. */
  outletLines?: string[];
  titleHint?: string | null;
}

function run(req: ThreadRequest): Result<unknown> {
  if (req.kind === 'feed') return parseFeed(req.html, req.url ?? '');
  const now = new Date(req.now);
  if (req.kind === 'text')
    return extractPlainText(req.html, {
      now,
      outletLines: req.outletLines ? new Set(req.outletLines) : undefined,
      titleHint: req.titleHint ?? null,
    });
  return extractHtml(req.html, { url: req.url, now, limits: req.limits, fallback: req.fallback });
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: ThreadRequest) => {
    let result;
    try {
      result = run(req);
    } catch (e) {
      result = { ok: false as const, code: 'extract/failed', message: `extractor error: ${(e as Error).message}` };
    }
    port.postMessage({ id: req.id, result });
  });
  port.postMessage({ ready: true });
}

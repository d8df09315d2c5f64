/**
 * One JSON request to a translation server through the injected fetch, with a time limit and a body size limit.
 * Every expected failure (refused, timed out, HTTP error, too large, not JSON) is a typed result.
 */
import { fail, ok, type Result } from '../model.ts';
import { readBodyCapped } from '../util/body.ts';

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Largest response body read, in bytes. */
  maxBytes: number;
}

export async function requestJson(fetchImpl: typeof fetch, req: JsonRequest): Promise<Result<unknown>> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), req.timeoutMs);
  try {
    const res = await fetchImpl(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: ctl.signal,
    });
    const body = await readBodyCapped(res, req.maxBytes);
    if (!res.ok) return fail('translate/http', `HTTP ${res.status}`);
    if (body === null) return fail('translate/too-large', `answer larger than ${req.maxBytes} bytes`);
    try {
      return ok(JSON.parse(body) as unknown);
    } catch {
      return fail('translate/garbage', 'answer is not JSON');
    }
  } catch (e) {
    if (ctl.signal.aborted) return fail('translate/timeout', `no answer in ${req.timeoutMs} ms`);
    return fail('translate/network', e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

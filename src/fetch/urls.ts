/**
 * URL inputs for ingest: fetches each URL and adapts the page into RawInput.
 * (The full fetcher — SSRF guard, charsets, robots, feeds — lives in fetch/http.ts.)
 */
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { InputItem } from './files.ts';

export async function* fetchInputs(urls: string[], config: Config, _logger: Logger): AsyncGenerator<InputItem> {
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(config.PARALLAX_FETCH_TIMEOUT_MS), redirect: 'follow' });
      if (!res.ok) {
        yield { ok: false, failure: { ref: url, code: `fetch/http-${res.status}`, error: `HTTP ${res.status}` } };
        continue;
      }
      const body = await res.text();
      yield { ok: true, input: { ref: url, kind: 'html', body, hints: { url } } };
    } catch (e) {
      yield { ok: false, failure: { ref: url, code: 'fetch/network', error: (e as Error).message } };
    }
  }
}

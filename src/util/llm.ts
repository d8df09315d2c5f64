/**
 * The optional language model's client: any OpenAI-compatible chat completions endpoint
 * (PARALLAX_LLM_URL / _MODEL / _API_KEY / _TIMEOUT_MS), fetch injected, the response body capped.
 * Anything malformed, late or failed yields null (logged) so the caller keeps its deterministic result.
 * Used by synthesis (synthesize/llm.ts) and by translation (translate/llm.ts).
 */
import { z } from 'zod';
import { readBodyCapped } from './body.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from './log.ts';

export interface LlmClient {
  /** Base URL (".../v1") or the full ".../chat/completions" URL. */
  url: string;
  model: string;
  apiKey?: string | null;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Hard limit on the response body, in bytes. */
  maxBytes?: number;
}

export function llmFromConfig(
  config: Pick<Config, 'PARALLAX_LLM_URL' | 'PARALLAX_LLM_MODEL' | 'PARALLAX_LLM_API_KEY' | 'PARALLAX_LLM_TIMEOUT_MS'>,
  fetchImpl: typeof fetch,
): LlmClient | null {
  if (!config.PARALLAX_LLM_URL || !config.PARALLAX_LLM_MODEL) return null;
  return {
    url: config.PARALLAX_LLM_URL,
    model: config.PARALLAX_LLM_MODEL,
    apiKey: config.PARALLAX_LLM_API_KEY ?? null,
    timeoutMs: config.PARALLAX_LLM_TIMEOUT_MS,
    fetch: fetchImpl,
  };
}

export function completionsUrl(base: string): string {
  const b = base.replace(/\/+$/, '');
  return /\/chat\/completions$/.test(b) ? b : `${b}/chat/completions`;
}

const ChatResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One chat completion; returns the assistant's text or null (logged) on any failure. */
export async function chat(client: LlmClient, messages: ChatMessage[], opts: { logger?: Logger } = {}): Promise<string | null> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), client.timeoutMs);
  const t0 = performance.now();
  const maxBytes = client.maxBytes ?? 2 * 1024 * 1024;
  try {
    const res = await client.fetch(completionsUrl(client.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(client.apiKey ? { authorization: `Bearer ${client.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: client.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
      signal: ctl.signal,
    });
    if (!res.ok) {
      opts.logger?.warn('llm request failed', { stage: 'synthesize', code: 'synthesize/llm-http', status: res.status });
      return null;
    }
    const body = await readBodyCapped(res, maxBytes);
    if (body === null) {
      opts.logger?.warn('llm response too large', { stage: 'synthesize', code: 'synthesize/llm-too-large' });
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      opts.logger?.warn('llm response is not JSON', { stage: 'synthesize', code: 'synthesize/llm-garbage' });
      return null;
    }
    const r = ChatResponse.safeParse(json);
    if (!r.success) {
      opts.logger?.warn('llm response has no message', { stage: 'synthesize', code: 'synthesize/llm-garbage' });
      return null;
    }
    opts.logger?.debug('llm answered', { stage: 'synthesize', ms: Math.round(performance.now() - t0) });
    return r.data.choices[0]!.message.content;
  } catch (e) {
    const aborted = ctl.signal.aborted;
    opts.logger?.warn(aborted ? 'llm request timed out' : 'llm request failed', {
      stage: 'synthesize',
      code: aborted ? 'synthesize/llm-timeout' : 'synthesize/llm-network',
      message: e instanceof Error ? e.message : String(e),
    });
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a JSON object out of a model answer (tolerating a ```json fence). */
export function parseJsonAnswer(text: string | null): unknown {
  if (!text) return null;
  const t = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return JSON.parse(t);
  } catch {
    const m = t.match(/\{[\s\S]*\}/);
    if (!m) return null;
    try {
      return JSON.parse(m[0]);
    } catch {
      return null;
    }
  }
}

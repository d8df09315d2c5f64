/**
 * Optional language model: any OpenAI-compatible chat completions endpoint
 * (PARALLAX_LLM_URL / _MODEL / _API_KEY / _TIMEOUT_MS). It rewrites the
 * overview for fluency, keeping per-sentence citations (asked for as JSON),
 * and can write per-country summaries. fetch is injected. Every answer is
 * validated; anything malformed, late or failed yields null so the caller
 * keeps the deterministic text. Its sentences are grounded by the caller.
 */
import { z } from 'zod';
import { readBodyCapped } from '../util/body.ts';
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, CountryTake } from '../report.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import { countryName } from './countries.ts';

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

export function llmFromConfig(config: Pick<Config, 'PARALLAX_LLM_URL' | 'PARALLAX_LLM_MODEL' | 'PARALLAX_LLM_API_KEY' | 'PARALLAX_LLM_TIMEOUT_MS'>, fetchImpl: typeof fetch): LlmClient | null {
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
  const t = text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
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

const OverviewAnswer = z.object({
  sentences: z
    .array(z.object({ text: z.string().min(1).max(800), articles: z.array(z.string()).min(1).max(200) }))
    .min(1)
    .max(12),
});

const SYSTEM = [
  'You edit neutral multi-source news summaries.',
  'Rewrite the given sentences so they read as fluent, neutral prose.',
  'Never add a fact, number, date, name or quotation that is not in the input; do not use loaded or judgemental words.',
  'Each output sentence must list in "articles" the article ids of the input sentences it is based on.',
  'Answer with JSON only: {"sentences":[{"text":"...","articles":["id",...]}]}',
].join(' ');

/** Asks the model to rewrite the overview; null when it fails or answers out of contract. */
export async function rewriteOverview(
  client: LlmClient,
  overview: Cited[],
  articles: AnalysisArticle[],
  opts: { logger?: Logger } = {},
): Promise<Cited[] | null> {
  const known = new Set(articles.map((a) => a.id));
  const input = overview.map((s, i) => ({ n: i + 1, text: s.text, articles: s.articles }));
  const answer = await chat(
    client,
    [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: JSON.stringify({ sentences: input }) },
    ],
    opts,
  );
  const r = OverviewAnswer.safeParse(parseJsonAnswer(answer));
  if (!r.success) {
    if (answer !== null) opts.logger?.warn('llm overview out of contract', { stage: 'synthesize', code: 'synthesize/llm-garbage' });
    return null;
  }
  const out: Cited[] = [];
  for (const s of r.data.sentences) {
    const ids = [...new Set(s.articles)].filter((id) => known.has(id));
    if (ids.length === 0) return null;
    out.push({ text: s.text.replace(/\s+/g, ' ').trim(), articles: ids });
  }
  return out;
}

const CountriesAnswer = z.object({ countries: z.record(z.string().max(40), z.string().max(1200)) });

/** Asks the model for one short summary per country of what its coverage stresses; keys are alpha-2 codes or "unknown". */
export async function summarizeCountries(
  client: LlmClient,
  countries: CountryTake[],
  articles: AnalysisArticle[],
  opts: { logger?: Logger; maxCharsPerArticle?: number } = {},
): Promise<Map<string, string> | null> {
  if (countries.length < 2) return null;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const max = opts.maxCharsPerArticle ?? 1500;
  const payload = countries.map((c) => ({
    country: c.country ?? 'unknown',
    name: countryName(c.country),
    articles: c.articles.slice(0, 5).map((id) => ({ outlet: byId.get(id)?.outlet ?? null, text: (byId.get(id)?.text ?? '').slice(0, max) })),
  }));
  const answer = await chat(
    client,
    [
      {
        role: 'system',
        content:
          'For each country, write one or two neutral sentences on what its outlets stress that the other countries\' outlets do not. Use only facts from its own articles. Answer with JSON only: {"countries":{"<code>":"..."}}',
      },
      { role: 'user', content: JSON.stringify(payload) },
    ],
    opts,
  );
  const r = CountriesAnswer.safeParse(parseJsonAnswer(answer));
  if (!r.success) return null;
  return new Map(Object.entries(r.data.countries));
}

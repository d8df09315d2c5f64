/**
 * Optional language model: any OpenAI-compatible chat completions endpoint
 * (PARALLAX_LLM_URL / _MODEL / _API_KEY / _TIMEOUT_MS). It rewrites the
 * overview for fluency, keeping per-sentence citations (asked for as JSON),
 * and can write per-country summaries. fetch is injected. Every answer is
 * validated; anything malformed, late or failed yields null so the caller
 * keeps the deterministic text. Its sentences are grounded by the caller.
 */
import { z } from 'zod';
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, CountryTake } from '../report.ts';
import type { Logger } from '../util/log.ts';
import { chat, parseJsonAnswer, type LlmClient } from '../util/llm.ts';
import { countryName } from './countries.ts';

/** The client itself lives in util/llm.ts (translation uses it too); re-exported for its importers. */
export { chat, completionsUrl, llmFromConfig, parseJsonAnswer, type ChatMessage, type LlmClient } from '../util/llm.ts';

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
    articles: c.articles
      .slice(0, 5)
      .map((id) => ({ outlet: byId.get(id)?.outlet ?? null, text: (byId.get(id)?.text ?? '').slice(0, max) })),
  }));
  const answer = await chat(
    client,
    [
      {
        role: 'system',
        content:
          "For each country, write one or two neutral sentences on what its outlets stress that the other countries' outlets do not. " +
          'Use only facts from its own articles. Answer with JSON only: {"countries":{"<code>":"..."}}',
      },
      { role: 'user', content: JSON.stringify(payload) },
    ],
    opts,
  );
  const r = CountriesAnswer.safeParse(parseJsonAnswer(answer));
  if (!r.success) return null;
  return new Map(Object.entries(r.data.countries));
}

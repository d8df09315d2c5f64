/**
 * `llm`: the OpenAI-compatible chat endpoint already configured for synthesis (PARALLAX_LLM_*), asked for the
 * title and text in English as JSON. Its answer is checked by the caller like every provider's (nothing stated
 * that the original does not state).
 */
import { z } from 'zod';
import type { LlmClient } from '../util/llm.ts';
import { fail, ok, type Result } from '../model.ts';
import { requestJson } from './http.ts';
import type { TranslateProvider, TranslateRequest, TranslatedText } from './types.ts';

const Chat = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1) });
const Answer = z.object({ title: z.string().nullable().optional(), text: z.string().min(1) });

/** Longest article sent to the model (characters). */
const MAX_CHARS = 24_000;

const languageName = (code: string): string => new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;

function prompt(req: TranslateRequest): string {
  return [
    `Translate this news article from ${languageName(req.source)} to ${languageName(req.target)}.`,
    'Translate faithfully: keep every name, number and date exactly as in the original; add nothing, leave nothing out, keep the paragraph breaks.',
    'Answer with JSON only: {"title": "...", "text": "..."} (title null when there is none).',
  ].join(' ');
}

/** The model's JSON answer (a ```json fence tolerated), or null. */
function parseAnswer(content: string): z.infer<typeof Answer> | null {
  const t = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    const r = Answer.safeParse(JSON.parse(t));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function completionsUrl(base: string): string {
  const b = base.replace(/\/+$/, '');
  return b.endsWith('/chat/completions') ? b : `${b}/chat/completions`;
}

async function translateOnce(client: LlmClient, req: TranslateRequest): Promise<Result<TranslatedText>> {
  if (req.text.length + (req.title?.length ?? 0) > MAX_CHARS) return fail('translate/too-long', 'text longer than the model is given');
  const r = await requestJson(client.fetch, {
    method: 'POST',
    url: completionsUrl(client.url),
    headers: client.apiKey ? { authorization: `Bearer ${client.apiKey}` } : {},
    body: {
      model: client.model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: prompt(req) },
        { role: 'user', content: JSON.stringify({ title: req.title, text: req.text }) },
      ],
    },
    timeoutMs: client.timeoutMs,
    maxBytes: client.maxBytes ?? 2 * 1024 * 1024,
  });
  if (!r.ok) return r;
  const c = Chat.safeParse(r.value);
  const content = c.success ? c.data.choices[0]!.message.content : null;
  const a = content ? parseAnswer(content) : null;
  if (!a) return fail('translate/garbage', 'the model answered out of contract');
  return ok({ title: req.title ? (a.title ?? null) : null, text: a.text });
}

export function llmProvider(client: LlmClient): TranslateProvider {
  return {
    name: `llm:${client.model}`,
    async supports(source, target) {
      return source !== target;
    },
    translate: (req) => translateOnce(client, req),
  };
}

/**
 * `libretranslate:URL`: a self-hosted LibreTranslate server over HTTP (POST /translate with the title and text as
 * one batch, GET /languages for the pairs it serves), through the injected fetch.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../model.ts';
import { requestJson } from './http.ts';
import type { TranslateProvider, TranslateRequest, TranslatedText } from './types.ts';

export interface LibreTranslateOptions {
  url: string;
  fetch: typeof fetch;
  timeoutMs: number;
  apiKey?: string | null;
  /** Longest text sent (characters); longer articles are left to the next provider. */
  maxChars?: number;
  /** How long a failed language list is remembered before it is asked again (ms). */
  retryMs?: number;
  now?: () => number;
}

const Languages = z.array(z.object({ code: z.string(), targets: z.array(z.string()).optional() }));
const Answer = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

const MAX_BYTES = 8 * 1024 * 1024;

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

export function libreTranslateProvider(o: LibreTranslateOptions): TranslateProvider {
  const now = o.now ?? Date.now;
  let languages: { at: number; pairs: z.infer<typeof Languages> | null } | null = null;

  async function loadLanguages(): Promise<z.infer<typeof Languages> | null> {
    if (languages && (languages.pairs || now() - languages.at < (o.retryMs ?? 60_000))) return languages.pairs;
    const r = await requestJson(o.fetch, { method: 'GET', url: endpoint(o.url, 'languages'), timeoutMs: o.timeoutMs, maxBytes: MAX_BYTES });
    const parsed = r.ok ? Languages.safeParse(r.value) : null;
    languages = { at: now(), pairs: parsed?.success ? parsed.data : null };
    return languages.pairs;
  }

  return {
    name: 'libretranslate',
    async supports(source, target) {
      const list = await loadLanguages();
      const from = list?.find((l) => l.code === source);
      if (!from || !list?.some((l) => l.code === target)) return false;
      return from.targets ? from.targets.includes(target) : true;
    },
    async translate(req) {
      return translateOnce(o, req);
    },
  };
}

async function translateOnce(o: LibreTranslateOptions, req: TranslateRequest): Promise<Result<TranslatedText>> {
  if (req.text.length + (req.title?.length ?? 0) > (o.maxChars ?? 100_000))
    return fail('translate/too-long', 'text longer than the provider takes');
  const q = req.title ? [req.title, req.text] : [req.text];
  const r = await requestJson(o.fetch, {
    method: 'POST',
    url: endpoint(o.url, 'translate'),
    body: { q, source: req.source, target: req.target, format: 'text', ...(o.apiKey ? { api_key: o.apiKey } : {}) },
    timeoutMs: o.timeoutMs,
    maxBytes: MAX_BYTES,
  });
  if (!r.ok) return r;
  const a = Answer.safeParse(r.value);
  if (!a.success) return fail('translate/garbage', 'answer has no translatedText');
  const out = typeof a.data.translatedText === 'string' ? [a.data.translatedText] : a.data.translatedText;
  if (out.length !== q.length || out.some((t) => t.trim() === '')) return fail('translate/garbage', 'answer does not match the request');
  return ok(req.title ? { title: out[0]!, text: out[1]! } : { title: null, text: out[0]! });
}

/**
 * PARALLAX_TRANSLATE into providers: a comma-separated list, in order of preference (the first that can serves a
 * pair): `apertium`, `libretranslate:URL`, `llm` (the model configured by PARALLAX_LLM_*). Unset or empty: none.
 */
import type { Config } from '../config/index.ts';
import type { LlmClient } from '../util/llm.ts';
import { fail, ok, type Result } from '../model.ts';
import { apertiumProvider } from './apertium.ts';
import type { CommandRunner } from './command.ts';
import { libreTranslateProvider } from './libretranslate.ts';
import { llmProvider } from './llm.ts';
import type { TranslateProvider } from './types.ts';

export interface ProviderDeps {
  fetch: typeof fetch;
  /** The configured language model, for `llm`. */
  llm: LlmClient | null;
  /** Runs `apertium` (tests inject one). */
  apertiumRun?: CommandRunner;
}

type TranslateConfig = Pick<Config, 'PARALLAX_TRANSLATE' | 'PARALLAX_TRANSLATE_TIMEOUT_MS' | 'PARALLAX_TRANSLATE_API_KEY'>;

function oneProvider(spec: string, config: TranslateConfig, deps: ProviderDeps): Result<TranslateProvider> {
  const timeoutMs = config.PARALLAX_TRANSLATE_TIMEOUT_MS;
  if (spec === 'apertium') return ok(apertiumProvider({ timeoutMs, run: deps.apertiumRun }));
  if (spec === 'llm')
    return deps.llm ? ok(llmProvider(deps.llm)) : fail('config/translate', 'llm needs PARALLAX_LLM_URL and PARALLAX_LLM_MODEL');
  if (spec.startsWith('libretranslate:')) {
    const url = spec.slice('libretranslate:'.length);
    if (!URL.canParse(url) || !/^https?:/.test(url)) return fail('config/translate', `libretranslate needs an http(s) URL, got "${url}"`);
    return ok(libreTranslateProvider({ url, fetch: deps.fetch, timeoutMs, apiKey: config.PARALLAX_TRANSLATE_API_KEY ?? null }));
  }
  return fail('config/translate', `unknown translation provider "${spec}" (apertium, libretranslate:URL, llm)`);
}

/** The providers PARALLAX_TRANSLATE names, in its order; a typed failure names the first it cannot use. */
export function providersFromConfig(config: TranslateConfig, deps: ProviderDeps): Result<TranslateProvider[]> {
  const specs = (config.PARALLAX_TRANSLATE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: TranslateProvider[] = [];
  for (const spec of specs) {
    const p = oneProvider(spec, config, deps);
    if (!p.ok) return p;
    out.push(p.value);
  }
  return ok(out);
}

/**
 * The translation step of ingest: after language detection, a non-English article's title and text are
 * translated by the configured providers (PARALLAX_TRANSLATE) through the store's cache, and the result is stored
 * beside the original (never in its place) with the stage status 'translate'.
 */
import type { ArticleTranslation } from '../model.ts';
import type { Store, StageStatus } from '../store/types.ts';
import type { Logger } from '../util/log.ts';
import type { LlmClient } from '../synthesize/llm.ts';
import {
  providersFromConfig,
  translateArticle,
  type TranslatableArticle,
  type TranslateOutcome,
  type TranslateProvider,
  type TranslationCache,
} from '../translate/index.ts';

export interface TranslateStepDeps {
  store: Store;
  clock: () => Date;
  logger: Logger;
  translators?: readonly TranslateProvider[] | null;
}

/** The store's translation table as the stage's cache. */
export function storeTranslationCache(store: Store, clock: () => Date): TranslationCache {
  return {
    get: async (k) => {
      const r = await store.getTranslation(k.sourceHash, k.provider, k.target);
      return r ? { title: r.title, text: r.text } : null;
    },
    put: (k, sourceLanguage, v) =>
      store.saveTranslation({ ...k, sourceLanguage, title: v.title, text: v.text, createdAt: clock().toISOString() }),
  };
}

export interface TranslateStepResult {
  translation: ArticleTranslation | null;
  /** The stage status to record once the article is stored (without its id); null when no provider is configured. */
  status: Omit<StageStatus, 'articleId' | 'at'> | null;
}

function statusOf(out: TranslateOutcome, ms: number): TranslateStepResult['status'] {
  if (out.status === 'translated')
    return { stage: 'translate', status: 'ok', error: out.cached ? `cached (${out.translation.provider})` : null, ms };
  if (out.status === 'skipped') return { stage: 'translate', status: 'skipped', error: out.reason, ms };
  return { stage: 'translate', status: 'failed', error: `${out.code}: ${out.error}`.slice(0, 500), ms };
}

/** Translates the article when a provider can; never throws for a provider's failure (the original is kept). */
export async function translateStep(a: TranslatableArticle, deps: TranslateStepDeps): Promise<TranslateStepResult> {
  if (!deps.translators?.length) return { translation: null, status: null };
  const t0 = performance.now();
  const out = await translateArticle(a, {
    providers: deps.translators ?? [],
    cache: storeTranslationCache(deps.store, deps.clock),
    logger: deps.logger,
  });
  const ms = Math.round((performance.now() - t0) * 100) / 100;
  return { translation: out.status === 'translated' ? out.translation : null, status: statusOf(out, ms) };
}

/**
 * The providers PARALLAX_TRANSLATE names (global fetch and the configured model injected by the caller). One that
 * cannot be built (`llm` without a model configured) is left out with a warning; the others still serve.
 */
export function translatorsFromConfig(
  config: Parameters<typeof providersFromConfig>[0],
  deps: { fetch: typeof fetch; llm: LlmClient | null; logger: Logger },
): TranslateProvider[] {
  const out: TranslateProvider[] = [];
  for (const spec of (config.PARALLAX_TRANSLATE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const r = providersFromConfig({ ...config, PARALLAX_TRANSLATE: spec }, deps);
    if (r.ok) out.push(...r.value);
    else deps.logger.warn('translation provider left out', { stage: 'translate', code: r.code, message: r.message });
  }
  return out;
}

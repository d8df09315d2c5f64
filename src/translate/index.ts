/**
 * The translation stage: an article not in English is translated by the first configured provider that serves
 * its language pair, through the store's cache (injected) so that one text costs one provider call ever. Every
 * answer is checked (nothing stated that the original does not state). The original is never replaced: the
 * result is the translation to store beside it, with the provider that made it.
 */
import { sha256 } from '../util/hash.ts';
import type { Logger } from '../util/log.ts';
import { checkTranslation } from './check.ts';
import type { ArticleTranslation, TranslateProvider, TranslatedText, TranslationCache, TranslationKey } from './types.ts';

export type { ArticleTranslation, TranslateProvider, TranslatedText, TranslationCache, TranslationKey } from './types.ts';
export { providersFromConfig } from './config.ts';
export { checkTranslation } from './check.ts';

export interface TranslateDeps {
  providers: readonly TranslateProvider[];
  cache?: TranslationCache | null;
  logger?: Logger;
}

export interface TranslatableArticle {
  title: string | null;
  text: string;
  /** ISO 639-1, or null when unknown. */
  language: string | null;
}

export type TranslateOutcome =
  | { status: 'translated'; translation: ArticleTranslation; cached: boolean }
  | { status: 'skipped'; reason: 'no-provider' | 'english' | 'unknown-language' | 'no-pair' | 'empty' }
  | { status: 'failed'; code: string; error: string };

const TARGET = 'en';

/** The cache key's content part: the source language, title and text. */
export function sourceHash(a: TranslatableArticle): string {
  return sha256(`${a.language ?? ''}\n${a.title ?? ''}\n${a.text}`);
}

async function servingProviders(providers: readonly TranslateProvider[], source: string): Promise<TranslateProvider[]> {
  const out: TranslateProvider[] = [];
  for (const p of providers) if (await p.supports(source, TARGET)) out.push(p);
  return out;
}

function asTranslation(t: TranslatedText, provider: string): ArticleTranslation {
  return { language: TARGET, title: t.title, text: t.text, provider };
}

/** A cached translation by any serving provider, in order of preference. */
async function fromCache(cache: TranslationCache, providers: TranslateProvider[], hash: string): Promise<ArticleTranslation | null> {
  for (const p of providers) {
    const hit = await cache.get({ sourceHash: hash, provider: p.name, target: TARGET });
    if (hit) return asTranslation(hit, p.name);
  }
  return null;
}

/** Asks each serving provider in turn; the first checked answer wins. */
async function askProviders(
  a: TranslatableArticle & { language: string },
  providers: TranslateProvider[],
  deps: TranslateDeps,
): Promise<TranslateOutcome> {
  let last = { code: 'translate/no-pair', error: 'no provider answered' };
  for (const p of providers) {
    const r = await p.translate({ source: a.language, target: TARGET, title: a.title, text: a.text }, { logger: deps.logger });
    const bad = r.ok
      ? checkTranslation(`${a.title ?? ''}\n\n${a.text}`, `${r.value.title ?? ''}\n\n${r.value.text}`, { figuresOnly: p.ruleBased })
      : null;
    if (r.ok && !bad) return { status: 'translated', translation: asTranslation(r.value, p.name), cached: false };
    last = r.ok
      ? { code: 'translate/unfaithful', error: `states what the original does not: ${JSON.stringify(bad)}` }
      : { code: r.code, error: r.message };
    deps.logger?.warn('translation rejected', { stage: 'translate', provider: p.name, code: last.code, message: last.error.slice(0, 300) });
  }
  return { status: 'failed', ...last };
}

/** Translates an article into English with the first provider that can, reading and filling the cache. */
export async function translateArticle(a: TranslatableArticle, deps: TranslateDeps): Promise<TranslateOutcome> {
  if (deps.providers.length === 0) return { status: 'skipped', reason: 'no-provider' };
  if (!a.language || a.language === 'und') return { status: 'skipped', reason: 'unknown-language' };
  if (a.language === TARGET) return { status: 'skipped', reason: 'english' };
  if (a.text.trim() === '') return { status: 'skipped', reason: 'empty' };
  const serving = await servingProviders(deps.providers, a.language);
  if (serving.length === 0) return { status: 'skipped', reason: 'no-pair' };
  const hash = sourceHash(a);
  const hit = deps.cache ? await fromCache(deps.cache, serving, hash) : null;
  if (hit) return { status: 'translated', translation: hit, cached: true };
  const out = await askProviders({ ...a, language: a.language }, serving, deps);
  if (out.status === 'translated' && deps.cache) {
    const key: TranslationKey = { sourceHash: hash, provider: out.translation.provider, target: TARGET };
    await deps.cache.put(key, a.language, { title: out.translation.title, text: out.translation.text });
  }
  return out;
}

/**
 * The translation stage's shapes: one provider interface for every engine (Apertium, LibreTranslate, an
 * OpenAI-compatible model), the translation an article carries, and the cache the orchestrator injects.
 */
import type { Result } from '../model.ts';
import type { Logger } from '../util/log.ts';

/** What is sent to a provider: an article's title and text in `source`, wanted in `target` (ISO 639-1). */
export interface TranslateRequest {
  source: string;
  target: string;
  title: string | null;
  text: string;
}

export interface TranslatedText {
  title: string | null;
  text: string;
}

/** The translation stored beside an article's original (which is never replaced). */
export type { ArticleTranslation } from '../model.ts';

export interface TranslateProvider {
  /** Stable id: the cache key's provider part and what the article says translated it. */
  readonly name: string;
  /**
   * A rule-based engine with names protected cannot invent names or dates: only its figures are checked. Others
   * (neural, language models) have their figures, names and month names checked.
   */
  readonly ruleBased?: boolean;
  /** Whether it can translate this pair now (installed pair, language list of the server, …). */
  supports(source: string, target: string): Promise<boolean>;
  /** One call to the engine; expected failures (timeout, garbage, a rejected answer) are typed results. */
  translate(req: TranslateRequest, opts?: { logger?: Logger }): Promise<Result<TranslatedText>>;
}

export interface TranslationKey {
  /** sha256 of the source language, title and text (see `sourceHash`). */
  sourceHash: string;
  provider: string;
  target: string;
}

/** The store's translation cache, injected by the orchestrator (stages never import the store). */
export interface TranslationCache {
  get(key: TranslationKey): Promise<TranslatedText | null>;
  put(key: TranslationKey, sourceLanguage: string, value: TranslatedText): Promise<void>;
}

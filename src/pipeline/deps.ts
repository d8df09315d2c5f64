/**
 * What the pipeline's steps are given: the store, the clock, the logger and the optional services.
 * Its own module so that ingest.ts and report.ts (each needing it) do not import each other.
 */
import type { Store } from '../store/types.ts';
import type { Logger } from '../util/log.ts';
import type { LlmClient } from '../util/llm.ts';
import type { HtmlExtractPool } from '../extract/worker.ts';
import type { TranslateProvider } from '../translate/index.ts';
import type { AnalysisCache } from '../analyze/cache.ts';

export interface PipelineDeps {
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** Countries that have outlets in the source registry (for blindspots). */
  registryCountries?: string[];
  /** The optional language model; its output must pass the grounding check. */
  llm?: LlmClient | null;
  /** Worker threads for HTML extraction (fetched pages): a pathological page cannot take the process down. */
  htmlPool?: HtmlExtractPool | null;
  /** Translation providers (PARALLAX_TRANSLATE), in order of preference; none: articles keep only their original. */
  translators?: readonly TranslateProvider[] | null;
  /** Per-article analysis kept between report builds (analyze/cache.ts): a story rebuilt after one article joins redoes only that article's part. */
  analysisCache?: AnalysisCache | null;
}

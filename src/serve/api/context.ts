/**
 * What the API and web routes share: the store, config, the registry of
 * sources (loaded once), and a cache of serialized reports keyed by story
 * version so a hot story is not re-serialized per request.
 */
import type { Store, SourceRecord } from '../../store/types.ts';
import type { Config } from '../../config/index.ts';
import type { Logger } from '../../util/log.ts';
import type { StoryReport } from '../../report.ts';
import type { LlmClient } from '../../synthesize/llm.ts';
import type { TranslateProvider } from '../../translate/index.ts';
import type { HtmlExtractPool } from '../../extract/worker.ts';

export interface ApiContext {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
  llm?: LlmClient | null;
  /** Translation providers (PARALLAX_TRANSLATE) for articles ingested through the API. */
  translators?: readonly TranslateProvider[] | null;
  /** Worker threads where articles posted to the API are extracted (never on the thread answering requests). */
  extractPool?: HtmlExtractPool | null;
  /** All sources (registry merged with user-added), cached by the caller. */
  sources(): Promise<SourceRecord[]>;
  /** Countries with outlets among the sources. */
  registryCountries(): Promise<string[]>;
  /** The latest report of a story as a JSON string plus its parsed form; built on first request. */
  report(id: string): Promise<{ json: string; report: StoryReport; version: number } | null>;
  /** One version as JSON string. */
  reportVersion(id: string, version: number): Promise<{ json: string; report: StoryReport } | null>;
  /** Forget cached data of a story (after an ingest). */
  invalidate(storyId?: string): void;
}

/** A bounded map with least-recently-inserted eviction. */
export class BoundedCache<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(k: K): V | undefined {
    return this.map.get(k);
  }
  set(k: K, v: V): void {
    if (this.map.has(k)) this.map.delete(k);
    else if (this.map.size >= this.max) {
      const first = this.map.keys().next();
      if (!first.done) this.map.delete(first.value);
    }
    this.map.set(k, v);
  }
  delete(k: K): void {
    this.map.delete(k);
  }
  clear(): void {
    this.map.clear();
  }
}

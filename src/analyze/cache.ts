/**
 * A per-article memo for the analysis and synthesis of a story: what is computed from one article's or one
 * sentence's text alone (sentences, entity mentions, dates, figures, word terms, framing cues) is kept under that
 * text, so a story rebuilt after one article joins recomputes only that article's part and the steps across
 * articles. Pass one cache to successive builds (AnalyzeOptions.cache, SynthesizeOptions.cache); without one each
 * build makes its own. Values handed out are shared: callers never mutate them. Bounded: past `maxEntries` per kind
 * the least recently used entries go; a key longer than LONG_KEY characters (an article's text) is kept as its SHA-256,
 * so the cache holds no second copy of the texts.
 */
import { createHash } from 'node:crypto';

export interface AnalysisCache {
  /** The value kept for (kind, key), computing and keeping it when absent. */
  memo<T>(kind: string, key: string, compute: () => T): T;
  /** Keeps `value` for (kind, key), replacing what was kept. */
  put<T>(kind: string, key: string, value: T): void;
  /** Entries kept, all kinds together. */
  size(): number;
}

/** Entries kept per kind by default: the sentences of a 400-article story of full-length reports. */
export const DEFAULT_MAX_ENTRIES = 20_000;

/** Keys longer than this are kept by their digest. */
export const LONG_KEY = 256;

function short(key: string): string {
  return key.length > LONG_KEY ? '#' + createHash('sha256').update(key).digest('base64') : '=' + key;
}

export function createAnalysisCache(maxEntries = DEFAULT_MAX_ENTRIES): AnalysisCache {
  const kinds = new Map<string, Map<string, unknown>>();
  return {
    memo<T>(kind: string, longKey: string, compute: () => T): T {
      const key = short(longKey);
      let m = kinds.get(kind);
      if (!m) kinds.set(kind, (m = new Map()));
      if (m.has(key)) {
        const v = m.get(key) as T;
        // most recently used last
        m.delete(key);
        m.set(key, v);
        return v;
      }
      const v = compute();
      m.set(key, v);
      if (m.size > maxEntries) m.delete(m.keys().next().value as string);
      return v;
    },
    put<T>(kind: string, longKey: string, value: T): void {
      const key = short(longKey);
      let m = kinds.get(kind);
      if (!m) kinds.set(kind, (m = new Map()));
      m.delete(key);
      m.set(key, value);
      if (m.size > maxEntries) m.delete(m.keys().next().value as string);
    },
    size() {
      let n = 0;
      for (const m of kinds.values()) n += m.size;
      return n;
    },
  };
}

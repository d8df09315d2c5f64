/**
 * Sources: the shipped registry merged with the user's sources in the store. Used by `parallax sources`
 * and by the poller. (serve/ and pipeline/ call this; it reads the store only through the Store contract.)
 */
import type { Store, SourceRecord, FeedState } from '../store/types.ts';
import { loadRegistry, mergeSources, defaultRegistryPath, type RegistryFile } from './registry.ts';
import { createOutletLookup, type OutletLookup } from './lookup.ts';

export { createOutletLookup, withOutletHints, type OutletLookup, type KnownOutlet } from './lookup.ts';

export { loadRegistry, mergeSources, defaultRegistryPath } from './registry.ts';
export { regionOf, isCountryCode, countryName, REGIONS } from './countries.ts';
export { registrableDomain, domainOfUrl } from './domains.ts';

export interface SourcesResult {
  sources: SourceRecord[];
  /** null when the registry loaded; otherwise why not (the user's sources are still returned). */
  registryError: string | null;
  registry: RegistryFile | null;
}

/** All sources, registry first then the user's, each id once. A broken registry never hides user sources. */
export async function listAllSources(store: Store, registryPath: string = defaultRegistryPath()): Promise<SourcesResult> {
  const reg = await loadRegistry(registryPath);
  const stored = await store.listSources();
  if (!reg.ok)
    return {
      sources: mergeSources(
        [],
        stored.filter((s) => s.origin === 'user'),
      ),
      registryError: `${reg.code}: ${reg.message}`,
      registry: null,
    };
  return { sources: mergeSources(reg.value.outlets, stored), registryError: null, registry: reg.value };
}

export interface SourceHealth {
  /** Feeds that have been polled at least once. */
  polled: number;
  /** Largest consecutive-error count over the source's feeds. */
  errorCount: number;
  lastError: string | null;
  lastOk: string | null;
  feeds: Array<{ url: string; state: FeedState | null }>;
}

/** A source's polling health; pass `states` (from store.getFeedStates) when listing many sources. */
export async function sourceHealth(store: Store, s: SourceRecord, states?: ReadonlyMap<string, FeedState>): Promise<SourceHealth> {
  const feeds: SourceHealth['feeds'] = [];
  let errorCount = 0;
  let lastError: string | null = null;
  let lastErrorAt = '';
  let lastOk: string | null = null;
  let polled = 0;
  for (const url of s.feeds) {
    const st = states ? (states.get(url) ?? null) : await store.getFeedState(url);
    feeds.push({ url, state: st });
    if (!st) continue;
    if (st.lastPolled) polled++;
    if (st.errorCount > errorCount) errorCount = st.errorCount;
    if (st.lastError && st.errorCount > 0 && (st.lastPolled ?? '') >= lastErrorAt) {
      lastError = st.lastError;
      lastErrorAt = st.lastPolled ?? '';
    }
    if (st.lastOk && (!lastOk || st.lastOk > lastOk)) lastOk = st.lastOk;
  }
  return { polled, errorCount, lastError, lastOk, feeds };
}

/** The outlet lookup over the registry and the user's sources (see lookup.ts). */
export async function loadOutletLookup(store: Store, registryPath: string = defaultRegistryPath()): Promise<OutletLookup> {
  const all = await listAllSources(store, registryPath);
  return createOutletLookup(all.sources, all.registry?.outlets ?? []);
}

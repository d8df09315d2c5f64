/**
 * Which known outlet a URL belongs to: by host, then by each parent domain up to the registrable one
 * ("edition.cnn.com" → cnn.com, "g1.globo.com" → the outlet with that id). Used to fill the outlet and
 * country of an ingested article whose input did not name them.
 */
import type { SourceRecord } from '../store/types.ts';
import type { RegistryOutlet } from './registry.ts';
import { registrableDomain } from './domains.ts';

export interface KnownOutlet {
  id: string;
  name: string;
  country: string | null;
  languages: string[];
}

export type OutletLookup = (url: string) => KnownOutlet | null;

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** Builds a lookup over sources (user sources win over registry outlets) and the registry's extra domains. */
export function createOutletLookup(sources: SourceRecord[], registry: RegistryOutlet[] = []): OutletLookup {
  const byDomain = new Map<string, KnownOutlet>();
  const add = (domain: string | null, o: KnownOutlet, override: boolean) => {
    if (!domain) return;
    const d = domain.toLowerCase().replace(/^www\./, '');
    if (override || !byDomain.has(d)) byDomain.set(d, o);
  };
  const facts = (s: SourceRecord): KnownOutlet => ({ id: s.id, name: s.name, country: s.country, languages: s.languages });
  for (const o of registry)
    for (const d of o.domains ?? []) add(d, { id: o.id, name: o.name, country: o.country, languages: o.languages }, false);
  for (const s of sources.filter((x) => x.origin === 'registry')) {
    add(s.id, facts(s), true);
    add(s.homepage ? hostOf(s.homepage) : null, facts(s), false);
  }
  for (const s of sources.filter((x) => x.origin === 'user')) {
    // A user source's id may be any name; its homepage and feed hosts say where its articles live.
    if (s.homepage) add(hostOf(s.homepage), facts(s), true);
    if (registrableDomain(s.id) === s.id) add(s.id, facts(s), true);
  }
  return (url) => {
    const host = hostOf(url);
    if (!host) return null;
    const reg = registrableDomain(host);
    const labels = host.split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const d = labels.slice(i).join('.');
      const hit = byDomain.get(d);
      if (hit) return hit;
      if (d === reg) break;
    }
    return null;
  };
}

/**
 * Fills an input's missing outlet and country from the outlet its URL belongs to. The input's own hints
 * win; the language is left to detection (an outlet may publish in several).
 */
export function withOutletHints<T extends { ref: string; hints: { url?: string | null; outlet?: string | null; country?: string | null } }>(
  input: T,
  lookup: OutletLookup,
): T {
  if (input.hints.outlet && input.hints.country) return input;
  const url = input.hints.url ?? (/^https?:\/\//i.test(input.ref) ? input.ref : null);
  const o = url ? lookup(url) : null;
  if (!o) return input;
  return { ...input, hints: { ...input.hints, outlet: input.hints.outlet ?? o.name, country: input.hints.country ?? o.country } };
}

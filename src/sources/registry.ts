/**
 * The outlet registry: the shipped data file (data/registry/outlets.json) merged with the sources a user
 * added or changed in the database. The file is validated with zod when loaded; a broken file is a bug in
 * the shipped data and is reported as a typed failure, never half-loaded.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Result } from '../model.ts';
import { fail, ok } from '../model.ts';
import type { SourceRecord } from '../store/types.ts';
import { isCountryCode } from './countries.ts';

export const OWNERSHIP = ['state', 'public-broadcaster', 'private', 'unknown'] as const;
export type Ownership = (typeof OWNERSHIP)[number];

/** BCP 47 language tag, in the shapes the registry uses (language[-Script][-REGION]). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const RegistryOutletSchema = z.object({
  /** Stable id: the outlet's primary domain. */
  id: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/),
  name: z.string().min(1).max(200),
  homepage: httpUrl,
  country: z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 code'),
  languages: z.array(z.string().regex(LANGUAGE_TAG, 'must be a BCP 47 language tag')).min(1).max(20),
  feeds: z.array(httpUrl).max(20),
  ownership: z.enum(OWNERSHIP),
  /** Domains the outlet publishes under, its id first. */
  domains: z.array(z.string().min(3).max(200)).max(20).optional(),
});
export type RegistryOutlet = z.infer<typeof RegistryOutletSchema>;

export const RegistryFileSchema = z
  .object({
    version: z.literal(1),
    description: z.string(),
    feedsVerified: z.boolean(),
    note: z.string(),
    sources: z.array(
      z.object({
        name: z.string(),
        url: z.string().optional(),
        commit: z.string().optional(),
        license: z.string(),
        licenseText: z.string().optional(),
      }),
    ),
    outlets: z.array(RegistryOutletSchema).max(100000),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    for (const [i, o] of f.outlets.entries()) {
      if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['outlets', i, 'id'], message: `duplicate id ${o.id}` });
      seen.add(o.id);
    }
  });
export type RegistryFile = z.infer<typeof RegistryFileSchema>;

/** Where the shipped registry lives. */
export function defaultRegistryPath(): string {
  return fileURLToPath(new URL('../../data/registry/outlets.json', import.meta.url));
}

const MAX_REGISTRY_BYTES = 50 * 1024 * 1024;

/** Loads and validates a registry file. */
export async function loadRegistry(path: string = defaultRegistryPath()): Promise<Result<RegistryFile>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return fail('registry/unreadable', `${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (text.length > MAX_REGISTRY_BYTES) return fail('registry/too-large', `${path}: larger than ${MAX_REGISTRY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('registry/bad-json', `${path}: ${(e as Error).message}`);
  }
  const r = RegistryFileSchema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    return fail('registry/invalid', `${path}: ${first.path.join('.')}: ${first.message} (${r.error.issues.length} problems)`);
  }
  return ok(r.data);
}

export function registryToSource(o: RegistryOutlet): SourceRecord {
  return {
    id: o.id,
    name: o.name,
    homepage: o.homepage,
    country: o.country,
    languages: o.languages,
    feeds: o.feeds,
    ownership: o.ownership,
    origin: 'registry',
    enabled: true,
  };
}

/**
 * All sources: the registry's outlets, overridden by database rows of the same id (a registry source a user
 * disabled is stored with origin 'registry' and enabled false), plus the user's own sources.
 */
export function mergeSources(registry: RegistryOutlet[], stored: SourceRecord[]): SourceRecord[] {
  const byId = new Map<string, SourceRecord>();
  for (const o of registry) byId.set(o.id, registryToSource(o));
  for (const s of stored) {
    const base = byId.get(s.id);
    // A stored override of a registry source keeps the registry's facts but takes the stored enabled flag,
    // and the feeds the poller discovered on its homepage when the registry lists none.
    byId.set(s.id, base && s.origin === 'registry' ? { ...base, enabled: s.enabled, feeds: base.feeds.length ? base.feeds : s.feeds } : s);
  }
  return [...byId.values()];
}

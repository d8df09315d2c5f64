/**
 * `parallax sources list|add|remove|enable|import-opml|export-opml`.
 *
 * The shipped registry (data/registry/outlets.json) is merged with the sources in the database: sources a
 * user adds are stored with origin 'user'; removing a registry source stores it disabled (origin 'registry').
 * Exit status as the rest of the CLI: 0 success, 1 bad input or failed operation, 2 bad usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { SourceRecord } from '../store/types.ts';
import { UsageError, parse as parseCliArgs, withStore, type Ctx as CliContext } from './cli-common.ts';
import { listAllSources, sourceHealth } from '../sources/index.ts';
import { isCountryCode, countryName } from '../sources/countries.ts';
import { domainOfUrl } from '../sources/domains.ts';
import { parseOpml, toOpml, type OpmlGroup } from '../sources/opml.ts';
import { pollOnce, describePoll } from '../pipeline/poller.ts';

const SOURCES_USAGE = `usage: parallax sources <subcommand>
  list [--country XX] [--json]                 registry and user sources, with feed errors
  add URL [--name N] [--country XX] [--language L] [--homepage URL] [--id ID]
  add --feed URL ...                           add a feed as a user source (--country is needed
                                               unless the registry knows the outlet)
  remove ID                                    remove a user source, or disable a registry source
  enable ID                                    re-enable a disabled registry source
  import-opml FILE [--country XX] [--language L]
  export-opml [FILE] [--all]                   enabled sources as OPML (stdout without FILE)`;

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;

function httpUrl(s: string): string | null {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function normCountry(v: unknown, flag = '--country'): string | null {
  if (v === undefined) return null;
  const c = String(v).trim().toUpperCase();
  if (!isCountryCode(c)) throw new UsageError(`${flag} "${String(v)}" is not an ISO 3166-1 alpha-2 country code`);
  return c;
}

/** Canonical BCP 47 casing (language lower, script title, region upper). */
function normLanguage(v: unknown): string | null {
  if (v === undefined) return null;
  const parts = String(v).trim().replace(/_/g, '-').split('-');
  const tag = parts
    .map((p, i) => (i === 0 ? p.toLowerCase() : p.length === 4 ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.toUpperCase()))
    .join('-');
  if (!LANGUAGE_TAG.test(tag)) throw new UsageError(`--language "${String(v)}" is not a BCP 47 language tag (e.g. uk, pt-BR, zh-Hant)`);
  return tag;
}

export async function cmdSources(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(ctx, rest);
    case 'add':
      return add(ctx, rest);
    case 'remove':
    case 'rm':
      return remove(ctx, rest);
    case 'enable':
      return enable(ctx, rest);
    case 'import-opml':
      return importOpml(ctx, rest);
    case 'export-opml':
      return exportOpml(ctx, rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      (sub ? ctx.io.stdout : ctx.io.stderr)(SOURCES_USAGE + '\n');
      return sub ? 0 : 2;
    default:
      throw new UsageError(`unknown sources subcommand "${sub}"\n${SOURCES_USAGE}`);
  }
}

async function list(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { country: { type: 'string' }, origin: { type: 'string' } });
  if (positionals.length) throw new UsageError(`sources list takes no arguments (got "${positionals[0]}")`);
  const country = normCountry(values.country);
  const origin = values.origin as string | undefined;
  if (origin !== undefined && origin !== 'user' && origin !== 'registry') throw new UsageError('--origin must be user or registry');
  return withStore(ctx, values.db, async (store) => {
    const all = await listAllSources(store);
    if (all.registryError) ctx.io.stderr(`parallax: registry: ${all.registryError}\n`);
    const sources = all.sources
      .filter((s) => !country || s.country === country)
      .filter((s) => !origin || s.origin === origin)
      .sort((a, b) => (a.country ?? '').localeCompare(b.country ?? '') || a.id.localeCompare(b.id));
    const rows = [];
    const states = await store.getFeedStates(sources.flatMap((s) => s.feeds));
    for (const s of sources) {
      const h = await sourceHealth(store, s, states);
      rows.push({
        ...s,
        errorCount: h.errorCount,
        lastError: h.lastError,
        lastOk: h.lastOk,
        feedState: h.feeds.map((f) => ({
          url: f.url,
          errorCount: f.state?.errorCount ?? 0,
          lastError: f.state?.lastError ?? null,
          lastPolled: f.state?.lastPolled ?? null,
          lastOk: f.state?.lastOk ?? null,
          nextPoll: f.state?.nextPoll ?? null,
        })),
      });
    }
    if (values.json) {
      ctx.io.stdout(JSON.stringify(rows) + '\n');
    } else {
      for (const r of rows) {
        const flags = [
          `${r.feeds.length} feed${r.feeds.length === 1 ? '' : 's'}`,
          r.origin === 'user' ? 'user' : null,
          r.enabled ? null : 'disabled',
          r.ownership && r.ownership !== 'unknown' ? r.ownership : null,
          r.errorCount > 0 ? `errors ${r.errorCount}: ${r.lastError ?? ''}` : null,
        ].filter(Boolean);
        ctx.io.stdout(`${r.id}\t${r.country ?? '--'}\t${r.languages.join(',') || '-'}\t${r.name}\t(${flags.join('; ')})\n`);
      }
      ctx.io.stderr(`${rows.length} sources${country ? ` in ${country}` : ''}\n`);
    }
    return 0;
  });
}

async function add(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    feed: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    language: { type: 'string' },
    homepage: { type: 'string' },
    id: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError('sources add takes one URL');
  const given = (values.feed as string | undefined) ?? positionals[0];
  if (!given) throw new UsageError('sources add needs a feed URL (sources add URL or --feed URL)');
  if (values.feed !== undefined && positionals.length)
    throw new UsageError('give the feed URL either as an argument or with --feed, not both');
  const givenCountry = normCountry(values.country);
  const language = normLanguage(values.language);
  const feed = httpUrl(given);
  if (!feed) {
    ctx.io.stderr(`parallax: ${given}: not an http(s) URL\n`);
    return 1;
  }
  const homepage = values.homepage === undefined ? new URL(feed).origin + '/' : httpUrl(String(values.homepage));
  if (!homepage) {
    ctx.io.stderr(`parallax: ${String(values.homepage)}: --homepage is not an http(s) URL\n`);
    return 1;
  }
  const id = (values.id as string | undefined)?.trim().toLowerCase() ?? domainOfUrl(feed);
  if (!id || !/^[a-z0-9][a-z0-9.:_-]{0,199}$/.test(id)) {
    ctx.io.stderr(`parallax: ${given}: cannot derive a source id; pass --id\n`);
    return 1;
  }
  return withStore(ctx, values.db, async (store) => {
    const stored = (await store.listSources()).find((s) => s.id === id && s.origin === 'user');
    // A feed of an outlet the registry knows inherits its facts (name, country, languages, ownership).
    const known = stored ? undefined : (await listAllSources(store)).sources.find((s) => s.id === id && s.origin === 'registry');
    const country = givenCountry ?? stored?.country ?? known?.country ?? null;
    if (!country) {
      ctx.io.stderr(`parallax: ${given}: unknown outlet; pass --country XX (its ISO 3166-1 country)\n`);
      return 2;
    }
    const rec: SourceRecord = {
      id,
      name: (values.name as string | undefined)?.trim() || stored?.name || known?.name || id,
      homepage: values.homepage === undefined ? (stored?.homepage ?? known?.homepage ?? homepage) : homepage,
      country,
      languages: [...new Set([...(language ? [language] : []), ...(stored?.languages ?? known?.languages ?? [])])],
      feeds: [...new Set([...(stored?.feeds ?? known?.feeds ?? []), feed])],
      ownership: stored?.ownership ?? known?.ownership ?? 'unknown',
      origin: 'user',
      enabled: true,
    };
    await store.upsertSource(rec);
    const out = { id: rec.id, name: rec.name, country: rec.country, languages: rec.languages, feeds: rec.feeds, added: !stored };
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else ctx.io.stdout(`${stored ? 'updated' : 'added'} ${rec.id} (${rec.name}, ${rec.country}) with ${rec.feeds.length} feed(s)\n`);
    return 0;
  });
}

async function remove(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args);
  if (positionals.length !== 1) throw new UsageError('sources remove needs exactly one ID');
  const id = positionals[0];
  return withStore(ctx, values.db, async (store) => {
    const all = await listAllSources(store);
    const s = all.sources.find((x) => x.id === id);
    if (!s) {
      ctx.io.stderr(`parallax: source ${id}: no such source\n`);
      return 1;
    }
    if (s.origin === 'user') {
      await store.removeSource(id);
      // A user source that shadowed a registry outlet of the same id: the registry outlet is back.
      const back = all.registry?.outlets.some((o) => o.id === id);
      ctx.io.stdout(`removed ${id}${back ? ' (the registry outlet with this id is listed again)' : ''}\n`);
      return 0;
    }
    if (!s.enabled) {
      ctx.io.stdout(`${id} is already disabled\n`);
      return 0;
    }
    await store.upsertSource({ ...s, origin: 'registry', enabled: false });
    ctx.io.stdout(`disabled registry source ${id} (parallax sources enable ${id} to undo)\n`);
    return 0;
  });
}

async function enable(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args);
  if (positionals.length !== 1) throw new UsageError('sources enable needs exactly one ID');
  const id = positionals[0];
  return withStore(ctx, values.db, async (store) => {
    const stored = (await store.listSources()).find((s) => s.id === id);
    if (!stored) {
      const all = await listAllSources(store);
      if (all.sources.some((s) => s.id === id)) {
        ctx.io.stdout(`${id} is already enabled\n`);
        return 0;
      }
      ctx.io.stderr(`parallax: source ${id}: no such source\n`);
      return 1;
    }
    if (stored.origin === 'registry') await store.removeSource(id);
    else await store.upsertSource({ ...stored, enabled: true });
    ctx.io.stdout(`enabled ${id}\n`);
    return 0;
  });
}

async function importOpml(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { country: { type: 'string' }, language: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('sources import-opml needs exactly one FILE');
  const file = positionals[0];
  const defaultCountry = normCountry(values.country);
  const defaultLanguage = normLanguage(values.language);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    ctx.io.stderr(`parallax: ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  const parsed = parseOpml(text);
  if (!parsed.ok) {
    ctx.io.stderr(`parallax: ${file}: ${parsed.code}: ${parsed.message}\n`);
    return 1;
  }
  return withStore(ctx, values.db, async (store) => {
    const byId = new Map<string, SourceRecord>();
    for (const s of await store.listSources()) if (s.origin === 'user') byId.set(s.id, s);
    let feeds = 0;
    const skipped: string[] = [];
    const touched = new Set<string>();
    for (const f of parsed.value.feeds) {
      const url = httpUrl(f.xmlUrl);
      const id = url ? domainOfUrl(url) : null;
      if (!url || !id) {
        skipped.push(`${f.xmlUrl}: not an http(s) URL`);
        continue;
      }
      const c = f.country?.toUpperCase() ?? defaultCountry;
      const country = c && isCountryCode(c) ? c : defaultCountry;
      let lang: string | null = defaultLanguage;
      try {
        lang = normLanguage(f.language ?? undefined) ?? defaultLanguage;
      } catch {
        lang = defaultLanguage;
      }
      const prev = byId.get(id);
      byId.set(id, {
        id,
        name: prev?.name ?? f.title ?? id,
        homepage: prev?.homepage ?? (f.htmlUrl ? httpUrl(f.htmlUrl) : null) ?? new URL(url).origin + '/',
        country: prev?.country ?? country,
        languages: [...new Set([...(prev?.languages ?? []), ...(lang ? [lang] : [])])],
        feeds: [...new Set([...(prev?.feeds ?? []), url])],
        ownership: prev?.ownership ?? 'unknown',
        origin: 'user',
        enabled: true,
      });
      touched.add(id);
      feeds++;
    }
    for (const id of touched) await store.upsertSource(byId.get(id)!);
    for (const s of skipped) ctx.io.stderr(`parallax: ${file}: skipped ${s}\n`);
    const noCountry = [...touched].filter((id) => !byId.get(id)!.country).length;
    if (noCountry)
      ctx.io.stderr(`parallax: ${file}: ${noCountry} source(s) have no country; pass --country XX or set it with sources add\n`);
    const out = { sources: touched.size, feeds, skipped: skipped.length };
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else ctx.io.stdout(`imported ${feeds} feeds into ${touched.size} sources${skipped.length ? `, skipped ${skipped.length}` : ''}\n`);
    return touched.size === 0 && parsed.value.feeds.length > 0 ? 1 : 0;
  });
}

async function exportOpml(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { all: { type: 'boolean', default: false }, origin: { type: 'string' } });
  if (positionals.length > 1) throw new UsageError('sources export-opml takes at most one FILE');
  const origin = values.origin as string | undefined;
  if (origin !== undefined && origin !== 'user' && origin !== 'registry') throw new UsageError('--origin must be user or registry');
  const text = await withStore(ctx, values.db, async (store) => {
    const all = await listAllSources(store);
    if (all.registryError) ctx.io.stderr(`parallax: registry: ${all.registryError}\n`);
    const groups = new Map<string, OpmlGroup>();
    for (const s of all.sources) {
      if (!values.all && !s.enabled) continue;
      if (origin && s.origin !== origin) continue;
      const key = s.country ?? '';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { title: key ? `${countryName(key) ?? key} (${key})` : 'No country', feeds: [] }));
      for (const feed of s.feeds)
        g.feeds.push({ xmlUrl: feed, title: s.name, htmlUrl: s.homepage, country: s.country, language: s.languages[0] ?? null });
    }
    const sorted = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, g]) => g);
    return toOpml('Parallax sources', sorted, new Date());
  });
  if (positionals[0]) {
    try {
      await writeFile(positionals[0], text);
    } catch (e) {
      ctx.io.stderr(`parallax: ${positionals[0]}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 1;
    }
    ctx.io.stderr(`wrote ${positionals[0]}\n`);
  } else {
    ctx.io.stdout(text);
  }
  return 0;
}

/**
 * `parallax poll [--json] [--user-only]`: one poll cycle, then exit (for cron, or to try a new source).
 * Exit 0 when the cycle ran (feed failures are reported, not fatal), 1 when every feed polled failed.
 */
export async function cmdPoll(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { 'user-only': { type: 'boolean', default: false } });
  if (positionals.length) throw new UsageError(`poll takes no arguments (got "${positionals[0]}")`);
  return withStore(ctx, values.db, async (store) => {
    const s = await pollOnce({
      store,
      config: ctx.config,
      logger: ctx.logger,
      clock: () => new Date(),
      status: (line) => (ctx.io.isTTY ? ctx.io.stderr(`\r\x1b[K${line}`) : undefined),
      report: (line) => ctx.io.stderr(line + '\n'),
      ...(values['user-only'] ? { options: { registryPath: null } } : {}),
    });
    if (ctx.io.isTTY) ctx.io.stderr('\r\x1b[K');
    ctx.io.stderr(describePoll(1, s) + '\n');
    if (values.json) {
      ctx.io.stdout(
        JSON.stringify({
          feedsPolled: s.feedsPolled,
          feedsNotModified: s.feedsNotModified,
          feedsFailed: s.feedsFailed,
          feedsWaiting: s.feedsWaiting,
          entriesNew: s.entriesNew,
          articlesAdded: s.articlesAdded,
          duplicates: s.duplicates,
          articleFailures: s.articleFailures,
          networkDown: s.networkDown,
          stories: s.stories.length,
          failures: s.failures.map((f) => ({ source: f.sourceId, url: f.url, code: f.code, error: f.message })),
        }) + '\n',
      );
    }
    return s.feedsPolled > 0 && s.feedsFailed === s.feedsPolled ? 1 : 0;
  });
}

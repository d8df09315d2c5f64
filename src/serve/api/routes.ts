/**
 * JSON API routes under /api/. Every query and body is validated by the zod
 * schemas in schemas.ts (400 with {error:{code,message}} when bad); the same
 * schemas generate /api/openapi.json.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Article, RawInput } from '../../model.ts';
import type { SourceRecord } from '../../store/types.ts';
import { countryName } from '../../synthesize/countries.ts';
import { diffReports } from '../../synthesize/diff.ts';
import { BoundedCache, type ApiContext } from './context.ts';
import type { TranslateProvider } from '../../translate/index.ts';
import { buildOpenApi } from './openapi.ts';
import * as S from './schemas.ts';
import { decideRetry } from '../../fetch/failures.ts';
import { redirectMerged } from '../redirect.ts';
import { gzipSync } from 'node:zlib';

type Ctx = Context;

export function apiError(c: Ctx, status: 400 | 401 | 403 | 404 | 413 | 415 | 422 | 500, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

function queryOf(c: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  const url = new URL(c.req.url);
  for (const [k, v] of url.searchParams) {
    if (k in out) out[k] = '\u0000dup';
    else out[k] = v;
  }
  return out;
}

function describe(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => {
      const path = i.path.join('.');
      if (i.code === 'unrecognized_keys') return `unknown parameter${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}`;
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Validates the query string; returns the parsed value or a 400 response. */
export function parseQuery<T extends z.ZodType>(c: Ctx, schema: T): { ok: true; value: z.output<T> } | { ok: false; res: Response } {
  const q = queryOf(c);
  const dup = Object.keys(q).find((k) => q[k] === '\u0000dup');
  if (dup) return { ok: false, res: apiError(c, 400, 'bad-request', `parameter ${dup} given more than once`) };
  const r = schema.safeParse(q);
  if (!r.success) return { ok: false, res: apiError(c, 400, 'bad-request', describe(r.error)) };
  return { ok: true, value: r.data };
}

const MAX_BODY = 2_500_000;

async function parseBody<T extends z.ZodType>(c: Ctx, schema: T): Promise<{ ok: true; value: z.output<T> } | { ok: false; res: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return { ok: false, res: apiError(c, 415, 'unsupported-media-type', 'send a JSON body (content-type: application/json)') };
  const len = Number(c.req.header('content-length') ?? '0');
  if (len > MAX_BODY) return { ok: false, res: apiError(c, 413, 'too-large', `body larger than ${MAX_BODY} bytes`) };
  const text = await c.req.text();
  if (text.length > MAX_BODY) return { ok: false, res: apiError(c, 413, 'too-large', `body larger than ${MAX_BODY} bytes`) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, res: apiError(c, 400, 'bad-json', 'body is not valid JSON') };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, res: apiError(c, 400, 'bad-request', describe(r.error)) };
  return { ok: true, value: r.data };
}

/** The context's translation providers, else those PARALLAX_TRANSLATE names (built once per context). */
const translatorsByContext = new WeakMap<ApiContext, readonly TranslateProvider[]>();
async function translatorsOf(ctx: ApiContext): Promise<readonly TranslateProvider[]> {
  if (ctx.translators) return ctx.translators;
  let t = translatorsByContext.get(ctx);
  if (!t) {
    const { translatorsFromConfig } = await import('../../pipeline/translate.ts');
    t = translatorsFromConfig(ctx.config, { fetch, llm: ctx.llm ?? null, logger: ctx.logger });
    translatorsByContext.set(ctx, t);
  }
  return t;
}

export function articleSummary(a: Article): z.infer<typeof S.ArticleSummary> {
  return {
    id: a.id,
    ref: a.ref,
    url: a.url,
    title: a.title,
    byline: a.byline,
    published: a.published,
    language: a.language,
    outlet: a.outlet,
    country: a.country,
    siteName: a.siteName,
    section: a.section ?? null,
    duplicateOf: a.duplicateOf,
    storyId: a.storyId,
    ingestedAt: a.ingestedAt,
    translatedTitle: a.translation?.title ?? null,
    translatedBy: a.translation?.provider ?? null,
  };
}

/** One article whole: its summary, the text as stored and the English translation of the text beside it. */
export function articleFull(a: Article): z.infer<typeof S.ArticleFull> {
  return { ...articleSummary(a), text: a.text, translatedText: a.translation?.text ?? null };
}

function jsonText(c: Ctx, body: string, status = 200): Response {
  return c.body(body, status as 200, { 'content-type': 'application/json; charset=utf-8' });
}

/** How long a page of the story list is answered from memory; what other processes store shows after at most this. */
const LIST_TTL_MS = 1000;
const LIST_CACHE_MAX = 1000;

/** Reports gzipped once per story version (the compress middleware passes an encoded body through). */
const GZ_CACHE_MAX = 500;

function gzipCache(): (c: Ctx, key: string, json: string) => Response {
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  return (c, key, json) => {
    if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return jsonText(c, json);
    let gz = cache.get(key);
    if (!gz) {
      if (cache.size >= GZ_CACHE_MAX) cache.delete(cache.keys().next().value!);
      gz = new Uint8Array(gzipSync(json));
      cache.set(key, gz);
    }
    return c.body(gz, 200, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip', vary: 'accept-encoding' });
  };
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'source'
  );
}

/** The story list's pages kept in memory (an ingest through the API clears them) and the gzipped answers. */
interface ApiCaches {
  reportJson: ReturnType<typeof gzipCache>;
  lists: BoundedCache<string, { at: number; json: string }>;
  listJson: ReturnType<typeof gzipCache>;
}

/** The JSON API's routes, by the resource they serve; any other /api/ path is a JSON 404. */
export function registerApi(app: Hono, ctx: ApiContext): void {
  // Pages of the story list, served from memory for LIST_TTL_MS (an ingest through the API clears them): under load
  // every request would otherwise query and serialize the same page again.
  const caches: ApiCaches = { reportJson: gzipCache(), lists: new BoundedCache(LIST_CACHE_MAX), listJson: gzipCache() };
  let openapi: string | null = null;
  app.get('/api/openapi.json', (c) => jsonText(c, (openapi ??= JSON.stringify(buildOpenApi()))));
  registerStoryList(app, ctx, caches);
  registerStories(app, ctx, caches);
  registerArticles(app, ctx);
  registerSources(app, ctx);
  registerIngest(app, ctx, caches);
  app.all('/api/*', (c) => apiError(c, 404, 'not-found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
}

/** GET /api/stories: a page of the story list. */
function registerStoryList(app: Hono, { store }: ApiContext, { lists, listJson }: ApiCaches): void {
  app.get('/api/stories', async (c) => {
    const key = new URL(c.req.url).search;
    const hit = lists.get(key);
    if (hit && Date.now() - hit.at < LIST_TTL_MS) return listJson(c, `${key}@${hit.at}`, hit.json);
    const q = parseQuery(c, S.StoryListQuery);
    if (!q.ok) return q.res;
    const limit = q.value.limit ?? 20;
    const offset = q.value.offset ?? 0;
    if (q.value.from && q.value.to && q.value.from > q.value.to) return apiError(c, 400, 'bad-request', 'from is after to');
    const rows = await store.listStories({ ...q.value, limit: limit + 1, offset });
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    let next: string | null = null;
    if (more) {
      const u = new URL(c.req.url);
      u.searchParams.set('offset', String(offset + limit));
      u.searchParams.set('limit', String(limit));
      next = `${u.pathname}${u.search}`;
    }
    const json = JSON.stringify({
      stories: page.map((s) => ({
        id: s.id,
        title: s.title,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        articleCount: s.articleIds.length,
        articleIds: s.articleIds,
      })),
      limit,
      offset,
      next,
    });
    const at = Date.now();
    lists.set(key, { at, json });
    return listJson(c, `${key}@${at}`, json);
  });
}

/** A story's report, its versions, the difference between two and its articles. */
function registerStories(app: Hono, ctx: ApiContext, { reportJson }: ApiCaches): void {
  const { store } = ctx;
  app.get('/api/stories/:id', async (c) => {
    const moved = await redirectMerged(c, store, c.req.param('id'));
    if (moved) return moved;
    const r = await ctx.report(c.req.param('id'));
    if (!r) return apiError(c, 404, 'not-found', `no story ${c.req.param('id')}`);
    // A report built on the fly and not stored (version 0) is not cached: its next build may differ.
    return r.version ? reportJson(c, `${c.req.param('id')}@${r.version}`, r.json) : jsonText(c, r.json);
  });

  app.get('/api/stories/:id/versions', async (c) => {
    const id = c.req.param('id');
    if (!(await store.getStory(id))) return apiError(c, 404, 'not-found', `no story ${id}`);
    let versions = await store.listReportVersions(id);
    if (versions.length === 0 && (await ctx.report(id))) versions = await store.listReportVersions(id);
    return c.json({
      storyId: id,
      versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, articleIds: v.articleIds })),
    });
  });

  app.get('/api/stories/:id/versions/:v', async (c) => {
    const id = c.req.param('id');
    const v = c.req.param('v');
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1) return apiError(c, 400, 'bad-request', 'v: must be a positive integer');
    const r = await ctx.reportVersion(id, Number(v));
    if (!r) return apiError(c, 404, 'not-found', `no version ${v} of story ${id}`);
    return jsonText(c, r.json);
  });

  app.get('/api/stories/:id/diff', async (c) => {
    const id = c.req.param('id');
    const q = parseQuery(c, S.DiffQuery);
    if (!q.ok) return q.res;
    if (!(await store.getStory(id))) return apiError(c, 404, 'not-found', `no story ${id}`);
    const versions = await store.listReportVersions(id);
    if (versions.length === 0) return apiError(c, 404, 'not-found', `story ${id} has no report yet`);
    const last = versions[versions.length - 1]!.version;
    const to = q.value.to ?? last;
    const from = q.value.from ?? Math.max(1, to - 1);
    if (from > to) return apiError(c, 400, 'bad-request', 'from is after to');
    const [a, b] = await Promise.all([ctx.reportVersion(id, from), ctx.reportVersion(id, to)]);
    if (!a || !b) return apiError(c, 404, 'not-found', `no version ${!a ? from : to} of story ${id}`);
    return c.json(diffReports(id, { version: from, report: a.report }, { version: to, report: b.report }));
  });

  app.get('/api/stories/:id/articles', async (c) => {
    const id = c.req.param('id');
    const moved = await redirectMerged(c, store, id);
    if (moved) return moved;
    const q = parseQuery(c, S.PageQuery);
    if (!q.ok) return q.res;
    if (!(await store.getStory(id))) return apiError(c, 404, 'not-found', `no story ${id}`);
    const rows = await store.listArticles({ storyId: id, limit: q.value.limit ?? 500, offset: q.value.offset ?? 0 });
    return c.json({ articles: rows.map(articleSummary) });
  });
}

/** Article search and one article. */
function registerArticles(app: Hono, { store }: ApiContext): void {
  app.get('/api/articles', async (c) => {
    const q = parseQuery(c, S.ArticleSearchQuery);
    if (!q.ok) return q.res;
    const rows = await store.searchArticles(q.value.q, q.value.limit ?? 20);
    return c.json({ articles: rows.map(articleSummary) });
  });

  app.get('/api/articles/:id', async (c) => {
    const a = await store.getArticle(c.req.param('id'));
    if (!a) return apiError(c, 404, 'not-found', `no article ${c.req.param('id')}`);
    return c.json(articleFull(a));
  });
}

/** The sources (registry and user-added), the countries they cover, and adding one. */
function registerSources(app: Hono, ctx: ApiContext): void {
  const { store } = ctx;
  app.get('/api/sources', async (c) => c.json({ sources: await ctx.sources() }));

  app.get('/api/countries', async (c) => {
    const counts = new Map<string, number>();
    for (const s of await ctx.sources()) if (s.country && s.enabled) counts.set(s.country, (counts.get(s.country) ?? 0) + 1);
    return c.json({
      countries: [...counts]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([country, sources]) => ({ country, name: countryName(country), sources })),
    });
  });

  app.post('/api/sources', async (c) => {
    const b = await parseBody(c, S.NewSource);
    if (!b.ok) return b.res;
    const host = new URL(b.value.homepage).hostname.replace(/^www\./, '');
    const rec: SourceRecord = {
      id: host || slug(b.value.name),
      name: b.value.name,
      homepage: b.value.homepage,
      country: b.value.country?.toUpperCase() ?? null,
      languages: b.value.languages ?? [],
      feeds: b.value.feeds ?? [],
      ownership: b.value.ownership ?? null,
      origin: 'user',
      enabled: true,
    };
    await store.upsertSource(rec);
    ctx.invalidate();
    return c.json(rec, 201);
  });
}

/** POST /api/ingest: one article given as text or fetched from a URL, clustered and its story's report rebuilt. */
function registerIngest(app: Hono, ctx: ApiContext, { lists }: ApiCaches): void {
  const { store } = ctx;
  app.post('/api/ingest', async (c) => {
    const b = await parseBody(c, S.IngestBody);
    if (!b.ok) return b.res;
    let input: RawInput;
    if ('text' in b.value) {
      const v = b.value;
      input = {
        ref: v.url ?? `api:${ctx.clock().toISOString()}`,
        kind: 'text',
        body: v.title ? `${v.title}\n\n${v.text}` : v.text,
        hints: {
          url: v.url ?? null,
          title: v.title ?? null,
          outlet: v.outlet ?? null,
          country: v.country?.toUpperCase() ?? null,
          language: v.language ?? null,
          published: v.published ?? null,
        },
      };
    } else {
      const { fetchInputs } = await import('../../fetch/urls.ts');
      let got: RawInput | null = null;
      const pool = ctx.extractPool;
      for await (const item of fetchInputs(
        [b.value.url],
        ctx.config,
        ctx.logger,
        pool ? { feedParser: (body, url) => pool.parseFeed(body, url) } : {},
      )) {
        if (!item.ok) {
          // The one failure decision (fetch/failures.ts): a failure of the moment is a 503 saying when to try again.
          const retry = decideRetry(item.failure, 1, { baseMs: 60_000, maxMs: 3600_000 });
          if (retry.retryable) c.header('Retry-After', String(Math.max(1, Math.ceil(retry.retryAfterMs / 1000))));
          return c.json(
            { status: 'failed', articleId: null, storyId: null, error: { code: item.failure.code, message: item.failure.error } },
            retry.retryable ? 503 : 422,
          );
        }
        got = item.input;
      }
      if (!got)
        return c.json(
          { status: 'failed', articleId: null, storyId: null, error: { code: 'fetch/nothing', message: 'nothing fetched' } },
          422,
        );
      input = got;
    }
    const { ingestInput, rebuildReports } = await import('../../pipeline/ingest.ts');
    const deps = {
      store,
      clock: ctx.clock,
      logger: ctx.logger,
      registryCountries: await ctx.registryCountries(),
      llm: ctx.llm,
      translators: await translatorsOf(ctx),
      htmlPool: ctx.extractPool ?? null,
    };
    const out = await ingestInput(input, deps);
    if (out.status === 'failed')
      return c.json({ status: 'failed', articleId: null, storyId: null, error: { code: out.code, message: out.error } }, 422);
    if (out.status === 'added') {
      await rebuildReports([out.storyId], deps);
      ctx.invalidate(out.storyId);
      lists.clear();
      return c.json({ status: 'added', articleId: out.articleId, storyId: out.storyId, error: null });
    }
    const a = await store.getArticle(out.articleId);
    return c.json({ status: 'duplicate', articleId: out.articleId, storyId: a?.storyId ?? null, error: null });
  });
}

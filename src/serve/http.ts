/**
 * HTTP API (JSON under /api/, OpenAPI at /api/openapi.json), Atom feeds
 * (/feeds/…) and the web UI, on Hono. Writes need `Authorization: Bearer
 * <PARALLAX_TOKEN>` (403 when no token is configured); reads are open unless
 * PARALLAX_PRIVATE is on, and then take the bearer header or the session cookie of a browser login (session.ts).
 * /healthz and /readyz are always open; /metrics is a read like the others (ops.ts). Request bodies are limited
 * while they stream in (PARALLAX_MAX_BODY_BYTES), chunked or not. Security headers on every response.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store, SourceRecord } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import type { RegistryOutlet } from '../sources/registry.ts';
import type { StoryReport } from '../report.ts';
import { llmFromConfig, type LlmClient } from '../synthesize/llm.ts';
import { buildStoryReport } from '../pipeline/report.ts';
import { registerApi, apiError } from './api/routes.ts';
import { registerFeeds } from './api/feeds.ts';
import { BoundedCache, type ApiContext } from './api/context.ts';
import { registerWeb } from './web.ts';
import { registerOps } from './ops.ts';
import { registerSession, sessionValid, wantsPage } from './session.ts';
import { metrics } from '../util/metrics.ts';
import { createHtmlExtractPool, type HtmlExtractPool } from '../extract/worker.ts';
import { HotResponses } from './hot.ts';

export interface ServerDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
  /** The shipped registry's outlets; undefined = load the default registry file on first use; null = none. */
  registry?: RegistryOutlet[] | null;
  /** Optional language model for report building. */
  llm?: LlmClient | null;
  /** Worker threads for articles posted to the API; undefined = a pool of one thread, started on first use. */
  extractPool?: HtmlExtractPool | null;
  /** Called when an ingest through the API changed stories (after the app's own caches are cleared). */
  onInvalidate?: () => void;
}

/** How long the latest version number of a story is trusted before the store is asked again. */
const LATEST_TTL_MS = 1000;
/** Bytes of ready responses (story reports and pages, gzipped) kept by a server (hot.ts). */
const HOT_MAX_BYTES = 64 * 1024 * 1024;

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Answered without any token, even on a private server (probes, the login form and what it needs). */
const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/login', '/logout', '/static/style.css', '/favicon.ico']);

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time check of a bearer token. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!m) return false;
  return timingSafeEqual(digest(m[1]!), digest(token));
}

/**
 * Countries with enabled outlets among all sources (the shipped registry merged with the store's), for blindspots.
 * For callers outside the server (CLI ingest): pass the result as PipelineDeps.registryCountries.
 */
export async function loadRegistryCountries(store: Store, registry?: RegistryOutlet[] | null): Promise<string[]> {
  const { loadRegistry, mergeSources } = await import('../sources/registry.ts');
  let outlets = registry;
  if (outlets === undefined) {
    const r = await loadRegistry();
    outlets = r.ok ? r.value.outlets : [];
  }
  const list = mergeSources(outlets ?? [], await store.listSources());
  return [...new Set(list.filter((s) => s.enabled && s.country).map((s) => s.country!))].sort();
}

/**
 * What the routes read: the store, the sources (cached a minute), the reports (latest version looked up once a second).
 * `forget`: the latest versions of these stories are looked up again on their next request (another thread changed them).
 */
function createApiContext(deps: ServerDeps): { ctx: ApiContext; forget: (storyIds: readonly string[] | null) => void } {
  const { store, config } = deps;
  let sourcesCache: { at: number; list: SourceRecord[] } | null = null;
  let registry: RegistryOutlet[] | null | undefined = deps.registry;
  async function loadSources(): Promise<SourceRecord[]> {
    if (sourcesCache && Date.now() - sourcesCache.at < 60_000) return sourcesCache.list;
    const { loadRegistry, mergeSources } = await import('../sources/registry.ts');
    if (registry === undefined) {
      const r = await loadRegistry();
      registry = r.ok ? r.value.outlets : [];
      if (!r.ok) deps.logger.warn('registry not loaded', { stage: 'serve', code: r.code });
    }
    const list = mergeSources(registry ?? [], await store.listSources());
    sourcesCache = { at: Date.now(), list };
    return list;
  }
  async function registryCountries(): Promise<string[]> {
    return [...new Set((await loadSources()).filter((s) => s.enabled && s.country).map((s) => s.country!))].sort();
  }
  // the optional language model: from the deps, else from PARALLAX_LLM_* (global fetch, injected here at the edge)
  const llm = deps.llm === undefined ? llmFromConfig(config, fetch) : deps.llm;
  const reports = new BoundedCache<string, { json: string; report: StoryReport }>(2000);
  const latest = new BoundedCache<string, { version: number; at: number }>(20000);
  // Posted articles are extracted off the thread that answers requests, each under PARALLAX_EXTRACT_TIMEOUT_MS.
  const extractPool =
    deps.extractPool === undefined ? createHtmlExtractPool({ size: 1, timeoutMs: config.PARALLAX_EXTRACT_TIMEOUT_MS }) : deps.extractPool;
  const ctx: ApiContext = {
    store,
    config,
    logger: deps.logger,
    clock: deps.clock,
    llm,
    extractPool,
    sources: loadSources,
    registryCountries,
    async report(id) {
      // the latest version number is looked up at most once a second per story
      const known = latest.get(id);
      if (known && Date.now() - known.at < LATEST_TTL_MS) {
        const hit = reports.get(`${id}@${known.version}`);
        if (hit) return { ...hit, version: known.version };
      }
      const versions = await store.listReportVersions(id);
      let last: number | undefined = versions[versions.length - 1]?.version;
      if (last === undefined) {
        if (!(await store.getStory(id))) return null;
        const built = await buildStoryReport(id, {
          store,
          clock: deps.clock,
          logger: deps.logger,
          registryCountries: await registryCountries(),
          llm,
        });
        if (!built) return null;
        const again = (await store.listReportVersions(id)).at(-1)?.version;
        if (again === undefined) return { json: JSON.stringify(built), report: built, version: 0 };
        last = again;
      }
      const r = await ctx.reportVersion(id, last);
      if (r) latest.set(id, { version: last, at: Date.now() });
      return r ? { ...r, version: last } : null;
    },
    async reportVersion(id, version) {
      const key = `${id}@${version}`;
      const hit = reports.get(key);
      if (hit) return hit;
      const rv = await store.getReport(id, version);
      if (!rv) return null;
      const report = { ...rv.report, version: rv.version };
      const v = { json: JSON.stringify(report), report };
      reports.set(key, v);
      return v;
    },
    invalidate(storyId) {
      sourcesCache = null;
      if (storyId) latest.delete(storyId);
      deps.onInvalidate?.();
    },
  };
  const forget = (storyIds: readonly string[] | null) => {
    if (storyIds === null) latest.clear();
    else for (const id of storyIds) latest.delete(id);
  };
  return { ctx, forget };
}

/** Compression, security headers, authentication, the body limit and the error answer, on every route. */
function useMiddleware(app: Hono, deps: ServerDeps): void {
  const { config } = deps;
  // gzip/deflate on text responses (pages that are cached already compressed pass through)
  app.use('*', compress());
  app.use('*', async (c, next) => {
    await next();
    metrics.inc('parallax_http_requests_total', { code: `${Math.floor(c.res.status / 100)}xx` });
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.get('Content-Security-Policy')) c.header('Content-Security-Policy', CSP);
  });

  // authentication: writes always need the token; reads only when private
  app.use('*', async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    const token = config.PARALLAX_TOKEN;
    if (write) {
      if (!token) return apiError(c, 403, 'auth/disabled', 'writes over HTTP are disabled: set PARALLAX_TOKEN to enable them');
      if (!tokenMatches(c.req.header('authorization'), token)) {
        c.header('WWW-Authenticate', 'Bearer');
        return apiError(c, 401, 'auth/required', 'missing or wrong bearer token');
      }
    } else if (config.PARALLAX_PRIVATE) {
      const allowed =
        !!token && (tokenMatches(c.req.header('authorization'), token) || sessionValid(c.req.header('cookie'), token, Date.now()));
      if (!allowed && wantsPage(c)) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      if (!allowed) {
        c.header('WWW-Authenticate', 'Bearer');
        return apiError(c, 401, 'auth/required', 'this server is private: send Authorization: Bearer <token>');
      }
    }
    await next();
  });

  // Bodies are counted while they arrive: a chunked upload is cut off at the limit, not read whole first.
  app.use(
    '*',
    bodyLimit({
      maxSize: config.PARALLAX_MAX_BODY_BYTES,
      onError: (c) => apiError(c, 413, 'too-large', `body larger than ${config.PARALLAX_MAX_BODY_BYTES} bytes`),
    }),
  );

  app.onError((e, c) => {
    deps.logger.error('request failed', { stage: 'serve', code: 'serve/internal', message: e instanceof Error ? e.message : String(e) });
    return apiError(c, 500, 'internal', 'internal error');
  });
}

export function createApp(deps: ServerDeps): Hono {
  return buildApp(deps).app;
}

function buildApp(deps: ServerDeps): { app: Hono; forget: (storyIds: readonly string[] | null) => void } {
  const { store, config } = deps;
  const app = new Hono();
  const { ctx, forget } = createApiContext(deps);
  useMiddleware(app, deps);
  registerOps(app, store);
  registerSession(
    app,
    () => config.PARALLAX_TOKEN,
    () => deps.clock().getTime(),
  );
  registerApi(app, ctx);
  registerFeeds(app, ctx);
  registerWeb(app, ctx);
  return { app, forget };
}

export interface RunningServer {
  host: string;
  port: number;
  /**
   * Another thread or process changed these stories (null: any story): their reports, pages and the story list are
   * looked up again on their next request (the answers kept meanwhile are served while that runs).
   */
  invalidate(storyIds: readonly string[] | null): void;
  close(): Promise<void>;
}

export async function startServer(deps: ServerDeps & { port: number; host: string }): Promise<RunningServer> {
  const ownPool =
    deps.extractPool === undefined ? createHtmlExtractPool({ size: 1, timeoutMs: deps.config.PARALLAX_EXTRACT_TIMEOUT_MS }) : null;
  // Story reports and pages answered from memory, before the framework (never on a private server: reads need the token).
  const hot = deps.config.PARALLAX_PRIVATE
    ? null
    : new HotResponses(async (path, gzip) => app.request(path, { headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } }), {
        ttlMs: LATEST_TTL_MS,
        maxBytes: HOT_MAX_BYTES,
        onServe: (status) => metrics.inc('parallax_http_requests_total', { code: `${Math.floor(status / 100)}xx` }),
      });
  const { app, forget } = buildApp({
    ...deps,
    ...(ownPool ? { extractPool: ownPool } : {}),
    onInvalidate: () => (hot?.clear(), deps.onInvalidate?.()),
  });
  const invalidate = (storyIds: readonly string[] | null) => {
    forget(storyIds);
    hot?.expire(storyIds);
  };
  const listener = getRequestListener(app.fetch, { hostname: deps.host });
  return new Promise((resolve, reject) => {
    let server: Server;
    try {
      server = createServer(hot ? (req, res) => hot.handle(req, res) || void listener(req, res) : listener);
      server.listen(deps.port, deps.host, () => {
        const info = server.address() as AddressInfo;
        resolve({
          host: deps.host,
          port: info.port,
          invalidate,
          close: async () => {
            await new Promise<void>((res) => server.close(() => res()));
            await ownPool?.close();
          },
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}

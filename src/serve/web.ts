/**
 * The web UI: server-rendered HTML; the one script draws the globe, and every page works without it (country lists
 * are its fallback). Everything that comes from an article is escaped with `esc` — no raw article text reaches the
 * page. Pages: / (ranked story cards), /search, /stories/:id (the report), /stories/:id/read/:n (reader view of a
 * source at the cited passage), /countries (the globe), /countries/:cc; /static/* assets with cache headers.
 */
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import type { StoryReport } from '../report.ts';
import type { StoryDiff } from '../synthesize/diff.ts';
import { diffReports } from '../synthesize/diff.ts';
import type { ApiContext } from './api/context.ts';
import { BoundedCache } from './api/context.ts';
import { redirectMerged } from './redirect.ts';
import { PAGE_CSP, errorPage } from './web/layout.ts';
import { renderStoryPage } from './web/story.ts';
import { renderReader } from './web/reader.ts';
import { passageText } from './web/cite.ts';
import { assets } from './web/assets.ts';
import { CardIndex } from './web/index-cards.ts';
import { PERIODS, filterCards, renderFront, type Period } from './web/front.ts';
import { renderSearch, sortHits, queryTerms, type SearchSort } from './web/search.ts';
import { isCountryCode, renderCountries, renderCountry } from './web/countries.ts';
import { ownershipLookup } from './web/takes.ts';
import { isTopic } from './web/topics.ts';

export { esc } from './web/layout.ts';
export { STYLE } from './web/style.ts';
export { renderStoryPage } from './web/story.ts';

type Html = { html: string; gz: Uint8Array };

function send(c: Context, h: Html | string, status: 200 | 400 | 404 = 200): Response {
  const html = typeof h === 'string' ? h : h.html;
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('Vary', 'Accept-Encoding');
  // a cached page is sent already compressed (the compress middleware leaves encoded bodies alone)
  if (typeof h !== 'string' && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    return c.body(h.gz as Uint8Array<ArrayBuffer>, status, { 'content-type': 'text/html; charset=UTF-8', 'content-encoding': 'gzip' });
  }
  return c.html(html, status);
}

const notFound = (c: Context, msg: string) => send(c, errorPage(404, msg), 404);
const badRequest = (c: Context, msg: string) => send(c, errorPage(400, msg), 400);

/** One country code from a query parameter, or undefined. */
function ccParam(v: string | undefined): string | undefined {
  return v && /^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : undefined;
}
function sinceParam(v: string | undefined): Period | undefined {
  return v && Object.hasOwn(PERIODS, v) ? (v as Period) : undefined;
}
function topicParam(v: string | undefined): string | undefined {
  return isTopic(v) ? v : undefined;
}
function langParam(v: string | undefined): string | undefined {
  return v && /^[a-z]{2,3}$/.test(v) ? v : undefined;
}

/** The web pages: static assets and not-found pages, the front page and search, story pages, countries. */
export function registerWeb(app: Hono, ctx: ApiContext): void {
  const index = new CardIndex(ctx.store, ctx.clock);
  registerStatic(app);
  registerFront(app, ctx, index);
  registerStoryPages(app, ctx);
  registerCountries(app, ctx, index);
}

/** Static assets (cached, ETag), the not-found page (the API's error shape under /api/), no favicon. */
function registerStatic(app: Hono): void {
  app.get('/static/:name', (c) => {
    const a = assets().get(c.req.param('name'));
    if (!a) return notFound(c, 'No such file.');
    if (c.req.header('if-none-match') === a.etag) return c.body(null, 304);
    return c.body(a.body, 200, { 'content-type': a.type, 'cache-control': 'public, max-age=86400', etag: a.etag });
  });
  // an unknown address: a page with a way on for browsers, the API's error shape for everything under /api/
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not-found', message: 'no such route' } }, 404)
      : notFound(c, 'There is no page at this address.'),
  );
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));
}

/** The front page (rebuilt when the ranked list is, not per request) and search. */
function registerFront(app: Hono, ctx: ApiContext, index: CardIndex): void {
  const { store } = ctx;
  const fronts = new BoundedCache<string, Html>(200);
  const followed = async () => (await ctx.sources()).filter((s) => s.enabled).length;
  // for the empty front page: how many feeds are read and when one last was
  const feedStatus = async () => {
    const urls = (await ctx.sources())
      .filter((s) => s.enabled)
      .flatMap((s) => s.feeds)
      .slice(0, 5000);
    const states = urls.length ? await store.getFeedStates(urls) : new Map();
    const ok = [...states.values()]
      .map((s) => s.lastOk)
      .filter((x): x is string => !!x)
      .sort();
    return { count: urls.length, lastOk: ok.at(-1) ?? null };
  };

  app.get('/', async (c) => {
    const q = c.req.query('q');
    if (q !== undefined) return c.redirect(`/search?q=${encodeURIComponent(q.slice(0, 200))}`, 302);
    const pageNo = Number(c.req.query('page') ?? '1');
    if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > 10_000) return badRequest(c, 'The page must be a positive number.');
    const since = sinceParam(c.req.query('since'));
    const topic = topicParam(c.req.query('topic'));
    const filters = { country: ccParam(c.req.query('country')), language: langParam(c.req.query('language')), topic, since, page: pageNo };
    const cards = await index.all();
    // the page is rebuilt when the ranked list is (every few seconds at most), not per request
    const key = `${index.stamp}|${filters.country ?? ''}|${filters.language ?? ''}|${topic ?? ''}|${since ?? ''}|${pageNo}`;
    let h = fronts.get(key);
    if (!h) {
      const html = renderFront(
        { cards, followed: await followed(), feeds: cards.length ? undefined : await feedStatus(), now: ctx.clock() },
        filters,
      );
      fronts.set(key, (h = { html, gz: gzipSync(html) }));
    }
    return send(c, h);
  });

  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200).trim();
    const country = ccParam(c.req.query('country'));
    const language = langParam(c.req.query('language'));
    const sort: SearchSort = c.req.query('sort') === 'date' ? 'date' : 'relevance';
    const all = await index.all();
    const outlet = (c.req.query('outlet') ?? '').slice(0, 100).trim() || undefined;
    const stories = q
      ? await store.listStories({
          q,
          limit: 200,
          ...(country ? { country } : {}),
          ...(language ? { language } : {}),
          ...(outlet ? { outlet } : {}),
        })
      : [];
    const since = sinceParam(c.req.query('since'));
    const topic = topicParam(c.req.query('topic'));
    const hits = sortHits(filterCards(await index.of(stories), { since, topic }, ctx.clock()), queryTerms(q), sort);
    return send(c, renderSearch({ q, country, language, outlet, topic, since, sort, hits, all, now: ctx.clock() }));
  });
}

/** A story's page (kept per version) and the reader view of one of its sources. */
function registerStoryPages(app: Hono, ctx: ApiContext): void {
  const { store } = ctx;
  const pages = new BoundedCache<string, Html>(500);
  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const vq = c.req.query('v');
    // A story merged into another: its page is the survivor's (its own earlier versions stay readable with ?v=).
    const moved = vq === undefined ? await redirectMerged(c, store, id) : null;
    if (moved) return moved;
    if (vq !== undefined && !/^\d{1,9}$/.test(vq)) return badRequest(c, 'The version must be a number.');
    const r =
      vq === undefined
        ? await ctx.report(id)
        : await ctx.reportVersion(id, Number(vq)).then((x) => (x ? { ...x, version: Number(vq) } : null));
    if (!r) return notFound(c, 'There is no such story (or no such version of it).');
    const version = r.version;
    const key = `${id}@${version}`;
    let h = pages.get(key);
    if (!h) {
      const html = await storyHtml(ctx, id, r.report, version);
      h = { html, gz: gzipSync(html) };
      pages.set(key, h);
    }
    return send(c, h);
  });

  app.get('/stories/:id/read/:n', async (c) => {
    const n = c.req.param('n');
    if (!/^\d{1,5}$/.test(n)) return badRequest(c, 'A source is given by its number in the story.');
    const r = await ctx.report(c.req.param('id'));
    const a = r?.report.articles[Number(n) - 1];
    if (!r || !a) return notFound(c, 'This story has no such source.');
    const art = await store.getArticle(a.id);
    const p = c.req.query('p')?.slice(0, 16);
    const cited = p ? passageText(r.report, p, a.id) : null;
    const v = c.req.query('view');
    const view = v === 'original' || v === 'translation' ? v : undefined;
    return send(c, renderReader(r.report, Number(n), a, art?.text ?? '', cited, art?.translation, { view, passageKey: cited ? p : null }));
  });
}

/** The countries' map and each country's page. */
function registerCountries(app: Hono, ctx: ApiContext, index: CardIndex): void {
  app.get('/countries', async (c) => {
    const followedBy = new Map<string, number>();
    for (const s of await ctx.sources()) if (s.country && s.enabled) followedBy.set(s.country, (followedBy.get(s.country) ?? 0) + 1);
    const since = sinceParam(c.req.query('since'));
    return send(c, renderCountries(filterCards(await index.all(), { since }, ctx.clock()), followedBy, since));
  });

  app.get('/countries/:cc', async (c) => {
    const cc = c.req.param('cc');
    if (!/^[A-Za-z]{2}$/.test(cc)) return badRequest(c, 'A country is a two-letter ISO 3166-1 code, such as /countries/fr.');
    const code = cc.toUpperCase();
    if (!isCountryCode(code)) return notFound(c, `There is no country with the code “${code}”.`);
    return send(c, renderCountry(code, await index.all(), ctx.clock()));
  });
}

async function storyHtml(ctx: ApiContext, id: string, report: StoryReport, version: number): Promise<string> {
  const versions = (await ctx.store.listReportVersions(id)).map((v) => v.version);
  if (!versions.includes(version)) versions.push(version);
  let diff: StoryDiff | null = null;
  const idx = versions.indexOf(version);
  if (idx > 0) {
    const prev = await ctx.reportVersion(id, versions[idx - 1]!);
    if (prev) diff = diffReports(id, { version: versions[idx - 1]!, report: prev.report }, { version, report });
  }
  const ownershipOf = ownershipLookup(await ctx.sources());
  return renderStoryPage(report, { diff, versions, version, now: ctx.clock(), ownershipOf });
}

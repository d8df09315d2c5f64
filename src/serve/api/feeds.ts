/**
 * Atom feeds: /feeds/top.atom (latest stories), /feeds/country/:cc.atom
 * (stories covered by a country's outlets), /feeds/story/:id.atom (one entry
 * per report version, with what changed). Everything is XML-escaped.
 */
import type { Context, Hono } from 'hono';
import type { StorySummary } from '../../model.ts';
import { countryName } from '../../synthesize/countries.ts';
import { diffReports } from '../../synthesize/diff.ts';
import type { ApiContext } from './context.ts';
import { apiError } from './routes.ts';

export function xmlEsc(s: string | null | undefined): string {
  return (
    (s ?? '')
      // characters XML 1.0 forbids
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const FEED_SIZE = 30;

function origin(c: Context): string {
  const u = new URL(c.req.url);
  return `${u.protocol}//${u.host}`;
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

function atom(c: Context, feed: { id: string; title: string; self: string; updated: string; entries: Entry[] }): Response {
  const o = origin(c);
  const body =
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">` +
    `<id>${xmlEsc(feed.id)}</id><title>${xmlEsc(feed.title)}</title><updated>${xmlEsc(feed.updated)}</updated>` +
    `<link rel="self" href="${xmlEsc(o + feed.self)}"/><link rel="alternate" href="${xmlEsc(o + '/')}"/>` +
    `<author><name>Parallax</name></author><generator>Parallax</generator>` +
    feed.entries
      .map(
        (e) =>
          `<entry><id>${xmlEsc(e.id)}</id><title>${xmlEsc(e.title)}</title><updated>${xmlEsc(e.updated)}</updated>` +
          `<link rel="alternate" href="${xmlEsc(o + e.link)}"/><summary type="text">${xmlEsc(e.summary)}</summary></entry>`,
      )
      .join('') +
    `</feed>\n`;
  return c.body(body, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
}

async function storyEntries(ctx: ApiContext, stories: StorySummary[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const s of stories) {
    const rv = await ctx.store.getReport(s.id);
    const summary = rv ? rv.report.overview.map((x) => x.text).join(' ') : '';
    out.push({
      id: `urn:parallax:story:${s.id}`,
      title: rv?.report.title || s.title || '(untitled)',
      updated: s.updatedAt,
      link: `/stories/${encodeURIComponent(s.id)}`,
      summary: summary || `${s.articleIds.length} articles`,
    });
  }
  return out;
}

export function registerFeeds(app: Hono, ctx: ApiContext): void {
  app.get('/feeds/top.atom', async (c) => {
    const stories = await ctx.store.listStories({ limit: FEED_SIZE });
    return atom(c, {
      id: 'urn:parallax:feed:top',
      title: 'Parallax: latest stories',
      self: '/feeds/top.atom',
      updated: stories[0]?.updatedAt ?? ctx.clock().toISOString(),
      entries: await storyEntries(ctx, stories),
    });
  });

  app.get('/feeds/country/:file', async (c) => {
    const m = c.req.param('file').match(/^([A-Za-z]{2})\.atom$/);
    if (!m) return apiError(c, 400, 'bad-request', 'expected /feeds/country/<alpha-2 code>.atom');
    const cc = m[1]!.toUpperCase();
    const stories = await ctx.store.listStories({ country: cc, limit: FEED_SIZE });
    return atom(c, {
      id: `urn:parallax:feed:country:${cc}`,
      title: `Parallax: stories covered by outlets in ${countryName(cc)}`,
      self: `/feeds/country/${cc}.atom`,
      updated: stories[0]?.updatedAt ?? ctx.clock().toISOString(),
      entries: await storyEntries(ctx, stories),
    });
  });

  app.get('/feeds/story/:file', async (c) => {
    const m = c.req.param('file').match(/^(.{1,200})\.atom$/);
    if (!m) return apiError(c, 400, 'bad-request', 'expected /feeds/story/<id>.atom');
    const id = m[1]!;
    const latest = await ctx.report(id);
    if (!latest) return apiError(c, 404, 'not-found', `no story ${id}`);
    const versions = (await ctx.store.listReportVersions(id)).slice(-FEED_SIZE);
    const entries: Entry[] = [];
    let prev: { version: number; report: import('../../report.ts').StoryReport } | null = null;
    for (const v of versions) {
      const r = await ctx.reportVersion(id, v.version);
      if (!r) continue;
      let summary = r.report.overview.map((x) => x.text).join(' ');
      if (prev) {
        const d = diffReports(id, prev, { version: v.version, report: r.report });
        const parts = [
          d.newArticles.length ? `${d.newArticles.length} new article(s)` : '',
          d.newOutlets.length ? `new outlets: ${d.newOutlets.join(', ')}` : '',
          d.newDiscrepancies.length ? `new discrepancies: ${d.newDiscrepancies.map((x) => x.about).join('; ')}` : '',
          d.resolvedDiscrepancies.length ? `resolved: ${d.resolvedDiscrepancies.map((x) => x.about).join('; ')}` : '',
        ].filter(Boolean);
        if (parts.length) summary = `${parts.join('. ')}. ${summary}`;
      }
      entries.unshift({
        id: `urn:parallax:story:${id}:v${v.version}`,
        title: `${r.report.title} (version ${v.version})`,
        updated: v.createdAt,
        link: `/stories/${encodeURIComponent(id)}?v=${v.version}`,
        summary,
      });
      prev = { version: v.version, report: r.report };
    }
    return atom(c, {
      id: `urn:parallax:feed:story:${id}`,
      title: `Parallax: ${latest.report.title}`,
      self: `/feeds/story/${encodeURIComponent(id)}.atom`,
      updated: versions.at(-1)?.createdAt ?? ctx.clock().toISOString(),
      entries,
    });
  });
}

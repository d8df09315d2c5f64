/**
 * The web UI: server-rendered HTML, no script. Everything that comes from an
 * article is escaped with `esc` — no raw article text reaches the page.
 * Pages: / (stories, search), /stories/:id (report, map, what changed),
 * /countries (map of sources), /countries/:cc (stories its outlets covered).
 */
import type { Hono } from 'hono';
import type { StorySummary } from './../model.ts';
import type { StoryReport } from '../report.ts';
import type { StoryDiff } from '../synthesize/diff.ts';
import { diffReports } from '../synthesize/diff.ts';
import { countryName } from '../synthesize/countries.ts';
import type { ApiContext } from './api/context.ts';
import { renderWorldMap } from './web/map.ts';
import { redirectMerged } from './redirect.ts';

/** A value's normalized form is shown when the words alone do not tell the values apart ("a day earlier" twice). */
function showNormalized(v: { value: string; normalized?: string | null }): v is { value: string; normalized: string } {
  return !!v.normalized && v.normalized.toLowerCase() !== v.value.toLowerCase();
}

export function esc(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;color:#222}
a{color:#0645ad}h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:1.8rem}li{margin:.3rem 0}
.cite{font-size:.8em;color:#555}.cite a{text-decoration:none}.muted{color:#666}.overview p{margin:.5rem 0}
header{display:flex;gap:1rem;align-items:baseline;border-bottom:1px solid #ddd;padding-bottom:.5rem}
header form{margin-left:auto}input[type=search]{padding:.25rem .4rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.worldmap{width:100%;height:auto;background:#f6f9fc;border:1px solid #e3e8ee;border-radius:4px}
.worldmap a:hover path,.worldmap a:focus path{fill:#fdae6b}.changes{background:#fffbe6;border:1px solid #f0e0a0;padding:.5rem 1rem}
.legend{font-size:.85em;color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Parallax</title><link rel="stylesheet" href="/static/style.css"><link rel="alternate" type="application/atom+xml" href="/feeds/top.atom" title="Parallax: latest stories"></head>
<body><header><a href="/"><strong>Parallax</strong></a><a href="/countries">Countries</a><form action="/" method="get"><input type="search" name="q" placeholder="Search stories" aria-label="Search stories" maxlength="200"></form></header><main>${body}</main></body></html>`;
}

export function renderStoryList(stories: StorySummary[], heading = 'Stories', q?: string): string {
  const items = stories
    .map(
      (s) =>
        `<li><a href="/stories/${encodeURIComponent(s.id)}">${esc(s.title || '(untitled)')}</a> <span class="muted">${s.articleIds.length} article${s.articleIds.length === 1 ? '' : 's'} · ${esc(s.updatedAt.slice(0, 10))}</span></li>`,
    )
    .join('');
  const empty = q ? `<p>No story matches “${esc(q)}”.</p>` : '<p>No stories yet. Ingest some articles: <code>parallax ingest PATH</code>.</p>';
  return page(heading, `<h1>${esc(heading)}</h1>${stories.length ? `<ul class="stories">${items}</ul>` : empty}`);
}

function changesHtml(d: StoryDiff | null, cite: (ids: string[]) => string): string {
  if (!d) return '';
  const li: string[] = [];
  if (d.title) li.push(`<li>Headline was “${esc(d.title.from)}”.</li>`);
  if (d.newArticles.length) li.push(`<li>${d.newArticles.length} new article${d.newArticles.length > 1 ? 's' : ''}${d.newOutlets.length ? ` from ${d.newOutlets.map(esc).join(', ')}` : ''}.</li>`);
  if (d.newCountries.length) li.push(`<li>Now covered in ${d.newCountries.map((c) => esc(countryName(c))).join(', ')}.</li>`);
  for (const s of [...d.newAgreements, ...d.newOverview].slice(0, 4)) li.push(`<li>New: ${esc(s.text)} ${cite(s.articles)}</li>`);
  for (const x of d.newDiscrepancies) li.push(`<li>New point of difference: ${esc(x.about)}.</li>`);
  for (const x of d.resolvedDiscrepancies) li.push(`<li>Resolved: sources no longer differ on ${esc(x.about)}.</li>`);
  for (const x of d.changedDiscrepancies) li.push(`<li>Changed: ${esc(x.about)}.</li>`);
  if (!li.length) return '';
  return `<section class="changes" id="changes"><h2>What changed since version ${d.from}</h2><ul>${li.join('')}</ul></section>`;
}

export function renderStoryPage(r: StoryReport, opts: { diff?: StoryDiff | null; versions?: number[]; version?: number } = {}): string {
  const num = new Map(r.articles.map((a, i) => [a.id, i + 1]));
  const cite = (ids: string[]) =>
    `<span class="cite">[${ids.map((id) => (num.has(id) ? `<a href="#a${num.get(id)}">${num.get(id)}</a>` : esc(id))).join(', ')}]</span>`;
  const overview = `<section class="overview" id="overview">${r.overview.map((s) => `<p>${esc(s.text)} ${cite(s.articles)}</p>`).join('')}</section>`;
  const coverage = new Map<string, number>();
  for (const a of r.articles) if (a.country) coverage.set(a.country.toUpperCase(), (coverage.get(a.country.toUpperCase()) ?? 0) + 1);
  const map = `<h2>Who covered it</h2>${renderWorldMap(coverage, { blindspots: r.blindspots, title: `Coverage of: ${r.title}` })}
<p class="legend">Shaded: countries whose outlets covered the story (darker = more articles). Outlined in red: countries with outlets in the registry that did not.</p>`;
  const disc = r.discrepancies.length
    ? `<h2>Where sources differ</h2><ul>${r.discrepancies
        .map((d) => `<li><strong>${esc(d.about)}</strong>: ${d.values.map((v) => `“${esc(v.value)}”${showNormalized(v) ? ` <span class="muted">(${esc(v.normalized)})</span>` : ''} ${cite(v.articles)}${v.likelyError ? ' <em>(likely error)</em>' : ''}`).join(' vs ')}</li>`)
        .join('')}</ul>`
    : '';
  const framing = r.framing.length
    ? `<h2>How each outlet frames it</h2><ul>${r.framing
        .map((f) => `<li>${cite([f.article])} “${esc(f.term)}”${f.refersTo ? ` for ${esc(f.refersTo)}` : ''}${f.counterparts?.length ? `; others say ${f.counterparts.map((x) => `“${esc(x)}”`).join(', ')}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  const world = r.countries.length
    ? `<h2>The world's take</h2><ul class="world">${r.countries
        .map(
          (c) =>
            `<li><strong>${c.country ? `<a href="/countries/${esc(c.country.toLowerCase())}">${esc(countryName(c.country))}</a>` : 'Unknown country'}</strong> ${cite(c.articles)}${c.summary ? `: ${esc(c.summary)}` : ''}</li>`,
        )
        .join('')}</ul>${r.blindspots?.length ? `<p class="muted">Not covered by outlets in: ${r.blindspots.map((c) => esc(countryName(c))).join(', ')}.</p>` : ''}`
    : '';
  const timeline = r.timeline.length
    ? `<h2>Timeline</h2><ul>${r.timeline.map((t) => `<li><strong>${esc(t.date)}</strong> ${esc(t.text)} ${cite(t.articles)}${t.disputed ? ' <em>(disputed)</em>' : ''}</li>`).join('')}</ul>`
    : '';
  const arts = `<h2>Sources</h2><ol class="sources">${r.articles
    .map((a, i) => {
      const title = esc(a.title ?? a.ref);
      const link = a.url && /^https?:\/\//i.test(a.url) ? `<a href="${esc(a.url)}" rel="noopener noreferrer nofollow">${title}</a>` : title;
      return `<li id="a${i + 1}">${link} <span class="muted">${esc([a.outlet, a.country, a.language, a.published].filter(Boolean).join(' · '))}${a.duplicateOf ? ' · copy of another article' : ''}</span></li>`;
    })
    .join('')}</ol>`;
  const versions = opts.versions && opts.versions.length > 1
    ? `<p class="muted">Versions: ${opts.versions.map((v) => (v === opts.version ? `<strong>${v}</strong>` : `<a href="?v=${v}">${v}</a>`)).join(' ')} · <a href="/feeds/story/${encodeURIComponent(r.id)}.atom">feed</a></p>`
    : '';
  return page(r.title, `<h1>${esc(r.title)}</h1>${versions}${changesHtml(opts.diff ?? null, cite)}${overview}${map}${disc}${framing}${world}${timeline}${arts}`);
}

export function registerWeb(app: Hono, ctx: ApiContext): void {
  const { store } = ctx;
  app.get('/static/style.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));

  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));

  app.get('/', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200).trim();
    const stories = await store.listStories({ limit: 100, ...(q ? { q } : {}) });
    return c.html(renderStoryList(stories, q ? `Stories matching “${q}”` : 'Stories', q || undefined));
  });

  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const vq = c.req.query('v');
    // A story merged into another: its page is the survivor's (its own earlier versions stay readable with ?v=).
    const moved = vq === undefined ? await redirectMerged(c, store, id) : null;
    if (moved) return moved;
    const versions = (await store.listReportVersions(id)).map((v) => v.version);
    let r: { report: StoryReport } | null;
    let version: number | undefined;
    if (vq !== undefined) {
      if (!/^\d{1,9}$/.test(vq)) return c.html(page('Bad request', '<p>The version must be a number.</p>'), 400);
      version = Number(vq);
      r = await ctx.reportVersion(id, version);
    } else {
      const latest = await ctx.report(id);
      r = latest;
      version = latest?.version;
      if (latest && versions.length === 0) versions.push(latest.version);
    }
    if (!r) return c.html(page('Not found', '<p>No such story.</p>'), 404);
    let diff: StoryDiff | null = null;
    const idx = version === undefined ? -1 : versions.indexOf(version);
    if (idx > 0) {
      const prev = await ctx.reportVersion(id, versions[idx - 1]!);
      if (prev) diff = diffReports(id, { version: versions[idx - 1]!, report: prev.report }, { version: version!, report: r.report });
    }
    return c.html(renderStoryPage(r.report, { diff, versions, version }));
  });

  app.get('/countries', async (c) => {
    const counts = new Map<string, number>();
    for (const s of await ctx.sources()) if (s.country && s.enabled) counts.set(s.country, (counts.get(s.country) ?? 0) + 1);
    const list = [...counts].sort((a, b) => countryName(a[0]).localeCompare(countryName(b[0])));
    const body = `<h1>Countries</h1>${renderWorldMap(counts, { title: 'Outlets by country' })}<p class="legend">Shaded by number of outlets in the registry.</p>
<ul>${list.map(([cc, n]) => `<li><a href="/countries/${esc(cc.toLowerCase())}">${esc(countryName(cc))}</a> <span class="muted">${n} outlet${n > 1 ? 's' : ''}</span></li>`).join('')}</ul>`;
    return c.html(page('Countries', body));
  });

  app.get('/countries/:cc', async (c) => {
    const cc = c.req.param('cc');
    if (!/^[A-Za-z]{2}$/.test(cc)) return c.html(page('Bad request', '<p>A country is a two-letter ISO 3166-1 code.</p>'), 400);
    const code = cc.toUpperCase();
    const stories = await store.listStories({ country: code, limit: 100 });
    const name = countryName(code);
    const html = renderStoryList(stories, `Stories covered by outlets in ${name}`).replace(
      '</h1>',
      `</h1><p class="muted"><a href="/feeds/country/${esc(code.toLowerCase())}.atom">Atom feed</a></p>`,
    );
    return c.html(html);
  });
}

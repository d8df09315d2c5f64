/**
 * The web UI: server-rendered HTML. Everything that comes from an article is
 * escaped with `esc` — no raw article text reaches the page.
 */
import type { StorySummary } from '../model.ts';
import type { StoryReport } from '../report.ts';

export function esc(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0645ad}h1{font-size:1.6rem}li{margin:.3rem 0}.cite{font-size:.8em;color:#666}.muted{color:#666}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Parallax</title><style>${STYLE}</style></head><body><header><a href="/">Parallax</a></header><main>${body}</main></body></html>`;
}

export function renderStoryList(stories: StorySummary[]): string {
  const items = stories
    .map((s) => `<li><a href="/stories/${encodeURIComponent(s.id)}">${esc(s.title || '(untitled)')}</a> <span class="muted">${s.articleIds.length} articles</span></li>`)
    .join('');
  return page('Stories', `<h1>Stories</h1>${stories.length ? `<ul>${items}</ul>` : '<p>No stories yet. Ingest some articles: <code>parallax ingest PATH</code>.</p>'}`);
}

export function renderStoryPage(r: StoryReport): string {
  const num = new Map(r.articles.map((a, i) => [a.id, i + 1]));
  const cite = (ids: string[]) => `<span class="cite">[${ids.map((id) => num.get(id) ?? esc(id)).join(', ')}]</span>`;
  const overview = r.overview.map((s) => `<p>${esc(s.text)} ${cite(s.articles)}</p>`).join('');
  const disc = r.discrepancies.length
    ? `<h2>Where sources differ</h2><ul>${r.discrepancies
        .map((d) => `<li><strong>${esc(d.about)}</strong>: ${d.values.map((v) => `${esc(v.value)} ${cite(v.articles)}${v.likelyError ? ' <em>(likely error)</em>' : ''}`).join(' vs ')}</li>`)
        .join('')}</ul>`
    : '';
  const framing = r.framing.length
    ? `<h2>How each outlet frames it</h2><ul>${r.framing
        .map((f) => `<li>${cite([f.article])} “${esc(f.term)}”${f.refersTo ? ` for ${esc(f.refersTo)}` : ''}${f.counterparts?.length ? `; others say ${f.counterparts.map(esc).join(', ')}` : ''}</li>`)
        .join('')}</ul>`
    : '';
  const arts = `<h2>Sources</h2><ol>${r.articles
    .map((a) => `<li>${esc(a.title ?? a.ref)} <span class="muted">${esc([a.outlet, a.country, a.language, a.published].filter(Boolean).join(' · '))}</span></li>`)
    .join('')}</ol>`;
  return page(r.title, `<h1>${esc(r.title)}</h1>${overview}${disc}${framing}${arts}`);
}

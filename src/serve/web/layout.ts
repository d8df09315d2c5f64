/**
 * The page frame every web page shares: header navigation with a search box that keeps its query, a skip link,
 * main landmark, footer; the error pages (400/404) built on it. Everything from outside is escaped with `esc`.
 */

export function esc(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The pages' Content-Security-Policy: scripts only from this server (the globe), no inline script or style. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface PageOptions {
  /** The search box's current query. */
  q?: string;
  /** Load the globe script (pages with a .globe element). */
  globe?: boolean;
  /** A short description for link previews. */
  description?: string;
}

export function page(title: string, body: string, opts: PageOptions = {}): string {
  const scripts = opts.globe ? '<script src="/static/d3.js" defer></script><script src="/static/globe.js" defer></script>' : '';
  const desc = opts.description ? `<meta name="description" content="${esc(opts.description)}">` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Parallax</title>${desc}<link rel="stylesheet" href="/static/style.css">` +
    `<link rel="alternate" type="application/atom+xml" href="/feeds/top.atom" title="Parallax: latest stories">${scripts}</head>
<body><a class="skip" href="#main">Skip to content</a><header class="top"><nav aria-label="Site"><a class="brand" href="/">Parallax</a>` +
    `<a href="/countries">Countries</a>
<form action="/search" method="get" role="search">` +
    `<input type="search" name="q" value="${esc(opts.q)}" placeholder="Search stories, people, places" aria-label="Search stories" maxlength="200">` +
    `<button type="submit">Search</button></form></nav></header>
<main id="main">${body}</main><footer>` +
    `Parallax groups articles about one event from many outlets and shows where they agree, differ and how they frame it. Every sentence links to its ` +
    `sources.</footer>` +
    `</body></html>`
  );
}

/** A 404 or 400 page with a way on. */
export function errorPage(status: 400 | 404, message: string): string {
  const title = status === 404 ? 'Page not found' : 'Bad request';
  return page(
    title,
    `<h1>${title}</h1><p>${esc(message)}</p><ul><li><a href="/">Today's stories</a></li><li><a href="/countries">Pick a country</a></li><li>` +
      `<a href="/search">Search</a></li></ul>`,
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

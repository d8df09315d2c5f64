/**
 * The story's sources list: each article numbered as the citations number it, with its outlet's name, country,
 * language, publication date, a reader-view link and a link out; wire copies listed under the article they copy.
 */
import type { StoryReport, ReportArticle } from '../../report.ts';
import { esc, plural } from './layout.ts';
import { countryLabel, languageName, linkOut, outletKey, outletName, showDate } from './format.ts';

function articleLine(r: StoryReport, a: ReportArticle, n: number): string {
  const read = `/stories/${encodeURIComponent(r.id)}/read/${n}`;
  const title = esc(a.title || 'Untitled article');
  const out = linkOut(a);
  // the country follows the name, so an unnamed outlet is not followed by its country twice
  const meta = [
    outletName({ ...a, country: null }),
    countryLabel(a.country),
    languageName(a.language),
    showDate(a.published) ?? 'date not known',
  ];
  const link = out ? ` · <a href="${esc(out)}" rel="noopener noreferrer nofollow">original</a>` : '';
  return `<a href="${esc(read)}">${title}</a> <span class="meta">${esc(meta.join(' · '))}${link}</span>`;
}

export function sourcesSection(r: StoryReport): string {
  const num = new Map(r.articles.map((a, i) => [a.id, i + 1]));
  const copies = new Map<string, ReportArticle[]>();
  for (const a of r.articles)
    if (a.duplicateOf && num.has(a.duplicateOf)) copies.set(a.duplicateOf, [...(copies.get(a.duplicateOf) ?? []), a]);
  const items = r.articles
    .filter((a) => !(a.duplicateOf && num.has(a.duplicateOf)))
    .map((a) => {
      const n = num.get(a.id)!;
      const cs = copies.get(a.id) ?? [];
      const sub = cs.length
        ? `<details><summary>Also carried by ${plural(cs.length, 'outlet')} (wire copy)</summary><ul>` +
          `${cs.map((c) => `<li id="a${num.get(c.id)}">${num.get(c.id)}. ${articleLine(r, c, num.get(c.id)!)}</li>`).join('')}</ul></details>`
        : '';
      return `<li id="a${n}" value="${n}">${articleLine(r, a, n)}${sub}</li>`;
    });
  const outlets = new Set(r.articles.filter((a) => !a.duplicateOf).map((a) => outletKey(a)));
  const head = `${plural(r.articles.length, 'article')} from ${plural(outlets.size, 'independent source')}`;
  return (
    `<section id="sources" aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><p class="meta">${head}</p><ol class="sources">` +
    `${items.join('')}</ol></section>`
  );
}

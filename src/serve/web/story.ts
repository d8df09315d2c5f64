/**
 * The story page: headline and dates, what changed, the cited overview, where sources differ, framing, only
 * reported by, agreements, alternative takes (by country and kind of outlet), the world's take (a small globe; the
 * country list is its fallback), timeline, quotes, entities, sources. Every string from an article is escaped.
 */
import type { StoryReport } from '../../report.ts';
import type { StoryDiff } from '../../synthesize/diff.ts';
import { countryName } from '../../synthesize/countries.ts';
import { makeCite, type Cite } from './cite.ts';
import { esc, page, plural } from './layout.ts';
import { earliestPublished, latestPublished, outletKey, showDate } from './format.ts';
import * as S from './story-sections.ts';
import { sourcesSection } from './sources.ts';
import { takesSection, type OwnershipOf } from './takes.ts';

export interface StoryPageOptions {
  diff?: StoryDiff | null;
  versions?: number[];
  version?: number;
  now?: Date;
  /** who runs an article's outlet (the sources' ownership), for the alternative takes by kind of outlet */
  ownershipOf?: OwnershipOf | null;
}

function changesHtml(d: StoryDiff | null, cite: Cite): string {
  if (!d) return '';
  const li: string[] = [];
  if (d.title) li.push(`<li>Headline was “${esc(d.title.from)}”.</li>`);
  if (d.newArticles.length)
    li.push(
      `<li>${plural(d.newArticles.length, 'new article')}${d.newOutlets.length ? ` from ${d.newOutlets.map(esc).join(', ')}` : ''}.</li>`,
    );
  if (d.newCountries.length) li.push(`<li>Now covered in ${d.newCountries.map((c) => esc(countryName(c))).join(', ')}.</li>`);
  for (const s of [...d.newAgreements, ...d.newOverview].slice(0, 4)) li.push(`<li>New: ${esc(s.text)}${cite(s.articles)}</li>`);
  for (const x of d.newDiscrepancies) li.push(`<li>New point of difference: ${esc(x.about)}.</li>`);
  for (const x of d.resolvedDiscrepancies) li.push(`<li>Resolved: sources no longer differ on ${esc(x.about)}.</li>`);
  for (const x of d.changedDiscrepancies) li.push(`<li>Changed: ${esc(x.about)}.</li>`);
  if (!li.length) return '';
  return (
    `<section class="changes" id="changes" aria-labelledby="h-changes"><h2 id="h-changes">What changed since version ${d.from}</h2><ul>` +
    `${li.join('')}</ul></section>`
  );
}

function headerMeta(r: StoryReport, now: Date): string {
  const first = earliestPublished(r.articles);
  const last = latestPublished(r.articles, now);
  const span = first && last && showDate(first) !== showDate(last) ? `${showDate(first)} – ${showDate(last)}` : showDate(last ?? first);
  const outlets = new Set(r.articles.filter((a) => !a.duplicateOf).map((a) => outletKey(a)));
  const countries = new Set(r.articles.map((a) => a.country).filter(Boolean));
  const parts = [
    span ? `Published ${span}` : null,
    `${plural(outlets.size, 'source')} in ${plural(countries.size, 'country', 'countries')}`,
  ];
  const opinion = r.opinion?.length ? ` · ${plural(r.opinion.length, 'opinion piece')} (never used as a fact source)` : '';
  return `<p class="meta">${esc(parts.filter(Boolean).join(' · '))}${opinion}</p>`;
}

function versionsHtml(r: StoryReport, opts: StoryPageOptions): string {
  if (!opts.versions || opts.versions.length < 2) return '';
  const links = opts.versions.map((v) => (v === opts.version ? `<strong aria-current="page">${v}</strong>` : `<a href="?v=${v}">${v}</a>`));
  return `<p class="meta">Versions: ${links.join(' ')} · <a href="/feeds/story/${encodeURIComponent(r.id)}.atom">feed</a></p>`;
}

function jumpNav(parts: Array<[string, string]>): string {
  const shown = parts
    .filter(([, html]) => html)
    .map(([label, html]) => `<a href="#${/id="([a-z]+)"/.exec(html)?.[1] ?? ''}">${esc(label)}</a>`);
  return shown.length > 2 ? `<nav aria-label="Sections" class="meta">Jump to: ${shown.join(' · ')}</nav>` : '';
}

export function renderStoryPage(r: StoryReport, opts: StoryPageOptions = {}): string {
  const now = opts.now ?? new Date();
  const cite = makeCite(r);
  const sections: Array<[string, string]> = [
    ['Where sources differ', S.differSection(r, cite)],
    ['Framing', S.framingSection(r, cite)],
    ['Only reported by', S.exclusivesSection(r, cite)],
    ['Agreed', S.agreementsSection(r, cite)],
    ['Alternative takes', takesSection(r, cite, opts.ownershipOf ?? null)],
    ["World's take", S.worldSection(r, cite)],
    ['Timeline', S.timelineSection(r, cite)],
    ['Quotes', S.quotesSection(r, cite)],
    ['Entities', S.entitiesSection(r)],
    ['Sources', sourcesSection(r)],
  ];
  const body =
    `<article><h1>${esc(r.title)}</h1>` +
    `${headerMeta(r, now)}${versionsHtml(r, opts)}${jumpNav(sections)}${changesHtml(opts.diff ?? null, cite)}${S.overviewSection(r, cite)}` +
    `${sections.map(([, h]) => h).join('')}</article>`;
  return page(r.title, body, { globe: true, description: r.overview[0]?.text });
}

/**
 * "Alternative takes" on the story page: how each country's outlets, and each kind of outlet (state-funded, public
 * broadcaster, private — the registry's ownership), tell the story compared with the rest. Built from what the
 * report already holds: the headline each group ran, the words it chose (framing), the values it gave where
 * sources differ, what only it reported and how much of what sources agree on it states. A dimension is shown only
 * when the story's independent articles fall into at least two of its groups.
 */
import type { ReportArticle, StoryReport } from '../../report.ts';
import type { SourceRecord } from '../../store/types.ts';
import type { Cite } from './cite.ts';
import { countryName } from '../../synthesize/countries.ts';
import { esc, plural } from './layout.ts';
import { outletName } from './format.ts';

export type OwnershipOf = (a: Pick<ReportArticle, 'outlet' | 'url' | 'ref'>) => string | null;

const OWNERSHIP_LABEL: Record<string, string> = {
  state: 'State-funded media',
  'public-broadcaster': 'Public broadcasters',
  private: 'Privately owned media',
};

function hostOf(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * Who owns an article's outlet, from the sources: by the article's host (or a parent domain) against a source's id
 * and homepage, else by the outlet's name. Null when no source says (or says 'unknown').
 */
export function ownershipLookup(sources: readonly SourceRecord[]): OwnershipOf {
  const byHost = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const s of sources) {
    if (!s.ownership || !Object.hasOwn(OWNERSHIP_LABEL, s.ownership)) continue;
    for (const h of [s.id, hostOf(s.homepage)]) if (h && h.includes('.')) byHost.set(h.toLowerCase(), s.ownership);
    byName.set(s.name.trim().toLowerCase(), s.ownership);
  }
  return (a) => {
    const host = hostOf(a.url) ?? hostOf(a.ref);
    const labels = host ? host.split('.') : [];
    for (let i = 0; i < labels.length - 1; i++) {
      const hit = byHost.get(labels.slice(i).join('.'));
      if (hit) return hit;
    }
    return (a.outlet && byName.get(a.outlet.trim().toLowerCase())) || null;
  };
}

interface Group {
  label: string;
  href?: string;
  ids: Set<string>;
  outlets: string[];
}

/** Independent articles (wire copies count with their original) grouped by a key; groups with a key only. */
function groupBy(r: StoryReport, keyOf: (a: ReportArticle) => string | null): Map<string, ReportArticle[]> {
  const groups = new Map<string, ReportArticle[]>();
  for (const a of r.articles) {
    if (a.duplicateOf) continue;
    const k = keyOf(a);
    if (k) groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return groups;
}

function toGroups(r: StoryReport, by: 'country' | 'ownership', ownershipOf: OwnershipOf | null): Group[] {
  const keyOf = by === 'country' ? (a: ReportArticle) => a.country?.toUpperCase() ?? null : (a: ReportArticle) => ownershipOf?.(a) ?? null;
  const grouped = groupBy(r, keyOf);
  if (grouped.size < 2) return [];
  const label = (k: string) => (by === 'country' ? countryName(k) : OWNERSHIP_LABEL[k]!);
  return [...grouped]
    .sort((a, b) => b[1].length - a[1].length || label(a[0]).localeCompare(label(b[0])))
    .map(([k, arts]) => ({
      label: label(k),
      href: by === 'country' ? `/countries/${k.toLowerCase()}` : undefined,
      ids: new Set(arts.map((a) => a.id)),
      outlets: [...new Set(arts.map((a) => outletName(a)))],
    }));
}

type Value = StoryReport['discrepancies'][number]['values'][number];
const bare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A value as written, with its normalized form when another value has the same words ("a day earlier" twice). */
function valueHtml(v: Value, all: Value[]): string {
  const twin = v.normalized && all.some((w) => w !== v && bare(w.value) === bare(v.value));
  return `“${esc(v.value)}”${twin ? ` (${esc(v.normalized)})` : ''}`;
}

const inGroup = (g: Group, ids: string[]) => ids.filter((id) => g.ids.has(id));

/** The lines of one group's take; each names its evidence with a citation. */
function takeLines(r: StoryReport, g: Group, cite: Cite): string[] {
  const lines: string[] = [];
  const title = r.articles.find((a) => g.ids.has(a.id) && a.title)?.title;
  if (title) lines.push(`<li>Headline: “${esc(title)}”</li>`);
  const words = r.framing
    .map((f, i) => ({ f, i }))
    // a word set against what the others call the same thing (a lone flagged word is in "How outlets frame it")
    .filter(({ f }) => g.ids.has(f.article) && f.counterparts?.length)
    .slice(0, 3)
    .map(({ f, i }) => `“<strong>${esc(f.term)}</strong>” where others say “${esc(f.counterparts![0])}”${cite([f.article], `f${i}`)}`);
  if (words.length) lines.push(`<li>Words: ${words.join('; ')}</li>`);
  const figures: string[] = [];
  r.discrepancies.forEach((d, di) =>
    d.values.forEach((v, vi) => {
      const mine = inGroup(g, v.articles);
      if (!mine.length || figures.length >= 3) return;
      const others = d.values.filter((w) => w !== v && w.articles.some((id) => !g.ids.has(id))).map((w) => valueHtml(w, d.values));
      figures.push(
        `${esc(d.about)}: ${valueHtml(v, d.values)}${others.length ? ` (others: ${others.join(', ')})` : ''}${cite(mine, `d${di}.${vi}`)}`,
      );
    }),
  );
  if (figures.length) lines.push(`<li>Where sources differ, it says ${figures.join('; ')}</li>`);
  const only = r.exclusives.map((x, i) => ({ x, i })).filter(({ x }) => x.articles.every((id) => g.ids.has(id)));
  if (only.length) {
    const { x, i } = only[0]!;
    lines.push(`<li>Only here (${plural(only.length, 'point')}): ${esc(x.text)}${cite(x.articles, `x${i}`)}</li>`);
  }
  const shared = r.agreements.filter((a) => inGroup(g, a.articles).length).length;
  if (r.agreements.length)
    lines.push(`<li class="meta">States ${shared} of the ${plural(r.agreements.length, 'point')} sources agree on.</li>`);
  return lines;
}

function dimensionHtml(r: StoryReport, title: string, groups: Group[], cite: Cite): string {
  const items = groups.map((g) => {
    const name = g.href ? `<a href="${esc(g.href)}">${esc(g.label)}</a>` : esc(g.label);
    return `<li><h4>${name}</h4><p class="meta">${esc(g.outlets.join(', '))}</p><ul>${takeLines(r, g, cite).join('')}</ul></li>`;
  });
  return `<h3>${esc(title)}</h3><ul class="takes">${items.join('')}</ul>`;
}

export function takesSection(r: StoryReport, cite: Cite, ownershipOf: OwnershipOf | null = null): string {
  const parts: string[] = [];
  const byCountry = toGroups(r, 'country', null);
  if (byCountry.length) parts.push(dimensionHtml(r, 'By country', byCountry, cite));
  const byOwner = ownershipOf ? toGroups(r, 'ownership', ownershipOf) : [];
  if (byOwner.length) parts.push(dimensionHtml(r, 'By who runs the outlet', byOwner, cite));
  if (!parts.length) return '';
  const lead =
    '<p class="meta">How each group of outlets tells the story compared with the rest: ' +
    'the headline it ran, its words, its figures and what only it reported.</p>';
  return `<section id="takes" aria-labelledby="h-takes"><h2 id="h-takes">Alternative takes</h2>${lead}${parts.join('')}</section>`;
}

/**
 * One line (plain text) on how a country's outlets tell a story against the other countries' — for the country
 * page's cards: the figures they give where sources differ, the words they choose, what only they report. Null when
 * the story has no other country or nothing sets them apart.
 */
export function countryContrast(r: StoryReport, cc: string): string | null {
  const ids = new Set(r.articles.filter((a) => !a.duplicateOf && a.country?.toUpperCase() === cc).map((a) => a.id));
  const elsewhere = r.articles.some((a) => !a.duplicateOf && a.country && a.country.toUpperCase() !== cc);
  if (!ids.size || !elsewhere) return null;
  const parts: string[] = [];
  for (const d of r.discrepancies) {
    const v = d.values.find((x) => x.articles.some((id) => ids.has(id)));
    const other = d.values.find((x) => x !== v && x.articles.some((id) => !ids.has(id)));
    if (v && other && parts.length < 2) parts.push(`says “${v.value}” against “${other.value}” elsewhere (${d.about})`);
  }
  const f = r.framing.find((x) => ids.has(x.article) && x.counterparts?.length);
  if (f) parts.push(`uses “${f.term}” where others write “${f.counterparts![0]}”`);
  const only = r.exclusives.filter((x) => x.articles.every((id) => ids.has(id))).length;
  if (only) parts.push(`reports ${plural(only, 'point')} no other country's outlets do`);
  return parts.length ? `Compared with the rest, its press ${parts.join('; ')}.` : null;
}

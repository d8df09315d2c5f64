/**
 * The story page's sections, one function each; each returns '' when the report has nothing for it.
 */
import type { StoryReport, Discrepancy } from '../../report.ts';
import type { Cite } from './cite.ts';
import { esc, plural } from './layout.ts';
import { outletName } from './format.ts';
import { countryName } from '../../synthesize/countries.ts';

function section(id: string, title: string, inner: string): string {
  return `<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${esc(title)}</h2>${inner}</section>`;
}

export function overviewSection(r: StoryReport, cite: Cite): string {
  if (!r.overview.length) return '';
  return (
    `<section class="overview" id="overview" aria-label="Overview">` +
    `${r.overview.map((s, i) => `<p>${esc(s.text)}${cite(s.articles, `o${i}`)}</p>`).join('')}</section>`
  );
}

/** A value's normalized form is shown when the words alone do not tell the values apart ("a day earlier" twice). */
function showNormalized(v: { value: string; normalized?: string | null }): v is { value: string; normalized: string } {
  const bare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return !!v.normalized && bare(v.normalized) !== bare(v.value);
}

function differenceHtml(d: Discrepancy, di: number, r: StoryReport, cite: Cite): string {
  const byId = new Map(r.articles.map((a) => [a.id, a]));
  const cols = d.values.map((v, vi) => {
    const outlets = [...new Set(v.articles.map((id) => (byId.get(id) ? outletName(byId.get(id)!) : null)).filter(Boolean))] as string[];
    const evidence = v.evidence?.length
      ? `<details><summary>Evidence</summary>` +
        `${v.evidence.map((e) => `<blockquote>${esc(e)}</blockquote>`).join('')}${cite(v.articles, `d${di}.${vi}`)}</details>`
      : '';
    return (
      `<div><p class="value">` +
      `“${esc(v.value)}”${showNormalized(v) ? ` <span class="muted">(${esc(v.normalized)})</span>` : ''}` +
      `${v.likelyError ? ' <span class="err">likely error</span>' : ''}</p>
<p class="meta">${esc(outlets.join(', '))}${cite(v.articles, `d${di}.${vi}`)}</p>${evidence}</div>`
    );
  });
  return `<li><h3>${esc(d.about)}</h3><div class="differ">${cols.join('')}</div></li>`;
}

export function differSection(r: StoryReport, cite: Cite): string {
  if (!r.discrepancies.length) return '';
  const items = r.discrepancies.map((d, i) => differenceHtml(d, i, r, cite)).join('');
  return section('differ', 'Where sources differ', `<ul class="plain">${items}</ul>`);
}

export function framingSection(r: StoryReport, cite: Cite): string {
  if (!r.framing.length) return '';
  const byId = new Map(r.articles.map((a) => [a.id, a]));
  const items = r.framing.map((f, i) => {
    const a = byId.get(f.article);
    const who = a ? esc(outletName(a)) : 'One outlet';
    const others = f.counterparts?.length ? `; others say ${f.counterparts.map((x) => `“${esc(x)}”`).join(', ')}` : '';
    return `<li>${who} says “<strong>${esc(f.term)}</strong>”${f.refersTo ? ` for ${esc(f.refersTo)}` : ''}${others}${cite([f.article], `f${i}`)}
<details><summary>In context</summary><blockquote>${esc(f.sentence)}</blockquote></details></li>`;
  });
  return section('framing', 'How outlets frame it', `<ul>${items.join('')}</ul>`);
}

export function exclusivesSection(r: StoryReport, cite: Cite): string {
  if (!r.exclusives.length) return '';
  const byId = new Map(r.articles.map((a) => [a.id, a]));
  const items = r.exclusives.map((x, i) => {
    const who = [
      ...new Set(
        x.articles
          .map((id) => byId.get(id))
          .filter((a) => !!a)
          .map((a) => outletName(a!)),
      ),
    ];
    return `<li><span class="meta">${esc(who.join(', '))}:</span> ${esc(x.text)}${cite(x.articles, `x${i}`)}</li>`;
  });
  return section('exclusives', 'Only reported by', `<ul>${items.join('')}</ul>`);
}

export function agreementsSection(r: StoryReport, cite: Cite): string {
  if (!r.agreements.length) return '';
  const items = r.agreements.map(
    (g, i) => `<li>${esc(g.text)} <span class="meta">(${plural(g.articles.length, 'source')})</span>${cite(g.articles, `g${i}`)}</li>`,
  );
  return section('agree', 'What sources agree on', `<ul>${items.join('')}</ul>`);
}

/** "Covered in 6 of 179 countries", the list of the others on demand. */
function blindspotLine(r: StoryReport): string {
  const covered = new Set(r.articles.map((a) => a.country?.toUpperCase()).filter((c): c is string => !!c));
  const blind = (r.blindspots ?? []).filter((c) => !covered.has(c.toUpperCase()));
  if (!covered.size) return '';
  const total = covered.size + blind.length;
  const head = `Covered by outlets in ${plural(covered.size, 'country', 'countries')}${blind.length ? ` of the ${total} whose outlets Parallax follows` : ''}.`;
  if (!blind.length) return `<p class="meta">${head}</p>`;
  const names = blind.map((c) => countryName(c)).sort((a, b) => a.localeCompare(b));
  return `<details class="meta"><summary>${head} Show the ${blind.length} others</summary><p>${names.map(esc).join(', ')}</p></details>`;
}

export function worldSection(r: StoryReport, cite: Cite): string {
  const known = r.countries.map((c, i) => ({ c, i })).filter((x) => !!x.c.country);
  const coverage = new Map<string, number>();
  for (const a of r.articles) if (a.country) coverage.set(a.country.toUpperCase(), (coverage.get(a.country.toUpperCase()) ?? 0) + 1);
  if (!coverage.size && !known.length) return '';
  const data = [...coverage].map(([cc, n]) => `${cc}:${n}`).join(',');
  const globe = `<div class="globe small" data-coverage="${esc(data)}" data-label="Countries whose outlets covered this story"></div>`;
  const items = known.map(({ c, i }) => {
    const cc = c.country!;
    return (
      `<li><strong><a href="/countries/${esc(cc.toLowerCase())}">${esc(countryName(cc))}</a></strong> <span class="meta">` +
      `(${plural(c.articles.length, 'article')})</span>${c.summary ? `: ${esc(c.summary)}` : ''}${cite(c.articles, `c${i}`)}</li>`
    );
  });
  return section(
    'world',
    "The world's take",
    `<div class="globe-wrap">${globe}<ul class="world">${items.join('')}</ul></div>${blindspotLine(r)}`,
  );
}

export function timelineSection(r: StoryReport, cite: Cite): string {
  if (!r.timeline.length) return '';
  const items = r.timeline.map(
    (t, i) =>
      `<li><strong>${esc(t.date)}</strong>` +
      ` ${esc(t.text)}${t.planned ? ' <span class="meta">(planned)</span>' : ''}${t.disputed ? ' <span class="err">disputed</span>' : ''}` +
      `${cite(t.articles, `t${i}`)}</li>`,
  );
  return section('timeline', 'Timeline', `<ol class="plain">${items.join('')}</ol>`);
}

export function quotesSection(r: StoryReport, cite: Cite): string {
  if (!r.quotes.length) return '';
  const items = r.quotes.map(
    (q, i) =>
      `<li><blockquote>“${esc(q.text)}”</blockquote><p class="meta">— ${q.speaker ? esc(q.speaker) : 'speaker not named'}${cite(q.articles, `q${i}`)}</p></li>`,
  );
  return section('quotes', 'Quotes', `<ul class="plain">${items.join('')}</ul>`);
}

export function entitiesSection(r: StoryReport): string {
  if (!r.entities.length) return '';
  const groups = new Map<string, string[]>();
  for (const e of [...r.entities].sort((a, b) => b.articles.length - a.articles.length)) {
    const link = `<li><a href="/search?q=${encodeURIComponent(e.name)}">${esc(e.name)}</a></li>`;
    groups.set(e.type, [...(groups.get(e.type) ?? []), link]);
  }
  const html = [...groups].map(
    ([type, links]) => `<h3>${esc(type.charAt(0).toUpperCase() + type.slice(1))}</h3><ul class="chips">${links.join('')}</ul>`,
  );
  return section('entities', 'People, places and organisations', html.join(''));
}

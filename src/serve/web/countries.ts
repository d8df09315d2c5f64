/**
 * The countries: /countries (the globe shaded by how many stories each country's outlets covered, and the same as a
 * list) and /countries/:cc (its stories with how its press tells each, and what the world covers that it does not).
 */
import type { StoryCard } from './cards.ts';
import { countryName } from '../../synthesize/countries.ts';
import { cardList } from './card-html.ts';
import { esc, page, plural } from './layout.ts';
import { nearestCountries } from './assets.ts';
import { PERIODS, type Period } from './front.ts';

/** Stories per country among the cards. */
export function storiesByCountry(cards: StoryCard[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of cards) for (const [cc] of c.countries) m.set(cc, (m.get(cc) ?? 0) + 1);
  return m;
}

let regions: Intl.DisplayNames | null = null;

/** An ISO 3166-1 alpha-2 code that names a country or territory (not "ZZ", not an unassigned pair). */
export function isCountryCode(cc: string): boolean {
  if (!/^[A-Z]{2}$/.test(cc)) return false;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const name = regions.of(cc);
  return cc === 'XK' || (!!name && name !== cc && cc !== 'ZZ' && !/^X[A-Z]$/.test(cc));
}

function topList(counts: Map<string, number>): string {
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
  if (!top.length) return '<p>No country has coverage yet: stories appear as soon as articles arrive.</p>';
  const items = top.map(
    ([cc, n]) =>
      `<li><a href="/countries/${esc(cc.toLowerCase())}">${esc(countryName(cc))}</a> <span class="meta">${plural(n, 'story', 'stories')}</span></li>`,
  );
  return `<div><h2 class="flat">Most coverage</h2><ol>${items.join('')}</ol></div>`;
}

function periodForm(since: Period | undefined): string {
  const opts = Object.keys(PERIODS).map((p) => `<option value="${p}"${p === since ? ' selected' : ''}>Past ${p}</option>`);
  return (
    `<form class="filters" action="/countries" method="get"><label>Stories published<select name="since"><option value="">Any time</option>` +
    `${opts.join('')}</select></label><button type="submit">Show</button></form>`
  );
}

/** The countries page; `cards` are the stories of the chosen period. */
export function renderCountries(cards: StoryCard[], followed: Map<string, number>, since?: Period): string {
  const counts = storiesByCountry(cards);
  const data = [...counts].map(([cc, n]) => `${cc}:${n}`).join(',');
  const all = [...new Set([...counts.keys(), ...followed.keys()])].sort((a, b) => countryName(a).localeCompare(countryName(b)));
  const items = all.map((cc) => {
    const n = counts.get(cc) ?? 0;
    return (
      `<li><a href="/countries/${esc(cc.toLowerCase())}">${esc(countryName(cc))}</a> <span class="meta">` +
      `${n ? plural(n, 'story', 'stories') : 'no coverage yet'}</span></li>`
    );
  });
  const body =
    `<h1>Pick a country</h1><p class="meta">` +
    `Shaded by how many stories each country's outlets covered. Drag the globe or use the arrow keys to turn it; click a country to see its news.</p>` +
    `${periodForm(since)}
<div class="globe-wrap"><div class="globe" data-coverage="${esc(data)}" data-unit="story" data-label="Globe of countries shaded by stories covered">` +
    `</div>${topList(counts)}</div>
<h2>All countries</h2><ul class="cols">${items.join('')}</ul>`;
  return page('Countries', body, { globe: true });
}

export function renderCountry(cc: string, cards: StoryCard[], now: Date): string {
  const name = countryName(cc);
  const own = cards.filter((c) => c.countries.some(([x]) => x === cc));
  const takes = new Map(
    own.filter((c) => c.takes[cc]).map((c) => [c.id, `<strong>How ${esc(name)}'s press tells it:</strong> ${esc(c.takes[cc])}`]),
  );
  const contrasts = new Map(own.filter((c) => c.contrasts[cc]).map((c) => [c.id, esc(c.contrasts[cc])]));
  const missing = cards.filter((c) => !c.countries.some(([x]) => x === cc) && c.countries.length >= 2).slice(0, 6);
  const feed = `<p class="meta"><a href="/feeds/country/${esc(cc.toLowerCase())}.atom">Atom feed</a> · <a href="/countries">All countries</a></p>`;
  const head = `<h1>News from ${esc(name)}</h1>${feed}`;
  const near = own.length ? [] : nearestCountries(cc, storiesByCountry(cards).keys());
  const nearLine = near.length
    ? ` Nearby countries with coverage: ${near.map((c) => `<a href="/countries/${esc(c.toLowerCase())}">${esc(countryName(c))}</a>`).join(', ')}.`
    : '';
  const mine = own.length
    ? `<h2>Stories covered by outlets in ${esc(name)}</h2>${cardList(own.slice(0, 48), now, takes, contrasts)}`
    : `<p>No outlet from ${esc(name)} has covered any of the stories Parallax holds so far. When one does, its stories appear here.${nearLine}</p>`;
  const world = missing.length ? `<h2>What the world covers that ${esc(name)}'s outlets did not</h2>${cardList(missing, now)}` : '';
  return page(`News from ${name}`, `${head}${mine}${world}`);
}

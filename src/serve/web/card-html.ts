/**
 * One story card as HTML: headline, two-line summary, date and age, topic (a link to its filter), outlets and
 * countries (codes, a coverage bar by country drawn as SVG — attributes only, no inline style under the CSP), a badge
 * when sources differ.
 */
import type { StoryCard } from './cards.ts';
import { countryName } from '../../synthesize/countries.ts';
import { esc, plural } from './layout.ts';
import { age, showDate } from './format.ts';
import { topicLabel } from './topics.ts';

function coverageBar(c: StoryCard): string {
  const total = c.countries.reduce((s, [, n]) => s + n, 0);
  if (!total) return '';
  let x = 0;
  const rects = c.countries.slice(0, 8).map(([, n], i) => {
    const w = (n / total) * 100;
    const r = `<rect x="${x.toFixed(2)}" width="${w.toFixed(2)}" height="6" class="b${i % 4}"/>`;
    x += w;
    return r;
  });
  const label = c.countries.map(([cc, n]) => `${countryName(cc)} ${n}`).join(', ');
  return (
    `<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(`Articles by country: ${label}`)}">` +
    `${rects.join('')}</svg>`
  );
}

function when(c: StoryCard, now: Date): string {
  if (c.published) return `<time datetime="${esc(c.published)}">${esc(showDate(c.published))}</time> · ${esc(age(c.published, now))}`;
  return `added <time datetime="${esc(c.updatedAt)}">${esc(showDate(c.updatedAt))}</time>`;
}

/** `summary` (HTML) replaces the card's summary; `note` (HTML) is a line under it. */
export function cardHtml(c: StoryCard, now: Date, summary?: string, note?: string): string {
  const codes = c.countries
    .slice(0, 6)
    .map(([cc]) => `<abbr class="cc" title="${esc(countryName(cc))}">${esc(cc)}</abbr>`)
    .join(' ');
  const more = c.countries.length > 6 ? ` +${c.countries.length - 6}` : '';
  const sources = c.outlets ? plural(c.outlets, 'source') : plural(c.articles, 'article');
  const where = c.countries.length ? ` · ${plural(c.countries.length, 'country', 'countries')}: ${codes}${more}` : '';
  const badge = c.differ ? ` <span class="badge">Sources differ on ${c.differ === 1 ? 'one point' : `${c.differ} points`}</span>` : '';
  const text = summary ?? (c.summary ? esc(c.summary) : '');
  const topic = c.topics[0] ? ` · <a class="topic" href="/?topic=${esc(c.topics[0])}">${esc(topicLabel(c.topics[0]))}</a>` : '';
  return (
    `<li class="card"><h2><a href="/stories/${encodeURIComponent(c.id)}">${esc(c.title)}</a></h2>
${text ? `<p class="sum">${text}</p>` : ''}${note ? `<p class="meta">${note}</p>` : ''}<p class="meta">${when(c, now)}${topic}</p><p class="meta">` +
    `${sources}${where}${badge}</p>${coverageBar(c)}</li>`
  );
}

export function cardList(cards: StoryCard[], now: Date, summaries?: Map<string, string>, notes?: Map<string, string>): string {
  return `<ul class="cards">${cards.map((c) => cardHtml(c, now, summaries?.get(c.id), notes?.get(c.id))).join('')}</ul>`;
}

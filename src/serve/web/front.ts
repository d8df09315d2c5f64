/**
 * The front page: ranked story cards with paging and filters by country, language, topic and time, and an empty state that
 * says what Parallax is doing for a reader who arrives before any story.
 */
import type { StoryCard } from './cards.ts';
import { countryName } from '../../synthesize/countries.ts';
import { cardList } from './card-html.ts';
import { esc, page, plural } from './layout.ts';
import { age, languageName } from './format.ts';
import { TOPICS } from './topics.ts';

export const PAGE_SIZE = 24;

export const PERIODS = { day: 1, week: 7, month: 31, year: 366 } as const;
export type Period = keyof typeof PERIODS;

export interface FrontFilters {
  country?: string;
  language?: string;
  /** a topic id (topics.ts) */
  topic?: string;
  /** published within the last day, week, month or year */
  since?: Period;
  page: number;
}

export interface FrontData {
  /** every ranked card (before filters) */
  cards: StoryCard[];
  /** outlets Parallax follows (enabled sources) */
  followed: number;
  /** for the empty state: feeds polled and the last successful read of any, when known */
  feeds?: { count: number; lastOk: string | null };
  now: Date;
}

export function filterCards(cards: StoryCard[], f: Omit<FrontFilters, 'page'>, now = new Date()): StoryCard[] {
  const after = f.since ? now.getTime() - PERIODS[f.since] * 86_400_000 : -Infinity;
  return cards.filter(
    (c) =>
      (!f.country || c.countries.some(([cc]) => cc === f.country)) &&
      (!f.language || c.languages.includes(f.language)) &&
      (!f.topic || c.topics.includes(f.topic)) &&
      (!f.since || Date.parse(c.published ?? c.updatedAt) >= after),
  );
}

function options(values: Array<[string, string]>, selected: string | undefined, any: string): string {
  const opts = values.map(([v, label]) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(label)}</option>`);
  return `<option value="">${esc(any)}</option>${opts.join('')}`;
}

export function filtersForm(cards: StoryCard[], f: Omit<FrontFilters, 'page'>, action: string, q?: string): string {
  const ccs = [...new Set(cards.flatMap((c) => c.countries.map(([cc]) => cc)))].map((cc): [string, string] => [cc, countryName(cc)]);
  const langs = [...new Set(cards.flatMap((c) => c.languages))].map((l): [string, string] => [l, languageName(l)]);
  ccs.sort((a, b) => a[1].localeCompare(b[1]));
  langs.sort((a, b) => a[1].localeCompare(b[1]));
  const present = new Set(cards.flatMap((c) => c.topics));
  const topics = TOPICS.filter((t) => present.has(t.id) || t.id === f.topic).map((t): [string, string] => [t.id, t.label]);
  return (
    `<form class="filters" action="${action}" method="get" aria-label="Filter stories">` +
    `${q !== undefined ? `<input type="hidden" name="q" value="${esc(q)}">` : ''}
<label>Country<select name="country">${options(ccs, f.country, 'All countries')}</select></label>
<label>Language<select name="language">${options(langs, f.language, 'All languages')}</select></label>
${topics.length ? `<label>Topic<select name="topic">${options(topics, f.topic, 'All topics')}</select></label>` : ''}
<label>Published<select name="since">${options(PERIOD_LABELS, f.since, 'Any time')}</select></label><button type="submit">Filter</button></form>`
  );
}

const PERIOD_LABELS: Array<[string, string]> = [
  ['day', 'Past day'],
  ['week', 'Past week'],
  ['month', 'Past month'],
  ['year', 'Past year'],
];

function pager(f: FrontFilters, pages: number): string {
  if (pages <= 1) return '';
  const link = (p: number) => {
    const qs = new URLSearchParams();
    if (f.country) qs.set('country', f.country);
    if (f.language) qs.set('language', f.language);
    if (f.topic) qs.set('topic', f.topic);
    if (f.since) qs.set('since', f.since);
    if (p > 1) qs.set('page', String(p));
    const s = qs.toString();
    return `/${s ? `?${s}` : ''}`;
  };
  const prev = f.page > 1 ? `<a href="${esc(link(f.page - 1))}" rel="prev">← Newer and broader</a>` : '<span></span>';
  const next = f.page < pages ? `<a href="${esc(link(f.page + 1))}" rel="next">More stories →</a>` : '<span></span>';
  return `<nav class="pager" aria-label="Pages">${prev}<span class="meta">Page ${f.page} of ${pages}</span>${next}</nav>`;
}

function emptyState(d: FrontData): string {
  const following = d.followed
    ? `Parallax follows ${plural(d.followed, 'outlet')} around the world.`
    : 'Parallax reads the articles added to it.';
  const f = d.feeds;
  const polling = f?.count
    ? ` It reads ${plural(f.count, 'news feed')};` +
      ` ${f.lastOk ? `the last one was read ${age(f.lastOk, d.now) === 'today' ? 'today' : age(f.lastOk, d.now)}.` : 'none has been read yet.'}`
    : '';
  return (
    `<section class="empty"><h2>No stories yet</h2><p>` +
    `${following}${polling} As articles arrive, the ones about the same event are grouped into a story, and each story shows what the sources agree ` +
    `on, where they differ and how each country's press tells it.</p>
<p>The first stories appear here as soon as two outlets cover the same event. Meanwhile you can <a href="/countries">look at the countries</a>` +
    ` Parallax covers.</p></section>`
  );
}

export function renderFront(d: FrontData, f: FrontFilters): string {
  if (!d.cards.length) return page('Today', `<h1>Today's stories</h1>${emptyState(d)}`);
  const shown = filterCards(d.cards, f, d.now);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const p = Math.min(f.page, pages);
  const slice = shown.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
  const lead =
    `<p class="meta">${plural(shown.length, 'story', 'stories')}, broadest and most recent coverage first. <a href="/countries">` +
    `Pick a country on the globe</a>.</p>`;
  const list = slice.length ? cardList(slice, d.now) : '<p>No story matches these filters. <a href="/">Show all stories</a>.</p>';
  return page('Today', `<h1>Today's stories</h1>${lead}${filtersForm(d.cards, f, '/')}${list}${pager({ ...f, page: p }, pages)}`);
}

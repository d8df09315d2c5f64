/**
 * The search page: the query stays in the box, each hit shows a snippet with the matched words marked, filters by
 * country, language, topic, outlet and time, sort by relevance (matches in headline and text) or by publication date.
 */
import type { StoryCard } from './cards.ts';
import { cardList } from './card-html.ts';
import { filtersForm, type Period } from './front.ts';
import { esc, page, plural } from './layout.ts';

export type SearchSort = 'relevance' | 'date';

/** The query's words (letters/digits, 2+ characters), lower-cased, at most 8. */
export function queryTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 8);
}

/** The text with every occurrence of a term marked; each piece escaped. */
export function highlight(text: string, terms: string[]): string {
  if (!terms.length) return esc(text);
  const low = text.toLowerCase();
  let out = '';
  let i = 0;
  while (i < text.length) {
    let at = -1;
    let len = 0;
    for (const t of terms) {
      const j = low.indexOf(t, i);
      if (j >= 0 && (at < 0 || j < at)) [at, len] = [j, t.length];
    }
    if (at < 0) break;
    out += `${esc(text.slice(i, at))}<mark>${esc(text.slice(at, at + len))}</mark>`;
    i = at + len;
  }
  return out + esc(text.slice(i));
}

/** The line of the card's text with most query terms (the first overview sentence when none has any). */
export function snippet(c: StoryCard, terms: string[]): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const line of c.text.split('\n')) {
    const low = line.toLowerCase();
    const n = terms.filter((t) => low.includes(t)).length;
    if (n > bestN) [best, bestN] = [line, n];
  }
  const s = best ?? c.summary;
  return s ? (s.length > 260 ? `${s.slice(0, 257)}…` : s) : null;
}

function relevance(c: StoryCard, terms: string[]): number {
  const title = c.title.toLowerCase();
  const text = c.text.toLowerCase();
  return terms.reduce((s, t) => s + (title.includes(t) ? 3 : 0) + (text.includes(t) ? 1 : 0), 0) + Math.log2(1 + c.outlets) / 10;
}

export function sortHits(cards: StoryCard[], terms: string[], sort: SearchSort): StoryCard[] {
  if (sort === 'date') return [...cards].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
  const score = new Map(cards.map((c) => [c.id, relevance(c, terms)]));
  return [...cards].sort((a, b) => score.get(b.id)! - score.get(a.id)!);
}

export interface SearchView {
  q: string;
  country?: string;
  language?: string;
  outlet?: string;
  topic?: string;
  since?: Period;
  sort: SearchSort;
  hits: StoryCard[];
  /** all cards, for the filters' choices */
  all: StoryCard[];
  now: Date;
}

export function renderSearch(v: SearchView): string {
  const terms = queryTerms(v.q);
  const snippets = new Map(v.hits.map((c) => [c.id, highlight(snippet(c, terms) ?? '', terms)]));
  const sorts = (['relevance', 'date'] as const).map(
    (s) => `<option value="${s}"${s === v.sort ? ' selected' : ''}>${s === 'date' ? 'Newest first' : 'Best match'}</option>`,
  );
  const outlet = `<label>Outlet<input type="text" name="outlet" value="${esc(v.outlet)}" placeholder="Any outlet" maxlength="100"></label>`;
  const form = filtersForm(v.all, v, '/search', v.q).replace(
    '<button',
    `${outlet}<label>Sort<select name="sort">${sorts.join('')}</select></label><button`,
  );
  const head = v.q
    ? `<h1>Search: “${esc(v.q)}”</h1><p class="meta">${plural(v.hits.length, 'story', 'stories')} found</p>`
    : '<h1>Search</h1><p>Type a name, place or topic in the search box above.</p>';
  const list = v.hits.length
    ? cardList(v.hits, v.now, snippets)
    : v.q
      ? `<p>No story matches “${esc(v.q)}”${v.country || v.language || v.outlet || v.topic || v.since ? ' with these filters' : ''}. Try fewer or ` +
        `other words.</p>`
      : '';
  return page(v.q ? `Search: ${v.q}` : 'Search', `${head}${form}${list}`, { q: v.q });
}

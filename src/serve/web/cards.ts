/**
 * Story cards for the front page, country pages and search: what a reader needs to pick a story (headline, first
 * overview sentence, publication date, outlets, countries, languages, whether sources differ) and the ranking —
 * breadth (independent outlets and countries) discounted by the age of the latest publication.
 */
import type { StorySummary } from '../../model.ts';
import type { StoryReport } from '../../report.ts';
import { latestPublished, outletKey } from './format.ts';
import { topicsOf } from './topics.ts';
import { countryContrast } from './takes.ts';

export interface StoryCard {
  id: string;
  title: string;
  summary: string | null;
  /** latest publication date of its articles, null when none states one */
  published: string | null;
  /** when Parallax last changed the story (ingest time): shown only when no article states a date */
  updatedAt: string;
  articles: number;
  outlets: number;
  /** countries of its outlets, most articles first */
  countries: Array<[string, number]>;
  languages: string[];
  differ: number;
  /** each country's take (its summary line), by alpha-2 code */
  takes: Record<string, string>;
  /** how each country's press tells it against the rest (takes.ts), by alpha-2 code, where something sets it apart */
  contrasts: Record<string, string>;
  /** topic ids (topics.ts), best first */
  topics: string[];
  /** all the card's searchable text, lower-cased: overview, agreements, entities */
  text: string;
}

function counts(xs: Array<string | null | undefined>): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const x of xs) if (x) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The first overview sentence that says more than the headline (the headline is often written from it). */
function summaryOf(r: StoryReport): string | null {
  const head = fold(r.title);
  const fresh = r.overview.find((o) => !fold(o.text).startsWith(head));
  return (fresh ?? r.overview[0])?.text ?? null;
}

function contrastsOf(r: StoryReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cc of new Set(r.articles.map((a) => a.country?.toUpperCase()).filter((c): c is string => !!c))) {
    const line = countryContrast(r, cc);
    if (line) out[cc] = line;
  }
  return out;
}

export function cardFromReport(s: StorySummary, r: StoryReport, now: Date): StoryCard {
  const original = r.articles.filter((a) => !a.duplicateOf);
  return {
    id: s.id,
    title: r.title || s.title || 'Untitled story',
    summary: summaryOf(r),
    published: latestPublished(r.articles, now),
    updatedAt: s.updatedAt,
    articles: r.articles.length,
    outlets: new Set(original.map((a) => outletKey(a))).size,
    countries: counts(r.articles.map((a) => a.country?.toUpperCase())),
    languages: counts(r.articles.map((a) => a.language)).map(([l]) => l),
    differ: r.discrepancies.length,
    takes: Object.fromEntries(r.countries.filter((c) => c.country && c.summary).map((c) => [c.country!.toUpperCase(), c.summary!])),
    contrasts: contrastsOf(r),
    topics: topicsOf(r.title, [...r.overview.map((o) => o.text), ...r.agreements.map((o) => o.text)]),
    text: [...r.overview.map((o) => o.text), ...r.agreements.map((o) => o.text), ...r.entities.map((e) => e.name)].join('\n'),
  };
}

/** A story whose report is not built yet: what its summary tells. */
export function cardFromSummary(s: StorySummary): StoryCard {
  return {
    id: s.id,
    title: s.title || 'Untitled story',
    summary: null,
    published: null,
    updatedAt: s.updatedAt,
    articles: s.articleIds.length,
    outlets: 0,
    countries: [],
    languages: [],
    differ: 0,
    takes: {},
    contrasts: {},
    topics: topicsOf(s.title ?? '', []),
    text: '',
  };
}

/** Days after which a story's weight has halved (hyperbolic: old stories keep their order by breadth). */
const HALF_DAYS = 2;

export function rankScore(c: StoryCard, now: Date): number {
  const breadth = Math.log2(1 + Math.max(c.outlets, 1)) + Math.log2(1 + c.countries.length);
  const t = Date.parse(c.published ?? c.updatedAt);
  const days = Number.isFinite(t) ? Math.max(0, (now.getTime() - t) / 86_400_000) : 365;
  return breadth / (1 + days / HALF_DAYS);
}

export function rankCards(cards: StoryCard[], now: Date): StoryCard[] {
  const score = new Map(cards.map((c) => [c.id, rankScore(c, now)]));
  return [...cards].sort(
    (a, b) => score.get(b.id)! - score.get(a.id)! || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id),
  );
}

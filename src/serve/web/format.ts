/**
 * How sources, dates and countries read on the page: an outlet's name (never a server path), a publication date
 * with its age, a country's name ("country not known" only where asked for).
 */
import type { ReportArticle } from '../../report.ts';
import { countryName } from '../../synthesize/countries.ts';

function hostOf(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The last segment of a path or URL without its query, `#line` or extension: "002_e122bbc0" from "/x/seeds/002_e122bbc0.txt". */
export function baseName(ref: string): string {
  const last = ref.split(/[\\/]/).pop() ?? ref;
  return last.replace(/[?#].*$/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'article';
}

/**
 * The outlet as a reader knows it: the name the page gave (og:site_name, publisher metadata) or the registry's name
 * for its address, both stored as the article's outlet at ingest; else the host of its canonical URL; else, for a
 * text with neither (a pasted or local file), "Unnamed outlet" with its country when known — never the file's name.
 */
export function outletName(a: Pick<ReportArticle, 'outlet' | 'url' | 'ref'> & { country?: string | null }): string {
  const named = a.outlet?.trim() || hostOf(a.url) || hostOf(a.ref);
  if (named) return named;
  return a.country ? `Unnamed outlet (${countryName(a.country)})` : 'Unnamed outlet';
}

/** What tells outlets apart when counting them: the name or host, else the input itself (two unnamed files are two). */
export function outletKey(a: Pick<ReportArticle, 'outlet' | 'url' | 'ref'>): string {
  return a.outlet?.trim() || hostOf(a.url) || hostOf(a.ref) || `ref:${a.ref}`;
}

/** A link out to the article, only for web addresses. */
export function linkOut(a: Pick<ReportArticle, 'url' | 'ref'>): string | null {
  if (a.url && /^https?:\/\//i.test(a.url)) return a.url;
  if (/^https?:\/\//i.test(a.ref)) return a.ref.replace(/#.*$/, '');
  return null;
}

export function countryLabel(cc: string | null | undefined): string {
  return cc ? countryName(cc) : 'country not known';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "31 Oct 2025" from an ISO date or date-time; null when it is not one. */
export function showDate(iso: string | null | undefined): string | null {
  const m = iso?.match(/^(\d{4})-(\d{2})(?:-(\d{2}))?/);
  if (!m) return null;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return null;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** "today", "3 days ago", "5 months ago", "4 years ago". */
export function age(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  if (!Number.isFinite(days) || days < 1) return 'today';
  if (days < 2) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  if (days < 365) return `${Math.round(days / 30.4)} months ago`;
  const years = Math.floor(days / 365);
  return years === 1 ? 'a year ago' : `${years} years ago`;
}

/** The latest publication date among the articles that is not in the future (a day of slack), or null. */
export function latestPublished(articles: Array<Pick<ReportArticle, 'published'>>, now: Date): string | null {
  const limit = now.getTime() + 86_400_000;
  let best: string | null = null;
  let bestT = -Infinity;
  for (const a of articles) {
    const t = a.published ? Date.parse(a.published) : NaN;
    if (Number.isFinite(t) && t <= limit && t > bestT) [best, bestT] = [a.published, t];
  }
  return best;
}

/** The earliest publication date among the articles, or null. */
export function earliestPublished(articles: Array<Pick<ReportArticle, 'published'>>): string | null {
  let best: string | null = null;
  let bestT = Infinity;
  for (const a of articles) {
    const t = a.published ? Date.parse(a.published) : NaN;
    if (Number.isFinite(t) && t < bestT) [best, bestT] = [a.published, t];
  }
  return best;
}

const LANGS = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

export function languageName(code: string | null | undefined): string {
  if (!code) return 'language not known';
  try {
    return LANGS?.of(code) ?? code;
  } catch {
    return code;
  }
}

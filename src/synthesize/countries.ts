/**
 * The world's take: for each country whose outlets covered the story, what
 * its coverage stresses that the others' does not — its distinctive
 * sentences, its exclusives, the loaded terms its outlets use — and the
 * blindspots: registry countries whose outlets did not cover the story.
 * Articles without a country are grouped as "unknown" (country null).
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import type { CountryTake, StoryAnalysis } from '../report.ts';
import type { SentenceSpace, Sent } from './sentences.ts';
import { ALIGN, standsAlone } from './sentences.ts';
import { fold, squash } from './text.ts';
import { loadedTerms, stripLabel } from './overview.ts';

let regionNames: Intl.DisplayNames | null = null;

/** English name of an ISO 3166-1 alpha-2 code ("unknown" for null). */
export function countryName(cc: string | null | undefined): string {
  if (!cc) return 'unknown';
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(cc.toUpperCase()) ?? cc.toUpperCase();
  } catch {
    return cc.toUpperCase();
  }
}

export interface CountryTakeDetail extends CountryTake {
  /** the distinctive sentences with the articles they come from (for grounding and display) */
  points: Array<{ text: string; articles: string[] }>;
  /** the attributed line on loaded terms its outlets use, if any */
  termLine: string | null;
}

export function buildCountryTakes(
  articles: AnalysisArticle[],
  analysis: StoryAnalysis,
  space: SentenceSpace,
  isLoaded: (t: string) => string[],
): CountryTakeDetail[] {
  const byCountry = new Map<string | null, string[]>();
  for (const a of articles) {
    const cc = a.country ? a.country.toUpperCase() : null;
    byCountry.set(cc, [...(byCountry.get(cc) ?? []), a.id]);
  }
  const countryOf = new Map(articles.map((a) => [a.id, a.country ? a.country.toUpperCase() : null]));
  const multi = byCountry.size > 1;
  const takes: CountryTakeDetail[] = [];
  for (const [cc, ids] of byCountry) {
    const mine = new Set(ids);
    const points: Array<{ text: string; articles: string[] }> = [];
    // exclusives of this country's articles first
    for (const ex of analysis.exclusives) {
      if (ex.articles.length && ex.articles.every((id) => mine.has(id)) && !isLoaded(ex.text).length && standsAlone(squash(ex.text))) {
        points.push({ text: squash(ex.text), articles: ex.articles });
        if (points.length >= 1) break;
      }
    }
    // distinctive sentences: usable, not aligned with any other country's sentence, central within the country
    const scored: Array<{ s: Sent; score: number; text: string }> = [];
    for (const s of space.sents) {
      if (!mine.has(s.article) || !s.usable) continue;
      const al = space.aligned(s);
      const elsewhere = al.some((t) => countryOf.get(t.article) !== cc);
      if (multi && elsewhere) continue;
      let maxOther = 0;
      if (multi) for (const t of space.sents) if (!mine.has(t.article)) maxOther = Math.max(maxOther, space.sim(s, t));
      if (maxOther >= ALIGN) continue;
      let text: string | null = s.text;
      for (const term of isLoaded(text)) text = text ? stripLabel(text, term) : null;
      if (!text) continue;
      const inside = new Set(al.filter((t) => mine.has(t.article)).map((t) => t.group)).size;
      scored.push({ s, text, score: inside + (1 - s.rel) * 0.8 + (1 - maxOther) * 0.5 });
    }
    scored.sort((a, b) => b.score - a.score || a.s.i - b.s.i);
    for (const c of scored) {
      if (points.length >= 2) break;
      if (points.some((p) => fold(p.text) === fold(c.text))) continue;
      const arts = [
        c.s.article,
        ...space
          .aligned(c.s)
          .filter((t) => mine.has(t.article))
          .map((t) => t.article),
      ];
      points.push({ text: c.text, articles: [...new Set(arts)] });
    }
    const loaded = new Set(loadedTerms(analysis.framing).map(fold));
    const terms = [
      ...new Set(
        analysis.framing
          .filter((f) => mine.has(f.article))
          .map((f) => f.term.replace(/["“”«»„]/g, '').trim())
          .filter((t) => loaded.has(fold(t))),
      ),
    ].slice(0, 3);
    const termLine = terms.length
      ? `Its outlets use the term${terms.length > 1 ? 's' : ''} ${terms.map((t) => `“${t}”`).join(', ')}.`
      : null;
    const parts = [...points.map((p) => p.text), ...(termLine ? [termLine] : [])];
    takes.push({
      country: cc,
      articles: ids,
      summary: parts.length ? parts.join(' ') : null,
      points,
      termLine,
    });
  }
  takes.sort((a, b) => b.articles.length - a.articles.length || (a.country ?? '~').localeCompare(b.country ?? '~'));
  return takes;
}

export function blindspots(articles: AnalysisArticle[], registryCountries: string[] = []): string[] {
  const covered = new Set(articles.map((a) => a.country?.toUpperCase()).filter(Boolean));
  return [...new Set(registryCountries.map((c) => c.toUpperCase()))].filter((c) => !covered.has(c)).sort();
}

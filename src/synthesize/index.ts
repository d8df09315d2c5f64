/**
 * synthesize/: writes the story — a neutral headline, an overview whose every
 * sentence cites the articles that support it, the world's take by country.
 * Entry point: synthesizeStory. Deterministic and offline by default.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, CountryTake, StoryAnalysis } from '../report.ts';

export interface SynthesisResult {
  title: string;
  overview: Cited[];
  countries: CountryTake[];
  blindspots: string[];
}

export interface SynthesizeOptions {
  /** Countries that have outlets in the registry, for blindspots. */
  registryCountries?: string[];
}

function firstSentence(text: string): string {
  const m = text.replace(/\s+/g, ' ').trim().match(/^.{20,400}?[.!?](?=\s+["“«]?\p{Lu}|$)/u);
  return (m ? m[0] : text.slice(0, 300)).trim();
}

export function synthesizeStory(articles: AnalysisArticle[], analysis: StoryAnalysis, opts: SynthesizeOptions = {}): SynthesisResult {
  const independent = articles.filter((a) => !a.duplicateOf);
  const titled = independent.find((a) => a.title) ?? articles.find((a) => a.title);
  const title = titled?.title ?? firstSentence(articles[0]?.text ?? '').slice(0, 120);
  const overview: Cited[] = analysis.agreements.slice(0, 4);
  if (overview.length === 0 && independent[0]) {
    overview.push({ text: firstSentence(independent[0].text), articles: [independent[0].id] });
  }
  const byCountry = new Map<string | null, string[]>();
  for (const a of articles) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a.id]);
  const countries: CountryTake[] = [...byCountry].map(([country, ids]) => ({ country, articles: ids, summary: null }));
  const covered = new Set(articles.map((a) => a.country).filter(Boolean));
  const blindspots = (opts.registryCountries ?? []).filter((c) => !covered.has(c));
  return { title, overview, countries, blindspots };
}

/**
 * synthesize/: writes the story — a neutral headline, an overview whose every
 * sentence cites the articles that support it, the world's take by country.
 * Entry points: synthesizeStory (deterministic, offline) and
 * synthesizeStoryWithLlm (optional language-model rewrite, grounded, with
 * fallback to the deterministic text). Everything written passes the
 * grounding check (grounding.ts) or is dropped.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import type { Cited, CountryTake, StoryAnalysis } from '../report.ts';
import type { Logger } from '../util/log.ts';
import { buildSentenceSpace } from './sentences.ts';
import { buildOverview, loadedMatcher, loadedTerms, TEMPLATE_WORDS } from './overview.ts';
import { buildHeadline } from './headline.ts';
import { blindspots, buildCountryTakes } from './countries.ts';
import { groundSentences, type GroundingDoc } from './grounding.ts';
import { splitSentences } from './text.ts';
import type { LlmClient } from './llm.ts';
import { neutralVoice } from './voice.ts';
import { attribute } from './attribution.ts';
import { createAnalysisCache, type AnalysisCache } from '../analyze/cache.ts';

export interface SynthesisResult {
  title: string;
  overview: Cited[];
  countries: CountryTake[];
  blindspots: string[];
}

export interface SynthesizeOptions {
  /** Countries that have outlets in the registry, for blindspots. */
  registryCountries?: string[];
  logger?: Logger;
  storyId?: string;
  minSentences?: number;
  maxSentences?: number;
  /** Per-article results of earlier builds (analyze/cache.ts), shared with analyzeStory. */
  cache?: AnalysisCache;
}

export function groundingDocs(articles: AnalysisArticle[]): Map<string, GroundingDoc> {
  return new Map(articles.map((a) => [a.id, { id: a.id, text: a.text, title: a.title, outlet: a.outlet }]));
}

export function synthesizeStory(articles: AnalysisArticle[], analysis: StoryAnalysis, opts: SynthesizeOptions = {}): SynthesisResult {
  if (articles.length === 0)
    return { title: 'Untitled story', overview: [], countries: [], blindspots: blindspots([], opts.registryCountries) };
  // opinion pieces are never fact sources (unless the story has nothing else)
  const opinion = new Set((analysis.opinion ?? []).map((o) => o.article));
  const reports = articles.filter((a) => !opinion.has(a.id));
  const cache = opts.cache ?? createAnalysisCache();
  const space = buildSentenceSpace(reports.length ? reports : articles, cache);
  const isLoaded = loadedMatcher(loadedTerms(analysis.framing));
  const title = buildHeadline(articles, isLoaded, opinion, cache);
  const docs = groundingDocs(articles);
  const gopts = { logger: opts.logger, storyId: opts.storyId, allowWords: TEMPLATE_WORDS, source: 'extractive', cache };
  const draft = buildOverview(articles, analysis, { space, minSentences: opts.minSentences, maxSentences: opts.maxSentences });
  let overview = groundSentences(draft, docs, gopts).kept;
  if (overview.length === 0) {
    overview = groundSentences(lastResort(articles, opinion, isLoaded), docs, gopts).kept;
  }
  const takes = buildCountryTakes(articles, analysis, space, isLoaded);
  const countries: CountryTake[] = takes.map((t) => {
    const pts = groundSentences(t.points, docs, gopts).kept.map((p) => p.text);
    const terms = t.termLine ? groundSentences([{ text: t.termLine, articles: t.articles }], docs, gopts).kept : [];
    const parts = [...pts, ...terms.map((x) => x.text)];
    return { country: t.country, articles: t.articles, summary: parts.length ? parts.join(' ') : null };
  });
  return { title, overview, countries, blindspots: blindspots(articles, opts.registryCountries) };
}

/**
 * When nothing passed: the first lead sentence of a report that can be stated neutrally, else the first report's
 * lead; attributed to its outlet when the story has several.
 */
function lastResort(articles: AnalysisArticle[], opinion: Set<string>, isLoaded: (t: string) => string[]): Cited[] {
  const reports = articles.filter((x) => !x.duplicateOf && !opinion.has(x.id));
  const pool = reports.length ? reports : articles.slice(0, 1);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const several = new Set(articles.map((a) => a.outlet ?? a.id)).size > 1;
  const say = (text: string, id: string): Cited[] => [{ text: several ? attribute(text, [id], byId) : text, articles: [id] }];
  for (const a of pool)
    for (const l of splitSentences(a.text, 3)) {
      const t = neutralVoice(l, isLoaded);
      if (t) return say(t, a.id);
    }
  const lead = splitSentences(pool[0]!.text, 1)[0];
  return lead ? say(lead, pool[0]!.id) : [];
}

/**
 * As synthesizeStory, then asks the language model to rewrite the overview
 * for fluency (and to write per-country summaries). The model's sentences go
 * through the same grounding check; on any failure, timeout or garbage the
 * deterministic text is kept.
 */
export async function synthesizeStoryWithLlm(
  articles: AnalysisArticle[],
  analysis: StoryAnalysis,
  opts: SynthesizeOptions & { llm?: LlmClient | null },
): Promise<SynthesisResult> {
  const base = synthesizeStory(articles, analysis, opts);
  const llm = opts.llm;
  if (!llm || base.overview.length === 0) return base;
  const docs = groundingDocs(articles);
  const gopts = { logger: opts.logger, storyId: opts.storyId, allowWords: TEMPLATE_WORDS, source: 'llm' };
  const { rewriteOverview, summarizeCountries } = await import('./llm.ts');
  const rewritten = await rewriteOverview(llm, base.overview, articles, { logger: opts.logger });
  let overview = base.overview;
  if (rewritten) {
    const g = groundSentences(rewritten, docs, gopts);
    // accept the rewrite only when it kept most of it grounded
    if (g.kept.length >= Math.min(4, base.overview.length) && g.dropped.length === 0) overview = g.kept;
    else
      opts.logger?.warn('llm overview rejected, keeping the extractive one', {
        stage: 'synthesize',
        code: 'synthesize/llm-ungrounded',
        storyId: opts.storyId,
      });
  }
  let countries = base.countries;
  const sums = await summarizeCountries(llm, base.countries, articles, { logger: opts.logger });
  if (sums) {
    countries = base.countries.map((c) => {
      const s = sums.get(c.country ?? 'unknown');
      if (!s) return c;
      const g = groundSentences(
        splitSentences(s).map((text) => ({ text, articles: c.articles })),
        docs,
        gopts,
      );
      return g.dropped.length === 0 && g.kept.length ? { ...c, summary: g.kept.map((k) => k.text).join(' ') } : c;
    });
  }
  return { ...base, overview, countries };
}

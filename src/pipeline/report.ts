/**
 * Builds a story's report: loads its articles, runs analyze/ and
 * synthesize/, validates the result against the contract schema and stores
 * it as a new version when the story's articles changed.
 */
import { analyzeStory, type AnalysisArticle } from '../analyze/index.ts';
import { synthesizeStory, synthesizeStoryWithLlm } from '../synthesize/index.ts';
import type { LlmClient } from '../synthesize/llm.ts';
import { StoryReport } from '../report.ts';
import { coverageOf } from '../synthesize/coverage.ts';
import type { PipelineDeps } from './deps.ts';
import type { Article } from '../model.ts';

export function toAnalysisArticle(a: Article): AnalysisArticle {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    outlet: a.outlet,
    country: a.country,
    language: a.language,
    published: a.published,
    duplicateOf: a.duplicateOf,
    url: a.url,
    byline: a.byline,
    section: a.section ?? null,
  };
}

export async function buildStoryReport(storyId: string, deps: PipelineDeps & { llm?: LlmClient | null }): Promise<StoryReport | null> {
  const { store } = deps;
  const story = await store.getStory(storyId);
  if (!story) return null;
  const articles = await store.listArticles({ storyId, limit: 500 });
  if (articles.length === 0) return null;
  const prev = await store.getReport(storyId);
  const ids = articles.map((a) => a.id);
  if (prev && prev.articleIds.length === ids.length && prev.articleIds.every((x, i) => x === ids[i])) return prev.report;
  const input = articles.map(toAnalysisArticle);
  const now = deps.clock();
  const t0 = performance.now();
  const cache = deps.analysisCache ?? undefined;
  const analysis = analyzeStory(input, { now, cache });
  const analyzeMs = performance.now() - t0;
  const synOpts = { registryCountries: deps.registryCountries, logger: deps.logger, storyId, cache };
  const syn = deps.llm ? await synthesizeStoryWithLlm(input, analysis, { ...synOpts, llm: deps.llm }) : synthesizeStory(input, analysis, synOpts);
  const at = now.toISOString();
  const report: StoryReport = {
    id: storyId,
    title: syn.title,
    firstSeen: story.createdAt,
    updated: at,
    articles: articles.map((a) => ({
      id: a.id,
      ref: a.ref,
      title: a.title,
      outlet: a.outlet,
      country: a.country,
      language: a.language,
      published: a.published,
      duplicateOf: a.duplicateOf,
      url: a.url,
    })),
    overview: syn.overview,
    ...analysis,
    countries: syn.countries,
    blindspots: syn.blindspots,
    coverage: coverageOf(articles),
  };
  const checked = StoryReport.parse(report);
  await store.saveReport(storyId, ids, checked, at);
  await store.setStoryTitle(storyId, checked.title, at);
  deps.logger.debug('analysis done', { stage: 'analyze', storyId, ms: Math.round(analyzeMs) });
  return checked;
}

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

/** Builds after which a report still behind its story's articles (another process adds them meanwhile) is left stale. */
const BUILD_ATTEMPTS = 3;

/**
 * The story's report for its articles now, built and stored when they changed. Another process may add an article
 * to the story while the report is built (a cron `ingest` beside `run`), and its own build may be stored before
 * this one: a report stored behind the story's articles is built again, so the latest version covers them.
 */
export async function buildStoryReport(storyId: string, deps: PipelineDeps & { llm?: LlmClient | null }): Promise<StoryReport | null> {
  for (let attempt = 1; ; attempt++) {
    const built = await buildOnce(storyId, deps);
    if (!built?.saved || attempt >= BUILD_ATTEMPTS) return built?.report ?? null;
    const now = (await deps.store.getStory(storyId))?.articleIds ?? [];
    if (sameIds(now, built.ids)) return built.report;
    deps.logger.info('report behind its story, built again', { stage: 'synthesize', storyId, attempt });
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function buildOnce(
  storyId: string,
  deps: PipelineDeps & { llm?: LlmClient | null },
): Promise<{ report: StoryReport; ids: string[]; saved: boolean } | null> {
  const { store } = deps;
  const story = await store.getStory(storyId);
  if (!story) return null;
  const articles = await store.listArticles({ storyId, limit: 500 });
  if (articles.length === 0) return null;
  const prev = await store.getReport(storyId);
  const ids = articles.map((a) => a.id);
  if (prev && sameIds(prev.articleIds, ids)) return { report: prev.report, ids, saved: false };
  const input = articles.map(toAnalysisArticle);
  const now = deps.clock();
  const t0 = performance.now();
  const cache = deps.analysisCache ?? undefined;
  const analysis = analyzeStory(input, { now, cache });
  const analyzeMs = performance.now() - t0;
  const synOpts = { registryCountries: deps.registryCountries, logger: deps.logger, storyId, cache };
  const syn = deps.llm
    ? await synthesizeStoryWithLlm(input, analysis, { ...synOpts, llm: deps.llm })
    : synthesizeStory(input, analysis, synOpts);
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
  return { report: checked, ids, saved: true };
}

/**
 * analyze/: reads a story across its articles — entities, agreements,
 * exclusives, discrepancies, framing, timeline, quotes. Deterministic and
 * offline. Entry point: analyzeStory.
 */
import type { StoryAnalysis } from '../report.ts';
import { emptyAnalysis } from '../report.ts';
import { analyzeFraming } from './framing/index.ts';
import { articleSentences } from './sentences.ts';
import { extractEntities, reportableEntities } from './entities.ts';

export interface AnalysisArticle {
  id: string;
  title: string | null;
  text: string;
  outlet: string | null;
  country: string | null;
  language: string | null;
  /** ISO date or date-time of publication, when known. */
  published: string | null;
  /** id of the article this one copies (wire reprint), if any. */
  duplicateOf: string | null;
}

export interface AnalyzeOptions {
  /** Fallback reference date for relative dates when an article has no publication date. */
  now: Date;
}

export function analyzeStory(articles: AnalysisArticle[], _opts: AnalyzeOptions): StoryAnalysis {
  if (articles.length === 0) return emptyAnalysis();
  const docs = articles.map((a) => ({ id: a.id, sentences: articleSentences(a.text).map((s) => s.text) }));
  const entities = reportableEntities(extractEntities(docs));
  const out = emptyAnalysis();
  out.entities = entities.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, articles: e.articles }));
  out.framing = analyzeFraming(articles, { entities: out.entities });
  return out;
}

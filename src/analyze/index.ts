/**
 * analyze/: reads a story across its articles — entities, agreements,
 * exclusives, discrepancies, framing, timeline, quotes. Deterministic and
 * offline. Entry point: analyzeStory.
 */
import type { StoryAnalysis } from '../report.ts';
import { emptyAnalysis } from '../report.ts';

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
  return emptyAnalysis();
}

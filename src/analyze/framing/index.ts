/**
 * Framing: how each outlet words the story — labels that differ across
 * articles for the same entity ("dictator" vs "president"), loaded words,
 * distancing quotes, hedges, omissions.
 */
import type { Framing } from '../../report.ts';
import type { AnalysisArticle } from '../index.ts';

export interface FramingContext {
  /** Entities found in the story (canonical name and the surface forms seen), when available. */
  entities?: Array<{ name: string; type: string; aliases?: string[] }>;
}

export function analyzeFraming(_articles: AnalysisArticle[], _ctx: FramingContext = {}): Framing[] {
  return [];
}

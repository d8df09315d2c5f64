/**
 * One article as the analysis reads it: what analyze/ and synthesize/ take as input. Its own module so the
 * analysis modules (story.ts, framing/) need not import the entry point (index.ts) that imports them.
 */
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
  /** Where it was published, its byline and section label, when known: they mark opinion pieces. */
  url?: string | null;
  byline?: string | null;
  section?: string | null;
}

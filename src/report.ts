/**
 * The story report: the public contract of `parallax story ID --json` and
 * GET /api/stories/{id} (../shared/contracts/story.schema.json, v1). The zod
 * schema validates what we emit and generates the OpenAPI document.
 * Fields may be added here; none of the contract's may be removed or renamed.
 */
import { z } from 'zod';
import { Article } from './model-schema.ts';

const ids = z.array(z.string());

export const Cited = z.object({
  text: z.string(),
  articles: z.array(z.string()).min(1),
});
export type Cited = z.infer<typeof Cited>;

/** A story's article as the report lists it: fields of the stored article (model-schema.ts), its copy and URL optional. */
export const ReportArticle = Article.pick({
  id: true,
  ref: true,
  title: true,
  outlet: true,
  country: true,
  language: true,
  published: true,
}).extend({
  duplicateOf: Article.shape.duplicateOf.optional(),
  url: Article.shape.url.optional(),
});
export type ReportArticle = z.infer<typeof ReportArticle>;

export const DiscrepancyValue = z.object({
  value: z.string(),
  normalized: z.string().nullable().optional(),
  articles: z.array(z.string()).min(1),
  /** the outlets of those articles, when known */
  outlets: z.array(z.string()).optional(),
  evidence: z.array(z.string()).optional(),
  /** true when this is a lone value against a clear majority: most likely an error. */
  likelyError: z.boolean().optional(),
});

export const Discrepancy = z.object({
  about: z.string(),
  kind: z.string().optional(),
  values: z.array(DiscrepancyValue).min(2),
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const Framing = z.object({
  article: z.string(),
  term: z.string(),
  refersTo: z.string().nullable().optional(),
  counterparts: z.array(z.string()).optional(),
  kind: z.string().optional(),
  sentence: z.string(),
});
export type Framing = z.infer<typeof Framing>;

export const TimelineEvent = z.object({
  date: z.string(),
  text: z.string(),
  articles: ids,
  disputed: z.boolean().optional(),
  /** the date is a plan, target or deadline ("by 2030"), not something that happened */
  planned: z.boolean().optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Quote = z.object({
  speaker: z.string().nullable(),
  text: z.string(),
  articles: ids,
  variants: z.array(z.string()).optional(),
});
export type Quote = z.infer<typeof Quote>;

export const Entity = z.object({
  name: z.string(),
  type: z.string(),
  aliases: z.array(z.string()).optional(),
  articles: ids,
});
export type Entity = z.infer<typeof Entity>;

/** An article that argues rather than reports, and what marks it (url, section, byline, outlet, title, first-person). */
export const OpinionPiece = z.object({
  article: z.string(),
  signals: z.array(z.string()),
});
export type OpinionPiece = z.infer<typeof OpinionPiece>;

export const CountryTake = z.object({
  country: z.string().nullable(),
  articles: ids,
  summary: z.string().nullable().optional(),
});
export type CountryTake = z.infer<typeof CountryTake>;

/** How widely the story is carried: wire copies are listed with the report they copy and counted once. */
export const Coverage = z.object({
  outlets: z.number().int(),
  countries: z.number().int(),
  independentReports: z.number().int(),
  copies: z.array(z.object({ id: z.string(), of: z.string(), outlet: z.string().nullable() })),
});
export type Coverage = z.infer<typeof Coverage>;

export const StoryReport = z.object({
  id: z.string(),
  title: z.string(),
  firstSeen: z.string().nullable().optional(),
  updated: z.string().nullable().optional(),
  version: z.number().int().optional(),
  articles: z.array(ReportArticle),
  overview: z.array(Cited),
  agreements: z.array(Cited),
  exclusives: z.array(Cited),
  discrepancies: z.array(Discrepancy),
  framing: z.array(Framing),
  timeline: z.array(TimelineEvent),
  quotes: z.array(Quote),
  entities: z.array(Entity),
  countries: z.array(CountryTake),
  /** Countries whose registry outlets did not cover the story. */
  blindspots: z.array(z.string()).optional(),
  /** Opinion pieces among the articles: never fact sources of the overview, agreements or exclusives. */
  opinion: z.array(OpinionPiece).optional(),
  /** Outlets, countries, independent reports and wire copies. */
  coverage: Coverage.optional(),
});
export type StoryReport = z.infer<typeof StoryReport>;

/** The analysis stage's output: everything of the report but the written parts. */
export type StoryAnalysis = Pick<
  StoryReport,
  'agreements' | 'exclusives' | 'discrepancies' | 'framing' | 'timeline' | 'quotes' | 'entities' | 'opinion'
>;

export function emptyAnalysis(): StoryAnalysis {
  return { agreements: [], exclusives: [], discrepancies: [], framing: [], timeline: [], quotes: [], entities: [] };
}

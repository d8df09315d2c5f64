/**
 * The API's zod schemas: query parameters and bodies (validated on the way
 * in), responses (validated in tests and turned into the OpenAPI document by
 * openapi.ts — one source of truth).
 */
import { z } from 'zod';
import { Article, StorySummary } from '../../model-schema.ts';
import { StoryReport } from '../../report.ts';
import { StoryDiff } from '../../synthesize/diff.ts';

export { StoryReport, StoryDiff };

export const MAX_LIMIT = 100;
export const MAX_OFFSET = 100_000;

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

/** A date that exists (no 30 February, no month 13) at a time that exists (hours 0-23, minutes and seconds 0-59). */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return false;
  const within = (v: string | undefined, max: number): boolean => v === undefined || Number(v) <= max;
  return within(m[4], 23) && within(m[5], 59) && within(m[6], 59) && within(m[7], 23) && within(m[8], 59);
}

const isoDate = z
  .string()
  .max(40)
  .regex(ISO_DATE, { message: 'must be an ISO 8601 date or date-time', abort: true })
  .refine(isRealIsoDate, 'must be a date that exists (ISO 8601)');
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const StoryListQuery = z
  .object({
    country: countryCode.optional(),
    outlet: z.string().min(1).max(200).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 code')
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    q: z.string().min(1).max(200).optional(),
    limit: intParam(1, MAX_LIMIT).optional(),
    offset: intParam(0, MAX_OFFSET).optional(),
  })
  .strict();

export const ArticleSearchQuery = z
  .object({
    q: z.string().min(1).max(200),
    limit: intParam(1, MAX_LIMIT).optional(),
  })
  .strict();

export const DiffQuery = z
  .object({
    from: intParam(1, 1_000_000).optional(),
    to: intParam(1, 1_000_000).optional(),
  })
  .strict();

export const PageQuery = z
  .object({
    limit: intParam(1, 500).optional(),
    offset: intParam(0, MAX_OFFSET).optional(),
  })
  .strict();

/** A story in a list: the story (model-schema.ts) with its article count. */
export const StoryListItem = StorySummary.pick({ id: true, title: true, createdAt: true, updatedAt: true }).extend({
  articleCount: z.number().int(),
  articleIds: StorySummary.shape.articleIds,
});

export const StoryList = z.object({
  stories: z.array(StoryListItem),
  limit: z.number().int(),
  offset: z.number().int(),
  /** URL of the next page, null on the last one. */
  next: z.string().nullable(),
});

/** An article in the API: the stored article's fields (model-schema.ts) but its text, blocks and hash, with its translation's title. */
export const ArticleSummary = Article.pick({
  id: true,
  ref: true,
  url: true,
  title: true,
  byline: true,
  published: true,
  language: true,
  outlet: true,
  country: true,
  siteName: true,
  section: true,
  duplicateOf: true,
  storyId: true,
  ingestedAt: true,
}).extend({
  /** Section label the article states ("World"), when found: always present in the API (null when none). */
  section: z.string().nullable(),
  /** The English title stored beside the original (null: English, or not translated), and who translated it. */
  translatedTitle: z.string().nullable(),
  translatedBy: z.string().nullable(),
});

/** The text as stored, and its English translation (null when there is none). */
export const ArticleFull = ArticleSummary.extend({ text: z.string(), translatedText: z.string().nullable() });

export const ArticleList = z.object({ articles: z.array(ArticleSummary) });

export const VersionList = z.object({
  storyId: z.string(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), articleIds: z.array(z.string()) })),
});

export const Source = z.object({
  id: z.string(),
  name: z.string(),
  homepage: z.string().nullable(),
  country: z.string().nullable(),
  languages: z.array(z.string()),
  feeds: z.array(z.string()),
  ownership: z.string().nullable(),
  origin: z.enum(['registry', 'user']),
  enabled: z.boolean(),
});

export const SourceList = z.object({ sources: z.array(Source) });

export const CountryList = z.object({
  countries: z.array(z.object({ country: z.string(), name: z.string(), sources: z.number().int() })),
});

const httpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL');

export const NewSource = z
  .object({
    name: z.string().min(1).max(200),
    homepage: httpUrl,
    country: countryCode.optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .max(20)
      .optional(),
    feeds: z.array(httpUrl).max(20).optional(),
    ownership: z.enum(['state', 'public-broadcaster', 'private', 'unknown']).optional(),
  })
  .strict();

export const IngestBody = z.union([
  z.object({ url: httpUrl }).strict(),
  z
    .object({
      text: z.string().min(1).max(2_000_000),
      title: z.string().max(1000).optional(),
      url: httpUrl.optional(),
      outlet: z.string().max(200).optional(),
      country: countryCode.optional(),
      language: z
        .string()
        .regex(/^[a-z]{2,3}$/)
        .optional(),
      published: isoDate.optional(),
    })
    .strict(),
]);

export const IngestResult = z.object({
  status: z.enum(['added', 'duplicate', 'failed']),
  articleId: z.string().nullable(),
  storyId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

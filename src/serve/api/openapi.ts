/**
 * The OpenAPI 3.1 document of the JSON API, generated from the same zod
 * schemas that validate requests and responses (zod 4 toJSONSchema over a
 * private registry, so shared parts become #/components/schemas refs).
 */
import { z } from 'zod';
import * as S from './schemas.ts';
import { Cited, Discrepancy, ReportArticle } from '../../report.ts';

type Json = Record<string, unknown>;

function components(): Json {
  const reg = z.registry<{ id: string }>();
  const named: Array<[string, z.ZodType]> = [
    ['Error', S.ApiError],
    ['StoryReport', S.StoryReport],
    ['StoryDiff', S.StoryDiff],
    ['Cited', Cited],
    ['Discrepancy', Discrepancy],
    ['ReportArticle', ReportArticle],
    ['StoryListItem', S.StoryListItem],
    ['StoryList', S.StoryList],
    ['ArticleSummary', S.ArticleSummary],
    ['Article', S.ArticleFull],
    ['ArticleList', S.ArticleList],
    ['VersionList', S.VersionList],
    ['Source', S.Source],
    ['SourceList', S.SourceList],
    ['CountryList', S.CountryList],
    ['IngestResult', S.IngestResult],
    ['NewSource', S.NewSource],
    ['IngestBody', S.IngestBody],
  ];
  for (const [id, s] of named) reg.add(s, { id });
  const out = z.toJSONSchema(reg, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
    io: 'output',
    unrepresentable: 'any',
  }) as {
    schemas: Record<string, Json>;
  };
  // input-side schemas (bodies) are described as accepted
  const inputs = z.toJSONSchema(reg, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
    unrepresentable: 'any',
  }) as {
    schemas: Record<string, Json>;
  };
  out.schemas.NewSource = inputs.schemas.NewSource!;
  out.schemas.IngestBody = inputs.schemas.IngestBody!;
  for (const s of Object.values(out.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return out.schemas;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const err = (description: string) => json('Error', description);

/** Query parameters from a zod object schema (each as a string parameter, with its constraints as documentation). */
function queryParams(schema: z.ZodObject, required: string[] = []): Json[] {
  const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Json>;
  };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: s,
  }));
}

const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const versionParam = {
  name: 'v',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9]{1,9}$' },
  description: 'report version (1, 2, …)',
};

const readErrors = {
  '400': err('bad parameters'),
  '401': err('authentication required (PARALLAX_PRIVATE is on)'),
};
/** For routes without parameters to validate: only the authentication error. */
const authOnly = { '401': readErrors['401'] };

export function buildOpenApi(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parallax API',
      version: '1.0.0',
      description:
        'Stories grouped from many outlets and countries, each with a cited neutral overview, discrepancies, framing and coverage by country.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'PARALLAX_TOKEN' } },
    },
    paths: { ...storyPaths(), ...articlePaths(), ...sourcePaths() },
  };
}

/** The stories' paths: the list, a report, its versions, a diff, its articles. */
function storyPaths(): Record<string, Json> {
  return {
    '/api/stories': {
      get: {
        summary: 'List stories, most recently updated first',
        parameters: queryParams(S.StoryListQuery),
        responses: { '200': json('StoryList', 'a page of stories'), ...readErrors },
      },
    },
    '/api/stories/{id}': {
      get: {
        summary: "A story's latest report (the contract story.schema.json)",
        parameters: [idParam('id', 'story id')],
        responses: { '200': json('StoryReport', 'the report'), '404': err('no such story'), ...authOnly },
      },
    },
    '/api/stories/{id}/versions': {
      get: {
        summary: "A story's report versions",
        parameters: [idParam('id', 'story id')],
        responses: { '200': json('VersionList', 'versions, oldest first'), '404': err('no such story'), ...authOnly },
      },
    },
    '/api/stories/{id}/versions/{v}': {
      get: {
        summary: 'One version of a report',
        parameters: [idParam('id', 'story id'), versionParam],
        responses: { '200': json('StoryReport', 'the report'), '404': err('no such story or version'), ...readErrors },
      },
    },
    '/api/stories/{id}/diff': {
      get: {
        summary: 'What changed between two versions (default: the previous and the latest)',
        parameters: [idParam('id', 'story id'), ...queryParams(S.DiffQuery)],
        responses: { '200': json('StoryDiff', 'the changes'), '404': err('no such story or version'), ...readErrors },
      },
    },
    '/api/stories/{id}/articles': {
      get: {
        summary: "A story's articles",
        parameters: [idParam('id', 'story id'), ...queryParams(S.PageQuery)],
        responses: { '200': json('ArticleList', 'the articles'), '404': err('no such story'), ...readErrors },
      },
    },
  };
}

/** Article search and one article. */
function articlePaths(): Record<string, Json> {
  return {
    '/api/articles': {
      get: {
        summary: 'Full-text search over articles',
        parameters: queryParams(S.ArticleSearchQuery, ['q']),
        responses: { '200': json('ArticleList', 'matching articles, best first'), ...readErrors },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article with its cleaned text',
        parameters: [idParam('id', 'article id')],
        responses: { '200': json('Article', 'the article'), '404': err('no such article'), ...authOnly },
      },
    },
  };
}

/** Sources, countries and the ingest (the writes need the bearer token). */
function sourcePaths(): Record<string, Json> {
  return {
    '/api/sources': {
      get: {
        summary: 'Outlets: the shipped registry and user-added sources',
        responses: { '200': json('SourceList', 'the sources'), ...authOnly },
      },
      post: {
        summary: 'Add a source',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('NewSource') } } },
        responses: {
          '201': json('Source', 'the stored source'),
          '400': err('invalid body'),
          '401': err('missing or wrong token'),
          '403': err('writes are disabled: no PARALLAX_TOKEN configured'),
        },
      },
    },
    '/api/countries': {
      get: {
        summary: 'Countries with outlets among the sources',
        responses: { '200': json('CountryList', 'the countries'), ...authOnly },
      },
    },
    '/api/ingest': {
      post: {
        summary: 'Ingest one article, from a URL or as text',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('IngestBody') } } },
        responses: {
          '200': json('IngestResult', 'the outcome (added, duplicate)'),
          '422': json('IngestResult', 'the input could not be ingested'),
          '503': json(
            'IngestResult',
            'the URL could not be fetched for now (rate limited, server or network error): try again after Retry-After seconds',
          ),
          '400': err('invalid body'),
          '401': err('missing or wrong token'),
          '403': err('writes are disabled: no PARALLAX_TOKEN configured'),
        },
      },
    },
  };
}

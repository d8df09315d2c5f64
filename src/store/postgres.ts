/**
 * PostgreSQL store: the same contract as SQLite (src/store/types.ts), for
 * scale-out — many stateless workers on many machines sharing one database.
 * Migrations are append-only, per dialect (src/store/migrations/postgres/).
 * Full-text search uses tsvector with the 'simple' configuration, so it
 * works for any language.
 */
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Article, StorySummary } from '../model.ts';
import type { StoryReport } from '../report.ts';
import { inTurn } from './turns.ts';
import {
  ARTICLE_COLS,
  ARTICLE_INSERT_COLS,
  FEED_STATE_BATCH,
  OUTLET_RAW_MAX_CHARS,
  articleInsertValues,
  postingWeek,
  toArticle,
  windowWeeks,
  toFeedState,
  type ArticleRow,
  type FeedStateRow,
} from './rows.ts';
import type {
  ClusterCandidate,
  StoryMember,
  ClusterTermStats,
  FeedState,
  Job,
  NewArticle,
  QueueStats,
  ReportVersion,
  SourceRecord,
  StageStatus,
  Store,
  StoryClusterState,
  StoryListQuery,
  OpsStats,
  CachedTranslation,
} from './types.ts';
import { ftsQuery } from './sqlite.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'postgres');

/** Diacritics and case folded, so search matches across accents as SQLite's remove_diacritics does. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The tsquery for user text: each word required, as a prefix-free AND (mirrors SQLite's ftsQuery). */
function tsQuery(q: string): string | null {
  const fq = ftsQuery(fold(q));
  if (!fq) return null;
  return fq
    .split(' ')
    .map((w) => w.replace(/"/g, '').replace(/'/g, "''"))
    .map((w) => `'${w}'`)
    .join(' & ');
}

export interface PostgresStoreOptions {
  /** A schema to use (created if missing): isolates tests and tenants. */
  schema?: string;
  /** Pool size (default 10); a worker sizes it from its concurrency. */
  maxConnections?: number;
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private pool: pg.Pool;
  private schema: string | null;
  /**
   * Named locks of this process: jobs queue here, holding no connection, and only the first of them waits on the
   * database's advisory lock (else N jobs waiting on the lock hold N connections and starve the holder of one).
   */
  private locks = new Map<string, Promise<unknown>>();

  constructor(url: string, opts: PostgresStoreOptions = {}) {
    this.schema = opts.schema ?? null;
    if (this.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`invalid schema name ${this.schema}`);
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.maxConnections ?? 10,
      connectionTimeoutMillis: 10000,
      options: this.schema ? `-c search_path=${this.schema}` : undefined,
    });
    // An idle client's connection dropped by the server must not crash the process (pg emits 'error' on the pool).
    this.pool.on('error', () => undefined);
  }

  private async q<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const v = await fn(c);
      await c.query('COMMIT');
      return v;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async migrate(): Promise<void> {
    if (this.schema) await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await this.tx(async (c) => {
      // One migrator at a time across workers.
      await c.query('SELECT pg_advisory_xact_lock(7242001)');
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const done = new Set((await c.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
      for (const f of readdirSync(MIGRATIONS_DIR)
        .filter((x) => x.endsWith('.sql'))
        .sort()) {
        if (done.has(f)) continue;
        await c.query(readFileSync(join(MIGRATIONS_DIR, f), 'utf8'));
        await c.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [f, new Date().toISOString()]);
      }
    });
  }

  async pendingMigrations(): Promise<string[]> {
    const done = new Set((await this.q<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    return readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql') && !done.has(f))
      .sort();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Drops the store's schema (tests only). */
  async dropSchema(): Promise<void> {
    if (this.schema) await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async findArticleByHash(contentHash: string, rawHash: string): Promise<Article | null> {
    const rows = await this.q<ArticleRow>(`SELECT ${ARTICLE_COLS} FROM articles WHERE content_hash = $1 OR raw_hash = $2 LIMIT 1`, [
      contentHash,
      rawHash,
    ]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async getArticle(id: string): Promise<Article | null> {
    const rows = await this.q<ArticleRow>(`SELECT ${ARTICLE_COLS} FROM articles WHERE id = $1`, [id]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async insertArticle(a: NewArticle): Promise<boolean> {
    const values = articleInsertValues(a, new Date().toISOString());
    const ph = values.map((_, i) => `$${i + 1}`).join(', ');
    const r = await this.pool.query(
      `INSERT INTO articles (${ARTICLE_INSERT_COLS}, tsv) VALUES (${ph}, to_tsvector('simple', $${values.length + 1})) ON CONFLICT DO NOTHING`,
      [...values, fold(`${a.title ?? ''} ${a.text}`)],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async listArticles(opts: { storyId?: string; limit?: number; offset?: number } = {}): Promise<Article[]> {
    const limit = Math.min(opts.limit ?? 1000, 10000);
    const offset = opts.offset ?? 0;
    const rows = opts.storyId
      ? await this.q<ArticleRow>(`SELECT ${ARTICLE_COLS} FROM articles WHERE story_id = $1 ORDER BY ingested_at, id LIMIT $2 OFFSET $3`, [
          opts.storyId,
          limit,
          offset,
        ])
      : await this.q<ArticleRow>(`SELECT ${ARTICLE_COLS} FROM articles ORDER BY ingested_at DESC, id LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows.map(toArticle);
  }

  async countArticles(): Promise<number> {
    const rows = await this.q<{ n: string }>('SELECT COUNT(*) AS n FROM articles');
    return Number(rows[0].n);
  }

  async listUnassignedArticles(
    limit: number,
  ): Promise<Array<{ id: string; features: unknown; published: string | null; ingestedAt: string }>> {
    return this.q<{ id: string; features: unknown; published: string | null; ingestedAt: string }>(
      'SELECT id, features, published, ingested_at AS "ingestedAt" FROM articles WHERE story_id IS NULL ORDER BY ingested_at, id LIMIT $1',
      [limit],
    );
  }

  async listRecentArticlesForDedupe(limit: number): Promise<Array<{ id: string; features: unknown }>> {
    return this.q<{ id: string; features: unknown }>('SELECT id, features FROM articles ORDER BY ingested_at DESC LIMIT $1', [limit]);
  }

  async listOutletRawTexts(outlet: string, limit: number): Promise<string[]> {
    const rows = await this.q<{ raw: string }>(
      "SELECT substr(raw, 1, $3) AS raw FROM articles WHERE outlet = $1 AND raw_kind = 'text' ORDER BY ingested_at DESC LIMIT $2",
      [outlet, limit, OUTLET_RAW_MAX_CHARS],
    );
    return rows.map((r) => r.raw);
  }

  async listOutletTexts(outlet: string, limit: number): Promise<string[]> {
    const rows = await this.q<{ t: string | null }>(
      "SELECT substr(CASE WHEN raw_kind = 'text' THEN raw ELSE text END, 1, $3) AS t FROM articles WHERE outlet = $1 ORDER BY ingested_at DESC LIMIT $2",
      [outlet, limit, OUTLET_RAW_MAX_CHARS],
    );
    return rows.map((r) => r.t ?? '');
  }

  async createStory(id: string, title: string, at: string): Promise<void> {
    await this.q('INSERT INTO stories (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING', [id, title, at]);
  }

  async assignArticle(articleId: string, storyId: string, at: string): Promise<void> {
    await this.tx(async (c) => {
      await c.query('UPDATE articles SET story_id = $1 WHERE id = $2', [storyId, articleId]);
      await c.query('UPDATE stories SET updated_at = $1 WHERE id = $2', [at, storyId]);
    });
  }

  async setStoryTitle(storyId: string, title: string, at: string): Promise<void> {
    await this.q("UPDATE stories SET title = $1, updated_at = $2, title_tsv = to_tsvector('simple', $4) WHERE id = $3", [
      title,
      at,
      storyId,
      fold(title),
    ]);
  }

  async getStory(id: string): Promise<StorySummary | null> {
    const rows = await this.q<{ id: string; title: string; created_at: string; updated_at: string }>(
      'SELECT id, title, created_at, updated_at FROM stories WHERE id = $1',
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const ids = (await this.q<{ id: string }>('SELECT id FROM articles WHERE story_id = $1 ORDER BY ingested_at, id', [id])).map(
      (x) => x.id,
    );
    return { id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at, articleIds: ids };
  }

  async listStories(q: StoryListQuery = {}): Promise<StorySummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const af: string[] = [];
    if (q.country) af.push(`a.country = ${p(q.country.toUpperCase())}`);
    if (q.outlet) af.push(`a.outlet = ${p(q.outlet)}`);
    if (q.language) af.push(`a.language = ${p(q.language)}`);
    if (q.from) af.push(`a.published >= ${p(q.from)}`);
    if (q.to) af.push(`a.published <= ${p(q.to)}`);
    where.push('s.merged_into IS NULL');
    if (af.length) where.push(`s.id IN (SELECT a.story_id FROM articles a WHERE a.story_id IS NOT NULL AND ${af.join(' AND ')})`);
    if (q.q) {
      const tq = tsQuery(q.q);
      if (!tq) return [];
      const ph = p(tq);
      where.push(
        `(s.title_tsv @@ to_tsquery('simple', ${ph}) OR s.id IN (SELECT a.story_id FROM articles a WHERE a.tsv @@ to_tsquery('simple', ${ph})))`,
      );
    }
    const limit = p(Math.min(q.limit ?? 100, 1000));
    const offset = p(q.offset ?? 0);
    const rows = await this.q<{ id: string; title: string; created_at: string; updated_at: string }>(
      `SELECT s.id, s.title, s.created_at, s.updated_at FROM stories s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY s.updated_at DESC, s.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    if (rows.length === 0) return [];
    const arts = await this.q<{ id: string; story_id: string }>(
      'SELECT id, story_id FROM articles WHERE story_id = ANY($1) ORDER BY ingested_at, id',
      [rows.map((r) => r.id)],
    );
    const byStory = new Map<string, string[]>();
    for (const a of arts) byStory.set(a.story_id, [...(byStory.get(a.story_id) ?? []), a.id]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      articleIds: byStory.get(r.id) ?? [],
    }));
  }

  async listStoryMembers(storyId: string, limit: number): Promise<StoryMember[]> {
    const rows = await this.q<{ id: string; published: string | null; duplicate_of: string | null; features: unknown }>(
      'SELECT id, published, duplicate_of, features FROM articles WHERE story_id = $1 ORDER BY ingested_at, id LIMIT $2',
      [storyId, limit],
    );
    return rows.map((r) => ({ articleId: r.id, published: r.published, duplicateOf: r.duplicate_of, features: r.features }));
  }

  async listClusterCandidates(since: string | null, limit: number): Promise<ClusterCandidate[]> {
    const rows = await this.q<{ story_id: string; id: string; published: string | null; features: unknown }>(
      `SELECT a.story_id, a.id, a.published, a.features FROM articles a JOIN stories s ON s.id = a.story_id
       WHERE ($1::text IS NULL OR s.updated_at >= $1) ORDER BY s.updated_at DESC, a.ingested_at LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => ({ storyId: r.story_id, articleId: r.id, published: r.published, features: r.features }));
  }

  async saveReport(storyId: string, articleIds: string[], report: StoryReport, at: string): Promise<number> {
    return this.tx(async (c) => {
      // Serialize versioning per story across workers.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [storyId]);
      // The story row is locked first: an article joining meanwhile waits, so the flag below is decided on the
      // articles as they are when this version is committed.
      await c.query('SELECT 1 FROM stories WHERE id = $1 FOR UPDATE', [storyId]);
      const cur = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM story_reports WHERE story_id = $1', [storyId]);
      const version = (cur.rows[0]?.v ?? 0) + 1;
      await c.query('INSERT INTO story_reports (story_id, version, created_at, article_ids, report) VALUES ($1, $2, $3, $4, $5)', [
        storyId,
        version,
        at,
        JSON.stringify(articleIds),
        JSON.stringify({ ...report, version }),
      ]);
      await this.markCurrent(c, storyId, articleIds);
      return version;
    });
  }

  /** Inside a transaction holding the story row: clears the stale flag when `articleIds` are its articles now. */
  private async markCurrent(c: pg.PoolClient, storyId: string, articleIds: string[]): Promise<boolean> {
    const now = (await c.query<{ id: string }>('SELECT id FROM articles WHERE story_id = $1 ORDER BY ingested_at, id', [storyId])).rows.map(
      (r) => r.id,
    );
    const same = now.length === articleIds.length && now.every((id, i) => id === articleIds[i]);
    await c.query('UPDATE stories SET report_current = $1 WHERE id = $2', [same, storyId]);
    return same;
  }

  async markReportCurrent(storyId: string, articleIds: string[]): Promise<boolean> {
    return this.tx(async (c) => {
      await c.query('SELECT 1 FROM stories WHERE id = $1 FOR UPDATE', [storyId]);
      return this.markCurrent(c, storyId, articleIds);
    });
  }

  async listStaleStories(limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT s.id FROM stories s WHERE (NOT s.report_current OR s.title = '')
         AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id) ORDER BY s.updated_at, s.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async countStories(): Promise<number> {
    return Number((await this.q<{ n: string }>('SELECT COUNT(*) AS n FROM stories WHERE merged_into IS NULL'))[0].n);
  }

  async mergeStory(
    fromId: string,
    intoId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    at: string,
  ): Promise<void> {
    await this.tx(async (c) => {
      await c.query('UPDATE articles SET story_id = $1 WHERE story_id = $2', [intoId, fromId]);
      await c.query(
        'INSERT INTO cluster_postings_w (key, week, story_id) SELECT key, week, $1 FROM cluster_postings_w WHERE story_id = $2 ON CONFLICT DO NOTHING',
        [intoId, fromId],
      );
      await c.query('DELETE FROM cluster_postings_w WHERE story_id = $1', [fromId]);
      await c.query('DELETE FROM story_features WHERE story_id = $1', [fromId]);
      await c.query('UPDATE stories SET merged_into = $1, updated_at = $2 WHERE id = $3 OR merged_into = $3', [intoId, at, fromId]);
      await c.query('UPDATE story_features SET features = $1, first_pub = $2, last_pub = $3, updated_at = $4 WHERE story_id = $5', [
        JSON.stringify(features),
        range.first,
        range.last,
        at,
        intoId,
      ]);
      await c.query('UPDATE stories SET updated_at = $1 WHERE id = $2', [at, intoId]);
    });
  }

  async resolveStory(id: string): Promise<string | null> {
    const r = await this.q<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM stories WHERE id = $1', [id]);
    return r[0] ? (r[0].merged_into ?? r[0].id) : null;
  }

  async opsStats(): Promise<OpsStats> {
    const rows = await this.q<{ articles: string; stories: string; stale: string; versions: string }>(
      `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM stories) AS stories,
         (SELECT COUNT(*) FROM stories s WHERE (NOT s.report_current OR s.title = '') AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)) AS stale,
         (SELECT COUNT(*) FROM story_reports) AS versions`,
    );
    const stages = await this.q<{ stage: string; count: string; summs: string }>(
      "SELECT stage, COUNT(*) AS count, COALESCE(SUM(ms), 0) AS summs FROM stage_status WHERE status = 'ok' GROUP BY stage ORDER BY stage",
    );
    const r = rows[0];
    return {
      articles: Number(r.articles),
      stories: Number(r.stories),
      staleStories: Number(r.stale),
      reportVersions: Number(r.versions),
      stages: stages.map((x) => ({ stage: x.stage, count: Number(x.count), sumMs: Number(x.summs) })),
    };
  }

  async getReport(storyId: string, version?: number): Promise<ReportVersion | null> {
    const rows =
      version === undefined
        ? await this.q<{ story_id: string; version: number; created_at: string; article_ids: string[]; report: string }>(
            'SELECT * FROM story_reports WHERE story_id = $1 ORDER BY version DESC LIMIT 1',
            [storyId],
          )
        : await this.q<{ story_id: string; version: number; created_at: string; article_ids: string[]; report: string }>(
            'SELECT * FROM story_reports WHERE story_id = $1 AND version = $2',
            [storyId, version],
          );
    const r = rows[0];
    if (!r) return null;
    return {
      storyId: r.story_id,
      version: r.version,
      createdAt: r.created_at,
      articleIds: r.article_ids,
      report: JSON.parse(r.report) as StoryReport,
    };
  }

  async listReportVersions(storyId: string): Promise<Array<Omit<ReportVersion, 'report'>>> {
    const rows = await this.q<{ story_id: string; version: number; created_at: string; article_ids: string[] }>(
      'SELECT story_id, version, created_at, article_ids FROM story_reports WHERE story_id = $1 ORDER BY version',
      [storyId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, createdAt: r.created_at, articleIds: r.article_ids }));
  }

  async getTranslation(sourceHash: string, provider: string, target: string): Promise<CachedTranslation | null> {
    const rows = await this.q<{ source_language: string; title: string | null; text: string; created_at: string }>(
      'SELECT source_language, title, text, created_at FROM translations WHERE source_hash = $1 AND provider = $2 AND target = $3',
      [sourceHash, provider, target],
    );
    const r = rows[0];
    return r
      ? { sourceHash, provider, target, sourceLanguage: r.source_language, title: r.title, text: r.text, createdAt: r.created_at }
      : null;
  }

  async saveTranslation(t: CachedTranslation): Promise<void> {
    await this.q(
      `INSERT INTO translations (source_hash, provider, target, source_language, title, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [t.sourceHash, t.provider, t.target, t.sourceLanguage, t.title, t.text, t.createdAt],
    );
  }

  async recordStage(s: StageStatus): Promise<void> {
    await this.q(
      `INSERT INTO stage_status (article_id, stage, status, error, ms, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (article_id, stage) DO UPDATE SET status = excluded.status, error = excluded.error, ms = excluded.ms, at = excluded.at`,
      [s.articleId, s.stage, s.status, s.error, s.ms, s.at],
    );
  }

  async listStages(articleId: string): Promise<StageStatus[]> {
    const rows = await this.q<{
      article_id: string;
      stage: string;
      status: StageStatus['status'];
      error: string | null;
      ms: number | null;
      at: string;
    }>('SELECT article_id, stage, status, error, ms, at FROM stage_status WHERE article_id = $1 ORDER BY at, stage', [articleId]);
    return rows.map((r) => ({ articleId: r.article_id, stage: r.stage, status: r.status, error: r.error, ms: r.ms, at: r.at }));
  }

  async searchArticles(q: string, limit: number): Promise<Article[]> {
    const tq = tsQuery(q);
    if (!tq) return [];
    const rows = await this.q<ArticleRow>(
      `SELECT ${ARTICLE_COLS} FROM articles WHERE tsv @@ to_tsquery('simple', $1)
       ORDER BY ts_rank(tsv, to_tsquery('simple', $1)) DESC, id LIMIT $2`,
      [tq, Math.min(limit, 1000)],
    );
    return rows.map(toArticle);
  }

  async listSources(): Promise<SourceRecord[]> {
    const rows = await this.q<{
      id: string;
      name: string;
      homepage: string | null;
      country: string | null;
      languages: string[];
      feeds: string[];
      ownership: string | null;
      origin: SourceRecord['origin'];
      enabled: boolean;
    }>('SELECT * FROM sources ORDER BY id');
    return rows.map((r) => ({ ...r }));
  }

  async upsertSource(s: SourceRecord): Promise<void> {
    await this.q(
      `INSERT INTO sources (id, name, homepage, country, languages, feeds, ownership, origin, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, homepage = excluded.homepage, country = excluded.country,
         languages = excluded.languages, feeds = excluded.feeds, ownership = excluded.ownership, origin = excluded.origin,
         enabled = excluded.enabled`,
      [s.id, s.name, s.homepage, s.country, JSON.stringify(s.languages), JSON.stringify(s.feeds), s.ownership, s.origin, s.enabled],
    );
  }

  async removeSource(id: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM sources WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  async getFeedState(feedUrl: string): Promise<FeedState | null> {
    const rows = await this.q<FeedStateRow>('SELECT * FROM feed_state WHERE feed_url = $1', [feedUrl]);
    return rows[0] ? toFeedState(rows[0]) : null;
  }

  async reserveHostSlot(host: string, intervalMs: number, nowMs: number): Promise<number> {
    const rows = await this.q<{ start: string }>(
      `INSERT INTO host_slots (host, next_at) VALUES ($1, $2::bigint + $3::bigint)
       ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(host_slots.next_at, $2::bigint) + $3::bigint
       RETURNING next_at - $3::bigint AS start`,
      [host, Math.round(nowMs), Math.round(intervalMs)],
    );
    return Number(rows[0].start);
  }

  async getFeedStates(feedUrls: readonly string[]): Promise<Map<string, FeedState>> {
    const out = new Map<string, FeedState>();
    const urls = [...new Set(feedUrls)];
    for (let i = 0; i < urls.length; i += FEED_STATE_BATCH) {
      const rows = await this.q<FeedStateRow>('SELECT * FROM feed_state WHERE feed_url = ANY($1::text[])', [
        urls.slice(i, i + FEED_STATE_BATCH),
      ]);
      for (const r of rows) out.set(r.feed_url, toFeedState(r));
    }
    return out;
  }

  async saveFeedState(s: FeedState): Promise<void> {
    await this.q(
      `INSERT INTO feed_state (feed_url, etag, last_modified, last_polled, last_ok, error_count, last_error, next_poll)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         last_polled = excluded.last_polled, last_ok = excluded.last_ok, error_count = excluded.error_count,
         last_error = excluded.last_error, next_poll = excluded.next_poll`,
      [s.feedUrl, s.etag, s.lastModified, s.lastPolled, s.lastOk, s.errorCount, s.lastError, s.nextPoll],
    );
  }

  async hasSeenUrl(url: string): Promise<boolean> {
    return (await this.q('SELECT 1 FROM seen_urls WHERE url = $1', [url])).length > 0;
  }

  async markSeenUrl(url: string, articleId: string | null, at: string): Promise<void> {
    await this.q('INSERT INTO seen_urls (url, article_id, at) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING', [url, articleId, at]);
  }

  async enqueueJob(kind: string, payload: unknown, opts: { key?: string | null; runAt: string }): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO jobs (kind, key, payload, status, run_at, created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4, $4)
       ON CONFLICT DO NOTHING`,
      [kind, opts.key ?? null, JSON.stringify(payload ?? null), opts.runAt],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async claimJob(worker: string, kinds: string[], leaseMs: number, now: string): Promise<Job | null> {
    if (kinds.length === 0) return null;
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    // SKIP LOCKED: concurrent workers on many machines never claim the same job.
    const rows = await this.q<{ id: string; kind: string; key: string | null; payload: string; attempts: number }>(
      `UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3
       WHERE id = (
         SELECT id FROM jobs
         WHERE kind = ANY($4) AND ((status = 'pending' AND run_at <= $3) OR (status = 'running' AND locked_until < $3))
         ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, key, payload, attempts`,
      [worker, until, now, kinds],
    );
    const r = rows[0];
    if (!r) return null;
    return { id: Number(r.id), kind: r.kind, key: r.key, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts };
  }

  async extendJobLease(id: number, worker: string, until: string): Promise<boolean> {
    const r = await this.pool.query(`UPDATE jobs SET locked_until = $1 WHERE id = $2 AND status = 'running' AND locked_by = $3`, [
      until,
      id,
      worker,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async completeJob(id: number, now: string): Promise<void> {
    await this.q(`UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, error = NULL, updated_at = $1 WHERE id = $2`, [
      now,
      id,
    ]);
  }

  async failJob(id: number, error: string, retryAt: string | null, now: string): Promise<void> {
    // A retry is dropped (done) when another pending job with the same key will do the same work.
    await this.q(
      `UPDATE jobs SET
         status = CASE WHEN $1::text IS NULL THEN 'failed'
                       WHEN key IS NOT NULL AND EXISTS (SELECT 1 FROM jobs j WHERE j.key = jobs.key AND j.status = 'pending' AND j.id <> jobs.id)
                       THEN 'done' ELSE 'pending' END,
         run_at = COALESCE($1, run_at), error = $2, locked_by = NULL, locked_until = NULL, updated_at = $3
       WHERE id = $4`,
      [retryAt, error, now, id],
    );
  }

  async queueStats(): Promise<QueueStats> {
    const rows = await this.q<{ status: string; n: string }>('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status');
    const st: QueueStats = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) if (r.status in st) st[r.status as keyof QueueStats] = Number(r.n);
    return st;
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return inTurn(this.locks, name, () => this.withAdvisoryLock(name, fn));
  }

  private async withAdvisoryLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // A session-level advisory lock held on a dedicated connection, shared by every worker on this database.
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        return await fn();
      } finally {
        // A connection that cannot unlock is dropped: the server releases a session lock with its session.
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch((e: Error) => (broken = e));
      }
    } finally {
      c.release(broken);
    }
  }

  // clustering and near-duplicate indexes

  async getTermStats(terms: string[]): Promise<ClusterTermStats> {
    const rows = await this.q<{ term: string; df: number }>('SELECT term, df FROM cluster_df WHERE term = ANY($1::text[])', [
      ['', ...terms],
    ]);
    const df: Record<string, number> = {};
    let docs = 0;
    for (const r of rows) {
      if (r.term === '') docs = Number(r.df);
      else df[r.term] = Number(r.df);
    }
    return { docs, df };
  }

  async addTermStats(terms: string[]): Promise<void> {
    await this.q(
      `INSERT INTO cluster_df (term, df) SELECT DISTINCT t, 1 FROM unnest($1::text[]) AS t
       ON CONFLICT (term) DO UPDATE SET df = cluster_df.df + 1`,
      [['', ...terms.filter((t) => t !== '')]],
    );
  }

  async findStoryCandidates(keys: string[], window: { from: string; to: string } | null, limit: number): Promise<StoryClusterState[]> {
    const rows = await this.q<{ story_id: string; features: unknown }>(
      `SELECT p.story_id, f.features FROM cluster_postings_w p JOIN story_features f ON f.story_id = p.story_id
       WHERE p.key = ANY($1::text[]) AND ($2::text IS NULL OR p.week = ANY($5::text[]))
         AND ($2::text IS NULL OR f.first_pub IS NULL OR f.last_pub IS NULL OR (f.last_pub >= $2::text AND f.first_pub <= $3::text))
       GROUP BY p.story_id, f.features ORDER BY COUNT(DISTINCT p.key) DESC, p.story_id LIMIT $4`,
      [keys, window?.from ?? null, window?.to ?? null, limit, window ? windowWeeks(window) : []],
    );
    return rows.map((r) => ({ storyId: r.story_id, features: r.features }));
  }

  async saveStoryFeatures(
    storyId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    keys: string[],
    at: string,
  ): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO story_features (story_id, features, first_pub, last_pub, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (story_id) DO UPDATE SET features = excluded.features, first_pub = excluded.first_pub,
           last_pub = excluded.last_pub, updated_at = excluded.updated_at`,
        [storyId, JSON.stringify(features), range.first, range.last, at],
      );
      await c.query(
        'INSERT INTO cluster_postings_w (key, week, story_id) SELECT DISTINCT k, $3, $1 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING',
        [storyId, keys, postingWeek(range.last)],
      );
    });
  }

  async findDedupeCandidates(bands: string[], limit: number): Promise<Array<{ id: string; features: unknown }>> {
    return this.q<{ id: string; features: unknown }>(
      `SELECT a.id, a.features FROM (
         SELECT article_id, COUNT(*) AS hits FROM dedupe_bands WHERE band = ANY($1::text[])
         GROUP BY article_id ORDER BY hits DESC, article_id LIMIT $2) b
       JOIN articles a ON a.id = b.article_id ORDER BY b.hits DESC, a.id`,
      [bands, limit],
    );
  }

  async markDuplicate(articleId: string, duplicateOf: string): Promise<void> {
    await this.q('UPDATE articles SET duplicate_of = $1 WHERE id = $2', [duplicateOf, articleId]);
  }

  async addDedupeBands(articleId: string, bands: string[]): Promise<void> {
    await this.q('INSERT INTO dedupe_bands (band, article_id) SELECT DISTINCT b, $1 FROM unnest($2::text[]) AS b ON CONFLICT DO NOTHING', [
      articleId,
      bands,
    ]);
  }
}

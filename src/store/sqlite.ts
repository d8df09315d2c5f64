/**
 * SQLite store (better-sqlite3), the embedded default: one file.
 * Migrations are append-only, per dialect (src/store/migrations/sqlite/*.sql).
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
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

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'sqlite');
/** How long a cross-process lock is held without a renewal before others may take it, ms. */
const PROCESS_LOCK_MS = 30_000;
/** How long a statement waits for another process's lock before SQLITE_BUSY, ms. */
const BUSY_TIMEOUT_MS = 10_000;
/** Prepared statements kept per store. */
const STATEMENT_CACHE_MAX = 256;
/** Attempts of a write that still finds the database busy after the busy timeout. */
const BUSY_RETRIES = 8;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY…): another process writes. */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Whether a process with this pid is running on this machine (an SQLite file is shared only on one machine). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs a write, retrying with back-off while another process holds the database past the busy timeout. */
async function retryBusy<T>(fn: () => T): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || i >= BUSY_RETRIES) throw e;
      await sleep(Math.min(1000, 20 * 2 ** i) * (0.5 + Math.random() / 2));
    }
  }
}

/**
 * The same, for the statements of opening (a constructor cannot wait asynchronously): SQLite answers SQLITE_BUSY at
 * once, without waiting out the busy timeout, when it could deadlock, as when two processes open a new file and
 * both switch it to WAL.
 */
function retryBusySync<T>(fn: () => T): T {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || i >= BUSY_RETRIES) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(1000, 20 * 2 ** i) * (0.5 + Math.random() / 2));
    }
  }
}

/** Turns user text into a safe FTS5 query: each word quoted, all required. */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((w) => `"${w}"`)
    .join(' ');
}

/** SQLite's page cache per connection, in KiB (its default is 2 MB). */
const CACHE_KIB = 64 * 1024;

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private db: Database.Database;
  /** Named in-process locks: an SQLite file is served by one process. */
  private locks = new Map<string, Promise<unknown>>();
  /** This store's identity in process_locks. */
  private readonly lockOwner = `${process.pid}-${randomBytes(6).toString('hex')}`;

  /** Prepared statements by SQL text: preparing costs more than running most of these queries (a request's lookup). */
  private readonly statements = new Map<string, Database.Statement>();

  private prep(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      // Bounded: lists with a varying number of placeholders make many texts; the oldest prepared goes first.
      if (this.statements.size >= STATEMENT_CACHE_MAX) this.statements.delete(this.statements.keys().next().value!);
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  constructor(file: string) {
    // Many processes may write one file (a cron `ingest` beside `run`): writers wait for each other (the busy
    // timeout, set on opening: switching a new file to WAL takes an exclusive lock another process may hold), and
    // every read-then-write transaction starts IMMEDIATE so it never fails with SQLITE_BUSY_SNAPSHOT.
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    const db = this.db;
    retryBusySync(() => db.pragma('journal_mode = WAL'));
    retryBusySync(() => db.pragma('synchronous = NORMAL'));
    retryBusySync(() => db.pragma('foreign_keys = ON'));
    // A page cache for the clustering index and term counts that outgrow SQLite's 2 MB default at ~10k articles.
    db.pragma(`cache_size = -${CACHE_KIB}`);
  }

  async migrate(): Promise<void> {
    await retryBusy(() => this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)'));
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const f of files) {
      const sql = readFileSync(join(MIGRATIONS_DIR, f), 'utf8');
      // Checked inside the write transaction: two processes starting at once apply each migration once.
      await retryBusy(() =>
        this.db
          .transaction(() => {
            if (this.prep('SELECT 1 FROM schema_migrations WHERE name = ?').get(f)) return;
            this.db.exec(sql);
            this.prep('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(f, new Date().toISOString());
          })
          .immediate(),
      );
    }
  }

  async pendingMigrations(): Promise<string[]> {
    const done = new Set((this.prep('SELECT name FROM schema_migrations').all() as Array<{ name: string }>).map((r) => r.name));
    return readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql') && !done.has(f))
      .sort();
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async findArticleByHash(contentHash: string, rawHash: string): Promise<Article | null> {
    const r = this.prep(`SELECT ${ARTICLE_COLS} FROM articles WHERE content_hash = ? OR raw_hash = ? LIMIT 1`).get(contentHash, rawHash) as
      ArticleRow | undefined;
    return r ? toArticle(r) : null;
  }

  async getArticle(id: string): Promise<Article | null> {
    const r = this.prep(`SELECT ${ARTICLE_COLS} FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined;
    return r ? toArticle(r) : null;
  }

  async insertArticle(a: NewArticle): Promise<boolean> {
    const values = articleInsertValues(a, new Date().toISOString());
    const sql = `INSERT INTO articles (${ARTICLE_INSERT_COLS}) VALUES (${values.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;
    return (await retryBusy(() => this.prep(sql).run(...values))).changes > 0;
  }

  async listArticles(opts: { storyId?: string; limit?: number; offset?: number } = {}): Promise<Article[]> {
    const limit = Math.min(opts.limit ?? 1000, 10000);
    const offset = opts.offset ?? 0;
    const rows = opts.storyId
      ? this.prep(`SELECT ${ARTICLE_COLS} FROM articles WHERE story_id = ? ORDER BY ingested_at, id LIMIT ? OFFSET ?`).all(
          opts.storyId,
          limit,
          offset,
        )
      : this.prep(`SELECT ${ARTICLE_COLS} FROM articles ORDER BY ingested_at DESC, id LIMIT ? OFFSET ?`).all(limit, offset);
    return (rows as ArticleRow[]).map(toArticle);
  }

  async countArticles(): Promise<number> {
    return (this.prep('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  async listUnassignedArticles(
    limit: number,
  ): Promise<Array<{ id: string; features: unknown; published: string | null; ingestedAt: string }>> {
    const rows = this.prep(
      'SELECT id, features, published, ingested_at FROM articles WHERE story_id IS NULL ORDER BY ingested_at, id LIMIT ?',
    ).all(limit) as Array<{ id: string; features: string | null; published: string | null; ingested_at: string }>;
    return rows.map((r) => ({
      id: r.id,
      published: r.published,
      ingestedAt: r.ingested_at,
      features: r.features ? JSON.parse(r.features) : null,
    }));
  }

  async listRecentArticlesForDedupe(limit: number): Promise<Array<{ id: string; features: unknown }>> {
    const rows = this.prep('SELECT id, features FROM articles ORDER BY ingested_at DESC LIMIT ?').all(limit) as Array<{
      id: string;
      features: string | null;
    }>;
    return rows.map((r) => ({ id: r.id, features: r.features ? JSON.parse(r.features) : null }));
  }

  async listOutletRawTexts(outlet: string, limit: number): Promise<string[]> {
    const rows = this.prep(
      "SELECT substr(raw, 1, ?) AS raw FROM articles WHERE outlet = ? AND raw_kind = 'text' ORDER BY ingested_at DESC LIMIT ?",
    ).all(OUTLET_RAW_MAX_CHARS, outlet, limit) as Array<{ raw: string }>;
    return rows.map((r) => r.raw);
  }

  async listOutletTexts(outlet: string, limit: number): Promise<string[]> {
    const rows = this.prep(
      "SELECT substr(CASE WHEN raw_kind = 'text' THEN raw ELSE text END, 1, ?) AS t FROM articles WHERE outlet = ? ORDER BY ingested_at DESC LIMIT ?",
    ).all(OUTLET_RAW_MAX_CHARS, outlet, limit) as Array<{ t: string | null }>;
    return rows.map((r) => r.t ?? '');
  }

  async createStory(id: string, title: string, at: string): Promise<void> {
    const sql = 'INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
    await retryBusy(() => this.prep(sql).run(id, title, at, at));
  }

  async assignArticle(articleId: string, storyId: string, at: string): Promise<void> {
    await retryBusy(() =>
      this.db
        .transaction(() => {
          this.prep('UPDATE articles SET story_id = ? WHERE id = ?').run(storyId, articleId);
          this.prep('UPDATE stories SET updated_at = ? WHERE id = ?').run(at, storyId);
        })
        .immediate(),
    );
  }

  async setStoryTitle(storyId: string, title: string, at: string): Promise<void> {
    await retryBusy(() =>
      this.db
        .transaction(() => {
          this.prep('UPDATE stories SET title = ?, updated_at = ? WHERE id = ?').run(title, at, storyId);
          this.prep('DELETE FROM stories_fts WHERE story_id = ?').run(storyId);
          this.prep('INSERT INTO stories_fts (story_id, title) VALUES (?, ?)').run(storyId, title);
        })
        .immediate(),
    );
  }

  async getStory(id: string): Promise<StorySummary | null> {
    const r = this.prep('SELECT id, title, created_at, updated_at FROM stories WHERE id = ?').get(id) as
      { id: string; title: string; created_at: string; updated_at: string } | undefined;
    if (!r) return null;
    const ids = (this.prep('SELECT id FROM articles WHERE story_id = ? ORDER BY ingested_at, id').all(id) as Array<{ id: string }>).map(
      (x) => x.id,
    );
    return { id: r.id, title: r.title, createdAt: r.created_at, updatedAt: r.updated_at, articleIds: ids };
  }

  async listStories(q: StoryListQuery = {}): Promise<StorySummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const articleFilters: string[] = [];
    if (q.country) {
      articleFilters.push('a.country = ?');
      params.push(q.country.toUpperCase());
    }
    if (q.outlet) {
      articleFilters.push('a.outlet = ?');
      params.push(q.outlet);
    }
    if (q.language) {
      articleFilters.push('a.language = ?');
      params.push(q.language);
    }
    if (q.from) {
      articleFilters.push('a.published >= ?');
      params.push(q.from);
    }
    if (q.to) {
      articleFilters.push('a.published <= ?');
      params.push(q.to);
    }
    where.push('s.merged_into IS NULL');
    if (articleFilters.length) {
      where.push(`s.id IN (SELECT a.story_id FROM articles a WHERE a.story_id IS NOT NULL AND ${articleFilters.join(' AND ')})`);
    }
    if (q.q) {
      const fq = ftsQuery(q.q);
      if (!fq) return [];
      where.push(
        `(s.id IN (SELECT story_id FROM stories_fts WHERE stories_fts MATCH ?)` +
          ` OR s.id IN (SELECT a.story_id FROM articles a JOIN articles_fts f ON f.rowid = a.rowid WHERE articles_fts MATCH ?))`,
      );
      params.push(fq, fq);
    }
    const limit = Math.min(q.limit ?? 100, 1000);
    const offset = q.offset ?? 0;
    const rows = this.prep(
      `SELECT s.id, s.title, s.created_at, s.updated_at FROM stories s ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY s.updated_at DESC, s.id LIMIT ? OFFSET ?`,
    ).all(...params, limit, offset) as Array<{ id: string; title: string; created_at: string; updated_at: string }>;
    if (rows.length === 0) return [];
    const byStory = new Map<string, string[]>();
    const placeholders = rows.map(() => '?').join(',');
    for (const a of this.prep(`SELECT id, story_id FROM articles WHERE story_id IN (${placeholders}) ORDER BY ingested_at, id`).all(
      ...rows.map((r) => r.id),
    ) as Array<{ id: string; story_id: string }>) {
      const list = byStory.get(a.story_id) ?? [];
      list.push(a.id);
      byStory.set(a.story_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      articleIds: byStory.get(r.id) ?? [],
    }));
  }

  async listStoryMembers(storyId: string, limit: number): Promise<StoryMember[]> {
    const rows = this.prep(
      'SELECT id, published, duplicate_of, features FROM articles WHERE story_id = ? ORDER BY ingested_at, id LIMIT ?',
    ).all(storyId, limit) as Array<{ id: string; published: string | null; duplicate_of: string | null; features: string | null }>;
    return rows.map((r) => ({
      articleId: r.id,
      published: r.published,
      duplicateOf: r.duplicate_of,
      features: r.features ? JSON.parse(r.features) : null,
    }));
  }

  async listClusterCandidates(since: string | null, limit: number): Promise<ClusterCandidate[]> {
    const rows = this.prep(
      `SELECT a.story_id, a.id, a.published, a.features FROM articles a JOIN stories s ON s.id = a.story_id
         WHERE (? IS NULL OR s.updated_at >= ?) ORDER BY s.updated_at DESC, a.ingested_at LIMIT ?`,
    ).all(since, since, limit) as Array<{ story_id: string; id: string; published: string | null; features: string | null }>;
    return rows.map((r) => ({
      storyId: r.story_id,
      articleId: r.id,
      published: r.published,
      features: r.features ? JSON.parse(r.features) : null,
    }));
  }

  async saveReport(storyId: string, articleIds: string[], report: StoryReport, at: string): Promise<number> {
    return retryBusy(() =>
      this.db
        .transaction(() => {
          const cur = this.prep('SELECT MAX(version) AS v FROM story_reports WHERE story_id = ?').get(storyId) as {
            v: number | null;
          };
          const version = (cur.v ?? 0) + 1;
          this.prep('INSERT INTO story_reports (story_id, version, created_at, article_ids, report) VALUES (?, ?, ?, ?, ?)').run(
            storyId,
            version,
            at,
            JSON.stringify(articleIds),
            JSON.stringify({ ...report, version }),
          );
          this.markCurrent(storyId, articleIds);
          return version;
        })
        .immediate(),
    );
  }

  /** Inside a write transaction: clears the stale flag when `articleIds` are the story's articles now. */
  private markCurrent(storyId: string, articleIds: string[]): boolean {
    const now = (
      this.prep('SELECT id FROM articles WHERE story_id = ? ORDER BY ingested_at, id').all(storyId) as Array<{ id: string }>
    ).map((r) => r.id);
    const same = now.length === articleIds.length && now.every((id, i) => id === articleIds[i]);
    this.prep('UPDATE stories SET report_current = ? WHERE id = ?').run(same ? 1 : 0, storyId);
    return same;
  }

  async markReportCurrent(storyId: string, articleIds: string[]): Promise<boolean> {
    return retryBusy(() => this.db.transaction(() => this.markCurrent(storyId, articleIds)).immediate());
  }

  async listStaleStories(limit: number): Promise<string[]> {
    const rows = this.prep(
      `SELECT s.id FROM stories s WHERE (s.report_current = 0 OR s.title = '')
           AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id) ORDER BY s.updated_at, s.id LIMIT ?`,
    ).all(limit) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async mergeStory(
    fromId: string,
    intoId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    at: string,
  ): Promise<void> {
    const merge = this.db.transaction(() => {
      this.prep('UPDATE articles SET story_id = ? WHERE story_id = ?').run(intoId, fromId);
      this.prep(
        'INSERT OR IGNORE INTO cluster_postings_w (key, week, story_id) SELECT key, week, ? FROM cluster_postings_w WHERE story_id = ?',
      ).run(intoId, fromId);
      this.prep('DELETE FROM cluster_postings_w WHERE story_id = ?').run(fromId);
      this.prep('DELETE FROM story_features WHERE story_id = ?').run(fromId);
      this.prep('UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?').run(intoId, at, fromId, fromId);
      this.prep('UPDATE story_features SET features = ?, first_pub = ?, last_pub = ?, updated_at = ? WHERE story_id = ?').run(
        JSON.stringify(features),
        range.first,
        range.last,
        at,
        intoId,
      );
      this.prep('UPDATE stories SET updated_at = ? WHERE id = ?').run(at, intoId);
    });
    await retryBusy(() => merge.immediate());
  }

  async resolveStory(id: string): Promise<string | null> {
    const r = this.prep('SELECT id, merged_into FROM stories WHERE id = ?').get(id) as
      { id: string; merged_into: string | null } | undefined;
    return r ? (r.merged_into ?? r.id) : null;
  }

  async countStories(): Promise<number> {
    return (this.prep('SELECT COUNT(*) AS n FROM stories WHERE merged_into IS NULL').get() as { n: number }).n;
  }

  async opsStats(): Promise<OpsStats> {
    const one = (sql: string) => (this.prep(sql).get() as { n: number }).n;
    const stages = this.prep(
      "SELECT stage, COUNT(*) AS count, COALESCE(SUM(ms), 0) AS sumMs FROM stage_status WHERE status = 'ok' GROUP BY stage ORDER BY stage",
    ).all() as Array<{ stage: string; count: number; sumMs: number }>;
    return {
      articles: one('SELECT COUNT(*) AS n FROM articles'),
      stories: one('SELECT COUNT(*) AS n FROM stories WHERE merged_into IS NULL'),
      staleStories: one(
        "SELECT COUNT(*) AS n FROM stories s WHERE (s.report_current = 0 OR s.title = '') AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
      ),
      reportVersions: one('SELECT COUNT(*) AS n FROM story_reports'),
      stages,
    };
  }

  async getReport(storyId: string, version?: number): Promise<ReportVersion | null> {
    const r = (
      version === undefined
        ? this.prep('SELECT * FROM story_reports WHERE story_id = ? ORDER BY version DESC LIMIT 1').get(storyId)
        : this.prep('SELECT * FROM story_reports WHERE story_id = ? AND version = ?').get(storyId, version)
    ) as { story_id: string; version: number; created_at: string; article_ids: string; report: string } | undefined;
    if (!r) return null;
    return {
      storyId: r.story_id,
      version: r.version,
      createdAt: r.created_at,
      articleIds: JSON.parse(r.article_ids) as string[],
      report: JSON.parse(r.report) as StoryReport,
    };
  }

  async listReportVersions(storyId: string): Promise<Array<Omit<ReportVersion, 'report'>>> {
    const rows = this.prep('SELECT story_id, version, created_at, article_ids FROM story_reports WHERE story_id = ? ORDER BY version').all(
      storyId,
    ) as Array<{ story_id: string; version: number; created_at: string; article_ids: string }>;
    return rows.map((r) => ({
      storyId: r.story_id,
      version: r.version,
      createdAt: r.created_at,
      articleIds: JSON.parse(r.article_ids) as string[],
    }));
  }

  async getTranslation(sourceHash: string, provider: string, target: string): Promise<CachedTranslation | null> {
    const r = this.prep(
      'SELECT source_language, title, text, created_at FROM translations WHERE source_hash = ? AND provider = ? AND target = ?',
    ).get(sourceHash, provider, target) as { source_language: string; title: string | null; text: string; created_at: string } | undefined;
    return r
      ? { sourceHash, provider, target, sourceLanguage: r.source_language, title: r.title, text: r.text, createdAt: r.created_at }
      : null;
  }

  async saveTranslation(t: CachedTranslation): Promise<void> {
    const sql = `INSERT INTO translations (source_hash, provider, target, source_language, title, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`;
    await retryBusy(() => this.prep(sql).run(t.sourceHash, t.provider, t.target, t.sourceLanguage, t.title, t.text, t.createdAt));
  }

  async recordStage(s: StageStatus): Promise<void> {
    this.prep(
      `INSERT INTO stage_status (article_id, stage, status, error, ms, at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (article_id, stage) DO UPDATE SET status = excluded.status, error = excluded.error, ms = excluded.ms, at = excluded.at`,
    ).run(s.articleId, s.stage, s.status, s.error, s.ms, s.at);
  }

  async listStages(articleId: string): Promise<StageStatus[]> {
    const rows = this.prep('SELECT article_id, stage, status, error, ms, at FROM stage_status WHERE article_id = ? ORDER BY at, stage').all(
      articleId,
    ) as Array<{
      article_id: string;
      stage: string;
      status: StageStatus['status'];
      error: string | null;
      ms: number | null;
      at: string;
    }>;
    return rows.map((r) => ({ articleId: r.article_id, stage: r.stage, status: r.status, error: r.error, ms: r.ms, at: r.at }));
  }

  async searchArticles(q: string, limit: number): Promise<Article[]> {
    const fq = ftsQuery(q);
    if (!fq) return [];
    const rows = this.prep(
      `SELECT ${ARTICLE_COLS.split(', ')
        .map((c) => 'a.' + c)
        .join(', ')} FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
         WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`,
    ).all(fq, Math.min(limit, 1000)) as ArticleRow[];
    return rows.map(toArticle);
  }

  async listSources(): Promise<SourceRecord[]> {
    const rows = this.prep('SELECT * FROM sources ORDER BY id').all() as Array<{
      id: string;
      name: string;
      homepage: string | null;
      country: string | null;
      languages: string;
      feeds: string;
      ownership: string | null;
      origin: SourceRecord['origin'];
      enabled: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      homepage: r.homepage,
      country: r.country,
      languages: JSON.parse(r.languages) as string[],
      feeds: JSON.parse(r.feeds) as string[],
      ownership: r.ownership,
      origin: r.origin,
      enabled: r.enabled === 1,
    }));
  }

  async upsertSource(s: SourceRecord): Promise<void> {
    this.prep(
      `INSERT INTO sources (id, name, homepage, country, languages, feeds, ownership, origin, enabled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, homepage = excluded.homepage, country = excluded.country,
           languages = excluded.languages, feeds = excluded.feeds, ownership = excluded.ownership, origin = excluded.origin,
           enabled = excluded.enabled`,
    ).run(
      s.id,
      s.name,
      s.homepage,
      s.country,
      JSON.stringify(s.languages),
      JSON.stringify(s.feeds),
      s.ownership,
      s.origin,
      s.enabled ? 1 : 0,
    );
  }

  async removeSource(id: string): Promise<boolean> {
    return this.prep('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
  }

  async getFeedState(feedUrl: string): Promise<FeedState | null> {
    const r = this.prep('SELECT * FROM feed_state WHERE feed_url = ?').get(feedUrl) as FeedStateRow | undefined;
    return r ? toFeedState(r) : null;
  }

  async reserveHostSlot(host: string, intervalMs: number, nowMs: number): Promise<number> {
    const r = this.prep(
      `INSERT INTO host_slots (host, next_at) VALUES (@host, @now + @iv)
         ON CONFLICT (host) DO UPDATE SET next_at = max(host_slots.next_at, @now) + @iv
         RETURNING next_at - @iv AS start`,
    ).get({ host, now: Math.round(nowMs), iv: Math.round(intervalMs) }) as { start: number };
    return r.start;
  }

  async getFeedStates(feedUrls: readonly string[]): Promise<Map<string, FeedState>> {
    const out = new Map<string, FeedState>();
    const urls = [...new Set(feedUrls)];
    for (let i = 0; i < urls.length; i += FEED_STATE_BATCH) {
      const batch = urls.slice(i, i + FEED_STATE_BATCH);
      const rows = this.prep(`SELECT * FROM feed_state WHERE feed_url IN (${batch.map(() => '?').join(', ')})`).all(
        ...batch,
      ) as FeedStateRow[];
      for (const r of rows) out.set(r.feed_url, toFeedState(r));
    }
    return out;
  }

  async saveFeedState(s: FeedState): Promise<void> {
    this.prep(
      `INSERT INTO feed_state (feed_url, etag, last_modified, last_polled, last_ok, error_count, last_error, next_poll)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           last_polled = excluded.last_polled, last_ok = excluded.last_ok, error_count = excluded.error_count,
           last_error = excluded.last_error, next_poll = excluded.next_poll`,
    ).run(s.feedUrl, s.etag, s.lastModified, s.lastPolled, s.lastOk, s.errorCount, s.lastError, s.nextPoll);
  }

  async hasSeenUrl(url: string): Promise<boolean> {
    return this.prep('SELECT 1 FROM seen_urls WHERE url = ?').get(url) !== undefined;
  }

  async markSeenUrl(url: string, articleId: string | null, at: string): Promise<void> {
    this.prep('INSERT INTO seen_urls (url, article_id, at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING').run(url, articleId, at);
  }

  async enqueueJob(kind: string, payload: unknown, opts: { key?: string | null; runAt: string }): Promise<boolean> {
    const r = this.prep(
      `INSERT INTO jobs (kind, key, payload, status, run_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)
         ON CONFLICT DO NOTHING`,
    ).run(kind, opts.key ?? null, JSON.stringify(payload ?? null), opts.runAt, opts.runAt, opts.runAt);
    return r.changes > 0;
  }

  async claimJob(worker: string, kinds: string[], leaseMs: number, now: string): Promise<Job | null> {
    if (kinds.length === 0) return null;
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    const ph = kinds.map(() => '?').join(',');
    return retryBusy(() =>
      this.db
        .transaction(() => {
          const row = this.prep(
            `SELECT id, kind, key, payload, attempts FROM jobs
           WHERE kind IN (${ph}) AND ((status = 'pending' AND run_at <= ?) OR (status = 'running' AND locked_until < ?))
           ORDER BY run_at, id LIMIT 1`,
          ).get(...kinds, now, now) as { id: number; kind: string; key: string | null; payload: string; attempts: number } | undefined;
          if (!row) return null;
          this.prep(
            `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
          ).run(worker, until, now, row.id);
          return { id: row.id, kind: row.kind, key: row.key, payload: JSON.parse(row.payload) as unknown, attempts: row.attempts + 1 };
        })
        .immediate(),
    );
  }

  async extendJobLease(id: number, worker: string, until: string): Promise<boolean> {
    const r = await retryBusy(() =>
      this.prep(`UPDATE jobs SET locked_until = ? WHERE id = ? AND status = 'running' AND locked_by = ?`).run(until, id, worker),
    );
    return r.changes > 0;
  }

  async completeJob(id: number, now: string): Promise<void> {
    this.prep(`UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, error = NULL, updated_at = ? WHERE id = ?`).run(
      now,
      id,
    );
  }

  async failJob(id: number, error: string, retryAt: string | null, now: string): Promise<void> {
    await retryBusy(() => this.db.transaction(() => this.failJobNow(id, error, retryAt, now)).immediate());
  }

  private failJobNow(id: number, error: string, retryAt: string | null, now: string): void {
    // A retry is dropped (done) when another pending job with the same key will do the same work.
    const superseded =
      retryAt !== null &&
      this.prep(
        `SELECT 1 FROM jobs j, jobs me WHERE me.id = ? AND me.key IS NOT NULL AND j.key = me.key AND j.status = 'pending' AND j.id <> me.id`,
      ).get(id) !== undefined;
    const status = superseded ? 'done' : retryAt ? 'pending' : 'failed';
    this.prep(
      `UPDATE jobs SET status = ?, run_at = COALESCE(?, run_at), error = ?, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ?`,
    ).run(status, superseded ? null : retryAt, error, now, id);
  }

  async queueStats(): Promise<QueueStats> {
    const rows = this.prep('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as Array<{ status: string; n: number }>;
    const st: QueueStats = { pending: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) if (r.status in st) st[r.status as keyof QueueStats] = r.n;
    return st;
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // In this process, one after the other; across processes sharing the file, through process_locks.
    return inTurn(this.locks, name, () => this.withProcessLock(name, fn));
  }

  private async withProcessLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    await this.acquireProcessLock(name);
    const renew = setInterval(() => {
      try {
        this.prep('UPDATE process_locks SET until = ? WHERE name = ? AND owner = ?').run(
          Date.now() + PROCESS_LOCK_MS,
          name,
          this.lockOwner,
        );
      } catch {
        /* busy: the next renewal tries again, well within the lease */
      }
    }, PROCESS_LOCK_MS / 3);
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      if (this.db.open)
        await retryBusy(() => this.prep('DELETE FROM process_locks WHERE name = ? AND owner = ?').run(name, this.lockOwner));
    }
  }

  private async acquireProcessLock(name: string): Promise<void> {
    const take = this.prep(
      `INSERT INTO process_locks (name, owner, pid, until) VALUES (@name, @owner, @pid, @until)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, until = excluded.until
       WHERE process_locks.until < @now OR process_locks.owner = excluded.owner`,
    );
    for (let i = 0; ; i++) {
      const now = Date.now();
      const got = await retryBusy(
        () => take.run({ name, owner: this.lockOwner, pid: process.pid, until: now + PROCESS_LOCK_MS, now }).changes > 0,
      );
      if (got) return;
      const holder = this.prep('SELECT owner, pid FROM process_locks WHERE name = ?').get(name) as
        { owner: string; pid: number } | undefined;
      // A holder that died (kill -9) never releases: its lock is taken over at once rather than after the lease.
      if (holder && holder.pid !== process.pid && !pidAlive(holder.pid)) {
        await retryBusy(() => this.prep('DELETE FROM process_locks WHERE name = ? AND owner = ?').run(name, holder.owner));
        continue;
      }
      await sleep(Math.min(50, 1 + i));
    }
  }

  // clustering and near-duplicate indexes

  async getTermStats(terms: string[]): Promise<ClusterTermStats> {
    const rows = this.prep('SELECT term, df FROM cluster_df WHERE term IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(['', ...terms]),
    ) as Array<{ term: string; df: number }>;
    const df: Record<string, number> = {};
    let docs = 0;
    for (const r of rows) {
      if (r.term === '') docs = r.df;
      else df[r.term] = r.df;
    }
    return { docs, df };
  }

  async addTermStats(terms: string[]): Promise<void> {
    this.prep(
      `INSERT INTO cluster_df (term, df) SELECT value, 1 FROM (SELECT DISTINCT value FROM json_each(?))
         WHERE true ON CONFLICT (term) DO UPDATE SET df = df + 1`,
    ).run(JSON.stringify(['', ...terms.filter((t) => t !== '')]));
  }

  async findStoryCandidates(keys: string[], window: { from: string; to: string } | null, limit: number): Promise<StoryClusterState[]> {
    const rows = this.prep(
      `SELECT p.story_id AS story_id, COUNT(DISTINCT p.key) AS hits, f.features AS features
         FROM cluster_postings_w p JOIN story_features f ON f.story_id = p.story_id
         WHERE p.key IN (SELECT value FROM json_each(?)) AND (? IS NULL OR p.week IN (SELECT value FROM json_each(?)))
           AND (? IS NULL OR f.first_pub IS NULL OR f.last_pub IS NULL OR (f.last_pub >= ? AND f.first_pub <= ?))
         GROUP BY p.story_id ORDER BY hits DESC, p.story_id LIMIT ?`,
    ).all(
      JSON.stringify(keys),
      window ? 1 : null,
      JSON.stringify(window ? windowWeeks(window) : []),
      window?.from ?? null,
      window?.from ?? null,
      window?.to ?? null,
      limit,
    ) as Array<{
      story_id: string;
      features: string;
    }>;
    return rows.map((r) => ({ storyId: r.story_id, features: JSON.parse(r.features) as unknown }));
  }

  async saveStoryFeatures(
    storyId: string,
    features: unknown,
    range: { first: string | null; last: string | null },
    keys: string[],
    at: string,
  ): Promise<void> {
    const save = this.db.transaction(() => {
      this.prep(
        `INSERT INTO story_features (story_id, features, first_pub, last_pub, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (story_id) DO UPDATE SET features = excluded.features, first_pub = excluded.first_pub,
             last_pub = excluded.last_pub, updated_at = excluded.updated_at`,
      ).run(storyId, JSON.stringify(features), range.first, range.last, at);
      this.prep('INSERT OR IGNORE INTO cluster_postings_w (key, week, story_id) SELECT DISTINCT value, ?, ? FROM json_each(?)').run(
        postingWeek(range.last),
        storyId,
        JSON.stringify(keys),
      );
    });
    await retryBusy(() => save.immediate());
  }

  async findDedupeCandidates(bands: string[], limit: number): Promise<Array<{ id: string; features: unknown }>> {
    const rows = this.prep(
      `SELECT a.id, a.features FROM (
           SELECT article_id, COUNT(*) AS hits FROM dedupe_bands WHERE band IN (SELECT value FROM json_each(?))
           GROUP BY article_id ORDER BY hits DESC, article_id LIMIT ?) b
         JOIN articles a ON a.id = b.article_id ORDER BY b.hits DESC, a.id`,
    ).all(JSON.stringify(bands), limit) as Array<{ id: string; features: string | null }>;
    return rows.map((r) => ({ id: r.id, features: r.features ? (JSON.parse(r.features) as unknown) : null }));
  }

  async markDuplicate(articleId: string, duplicateOf: string): Promise<void> {
    await retryBusy(() => this.prep('UPDATE articles SET duplicate_of = ? WHERE id = ?').run(duplicateOf, articleId));
  }

  async addDedupeBands(articleId: string, bands: string[]): Promise<void> {
    this.prep('INSERT OR IGNORE INTO dedupe_bands (band, article_id) SELECT DISTINCT value, ? FROM json_each(?)').run(
      articleId,
      JSON.stringify(bands),
    );
  }
}

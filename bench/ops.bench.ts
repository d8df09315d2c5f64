/**
 * Self-repair cost when nothing is wrong: the stale-flag query against the baseline a store without the flag
 * needs (every story's articles and latest report read and compared), on a SQLite store of STORIES stories
 * of three articles each, every report current; then with 1 % of the stories stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { StoryReport } from '../src/report.ts';

const STORIES = Number(process.env.BENCH_STORIES ?? 3000);

function report(id: string, ids: string[]): StoryReport {
  const articles = ids.map((a) => ({ id: a, ref: a, title: null, outlet: null, country: null, language: null, published: null }));
  return {
    id,
    title: `Story ${id}`,
    articles,
    overview: [],
    agreements: [],
    exclusives: [],
    discrepancies: [],
    framing: [],
    timeline: [],
    quotes: [],
    entities: [],
    countries: [],
  };
}

async function fill(store: SqliteStore): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  for (let s = 0; s < STORIES; s++) {
    const sid = `s${s}`;
    await store.createStory(sid, '', at);
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) {
      const id = `a${s}_${k}`;
      const text = `Article ${id} of story ${sid}. `.repeat(40);
      await store.insertArticle({
        id,
        ref: id,
        url: null,
        title: id,
        byline: null,
        published: null,
        language: 'en',
        outlet: null,
        country: null,
        siteName: null,
        text,
        blocks: [],
        raw: text,
        rawKind: 'text',
        rawHash: `r${id}`,
        contentHash: `c${id}`,
        duplicateOf: null,
        features: null,
      });
      await store.assignArticle(id, sid, at);
      ids.push(id);
    }
    await store.saveReport(sid, ids, report(sid, ids), at);
    await store.setStoryTitle(sid, `Story ${sid}`, at);
  }
}

/** What finding stale stories costs without the flag: every story's members against its latest report. */
async function scanBaseline(store: SqliteStore): Promise<number> {
  let stale = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listStories({ limit: 1000, offset });
    if (page.length === 0) break;
    for (const s of page) {
      const r = await store.getReport(s.id);
      if (!r || !s.title || r.articleIds.join() !== s.articleIds.join()) stale++;
    }
  }
  return stale;
}

async function time<T>(fn: () => Promise<T>, reps: number): Promise<{ ms: number; value: T }> {
  let value!: T;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) value = await fn();
  return { ms: (performance.now() - t0) / reps, value };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-ops-bench-'));
  const store = new SqliteStore(join(dir, 'b.db'));
  try {
    await store.migrate();
    await fill(store);
    const flag = await time(() => store.listStaleStories(500), 20);
    const scan = await time(() => scanBaseline(store), 2);
    console.log(
      `${STORIES} stories, all current: stale-flag query ${flag.ms.toFixed(2)} ms (found ${flag.value.length}); full scan ${scan.ms.toFixed(0)} ms (found ${scan.value}); ratio ${(scan.ms / flag.ms).toFixed(0)}x`,
    );
    for (let s = 0; s < STORIES; s += 100) {
      const id = `x${s}`;
      await store.insertArticle({
        id,
        ref: id,
        url: null,
        title: id,
        byline: null,
        published: null,
        language: 'en',
        outlet: null,
        country: null,
        siteName: null,
        text: id,
        blocks: [],
        raw: id,
        rawKind: 'text',
        rawHash: `r${id}`,
        contentHash: `c${id}`,
        duplicateOf: null,
        features: null,
      });
      await store.assignArticle(id, `s${s}`, '2026-01-02T00:00:00.000Z');
    }
    const flag2 = await time(() => store.listStaleStories(500), 20);
    const scan2 = await time(() => scanBaseline(store), 2);
    console.log(
      `1 % stale: stale-flag query ${flag2.ms.toFixed(2)} ms (found ${flag2.value.length}); full scan ${scan2.ms.toFixed(0)} ms (found ${scan2.value}); ratio ${(scan2.ms / flag2.ms).toFixed(0)}x`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The store contract suite: the same tests against SQLite and PostgreSQL.
 * PostgreSQL runs when PARALLAX_TEST_DATABASE_URL is set (.ci/run sets it),
 * each run in a fresh schema dropped afterwards.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NewArticle, Store } from '../src/store/types.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import type { StoryReport } from '../src/report.ts';
import { tempDir } from './helpers.ts';

function article(id: string, over: Partial<NewArticle> = {}): NewArticle {
  const text = over.text ?? `Body of article ${id}. The river rose to 5.3 meters in Pôrto Alegre.`;
  return {
    id,
    ref: `/tmp/${id}.txt`,
    url: null,
    title: `Title ${id}`,
    byline: null,
    published: '2025-10-31',
    language: 'en',
    outlet: 'Example Daily',
    country: 'BR',
    siteName: null,
    text,
    blocks: [{ kind: 'paragraph', text }],
    raw: text,
    rawKind: 'text',
    rawHash: `raw-${id}`,
    contentHash: `content-${id}`,
    duplicateOf: null,
    features: { cluster: { terms: { river: 1 } } },
    ...over,
  };
}

function report(id: string, articleIds: string[], title = 'A story'): StoryReport {
  return {
    id,
    title,
    articles: articleIds.map((a) => ({ id: a, ref: a, title: null, outlet: null, country: null, language: null, published: null })),
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

function contract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await open());
      await store.migrate();
      await store.migrate(); // idempotent
    });
    after(async () => {
      await cleanup();
    });

    test('articles round-trip and are found by either hash', async () => {
      await store.insertArticle(article('a1'));
      const got = await store.getArticle('a1');
      assert.ok(got);
      assert.equal(got.title, 'Title a1');
      assert.equal(got.country, 'BR');
      assert.deepEqual(got.blocks, [{ kind: 'paragraph', text: got.text }]);
      assert.equal(got.storyId, null);
      assert.equal((await store.findArticleByHash('content-a1', 'nope'))?.id, 'a1');
      assert.equal((await store.findArticleByHash('nope', 'raw-a1'))?.id, 'a1');
      assert.equal(await store.findArticleByHash('nope', 'nope'), null);
      assert.equal(await store.getArticle('missing'), null);
      // Idempotent: another process storing the same article meanwhile is not an error, and nothing is doubled.
      assert.equal(await store.insertArticle(article('a1-dup', { contentHash: 'content-a1' })), false);
      assert.equal(await store.insertArticle(article('a1', { contentHash: 'other', rawHash: 'other' })), false);
      assert.equal(await store.countArticles(), 1);
    });

    test('stories: create, assign, list newest first, unassigned recovery', async () => {
      await store.insertArticle(article('a2'));
      await store.insertArticle(article('a3', { country: 'AR', outlet: 'Other Post' }));
      const un = await store.listUnassignedArticles(10);
      assert.deepEqual(un.map((u) => u.id).sort(), ['a1', 'a2', 'a3']);
      await store.createStory('s1', '', '2025-11-01T00:00:00.000Z');
      await store.createStory('s2', '', '2025-11-01T00:00:01.000Z');
      await store.assignArticle('a1', 's1', '2025-11-01T00:00:02.000Z');
      await store.assignArticle('a2', 's1', '2025-11-01T00:00:03.000Z');
      await store.assignArticle('a3', 's2', '2025-11-01T00:00:04.000Z');
      assert.deepEqual(await store.listUnassignedArticles(10), []);
      const s1 = await store.getStory('s1');
      assert.deepEqual(s1?.articleIds, ['a1', 'a2']);
      const list = await store.listStories();
      assert.deepEqual(
        list.map((s) => s.id),
        ['s2', 's1'],
      );
      assert.deepEqual(
        (await store.listStories({ country: 'ar' })).map((s) => s.id),
        ['s2'],
      );
      assert.deepEqual(
        (await store.listStories({ outlet: 'Example Daily' })).map((s) => s.id),
        ['s1'],
      );
      assert.deepEqual(
        (await store.listStories({ limit: 1, offset: 1 })).map((s) => s.id),
        ['s1'],
      );
      const cands = await store.listClusterCandidates(null, 10);
      assert.equal(cands.length, 3);
      assert.deepEqual(cands.find((c) => c.articleId === 'a3')?.features, { cluster: { terms: { river: 1 } } });
      assert.deepEqual(
        (await store.listArticles({ storyId: 's1' })).map((a) => a.id),
        ['a1', 'a2'],
      );
    });

    test('full-text search folds case and accents', async () => {
      await store.setStoryTitle('s2', 'Floods in Porto Alegre', '2025-11-01T00:00:05.000Z');
      assert.deepEqual((await store.searchArticles('porto alegre', 10)).map((a) => a.id).sort(), ['a1', 'a2', 'a3']);
      assert.deepEqual(
        (await store.listStories({ q: 'FLOODS' })).map((s) => s.id),
        ['s2'],
      );
      assert.deepEqual(await store.listStories({ q: '"; DROP TABLE stories; --' }), []);
      assert.deepEqual(await store.searchArticles('zzzunfound', 10), []);
    });

    test('reports are versioned and earlier versions kept', async () => {
      const v1 = await store.saveReport('s1', ['a1'], report('s1', ['a1'], 'First'), '2025-11-01T01:00:00.000Z');
      const v2 = await store.saveReport('s1', ['a1', 'a2'], report('s1', ['a1', 'a2'], 'Second'), '2025-11-01T02:00:00.000Z');
      assert.deepEqual([v1, v2], [1, 2]);
      assert.equal((await store.getReport('s1'))?.report.title, 'Second');
      assert.equal((await store.getReport('s1', 1))?.report.title, 'First');
      assert.deepEqual((await store.getReport('s1', 2))?.articleIds, ['a1', 'a2']);
      assert.equal(await store.getReport('s1', 9), null);
      assert.deepEqual(
        (await store.listReportVersions('s1')).map((v) => v.version),
        [1, 2],
      );
    });

    test('stale stories: flagged when their articles change, cleared by a covering report; empty titles are stale', async () => {
      const at = '2025-11-01T03:00:00.000Z';
      // s1: its latest report covers a1, a2 but its title was never set; s2: a title and no report.
      assert.deepEqual((await store.listStaleStories(10)).sort(), ['s1', 's2']);
      await store.setStoryTitle('s1', 'Second', at);
      assert.deepEqual(await store.listStaleStories(10), ['s2']);
      await store.saveReport('s2', ['a3'], report('s2', ['a3']), at);
      assert.deepEqual(await store.listStaleStories(10), []);
      await store.insertArticle(article('a4'));
      await store.assignArticle('a4', 's2', at);
      assert.deepEqual(await store.listStaleStories(10), ['s2'], 'an article joined: the report no longer covers the story');
      await store.saveReport('s2', ['a3'], report('s2', ['a3']), at);
      assert.deepEqual(await store.listStaleStories(10), ['s2'], 'a report built before the article joined does not clear it');
      assert.equal(await store.markReportCurrent('s2', ['a4', 'a3']), false);
      assert.equal(await store.markReportCurrent('s2', ['a3', 'a4']), true);
      assert.deepEqual(await store.listStaleStories(10), []);
      await store.createStory('s3', '', at);
      await store.createStory('s3', '', at); // idempotent
      assert.deepEqual(await store.listStaleStories(10), [], 'a story without articles has nothing to report');
      assert.equal(await store.countStories(), 3);
      const ops = await store.opsStats();
      assert.deepEqual([ops.articles, ops.stories, ops.staleStories, ops.reportVersions], [4, 3, 0, 4]);
      assert.deepEqual(await store.pendingMigrations(), []);
    });

    test('stage status is recorded per article and stage, last write wins', async () => {
      await store.recordStage({ articleId: 'a1', stage: 'extract', status: 'failed', error: 'x', ms: 1, at: '2025-11-01T00:00:00.000Z' });
      await store.recordStage({ articleId: 'a1', stage: 'extract', status: 'ok', error: null, ms: 2, at: '2025-11-01T00:00:01.000Z' });
      await store.recordStage({ articleId: 'a1', stage: 'cluster', status: 'ok', error: null, ms: 3, at: '2025-11-01T00:00:02.000Z' });
      const st = await store.listStages('a1');
      assert.deepEqual(
        st.map((s) => [s.stage, s.status]),
        [
          ['extract', 'ok'],
          ['cluster', 'ok'],
        ],
      );
    });

    test('sources, feed state and seen URLs', async () => {
      await store.upsertSource({
        id: 'example.org',
        name: 'Example',
        homepage: 'https://example.org/',
        country: 'UA',
        languages: ['uk', 'en'],
        feeds: ['https://example.org/rss'],
        ownership: 'private',
        origin: 'user',
        enabled: true,
      });
      await store.upsertSource({
        id: 'example.org',
        name: 'Example News',
        homepage: null,
        country: 'UA',
        languages: ['uk'],
        feeds: [],
        ownership: null,
        origin: 'user',
        enabled: false,
      });
      const src = await store.listSources();
      assert.equal(src.length, 1);
      assert.equal(src[0].name, 'Example News');
      assert.equal(src[0].enabled, false);
      assert.deepEqual(src[0].languages, ['uk']);
      assert.equal(await store.removeSource('example.org'), true);
      assert.equal(await store.removeSource('example.org'), false);

      assert.equal(await store.getFeedState('https://example.org/rss'), null);
      const fs = {
        feedUrl: 'https://example.org/rss',
        etag: '"abc"',
        lastModified: 'Fri, 31 Oct 2025 10:00:00 GMT',
        lastPolled: '2025-11-01T00:00:00.000Z',
        lastOk: null,
        errorCount: 2,
        lastError: 'fetch/http-404',
        nextPoll: '2025-11-01T01:00:00.000Z',
      };
      await store.saveFeedState(fs);
      await store.saveFeedState({ ...fs, errorCount: 3 });
      assert.deepEqual(await store.getFeedState(fs.feedUrl), { ...fs, errorCount: 3 });
      // Shared per-host fetch starts: each booking at least the interval after the previous one, never in the past.
      assert.equal(await store.reserveHostSlot('news.example', 500, 1_000_000), 1_000_000);
      assert.equal(await store.reserveHostSlot('news.example', 500, 1_000_100), 1_000_500);
      assert.equal(await store.reserveHostSlot('other.example', 500, 1_000_100), 1_000_100);
      assert.equal(await store.reserveHostSlot('news.example', 500, 9_000_000), 9_000_000);
      const together = await Promise.all([0, 1, 2, 3].map(() => store.reserveHostSlot('busy.example', 250, 2_000_000)));
      assert.deepEqual(
        together.sort((x, y) => x - y),
        [2_000_000, 2_000_250, 2_000_500, 2_000_750],
      );
      // Many at once, in batches: 1,200 asked, two known, duplicates and unknown URLs ignored.
      await store.saveFeedState({ ...fs, feedUrl: 'https://example.org/atom', errorCount: 0, lastError: null });
      const asked = [
        fs.feedUrl,
        'https://example.org/atom',
        fs.feedUrl,
        ...Array.from({ length: 1200 }, (_, i) => `https://none.example/${i}`),
      ];
      const many = await store.getFeedStates(asked);
      assert.deepEqual([...many.keys()].sort(), ['https://example.org/atom', fs.feedUrl]);
      assert.deepEqual(many.get(fs.feedUrl), { ...fs, errorCount: 3 });
      assert.equal(many.get('https://example.org/atom')?.errorCount, 0);
      assert.equal((await store.getFeedStates([])).size, 0);

      assert.equal(await store.hasSeenUrl('https://example.org/a'), false);
      await store.markSeenUrl('https://example.org/a', 'a1', '2025-11-01T00:00:00.000Z');
      await store.markSeenUrl('https://example.org/a', 'a2', '2025-11-01T00:00:01.000Z');
      assert.equal(await store.hasSeenUrl('https://example.org/a'), true);
    });

    test('work queue: keys dedupe pending jobs, claims are exclusive, leases expire, retries', async () => {
      const t0 = '2025-11-01T00:00:00.000Z';
      assert.equal(await store.enqueueJob('report', { storyId: 's1' }, { key: 'report:s1', runAt: t0 }), true);
      assert.equal(await store.enqueueJob('report', { storyId: 's1' }, { key: 'report:s1', runAt: t0 }), false);
      assert.equal(await store.enqueueJob('ingest', { ref: 'x' }, { runAt: '2025-11-01T00:00:10.000Z' }), true);
      const [c1, c2] = await Promise.all([
        store.claimJob('w1', ['report', 'ingest'], 60000, '2025-11-01T00:00:01.000Z'),
        store.claimJob('w2', ['report', 'ingest'], 60000, '2025-11-01T00:00:01.000Z'),
      ]);
      const claimed = [c1, c2].filter((j) => j !== null);
      assert.equal(claimed.length, 1, 'the ingest job is not due yet, so only one job can be claimed');
      const job = claimed[0]!;
      assert.equal(job.kind, 'report');
      assert.deepEqual(job.payload, { storyId: 's1' });
      assert.equal(job.attempts, 1);
      // While it runs, the same key can be queued again (new work arrived).
      assert.equal(await store.enqueueJob('report', { storyId: 's1' }, { key: 'report:s1', runAt: t0 }), true);
      // The lease expires: another worker takes the running job over.
      const taken = await store.claimJob('w3', ['report'], 60000, '2025-11-01T00:05:00.000Z');
      assert.ok(taken);
      // Heartbeats: only the worker holding the job extends its lease.
      assert.equal(await store.extendJobLease(taken.id, 'w3', '2025-11-01T00:07:00.000Z'), true);
      assert.equal(await store.extendJobLease(taken.id, 'w1', '2025-11-01T00:07:00.000Z'), false);
      await store.failJob(job.id, 'boom', '2025-11-01T00:06:00.000Z', '2025-11-01T00:05:01.000Z');
      await store.completeJob(taken.id, '2025-11-01T00:05:02.000Z');
      const ing = await store.claimJob('w1', ['ingest'], 60000, '2025-11-01T00:00:11.000Z');
      assert.deepEqual(ing?.payload, { ref: 'x' });
      await store.failJob(ing!.id, 'fetch/http-404', null, '2025-11-01T00:00:12.000Z');
      const st = await store.queueStats();
      assert.equal(st.failed, 1);
      assert.equal(st.running, 0);
      assert.equal(st.pending + st.done, 2);
      assert.equal(await store.claimJob('w1', [], 1000, t0), null);
    });

    test('withLock serializes critical sections', async () => {
      const order: string[] = [];
      const section = (name: string) =>
        store.withLock('cluster', async () => {
          order.push(`${name}:in`);
          await new Promise((r) => setTimeout(r, 20));
          order.push(`${name}:out`);
        });
      await Promise.all([section('a'), section('b'), section('c')]);
      for (let i = 0; i < order.length; i += 2) assert.equal(order[i].split(':')[0], order[i + 1].split(':')[0], order.join(' '));
      await assert.rejects(
        store.withLock('cluster', async () => {
          throw new Error('inside');
        }),
        /inside/,
      );
      assert.equal(await store.withLock('cluster', async () => 7), 7);
    });
    test("an outlet's recent plain-text raws, newest first; the section label round-trips", async () => {
      await store.insertArticle(
        article('o1', { outlet: 'Harbour Post', raw: 'raw one', rawHash: 'r-o1', contentHash: 'c-o1', section: 'World' }),
      );
      await new Promise((r) => setTimeout(r, 5));
      await store.insertArticle(
        article('o2', { outlet: 'Harbour Post', raw: '<p>html page</p>', rawKind: 'html', rawHash: 'r-o2', contentHash: 'c-o2' }),
      );
      await new Promise((r) => setTimeout(r, 5));
      await store.insertArticle(article('o3', { outlet: 'Harbour Post', raw: 'raw three', rawHash: 'r-o3', contentHash: 'c-o3' }));
      await store.insertArticle(article('o4', { outlet: 'Other Outlet', raw: 'raw four', rawHash: 'r-o4', contentHash: 'c-o4' }));
      assert.deepEqual(await store.listOutletRawTexts('Harbour Post', 10), ['raw three', 'raw one']);
      assert.deepEqual(await store.listOutletRawTexts('Harbour Post', 1), ['raw three']);
      assert.deepEqual(await store.listOutletRawTexts('Nobody', 10), []);
      await store.insertArticle(article('o5', { outlet: 'Long Post', raw: 'x'.repeat(150_000), rawHash: 'r-o5', contentHash: 'c-o5' }));
      assert.equal((await store.listOutletRawTexts('Long Post', 10))[0].length, 100_000);
      assert.equal((await store.getArticle('o1'))?.section, 'World');
      assert.equal((await store.getArticle('o3'))?.section, null);
    });

    test('stories merge: articles and postings move, the old id resolves to the survivor, listings hide it, its reports stay', async () => {
      const at = '2025-11-02T00:00:00.000Z';
      for (const [id, arts] of [
        ['m1', ['ma1', 'ma2']],
        ['m2', ['ma3']],
        ['m3', ['ma4']],
      ] as const) {
        await store.createStory(id, `Story ${id}`, at);
        for (const a of arts) {
          await store.insertArticle(article(a, { rawHash: `r-${a}`, contentHash: `c-${a}` }));
          await store.assignArticle(a, id, at);
        }
        await store.saveStoryFeatures!(id, { n: arts.length }, { first: '2025-10-31', last: '2025-10-31' }, [`key-${id}`], at);
        await store.saveReport(id, [...arts], report(id, [...arts], `Report ${id}`), at);
      }
      const before = await store.countStories();
      await store.mergeStory('m2', 'm1', { n: 3 }, { first: '2025-10-30', last: '2025-10-31' }, at);
      assert.equal(await store.resolveStory('m2'), 'm1');
      assert.equal(await store.resolveStory('m1'), 'm1');
      assert.equal(await store.resolveStory('no-such-story'), null);
      assert.deepEqual((await store.getStory('m1'))?.articleIds.sort(), ['ma1', 'ma2', 'ma3']);
      const listed = (await store.listStories({ limit: 1000 })).map((x) => x.id);
      assert.ok(listed.includes('m1') && !listed.includes('m2'), 'the merged-away story is not listed');
      assert.equal(await store.countStories(), before - 1);
      assert.equal((await store.getReport('m2'))?.report.title, 'Report m2', 'history is not rewritten');
      const cands = await store.findStoryCandidates!(['key-m2'], null, 10);
      assert.deepEqual(
        cands.map((c) => c.storyId),
        ['m1'],
        'the postings moved to the survivor',
      );
      assert.deepEqual(cands[0].features, { n: 3 });
      // A chain: m1 merged into m3 later; m2 resolves to m3 too.
      await store.mergeStory('m1', 'm3', { n: 4 }, { first: '2025-10-30', last: '2025-10-31' }, at);
      assert.equal(await store.resolveStory('m2'), 'm3');
      assert.equal(await store.resolveStory('m1'), 'm3');
      assert.equal((await store.getStory('m3'))?.articleIds.length, 4);
    });
  });
}

contract('sqlite', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'contract.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      cleanup();
    },
  };
});

test("sqlite: withLock holds across two stores on one file, and a dead holder's lock is taken over", async () => {
  const { dir, cleanup } = tempDir();
  const a = new SqliteStore(join(dir, 'two.db'));
  const b = new SqliteStore(join(dir, 'two.db'));
  try {
    await Promise.all([a.migrate(), b.migrate()]);
    const order: string[] = [];
    const section = (s: Store, name: string) =>
      s.withLock('cluster', async () => {
        order.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 15));
        order.push(`${name}:out`);
      });
    await Promise.all([section(a, 'a1'), section(b, 'b1'), section(a, 'a2'), section(b, 'b2')]);
    for (let i = 0; i < order.length; i += 2) assert.equal(order[i].split(':')[0], order[i + 1].split(':')[0], order.join(' '));
    // A process killed while holding the lock (a pid that is not running) does not block the others.
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(join(dir, 'two.db'));
    raw
      .prepare('INSERT INTO process_locks (name, owner, pid, until) VALUES (?, ?, ?, ?)')
      .run('cluster', 'dead', 2 ** 22 + 7, Date.now() + 60_000);
    raw.close();
    const t0 = Date.now();
    assert.equal(await b.withLock('cluster', async () => 'ran'), 'ran');
    assert.ok(Date.now() - t0 < 2000);
  } finally {
    await a.close();
    await b.close();
    cleanup();
  }
});

const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;
if (pgUrl) {
  contract('postgres', async () => {
    const schema = 't_' + randomBytes(6).toString('hex');
    const store = new PostgresStore(pgUrl, { schema, maxConnections: 4 });
    return {
      store,
      cleanup: async () => {
        await store.dropSchema();
        await store.close();
      },
    };
  });
} else {
  test('store contract: postgres', { skip: 'PARALLAX_TEST_DATABASE_URL is unset (set it to a postgres:// URL to run)' }, () => {});
}

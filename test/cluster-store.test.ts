/** The store's clustering and near-duplicate indexes (SQLite): what the pipeline relies on, for porting to other stores. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import type { Store } from '../src/store/types.ts';
import { tempDir } from './helpers.ts';

/** Every method used here is optional in the Store contract; these stores implement them all. */
type IndexedStore = Store &
  Required<
    Pick<
      Store,
      | 'getTermStats'
      | 'addTermStats'
      | 'findStoryCandidates'
      | 'saveStoryFeatures'
      | 'listStoryMembers'
      | 'findDedupeCandidates'
      | 'addDedupeBands'
    >
  >;

const factories: Array<[string, () => Promise<{ store: IndexedStore; cleanup: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const { dir, cleanup } = tempDir();
      const store = new SqliteStore(join(dir, 'p.db'));
      return { store, cleanup: async () => (await store.close(), cleanup()) };
    },
  ],
];
const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;
if (pgUrl) {
  factories.push([
    'postgres',
    async () => {
      const store = new PostgresStore(pgUrl, { schema: 't_' + randomBytes(6).toString('hex'), maxConnections: 2 });
      return { store, cleanup: async () => (await store.dropSchema(), await store.close()) };
    },
  ]);
}

for (const [name, make] of factories) {
  const withStore = async (fn: (s: IndexedStore) => Promise<void>): Promise<void> => {
    const { store, cleanup } = await make();
    try {
      await store.migrate();
      await fn(store);
    } finally {
      await cleanup();
    }
  };

  test(`${name}: term stats count each term once per article, and the number of articles`, () =>
    withStore(async (s) => {
      assert.deepEqual(await s.getTermStats(['quake']), { docs: 0, df: {} });
      await s.addTermStats(['quake', 'nepal', 'quake']);
      await s.addTermStats(['quake', 'n:japan']);
      assert.deepEqual(await s.getTermStats(['quake', 'nepal', 'n:japan', 'absent']), {
        docs: 2,
        df: { quake: 2, nepal: 1, 'n:japan': 1 },
      });
    }));

  test(`${name}: story candidates: by shared keys (most first), within the date window, undated stories always`, () =>
    withStore(async (s) => {
      const at = '2026-04-20T00:00:00Z';
      for (const id of ['s1', 's2', 's3', 's4']) await s.createStory(id, '', at);
      await s.saveStoryFeatures('s1', { tag: 1 }, { first: '2026-04-14', last: '2026-04-15' }, ['jajarkot', 'n:nepal', '#6.1'], at);
      await s.saveStoryFeatures('s2', { tag: 2 }, { first: '2026-04-16', last: '2026-04-16' }, ['n:nepal'], at);
      await s.saveStoryFeatures('s3', { tag: 3 }, { first: null, last: null }, ['#6.1'], at);
      await s.saveStoryFeatures('s4', { tag: 4 }, { first: '2026-01-01', last: '2026-01-02' }, ['jajarkot', 'n:nepal', '#6.1'], at);
      const all = await s.findStoryCandidates(['jajarkot', 'n:nepal', '#6.1'], null, 10);
      assert.deepEqual(
        all.map((c) => c.storyId),
        ['s1', 's4', 's2', 's3'],
      );
      assert.deepEqual(all[0].features, { tag: 1 });
      const april = await s.findStoryCandidates(['jajarkot', 'n:nepal', '#6.1'], { from: '2026-04-13', to: '2026-04-17' }, 10);
      assert.deepEqual(
        april.map((c) => c.storyId),
        ['s1', 's2', 's3'],
      );
      assert.deepEqual(
        (await s.findStoryCandidates(['jajarkot', 'n:nepal'], null, 1)).map((c) => c.storyId),
        ['s1'],
      );
      // Saving again replaces the features and range and adds keys.
      await s.saveStoryFeatures('s2', { tag: 22 }, { first: '2026-03-01', last: '2026-03-01' }, ['kathmandu'], at);
      const again = await s.findStoryCandidates(['kathmandu', 'n:nepal'], { from: '2026-02-27', to: '2026-03-03' }, 10);
      assert.deepEqual(again, [{ storyId: 's2', features: { tag: 22 } }]);
    }));

  test(`${name}: dedupe bands: articles sharing the most bands come first`, () =>
    withStore(async (s) => {
      const base = {
        ref: 'r',
        url: null,
        title: null,
        byline: null,
        published: null,
        language: 'en',
        outlet: null,
        country: null,
        siteName: null,
        blocks: [],
        rawKind: 'text' as const,
        duplicateOf: null,
      };
      for (const [id, n] of [
        ['a1', 1],
        ['a2', 2],
      ] as const) {
        await s.insertArticle({ ...base, id, text: id, raw: id, rawHash: id, contentHash: id, features: { n } });
      }
      await s.addDedupeBands('a1', ['0:x', '1:y']);
      await s.addDedupeBands('a2', ['0:x', '1:z', '2:w']);
      assert.deepEqual(await s.findDedupeCandidates(['0:x', '1:z'], 10), [
        { id: 'a2', features: { n: 2 } },
        { id: 'a1', features: { n: 1 } },
      ]);
      assert.deepEqual(
        (await s.findDedupeCandidates(['0:x', '1:z'], 1)).map((r) => r.id),
        ['a2'],
      );
      assert.deepEqual(await s.findDedupeCandidates(['9:none'], 10), []);
    }));

  test(`${name}: a story's members in ingest order, with their dates, copies and features; other stories' not`, () =>
    withStore(async (s) => {
      const at = '2026-04-20T00:00:00Z';
      const base = {
        ref: 'r',
        url: null,
        title: null,
        byline: null,
        language: 'en',
        outlet: null,
        country: null,
        siteName: null,
        blocks: [],
        rawKind: 'text' as const,
      };
      const rows = [
        ['m1', '2026-04-14', null],
        ['m2', null, 'm1'],
        ['m3', '2026-04-15', null],
        ['x1', '2026-04-15', null],
      ] as const;
      for (const [id, published, duplicateOf] of rows) {
        await s.insertArticle({
          ...base,
          id,
          published,
          duplicateOf,
          text: id,
          raw: id,
          rawHash: id,
          contentHash: id,
          features: { cluster: { id } },
        });
      }
      await s.createStory('s1', '', at);
      await s.createStory('s2', '', at);
      for (const id of ['m1', 'm2', 'm3']) await s.assignArticle(id, 's1', at);
      await s.assignArticle('x1', 's2', at);
      assert.deepEqual(await s.listStoryMembers('s1', 10), [
        { articleId: 'm1', published: '2026-04-14', duplicateOf: null, features: { cluster: { id: 'm1' } } },
        { articleId: 'm2', published: null, duplicateOf: 'm1', features: { cluster: { id: 'm2' } } },
        { articleId: 'm3', published: '2026-04-15', duplicateOf: null, features: { cluster: { id: 'm3' } } },
      ]);
      assert.deepEqual(
        (await s.listStoryMembers('s1', 2)).map((r) => r.articleId),
        ['m1', 'm2'],
      );
      assert.deepEqual(await s.listStoryMembers('none', 10), []);
    }));
}

test('postings by week: a date falls in one week bucket, a window touches the weeks it spans and the undated bucket', async () => {
  const { postingWeek, windowWeeks } = await import('../src/store/rows.ts');
  assert.equal(postingWeek(null), 'u');
  assert.equal(postingWeek('not a date'), 'u');
  assert.equal(postingWeek('1970-01-01'), '0');
  assert.equal(postingWeek('1970-01-08'), '1');
  assert.equal(postingWeek('2026-04-14T05:00:00Z'), postingWeek('2026-04-14'));
  const w = windowWeeks({ from: '2026-04-01', to: '2026-04-29' });
  assert.deepEqual(w, ['u', ...Array.from({ length: w.length - 1 }, (_, i) => String(Number(postingWeek('2026-04-01')) + i))]);
  assert.ok(w.includes(postingWeek('2026-04-14')) && !w.includes(postingWeek('2026-05-20')));
});

/**
 * A story that has drifted into two events splits: the part that is clearly apart leaves as a story of its own,
 * the largest part keeps the story's id; a story of loosely related reports of one event stays whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { splitStory, type SplitMember } from '../src/cluster/index.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ingestAll, ingestInput, type PipelineDeps } from '../src/pipeline/ingest.ts';
import { splitDrifted } from '../src/pipeline/split.ts';
import { silentLogger } from '../src/util/log.ts';
import { tempDir } from './helpers.ts';

const unit = (v: Record<string, number>) => {
  const n = Math.hypot(...Object.values(v));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / n]));
};
const m = (id: string, v: Record<string, number>, published = '2026-03-10'): SplitMember => ({ id, vec: unit(v), published, lang: 'en' });

test('two events in one story: the part apart leaves, the largest part keeps the id', () => {
  const quake = { quake: 2, nepal: 2, 'n:jajarkot': 2, '#157': 1 };
  const strike = { strike: 2, port: 2, 'n:hamburg': 2, union: 1 };
  const members = [
    m('a1', { ...quake, rescue: 1 }),
    m('b1', { ...strike, ship: 1 }),
    m('a2', { ...quake, toll: 1 }),
    m('b2', { ...strike, wage: 1 }),
    m('a3', { ...quake, tent: 1 }),
  ];
  const parts = splitStory(members);
  assert.ok(parts);
  assert.deepEqual(
    parts.map((p) => p.map((x) => x.id)),
    [
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ],
  );
});

test('one event told loosely (every pair weakly alike), a lone outlier, or a small story: no split', () => {
  // Five reports sharing a few words each, none sharing all: one event written independently.
  const loose = ['a b c x1', 'b c d x2', 'c d e x3', 'd e a x4', 'e a b x5'].map((w, i) =>
    m(`l${i}`, Object.fromEntries(w.split(' ').map((k) => [k, 1]))),
  );
  assert.equal(splitStory(loose), null);
  // One article unlike the rest stays: a part must have at least two members to leave.
  const base = { quake: 2, nepal: 2, 'n:jajarkot': 2 };
  const outlier = [m('a1', { ...base, x: 1 }), m('a2', { ...base, y: 1 }), m('a3', { ...base, z: 1 }), m('o', { strike: 1, port: 1 })];
  assert.equal(splitStory(outlier), null);
  assert.equal(splitStory(outlier.slice(0, 3)), null, 'three members: no two parts of two');
  // Off: splitThreshold 0.
  const two = [m('a1', base), m('a2', base), m('b1', { strike: 1 }), m('b2', { strike: 1 })];
  assert.ok(splitStory(two));
  assert.equal(splitStory(two, { splitThreshold: 0 }), null);
});

test('two events a week apart with the same words: time tells them apart', () => {
  const words = { flood: 2, river: 2, 'n:ebro': 2, rain: 1 };
  const members = [m('a1', words, '2026-03-01'), m('a2', words, '2026-03-01'), m('b1', words, '2026-03-13'), m('b2', words, '2026-03-13')];
  const parts = splitStory(members);
  assert.deepEqual(
    parts?.map((p) => p.map((x) => x.id)),
    [
      ['a1', 'a2'],
      ['b1', 'b2'],
    ],
  );
});

const QUAKE = [
  'A magnitude 6.4 earthquake struck Jajarkot district in western Nepal late on Friday, killing at least 157 people, officials said. Rescuers dug through collapsed mud-brick homes in Jajarkot and Rukum West.',
  'Rescue teams in Nepal searched for survivors on Saturday after the 6.4 earthquake in Jajarkot killed 157 people, the deadliest quake since 2015. Prime Minister Pushpa Kamal Dahal flew to Jajarkot.',
];
const STRIKE = [
  "Dock workers at the port of Hamburg walked out on Monday in a 48-hour strike called by the Verdi union over wages, halting container ships at Germany's largest port.",
  'Container terminals in Hamburg stood still as the Verdi strike over pay entered its second day; the union demands a raise of 3 euros an hour for 12,000 port workers.',
];

test('in the store: a drifted story splits, articles and index follow, and the next ingest builds both reports', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  try {
    await store.migrate();
    const deps: PipelineDeps = { store, clock: () => new Date('2026-03-10T12:00:00Z'), logger: silentLogger, translators: null };
    const ids: string[] = [];
    for (const [i, text] of [...QUAKE, ...STRIKE].entries()) {
      const out = await ingestInput(
        { ref: `t${i}.txt`, kind: 'text', body: text, hints: { id: `art${i}`, title: null, published: '2026-03-10T08:00:00Z' } },
        deps,
      );
      assert.equal(out.status, 'added');
      ids.push(out.status === 'added' ? out.articleId : '');
    }
    const quakeStory = (await store.getArticle(ids[0]))!.storyId!;
    assert.notEqual((await store.getArticle(ids[2]))!.storyId, quakeStory, 'the premise: two stories');
    // A story that went wrong: the strike reports filed under the quake's story (as a chain of weak joins can).
    for (const id of ids.slice(2)) await store.assignArticle(id, quakeStory, '2026-03-10T12:00:00Z');
    const made = await splitDrifted(quakeStory, 4, deps, '2026-03-10T12:00:00Z');
    assert.equal(made.length, 1);
    assert.deepEqual([(await store.getArticle(ids[0]))!.storyId, (await store.getArticle(ids[1]))!.storyId], [quakeStory, quakeStory]);
    assert.deepEqual([(await store.getArticle(ids[2]))!.storyId, (await store.getArticle(ids[3]))!.storyId], [made[0], made[0]]);
    // The new story is in the index: a third strike report finds it.
    const third = await ingestInput(
      {
        ref: 't4.txt',
        kind: 'text',
        body: 'The Verdi strike at the port of Hamburg ended on Wednesday after the union agreed a raise for the 12,000 dock workers.',
        hints: { id: 'art4', title: null, published: '2026-03-10T18:00:00Z' },
      },
      deps,
    );
    assert.equal(third.status === 'added' && third.storyId, made[0]);
    // An ingest builds the reports the split left stale.
    await ingestAll([], deps);
    assert.deepEqual(await store.listStaleStories(10), []);
    assert.ok((await store.getReport(made[0]))?.report.articles?.length);
  } finally {
    await store.close();
    cleanup();
  }
});

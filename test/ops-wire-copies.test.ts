/**
 * Two writers on one SQLite file, each ingesting a wire copy of one report at the same moment: each looks for
 * near-duplicates before the other's copy is stored, so neither sees the other there. Under the cluster lock the
 * second to cluster finds the first's copy, joins its story and is recorded as its copy (never both ways).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from './helpers.ts';
import { ingestInput, type PipelineDeps } from '../src/pipeline/ingest.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { silentLogger } from '../src/util/log.ts';

const WIRE =
  'The central bank of Norway raised its policy rate by a quarter point to 4.75 percent on Thursday, its highest level since 2008, ' +
  'and said it expected to keep it there for some time as inflation stayed well above its target. Governor Ida Wolden Bache told ' +
  'reporters in Oslo that the krone had weakened more than forecast, pushing up the price of imported goods, and that wage growth ' +
  'of around 5.5 percent this year added to the pressure. Economists polled before the decision had been split between a hike and ' +
  'a pause. The bank lowered its forecast for mainland growth next year to 0.5 percent from 0.9 percent and said unemployment would ' +
  'rise slowly from its low level. Housing prices fell for a third month in Oslo and Bergen, estate agents said on Wednesday.';

const COPIES = [
  { outlet: 'Harbour Times', body: `Norway raises rates to 4.75 percent\n\nOSLO (Wire) - ${WIRE}\n` },
  { outlet: 'Fjord Daily', body: `Norges Bank lifts rate to highest since 2008\n\n${WIRE} Reporting by the wire service.\n` },
];

/** A writer whose first near-duplicate lookup returns only once both writers have made theirs. */
function racingWriter(store: SqliteStore, bothLooked: Promise<void>, looked: () => void): Store {
  let first = true;
  return Object.assign(Object.create(store) as Store, {
    async findDedupeCandidates(bands: string[], limit: number) {
      const found = await store.findDedupeCandidates(bands, limit);
      if (first) {
        first = false;
        looked();
        await bothLooked;
      }
      return found;
    },
  });
}

test('two writers, two wire copies of one report at once: one story, one recorded as the other copy', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'p.db');
  const stores = [new SqliteStore(file), new SqliteStore(file)];
  try {
    for (const s of stores) await s.migrate();
    let count = 0;
    let release!: () => void;
    const bothLooked = new Promise<void>((r) => (release = r));
    const looked = () => {
      if (++count === 2) release();
    };
    const outs = await Promise.all(
      COPIES.map((c, i) => {
        const deps: PipelineDeps = {
          store: racingWriter(stores[i], bothLooked, looked),
          clock: () => new Date('2026-03-12T15:00:00Z'),
          logger: silentLogger,
          translators: null,
        };
        const hints = { id: `wire${i}`, title: null, outlet: c.outlet, published: '2026-03-12T09:00:00Z' };
        return ingestInput({ ref: `wire${i}.txt`, kind: 'text', body: c.body, hints }, deps);
      }),
    );
    assert.deepEqual(
      outs.map((o) => o.status),
      ['added', 'added'],
    );
    const [a, b] = await Promise.all(['wire0', 'wire1'].map((id) => stores[0].getArticle(id)));
    assert.ok(a?.storyId && b?.storyId);
    assert.equal(a.storyId, b.storyId, 'one story');
    const marks = [a.duplicateOf, b.duplicateOf].sort();
    assert.ok(
      (a.duplicateOf === 'wire1' && b.duplicateOf === null) || (b.duplicateOf === 'wire0' && a.duplicateOf === null),
      `one copy of the other, once: ${String(marks)}`,
    );
    assert.equal(await stores[0].countStories(), 1);
  } finally {
    for (const s of stores) await s.close();
    cleanup();
  }
});

test('one writer: a wire copy ingested after its original is recorded as its copy before clustering', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  try {
    await store.migrate();
    const deps: PipelineDeps = { store, clock: () => new Date('2026-03-12T15:00:00Z'), logger: silentLogger, translators: null };
    for (const [i, c] of COPIES.entries()) {
      const hints = { id: `wire${i}`, title: null, outlet: c.outlet, published: '2026-03-12T09:00:00Z' };
      assert.equal((await ingestInput({ ref: `wire${i}.txt`, kind: 'text', body: c.body, hints }, deps)).status, 'added');
    }
    assert.equal((await store.getArticle('wire0'))?.duplicateOf, null);
    assert.equal((await store.getArticle('wire1'))?.duplicateOf, 'wire0');
  } finally {
    await store.close();
    cleanup();
  }
});

/**
 * The story list is answered from memory for a moment under load (serve/api/routes.ts, LIST_TTL_MS), but an article
 * ingested through the API shows in the list at once, and different queries never share a cached page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from './helpers.ts';
import { createApp } from '../src/serve/http.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';

const TOKEN = 'correct-horse-battery';
const TEXTS = [
  'Lviv bridge to reopen after repairs\n\nOfficials in Lviv said on Monday that the Shevchenko bridge would reopen to traffic next week after four months of repairs. The city council said the work cost 42 million hryvnias.',
  'Odesa harvest starts early\n\nFarmers in the Odesa region began the grain harvest early this year because of a dry and unusually warm June. The regional administration expects a smaller yield.',
];

test('an article ingested through the API shows in the story list at once; each query has its own page', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const app = createApp({
    store,
    config: loadConfig({ PARALLAX_TOKEN: TOKEN }),
    logger: silentLogger,
    clock: () => new Date(),
    registry: null,
    llm: null,
    extractPool: null,
  });
  const list = async (q = '') =>
    ((await (await app.request(`/api/stories${q}`)).json()) as { stories: Array<{ id: string }>; limit: number }).stories.map((s) => s.id);
  const ingest = async (text: string) =>
    (await (
      await app.request('/api/ingest', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      })
    ).json()) as { storyId: string };
  try {
    assert.deepEqual(await list(), []);
    const a = await ingest(TEXTS[0]);
    assert.deepEqual(await list(), [a.storyId]);
    const b = await ingest(TEXTS[1]);
    assert.deepEqual(new Set(await list()), new Set([a.storyId, b.storyId]));
    assert.equal((await list('?limit=1')).length, 1, 'another query, another page');
    assert.equal(((await (await app.request('/api/stories?limit=1')).json()) as { limit: number }).limit, 1);
    assert.equal((await app.request('/api/stories?from=2024-02-30')).status, 400, 'a bad query is refused, never served from memory');
  } finally {
    await store.close();
    cleanup();
  }
});

/**
 * Fetched pages go through worker threads when the pipeline has an HTML pool:
 * a normal page is ingested as in-process, a pathological one fails with a
 * typed code and the process (and the rest of the batch) carries on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ingestAll } from '../src/pipeline/ingest.ts';
import { createHtmlExtractPool } from '../src/extract/worker.ts';
import { silentLogger } from '../src/util/log.ts';
import type { InputItem } from '../src/fetch/files.ts';
import { tempDir } from './helpers.ts';

const PAGE = `<!doctype html><html lang="en"><head><title>Rail strike halts trains in Lisbon | Tagus Post</title>
<meta property="og:site_name" content="Tagus Post"><meta property="article:published_time" content="2025-03-04T09:00:00Z"></head>
<body><nav><a href="/">Home</a><a href="/europe">Europe</a></nav><article><h1>Rail strike halts trains in Lisbon</h1>
<p>Commuter trains in and around Lisbon stopped running on Tuesday as rail workers began a 24-hour strike over pay, the operator CP said.</p>
<p>Unions are asking for a 6 percent raise, while the company has offered 3.5 percent, according to a statement from the workers' committee.</p>
<p>Long queues formed at bus stops in Sintra and Cascais, and the city council extended the hours of its bike-sharing scheme for the day.</p>
</article><footer>© Tagus Post</footer></body></html>`;

test('HTML inputs are extracted in worker threads; a pathological page fails alone', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  const pool = createHtmlExtractPool({ size: 1, timeoutMs: 10000 });
  try {
    await store.migrate();
    const deep = '<div>'.repeat(200000) + 'deep' + '</div>'.repeat(200000);
    const items: InputItem[] = [
      {
        ok: true,
        input: {
          ref: 'https://tagus.example/deep',
          kind: 'html',
          body: `<html><body>${deep}</body></html>`,
          hints: { url: 'https://tagus.example/deep' },
        },
      },
      {
        ok: true,
        input: {
          ref: 'https://tagus.example/strike',
          kind: 'html',
          body: PAGE,
          hints: { url: 'https://tagus.example/strike', outlet: 'Tagus Post', country: 'PT' },
        },
      },
    ];
    const s = await ingestAll(items, { store, clock: () => new Date('2025-03-05T00:00:00Z'), logger: silentLogger, htmlPool: pool });
    assert.equal(s.added, 1);
    assert.equal(s.failed.length, 1);
    assert.equal(s.failed[0].ref, 'https://tagus.example/deep');
    assert.match(s.failed[0].code, /^extract\//);
    const a = await store.getArticle(s.articleIds[0]);
    assert.ok(a);
    assert.match(a.text, /24-hour strike over pay/);
    assert.doesNotMatch(a.text, /© Tagus Post/);
    assert.equal(a.published?.slice(0, 10), '2025-03-04');
    assert.equal(a.country, 'PT');
  } finally {
    await pool.close();
    await store.close();
    cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';
import { ArticleFull } from '../src/serve/api/schemas.ts';

test('ingest is idempotent and lists one story for two articles about one event', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    writeFileSync(
      join(dir, 'a.txt'),
      'Flood hits Porto Alegre as Guaiba river rises\n\nThe Guaiba river in Porto Alegre rose to a record 5.3 meters on Sunday, flooding the city centre and forcing thousands of residents from their homes, Brazilian officials said.\n',
    );
    writeFileSync(
      join(dir, 'b.txt'),
      'Record flood in Porto Alegre\n\nFloodwaters from the Guaiba river swamped the centre of Porto Alegre on Sunday after the river reached 5.3 meters, officials in Rio Grande do Sul said, and thousands of residents left their homes.\n',
    );
    const first = await runCli(['ingest', dir, '--db', db, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { added: 2, duplicates: 0, failed: [], stories: 1 });
    const again = await runCli(['ingest', dir, '--db', db, '--json']);
    assert.equal(JSON.parse(again.stdout).added, 0);
    assert.equal(JSON.parse(again.stdout).duplicates, 2);
    const stories = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout);
    assert.equal(stories.length, 1);
    assert.equal(stories[0].articles.length, 2);
    // article --json: the contract's fields (../shared/contracts/cli.md), in the shape the API returns for one article.
    const art = JSON.parse((await runCli(['article', stories[0].articles[0].id, '--db', db, '--json'])).stdout) as Record<string, unknown>;
    for (const k of ['id', 'ref', 'title', 'byline', 'published', 'language', 'outlet', 'country', 'storyId', 'text'])
      assert.ok(k in art, k);
    assert.equal(art.storyId, stories[0].id);
    assert.match(String(art.text), /Guaiba river/);
    assert.ok(ArticleFull.safeParse(art).success, JSON.stringify(ArticleFull.safeParse(art).error?.issues));
  } finally {
    cleanup();
  }
});

test('bad usage exits 2, unknown story exits 1 with a clear line', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const r = await runCli(['story', 'nope', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /story nope: no such story/);
  } finally {
    cleanup();
  }
});

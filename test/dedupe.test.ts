/** dedupe/: wire copies and light edits are duplicates; unrelated texts and same-topic rewrites are not; LSH finds copies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedupeFeatures, findDuplicate, lshBands, resemblance } from '../src/dedupe/index.ts';

const WIRE =
  'The central bank of Kenya cut its benchmark lending rate by 50 basis points to 8.5 percent on Tuesday, the third ' +
  'reduction this year, saying inflation had eased to 4.4 percent in January and that private sector credit growth ' +
  'remained weak. The monetary policy committee said the decision would support lending to small businesses and ' +
  'households, and that it would keep watching the shilling and global oil prices. Analysts polled before the meeting ' +
  'had expected a smaller cut of 25 basis points. The shilling was little changed against the dollar after the ' +
  'announcement, trading at 129 in Nairobi, while government bond yields fell slightly across the curve.';

// The same wire story reprinted with a new first line, a changed word and a dropped last sentence.
const REPRINT =
  'NAIROBI (Agency) - ' +
  WIRE.replace('on Tuesday', 'on Tuesday afternoon').replace(
    ' The shilling was little changed against the dollar after the announcement, trading at 129 in Nairobi, while government bond yields fell slightly across the curve.',
    '',
  );

// The same event written independently.
const REWRITE =
  'Kenyan policymakers lowered borrowing costs again on Tuesday. The rate now stands at 8.5 percent after a half-point ' +
  'cut, as price growth slowed to 4.4 percent. Economists had forecast a quarter-point move. Business groups welcomed ' +
  'the decision, saying firms had struggled to get loans, while the currency held steady near 129 per dollar.';

const UNRELATED =
  'Firefighters in southern Spain brought a forest fire near Ronda under control on Sunday after it burned more than ' +
  '2,000 hectares of pine and forced the evacuation of three villages, regional emergency services said. Nobody was hurt.';

test('a reprint with light edits is a duplicate; an independent rewrite and an unrelated text are not', () => {
  const w = dedupeFeatures(WIRE);
  assert.ok(resemblance(w, dedupeFeatures(REPRINT)) >= 0.7, 'reprint resemblance');
  assert.ok(resemblance(w, dedupeFeatures(REWRITE)) < 0.2, 'rewrite resemblance');
  assert.equal(resemblance(w, dedupeFeatures(UNRELATED)), 0);
  assert.equal(resemblance(w, dedupeFeatures(WIRE.toUpperCase())), 1, 'case does not matter');
  const cands = [
    { id: 'rewrite', dedupe: dedupeFeatures(REWRITE) },
    { id: 'wire', dedupe: w },
    { id: 'fire', dedupe: dedupeFeatures(UNRELATED) },
  ];
  assert.equal(findDuplicate(dedupeFeatures(REPRINT), cands), 'wire');
  assert.equal(findDuplicate(dedupeFeatures(UNRELATED + ' A second fire broke out near Malaga.'), cands.slice(0, 2)), null);
});

test('LSH bands: a copy shares a band with its original, an unrelated text shares none', () => {
  const w = new Set(lshBands(dedupeFeatures(WIRE)));
  assert.equal(w.size, 16);
  assert.ok(lshBands(dedupeFeatures(REPRINT)).some((b) => w.has(b)));
  assert.ok(!lshBands(dedupeFeatures(UNRELATED)).some((b) => w.has(b)));
  assert.deepEqual(lshBands(dedupeFeatures('')), []);
});

test('through the pipeline, a wire copy is stored with duplicateOf and joins the original story, even reprinted days later', async () => {
  const { runCli, tempDir } = await import('./helpers.ts');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const f = join(dir, 'in.jsonl');
    const rec = (id: string, text: string, published: string) => JSON.stringify({ id, title: null, text, published, outlet: id });
    writeFileSync(
      f,
      [rec('orig', WIRE, '2026-02-10'), rec('fire', UNRELATED, '2026-02-10'), rec('copy', REPRINT, '2026-02-20')].join('\n') + '\n',
    );
    const ing = await runCli(['ingest', f, '--db', db, '--json']);
    assert.equal(ing.code, 0, ing.stderr);
    const { openStore } = await import('../src/store/index.ts');
    const store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
    try {
      const copy = await store.getArticle('copy');
      const orig = await store.getArticle('orig');
      const fire = await store.getArticle('fire');
      assert.equal(copy?.duplicateOf, 'orig');
      assert.equal(fire?.duplicateOf, null);
      assert.equal(copy?.storyId, orig?.storyId);
      assert.notEqual(fire?.storyId, orig?.storyId);
    } finally {
      await store.close();
    }
  } finally {
    cleanup();
  }
});

/**
 * A story rebuilt with the analysis cache of earlier builds (an article joins, one leaves) gives exactly the report a
 * fresh build gives. The fixture (test/fixtures/incremental) is one ferry collision told by six outlets, one a wire
 * copy; the joining article changes what the story writes in lower case ("investigators") and the story's reference
 * day, both of which kept per-article results depend on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { createAnalysisCache, type AnalysisCache } from '../src/analyze/cache.ts';
import { synthesizeStory } from '../src/synthesize/index.ts';

const articles = JSON.parse(readFileSync(new URL('./fixtures/incremental/articles.json', import.meta.url), 'utf8')) as AnalysisArticle[];
const now = new Date('2026-03-12T12:00:00Z');
const byId = (ids: string[]) => ids.map((id) => articles.find((a) => a.id === id)!);

function build(arts: AnalysisArticle[], cache?: AnalysisCache) {
  const analysis = analyzeStory(arts, { now, cache });
  return { analysis, synthesis: synthesizeStory(arts, analysis, { cache }) };
}

test('articles joining a story: the build with the cache equals a fresh build', () => {
  const cache = createAnalysisCache();
  build(byId(['f1', 'f4', 'f5']), cache);
  const all = byId(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
  const incremental = build(all, cache);
  const fresh = build(all);
  assert.deepEqual(incremental, fresh);
  // the joining article writes "investigators" in lower case: the sentence-initial word is no part of the name
  const names = fresh.analysis.entities.map((e) => e.name);
  assert.ok(names.includes('Halvor Berg'), names.join(', '));
  assert.ok(!names.some((n) => n.startsWith('Investigators')), names.join(', '));
  // the differing count of hospital admissions is found either way
  assert.ok(fresh.analysis.discrepancies.some((d) => d.values.some((v) => v.normalized === '6')));
});

test('an article leaving a story and the same story built twice: equal to fresh builds', () => {
  const cache = createAnalysisCache();
  const all = byId(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
  build(all, cache);
  const fewer = byId(['f1', 'f2', 'f4', 'f5', 'f6']);
  assert.deepEqual(build(fewer, cache), build(fewer));
  assert.deepEqual(build(all, cache), build(all));
});

test('a cache past its bound drops entries and stays correct', () => {
  const cache = createAnalysisCache(5);
  const all = byId(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
  build(all, cache);
  assert.ok(cache.size() > 0);
  assert.deepEqual(build(all, cache), build(all));
});

test('the cache keeps one value per kind and key (long keys by digest), the least recently used going first', () => {
  const cache = createAnalysisCache(2);
  const long = articles[0]!.text;
  let calls = 0;
  const f = () => ++calls;
  assert.equal(cache.memo('k', long, f), 1);
  assert.equal(cache.memo('k', long, f), 1, 'same long key: kept');
  assert.equal(cache.memo('k', long + ' ', f), 2, 'a different text is another key');
  assert.equal(cache.memo('other', long, f), 3, 'kinds are apart');
  cache.memo('k', long, f); // most recently used
  cache.memo('k', 'short', f); // third key of kind k: the least recently used (long + ' ') goes
  assert.equal(cache.memo('k', long, f), 1);
  assert.equal(cache.memo('k', long + ' ', f), 5, 'evicted, computed again');
});

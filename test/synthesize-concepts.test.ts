import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSentenceSpace } from '../src/synthesize/sentences.ts';
import { conceptWeights, conceptsOf, selectByConcepts } from '../src/synthesize/concepts.ts';
import type { AnalysisArticle } from '../src/analyze/index.ts';

const art = (id: string, outlet: string, text: string): AnalysisArticle =>
  ({ id, outlet, text, title: null, duplicateOf: null, language: 'en' }) as unknown as AnalysisArticle;

const articles = [
  art(
    'a1',
    'Harbour Post',
    'The city council approved a new flood barrier for the old harbour on Tuesday by a vote of nine to two. ' +
      'The barrier will cost about 40 million euros and should be finished in three years. ' +
      'Residents of the harbour district have asked for better protection since the storm of last winter.',
  ),
  art(
    'a2',
    'Coastal Times',
    'Councillors voted on Tuesday to build a flood barrier for the old harbour, approving the plan nine to two. ' +
      'The mayor called the vote a turning point for the district after years of debate. ' +
      'Construction of the flood barrier for the old harbour is expected to start next spring.',
  ),
  art(
    'a3',
    'Evening Courier',
    'A flood barrier for the old harbour won the approval of the city council on Tuesday. ' +
      'A local fishing cooperative said the barrier could block boats from the northern quay during construction works.',
  ),
];

test('concepts: content bigrams, weighted by the articles that state them', () => {
  assert.deepEqual(conceptsOf('The barrier of the harbour'), ['the barrier', 'barrier of', 'the harbour']);
  const w = conceptWeights(buildSentenceSpace(articles)).weights;
  assert.equal(w.get('flood barrier'), 3);
  assert.equal(w.get('old harbour'), 3);
  assert.equal(w.get('fishing cooperative'), 1);
});

test('selection by concepts: what several outlets state first, no repeat, within the word budget', () => {
  const space = buildSentenceSpace(articles);
  const fns = {
    write: (s: { text: string }) => s.text,
    estimate: (s: { text: string }) => s.text.split(/\s+/).length,
    redundant: () => false,
  };
  const picked = selectByConcepts(space.sents, conceptWeights(space), { budget: 45 }, fns);
  const words = picked.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
  assert.ok(words >= 45 && words <= 45 + 40, `${words} words`);
  // the first pick is a lead about the approved barrier, which every outlet states
  assert.match(picked[0]!.text, /flood barrier/);
  assert.equal(picked[0]!.s.pos, 0);
  // the three leads say the same thing: at most two of them are picked (the second adds the vote count)
  assert.ok(picked.filter((p) => p.s.pos === 0).length <= 2);
  // a budget too small for anything still gives the minimum asked for
  assert.equal(selectByConcepts(space.sents, conceptWeights(space), { budget: 0, min: 2 }, fns).length, 2);
  // a sentence that cannot be written is skipped, not fatal
  const none = selectByConcepts(space.sents, conceptWeights(space), { budget: 100 }, { ...fns, write: () => null });
  assert.deepEqual(none, []);
});

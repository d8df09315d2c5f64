import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStoryPage } from '../src/serve/web.ts';
import type { StoryReport } from '../src/report.ts';

function report(over: Partial<StoryReport>): StoryReport {
  return {
    id: 's_1',
    title: 'Treaty ratified before the flight',
    articles: [
      { id: 'a', ref: 'a.txt', title: null, outlet: 'North Post', country: 'NO', language: 'en', published: '2025-03-10' },
      { id: 'b', ref: 'b.txt', title: null, outlet: 'South Daily', country: 'ZA', language: 'en', published: '2025-03-10' },
    ],
    overview: [],
    agreements: [],
    exclusives: [],
    discrepancies: [],
    framing: [],
    timeline: [],
    quotes: [],
    entities: [],
    countries: [],
    ...over,
  };
}

test('a discrepancy whose values read alike shows their resolved dates; equal ones are not repeated', () => {
  const html = renderStoryPage(
    report({
      discrepancies: [
        {
          about: 'date the treaty was ratified',
          kind: 'date',
          values: [
            { value: 'a day earlier', normalized: '2025-03-07', articles: ['a'], evidence: ['A day earlier, the treaty was ratified.'] },
            {
              value: 'A day earlier',
              normalized: '2025-03-08',
              articles: ['b'],
              evidence: ['A day earlier, parliament ratified the treaty.'],
            },
          ],
        },
        {
          about: 'aircraft model',
          kind: 'designation',
          values: [
            { value: 'A320', normalized: 'a320', articles: ['a'] },
            { value: 'A321', normalized: 'a321', articles: ['b'], likelyError: true },
          ],
        },
      ],
    }),
  );
  assert.match(html, /a day earlier”\s*<span class="muted">\(2025-03-07\)<\/span>/);
  assert.match(html, /A day earlier”\s*<span class="muted">\(2025-03-08\)<\/span>/);
  assert.doesNotMatch(html, /\(a320\)/);
  assert.match(html, /A321”.*likely error/s);
});

test('article text in a discrepancy is escaped', () => {
  const html = renderStoryPage(
    report({
      discrepancies: [
        {
          about: '<img src=x onerror=alert(1)>',
          values: [
            { value: '<b>1</b>', normalized: '<i>', articles: ['a'] },
            { value: '2', articles: ['b'] },
          ],
        },
      ],
    }),
  );
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /<b>1<\/b>/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

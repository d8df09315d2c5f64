/**
 * Bounded work for every input: each extractor (plain text, HTML, datelines, page metadata) is fed 1 MB adversarial
 * inputs (single tokens, repeated punctuation, pathological whitespace, long lines of dots, "@" and hyphens) and must
 * finish each under a time bound. A bound, not a benchmark: a super-linear pattern takes seconds to minutes here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism, loadavg } from 'node:os';
import { extractPlainText, bylineParts } from '../src/extract/plaintext.ts';
import { extractHtml, extractHtmlMeta } from '../src/extract/html.ts';
import { parseDateline } from '../src/extract/dateline.ts';
import { dateFromText, toIsoDate, bylineFromText } from '../src/extract/html/meta.ts';

const NOW = new Date('2026-11-22T00:00:00Z');
const MB = 1_000_000;
/**
 * 1 s on a machine with a core to spare; on an oversubscribed one (a shared CI box) the bound scales with the run
 * queue per core. A super-linear pattern still fails: it takes minutes on a megabyte, seconds on the 64 KB trial.
 */
const BOUND_MS = 1000 * Math.max(1, loadavg()[0] / availableParallelism());

/** A 64 KB trial first: a quadratic pattern already takes seconds there, and the megabyte (minutes) is not run. */
const TRIAL = 64_000;

let size = MB;
const rep = (unit: string): string => unit.repeat(Math.ceil(size / unit.length));

/** Adversarial inputs of `size` characters, by name. */
const INPUTS: Record<string, () => string> = {
  'single token of letters': () => rep('a'),
  'single token of digits': () => rep('7'),
  'letters then one @': () => rep('a') + '@',
  'address characters without @': () => rep('a.b-c+'),
  'repeated "ab@"': () => rep('ab@'),
  'line of dots': () => rep('.'),
  'line of @': () => rep('@'),
  'line of hyphens': () => rep('-'),
  'dotted labels (a domain that never ends)': () => 'www.' + rep('a.') + '!',
  'repeated "[email"': () => rep('[email'),
  'repeated punctuation': () => rep('!?.,;:'),
  'repeated opening brackets and quotes': () => rep('(«"['),
  'spaces between two letters': () => 'a' + rep(' ') + 'b',
  'tabs, spaces and no-break spaces': () => rep(' \t\u00a0') + 'x',
  'blank lines': () => 'Headline here\n' + rep('\n \n') + 'Body text.',
  'one-letter words': () => rep('a '),
  'capitalized words and commas': () => rep('Ab, '),
  'Cyrillic one-letter words': () => rep('в '),
  'digits and hyphens (card-like)': () => rep('1234-'),
  'colon labels': () => rep('Foto: '),
  'lines of dots': () => rep('.'.repeat(200) + '\n'),
  'lines of @ and hyphens': () => rep('@-'.repeat(100) + '\n'),
  ideographs: () => rep('年月日'),
  'angle brackets': () => rep('<a'),
  ampersands: () => rep('&#'),
};

/** Each extractor: how the input is wrapped (not timed) and the call that is timed. */
const EXTRACTORS: Record<string, { wrap?: (s: string) => string; run: (s: string) => unknown }> = {
  'plain text': { run: (s) => extractPlainText(s, { now: NOW }) },
  HTML: {
    wrap: (s) =>
      `<html><head><title>${s.slice(0, 2000)}</title></head><body><article><h1>${s.slice(0, 5000)}</h1><p>${s}</p></article></body></html>`,
    run: (h) => extractHtml(h, { url: null, now: NOW, fallback: false }),
  },
  'raw HTML': { run: (s) => extractHtml(s, { url: null, now: NOW, fallback: false }) },
  'page metadata': {
    wrap: (s) => {
      const json = JSON.stringify({
        '@type': 'NewsArticle',
        headline: s.slice(0, 100_000),
        datePublished: s.slice(0, 10_000),
        author: { name: s.slice(0, 10_000) },
        articleBody: s,
      });
      const attr = s.replace(/"/g, '');
      return `<html><head><meta property="article:published_time" content="${attr}"><meta name="author" content="${attr}"><script type="application/ld+json">${json.replace(/</g, '\\u003c')}</script></head><body><time datetime="x">${s}</time></body></html>`;
    },
    run: (h) => extractHtmlMeta(h, { url: 'https://example.org/' + encodeURIComponent(h.slice(-2000)), now: NOW }),
  },
  dateline: { run: (s) => parseDateline(s, NOW) },
  'byline parts': { run: (s) => bylineParts(s, true) },
  'dates in text': { run: (s) => [dateFromText(s, NOW), toIsoDate(s, NOW)] },
  'byline in text': { run: (s) => bylineFromText([s, s.slice(0, 500)]) },
};

for (const [name, { wrap, run }] of Object.entries(EXTRACTORS)) {
  test(`${name}: every 1 MB adversarial input finishes under ${BOUND_MS.toFixed(0)} ms`, () => {
    const slow: string[] = [];
    for (const [input, make] of Object.entries(INPUTS)) {
      for (const n of [TRIAL, MB]) {
        size = n;
        const s = wrap ? wrap(make()) : make();
        const t0 = performance.now();
        run(s);
        const ms = performance.now() - t0;
        if (process.env.PATHOLOGICAL_VERBOSE) console.log(`${name} | ${input} | ${n} | ${ms.toFixed(0)} ms`);
        if (ms > (n === TRIAL ? BOUND_MS / 4 : BOUND_MS)) {
          slow.push(`${input} (${n} characters): ${ms.toFixed(0)} ms`);
          break;
        }
      }
    }
    assert.deepEqual(slow, []);
  });
}

test('the plain-text extractor still finds an e-mail line and a bracketed address after the linear rewrite', () => {
  const body = 'The harbour authority approved the new ferry terminal on Tuesday after a two-year review of its plans.';
  const r = extractPlainText(
    `${body}\n${body.replace('Tuesday', 'Monday')}\nWrite to us: desk@harbour-post.example\nTips: [email protected]`,
    { now: NOW },
  );
  assert.ok(r.ok);
  const reasons = (r.value.dropped ?? []).map((d) => d.reason);
  assert.equal(reasons.filter((x) => x === 'contact or payment line').length, 2);
  assert.ok(!r.value.text.includes('desk@'));
});

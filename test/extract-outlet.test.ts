/**
 * The per-outlet repetition signal on real streams: lines an outlet repeats across articles of different stories are
 * its furniture, in plain text, JSONL and HTML pages alike; versions of one story (which repeat its body) count once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOutletLine, outletFurnitureLines, storyGroups } from '../src/extract/text/outlet.ts';
import { withoutOutletLines } from '../src/extract/index.ts';
import { lineKey } from '../src/extract/plaintext.ts';
import { runCli, tempDir } from './helpers.ts';

const PROMO = 'Catch every Lakeside Ledger story on the go, wherever you are';
const STORIES = [
  [
    'Council votes to extend tram line to the airport',
    'The city council voted 31 to 14 on Tuesday to extend the tram line to the airport, a project expected to cost 240 million euros and open in 2029.',
    'Opponents said the money would be better spent on buses in the outer districts.',
  ],
  [
    'Heatwave closes schools across the region',
    'Schools in 40 towns closed early on Wednesday as temperatures passed 38 degrees for the third day, the regional education office said.',
    'Hospitals reported a rise in admissions for heatstroke among older people.',
  ],
  [
    'Lake ferry service resumes after strike ends',
    'Ferries on the lake resumed a full timetable on Thursday after crews accepted a pay offer that ends a nine-day strike.',
    'The operator said it would refund tickets bought for cancelled crossings.',
  ],
];

const versions = (n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    [
      `Bridge closed after inspection (update ${i + 1})`,
      `Inspectors closed the river bridge on Friday after finding cracks in two of its supports, the city said in update ${i + 1}.`,
      'Lorries will be diverted through the industrial estate until repairs are finished next spring.',
    ].join('\n'),
  );

test('versions of one story are grouped; different stories are not', () => {
  const g = storyGroups([...versions(3), STORIES[0].join('\n'), STORIES[1].join('\n')]);
  assert.equal(new Set(g.slice(0, 3)).size, 1);
  assert.equal(new Set(g).size, 3);
});

test('a line in two stories is furniture; a body line repeated by versions of one story is not', () => {
  const texts = [...versions(4), [STORIES[0][0], STORIES[0][1], PROMO].join('\n'), [STORIES[1][0], STORIES[1][1], PROMO].join('\n')];
  const lines = outletFurnitureLines(texts);
  assert.ok(lines.has(lineKey(PROMO)));
  assert.ok(!lines.has(lineKey('Lorries will be diverted through the industrial estate until repairs are finished next spring.')));
});

test('a long sentence the outlet repeats stays unless it speaks to the reader or uses furniture wording', () => {
  const background = 'The airport tram line was first proposed in 2011 and has been delayed twice by court challenges over its route.';
  const appeal = 'Our reporters cover every council meeting, and we rely on readers like you to keep doing it.';
  const lines = new Set([lineKey(background), lineKey(appeal), lineKey(PROMO)]);
  assert.equal(isOutletLine(background, lines), false);
  assert.equal(isOutletLine(appeal, lines), true);
  assert.equal(isOutletLine(PROMO, lines), true);
  assert.equal(isOutletLine('A line the outlet never printed before.', lines), false);
});

test('an extracted page loses the blocks its outlet repeats; its headline stays', () => {
  const a = {
    title: STORIES[2][0],
    byline: null,
    published: null,
    language: 'en',
    siteName: 'Lakeside Ledger',
    blocks: [STORIES[2][0], STORIES[2][1], PROMO, STORIES[2][2]].map((text, i) => ({
      kind: i === 0 ? ('heading' as const) : ('paragraph' as const),
      text,
    })),
    text: '',
  };
  const out = withoutOutletLines(a, new Set([lineKey(PROMO), lineKey(STORIES[2][0])]));
  assert.deepEqual(
    out.blocks.map((b) => b.text),
    [STORIES[2][0], STORIES[2][1], STORIES[2][2]],
  );
  assert.equal(out.text, out.blocks.map((b) => b.text).join('\n\n'));
});

const page = (title: string, paras: string[]): string =>
  `<!DOCTYPE html><html lang="en"><head><title>${title} | Lakeside Ledger</title><meta property="og:site_name" content="Lakeside Ledger"><meta property="og:title" content="${title}"></head>` +
  `<body><nav><a href="/">Home</a> <a href="/city">City</a></nav><article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</article><footer>Lakeside Ledger</footer></body></html>`;

test('end to end: HTML pages of an outlet (JSONL, outlet named) lose its repeated line once two stories hold it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const texts: string[] = [];
    for (let i = 0; i < STORIES.length; i++) {
      const [title, p1, p2] = STORIES[i];
      const f = join(dir, `${i}.jsonl`);
      // The promo sits between two paragraphs of the article, where the page structure does not mark it.
      writeFileSync(f, JSON.stringify({ id: `ll-${i}`, outlet: 'Lakeside Ledger', html: page(title, [p1, PROMO, p2]) }) + '\n');
      const r = await runCli(['ingest', f, '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      texts.push((JSON.parse((await runCli(['article', `ll-${i}`, '--db', db, '--json'])).stdout) as { text: string }).text);
    }
    assert.ok(texts[0].includes(PROMO) && texts[1].includes(PROMO), 'two earlier articles are needed to know the line');
    assert.ok(!texts[2].includes(PROMO), texts[2]);
    assert.ok(texts[2].includes(STORIES[2][1]) && texts[2].includes(STORIES[2][2]));
  } finally {
    cleanup();
  }
});

test('end to end: HTML pages without a named outlet use their site name', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    let third = '';
    for (let i = 0; i < STORIES.length; i++) {
      const [title, p1, p2] = STORIES[i];
      const f = join(dir, `${i}.jsonl`);
      writeFileSync(f, JSON.stringify({ id: `sn-${i}`, html: page(title, [p1, PROMO, p2]) }) + '\n');
      assert.equal((await runCli(['ingest', f, '--db', db])).code, 0);
      third = (JSON.parse((await runCli(['article', `sn-${i}`, '--db', db, '--json'])).stdout) as { text: string }).text;
    }
    assert.ok(!third.includes(PROMO), third);
    assert.ok(third.includes(STORIES[2][1]));
  } finally {
    cleanup();
  }
});

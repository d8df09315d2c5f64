import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml } from '../src/extract/html.ts';
import { createHtmlExtractPool, extractHtmlIsolated } from '../src/extract/worker.ts';
import { decodeHtmlBytes } from '../src/fetch/files.ts';
import { dateFromText, toIsoDate } from '../src/extract/html/meta.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'html');
const NOW = new Date('2026-11-22T12:00:00Z');

interface Expected {
  failure?: string;
  title?: string | null;
  byline?: string | null;
  published?: string | null;
  language?: string | null;
  siteName?: string | null;
  include?: string[];
  exclude?: string[];
}

function load(name: string): { html: string; expected: Expected } {
  const bytes = readFileSync(join(FIX, name, 'input.html'));
  return { html: decodeHtmlBytes(bytes), expected: JSON.parse(readFileSync(join(FIX, name, 'expected.json'), 'utf8')) as Expected };
}

for (const name of readdirSync(FIX).sort()) {
  test(`golden html/${name}`, () => {
    const { html, expected } = load(name);
    const r = extractHtml(html, { url: `https://news.example/${name}`, now: NOW });
    if (expected.failure) {
      assert.equal(r.ok, false, `expected a ${expected.failure} failure`);
      if (!r.ok) assert.equal(r.code, expected.failure);
      return;
    }
    assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
    const a = r.value;
    if ('title' in expected) assert.equal(a.title, expected.title);
    if ('byline' in expected) assert.equal(a.byline, expected.byline);
    if ('published' in expected) assert.equal(a.published?.slice(0, 10) ?? null, expected.published);
    if ('language' in expected) assert.equal(a.language, expected.language);
    if ('siteName' in expected) assert.equal(a.siteName, expected.siteName);
    for (const s of expected.include ?? []) assert.ok(a.text.includes(s), `text should contain ${JSON.stringify(s)}\n---\n${a.text}`);
    for (const s of expected.exclude ?? []) assert.ok(!a.text.includes(s), `text should not contain ${JSON.stringify(s)}\n---\n${a.text}`);
    assert.equal(a.text, a.blocks.map((b) => b.text).join('\n\n'));
  });
}

test('windows-1251 page is decoded before extraction', () => {
  const bytes = readFileSync(join(FIX, 'windows-1251', 'input.html'));
  // The raw bytes are not UTF-8: reading them as UTF-8 would garble the Cyrillic.
  assert.ok(!bytes.toString('utf8').includes('мост'));
  const r = extractHtml(decodeHtmlBytes(bytes), { url: null, now: NOW });
  assert.ok(r.ok);
  assert.match(r.value.text, /новому мосту/);
});

test('sub-headings and list items keep their kind', () => {
  const { html } = load('news-furniture');
  const r = extractHtml(html, { url: null, now: NOW });
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.blocks.filter((b) => b.kind === 'heading').map((b) => b.text),
    ['Harbour bridge to close for six weeks of repairs', 'Ferry service extended'],
  );
  assert.equal(r.value.blocks.filter((b) => b.kind === 'list-item').length, 2);
});

test('element-count limit yields extract/too-complex', () => {
  const html = '<html><body>' + '<p>Short line of text.</p>'.repeat(2000) + '</body></html>';
  const r = extractHtml(html, { url: null, now: NOW, limits: { maxElements: 500 } });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.code, 'extract/too-complex');
});

test('dates: ISO with offset kept, future and implausible dates rejected, text dates read', () => {
  assert.equal(toIsoDate('2024-09-02T17:45:00+0200', NOW), '2024-09-02T17:45:00+02:00');
  assert.equal(toIsoDate('2031-01-01', NOW), null);
  assert.equal(toIsoDate('1970-01-01', NOW), null);
  assert.equal(toIsoDate('14.03.2025', NOW), '2025-03-14');
  assert.equal(dateFromText('Veröffentlicht am 31. Mai 2024 um 10:15', NOW), '2024-05-31');
  assert.equal(dateFromText('Published March 5th, 2023', NOW), '2023-03-05');
  assert.equal(dateFromText('le 7 octobre 2020', NOW), '2020-10-07');
});

test('isolated pool: a normal page, a too-deep page, and a heap-exhausting page; the process survives', async () => {
  const pool = createHtmlExtractPool({ size: 1, maxHeapMb: 48, timeoutMs: 20_000 });
  try {
    const good = load('news-furniture').html;
    const r1 = await pool.extract(good, { url: null, now: NOW });
    assert.ok(r1.ok);
    assert.match(r1.value.text, /harbour/);

    const r2 = await pool.extract(load('deep-nesting').html, { url: null, now: NOW });
    assert.equal(r2.ok, false);
    if (!r2.ok) assert.equal(r2.code, 'extract/too-complex');

    // Every element is within the default limits' reach only if the heap holds: 48 MiB does not.
    const bomb = '<html><body>' + `<div class="c" data-x="${'y'.repeat(200)}"><p>Text, text.</p></div>`.repeat(120_000) + '</body></html>';
    const huge = createHtmlExtractPool({
      size: 1,
      maxHeapMb: 48,
      timeoutMs: 20_000,
      limits: { maxElements: 10_000_000, maxChars: 100_000_000 },
    });
    try {
      const r3 = await huge.extract(bomb, { url: null, now: NOW });
      assert.equal(r3.ok, false);
      if (!r3.ok) assert.ok(['extract/too-complex', 'extract/timeout'].includes(r3.code), r3.code);
      // The pool respawns its worker after the crash.
      const r4 = await huge.extract(good, { url: null, now: NOW });
      assert.ok(r4.ok);
    } finally {
      await huge.close();
    }

    const r5 = await pool.extract(good, { url: null, now: NOW });
    assert.ok(r5.ok);
  } finally {
    await pool.close();
  }
});

test('isolated: timeout is typed, and one-off extraction works without a pool', async () => {
  const slow = '<html><body>' + '<p>Sentence one, sentence two.</p>'.repeat(60_000) + '</body></html>';
  const r = await extractHtmlIsolated(slow, { url: null, now: NOW, timeoutMs: 1, limits: { maxElements: 1_000_000 } });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.code, 'extract/timeout');
  const ok = await extractHtmlIsolated(load('german-news').html, { url: null, now: NOW });
  assert.ok(ok.ok);
  assert.equal(ok.value.language, 'de');
});

test('blocks from the Readability fallback go through the same furniture filter', async () => {
  const { filterForeignBlocks } = await import('../src/extract/html/content.ts');
  const body =
    'The harbour authority said on Monday that the old pier would be rebuilt in stone after storms damaged its timber piles twice in one winter.';
  const out = filterForeignBlocks([
    { kind: 'paragraph', text: body, link: 0 },
    { kind: 'paragraph', text: body.replace('Monday', 'Tuesday').replace('old pier', 'north quay'), link: 0 },
    {
      kind: 'paragraph',
      text: 'Work is due to start in March and last about a year, with the ferry moved to the north quay meanwhile.',
      link: 0,
    },
    { kind: 'list-item', text: 'Share on Facebook', link: 17 },
    { kind: 'heading', text: 'Weitere Artikel', link: 0 },
    { kind: 'paragraph', text: 'Neue Buslinie verbindet Altstadt und Bahnhof', link: 44 },
    { kind: 'paragraph', text: 'Die Stadt testet ab Mai eine neue Buslinie zwischen der Altstadt und dem Bahnhof.', link: 0 },
  ]);
  const text = out.map((b) => b.text).join('\n');
  assert.ok(text.includes('rebuilt in stone'));
  assert.ok(text.includes('Work is due to start in March'));
  assert.ok(!text.includes('Share on Facebook'));
  assert.ok(!text.includes('Weitere Artikel'));
  assert.ok(!text.includes('neue Buslinie'));
});

/**
 * Plain-text extraction over hand-written fixtures: every story under
 * test/fixtures/stories/** and the edge cases under test/fixtures/plaintext/**.
 * expected.json lists per file the title (null = no headline), byline,
 * published date, the 1-based lines that are furniture/metadata and must not
 * be stored, and the sub-heading lines that must be kept as headings. Every
 * other non-empty line (except the title line) must be in the stored text.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bylineParts, extractPlainText, lineKey, lineKeys } from '../src/extract/plaintext.ts';
import { extractArticle } from '../src/extract/index.ts';
import { parseDateline } from '../src/extract/dateline.ts';
import type { ExtractedArticle } from '../src/model.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const NOW = new Date('2026-11-22T12:00:00Z');

interface ExpectedDoc {
  title: string | null;
  byline?: string;
  published?: string;
  boilerplate_lines: number[];
  subheadings?: number[];
  /** Language of the dropped furniture when it differs from the body's (null = same or none). */
  furniture_language?: string | null;
}

const norm = (s: string): string => s.replace(/\s+/gu, ' ').trim();

function caseDirs(area: string): string[] {
  const root = join(FIXTURES, area);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expected.json')))
    .map((d) => join(root, d.name));
}

function extractOk(raw: string, outletLines?: ReadonlySet<string>): ExtractedArticle {
  const r = extractPlainText(raw, { now: NOW, outletLines });
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

for (const area of ['stories', 'plaintext']) {
  for (const dir of caseDirs(area)) {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { documents: Record<string, ExpectedDoc> };
    describe(`${area}/${dir.split(/[\\/]/).pop()}`, () => {
      for (const [file, exp] of Object.entries(expected.documents)) {
        test(file, () => {
          const raw = readFileSync(join(dir, file), 'utf8');
          const lines = raw.split(/\r?\n/);
          // The fixture itself: listed lines exist and are not blank.
          for (const n of [...exp.boilerplate_lines, ...(exp.subheadings ?? [])]) {
            assert.ok(n >= 1 && n <= lines.length && lines[n - 1].trim() !== '', `${file}: line ${n} is blank or out of range`);
          }
          const a = extractOk(raw);
          assert.equal(a.title === null ? null : norm(a.title), exp.title === null ? null : norm(exp.title), 'title');
          assert.equal(a.byline, exp.byline ?? null, 'byline');
          if (exp.published) assert.equal(a.published, exp.published, 'published');
          if (exp.furniture_language !== undefined) assert.equal(a.furnitureLanguage ?? null, exp.furniture_language, 'furniture language');
          const stored = new Set(a.blocks.map((b) => norm(b.text)));
          assert.equal(a.text, a.blocks.map((b) => b.text).join('\n\n'));
          const furniture = new Set(exp.boilerplate_lines);
          const leaked: string[] = [];
          const missing: string[] = [];
          lines.forEach((line, i) => {
            const t = norm(line);
            if (!t) return;
            if (furniture.has(i + 1)) {
              // A short line ("Kenya", "A") may well occur inside a body sentence; longer ones may not.
              if (stored.has(t) || (t.split(' ').length >= 4 && a.text.includes(t))) leaked.push(`${i + 1}: ${t}`);
            } else if (!(exp.title !== null && t === norm(exp.title)) && !stored.has(t)) {
              missing.push(`${i + 1}: ${t}`);
            }
          });
          assert.deepEqual(leaked, [], 'furniture lines leaked into the text');
          assert.deepEqual(missing, [], 'body lines missing from the text');
          for (const n of exp.subheadings ?? []) {
            const t = norm(lines[n - 1]);
            assert.ok(
              a.blocks.some((b) => b.kind === 'heading' && norm(b.text) === t),
              `line ${n} "${t}" is not a heading block`,
            );
          }
          for (const b of a.blocks) if (/^[•·▪●]\s/u.test(b.text)) assert.equal(b.kind, 'list-item');
        });
      }
    });
  }
}

describe('plain-text extraction: behaviour', () => {
  const article = [
    'Harbour authority approves new ferry terminal in Klaipėda',
    "Klaipėda's harbour authority approved plans on Monday for a new ferry terminal that will double capacity on routes to Germany and Sweden.",
    'Baltic Coast Media, your window on the sea',
    'Construction is expected to start in autumn and take two years, the authority said in a statement on its website.',
    'The terminal will cost about 60 million euros, part of it funded by the European Union.',
  ].join('\n');

  test('a line seen in other articles of the outlet is dropped; without that knowledge it stays', () => {
    const without = extractOk(article);
    assert.ok(without.text.includes('Baltic Coast Media, your window on the sea'));
    const outlet = new Set(lineKeys('Baltic Coast Media, your window on the sea\nSome other article text.'));
    const withOutlet = extractOk(article, outlet);
    assert.ok(!withOutlet.text.includes('Baltic Coast Media'));
    assert.ok(withOutlet.dropped?.some((d) => d.line === 3));
    assert.equal(lineKey('  Baltic  Coast MEDIA '), 'baltic coast media');
  });

  test('furniture language is reported when it differs from the body language', () => {
    const raw = [
      'Farmers in Alentejo brace for a third dry summer',
      'Reservoirs in southern Portugal are at 38% of capacity, the lowest level for the time of year since records began, the environment agency said on Monday.',
      'Farmers said they had already cut the area planted with maize by a quarter.',
      'Leia também: Governo anuncia apoio aos agricultores',
      'Receba as principais notícias no seu e-mail',
      'Publicidade',
    ].join('\n');
    const a = extractOk(raw);
    assert.equal(a.language, 'en');
    assert.equal(a.furnitureLanguage, 'pt');
    assert.equal(a.blocks.length, 2);
  });

  test('English furniture around an English body gives no furniture language', () => {
    const raw = [
      'Share',
      'Rail operator orders 40 new trains for regional lines',
      'The national rail operator has ordered 40 electric trains for regional lines in the north, with the first due to enter service in 2028, it said on Thursday.',
      'The order is worth about 600 million euros.',
      'Sign up for our daily newsletter',
    ].join('\n');
    const a = extractOk(raw);
    assert.equal(a.title, 'Rail operator orders 40 new trains for regional lines');
    assert.equal(a.furnitureLanguage, null);
  });

  test('dateline resolution is recorded with its evidence', () => {
    const raw =
      'Ministers agree on fishing quotas\nThursday, December 11\nEU fisheries ministers agreed on catch limits for next year after two days of talks in Brussels, officials said early on Thursday.\n';
    const a = extractOk(raw);
    assert.equal(a.published, '2025-12-11');
    assert.equal(a.publishedEvidence, 'dateline-weekday');
    assert.ok(!a.text.includes('Thursday, December 11'));
  });

  test('byline and section on one line are separated', () => {
    assert.deepEqual(bylineParts('Lucía Paredes Latin America'), { name: 'Lucía Paredes', section: 'Latin America', prefixed: false });
    assert.deepEqual(bylineParts('Евгения Комарова In the world'), { name: 'Евгения Комарова', section: 'In the world', prefixed: false });
    assert.deepEqual(bylineParts('By Hannah Okafor | Politics'), { name: 'Hannah Okafor', section: 'Politics', prefixed: true });
    assert.deepEqual(bylineParts('Thomas Berger'), { name: 'Thomas Berger', section: null, prefixed: false });
    assert.equal(bylineParts('Russian Support for Venezuela'), null);
    assert.equal(bylineParts('Latin America'), null);
    assert.equal(bylineParts('It is unclear how Moscow responded.'), null);
  });

  test('short body sentences and one-line quotes are kept', () => {
    const raw = [
      'Talks on Danube shipping rules stall',
      'Negotiators from six countries failed on Tuesday to agree on new rules for cargo ships on the Danube, after disputes over fees and inspections.',
      'It is unclear when the talks will resume.',
      '"We are not there yet," one delegate said.',
      'Comment',
    ].join('\n');
    const a = extractOk(raw);
    assert.deepEqual(
      a.blocks.map((b) => b.text),
      [
        'Negotiators from six countries failed on Tuesday to agree on new rules for cargo ships on the Danube, after disputes over fees and inspections.',
        'It is unclear when the talks will resume.',
        '"We are not there yet," one delegate said.',
      ],
    );
  });

  test('expected failures are typed', () => {
    const empty = extractPlainText(' \n\n \r\n', { now: NOW });
    assert.equal(empty.ok ? null : empty.code, 'extract/no-article');
    const furnitureOnly = extractPlainText('Share\nTweet\nAdvertisement\n', { now: NOW });
    assert.equal(furnitureOnly.ok ? null : furnitureOnly.code, 'extract/no-article');
    const huge = extractPlainText('a'.repeat(2_000_001), { now: NOW });
    assert.equal(huge.ok ? null : huge.code, 'extract/too-large');
  });

  test('extractArticle passes outlet lines through and lets hints win', () => {
    const r = extractArticle(
      { ref: 'x.txt', kind: 'text', body: article, hints: { title: 'Given title' } },
      { now: NOW, outletLines: new Set([lineKey('Baltic Coast Media, your window on the sea')]) },
    );
    assert.ok(r.ok);
    assert.equal(r.value.title, 'Given title');
    assert.ok(!r.value.text.includes('Baltic Coast Media'));
  });
});

test('byline with an agency or role after a comma or bar', () => {
  assert.deepEqual(bylineParts('Jane Doe, Reuters'), { name: 'Jane Doe', section: 'Reuters', prefixed: false });
  assert.deepEqual(bylineParts('Marek Nowak | Senior correspondent'), {
    name: 'Marek Nowak',
    section: 'Senior correspondent',
    prefixed: false,
  });
  assert.equal(bylineParts('New York, United States of America'), null);
  assert.equal(bylineParts('By Tuesday, the number of cases had risen to 40.'), null);
  assert.deepEqual(bylineParts('By Ana Costa and Luís Pereira'), { name: 'Ana Costa and Luís Pereira', section: null, prefixed: true });
  assert.deepEqual(bylineParts('Ana Costa, Luís Pereira e Rui Sá'), {
    name: 'Ana Costa, Luís Pereira e Rui Sá',
    section: null,
    prefixed: false,
  });
  assert.equal(bylineParts('Russia and China'), null);
});

test('a title hint decides the headline; an opening short sentence stays body', () => {
  const raw =
    'Inflation is back.\nPrices rose 0.6% in March from February, the statistics office said on Tuesday, the fastest monthly increase since 2023.\n';
  const hinted = extractPlainText(raw, { now: NOW, titleHint: 'Consumer prices jump in March' });
  assert.ok(hinted.ok);
  assert.equal(hinted.value.title, null);
  assert.equal(hinted.value.blocks.length, 2);
  const withLine = extractPlainText('Consumer prices jump in March\n' + raw, { now: NOW, titleHint: 'Consumer prices jump in March' });
  assert.ok(withLine.ok);
  assert.equal(withLine.value.title, 'Consumer prices jump in March');
  assert.equal(withLine.value.blocks[0].text, 'Inflation is back.');
});

test('a headline pasted twice is the headline once and furniture once', () => {
  const raw = [
    'Storm Elin cuts power to 80,000 homes in Norway',
    'Storm Elin cuts power to 80,000 homes in Norway',
    'Share',
    'Storm Elin brought winds of up to 150 km/h to western Norway overnight, cutting power to about 80,000 homes and closing several mountain roads, the grid operator said on Sunday.',
    'Ferries between Bergen and Stavanger were cancelled.',
  ].join('\n');
  const a = extractOk(raw);
  assert.equal(a.title, 'Storm Elin cuts power to 80,000 homes in Norway');
  assert.equal(a.blocks.length, 2);
  assert.ok(a.dropped?.some((d) => d.line === 2));
});

test('an unknown section after a name is accepted only next to the headline', () => {
  assert.deepEqual(bylineParts('Евгения Комарова В России', true), { name: 'Евгения Комарова', section: 'В России', prefixed: false });
  assert.equal(bylineParts('Евгения Комарова В России'), null);
  assert.deepEqual(bylineParts('محمد العلي', true), { name: 'محمد العلي', section: null, prefixed: false });
  assert.equal(bylineParts('محمد العلي'), null);
});

test('outlet furniture lines are those repeated across several of its articles', async () => {
  const { outletFurnitureLines } = await import('../src/extract/text/outlet.ts');
  const a =
    'Bridge reopens after repairs\nThe bridge reopened on Monday after six months of repairs, the city said.\nHarbour Post: news from the coast since 1987\n';
  const b =
    'Ferry fares to rise\nFerry fares will rise by 5% from June, the operator said on Tuesday.\nHarbour Post: news from the coast since 1987\n';
  const set = outletFurnitureLines([a, b]);
  assert.ok(set.has(lineKey('Harbour Post: news from the coast since 1987')));
  assert.ok(!set.has(lineKey('Bridge reopens after repairs')));
  const c =
    'Port strike ends\nDock workers returned to work on Wednesday after a two-day strike over pay, the union said.\nIt is unclear whether talks will resume.\nHarbour Post: news from the coast since 1987\n';
  const r = extractPlainText(c, { now: NOW, outletLines: set });
  assert.ok(r.ok);
  assert.ok(!r.value.text.includes('Harbour Post'));
  assert.ok(r.value.text.includes('It is unclear whether talks will resume.'));
});

test('a date on the byline line gives the publication date', () => {
  const raw = [
    'Lithuania extends border controls with Belarus',
    'By Rasa Jonaitė | October 31, 2025',
    'Lithuania will keep controls on its border with Belarus for another three months, the interior ministry said on Friday, citing continued attempts to smuggle migrants.',
  ].join('\n');
  const a = extractOk(raw);
  assert.equal(a.byline, 'Rasa Jonaitė');
  assert.equal(a.section, null);
  assert.equal(a.published, '2025-10-31');
  assert.equal(parseDateline('Published: October 31, 2025 | Updated: November 1, 2025', NOW)?.wholeLine, true);
});

test('reader-addressing words inside a quotation do not make a prompt', () => {
  const raw = [
    'Farm ministers agree drought aid',
    'Agriculture ministers agreed on Monday to release 300 million euros in emergency aid for farmers hit by the drought, after two days of talks.',
    'The minister said: "We will support our farmers, and we ask you to share the water we have."',
    'The aid will be paid before the summer.',
  ].join('\n');
  const a = extractOk(raw);
  assert.equal(a.blocks.length, 3);
});

test('paywall notices, translation credits and social handles are furniture', () => {
  const raw = [
    'Port of Gdynia sets container record',
    'This article is for subscribers only',
    'The port of Gdynia handled a record 1.1 million containers last year, up 8%, the port authority said on Monday.',
    'Translated by Anna Nowak',
    'Follow us @gdyniaport',
  ].join('\n');
  const a = extractOk(raw);
  assert.deepEqual(
    a.blocks.map((b) => b.text),
    ['The port of Gdynia handled a record 1.1 million containers last year, up 8%, the port authority said on Monday.'],
  );
});

test('a quotation in another language inside the body is kept', () => {
  const raw = [
    'Mexico rejects tariff threat',
    "Mexico's economy minister rejected on Wednesday a threat of new US tariffs on steel, saying the two countries had agreed on quotas last year.",
    '"No vamos a aceptar aranceles injustos", dijo el ministro.',
    'Talks are expected to resume next week in Washington.',
    'Compartir en WhatsApp',
  ].join('\n');
  const a = extractOk(raw);
  assert.deepEqual(
    a.blocks.map((b) => b.text),
    [
      "Mexico's economy minister rejected on Wednesday a threat of new US tariffs on steel, saying the two countries had agreed on quotas last year.",
      '"No vamos a aceptar aranceles injustos", dijo el ministro.',
      'Talks are expected to resume next week in Washington.',
    ],
  );
  assert.equal(a.furnitureLanguage, 'es');
});

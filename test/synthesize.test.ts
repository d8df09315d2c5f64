import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesizeStory, groundingDocs } from '../src/synthesize/index.ts';
import { checkGrounding } from '../src/synthesize/grounding.ts';
import { cleanTitle } from '../src/synthesize/headline.ts';
import { stripLabel, TEMPLATE_WORDS } from '../src/synthesize/overview.ts';
import { words } from '../src/synthesize/text.ts';
import type { AnalysisArticle } from '../src/analyze/index.ts';
import type { StoryAnalysis, StoryReport } from '../src/report.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'synthesize');
function load(name: string): { articles: AnalysisArticle[]; analysis: StoryAnalysis } {
  return {
    articles: JSON.parse(readFileSync(join(FIX, name, 'articles.json'), 'utf8')) as AnalysisArticle[],
    analysis: JSON.parse(readFileSync(join(FIX, name, 'analysis.json'), 'utf8')) as StoryAnalysis,
  };
}

function jaccard(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  const inter = [...x].filter((w) => y.has(w)).length;
  return inter / (x.size + y.size - inter);
}

test('multi-source overview: 4–8 sentences, each cited and grounded', () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis, { registryCountries: ['GB', 'NO', 'RU', 'FR', 'DE'] });
  assert.ok(r.overview.length >= 4 && r.overview.length <= 8, `got ${r.overview.length}`);
  const docs = groundingDocs(articles);
  const ids = new Set(articles.map((a) => a.id));
  for (const s of r.overview) {
    assert.ok(s.articles.length >= 1);
    for (const id of s.articles) assert.ok(ids.has(id), id);
    const g = checkGrounding(
      s.text,
      s.articles.map((id) => docs.get(id)!),
      { allowWords: TEMPLATE_WORDS },
    );
    assert.ok(g.ok, `${s.text}: ${JSON.stringify(g.issues)}`);
  }
});

test('agreed facts come first and cite every article that states them', () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis);
  const first = r.overview[0]!;
  // the grounding count is stated by all three independent outlets and the wire copy
  const aground = r.overview.find((s) => /214/.test(s.text) && /aground/.test(s.text));
  assert.ok(aground, 'the grounding with 214 on board is in the overview');
  assert.deepEqual([...aground.articles].sort(), ['a1', 'a2', 'a3', 'a4']);
  assert.ok(first.articles.length >= 3, 'the first sentence is one most sources agree on');
  // the injuries are reported by every outlet, in different words
  const hurt = r.overview.find((s) => /hospital/i.test(s.text));
  assert.ok(hurt);
  for (const id of ['a1', 'a2', 'a3']) assert.ok(hurt.articles.includes(id), `${id} cited for injuries`);
});

test('points of difference are attributed from the analysis', () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis);
  const diff = r.overview.find((s) => s.text.startsWith('Sources differ'));
  assert.ok(diff, 'a discrepancy sentence');
  assert.match(diff.text, /Nordposten says “23”/);
  assert.match(diff.text, /Vostok Daily says “21”/);
  assert.deepEqual([...diff.articles].sort(), ['a2', 'a3']);
  const idxDiff = r.overview.indexOf(diff);
  const agreed = r.overview.filter((s) => s.articles.length >= 3);
  for (const s of agreed) assert.ok(r.overview.indexOf(s) < idxDiff, 'agreements before differences');
});

test('loaded terms appear only inside attribution; headline is neutral and free of furniture', () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis);
  for (const s of r.overview) {
    if (/reckless/i.test(s.text)) assert.match(s.text, /Vostok Daily uses the term “reckless”/);
  }
  assert.ok(!/reckless/i.test(r.title), r.title);
  assert.ok(!/WATCH|Media:|Harbour Times|\|/.test(r.title), r.title);
  assert.match(r.title, /Korvala/);
});

test('no two overview sentences say the same thing', () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis);
  for (let i = 0; i < r.overview.length; i++)
    for (let j = i + 1; j < r.overview.length; j++)
      assert.ok(jaccard(r.overview[i]!.text, r.overview[j]!.text) < 0.5, `${r.overview[i]!.text} ~ ${r.overview[j]!.text}`);
  // the wire copy (a4) repeats a1: no sentence is included twice
  const texts = r.overview.map((s) => s.text);
  assert.equal(new Set(texts).size, texts.length);
});

test("the world's take: distinctive points per country, blindspots, unknown country", () => {
  const { articles, analysis } = load('ferry');
  const r = synthesizeStory(articles, analysis, { registryCountries: ['GB', 'NO', 'RU', 'FR', 'DE'] });
  assert.deepEqual(r.blindspots, ['DE', 'FR']);
  const by = new Map(r.countries.map((c) => [c.country, c]));
  assert.deepEqual(
    [...by.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? '')),
    [null, 'GB', 'NO', 'RU'],
  );
  assert.match(by.get('NO')!.summary ?? '', /fishermen/);
  assert.match(by.get('RU')!.summary ?? '', /maintenance budgets/);
  assert.match(by.get('RU')!.summary ?? '', /“reckless”/);
  // what every country reports is not "distinctive"
  for (const c of r.countries) assert.ok(!/214 people ran aground/.test(c.summary ?? ''), `${c.country}: ${c.summary}`);
});

test('a single-article story still gets a cited overview and a clean headline', () => {
  const { articles, analysis } = load('single');
  const r = synthesizeStory(articles, analysis);
  assert.equal(r.title, 'City council approves new tram line to Elmsford');
  assert.ok(r.overview.length >= 4 && r.overview.length <= 8);
  assert.ok(r.overview.every((s) => s.articles.length === 1 && s.articles[0] === 's1'));
  assert.match(r.overview[0]!.text, /voted 9 to 4/);
});

test('cleanTitle and stripLabel', () => {
  assert.equal(cleanTitle('WATCH: Flooding closes bridge in Tamsk | City Gazette'), 'Flooding closes bridge in Tamsk');
  assert.equal(
    cleanTitle('Report: Flooding closes main bridge in Tamsk - City Gazette', { outlet: 'City Gazette' }),
    'Flooding closes main bridge in Tamsk',
  );
  assert.equal(stripLabel('The dictator Ivan Petrov met envoys.', 'dictator'), 'Ivan Petrov met envoys.');
  assert.equal(stripLabel('He called the move dictatorial and worse.', 'dictatorial'), null);
});

test('story diff: new sources and countries, new and resolved discrepancies', async () => {
  const { diffReports } = await import('../src/synthesize/diff.ts');
  const { articles } = load('ferry');
  const base = {
    id: 's1',
    title: 'Ferry runs aground',
    articles: [] as StoryReport['articles'],
    overview: [],
    agreements: [],
    exclusives: [],
    discrepancies: [] as StoryReport['discrepancies'],
    framing: [],
    timeline: [],
    quotes: [],
    entities: [],
    countries: [],
  };
  const art = (id: string) => {
    const a = articles.find((x) => x.id === id)!;
    return { id, ref: id, title: a.title, outlet: a.outlet, country: a.country, language: a.language, published: a.published };
  };
  const crew = {
    about: 'size of the crew',
    values: [
      { value: '23', articles: ['a2'] },
      { value: '21', articles: ['a3'] },
    ],
  };
  const time = {
    about: 'time of the grounding',
    values: [
      { value: '3 a.m.', articles: ['a1'] },
      { value: '4 a.m.', articles: ['a2'] },
    ],
  };
  const v1 = { ...base, articles: [art('a1'), art('a2')], discrepancies: [time] };
  const v2 = {
    ...base,
    title: 'Ferry with 214 aboard runs aground',
    articles: [art('a1'), art('a2'), art('a3')],
    discrepancies: [crew],
    agreements: [{ text: 'Eight people were hurt.', articles: ['a1', 'a3'] }],
  };
  const d = diffReports('s1', { version: 1, report: v1 }, { version: 2, report: v2 });
  assert.deepEqual(
    d.newArticles.map((a) => a.id),
    ['a3'],
  );
  assert.deepEqual(d.newOutlets, ['Vostok Daily']);
  assert.deepEqual(d.newCountries, ['RU']);
  assert.deepEqual(
    d.newDiscrepancies.map((x) => x.about),
    ['size of the crew'],
  );
  assert.deepEqual(
    d.resolvedDiscrepancies.map((x) => x.about),
    ['time of the grounding'],
  );
  assert.deepEqual(
    d.newAgreements.map((x) => x.text),
    ['Eight people were hurt.'],
  );
  assert.deepEqual(d.title, { from: 'Ferry runs aground', to: 'Ferry with 214 aboard runs aground' });
});

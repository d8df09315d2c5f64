/**
 * analyzeStory on hand-written multi-outlet stories (test/fixtures/analysis/<case>/):
 * planted discrepancies are found with the right articles, compatible values are
 * never flagged, evidence and cited texts really come from the cited articles;
 * plus unit tests for dates, quantities and designations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { StoryReport, type StoryAnalysis } from '../src/report.ts';
import { findDates, findDateline, normalizeRange, dayNumber, rangesOverlap } from '../src/analyze/dates.ts';
import { findQuantities, quantitiesCompatible } from '../src/analyze/quantities.ts';
import { designationsCompatible } from '../src/analyze/discrepancies.ts';
import { designationKey } from '../src/analyze/entities.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, 'fixtures', 'analysis');
const NOW = new Date('2026-11-22T12:00:00Z');

interface Expected {
  discrepancies: Array<{ kind: string; values: Record<string, string[]>; likelyError?: string }>;
  must_not: string[][];
  agreements: string[];
  exclusives: Array<{ contains: string; article: string }>;
  entities: Array<{ name: string; type: string; aliases?: string[] }>;
  quotes: Array<{ speaker: string; contains: string; articles: string[] }>;
  timeline: Array<{ date: string; contains: string; disputed?: boolean }>;
}

function loadCase(name: string): { articles: AnalysisArticle[]; expected: Expected; report: StoryAnalysis } {
  const articles = JSON.parse(readFileSync(join(root, name, 'articles.json'), 'utf8')) as AnalysisArticle[];
  const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
  return { articles, expected, report: analyzeStory(articles, { now: NOW }) };
}

const cases = readdirSync(root).filter((d) => !d.startsWith('.'));

for (const name of cases) {
  test(`analysis fixture ${name}: planted discrepancies found with their articles`, () => {
    const { expected, report } = loadCase(name);
    for (const exp of expected.discrepancies) {
      const wanted = Object.entries(exp.values);
      const found = report.discrepancies.find(
        (d) => d.kind === exp.kind && wanted.every(([, arts]) => d.values.some((v) => arts.every((a) => v.articles.includes(a)))),
      );
      assert.ok(
        found,
        `${name}: missing ${exp.kind} discrepancy ${JSON.stringify(exp.values)}; got ${JSON.stringify(report.discrepancies.map((d) => d.values.map((v) => [v.value, v.articles])))}`,
      );
      // the articles of two incompatible values never overlap
      for (const [val, arts] of wanted) {
        const v: (typeof found.values)[number] = found.values.find((x) => arts.every((a) => x.articles.includes(a)))!;
        for (const other of wanted.filter(([o]) => o !== val)) {
          const ov: (typeof found.values)[number] | undefined = found.values.find((x) => other[1].every((a) => x.articles.includes(a)));
          if (ov !== v) assert.ok(!other[1].some((a) => v.articles.includes(a)), `${name}: ${val} also cites ${other[1]}`);
        }
        if (exp.likelyError === val) assert.equal(v.likelyError, true, `${name}: ${val} should be the likely error`);
        else assert.notEqual(v.likelyError, true, `${name}: ${val} is not a likely error`);
      }
    }
  });

  test(`analysis fixture ${name}: compatible values and spelling variants are never discrepancies`, () => {
    const { expected, report } = loadCase(name);
    for (const [x, y] of expected.must_not) {
      for (const d of report.discrepancies) {
        const hasX = d.values.some((v) => v.value.includes(x));
        const hasY = d.values.some((v) => v.value.includes(y) && !(x.includes(y) && v.value.includes(x)));
        const same = d.values.some((v) => v.value.includes(x) && v.value.includes(y));
        assert.ok(!(hasX && hasY && !same), `${name}: ${x} vs ${y} flagged as a discrepancy: ${JSON.stringify(d)}`);
      }
    }
  });

  test(`analysis fixture ${name}: agreements, exclusives, entities, quotes, timeline`, () => {
    const { articles, expected, report } = loadCase(name);
    const groups = (ids: string[]) => new Set(ids.map((id) => articles.find((a) => a.id === id)?.duplicateOf ?? id));
    for (const a of expected.agreements) {
      const hit = report.agreements.find((x) => x.text.includes(a) || x.text.toLowerCase().includes(a.toLowerCase()));
      assert.ok(hit, `${name}: no agreement stating "${a}"`);
      assert.ok(groups(hit.articles).size >= 2, `${name}: agreement "${a}" needs two independent reports`);
    }
    for (const e of expected.exclusives) {
      const hit = report.exclusives.find((x) => x.text.includes(e.contains));
      assert.ok(hit, `${name}: exclusive "${e.contains}" missing`);
      assert.deepEqual(hit.articles, [e.article]);
    }
    for (const e of expected.entities) {
      const ent = report.entities.find((x) => x.name === e.name);
      assert.ok(ent, `${name}: entity ${e.name} missing; got ${report.entities.map((x) => x.name).join(', ')}`);
      assert.equal(ent.type, e.type, `${name}: type of ${e.name}`);
      for (const al of e.aliases ?? []) assert.ok(ent.aliases?.includes(al), `${name}: ${e.name} should have alias ${al}`);
    }
    for (const q of expected.quotes) {
      const hit = report.quotes.find((x) => [x.text, ...(x.variants ?? [])].some((t) => t.includes(q.contains)));
      assert.ok(hit, `${name}: quote "${q.contains}" missing`);
      assert.equal(hit.speaker, q.speaker);
      for (const a of q.articles) assert.ok(hit.articles.includes(a), `${name}: quote variants should group ${q.articles}`);
    }
    for (const t of expected.timeline) {
      const hit = report.timeline.find((x) => x.date === t.date && x.text.includes(t.contains));
      assert.ok(
        hit,
        `${name}: timeline ${t.date} "${t.contains}" missing; got ${JSON.stringify(report.timeline.map((x) => [x.date, x.text.slice(0, 40)]))}`,
      );
      if (t.disputed !== undefined) assert.equal(hit.disputed ?? false, t.disputed);
    }
    const dates = report.timeline.map((x) => x.date);
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => a.slice(0, 4).localeCompare(b.slice(0, 4)) || a.localeCompare(b)),
      'timeline is in order',
    );
  });
}

test('over all fixtures: every evidence sentence contains its value and every cited text is in a cited article', () => {
  for (const name of cases) {
    const { articles, report } = loadCase(name);
    const text = new Map(articles.map((a) => [a.id, a.text.replace(/\s+/g, ' ')]));
    for (const d of report.discrepancies)
      for (const v of d.values) {
        assert.ok(v.evidence && v.evidence.length > 0, `${name}: value ${v.value} without evidence`);
        assert.ok(
          v.evidence.some((e) => e.includes(v.value)),
          `${name}: no evidence sentence contains "${v.value}"`,
        );
        for (const e of v.evidence)
          assert.ok(
            v.articles.some((a) => text.get(a)!.includes(e)),
            `${name}: evidence not in a cited article: ${e}`,
          );
      }
    for (const c of [...report.agreements, ...report.exclusives]) {
      assert.ok(
        c.articles.some((a) => text.get(a)!.includes(c.text)),
        `${name}: "${c.text}" is in none of ${c.articles}`,
      );
    }
  }
});

test('dates: absolute, partial, relative and weekday dates resolve against the reference', () => {
  const ref = dayNumber(2024, 2, 29); // Friday 2024-03-29
  const ctx = { ref, anchor: null as number | null };
  const first = findDates('On March 22, a cargo plane landed in Lisbon.', ctx);
  assert.equal(normalizeRange(first[0].range), '2024-03-22');
  const rel = findDates('Only a day earlier, parliament ratified the treaty.', ctx);
  assert.equal(rel[0].text, 'a day earlier');
  assert.equal(normalizeRange(rel[0].range), '2024-03-21');
  const fresh = () => ({ ref, anchor: null as number | null });
  assert.equal(normalizeRange(findDates('The minister travelled in mid-March.', fresh())[0].range), '2024-03-11..2024-03-20');
  assert.equal(normalizeRange(findDates('The minister travelled in early March.', fresh())[0].range), '2024-03-01..2024-03-10');
  assert.equal(normalizeRange(findDates('A plant opened in January.', fresh())[0].range), '2024-01');
  assert.equal(
    normalizeRange(findDates('The strikes began in December.', fresh())[0].range),
    '2023-12',
    'a month after the reference is last year',
  );
  assert.equal(normalizeRange(findDates('The paper reported it on Friday.', fresh())[0].range), '2024-03-29');
  assert.equal(normalizeRange(findDates('They met last Tuesday.', fresh())[0].range), '2024-03-26');
  assert.equal(normalizeRange(findDates('Sanctions were imposed in 2019.', fresh())[0].range), '2019');
  assert.equal(normalizeRange(findDates('The vote is on 3 March 2024.', fresh())[0].range), '2024-03-03');
  const mid = findDates('x in mid-March.', fresh())[0].range;
  const mar16 = findDates('on March 16.', fresh())[0].range;
  const early = findDates('in early March.', fresh())[0].range;
  assert.ok(rangesOverlap(mid, mar16), 'mid-March and March 16 agree');
  assert.ok(!rangesOverlap(early, mar16), 'early March and March 16 do not');
  assert.ok(findDates('He said on Thursday that the port reopened.', fresh())[0].attribution, 'date of the statement');
  assert.equal(
    normalizeRange(findDates('The commission will confirm the results on Tuesday.', fresh())[0].range),
    '2024-04-02',
    'future tense: the next Tuesday',
  );
  assert.equal(
    normalizeRange(findDates('The law enters into force in January, once it is signed, and will apply to all.', fresh())[0].range),
    '2025-01',
  );
  assert.equal(findDates('the moratorium issued Tuesday', fresh())[0].head, 'issued');
});

test('dates: a weekday dateline without a year resolves to the latest matching year', () => {
  assert.equal(findDateline(['Site Logo', 'Saturday, May 4'], new Date('2026-11-22')), dayNumber(2024, 4, 4));
  assert.equal(findDateline(['Tuesday, March 3'], new Date('2026-11-22')), dayNumber(2026, 2, 3));
  assert.equal(findDateline(['A long first sentence of body text that is not a date at all.'], new Date('2026-11-22')), null);
});

test('quantities: qualifiers become intervals; counted nouns are kept', () => {
  const q = (s: string) => findQuantities(s)[0];
  const moreThan40 = q('the fire damaged more than 40 containers');
  const atLeast41 = q('damaging at least 41 containers');
  // a bound reaches a quarter past its figure (BOUND_SPAN): "more than 40" is not 60
  assert.deepEqual([moreThan40.lo, moreThan40.hi], [41, 50]);
  assert.ok(quantitiesCompatible(moreThan40, atLeast41));
  assert.ok(!quantitiesCompatible(q('damaging 38 containers'), moreThan40));
  assert.ok(quantitiesCompatible(q('about 40 containers'), q('at least 41 containers')));
  assert.ok(quantitiesCompatible(q('nearly 30 ministers'), q('28 ministers')));
  assert.ok(!quantitiesCompatible(q('fewer than five jets'), q('six jets')));
  assert.ok(quantitiesCompatible(q('up to 1,000 kilometers'), q('a range of 1,000 kilometers')));
  const crates = q('the purchase of “12 crates” of Indian vaccines');
  assert.equal(crates.value, 12);
  assert.ok(crates.nouns.includes('crat') && crates.nouns.includes('vaccin'));
  assert.ok(!crates.nouns.includes('indian'), 'a demonym is not what is counted');
  assert.equal(q('producing about 2,500 tonnes per year').value, 2500);
  assert.equal(q('eight engines and five radars').value, 8);
  assert.equal(q('Twelve firefighters were hurt').value, 12);
  assert.equal(findQuantities('It was sanctioned in 2023.').length, 0, 'a year is not a quantity');
  assert.ok(q('more than 10% of the navy').percent);
  assert.ok(quantitiesCompatible(q('openings rose to 9.2 million'), q('openings rose to 9.21 million')), 'a figure carries its rounding');
  assert.ok(quantitiesCompatible(q('turnout was 61%'), q('turnout was 61.3%')));
  assert.ok(!quantitiesCompatible(q('61 people died'), q('62 people died')), 'whole counts are exact');
  assert.ok(!findQuantities('He was sentenced to 22 1/2 years.').some((x) => x.value === 1 || x.value === 2), 'fractions are not figures');
  assert.deepEqual(q('Turnout reached 71%, officials said').nouns, ['turnout', 'reach']);
  assert.equal(q('Turnout reached 71%').nounsFrom, 'before');
});

test('designations: a less specific prefix is compatible, a different code is not', () => {
  const k = designationKey;
  assert.ok(designationsCompatible(k('MiG-29'), k('MiG-29SMT')));
  assert.ok(!designationsCompatible(k('MiG-29SMT'), k('MiG-23SMT')));
  assert.ok(designationsCompatible(k('A320'), k('A320neo')));
  assert.ok(!designationsCompatible(k('Mi-8'), k('Mi-17')));
  assert.ok(!designationsCompatible(k('F-15'), k('F-150')), 'F-150 is not a more specific F-15');
});

test('analyzeStory: one article or none gives no agreements, exclusives or discrepancies', () => {
  const one: AnalysisArticle = {
    id: 'x',
    title: null,
    text: 'The mayor of Porto, Rui Lobo, said 40 buses were bought on May 2.',
    outlet: null,
    country: null,
    language: 'en',
    published: '2026-05-04',
    duplicateOf: null,
  };
  const r = analyzeStory([one], { now: NOW });
  assert.deepEqual([r.agreements, r.exclusives, r.discrepancies], [[], [], []]);
  assert.ok(r.entities.some((e) => e.name === 'Rui Lobo' && e.type === 'person'));
  assert.deepEqual(analyzeStory([], { now: NOW }).entities, []);
});

test('analyzeStory: output fits the report schema; run-on text and cyclic duplicateOf are handled', () => {
  const fields = StoryReport.pick({
    agreements: true,
    exclusives: true,
    discrepancies: true,
    framing: true,
    timeline: true,
    quotes: true,
    entities: true,
  });
  for (const name of cases) fields.parse(loadCase(name).report);
  const mk = (id: string, text: string, duplicateOf: string | null = null): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: null,
    published: null,
    duplicateOf,
  });
  const runOn = 'Ministers met in Oslo and talked about 40 ships and March 22 and more '.repeat(2000);
  const t0 = performance.now();
  const r = analyzeStory([mk('a', runOn), mk('b', runOn)], { now: NOW });
  assert.ok(performance.now() - t0 < 20_000);
  fields.parse(r);
  const cyc = analyzeStory([mk('a', 'The mayor said 5 buses were bought.', 'b'), mk('b', 'The mayor said 5 buses were bought.', 'a')], {
    now: NOW,
  });
  fields.parse(cyc);
});

test('analyzeStory: a date slot matched by the words and places leading to it; other places stay apart', () => {
  const mk = (id: string, text: string, published = '2026-06-01'): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published,
    duplicateOf: null,
  });
  const arts = [
    mk(
      'x',
      'The letter was delivered to the president by a senior envoy during his visit to the Ukrainian capital in early May, officials said on Monday.',
    ),
    mk(
      'y',
      'Envoy Marek Kos delivered the letter to President Olena Hrytsenko during his trip to Kyiv in mid-May, according to the foreign ministry.',
    ),
  ];
  const r = analyzeStory(arts, { now: NOW });
  const d = r.discrepancies.find((x) => x.kind === 'date');
  assert.ok(d, 'early May vs mid-May for one visit');
  assert.deepEqual(d.values.map((v) => v.articles.join()).sort(), ['x', 'y']);
  const other = analyzeStory(
    [
      mk('x', 'The trade minister held talks on grain exports during his visit to Kyiv in early May, officials said on Monday.'),
      mk('y', 'The trade minister held talks on grain exports during his trip to Warsaw in mid-May, the ministry said.'),
    ],
    { now: NOW },
  );
  assert.equal(other.discrepancies.length, 0, 'visits to two capitals are two events');
});

/**
 * Framing: golden stories under test/fixtures/framing/<case>/ (articles as
 * <id>.txt, first line the headline; expected.json lists the items a careful
 * editor finds and those that must not be flagged), plus unit checks of the
 * single-sentence mode.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AnalysisArticle } from '../src/analyze/index.ts';
import { analyzeFraming, flagSentence } from '../src/analyze/framing/index.ts';
import { splitSentences } from '../src/analyze/framing/text.ts';
import type { Framing } from '../src/report.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'framing');

interface Expected {
  items: Array<{
    article: string;
    kind: string;
    term: string;
    refersTo?: string;
    refersToIncludes?: string;
    counterpartsInclude?: string;
    count?: number;
  }>;
  mustNot: Array<{ article: string; term: string }>;
  none?: boolean;
}

function load(name: string): { articles: AnalysisArticle[]; expected: Expected } {
  const dir = join(root, name);
  const articles = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const [title, ...rest] = readFileSync(join(dir, f), 'utf8').split('\n');
      return {
        id: f.replace(/\.txt$/, ''),
        title,
        text: rest.join('\n').trim(),
        outlet: null,
        country: null,
        language: 'en',
        published: null,
        duplicateOf: null,
      };
    });
  return { articles, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every item's sentence is a sentence of its article (or, for omissions, of another article) and contains its term. */
function checkGrounding(items: Framing[], articles: AnalysisArticle[]): void {
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const it of items) {
    const a = byId.get(it.article);
    assert.ok(a, `item for unknown article ${it.article}`);
    const own = norm(`${a.title ?? ''} ${a.text}`);
    if (it.kind === 'omission') {
      assert.ok(!own.toLowerCase().includes(it.term.toLowerCase()), `omitted "${it.term}" is in ${it.article}`);
      const elsewhere = articles.some((b) => b.id !== a.id && norm(`${b.title ?? ''} ${b.text}`).includes(norm(it.sentence)));
      assert.ok(elsewhere, `omission sentence not from another article: ${it.sentence}`);
    } else {
      assert.ok(own.includes(norm(it.sentence)), `sentence not from ${it.article}: ${it.sentence}`);
      assert.ok(it.sentence.includes(it.term), `sentence does not contain "${it.term}": ${it.sentence}`);
    }
  }
}

/** Reader-level sanity of the rows: no counterpart equal to its term, no two rows for one article, term and referent. */
function checkRows(items: Framing[]): void {
  const key = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[“”"«»‘’']/g, '')
      .replace(/s\b/g, '')
      .trim();
  const seen = new Set<string>();
  for (const it of items) {
    for (const c of it.counterparts ?? []) assert.notEqual(key(c), key(it.term), `"${it.term}" set against itself`);
    const k = `${it.article}|${key(it.term)}|${it.refersTo ?? ''}`;
    assert.ok(!seen.has(k), `duplicate row ${k}`);
    seen.add(k);
  }
}

function findItems(items: Framing[], e: Expected['items'][number]): Framing[] {
  return items.filter((i) => i.article === e.article && i.kind === e.kind && i.term.toLowerCase().includes(e.term.toLowerCase()));
}

for (const name of readdirSync(root).sort()) {
  test(`framing fixture ${name}`, () => {
    const { articles, expected } = load(name);
    const items = analyzeFraming(articles);
    checkGrounding(items, articles);
    checkRows(items);
    if (expected.none) assert.deepEqual(items, [], 'a neutral story yields no framing items');
    for (const e of expected.items) {
      const found = findItems(items, e);
      assert.ok(
        found.length > 0,
        `missing ${e.kind} "${e.term}" in ${e.article}; got ${JSON.stringify(items.map((i) => [i.article, i.kind, i.term]))}`,
      );
      if (e.count !== undefined) assert.equal(found.length, e.count, `count of "${e.term}" in ${e.article}`);
      for (const f of found) {
        if (e.refersTo !== undefined) assert.equal(f.refersTo, e.refersTo);
        if (e.refersToIncludes !== undefined) assert.ok(f.refersTo?.includes(e.refersToIncludes), `refersTo ${f.refersTo}`);
        if (e.counterpartsInclude !== undefined) {
          assert.ok(
            (f.counterparts ?? []).some((c) => c.toLowerCase().includes(e.counterpartsInclude!.toLowerCase())),
            `counterparts of "${f.term}": ${JSON.stringify(f.counterparts)}`,
          );
        }
      }
    }
    for (const m of expected.mustNot) {
      const bad = items.filter((i) => i.article === m.article && i.term.toLowerCase().includes(m.term.toLowerCase()));
      assert.deepEqual(bad, [], `"${m.term}" must not be flagged in ${m.article}`);
    }
  });
}

test('a wire copy (duplicateOf) gets no items of its own and does not count as a counterpart', () => {
  const { articles } = load('belarus-pardons');
  const copy = { ...articles[0], id: 'a1-copy', duplicateOf: 'a1' };
  const items = analyzeFraming([...articles, copy]);
  assert.equal(items.filter((i) => i.article === 'a1-copy').length, 0);
  assert.ok(items.some((i) => i.article === 'a1' && i.term === 'dictator'));
});

test('a label every article uses is the story consensus, not one outlet’s framing', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published: null,
    duplicateOf: null,
  });
  const items = analyzeFraming([
    mk('x', 'The regime of President Omar Haddad arrested three reporters on Friday. The regime denied wrongdoing.'),
    mk('y', 'The Haddad regime arrested three reporters on Friday, a rights group said.'),
    mk('z', 'Security forces of the Haddad regime detained three reporters on Friday.'),
  ]);
  assert.equal(items.filter((i) => i.kind === 'label' && i.term === 'regime').length, 0);
});

test('no articles, no items; one article still gets distancing quotes', () => {
  assert.deepEqual(analyzeFraming([]), []);
  const items = analyzeFraming([
    {
      id: 'solo',
      title: null,
      language: 'en',
      outlet: null,
      country: null,
      published: null,
      duplicateOf: null,
      text: 'The ministry announced new rules for what it describes as “foreign agents” working in the country.',
    },
  ]);
  assert.equal(items.length, 1);
  assert.equal(items[0].kind, 'scare-quotes');
  assert.equal(items[0].term, 'what it describes as “foreign agents”');
});

test('flagSentence: loaded words and distancing cues; neutral sentences pass', () => {
  const loaded = flagSentence('The senator slammed the so-called reform as a disgraceful sham.');
  assert.ok(loaded.biased);
  const terms = loaded.terms.map((t) => t.term.toLowerCase());
  assert.ok(terms.includes('slammed'));
  assert.ok(terms.some((t) => t.startsWith('so-called')));
  assert.ok(terms.includes('disgraceful'));
  const neutral = flagSentence('The city council voted 7 to 2 on Tuesday to approve the budget, officials said.');
  assert.equal(neutral.biased, false);
  assert.deepEqual(neutral.terms, []);
  // a loaded word inside a quotation is the speaker's, not the writer's
  assert.deepEqual(flagSentence('“This is a disgraceful decision,” the mayor said.').terms, []);
  // "regime change" is not a label
  assert.deepEqual(flagSentence('Protesters called for regime change in the capital.').terms, []);
});

test('sentence splitting keeps abbreviations and initials together', () => {
  const s = splitSentences(
    'U.S. President Donald Trump spoke on Friday. He met Dr. Jane Smith in Washington. J. R. Tolkien was not there.',
  );
  assert.deepEqual(s, [
    'U.S. President Donald Trump spoke on Friday.',
    'He met Dr. Jane Smith in Washington.',
    'J. R. Tolkien was not there.',
  ]);
});

test('labels in another language: Spanish "dictador" / "régimen" against "presidente" / "gobierno"', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'es',
    published: null,
    duplicateOf: null,
  });
  const items = analyzeFraming([
    mk('e1', 'El dictador boliviano Arturo Quispe pidió ayuda a sus aliados. El régimen de Quispe niega las acusaciones.'),
    mk(
      'e2',
      'El presidente boliviano Arturo Quispe pidió ayuda a sus aliados, según el diario. El gobierno de Quispe niega las acusaciones.',
    ),
    mk('e3', 'El presidente de Bolivia, Arturo Quispe, solicitó apoyo a sus aliados. El gobierno boliviano no respondió.'),
  ]);
  const dict = items.find((i) => i.article === 'e1' && i.term === 'dictador');
  assert.ok(dict, JSON.stringify(items));
  assert.equal(dict.refersTo, 'Arturo Quispe');
  assert.ok(dict.counterparts?.includes('presidente'));
  const reg = items.find((i) => i.article === 'e1' && i.term === 'régimen');
  assert.ok(reg?.refersTo?.includes('Arturo Quispe'));
  assert.equal(items.filter((i) => i.article !== 'e1').length, 0);
});

test('omission of a number the other articles all report, and none when fewer than four independent articles', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published: null,
    duplicateOf: null,
  });
  const arts = [
    mk(
      'p',
      'A landslide near the village of Tarvel buried 12 houses on Saturday, local officials said. Rescue teams from Orsk reached the site by evening.',
    ),
    mk('q', 'Rescue teams from Orsk searched for survivors after a landslide hit Tarvel and destroyed 12 houses on Saturday.'),
    mk('r', 'The landslide in Tarvel destroyed 12 houses and blocked the only road, officials in Orsk said on Saturday.'),
    mk('s', 'Officials in Orsk said a landslide damaged homes in the village of Tarvel on Saturday and blocked the only road.'),
  ];
  const items = analyzeFraming(arts);
  const om = items.filter((i) => i.kind === 'omission');
  assert.equal(om.length, 1, JSON.stringify(om));
  assert.equal(om[0].article, 's');
  assert.equal(om[0].term, '12 houses');
  checkGrounding(items, arts);
  assert.equal(analyzeFraming(arts.slice(1)).filter((i) => i.kind === 'omission').length, 0);
});

test('straight single quotes in a headline are quotation marks, apostrophes are not', () => {
  assert.deepEqual(flagSentence("President killed in 'barbaric act' - prime minister").terms, []);
  assert.ok(flagSentence("The mayor's plan is a disgraceful sham").biased);
});

test('loaded verbs only in their speech sense', () => {
  const terms = (s: string) => flagSentence(s).terms.map((t) => t.term);
  assert.deepEqual(terms('The rocket blasted off from the launch pad on Tuesday.'), []);
  assert.deepEqual(terms('Officials rejected repeated claims that the vote was rigged.'), []);
  assert.deepEqual(terms('The rebels claimed responsibility for the attack.'), []);
  assert.deepEqual(terms('The governor claimed that the vote was rigged.'), ['claimed']);
  assert.deepEqual(terms('The senator blasted the plan on Monday.'), ['blasted']);
});

test('labels in Russian and German: inflected and capitalized nouns, genitive and "von" referents', () => {
  const mk = (id: string, text: string, language: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language,
    published: null,
    duplicateOf: null,
  });
  const ru = analyzeFraming([
    mk('r1', 'Диктатор Арзу Каримов выступил в парламенте. Режим Каримова отрицает обвинения.', 'ru'),
    mk('r2', 'Президент Арзу Каримов выступил в парламенте. Правительство Каримова отрицает обвинения.', 'ru'),
    mk('r3', 'Президент Арзу Каримов выступил с речью.', 'ru'),
  ]);
  assert.ok(
    ru.some((i) => i.article === 'r1' && i.term === 'Диктатор' && i.refersTo === 'Арзу Каримов'),
    JSON.stringify(ru),
  );
  assert.ok(
    ru.some((i) => i.article === 'r1' && i.term === 'Режим' && i.refersTo === "Арзу Каримов's government"),
    JSON.stringify(ru),
  );
  const de = analyzeFraming([
    mk('d1', 'Der Diktator Arzu Karimov sprach vor dem Parlament. Das Regime von Karimov weist die Vorwürfe zurück.', 'de'),
    mk('d2', 'Der Präsident Arzu Karimov sprach vor dem Parlament. Die Regierung von Karimov weist die Vorwürfe zurück.', 'de'),
    mk('d3', 'Präsident Arzu Karimov hielt eine Rede.', 'de'),
  ]);
  const reg = de.find((i) => i.article === 'd1' && i.term === 'Regime');
  assert.ok(reg, JSON.stringify(de));
  assert.equal(reg.refersTo, "Arzu Karimov's government");
  assert.deepEqual(reg.counterparts, ['Regierung']);
});

test('a hedge is a row only against the same claim stated plainly, and shows the two claims', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published: null,
    duplicateOf: null,
  });
  const items = analyzeFraming([
    mk(
      'h1',
      'The storm hit the coast on Monday. In a statement on Tuesday, the utility reportedly cut power to 40,000 homes in Marlow county.',
    ),
    mk('h2', 'The storm hit the coast on Monday. The utility cut power to 40,000 homes in Marlow county, leaving schools closed.'),
    mk('h3', 'The storm hit the coast on Monday. The mayor reportedly plans to resign next week over the flood response.'),
  ]);
  const hedges = items.filter((i) => i.kind === 'hedge');
  assert.equal(hedges.length, 1, JSON.stringify(items));
  assert.equal(hedges[0].article, 'h1');
  assert.equal(hedges[0].term, 'the utility reportedly cut power to 40,000 homes in Marlow county');
  assert.deepEqual(hedges[0].counterparts, ['The utility cut power to 40,000 homes in Marlow county']);
  checkRows(items);
});

test('the same loaded label for the same referent twice in one article is one row', () => {
  const mk = (id: string, text: string): AnalysisArticle => ({
    id,
    title: null,
    text,
    outlet: null,
    country: null,
    language: 'en',
    published: null,
    duplicateOf: null,
  });
  const items = analyzeFraming([
    mk('d1', 'Ruritanian dictator Anton Vasko closed the border on Friday. Later the dictator Vasko addressed the nation.'),
    mk('d2', 'Ruritanian President Anton Vasko closed the border on Friday, officials said.'),
    mk('d3', 'President Anton Vasko of Ruritania closed the border on Friday.'),
  ]);
  const rows = items.filter((i) => i.article === 'd1' && i.term.toLowerCase() === 'dictator');
  assert.equal(rows.length, 1, JSON.stringify(items));
  assert.ok(rows[0].counterparts?.some((c) => /president/i.test(c)));
  checkRows(items);
});

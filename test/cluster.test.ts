/** cluster/: same event joins, same topic but different event stays apart, stable ids, Unicode tokens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterFeatures, clusterInMemory, decideStory, rareShared, tokenize, dayGap, timeFactor, DEFAULTS } from '../src/cluster/index.ts';
import { dateMentions, nameTokens, numbers } from '../src/cluster/text.ts';
import { runCli, tempDir } from './helpers.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
interface Fixture {
  id: string;
  event: string;
  published: string | null;
  title: string;
  text: string;
}
const ARTICLES = (JSON.parse(readFileSync(join(HERE, 'fixtures', 'cluster', 'articles.json'), 'utf8')) as { articles: Fixture[] }).articles;

/** The partition as sorted groups of ids. */
function groups(assign: Map<string, string>): string[][] {
  const by = new Map<string, string[]>();
  for (const [a, s] of assign) by.set(s, [...(by.get(s) ?? []), a]);
  return [...by.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
const goldGroups = (arts: Fixture[]) => groups(new Map(arts.map((a) => [a.id, a.event])));

for (const dated of [true, false]) {
  const label = dated ? 'with dates' : 'without dates';
  const arts = ARTICLES.map((a) => ({ ...a, published: dated ? a.published : null }));

  test(`same event in different words joins one story, two earthquakes and two trials stay apart (${label})`, () => {
    assert.deepEqual(groups(clusterInMemory(arts)), goldGroups(arts));
  });

  test(`the grouping does not depend on arrival order (${label})`, () => {
    const reversed = [...arts].reverse();
    const interleaved = [...arts.filter((_, i) => i % 2 === 1), ...arts.filter((_, i) => i % 2 === 0)];
    assert.deepEqual(groups(clusterInMemory(reversed)), goldGroups(arts));
    assert.deepEqual(groups(clusterInMemory(interleaved)), goldGroups(arts));
  });
}

test('two earthquakes alone (no other stories to learn word weights from) stay apart', () => {
  const quakes = ARTICLES.filter((a) => a.event.startsWith('quake')).map((a) => ({ ...a, published: null }));
  assert.deepEqual(groups(clusterInMemory(quakes)), goldGroups(quakes));
});

test('the same text published ten days later is a different story; one day later it is the same', () => {
  const a = ARTICLES[0];
  const later = (days: number) => new Date(Date.parse(a.published!) + days * 86400000).toISOString().slice(0, 10);
  const r10 = clusterInMemory([a, { ...ARTICLES[1], id: 'x', published: later(10) }]);
  assert.notEqual(r10.get('x'), r10.get(a.id));
  const r1 = clusterInMemory([a, { ...ARTICLES[1], id: 'x', published: later(1) }]);
  assert.equal(r1.get('x'), r1.get(a.id));
  assert.equal(dayGap(later(5), { first: a.published, last: later(2) }), 3);
});

test('a story keeps the id of its first article in memory', () => {
  const r = clusterInMemory(ARTICLES);
  assert.equal(r.get('quake-nepal-2'), 'quake-nepal-1');
  assert.equal(r.get('trial-vrabie-2'), 'trial-vrabie-1');
});

test('through the pipeline, a story id stays the same when later articles join it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const line = (a: Fixture) => JSON.stringify({ id: a.id, title: a.title, text: a.text, published: a.published, outlet: 'Test' });
    const f1 = join(dir, 'one.jsonl');
    const f2 = join(dir, 'two.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(f1, [ARTICLES[0], ARTICLES[4]].map(line).join('\n') + '\n');
    writeFileSync(f2, [ARTICLES[1], ARTICLES[2], ARTICLES[5]].map(line).join('\n') + '\n');
    assert.equal((await runCli(['ingest', f1, '--db', db, '--json'])).code, 0);
    const storyOf = async (id: string) =>
      (JSON.parse((await runCli(['article', id, '--json', '--db', db])).stdout) as { storyId: string }).storyId;
    const nepal = await storyOf('quake-nepal-1');
    const ellery = await storyOf('trial-ellery-1');
    assert.notEqual(nepal, ellery);
    assert.equal((await runCli(['ingest', f2, '--db', db, '--json'])).code, 0);
    assert.equal(await storyOf('quake-nepal-1'), nepal);
    assert.equal(await storyOf('quake-nepal-2'), nepal);
    assert.equal(await storyOf('trial-ellery-2'), ellery);
    const japan = await storyOf('quake-japan-1');
    assert.ok(japan !== nepal && japan !== ellery);
  } finally {
    cleanup();
  }
});

test('tokens fold diacritics and case, and split unspaced scripts into bigrams', () => {
  assert.deepEqual(tokenize('São Paulo ÉLECTIONS'), tokenize('Sao paulo elections'));
  assert.ok(tokenize('Zürich').includes('zurich'));
  assert.deepEqual(tokenize('東京地震'), ['東京', '京地', '地震']);
  // Other scripts are transliterated, so names meet across scripts and conventions.
  assert.deepEqual(tokenize('Землетрясение в Турции'), tokenize('Zemletriasenie v Turtsii'));
  assert.ok(nameTokens('Глава Венесуэлы Николас Мадуро заявил').includes('maduro'));
  assert.deepEqual(nameTokens("Netan'yakhu met Zelenskiy"), nameTokens('Netanyahu met Zelensky'));
  assert.ok(nameTokens('Премьер Израиля Нетаньяху заявил').includes('netanyahu'));
  assert.ok(nameTokens('Президент Украины Зеленский заявил').includes(nameTokens('President Zelensky said').at(-1)!));
});

test('names: capitalized words, not sentence-initial common words; numbers normalized', () => {
  const names = nameTokens('Rescuers reached Jajarkot on Tuesday. Officials said Maria Lopez of the Red Cross arrived.');
  assert.ok(names.includes('jajarkot'));
  assert.ok(names.includes('maria') && names.includes('lopez'));
  assert.ok(!names.includes('rescuer') && !names.includes('official'));
  assert.deepEqual(numbers('magnitude 7,2 quake; 1,200 dead; 6.1; 5 injured; 12.000 homes'), ['7.2', '1200', '6.1', '12000']);
  const f = clusterFeatures({
    title: 'Quake Hits Nepal',
    text: 'A quake hit Nepal on Tuesday, killing 23.',
    published: '2026-04-14T05:00:00Z',
  });
  assert.equal(f.published, '2026-04-14');
  // A country is one anchor in every language: Nepal, Népal, Непал.
  assert.ok(f.terms['n:@np'] > 0 && f.terms['#23'] === 1);
  const ru = clusterFeatures({ title: null, text: 'Землетрясение в Непале: погибли 23 человека.', published: null });
  const fr = clusterFeatures({ title: null, text: 'Un séisme au Népal a fait 23 morts. Le Népal et les États-Unis', published: null });
  assert.ok(fr.terms['n:@np'] > 0 && fr.terms['n:@us'] > 0, JSON.stringify(fr.terms));
  assert.ok(ru.terms['#23'] === 1);
});

test('a database clustered before the clustering index existed is indexed once, and new articles join its stories', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const { writeFileSync } = await import('node:fs');
    const line = (a: Fixture) => JSON.stringify({ id: a.id, title: a.title, text: a.text, published: a.published });
    writeFileSync(join(dir, 'one.jsonl'), [ARTICLES[0], ARTICLES[4]].map(line).join('\n') + '\n');
    writeFileSync(join(dir, 'two.jsonl'), line(ARTICLES[1]) + '\n');
    assert.equal((await runCli(['ingest', join(dir, 'one.jsonl'), '--db', db])).code, 0);
    // Simulate the older database: stories and articles, but an empty clustering index.
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec('DELETE FROM cluster_df; DELETE FROM story_features; DELETE FROM cluster_postings_w;');
    raw.close();
    assert.equal((await runCli(['ingest', join(dir, 'two.jsonl'), '--db', db])).code, 0);
    const storyOf = async (id: string) =>
      (JSON.parse((await runCli(['article', id, '--json', '--db', db])).stdout) as { storyId: string }).storyId;
    assert.equal(await storyOf('quake-nepal-2'), await storyOf('quake-nepal-1'));
    assert.notEqual(await storyOf('trial-ellery-1'), await storyOf('quake-nepal-1'));
  } finally {
    cleanup();
  }
});

test('dates mentioned in the text become month-day keys, in several languages and formats', () => {
  assert.deepEqual(dateMentions('It struck on Wednesday, March 11, at dawn.'), ['03-11']);
  assert.deepEqual(dateMentions('le 11 mars 2026; el 11 de marzo; am 11. März'), ['03-11', '03-11', '03-11']);
  assert.deepEqual(dateMentions('Published 11.03.2026, updated 2026-03-12'), ['03-12', '03-11']);
  assert.deepEqual(dateMentions('Officials may 5 times revise it; 14 months later'), []);
  assert.deepEqual(dateMentions('Voting ends May 5th.'), ['05-05']);
});

/** A corpus where the topic's recurring actors are everywhere and this event's people, places and figures are not. */
const RECURRING = (() => {
  const stats = {
    docs: 1000,
    df: { 'n:senate': 300, 'n:biden': 400, 'n:manchin': 6, '#52': 5, 'n:charleston': 4, senat: 350, vote: 300, bill: 250, pipeline: 8 },
  };
  const story = {
    n: 3,
    first: '2026-05-04',
    last: '2026-05-05',
    terms: {
      senat: 0.9,
      vote: 0.9,
      bill: 0.6,
      pipeline: 0.9,
      'n:senate': 0.6,
      'n:biden': 0.6,
      'n:manchin': 0.9,
      '#52': 0.9,
      'n:charleston': 0.6,
    },
  };
  const unit = (v: Record<string, number>) => {
    const n = Math.hypot(...Object.values(v));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / n]));
  };
  return {
    stats,
    story,
    cands: [{ storyId: 's1', features: story }],
    /** Same topic and chamber, another bill: only common actors and topic words in common. */
    topical: unit({ senat: 1, vote: 1, bill: 1, tax: 2, credit: 2, child: 2, 'n:senate': 1, 'n:biden': 1, 'n:warnock': 2, '#48': 2 }),
    /** This event's own senator, town and figure. */
    specific: unit({ pipeline: 1, protest: 2, river: 2, permit: 2, 'n:manchin': 2, '#52': 2, 'n:charleston': 2, 'n:senate': 1 }),
    f: (published: string | null) => ({ terms: {}, names: [], published }),
  };
})();

test('undated: a topical match (common actors only) does not join; one sharing rare names and figures does', () => {
  const { stats, story, cands, topical, specific, f } = RECURRING;
  // Dated within the story's range, the topical match is enough (the date rules out another event of the topic)...
  assert.equal(decideStory(f('2026-05-05'), topical, cands, {}, stats).storyId, 's1');
  // ...undated it is not: nothing but common actors and topic words in common.
  assert.equal(decideStory(f(null), topical, cands, {}, stats).storyId, null);
  // Undated with this event's own names and figures in common, it joins.
  assert.equal(decideStory(f(null), specific, cands, {}, stats).storyId, 's1');
  assert.equal(rareShared(specific, story, stats), 3);
  assert.equal(rareShared(topical, story, stats), 0);
});

test('time is evidence, not a wall: the score halves every halfLife days; a week later the same event joins, a topical match does not', () => {
  const { stats, cands, topical, specific, f } = RECURRING;
  assert.equal(timeFactor(0), 1);
  assert.equal(timeFactor(DEFAULTS.halfLife), 0.5);
  assert.ok(timeFactor(1) < 1 && timeFactor(2) < timeFactor(1) && timeFactor(null) === 1);
  // The day after the story's last article, even a topical match (same chamber, same vote) is likely the same event...
  assert.equal(decideStory(f('2026-05-06'), topical, cands, {}, stats).storyId, 's1');
  // ...and a report of this event three days later joins it (the score has fallen, not vanished)...
  assert.equal(decideStory(f('2026-05-08'), specific, cands, {}, stats).storyId, 's1');
  // ...while eight days later the topic's words and common actors no longer do.
  assert.equal(decideStory(f('2026-05-13'), topical, cands, {}, stats).storyId, null);
  // Beyond the candidate window nothing joins.
  assert.equal(decideStory(f('2026-06-30'), specific, cands, {}, stats).storyId, null);
});

const CONFUSABLE = (JSON.parse(readFileSync(join(HERE, 'fixtures', 'cluster', 'confusable.json'), 'utf8')) as { articles: Fixture[] })
  .articles;

for (const dated of [true, false]) {
  const label = dated ? 'with dates' : 'without dates';
  const arts = CONFUSABLE.map((a) => ({ ...a, published: dated ? a.published : null }));
  test(`same-day events of one topic (two rate decisions, two crashes, two strikes) stay apart and later reports join (${label})`, () => {
    const interleaved = [...arts.filter((_, i) => i % 2 === 1), ...arts.filter((_, i) => i % 2 === 0)];
    for (const order of [arts, [...arts].reverse(), interleaved]) {
      assert.deepEqual(groups(clusterInMemory(order)), goldGroups(arts));
    }
  });
}

test('crowding: a weak match joins a lone candidate story, not one among many live stories of its vocabulary', async () => {
  const { similarity } = await import('../src/cluster/index.ts');
  const unit = (v: Record<string, number>) => {
    const n = Math.hypot(...Object.values(v));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / n]));
  };
  const day = '2026-03-10';
  // One report each so far (a centroid of one unit vector).
  const story = (terms: Record<string, number>) => ({ n: 1, first: day, last: day, terms });
  // An opinion piece on the flood: its own words, little in common with the news report's beyond the topic.
  const article = unit({
    flood: 1,
    river: 0.5,
    negligence: 2,
    budget: 2,
    mayor: 2,
    column: 2,
    drainage: 2,
    council: 2,
    'n:ebro': 0.5,
    'n:aragon': 2,
  });
  const target = story(unit({ flood: 2, river: 2, warning: 1, evacuate: 2, rain: 2, homes: 2, 'n:ebro': 2, 'n:zaragoza': 2 }));
  const sim = similarity(article, target);
  // The premise: a weak match, above the lone-candidate threshold and below the crowded one.
  assert.ok(sim.score > 0.13 && sim.score < 0.2, `score ${sim.score}`);
  const f = { terms: {}, names: [], published: day };
  assert.equal(decideStory(f, article, [{ storyId: 'flood', features: target }]).storyId, 'flood');
  // Seven other stories of the same vocabulary live that day (other rivers, other storms): the weak match no longer decides.
  const others = Array.from({ length: 7 }, (_, i) => ({
    storyId: `other-${i}`,
    features: story(unit({ flood: 1, rain: 2, storm: 2, [`n:town${i}`]: 2, [`#${i + 10}`]: 2 })),
  }));
  assert.equal(decideStory(f, article, [{ storyId: 'flood', features: target }, ...others]).storyId, null);
  // With crowding off, the fixed threshold decides alone (the lone-candidate case again).
  assert.equal(decideStory(f, article, [{ storyId: 'flood', features: target }, ...others], { crowding: 0 }).storyId, 'flood');
});

test('merges: a story whose centroid now matches the joined one merges into it; a who/where conflict or weeks apart does not', async () => {
  const { storiesToMerge, shouldMerge, survivor, mergeFeatures } = await import('../src/cluster/index.ts');
  const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;
  const st = (n: number, d: number, terms: Record<string, number>) => ({ n, first: day(d), last: day(d), terms });
  // The joined story after a bridging article: the strike at the port, its union, its city, its figure.
  const joined = st(3, 10, { strike: 2, port: 2, docker: 1.5, wage: 1, 'n:rotterdam': 2, 'n:fnv': 1.5, '#48': 1 });
  // The same event, told first with other words (the dockers' walkout), one day later.
  const sameEvent = st(2, 11, { strike: 1.2, port: 1.5, docker: 1.5, walkout: 1, 'n:rotterdam': 1.5, 'n:fnv': 1, '#48': 1 });
  // Another port strike: other city, other union, other figure.
  const otherPort = st(2, 10, { strike: 2, port: 2, docker: 1.5, wage: 1, 'n:antwerp': 2, 'n:acv': 1.5, '#72': 1, 'n:belgium': 1 });
  const weeksLater = { ...sameEvent, first: day(30), last: day(30) };
  assert.equal(shouldMerge(joined, sameEvent), true);
  assert.equal(shouldMerge(joined, otherPort), false, 'same topic, other who/where');
  assert.equal(shouldMerge(joined, weeksLater), false, 'beyond the window');
  const cands = [
    { storyId: 'b', features: sameEvent },
    { storyId: 'c', features: otherPort },
  ];
  assert.deepEqual(
    storiesToMerge({ storyId: 'a', features: joined }, cands, ['a', 'b', 'c']).map((c) => c.storyId),
    ['b'],
  );
  // Only stories the article itself matched can be bridged by it.
  assert.deepEqual(storiesToMerge({ storyId: 'a', features: joined }, cands, ['a', 'c']), []);
  assert.equal(survivor({ storyId: 'z', features: joined }, { storyId: 'b', features: sameEvent }), 'z', 'the larger story keeps its id');
  assert.equal(survivor({ storyId: 'z', features: sameEvent }, { storyId: 'b', features: sameEvent }), 'b', 'a tie: the smaller id');
  const m = mergeFeatures(joined, sameEvent);
  assert.deepEqual([m.n, m.first, m.last, m.terms['n:rotterdam']], [5, day(10), day(11), 3.5]);
});

test('with a translation, an article meets the other language on its words; anchors of both texts count', () => {
  const en = {
    title: 'Port workers strike in Valparaiso',
    text: 'Dock workers at the port of Valparaiso went on strike on Monday over wages, halting 40 ships.',
    published: '2026-03-10',
  };
  const es = {
    title: 'Huelga de estibadores en Valparaíso',
    text: 'Los estibadores del puerto de Valparaíso iniciaron el lunes una huelga por salarios que paralizó 40 buques.',
    published: '2026-03-10',
  };
  const translation = {
    title: 'Dockworkers strike in Valparaiso',
    text: 'The dockworkers of the port of Valparaiso began on Monday a strike over wages that halted 40 ships.',
  };
  const alone = clusterFeatures(es);
  const withTr = clusterFeatures(es, translation);
  assert.ok(!alone.terms['strike'] && withTr.terms['strike'] > 0, 'the translation brings the English words');
  assert.ok(withTr.terms['n:valparaiso'] > 0 && withTr.terms['#40'] > 0, 'anchors of both texts');
  assert.ok(!withTr.terms['huelga'], "the original's content words are the translation's");
  const grouped = clusterInMemory([
    { id: 'en', ...en },
    { id: 'es', ...es, translation },
  ]);
  assert.equal(grouped.get('es'), grouped.get('en'));
});

/**
 * Repetition across one outlet's articles, end to end: plain-text articles ingested with their outlet named
 * (JSONL `outlet`) lose a line that recurs across the outlet's earlier articles, once three of them hold it;
 * the section label an article states is stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';

const SLOGAN = 'Baltic Coast Media, your window on the sea';

const BODIES = [
  [
    'Harbour authority approves new ferry terminal in Klaipėda',
    "Klaipėda's harbour authority approved plans on Monday for a new ferry terminal that will double capacity on routes to Germany and Sweden.",
    'Construction is expected to start in autumn and take two years, the authority said.',
  ],
  [
    'Storm closes Curonian Spit road for a second day',
    'High winds and flooding kept the only road along the Curonian Spit closed on Tuesday, and ferries to Smiltynė ran a reduced timetable.',
    'Road crews said sand had covered the road in several places.',
  ],
  [
    'Liepāja port reports record grain exports',
    'The port of Liepāja shipped a record 2.1 million tonnes of grain in the first half of the year, its operator said on Wednesday.',
    'Most of the cargo went to north Africa and the Middle East.',
  ],
  [
    'Fishermen protest new Baltic cod quota',
    'About 200 fishermen sailed into Gdańsk harbour on Thursday to protest a cut in the Baltic cod quota agreed in Brussels.',
    'They said the cut would put small family boats out of business within two years.',
  ],
];

test("a line repeated across an outlet's earlier articles is dropped from its next ones", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const ingest = async (i: number) => {
      const [title, p1, p2] = BODIES[i];
      // The slogan sits between two body paragraphs, where position alone does not mark it.
      const text = [title, p1, SLOGAN, p2].join('\n');
      const f = join(dir, `${i}.jsonl`);
      writeFileSync(f, JSON.stringify({ id: `bcm-${i}`, outlet: 'Baltic Coast Media', country: 'LT', text }) + '\n');
      const r = await runCli(['ingest', f, '--db', db, '--json']);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse((await runCli(['article', `bcm-${i}`, '--db', db, '--json'])).stdout) as { text: string };
    };
    const first = await ingest(0);
    assert.ok(first.text.includes(SLOGAN), 'the first article of an outlet has nothing to compare with');
    await ingest(1);
    await ingest(2);
    const fourth = await ingest(3);
    assert.ok(!fourth.text.includes(SLOGAN), fourth.text);
    assert.ok(fourth.text.includes('About 200 fishermen sailed into Gdańsk harbour'));
    assert.ok(fourth.text.includes('small family boats out of business'));
  } finally {
    cleanup();
  }
});

test("an outlet's body lines are not furniture because two versions of one story repeat them", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const line = 'The bridge will stay shut to lorries.';
    for (let i = 0; i < 3; i++) {
      const text = [
        `Bridge closed after inspection (update ${i + 1})`,
        `Inspectors closed the Vilnius river bridge on Friday after finding cracks in two supports, the city said in update ${i + 1}.`,
        line,
      ].join('\n');
      const f = join(dir, `${i}.jsonl`);
      writeFileSync(f, JSON.stringify({ id: `v-${i}`, outlet: 'Vilnius Daily', text }) + '\n');
      assert.equal((await runCli(['ingest', f, '--db', db])).code, 0);
    }
    // Two earlier versions hold the line: not enough to call it the outlet's furniture.
    const third = JSON.parse((await runCli(['article', 'v-2', '--db', db, '--json'])).stdout) as { text: string };
    assert.ok(third.text.includes(line), third.text);
  } finally {
    cleanup();
  }
});

test('the section label stated beside the byline is stored with the article', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const f = join(dir, 'a.txt');
    writeFileSync(
      f,
      [
        'Harbour authority approves new ferry terminal in Klaipėda',
        'By Rasa Petrauskienė, World',
        "Klaipėda's harbour authority approved plans on Monday for a new ferry terminal that will double capacity on routes to Germany and Sweden.",
        'Construction is expected to start in autumn and take two years, the authority said in a statement on its website.',
      ].join('\n'),
    );
    assert.equal((await runCli(['ingest', f, '--db', db])).code, 0);
    const list = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout) as Array<{ articles: Array<{ id: string }> }>;
    const id = list[0].articles[0].id;
    const a = JSON.parse((await runCli(['article', id, '--db', db, '--json'])).stdout) as { byline: string | null; section: string | null };
    assert.equal(a.byline, 'Rasa Petrauskienė');
    assert.equal(a.section, 'World');
  } finally {
    cleanup();
  }
});

test("country from the URL's country-code domain when no outlet is known; generic ccTLDs say nothing", async () => {
  const { countryForUrl } = await import('../src/pipeline/outlets.ts');
  assert.equal(countryForUrl('https://www.example.com.tr/gundem/haber-1'), 'TR');
  assert.equal(countryForUrl('https://news.example.co.uk/world'), 'GB');
  assert.equal(countryForUrl('https://example.ru/a'), 'RU');
  assert.equal(countryForUrl('https://example.co.ke/a'), 'KE');
  assert.equal(countryForUrl('https://startup.io/blog'), null);
  assert.equal(countryForUrl('https://channel.tv/a'), null);
  assert.equal(countryForUrl('https://example.com/a'), null);
  assert.equal(countryForUrl('not a url'), null);
  assert.equal(countryForUrl(null), null);

  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const f = join(dir, 'a.jsonl');
    const [title, p1, p2] = BODIES[0];
    writeFileSync(
      f,
      [
        JSON.stringify({ id: 'tr-1', url: 'https://haber.example.com.tr/ekonomi/liman-1', title, text: `${p1}\n\n${p2}` }),
        JSON.stringify({
          id: 'io-1',
          url: 'https://blog.example.io/ports',
          title: BODIES[1][0],
          text: `${BODIES[1][1]}\n\n${BODIES[1][2]}`,
        }),
      ].join('\n') + '\n',
    );
    assert.equal((await runCli(['ingest', f, '--db', db])).code, 0);
    const country = async (id: string) =>
      (JSON.parse((await runCli(['article', id, '--db', db, '--json'])).stdout) as { country: string | null }).country;
    assert.equal(await country('tr-1'), 'TR');
    assert.equal(await country('io-1'), null);
  } finally {
    cleanup();
  }
});

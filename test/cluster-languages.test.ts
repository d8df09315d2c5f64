/**
 * Clustering across languages without a translator: the anchors every language writes alike (countries, numbers,
 * dates) are read in each language's own forms, and across languages they carry the match; one story's score is
 * its average link, so a story of unrelated reports does not attract everything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFeatures, clusterInMemory, decideStory, indexKeys, idfFn, similarity } from '../src/cluster/index.ts';
import { sameLanguageShare } from '../src/cluster/story.ts';

const anchors = (f: { terms: Record<string, number> }, prefix: string) =>
  Object.keys(f.terms)
    .filter((k) => k.startsWith(prefix))
    .sort();

test('dates in the text are read in the article language: German, Russian, Arabic, Chinese, Turkish', () => {
  const cases: Array<[string, string, string]> = [
    ['de', 'Das Beben vom 3. März zerstörte die Altstadt von Bam.', 'd:03-03'],
    ['ru', 'Землетрясение 3 марта разрушило старый город Бам.', 'd:03-03'],
    ['ar', 'دمر زلزال 3 مارس المدينة القديمة في بم.', 'd:03-03'],
    ['zh', '3月3日的地震摧毁了巴姆古城。', 'd:03-03'],
    ['tr', 'Bam kentindeki deprem 3 Mart günü eski şehri yıktı.', 'd:03-03'],
  ];
  for (const [language, text, key] of cases) {
    const f = clusterFeatures({ title: null, text, published: '2026-03-05', language });
    assert.deepEqual(anchors(f, 'd:'), [key], `${language}: ${text}`);
  }
});

test('countries named in inflected, affixed and unspaced forms are one anchor per country', () => {
  const ru = clusterFeatures({
    title: null,
    text: 'Делегация Украины прибыла в Турцию, сообщил МИД Франции.',
    published: null,
    language: 'ru',
  });
  assert.deepEqual(anchors(ru, 'n:@'), ['n:@fr', 'n:@tr', 'n:@ua']);
  // و "and" and ال "the" written onto the name; the adjective ending ـية (Turkish, fem.).
  const ar = clusterFeatures({
    title: null,
    text: 'وصل وفد من أوكرانيا والمغرب إلى العاصمة التركية أنقرة.',
    published: null,
    language: 'ar',
  });
  assert.deepEqual(anchors(ar, 'n:@'), ['n:@ma', 'n:@tr', 'n:@ua']);
  const zh = clusterFeatures({ title: null, text: '乌克兰代表团抵达土耳其，法国外交部表示。', published: null, language: 'zh' });
  assert.deepEqual(anchors(zh, 'n:@'), ['n:@fr', 'n:@tr', 'n:@ua']);
  // A Russian word that merely starts like a country stays a word; a lower-case word is no name.
  const plain = clusterFeatures({ title: null, text: 'Франциско приехал на турнир.', published: null, language: 'ru' });
  assert.deepEqual(anchors(plain, 'n:@'), []);
});

test('an article whose words outrank its anchors still posts its countries, numbers and dates to the index', () => {
  const text = '乌克兰代表团于3月3日抵达土耳其，双方签署了12项协议，涉及粮食运输、港口安全、能源合作和战俘交换等议题，会谈持续了整整一天。';
  const f = clusterFeatures({ title: null, text, published: '2026-03-04', language: 'zh' });
  const keys = indexKeys(f, idfFn({ docs: 1000, df: { 'n:@ua': 300, 'n:@tr': 300, '#12': 400, 'd:03-03': 200 } }));
  for (const k of ['n:@ua', 'n:@tr', '#12', 'd:03-03']) assert.ok(keys.includes(k), `${k} in ${keys.join(' ')}`);
});

test('across languages the anchors decide: with three or more shared ones an article joins, with only topic words it does not', () => {
  const story = {
    n: 2,
    first: '2026-03-03',
    last: '2026-03-03',
    terms: { earthquak: 1, kill: 0.8, 'n:@ir': 1, 'n:bam': 1, '#41': 1, 'd:03-03': 1 },
    langs: { en: 2 },
  };
  const zh = { 地震: 0.5, 造成: 0.5, 'n:@ir': 0.4, '#41': 0.4, 'd:03-03': 0.4 };
  assert.equal(sameLanguageShare(story, 'zh'), 0);
  assert.equal(sameLanguageShare(story, 'en'), 1);
  assert.equal(sameLanguageShare(story, null), 1);
  const across = similarity(zh, story, {}, 0);
  assert.ok(across.score > 0.3, `anchors carry the score across languages: ${across.score}`);
  assert.ok(across.anchors !== null && Math.abs(across.score - across.anchors) < 1e-9, 'the anchors cosine alone');
  assert.equal(decideStory({ published: '2026-03-03', lang: 'zh' }, zh, [{ storyId: 's', features: story }]).storyId, 's');
  // Two anchors are not enough to stand for the event (a country and a year are shared by many events).
  const thin = { 地震: 0.7, 'n:@ir': 0.5, '#41': 0.5 };
  assert.equal(decideStory({ published: '2026-03-03', lang: 'zh' }, thin, [{ storyId: 's', features: story }]).storyId, null);
});

test('a story of unrelated reports scores by its average link: it does not gain √n against a new article', () => {
  const unit = (v: Record<string, number>) => {
    const n = Math.hypot(...Object.values(v));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / n]));
  };
  // Nine reports on different days' news of one country: each shares "kabul" and little else.
  const members = Array.from({ length: 9 }, (_, i) => unit({ kabul: 1, [`w${i}a`]: 2, [`w${i}b`]: 2, [`n:p${i}`]: 2 }));
  const terms: Record<string, number> = {};
  for (const m of members) for (const [k, x] of Object.entries(m)) terms[k] = (terms[k] ?? 0) + x;
  const story = { n: 9, first: '2026-03-03', last: '2026-03-03', terms };
  const article = unit({ kabul: 1, x1: 2, x2: 2, 'n:q': 2 });
  const centroid = similarity(article, story, { coherence: 0 }).score;
  const average = similarity(article, story).score;
  assert.ok(average < centroid / 2, `average link ${average} vs centroid ${centroid}`);
  assert.equal(decideStory({ published: '2026-03-03' }, article, [{ storyId: 's', features: story }]).storyId, null);
});

test('seven reports of one event in seven languages, with no translator, are one story in memory', () => {
  const day = '2026-03-04';
  const texts: Record<string, [string, string]> = {
    en: [
      'Earthquake kills 41 in Iran',
      'An earthquake of magnitude 6.1 struck near Bam in Iran on March 3, killing 41 people, Iranian state media said. Rescuers from Turkey arrived.',
    ],
    es: [
      'Un terremoto mata a 41 personas en Irán',
      'Un terremoto de magnitud 6,1 sacudió cerca de Bam, en Irán, el 3 de marzo y causó 41 muertos, según medios estatales. Llegaron rescatistas de Turquía.',
    ],
    de: [
      'Erdbeben tötet 41 Menschen im Iran',
      'Ein Erdbeben der Stärke 6,1 hat am 3. März nahe Bam im Iran 41 Menschen getötet, berichteten Staatsmedien. Helfer aus der Türkei trafen ein.',
    ],
    ru: [
      'Землетрясение в Иране унесло 41 жизнь',
      'Землетрясение магнитудой 6,1 произошло 3 марта близ Бама в Иране, погиб 41 человек, сообщили государственные СМИ. Прибыли спасатели из Турции.',
    ],
    ar: [
      'زلزال يقتل 41 شخصا في إيران',
      'ضرب زلزال بقوة 6.1 درجة قرب بم في إيران في 3 مارس وأودى بحياة 41 شخصا، بحسب وسائل الإعلام الرسمية. ووصل منقذون من تركيا.',
    ],
    zh: ['伊朗地震造成41人死亡', '据官方媒体报道，3月3日伊朗巴姆附近发生6.1级地震，造成41人死亡。来自土耳其的救援人员已抵达。'],
    tr: [
      "İran'da deprem 41 can aldı",
      "İran'da Bam yakınlarında 3 Mart'ta 6,1 büyüklüğünde deprem meydana geldi, 41 kişi öldü. Türkiye'den kurtarma ekipleri ulaştı.",
    ],
  };
  // A second event of the same week in the same languages' press: a flood in Pakistan.
  const other: Record<string, [string, string]> = {
    en: [
      'Floods kill 12 in Pakistan',
      'Floods in Pakistan killed 12 people in Sindh province on March 2, officials said, and 3,000 homes were damaged.',
    ],
    ru: [
      'Наводнение в Пакистане унесло 12 жизней',
      'Наводнение в пакистанской провинции Синд 2 марта унесло жизни 12 человек, повреждены 3000 домов, сообщили власти Пакистана.',
    ],
  };
  const articles = [
    ...Object.entries(texts).map(([language, [title, text]]) => ({ id: `quake-${language}`, title, text, published: day, language })),
    ...Object.entries(other).map(([language, [title, text]]) => ({ id: `flood-${language}`, title, text, published: day, language })),
  ];
  const out = clusterInMemory(articles);
  const quake = new Set(Object.keys(texts).map((l) => out.get(`quake-${l}`)));
  assert.equal(quake.size, 1, JSON.stringify([...out]));
  const flood = new Set(Object.keys(other).map((l) => out.get(`flood-${l}`)));
  assert.equal(flood.size, 1, JSON.stringify([...out]));
  assert.ok(![...quake].some((s) => flood.has(s)), 'two events stay apart');
});

/**
 * Entities across more scripts: one meeting (Trump and Putin in Alaska) told in English, Russian, Greek, Hebrew,
 * Hindi and Arabic. Each person is one entity whatever the script writes (Трамп, Τραμπ, טראמפ, ट्रंप = Trump;
 * Μπάιντεν = Biden), and the reports' common words (president, meeting, talks, Friday) join no one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { extractEntities, knownNameWords, sentenceMentions, uncasedMentions, type KnownName } from '../src/analyze/entities.ts';
import type { Entity } from '../src/report.ts';

const REPORTS: Record<string, [string, string]> = {
  en: [
    'Trump and Putin meet in Alaska without a deal on Ukraine',
    'President Donald Trump and Russian President Vladimir Putin met for nearly three hours at a military base in Anchorage, Alaska, ' +
      'on Friday. Trump said the talks were productive but that no agreement on a ceasefire in Ukraine had been reached. Putin ' +
      'invited Trump to hold the next meeting in Moscow. Ukrainian President Volodymyr Zelensky was not invited to the summit. ' +
      'Trump repeated that the war would never have started if he, not Joe Biden, had been president.',
  ],
  ru: [
    'Путин и Трамп провели переговоры на Аляске',
    'Президент России Владимир Путин и президент США Дональд Трамп в пятницу провели переговоры в Анкоридже. Встреча ' +
      'продолжалась почти три часа. Путин предложил Трампу провести следующую встречу в Москве. Трамп назвал переговоры ' +
      'продуктивными, но соглашения о прекращении огня на Украине достичь не удалось. Зеленского на саммит не пригласили.',
  ],
  el: [
    'Συνάντηση Τραμπ και Πούτιν στην Αλάσκα χωρίς συμφωνία',
    'Ο Αμερικανός πρόεδρος Ντόναλντ Τραμπ και ο Ρώσος πρόεδρος Βλαντιμίρ Πούτιν συναντήθηκαν την Παρασκευή στο Άνκορατζ ' +
      'της Αλάσκας. Ο Τραμπ δήλωσε ότι οι συνομιλίες ήταν παραγωγικές, αλλά δεν υπήρξε συμφωνία για εκεχειρία στην Ουκρανία. ' +
      'Ο Πούτιν κάλεσε τον Τραμπ στη Μόσχα για την επόμενη συνάντηση. ' +
      'Ο Τραμπ επανέλαβε ότι ο πόλεμος δεν θα είχε ξεκινήσει αν πρόεδρος ήταν ο ίδιος και όχι ο Μπάιντεν. ' +
      'Ο Ζελένσκι δεν προσκλήθηκε στη σύνοδο.',
  ],
  he: [
    'טראמפ ופוטין נפגשו באלסקה ללא הסכם',
    'נשיא ארצות הברית דונלד טראמפ ונשיא רוסיה ולדימיר פוטין נפגשו ביום שישי בבסיס צבאי באנקורג׳ שבאלסקה. הפגישה ' +
      'נמשכה כשלוש שעות. טראמפ אמר כי השיחות היו פוריות, אך לא הושג הסכם על הפסקת אש באוקראינה. פוטין הזמין את טראמפ ' +
      'לפגישה הבאה במוסקבה. זלנסקי לא הוזמן לפסגה.',
  ],
  hi: [
    'अलास्का में ट्रंप और पुतिन की मुलाकात, यूक्रेन पर कोई समझौता नहीं',
    'अमेरिकी राष्ट्रपति डोनाल्ड ट्रंप और रूसी राष्ट्रपति व्लादिमीर पुतिन ने शुक्रवार को अलास्का के एंकरेज में लगभग तीन घंटे ' +
      'तक बातचीत की। ट्रंप ने कहा कि बातचीत अच्छी रही, लेकिन युद्धविराम पर कोई समझौता नहीं हुआ। पुतिन ने ट्रंप को अगली बैठक ' +
      'के लिए मॉस्को आमंत्रित किया। यूक्रेन के राष्ट्रपति ज़ेलेंस्की को शिखर सम्मेलन में नहीं बुलाया गया था।',
  ],
  ar: [
    'ترامب وبوتين يلتقيان في ألاسكا دون اتفاق',
    'التقى الرئيس الأمريكي دونالد ترامب والرئيس الروسي فلاديمير بوتين يوم الجمعة في قاعدة عسكرية بولاية ألاسكا. وقال ترامب ' +
      'إن المحادثات كانت مثمرة، لكن لم يتم التوصل إلى اتفاق لوقف إطلاق النار في أوكرانيا. ولم تتم دعوة زيلينسكي إلى القمة.',
  ],
};

function articles(langs: string[]): AnalysisArticle[] {
  return langs.map((lang) => {
    const [title, text] = REPORTS[lang];
    return { id: lang, title, text, outlet: null, country: null, language: lang, published: '2025-08-15T22:00:00Z', duplicateOf: null };
  });
}

const NOW = new Date('2025-08-16T12:00:00Z');

function entityNamed(entities: Entity[], form: string): Entity {
  const e = entities.filter((x) => x.name === form || (x.aliases ?? []).includes(form));
  assert.equal(e.length, 1, `one entity written ${form}: ${JSON.stringify(entities.map((x) => [x.name, x.aliases]))}`);
  return e[0];
}

/** The person's forms in each script: every one is an alias of one entity, and every alias writes one of them. */
const PEOPLE: Array<[string, string[], string[]]> = [
  ['Donald Trump', ['Трамп', 'Τραμπ', 'טראמפ', 'ट्रंप', 'ترامب'], ['en', 'ru', 'el', 'he', 'hi', 'ar']],
  ['Vladimir Putin', ['Путин', 'Πούτιν', 'פוטין', 'पुतिन', 'فلاديمير بوتين'], ['en', 'ru', 'el', 'he', 'hi', 'ar']],
  ['Volodymyr Zelensky', ['Зеленского', 'Ζελένσκι', 'זלנסקי', 'ज़ेलेंस्की', 'زيلينسكي'], ['en', 'ru', 'el', 'he', 'hi', 'ar']],
  ['Joe Biden', ['Μπάιντεν'], ['en', 'el']],
];

test('one meeting in six languages and six scripts: each person is one entity, in Cyrillic, Greek, Hebrew, Devanagari and Arabic', () => {
  const { entities } = analyzeStory(articles(['en', 'ru', 'el', 'he', 'hi', 'ar']), { now: NOW });
  for (const [latin, forms, langs] of PEOPLE) {
    const e = entityNamed(entities, latin);
    assert.equal(e.name, latin, 'named as the English report writes it');
    assert.equal(e.type, 'person', latin);
    assert.deepEqual([...e.articles].sort(), [...langs].sort(), latin);
    for (const f of forms) assert.equal(entityNamed(entities, f), e, `${f} = ${latin}`);
    // no common word joined the person: every form of it writes the name in one script or another
    const stems = [latin.split(' ')[1], ...forms.map((f) => f.slice(0, 4))];
    for (const a of e.aliases ?? [])
      assert.ok(
        stems.some((s) => a.includes(s)),
        `${latin}: ${a}`,
      );
  }
  assert.equal(entityNamed(entities, 'Ντόναλντ Τραμπ').name, 'Donald Trump');
  assert.equal(entityNamed(entities, 'व्लादिमीर पुतिन').name, 'Vladimir Putin');
  assert.equal(entityNamed(entities, 'यूक्रेन').name, 'Ukraine');
  // the reports' own words for president, meeting, talks and Friday are no entity's name or alias
  for (const word of ['נשיא', 'הפגישה', 'राष्ट्रपति', 'बातचीत', 'शुक्रवार', 'Встреча', 'Παρασκευή', 'الرئيس'])
    assert.ok(!entities.some((e) => e.name.includes(word) || e.aliases?.some((a) => a.includes(word))), word);
});

test('Cyrillic and Greek names join the Latin one by how their script writes it (Трамп = Trump, Μπάιντεν = Biden)', () => {
  const docs = ['en', 'ru', 'el'].map((id) => ({ id, sentences: REPORTS[id][1].split(/(?<=\.) /) }));
  const entities = extractEntities(docs);
  const of = (form: string) => entities.filter((e) => e.name === form || e.aliases.includes(form));
  for (const [latin, forms] of [
    ['Donald Trump', ['Трамп', 'Τραμπ', 'Ντόναλντ Τραμπ']],
    ['Vladimir Putin', ['Путин', 'Πούτιν', 'Βλαντιμίρ Πούτιν']],
    ['Joe Biden', ['Μπάιντεν']],
    ['Volodymyr Zelensky', ['Зеленского', 'Ζελένσκι']],
  ] as const) {
    assert.equal(of(latin).length, 1, latin);
    for (const f of forms) assert.deepEqual(of(f), of(latin), `${f} = ${latin}`);
  }
  // Greek and Russian capitalized common words (Friday, American, meeting) stay apart from every person
  for (const word of ['Παρασκευή', 'Αμερικανός', 'Встреча'])
    assert.ok(
      of(word).every((e) => e.type !== 'person' && e.aliases.length === 0),
      word,
    );
});

test('Hebrew and Devanagari words are read as the Latin names of the story; a prefix ("and") starts another name', () => {
  const en = REPORTS.en[1].split(/(?<=\.) /);
  const lower = new Set(en.join(' ').match(/\b\p{Ll}+\b/gu) ?? []);
  const known: KnownName[] = knownNameWords(en.flatMap((s, i) => sentenceMentions('en', i, s, lower)));
  const read = (sentence: string) => uncasedMentions('x', 0, sentence, known, new Map()).map((m) => [m.surface, m.as]);
  assert.deepEqual(read('טראמפ ופוטין נפגשו באלסקה'), [
    ['טראמפ', ['Trump']],
    ['ופוטין', ['Putin']],
    ['באלסקה', ['Alaska']],
  ]);
  assert.deepEqual(read('אמריקה: נשיא ארצות הברית דונלד טראמפ נפגש עם ולדימיר פוטין'), [
    ['דונלד טראמפ', ['Donald', 'Trump']],
    ['ולדימיר פוטין', ['Vladimir', 'Putin']],
  ]);
  assert.deepEqual(read('राष्ट्रपति डोनाल्ड ट्रंप ने पुतिन से अलास्का में बातचीत की।'), [
    ['डोनाल्ड ट्रंप', ['Donald', 'Trump']],
    ['पुतिन', ['Putin']],
    ['अलास्का', ['Alaska']],
  ]);
  assert.deepEqual(read('ترامب وبوتين يلتقيان'), [
    ['ترامب', ['Trump']],
    ['وبوتين', ['Putin']],
  ]);
});

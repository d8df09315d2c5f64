/** Word lists kept as data (src/extract/lists.ts) and the furniture patterns built from them (html/furniture-words.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { alternation, loadWordLists, phraseSource } from '../src/extract/lists.ts';
import { furniturePatterns } from '../src/extract/html/furniture-words.ts';
import { filterBlocks } from '../src/extract/html/furniture.ts';

const FURNITURE = new URL('../src/extract/html/data/furniture/', import.meta.url);

test('phrases are escaped literals; the notation adds letters, bounded gaps and spaced slashes', () => {
  assert.equal(phraseSource('abb.'), 'abb\\.');
  assert.equal(phraseSource('ansprechpartner*'), 'ansprechpartner\\w*');
  assert.equal(phraseSource('jan*', { star: '\\p{L}*' }), 'jan\\p{L}*');
  assert.equal(phraseSource('foto/grafik'), 'foto\\s*\\/\\s*grafik');
  assert.equal(phraseSource('wurde unter … abgelegt', { gap: '.{1,100}' }), 'wurde unter\\b.{1,100}\\babgelegt');
  assert.throws(() => phraseSource('a … b'), /gap/);
  assert.equal(alternation(['a+b', '(c)', 'a+b']), '(?:a\\+b|\\(c\\))');
  assert.throws(() => alternation([]), /empty/);
  assert.throws(() => alternation(undefined), /empty/);
});

test('every furniture file is one language: an about line, its code and lists of phrases, merged by name', () => {
  const files = readdirSync(FURNITURE).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 8, `${files.length} files`);
  const total = new Map<string, number>();
  for (const f of files) {
    const d = JSON.parse(readFileSync(new URL(f, FURNITURE), 'utf8')) as Record<string, unknown>;
    assert.equal(`${d.language as string}.json`, f);
    assert.equal(typeof d.about, 'string');
    for (const [k, v] of Object.entries(d)) {
      if (k === 'about' || k === 'language') continue;
      assert.ok(Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.trim() === x && x !== ''), `${f}: ${k}`);
      total.set(k, (total.get(k) ?? 0) + (v as string[]).length);
    }
  }
  const lists = loadWordLists(FURNITURE);
  for (const [k, n] of total) assert.equal(lists[k].length, n, k);
});

test('the furniture patterns recognize furniture lines of several languages and leave prose alone', () => {
  const P = furniturePatterns();
  const yes: [RegExp, string][] = [
    [P.shareLine, 'Link kopieren'],
    [P.shareLine, 'Partager sur Facebook'],
    [P.bylineLine, 'Von Max Muster und Erika Beispiel'],
    [P.notice, 'Melden Sie sich für unseren Newsletter an'],
    [P.notice, 'Suivez-nous sur les réseaux'],
    [P.credit, 'Foto: Stadtarchiv Musterstadt'],
    [P.credit, 'Crédit photo : Jean Dupont'],
    [P.figureCaption, 'Abb. 3: Der neue Bahnhof'],
    [P.figureCaption, 'Der Hafen bei Nacht / Foto: Max Muster / pixelio.de'],
    [P.captionTail, 'Der Bürgermeister bei der Eröffnung (Foto / Grafik: Stadtwerke)'],
    [P.captionTail, 'Vergrößern Der Marktplatz'],
    [P.readingTime, 'Lesezeit: ca. 4 Minuten'],
    [P.readingTime, '11 minut czytania'],
    [P.labelLine, 'Ansprechpartnerin: Erika Beispiel'],
    [P.dateWords, 'Dezember'],
    [P.monthAbbreviation, 'Okt.'],
    [P.endMarker, 'Dieser Eintrag wurde unter Allgemein, Politik abgelegt.'],
    [P.endMarker, 'Liken Lade …'],
    [P.endMarker, 'If you enjoyed reading this, please consider a gift'],
    [P.endMarker, '¿Te ha resultado útil esta noticia?'],
  ];
  for (const [re, line] of yes) assert.ok(re.test(line), `${re.source.slice(0, 40)}… on "${line}"`);
  const no: [RegExp, string][] = [
    [P.shareLine, 'Shareholders voted against the plan on Tuesday.'],
    [P.bylineLine, 'Von Montag an gilt der neue Fahrplan.'],
    [P.labelLine, 'Tel. 030 123456'],
    [P.dateWords, 'Hafen'],
    [P.endMarker, 'The council posted a deficit in 2023 and said it would cut spending.'],
  ];
  for (const [re, line] of no) assert.ok(!re.test(line), `${re.source.slice(0, 40)}… on "${line}"`);
});

test('the patterns stay linear on long runs of their own words', () => {
  const P = furniturePatterns();
  const line = 'wurde unter '.repeat(2000) + 'x'.repeat(5000);
  const t0 = performance.now();
  for (const re of Object.values(P)) re.test(line);
  assert.ok(performance.now() - t0 < 2000);
});

test('a German page: credit, reading time, date and filing lines go, the text stays', () => {
  const prose =
    'Der Stadtrat hat am Dienstag beschlossen, den Busbahnhof bis zum Sommer zu erneuern. Die Arbeiten beginnen im März und ' +
    'sollen den Verkehr in der Innenstadt nur wenig stören, sagte die Bürgermeisterin nach der Sitzung.';
  const blocks = [
    { kind: 'paragraph' as const, text: 'Lesezeit: 3 Minuten', link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: '24. Mai 2022', link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: prose, link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: 'Foto: Stadtarchiv', link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: prose.replace('Dienstag', 'Mittwoch'), link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: 'Dieser Beitrag wurde unter Lokales abgelegt.', link: 0, tag: 'p' },
    { kind: 'paragraph' as const, text: 'Ein weiterer Absatz nach dem Ende, der nicht mehr zum Artikel gehört.', link: 0, tag: 'p' },
  ];
  const out = filterBlocks(blocks).blocks.map((b) => b.text);
  assert.deepEqual(out, [prose, prose.replace('Dienstag', 'Mittwoch')]);
});

test('the plain-text lexicon is data: one file per language, known lists only, phrases that tag their language', async () => {
  const dir = new URL('../src/extract/text/data/lexicon/', import.meta.url);
  const known = new Set(['share', 'ad', 'related', 'subscribe', 'comment', 'donate', 'app', 'legal', 'media', 'nav', 'thanks']);
  for (const k of ['weak', 'sectionLabels', 'readerAddress', 'bylinePrefixes', 'bylineAffiliations', 'ctaVerbs', 'stopwords']) known.add(k);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 15, `${files.length} files`);
  for (const f of files) {
    const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>;
    assert.equal(`${d.language as string}.json`, f);
    for (const k of Object.keys(d)) assert.ok(k === 'about' || k === 'language' || known.has(k), `${f}: ${k}`);
  }
  const { ctaHits, wordTokens, BYLINE_PREFIX, CTA_VERBS, STOPWORDS } = await import('../src/extract/text/lexicon.ts');
  const hits = (s: string) => ctaHits(wordTokens(s)).map((h) => `${h.kind}/${h.lang}/${h.weak ? 'weak' : 'strong'}`);
  assert.deepEqual(hits('Lesen Sie auch'), ['related/de/strong']);
  assert.deepEqual(hits('Читайте также'), ['related/ru/strong']);
  assert.deepEqual(hits('Facebook'), ['share//weak']);
  assert.deepEqual(hits('Photo'), ['media/en/weak', 'media/fr/weak']);
  assert.ok(BYLINE_PREFIX.test('Autorin: Erika Beispiel') && BYLINE_PREFIX.test('Por Juan Pérez') && !BYLINE_PREFIX.test('Byzantine art'));
  assert.ok(CTA_VERBS.has(wordTokens('Téléchargez')[0]) && STOPWORDS.de.has('und') && !STOPWORDS.de.has('the'));
});

/**
 * Quotes with speakers in other languages (test/fixtures/multilingual/quotes: Putin and Maduro quoted in en, es, fr,
 * de, ru, ar, zh): each language's quote marks and reporting verbs, the speaker named after the quote (", dijo
 * Putin") or before it ("Maduro afirmó: «…»", "وقال بوتين: «…»", "普京表示：“…”"), resolved to the story's entity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { reportedSpeech } from '../src/analyze/quotes-locale.ts';
import { createLocales } from '../src/text/index.ts';
import type { StoryAnalysis } from '../src/report.ts';

const LANGS = ['en', 'es', 'fr', 'de', 'ru', 'ar', 'zh'];

function analysis(): StoryAnalysis {
  const articles: AnalysisArticle[] = LANGS.map((lang) => {
    const [title, ...rest] = readFileSync(new URL(`./fixtures/multilingual/quotes/${lang}.txt`, import.meta.url), 'utf8').split('\n');
    return {
      id: lang,
      title,
      text: rest.join('\n').trim(),
      outlet: null,
      country: null,
      language: lang,
      published: '2025-10-29T09:00:00Z',
      duplicateOf: null,
    };
  });
  return analyzeStory(articles, { now: new Date('2025-10-30T12:00:00Z') });
}

/** The name the report gives the entity written `form`. */
function nameOf(a: StoryAnalysis, form: string): string {
  const e = a.entities.find((x) => x.name === form || x.aliases?.includes(form));
  assert.ok(e, `an entity written ${form}`);
  return e.name;
}

test('direct quotes in six languages: the text inside the marks and the speaker before or after', () => {
  const a = analysis();
  const said = (lang: string, words: string) => {
    const q = a.quotes.filter((x) => x.articles.includes(lang) && x.text.includes(words));
    assert.equal(q.length, 1, `${lang}: a quote with "${words}" among ${JSON.stringify(a.quotes)}`);
    return q[0];
  };
  const putin = nameOf(a, 'Путин');
  assert.equal(nameOf(a, 'بوتين'), putin);
  const maduro = nameOf(a, 'Мадуро');
  assert.equal(maduro, nameOf(a, 'مادورو'));
  assert.equal(maduro, nameOf(a, '马杜罗'));
  // after the quote: «…», dijo Putin / « … », a déclaré Poutine / „…“, sagte Putin / «…», — заявил Путин
  assert.equal(said('es', 'socio fiable de Venezuela').speaker, putin);
  assert.equal(said('fr', 'partenaire fiable du Venezuela').speaker, putin); // Poutine is Putin
  assert.equal(said('de', 'verlässlicher Partner Venezuelas').speaker, putin);
  assert.equal(said('ru', 'надежным партнером Венесуэлы').speaker, putin);
  // before the quote: the verb and the speaker in either order; 普京 is Putin, read from its syllables
  assert.equal(said('ar', 'شريكا موثوقا لفنزويلا').speaker, putin);
  assert.equal(nameOf(a, '普京'), putin);
  assert.equal(said('zh', '可靠的合作伙伴').speaker, putin);
  for (const [lang, words] of [
    ['es', 'nuevo capítulo'],
    ['fr', 'nouveau chapitre'],
    ['de', 'neues Kapitel'],
    ['ru', 'новую главу'],
    ['ar', 'فصلا جديدا'],
    ['zh', '新的篇章'],
  ])
    assert.equal(said(lang, words).speaker, maduro, lang);
  // the text is what stands between the marks
  assert.equal(said('ru', 'новую главу').text, 'Это соглашение открывает новую главу для наших двух народов');
  assert.equal(said('zh', '新的篇章').text, '这项协议为我们两国人民开启了新的篇章。');
});

test('reported speech: the speaker before the verb and what was said after it, or the reverse', () => {
  const locales = createLocales();
  const es = reportedSpeech('Putin dijo que Rusia seguirá comprando petróleo venezolano.', locales.get('es')!);
  assert.equal(es?.text, 'Rusia seguirá comprando petróleo venezolano');
  const ru = reportedSpeech('Россия продолжит закупать венесуэльскую нефть, заявил Путин.', locales.get('ru')!);
  assert.equal(ru?.text, 'Россия продолжит закупать венесуэльскую нефть');
  const s = 'Россия продолжит закупать венесуэльскую нефть, заявил Путин.';
  assert.equal(s.slice(ru!.speaker!.start, ru!.speaker!.end), 'Путин');
  const zh = reportedSpeech('普京表示，俄罗斯将继续购买委内瑞拉石油。', locales.get('zh')!);
  assert.equal(zh?.text, '俄罗斯将继续购买委内瑞拉石油');
  // no reporting verb: nothing
  assert.equal(reportedSpeech('Los dos mandatarios firmaron un acuerdo energético en Moscú.', locales.get('es')!), null);
});

/**
 * What a difference is about, in a story told in several languages (test/fixtures/multilingual/il76-caracas): the
 * label is read from the report in English when a side has one, else from another report with its language named;
 * its words are in the report it names and function words of other languages ("de", "Un") are no part of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import type { Discrepancy } from '../src/report.ts';

function articles(langs: string[]): AnalysisArticle[] {
  return langs.map((lang) => {
    const [title, ...rest] = readFileSync(new URL(`./fixtures/multilingual/il76-caracas/${lang}.txt`, import.meta.url), 'utf8').split('\n');
    return {
      id: lang,
      title,
      text: rest.join('\n').trim(),
      outlet: null,
      country: null,
      language: lang,
      published: '2025-10-28T09:00:00Z',
      duplicateOf: null,
    };
  });
}

function differences(langs: string[]): { found: Discrepancy[]; texts: Map<string, string> } {
  const arts = articles(langs);
  return {
    found: analyzeStory(arts, { now: new Date('2025-10-29T12:00:00Z') }).discrepancies,
    texts: new Map(arts.map((a) => [a.id, a.text])),
  };
}

/** The words of a label after its prefix ("date of (es): …", "number of …" → the words). */
function labelWords(about: string): string[] {
  const rest = about.includes(':')
    ? about.replace(/^[^:]*:\s*/, '')
    : about.replace(/^(?:number|figure|designation)(?: \([a-z]{2}\))? (?:of|for) (?:the )?/, '');
  return rest.replace(/…/g, '').split(/\s+/).filter(Boolean);
}

test("seven languages: the landing-date and cargo differences are labelled in the English report's words", () => {
  const { found, texts } = differences(['en', 'es', 'fr', 'de', 'ru', 'ar', 'zh']);
  const date = found.find((d) => d.kind === 'date' && d.values.some((v) => v.normalized === '2025-10-27'));
  const cargo = found.find((d) => d.kind === 'quantity' && d.values.some((v) => v.normalized === '40'));
  assert.ok(date && cargo, JSON.stringify(found.map((d) => d.about)));
  for (const d of [date, cargo]) {
    assert.ok(!/\([a-z]{2}\)/.test(d.about), `no language named: ${d.about}`);
    for (const w of labelWords(d.about)) assert.ok(texts.get('en')!.includes(w), `${d.about}: "${w}" is the English report's`);
  }
  assert.match(date.about, /Caracas/);
});

test('no report in English: the label names the language its words are in, without function words', () => {
  const { found, texts } = differences(['es', 'fr', 'de', 'ru']);
  const date = found.find((d) => d.kind === 'date' && d.values.some((v) => v.normalized === '2025-10-26'));
  assert.ok(date, JSON.stringify(found.map((d) => d.about)));
  const lang = /\(([a-z]{2})\)/.exec(date.about)?.[1];
  assert.ok(lang && texts.has(lang), `a language named: ${date.about}`);
  const words = labelWords(date.about);
  assert.ok(words.length >= 2, date.about);
  for (const w of words) assert.ok(texts.get(lang)!.includes(w), `${date.about}: "${w}" is in the ${lang} report`);
  for (const stop of ['de', 'Un', 'le', 'der', 'в']) assert.ok(!words.includes(stop), `${date.about} holds "${stop}"`);
});

test('"ayer" in a report without its own date is too weak to contradict a dated report; with its date it does', () => {
  const report = (id: string, language: string, published: string | null, text: string): AnalysisArticle => ({
    id,
    title: 'Il-76',
    text,
    outlet: null,
    country: null,
    language,
    published,
    duplicateOf: null,
  });
  const run = (esPublished: string | null) =>
    analyzeStory(
      [
        report(
          'en',
          'en',
          '2025-10-28T09:00:00Z',
          "A Russian Il-76 cargo plane landed at Maiquetía airport near Caracas on October 26, Venezuela's transport ministry said.\n\nThe aircraft carried 40 tonnes of medicines.",
        ),
        report(
          'en2',
          'en',
          '2025-10-28T09:00:00Z',
          'A Russian Il-76 plane landed at Maiquetía airport near Caracas on October 26, the ministry said.\n\nThe plane carried 40 tonnes of medicines.',
        ),
        report(
          'es',
          'es',
          esPublished,
          'Un avión de carga ruso Il-76 aterrizó ayer en el aeropuerto de Maiquetía, cerca de Caracas, informó el Ministerio de Transporte de Venezuela.\n\nLa aeronave transportaba 40 toneladas de medicamentos.',
        ),
      ],
      { now: new Date('2025-10-29T12:00:00Z') },
    ).discrepancies.filter((d) => d.kind === 'date');
  assert.deepEqual(run(null), []);
  assert.deepEqual(
    run('2025-10-28T09:00:00Z').map((d) => d.values.map((v) => [v.normalized, v.articles])),
    [
      [
        ['2025-10-26', ['en', 'en2']],
        ['2025-10-27', ['es']],
      ],
    ],
  );
});

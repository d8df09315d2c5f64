/**
 * One event told in seven languages (test/fixtures/multilingual/il76-caracas: en, es, fr, de, ru, ar, zh), with
 * no translator configured. The articles were written with two differences: the landing date (27 October in en,
 * es, ru, zh; 26 October in fr, de, ar) and the cargo (40 tonnes in en, fr, de, zh; 60 tonnes in es, ru, ar). The
 * analysis of the seven as one story finds both, with the right articles on each side, and none once the reports
 * are made to agree; ingested, they are one story (clustering reads their dates, countries and numbers in every
 * language and script).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ingestInput, type PipelineDeps } from '../src/pipeline/ingest.ts';
import { buildStoryReport } from '../src/pipeline/report.ts';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { silentLogger } from '../src/util/log.ts';
import type { RawInput } from '../src/model.ts';
import type { Discrepancy } from '../src/report.ts';
import { tempDir } from './helpers.ts';

const DIR = new URL('./fixtures/multilingual/il76-caracas/', import.meta.url);
const OUTLETS: Record<string, [string, string]> = {
  en: ['Wire Daily', 'GB'],
  es: ['El Diario de Caracas', 'VE'],
  fr: ['Le Quotidien', 'FR'],
  de: ['Tagesblatt', 'DE'],
  ru: ['Вести Недели', 'RU'],
  ar: ['الأخبار اليومية', 'EG'],
  zh: ['环球快讯', 'CN'],
};
const PUBLISHED = '2025-10-28T09:00:00Z';
const NOW = new Date('2025-10-29T12:00:00Z');

function file(lang: string): { title: string; text: string } {
  const [title, ...rest] = readFileSync(new URL(`${lang}.txt`, DIR), 'utf8').split('\n');
  return { title, text: rest.join('\n').trim() };
}

/** Each side of the difference of `kind` that has a value passing `has`: [normalized value, sorted article ids]. */
function sides(discrepancies: Discrepancy[], kind: string, has: (norm: string) => boolean): Array<[string, string[]]> {
  const d = discrepancies.find((x) => x.kind === kind && x.values.some((v) => has(v.normalized ?? '')));
  assert.ok(d, `a ${kind} difference among ${JSON.stringify(discrepancies.map((x) => x.values.map((v) => [v.normalized, v.articles])))}`);
  return d.values.map((v): [string, string[]] => [v.normalized ?? '', [...v.articles].sort()]).sort((a, b) => a[0].localeCompare(b[0]));
}

function assertBothDifferences(discrepancies: Discrepancy[]): void {
  assert.deepEqual(
    sides(discrepancies, 'date', (n) => n === '2025-10-27'),
    [
      ['2025-10-26', ['ar', 'de', 'fr']],
      ['2025-10-27', ['en', 'es', 'ru', 'zh']],
    ],
  );
  assert.deepEqual(
    sides(discrepancies, 'quantity', (n) => n === '40' || n === '60'),
    [
      ['40', ['de', 'en', 'fr', 'zh']],
      ['60', ['ar', 'es', 'ru']],
    ],
  );
}

test('one event in seven languages, no translator: the date and the figure that differ, with their articles on each side', () => {
  const articles: AnalysisArticle[] = Object.keys(OUTLETS).map((lang) => ({
    id: lang,
    ...file(lang),
    outlet: OUTLETS[lang][0],
    country: OUTLETS[lang][1],
    language: lang,
    published: PUBLISHED,
    duplicateOf: null,
  }));
  assertBothDifferences(analyzeStory(articles, { now: NOW }).discrepancies);
});

test('another event in the other seven languages (pt, it, tr, pl, uk, id, fa; the Persian report in the solar calendar): both differences', () => {
  const dir = new URL('./fixtures/multilingual/quake-sindirgi/', import.meta.url);
  const articles: AnalysisArticle[] = ['pt', 'it', 'tr', 'pl', 'uk', 'id', 'fa'].map((lang) => {
    const [title, ...rest] = readFileSync(new URL(`${lang}.txt`, dir), 'utf8').split('\n');
    return {
      id: lang,
      title,
      text: rest.join('\n').trim(),
      outlet: null,
      country: null,
      language: lang,
      published: '2025-08-12T09:00:00Z',
      duplicateOf: null,
    };
  });
  const found = analyzeStory(articles, { now: new Date('2025-08-13T12:00:00Z') }).discrepancies;
  // the earthquake's day: 10 August in pt, it, tr, pl; 11 August in uk, id and fa (۲۰ مرداد ۱۴۰۴)
  assert.deepEqual(
    sides(found, 'date', (n) => n === '2025-08-10'),
    [
      ['2025-08-10', ['it', 'pl', 'pt', 'tr']],
      ['2025-08-11', ['fa', 'id', 'uk']],
    ],
  );
  // the dead: at least 12 in pt, tr, uk, fa; at least 21 in it, pl, id
  assert.deepEqual(
    sides(found, 'quantity', (n) => n === '≥12'),
    [
      ['≥12', ['fa', 'pt', 'tr', 'uk']],
      ['≥21', ['id', 'it', 'pl']],
    ],
  );
});

test('the same seven reports made to agree (26 → 27 October, 60 → 40 tonnes): no difference found', () => {
  const agree: Record<string, Array<[string, string]>> = {
    fr: [['26 octobre', '27 octobre']],
    de: [['26. Oktober', '27. Oktober']],
    ar: [
      ['26 أكتوبر', '27 أكتوبر'],
      ['60 طنا', '40 طنا'],
    ],
    es: [['60 toneladas', '40 toneladas']],
    ru: [['60 тонн', '40 тонн']],
  };
  const articles: AnalysisArticle[] = Object.keys(OUTLETS).map((lang) => {
    const f = file(lang);
    let text = f.text;
    for (const [from, to] of agree[lang] ?? []) {
      assert.ok(text.includes(from), `${lang} states ${from}`);
      text = text.replace(from, to);
    }
    return {
      id: lang,
      title: f.title,
      text,
      outlet: OUTLETS[lang][0],
      country: OUTLETS[lang][1],
      language: lang,
      published: PUBLISHED,
      duplicateOf: null,
    };
  });
  const found = analyzeStory(articles, { now: NOW }).discrepancies;
  assert.deepEqual(
    found.map((d) => d.values.map((v) => [v.normalized, v.articles])),
    [],
  );
});

test('one event in seven languages, ingested with no translator: one story, both differences in its report', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  try {
    await store.migrate();
    const deps: PipelineDeps = { store, clock: () => NOW, logger: silentLogger, translators: null };
    for (const lang of Object.keys(OUTLETS)) {
      const { title } = file(lang);
      const body = readFileSync(new URL(`${lang}.txt`, DIR), 'utf8');
      const [outlet, country] = OUTLETS[lang];
      const input: RawInput = {
        ref: `il76-caracas/${lang}.txt`,
        kind: 'text',
        body,
        hints: { id: lang, title, language: lang, outlet, country, published: PUBLISHED },
      };
      const out = await ingestInput(input, deps);
      assert.equal(out.status, 'added', `${lang}: ${JSON.stringify(out)}`);
    }
    const stories = await store.listStories();
    assert.equal(stories.length, 1, `one story, got ${JSON.stringify(stories.map((s) => [...s.articleIds].sort()))}`);
    const report = await buildStoryReport(stories[0].id, deps);
    assert.ok(report);
    assertBothDifferences(report.discrepancies);
  } finally {
    await store.close();
    cleanup();
  }
});

/**
 * `npm run eval -- analysis`: the story analysis on the reference case and at scale.
 *
 * 1. Seeds (../shared/seeds) through the real pipeline: CLI ingest into a
 *    temporary database, then `story ID --json`; scores expected.json's
 *    `must` discrepancies (values and articles), `must_not` violations, and
 *    how many `should` items are found per category.
 * 2. AllSides stories (../shared/datasets/allsides-stories): analyzeStory on
 *    each gold story's leads; discrepancies per story (real outlets rarely
 *    contradict each other, so this should be low), with a sample of 10
 *    printed for a human to check.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runCaptured } from '../src/serve/cli.ts';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { designationKey } from '../src/analyze/entities.ts';
import { term } from '../src/analyze/align.ts';
import { fold, wordTokens } from '../src/analyze/text.ts';
import type { StoryReport, Discrepancy } from '../src/report.ts';
import { datasetPath } from './shared.ts';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCaptured(args, { ...process.env, PARALLAX_LOG_LEVEL: 'silent' });
}

interface SeedExpected {
  discrepancies: {
    must: Array<{ about: string; values: Record<string, string[]> }>;
    should: Array<{ about: string; values: Record<string, string[]> }>;
    must_not: Array<{ about: string; values: Record<string, string[]> }>;
  };
  framing: { must: Array<{ source: string; term: string }>; should: Array<{ source: string; term: string }> };
  coverage: { only_one_source_should_find: Array<{ source: string; fact: string }> };
  entities_should_find: Record<string, string[]>;
  timeline_should_find: Array<{ when: string; what: string; sources: string[] }>;
}

/** Does a report value match an expected value label ("Su-30MK2", "2025-10-26", "early October", "October 16 / mid-October")? */
function valueMatches(v: Discrepancy['values'][number], label: string): boolean {
  const alts = label.split('/').map((x) => x.trim());
  return alts.some((l) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(l)) return v.normalized === l;
    if (/\d/.test(l) && /[A-Za-z]-?\d/.test(l) && designationKey(l) === v.normalized) return true;
    return fold(v.value).includes(fold(l)) || fold(l).includes(fold(v.value));
  });
}

function discrepancyFound(
  report: StoryReport,
  idOf: (id: string) => string,
  values: Record<string, string[]>,
  exactArticles: boolean,
): Discrepancy | null {
  for (const d of report.discrepancies) {
    const ok = Object.entries(values).every(([label, srcs]) =>
      d.values.some((v) => {
        if (!valueMatches(v, label)) return false;
        const got = new Set(v.articles.map(idOf));
        return exactArticles ? srcs.every((s) => got.has(s)) && got.size === srcs.length : srcs.some((s) => got.has(s));
      }),
    );
    if (ok) return d;
  }
  return null;
}

function contentTerms(s: string): Set<string> {
  const out = new Set<string>();
  for (const t of wordTokens(s)) {
    const x = /^\d/.test(t.w) ? t.w.replace(/,/g, '') : term(t.w);
    if (x) out.add(x);
  }
  return out;
}

async function seeds(): Promise<void> {
  const dir = datasetPath('seeds');
  if (!dir) return;
  const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as SeedExpected;
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-analysis-'));
  try {
    const db = join(tmp, 'x.db');
    const ing = await cli(['ingest', dir, '--db', db, '--json']);
    if (ing.code !== 0) {
      console.log('seeds: ingest failed');
      return;
    }
    const stories = JSON.parse((await cli(['stories', '--db', db, '--json'])).stdout) as Array<{
      id: string;
      articles: Array<{ id: string; ref: string }>;
    }>;
    stories.sort((a, b) => b.articles.length - a.articles.length);
    const story = stories[0];
    console.log(`seeds: ${stories.length} story(ies); analysing the largest (${story.articles.length} articles)`);
    const t0 = performance.now();
    const report = JSON.parse((await cli(['story', story.id, '--db', db, '--json'])).stdout) as StoryReport;
    const ms = performance.now() - t0;
    const prefix = new Map(report.articles.map((a) => [a.id, basename(a.ref).slice(0, 3)]));
    const idOf = (id: string) => prefix.get(id) ?? id;

    // must
    let must = 0;
    for (const m of exp.discrepancies.must) {
      const d = discrepancyFound(report, idOf, m.values, true);
      const lone = Object.entries(m.values).find(([, s]) => s.length === 1 && Object.values(m.values).some((o) => o.length >= 3));
      const loneOk = !lone || (d?.values.some((v) => valueMatches(v, lone[0]) && v.likelyError) ?? false);
      if (d && loneOk) must++;
      console.log(`  must ${d && loneOk ? 'FOUND  ' : 'MISSING'} ${m.about}${d && !loneOk ? ' (lone value not marked likelyError)' : ''}`);
    }
    console.log(`must discrepancies found: ${must}/${exp.discrepancies.must.length}`);
    // must_not
    let violations = 0;
    for (const m of exp.discrepancies.must_not) {
      const labels = Object.keys(m.values);
      const bad = report.discrepancies.find(
        (d) => labels.filter((l) => d.values.some((v) => fold(v.value) === fold(l) || fold(v.value).includes(fold(l)))).length >= 2,
      );
      if (bad) {
        violations++;
        console.log(`  must_not VIOLATED: ${m.about}: ${JSON.stringify(bad.values.map((v) => v.value))}`);
      }
    }
    console.log(`must_not violations: ${violations}/${exp.discrepancies.must_not.length}`);
    // should: discrepancies
    let sd = 0;
    for (const s of exp.discrepancies.should) {
      const d = discrepancyFound(report, idOf, s.values, false);
      if (d) sd++;
      console.log(`  should ${d ? 'found  ' : 'missing'} ${s.about}`);
    }
    console.log(
      `should discrepancies: ${sd}/${exp.discrepancies.should.length} (report has ${report.discrepancies.length} discrepancies in all)`,
    );
    // framing
    const fr = [...exp.framing.must, ...exp.framing.should];
    const frFound = fr.filter((f) =>
      report.framing.some(
        (x) => idOf(x.article) === f.source && (fold(f.term).includes(fold(x.term)) || fold(x.term).includes(fold(f.term))),
      ),
    );
    console.log(`framing (must+should, via analyzeFraming): ${frFound.length}/${fr.length}`);
    // exclusives
    const ex = exp.coverage.only_one_source_should_find;
    let exFound = 0;
    for (const e of ex) {
      const want = contentTerms(e.fact);
      const hit = report.exclusives.some((x) => {
        if (!x.articles.map(idOf).includes(e.source)) return false;
        const got = contentTerms(x.text);
        return [...want].filter((w) => got.has(w)).length >= Math.ceil(want.size * 0.4);
      });
      if (hit) exFound++;
    }
    console.log(`exclusives: ${exFound}/${ex.length} expected found (report lists ${report.exclusives.length})`);
    // entities
    const typeOf: Record<string, string> = { people: 'person', organizations: 'organization', places: 'place', equipment: 'thing' };
    for (const [cat, names] of Object.entries(exp.entities_should_find)) {
      let found = 0;
      let typed = 0;
      for (const n of names) {
        const e = report.entities.find((x) =>
          [x.name, ...(x.aliases ?? [])].some((a) => fold(a).replace(/^the /, '') === fold(n).replace(/^the /, '')),
        );
        if (e) {
          found++;
          if (e.type === typeOf[cat]) typed++;
        }
      }
      console.log(`entities ${cat}: ${found}/${names.length} found, ${typed} with the right type`);
    }
    // timeline
    let tl = 0;
    for (const t of exp.timeline_should_find) {
      const dates = t.when.includes('/') ? [t.when.slice(0, 10), t.when.slice(0, 8) + t.when.split('/')[1]] : [t.when];
      const hit = report.timeline.some(
        (e) => dates.includes(e.date) && t.sources.some((s) => e.articles.map(idOf).includes(s)) && (!t.when.includes('/') || e.disputed),
      );
      if (hit) tl++;
      else console.log(`  timeline missing: ${t.when} ${t.what}`);
    }
    console.log(`timeline: ${tl}/${exp.timeline_should_find.length} (report has ${report.timeline.length} events)`);
    console.log(
      `agreements: ${report.agreements.length}, quotes: ${report.quotes.length}, entities: ${report.entities.length}; story --json took ${ms.toFixed(0)} ms`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function allsides(): Promise<void> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return;
  const arts = new Map<string, AnalysisArticle>();
  for (const line of readFileSync(join(dir, 'articles.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line) as {
      id: string;
      title: string | null;
      text: string;
      outlet: string | null;
      country: string | null;
      language: string | null;
      published: string | null;
    };
    arts.set(a.id, {
      id: a.id,
      title: a.title,
      text: a.text,
      outlet: a.outlet,
      country: a.country,
      language: a.language,
      published: a.published,
      duplicateOf: null,
    });
  }
  const stories = readFileSync(join(dir, 'stories.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { story: string; title: string; articles: Array<{ id: string }> });
  const counts: number[] = [];
  const samples: Array<{ story: string; d: Discrepancy }> = [];
  let agreements = 0;
  let exclusives = 0;
  const t0 = performance.now();
  for (const s of stories) {
    const list = s.articles.map((a) => arts.get(a.id)).filter((a): a is AnalysisArticle => !!a);
    if (list.length < 2) continue;
    const r = analyzeStory(list, { now: new Date('2026-11-22T00:00:00Z') });
    counts.push(r.discrepancies.length);
    agreements += r.agreements.length;
    exclusives += r.exclusives.length;
    for (const d of r.discrepancies) samples.push({ story: s.story + ' ' + s.title, d });
  }
  const ms = performance.now() - t0;
  const total = counts.reduce((a, b) => a + b, 0);
  const withAny = counts.filter((c) => c > 0).length;
  console.log(
    `allsides: ${counts.length} stories, ${total} discrepancies (${(total / counts.length).toFixed(3)} per story; ${withAny} stories with any); agreements ${(agreements / counts.length).toFixed(2)}/story, exclusives ${(exclusives / counts.length).toFixed(2)}/story; ${(ms / counts.length).toFixed(1)} ms/story`,
  );
  // a deterministic sample of 10 for a human to check
  const step = Math.max(1, Math.floor(samples.length / 10));
  for (const { story, d } of samples.filter((_, i) => i % step === 0).slice(0, 10)) {
    console.log(`  [${story}] ${d.kind}: ${d.about}`);
    for (const v of d.values)
      console.log(
        `     ${v.value} (${v.normalized}) ${v.articles.join(',')}${v.likelyError ? ' likelyError' : ''} — ${(v.evidence ?? [])[0]?.slice(0, 160)}`,
      );
  }
}

export async function run(): Promise<void> {
  await seeds();
  await allsides();
}

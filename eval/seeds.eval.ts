/**
 * Plain-text extraction on the reference case (../shared/seeds) through the
 * real CLI pipeline: ingest into a temporary database, read each article back
 * with `article ID --json`, and compare with seeds/expected.json: title,
 * byline, furniture lines leaked into the stored text, body lines missing,
 * published date; then the story grouping and idempotent re-ingest.
 * The same line checks are also run in-process over the hand-written fixtures
 * (test/fixtures/stories, test/fixtures/plaintext) as a generality check.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCaptured } from '../src/serve/cli.ts';
import { extractPlainText } from '../src/extract/plaintext.ts';
import { detectLanguage } from '../src/language/index.ts';
import { datasetPath } from './shared.ts';

interface ExpectedDoc {
  title: string | null;
  byline?: string;
  published?: string;
  boilerplate_lines: number[];
  subheadings?: number[];
}

interface LineScore {
  leaked: number;
  furniture: number;
  missing: number;
  body: number;
}

const norm = (s: string): string => s.replace(/\s+/gu, ' ').trim();
/** Titles compare modulo whitespace (an ideographic space is stored as a plain one). */
const sameTitle = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : norm(a) === norm(b));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCaptured(args, { ...process.env, PARALLAX_LOG_LEVEL: 'silent' });
}

/** Leaked furniture and missing body lines of one raw file against its stored paragraphs. */
export function scoreLines(raw: string, storedText: string, exp: ExpectedDoc): LineScore {
  const stored = new Set(storedText.split(/\n{2,}/u).map(norm));
  const furniture = new Set(exp.boilerplate_lines);
  const s: LineScore = { leaked: 0, furniture: 0, missing: 0, body: 0 };
  raw.split(/\r?\n/u).forEach((line, i) => {
    const t = norm(line);
    if (!t) return;
    if (furniture.has(i + 1)) {
      s.furniture++;
      if (stored.has(t)) s.leaked++;
    } else if (!(exp.title !== null && t === norm(exp.title))) {
      s.body++;
      if (!stored.has(t)) s.missing++;
    }
  });
  return s;
}

export async function run(): Promise<void> {
  const seeds = datasetPath('seeds');
  if (!seeds) return;
  const expected = JSON.parse(readFileSync(join(seeds, 'expected.json'), 'utf8')) as { documents: Record<string, ExpectedDoc> };
  const dir = mkdtempSync(join(tmpdir(), 'parallax-seeds-eval-'));
  const db = join(dir, 'seeds.db');
  try {
    const t0 = performance.now();
    const ing = await cli(['ingest', seeds, '--db', db, '--json']);
    const ingestMs = performance.now() - t0;
    if (ing.code !== 0) throw new Error(`ingest failed (${ing.code}): ${ing.stderr}`);
    const summary = JSON.parse(ing.stdout) as { added: number; duplicates: number; failed: unknown[]; stories: number };
    const st = await cli(['stories', '--db', db, '--json']);
    const stories = JSON.parse(st.stdout) as { id: string; articles: { id: string; ref: string }[] }[];
    const idByFile = new Map<string, string>();
    const storyByFile = new Map<string, string>();
    for (const s of stories)
      for (const a of s.articles) {
        idByFile.set(basename(a.ref), a.id);
        storyByFile.set(basename(a.ref), s.id);
      }

    console.log(
      `ingest: added ${summary.added}, duplicates ${summary.duplicates}, failed ${summary.failed.length}, ${(ingestMs / 1000).toFixed(2)} s`,
    );
    console.log('file                         title  byline  leaked      missing     published');
    const tot = { titles: 0, bylines: 0, files: 0, leaked: 0, furniture: 0, missing: 0, body: 0 };
    for (const [file, exp] of Object.entries(expected.documents)) {
      const id = idByFile.get(file);
      tot.files++;
      if (!id) {
        console.log(`${file.padEnd(28)} NOT STORED`);
        continue;
      }
      const art = JSON.parse((await cli(['article', id, '--db', db, '--json'])).stdout) as {
        title: string | null;
        byline: string | null;
        published: string | null;
        text: string;
      };
      const raw = readFileSync(join(seeds, file), 'utf8');
      const s = scoreLines(raw, art.text, exp);
      const titleOk = sameTitle(art.title ?? null, exp.title);
      const bylineOk = (art.byline ?? null) === (exp.byline ?? null);
      tot.titles += titleOk ? 1 : 0;
      tot.bylines += bylineOk ? 1 : 0;
      tot.leaked += s.leaked;
      tot.furniture += s.furniture;
      tot.missing += s.missing;
      tot.body += s.body;
      console.log(
        `${file.padEnd(28)} ${(titleOk ? 'ok' : 'WRONG').padEnd(6)} ${(bylineOk ? 'ok' : 'WRONG').padEnd(7)} ${`${s.leaked}/${s.furniture}`.padEnd(11)} ${`${s.missing}/${s.body}`.padEnd(11)} ${art.published ?? '-'}`,
      );
      if (!titleOk) console.log(`    title: ${JSON.stringify(art.title)} (expected ${JSON.stringify(exp.title)})`);
      if (!bylineOk) console.log(`    byline: ${JSON.stringify(art.byline)} (expected ${JSON.stringify(exp.byline ?? null)})`);
    }
    const inOne =
      new Set([...Object.keys(expected.documents)].map((f) => storyByFile.get(f) ?? 'none')).size === 1 && storyByFile.size >= tot.files;
    console.log(
      `totals: titles ${tot.titles}/${tot.files}, bylines ${tot.bylines}/${tot.files}, furniture leaked ${tot.leaked}/${tot.furniture}, body lines missing ${tot.missing}/${tot.body}`,
    );
    console.log(`stories: ${stories.length}; all ${tot.files} seeds in one story: ${inOne ? 'yes' : 'no'}`);
    const again = await cli(['ingest', seeds, '--db', db, '--json']);
    const againSummary = JSON.parse(again.stdout) as { added: number };
    console.log(`re-ingest adds ${againSummary.added}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  fixtures();
  cleanLeads();
}

/** Clean article leads (no furniture) from a real corpus: every line must be kept. Title hints passed as ingest does. */
function cleanLeads(): void {
  const path = datasetPath('datasets', 'allsides-stories', 'articles.jsonl');
  if (!path) return;
  const now = new Date('2026-11-22T12:00:00Z');
  let docs = 0;
  let lines = 0;
  let dropped = 0;
  let ms = 0;
  for (const row of readFileSync(path, 'utf8').split('\n')) {
    if (!row.trim()) continue;
    const r = JSON.parse(row) as { title?: string | null; text?: string | null };
    if (!r.text) continue;
    docs++;
    const t0 = performance.now();
    const res = extractPlainText(r.text, { now, titleHint: r.title ?? null });
    ms += performance.now() - t0;
    const kept = new Set(res.ok ? res.value.blocks.map((b) => norm(b.text)) : []);
    for (const l of r.text.split('\n')) {
      const t = norm(l);
      if (!t) continue;
      lines++;
      if (!kept.has(t)) dropped++;
    }
  }
  console.log(
    `clean leads (allsides-stories, ${docs} texts): body lines dropped ${dropped}/${lines}, ${(ms / Math.max(1, docs)).toFixed(2)} ms/text`,
  );
}

/** The same line checks in-process over the hand-written fixtures (the proof that the rules are general). */
function fixtures(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
  const now = new Date('2026-11-22T12:00:00Z');
  const tot = { files: 0, titles: 0, bylines: 0, dates: 0, datesExpected: 0, leaked: 0, furniture: 0, missing: 0, body: 0 };
  let ms = 0;
  let peerMs = 0;
  for (const area of ['stories', 'plaintext']) {
    const base = join(root, area);
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base, { withFileTypes: true })) {
      const expPath = join(base, d.name, 'expected.json');
      if (!d.isDirectory() || !existsSync(expPath)) continue;
      const exp = JSON.parse(readFileSync(expPath, 'utf8')) as { documents: Record<string, ExpectedDoc> };
      for (const [file, e] of Object.entries(exp.documents)) {
        const raw = readFileSync(join(base, d.name, file), 'utf8');
        const t0 = performance.now();
        const r = extractPlainText(raw, { now });
        ms += performance.now() - t0;
        const t1 = performance.now();
        detectLanguage(raw);
        peerMs += performance.now() - t1;
        tot.files++;
        if (!r.ok) continue;
        const s = scoreLines(raw, r.value.text, e);
        tot.titles += sameTitle(r.value.title, e.title) ? 1 : 0;
        tot.bylines += r.value.byline === (e.byline ?? null) ? 1 : 0;
        if (e.published) {
          tot.datesExpected++;
          tot.dates += r.value.published === e.published ? 1 : 0;
        }
        tot.leaked += s.leaked;
        tot.furniture += s.furniture;
        tot.missing += s.missing;
        tot.body += s.body;
      }
    }
  }
  console.log(
    `fixtures (in-process, ${tot.files} files): titles ${tot.titles}/${tot.files}, bylines ${tot.bylines}/${tot.files}, dates ${tot.dates}/${tot.datesExpected}, ` +
      `furniture leaked ${tot.leaked}/${tot.furniture}, body lines missing ${tot.missing}/${tot.body}, ${(ms / Math.max(1, tot.files)).toFixed(2)} ms/file`,
  );
  console.log(
    `speed: extractPlainText ${(ms / Math.max(1, tot.files)).toFixed(2)} ms/file vs franc detectLanguage on the same raw text ${(peerMs / Math.max(1, tot.files)).toFixed(2)} ms/file (ratio ${(ms / Math.max(1e-9, peerMs)).toFixed(1)}x)`,
  );
}

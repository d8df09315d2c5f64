/**
 * `npm run eval -- extraction`: HTML article extraction.
 *  1. trafilatura-eval (990 pages): snippet precision/recall/F for Parallax
 *     and for plain Readability over linkedom, computed in the same run.
 *  2. readability-testpages (130 pages): per-field metadata accuracy
 *     (title, byline, language, published) under the matching rule printed.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractHtml, extractHtmlMeta } from '../src/extract/html.ts';
import { decodeHtmlBytes, decodeUtf8 } from '../src/fetch/files.ts';
import { datasetPath, pct } from './shared.ts';

interface EvalEntry {
  file: string;
  with: string[];
  without: string[];
}

interface Counts {
  tp: number;
  fn: number;
  tn: number;
  fp: number;
}

const ws = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

function score(c: Counts, text: string | null, e: EvalEntry): void {
  const t = text === null ? null : ws(text);
  for (const w of e.with)
    if (t !== null && t.includes(ws(w))) c.tp++;
    else c.fn++;
  for (const w of e.without)
    if (t !== null && t.includes(ws(w))) c.fp++;
    else c.tn++;
}

function prf(c: Counts): string {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  const f = (2 * p * r) / Math.max(1e-9, p + r);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F ${f.toFixed(3)}  (TP ${c.tp} FN ${c.fn} TN ${c.tn} FP ${c.fp})`;
}

export function loadTrafilatura(dir: string, limit = Infinity): { url: string; html: string; entry: EvalEntry }[] {
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, EvalEntry>;
  const out: { url: string; html: string; entry: EvalEntry }[] = [];
  for (const [url, entry] of Object.entries(data)) {
    if (out.length >= limit) break;
    const p = join(dir, 'html', `${entry.file}.gz`);
    if (!existsSync(p)) continue;
    out.push({ url, html: decodeHtmlBytes(gunzipSync(readFileSync(p))), entry });
  }
  return out;
}

function readabilityText(html: string): string | null {
  const { document } = parseHTML(html);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const a = new Readability(document as any, { maxElemsToParse: 150000 }).parse();
  return a?.textContent ?? null;
}

async function trafilatura(): Promise<void> {
  const dir = datasetPath('datasets', 'trafilatura-eval');
  if (!dir) return;
  const only = process.env.EXTRACTION_EVAL_LIMIT ? Number(process.env.EXTRACTION_EVAL_LIMIT) : Infinity;
  const pages = loadTrafilatura(dir, only);
  const now = new Date('2026-11-22T00:00:00Z');
  const mine: Counts = { tp: 0, fn: 0, tn: 0, fp: 0 };
  const base: Counts = { tp: 0, fn: 0, tn: 0, fp: 0 };
  const failures = new Map<string, number>();
  let tMine = 0;
  let tBase = 0;
  const skipBaseline = process.env.EXTRACTION_EVAL_NO_BASELINE === '1';
  const perPage: { file: string; fn: number; fp: number }[] = [];
  for (const { url, html, entry } of pages) {
    let t0 = performance.now();
    const r = extractHtml(html, { url, now, fallback: process.env.EXTRACTION_EVAL_NO_FALLBACK !== '1' });
    tMine += performance.now() - t0;
    if (!r.ok) failures.set(r.code, (failures.get(r.code) ?? 0) + 1);
    const before = { ...mine };
    score(mine, r.ok ? r.value.text : null, entry);
    perPage.push({ file: entry.file, fn: mine.fn - before.fn, fp: mine.fp - before.fp });
    if (!skipBaseline) {
      t0 = performance.now();
      let bt: string | null = null;
      try {
        bt = readabilityText(html);
      } catch {
        bt = null;
      }
      tBase += performance.now() - t0;
      score(base, bt, entry);
    }
  }
  console.log(`trafilatura-eval: ${pages.length} pages; snippet matching = substring after collapsing whitespace (case-sensitive)`);
  console.log(`  Parallax              ${prf(mine)}  ${(pages.length / (tMine / 1000)).toFixed(0)} pages/s`);
  if (!skipBaseline) console.log(`  Readability+linkedom  ${prf(base)}  ${(pages.length / (tBase / 1000)).toFixed(0)} pages/s`);
  if (failures.size) console.log(`  Parallax failures: ${[...failures].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (process.env.EXTRACTION_EVAL_WORST) {
    const worst = perPage.sort((a, b) => b.fn + b.fp - (a.fn + a.fp)).slice(0, Number(process.env.EXTRACTION_EVAL_WORST));
    for (const w of worst) console.log(`    ${w.file}: FN ${w.fn} FP ${w.fp}`);
  }
}

// ---- metadata ----

const normText = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

function titleMatch(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = normText(got);
  const w = normText(want);
  if (g === w) return true;
  // A site-name segment on either side (" | Site", " - Site") does not count against a match.
  const seg = (s: string): string[] => s.split(/\s+[|\-»·]\s+|:\s+/).map((x) => x.trim());
  const sw = seg(w);
  const sg = seg(g);
  if (sw.includes(g) || sg.includes(w)) return true;
  // A shared segment of 3+ words: the same headline with a different kicker or site name.
  return sg.some((x) => x.split(' ').length >= 3 && sw.includes(x));
}

function bylineMatch(got: string | null, want: string): boolean {
  if (!got) return false;
  const clean = (s: string): string =>
    normText(s)
      .replace(/^(by|von|par|por)\s+/, '')
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const g = clean(got);
  const w = clean(want);
  if (!g || !w) return false;
  return g === w || (g.length >= 4 && w.includes(g)) || (w.length >= 4 && g.includes(w));
}

function langMatch(got: string | null, want: string): boolean {
  return !!got && got.toLowerCase().split(/[-_]/)[0] === want.toLowerCase().split(/[-_]/)[0];
}

function dayOf(s: string): string[] {
  const out: string[] = [];
  const m = s.match(/^(\d{4}-\d{2}-\d{2})/);
  if (m) out.push(m[1]);
  const t = Date.parse(s);
  if (!Number.isNaN(t)) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function dateMatch(got: string | null, want: string): boolean {
  if (!got) return false;
  const g = dayOf(got);
  return dayOf(want).some((d) => g.includes(d));
}

async function metadata(): Promise<void> {
  const dir = datasetPath('datasets', 'readability-testpages');
  if (!dir) return;
  const now = new Date('2026-11-22T00:00:00Z');
  const fields = {
    title: { n: 0, ok: 0, match: titleMatch, key: 'title' },
    byline: { n: 0, ok: 0, match: bylineMatch, key: 'byline' },
    language: { n: 0, ok: 0, match: langMatch, key: 'lang' },
    published: { n: 0, ok: 0, match: dateMatch, key: 'publishedTime' },
  } as const;
  const counts: Record<string, { n: number; ok: number }> = {
    title: { n: 0, ok: 0 },
    byline: { n: 0, ok: 0 },
    language: { n: 0, ok: 0 },
    published: { n: 0, ok: 0 },
  };
  const misses: string[] = [];
  // Documented corrections of expected values that are not the page's metadata (see the file's "about").
  const corrPath = new URL('./corrections/readability-testpages.json', import.meta.url);
  const corrections = (existsSync(corrPath) ? JSON.parse(readFileSync(corrPath, 'utf8')) : {}) as Record<
    string,
    Record<string, { expected: string; corrected: string }>
  >;
  const corrected: Record<string, { n: number; ok: number; changed: number }> = {};
  let pages = 0;
  // Body text against Readability's own output (expected.html): agreement with Readability, not truth, on pages
  // that are not part of the development set.
  const agree = { n: 0, recall: 0, precision: 0 };
  const words = (t: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const w of t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  for (const name of readdirSync(dir).sort()) {
    const mp = join(dir, name, 'expected-metadata.json');
    const sp = join(dir, name, 'source.html');
    if (!existsSync(mp) || !existsSync(sp)) continue;
    pages++;
    const want = JSON.parse(readFileSync(mp, 'utf8')) as Record<string, string | null>;
    const bytes = readFileSync(sp);
    // These pages are stored as UTF-8 whatever their <meta charset> says.
    const html = decodeUtf8(bytes) ?? decodeHtmlBytes(bytes);
    const opts = { url: `http://fakehost/${name}/`, now };
    const r = extractHtml(html, opts);
    // A page without an article still has metadata: read it alone then.
    const m = r.ok ? null : extractHtmlMeta(html, opts);
    const got = r.ok ? r.value : m && m.ok ? m.value : null;
    const ep = join(dir, name, 'expected.html');
    if (existsSync(ep) && want.readerable !== (false as unknown)) {
      const { document } = parseHTML(readFileSync(ep, 'utf8'));
      const W = words(document.documentElement?.textContent ?? '');
      const G = words(r.ok ? r.value.text : '');
      let common = 0;
      let nw = 0;
      let ng = 0;
      for (const [k, n] of W) {
        common += Math.min(n, G.get(k) ?? 0);
        nw += n;
      }
      for (const n of G.values()) ng += n;
      if (nw > 0) {
        agree.n++;
        agree.recall += common / nw;
        agree.precision += ng ? common / ng : 0;
      }
    }
    for (const [f, spec] of Object.entries(fields)) {
      const w = want[spec.key];
      if (!w || !String(w).trim()) continue;
      counts[f].n++;
      const g = got ? (got[f as keyof typeof got] as string | null) : null;
      if (spec.match(g, String(w))) counts[f].ok++;
      else if (process.env.EXTRACTION_EVAL_MISSES) misses.push(`${name} ${f}: want ${JSON.stringify(w)} got ${JSON.stringify(g)}`);
      const fix = corrections[f]?.[name];
      const c = (corrected[f] ??= { n: 0, ok: 0, changed: 0 });
      c.n++;
      // A correction applies only while the dataset still holds the value it corrects.
      const truth = fix && fix.expected === String(w) ? (c.changed++, fix.corrected) : String(w);
      if (spec.match(g, truth)) c.ok++;
    }
  }
  console.log(
    `readability-testpages: ${pages} pages; accuracy over the pages that state the field (metadata read alone when the page has no article)`,
  );
  console.log(
    '  rule: title = equal after NFKC/lowercase/quote+dash/whitespace normalization, or equal to one " | "/" - "/": " segment of the other,',
  );
  console.log('        or sharing a segment of 3+ words (same headline, different kicker/site name);');
  console.log(
    '        byline = equal or contained after that normalization, a leading "by" and punctuation removed; language = same primary subtag;',
  );
  console.log('        published = same calendar day (as stated or in UTC).');
  for (const [f, c] of Object.entries(counts)) {
    const k = corrected[f];
    const alt =
      k && k.changed
        ? `   (${k.ok}/${k.n} ${pct(k.ok / Math.max(1, k.n))} with ${k.changed} documented corrections, eval/corrections/readability-testpages.json)`
        : '';
    console.log(`  ${f.padEnd(10)} ${c.ok}/${c.n}  ${pct(c.ok / Math.max(1, c.n))}${alt}`);
  }
  for (const m of misses) console.log('    miss ' + m);
  if (agree.n) {
    console.log(
      `  body text vs Readability's own output (expected.html; agreement, not truth), ${agree.n} readerable pages: mean word recall ${(agree.recall / agree.n).toFixed(3)}, mean word precision ${(agree.precision / agree.n).toFixed(3)}`,
    );
  }
}

export async function run(): Promise<void> {
  if (process.env.EXTRACTION_EVAL_PART !== 'meta') await trafilatura();
  if (process.env.EXTRACTION_EVAL_PART !== 'text') await metadata();
}

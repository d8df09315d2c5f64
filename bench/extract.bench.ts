/**
 * `npm run bench -- extract`: pages per second on one core over the
 * trafilatura-eval pages, for Parallax's extractHtml, Readability over
 * linkedom, and Readability over jsdom, timed in the same run. Pages are
 * decoded beforehand (decoding is not timed). jsdom is slow: it runs on the
 * first BENCH_JSDOM_PAGES pages (default 100) and Parallax/linkedom are also
 * timed on that same subset for a like-for-like ratio.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractHtml } from '../src/extract/html.ts';
import { decodeHtmlBytes } from '../src/fetch/files.ts';
import { datasetPath } from '../eval/shared.ts';

interface Entry {
  file: string;
}

interface Speed {
  /** Pages per wall-clock second. */
  wall: number;
  /** Pages per CPU second of this process (less sensitive to other jobs on a shared machine). */
  cpu: number;
}

function time(pages: { url: string; html: string }[], fn: (html: string, url: string) => unknown): Speed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const p of pages) {
    try {
      fn(p.html, p.url);
    } catch {
      /* a crash on one page counts its time; the bench goes on */
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: pages.length / wall, cpu: pages.length / ((c.user + c.system) / 1e6) };
}

const fmt = (s: Speed): string => `${s.cpu.toFixed(1).padStart(6)} pages/CPU-s  ${s.wall.toFixed(1).padStart(6)} pages/s wall`;
const ratio = (a: Speed, b: Speed): string =>
  `Parallax ${(a.cpu / b.cpu).toFixed(2)}x on CPU time, ${(a.wall / b.wall).toFixed(2)}x on wall time`;

export async function run(): Promise<void> {
  const dir = datasetPath('datasets', 'trafilatura-eval');
  if (!dir) return;
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, Entry>;
  const pages: { url: string; html: string }[] = [];
  for (const [url, e] of Object.entries(data)) {
    const p = join(dir, 'html', `${e.file}.gz`);
    if (existsSync(p)) pages.push({ url, html: decodeHtmlBytes(gunzipSync(readFileSync(p))) });
  }
  const now = new Date('2026-11-22T00:00:00Z');
  const parallax = (html: string, url: string): unknown => extractHtml(html, { url, now });
  const rLinkedom = (html: string): unknown => {
    const { document } = parseHTML(html);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return new Readability(document as any, { maxElemsToParse: 150000 }).parse();
  };
  const vc = new VirtualConsole();
  const rJsdom = (html: string, url: string): unknown => {
    const dom = new JSDOM(html, { url, virtualConsole: vc });
    const r = new Readability(dom.window.document, { maxElemsToParse: 150000 }).parse();
    dom.window.close();
    return r;
  };
  const mb = pages.reduce((n, p) => n + p.html.length, 0) / 1e6;
  console.log(`trafilatura-eval: ${pages.length} pages, ${mb.toFixed(1)} M characters; one core, pages decoded beforehand`);
  // Warm-up (JIT) on a few pages each.
  const warm = pages.slice(0, 20);
  time(warm, parallax);
  time(warm, rLinkedom);

  const pAll = time(pages, parallax);
  const lAll = time(pages, rLinkedom);
  console.log(`  all ${pages.length} pages:`);
  console.log(`    Parallax extractHtml       ${fmt(pAll)}`);
  console.log(`    Readability + linkedom     ${fmt(lAll)}   (${ratio(pAll, lAll)})`);

  const n = Number(process.env.BENCH_JSDOM_PAGES ?? 100);
  const sub = pages.slice(0, n);
  const pSub = time(sub, parallax);
  const lSub = time(sub, rLinkedom);
  // jsdom last: its windows leave much garbage behind that would slow what follows.
  time(sub.slice(0, 5), rJsdom);
  const jSub = time(sub, rJsdom);
  console.log(`  first ${sub.length} pages (jsdom subset):`);
  console.log(`    Parallax extractHtml       ${fmt(pSub)}`);
  console.log(`    Readability + linkedom     ${fmt(lSub)}   (${ratio(pSub, lSub)})`);
  console.log(`    Readability + jsdom        ${fmt(jSub)}   (${ratio(pSub, jSub)})`);
}

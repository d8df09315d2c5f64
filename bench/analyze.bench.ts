/**
 * `npm run bench -- analyze`: analyzeStory on a 20-article story on one core.
 * The story is built from the hand-written fixtures (test/fixtures/analysis)
 * plus AllSides leads (../shared/datasets/allsides-stories) up to 20 articles.
 * Prints the median ms of analyzeStory (framing included), of the framing
 * call alone, and — as a peer timed in the same run — date finding by
 * analyze/dates.ts against chrono-node's parser over the same sentences.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { analyzeStory, type AnalysisArticle } from '../src/analyze/index.ts';
import { analyzeFraming } from '../src/analyze/framing/index.ts';
import { articleSentences } from '../src/analyze/sentences.ts';
import { findDates, dayNumber } from '../src/analyze/dates.ts';
import { SHARED } from '../eval/shared.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** CPU time of fn in ms (user + system): one core's work, not the wait on a busy machine. */
function cpuMs(fn: () => unknown): number {
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function story(): AnalysisArticle[] {
  const out: AnalysisArticle[] = [];
  const fx = join(here, '..', 'test', 'fixtures', 'analysis');
  for (const d of readdirSync(fx)) out.push(...(JSON.parse(readFileSync(join(fx, d, 'articles.json'), 'utf8')) as AnalysisArticle[]));
  const lead = join(SHARED, 'datasets', 'allsides-stories', 'articles.jsonl');
  if (existsSync(lead)) {
    for (const line of readFileSync(lead, 'utf8').split('\n')) {
      if (out.length >= 20) break;
      if (!line.trim()) continue;
      const a = JSON.parse(line) as AnalysisArticle;
      out.push({ ...a, duplicateOf: null });
    }
  }
  // without the dataset, repeat the fixtures under new ids
  for (let i = 0; out.length < 20; i++) out.push({ ...out[i % 8], id: `r${i}`, duplicateOf: null });
  return out.slice(0, 20);
}

export async function run(): Promise<void> {
  const arts = story();
  const now = new Date('2026-11-22T12:00:00Z');
  const words = arts.reduce((n, a) => n + a.text.split(/\s+/).length, 0);
  for (let i = 0; i < 3; i++) analyzeStory(arts, { now }); // warm-up
  const total: number[] = [];
  const framing: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    total.push(cpuMs(() => analyzeStory(arts, { now })));
    wall.push(performance.now() - t);
    framing.push(cpuMs(() => analyzeFraming(arts, {})));
  }
  console.log(
    `analyzeStory, 20 articles (${words} words): median CPU ${median(total).toFixed(1)} ms (wall ${median(wall).toFixed(1)} ms); ` +
      `framing alone ${median(framing).toFixed(1)} ms; the rest ≈ ${(median(total) - median(framing)).toFixed(1)} ms; target < 200 ms`,
  );
  // peer: date finding vs chrono-node over the same sentences
  const sents = arts.flatMap((a) => articleSentences(a.text).map((s) => s.text));
  const ref = new Date('2026-05-15T00:00:00Z');
  const ours: number[] = [];
  const peer: number[] = [];
  let nOurs = 0;
  let nPeer = 0;
  for (let i = 0; i < 10; i++) {
    const ctx = { ref: dayNumber(2026, 4, 15), anchor: null as number | null };
    ours.push(
      cpuMs(() => {
        nOurs = 0;
        for (const s of sents) nOurs += findDates(s, ctx).length;
      }),
    );
    peer.push(
      cpuMs(() => {
        nPeer = 0;
        for (const s of sents) nPeer += chrono.parse(s, ref).length;
      }),
    );
  }
  console.log(
    `dates over ${sents.length} sentences: analyze/dates ${median(ours).toFixed(2)} ms (${nOurs} dates), chrono-node ${median(peer).toFixed(2)} ms (${nPeer} dates); ratio chrono/ours = ${(median(peer) / median(ours)).toFixed(1)}x`,
  );
}

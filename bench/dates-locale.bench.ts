/**
 * `npm run bench -- dates-locale`: dates read in every language with a locale (text/dates.ts, through analyze/dates.ts) over the
 * hand-written tables of test/fixtures/dates (≥ 30 dated sentences per language), against chrono-node's parser
 * for the same language where it has one, in the same run: CPU time per table and, on the sentences that name
 * one day, the share each resolves to the expected day (chrono-node has no "a day earlier" chained to the last
 * dated event: those count against it; it is a peer, not a gate).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { findDates, normalizeRange, parseIsoDay } from '../src/analyze/dates.ts';
import { createLocales } from '../src/text/index.ts';

const here = dirname(fileURLToPath(import.meta.url));

interface Table {
  lang: string;
  published: string;
  cases: Array<[string, string[], string?]>;
}
interface ChronoLike {
  parse(text: string, ref: Date): Array<{ start: { get(c: 'year' | 'month' | 'day'): number | null } }>;
}

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

const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');

export async function run(): Promise<void> {
  const dir = join(here, '..', 'test', 'fixtures', 'dates');
  const locales = createLocales();
  const peers = chrono as unknown as Record<string, ChronoLike | undefined>;
  let oursMs = 0;
  let peerMs = 0;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const t = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Table;
    const locale = locales.get(t.lang);
    const ref = parseIsoDay(t.published)!;
    const refDate = new Date(`${t.published}T12:00:00`);
    const dayCases = t.cases.filter((c) => c[1].length === 1 && /^\d{4}-\d\d-\d\d$/.test(c[1][0]));
    const ours = (c: Table['cases'][number]) => {
      const ctx = { ref, anchor: null as number | null, locale };
      if (c[2]) findDates(c[2], ctx);
      return findDates(c[0], ctx).map((d) => normalizeRange(d.range));
    };
    const peer = t.lang === 'en' ? chrono.en : peers[t.lang];
    const theirs = (c: Table['cases'][number]) =>
      peer ? peer.parse(c[0], refDate).map((r) => `${r.start.get('year')}-${pad(r.start.get('month'))}-${pad(r.start.get('day'))}`) : [];
    const o: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < 20; i++) {
      o.push(cpuMs(() => t.cases.forEach(ours)));
      if (peer) p.push(cpuMs(() => t.cases.forEach(theirs)));
    }
    oursMs += median(o);
    const right = (got: string[], want: string[]) => got.length === want.length && got.every((g, k) => g === want[k]);
    const oursDay = dayCases.filter((c) => right(ours(c), c[1])).length;
    const oursAll = t.cases.filter((c) => right(ours(c), c[1])).length;
    let peerText = 'no chrono-node parser';
    if (peer) {
      peerMs += median(p);
      const peerDay = dayCases.filter((c) => right(theirs(c), c[1])).length;
      peerText = `chrono-node ${peerDay}/${dayCases.length} one-day sentences, ${median(p).toFixed(2)} ms`;
    }
    console.log(
      `${t.lang}: ours ${oursAll}/${t.cases.length} sentences (${oursDay}/${dayCases.length} one-day), ${median(o).toFixed(2)} ms; ${peerText}`,
    );
  }
  console.log(`all tables: ours ${oursMs.toFixed(1)} ms CPU, chrono-node ${peerMs.toFixed(1)} ms CPU (on the languages it reads)`);
}

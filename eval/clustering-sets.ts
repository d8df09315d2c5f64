/**
 * The clustering dev sets, loaded once for the clustering eval and the grid script: AllSides as shipped, its four
 * dev variants (`spread`, `dense`, `shuffled`, `translated`, written by ../shared/tools/dev-variants.py into a
 * temporary folder; `translated` only where Apertium's eng-spa pair is installed) and ECB+ dev (look-alike events
 * without dates). Also BCubed and the plain baseline the issues measure against.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold } from '../src/cluster/index.ts';
import { fileInputRunner } from '../src/translate/command.ts';
import { SHARED } from './shared.ts';

export interface JsonlArticle {
  id: string;
  title: string | null;
  text: string;
  published: string | null;
  outlet?: string | null;
  language?: string | null;
}

export interface ClusterSet {
  name: string;
  articles: JsonlArticle[];
  /** article id -> gold story id */
  gold: Map<string, string>;
  /** the file the articles came from (for CLI ingest) */
  file: string;
}

export interface Scores {
  p: number;
  r: number;
  f: number;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function loadSet(name: string, dir: string): ClusterSet {
  const articles = readJsonl<JsonlArticle>(join(dir, 'articles.jsonl')).map((a) => ({
    ...a,
    title: a.title ?? null,
    published: a.published ?? null,
  }));
  const gold = new Map<string, string>();
  for (const s of readJsonl<{ story: string; articles: Array<string | { id: string }> }>(join(dir, 'stories.jsonl'))) {
    for (const a of s.articles) gold.set(typeof a === 'string' ? a : a.id, s.story);
  }
  return { name, articles, gold, file: join(dir, 'articles.jsonl') };
}

function apertiumHasEngSpa(): boolean {
  try {
    return execFileSync('apertium', ['-l'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split(/\s+/)
      .includes('eng-spa');
  } catch {
    return false;
  }
}

/** Every clustering dev set present on this machine, with a line saying why any is missing. */
export function loadClusterSets(): ClusterSet[] {
  const sets: ClusterSet[] = [];
  const allsides = join(SHARED, 'datasets', 'allsides-stories');
  if (existsSync(allsides)) {
    sets.push(loadSet('allsides', allsides));
    const tool = join(SHARED, 'tools', 'dev-variants.py');
    if (existsSync(tool)) {
      const out = mkdtempSync(join(tmpdir(), 'parallax-variants-'));
      const translate = apertiumHasEngSpa();
      const args = [tool, join(allsides, 'articles.jsonl'), join(allsides, 'stories.jsonl'), out, ...(translate ? ['--translate'] : [])];
      try {
        execFileSync('python3', args, { stdio: 'ignore' });
        for (const v of ['spread', 'dense', 'shuffled', 'translated']) {
          if (existsSync(join(out, v, 'articles.jsonl'))) sets.push(loadSet(v, join(out, v)));
        }
        if (!translate) console.log('skipped: translated (apertium with the eng-spa pair is not installed)');
      } catch (e) {
        console.log(`skipped: the dev variants (${(e as Error).message.split('\n')[0]})`);
      }
    }
  } else console.log(`skipped: ${allsides} is absent`);
  const ecb = join(SHARED, 'datasets', 'ecbplus-dev');
  if (existsSync(ecb)) sets.push(loadSet('ecbplus', ecb));
  else console.log(`skipped: ${ecb} is absent`);
  return sets;
}

/** BCubed over the articles of `gold`: per article, the share of its predicted cluster in its gold one, and back. */
export function bcubed(pred: Map<string, string>, gold: Map<string, string>): Scores {
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const [a, g] of gold) {
    const p = pred.get(a) ?? 'missing:' + a;
    byPred.set(p, [...(byPred.get(p) ?? []), a]);
    byGold.set(g, [...(byGold.get(g) ?? []), a]);
  }
  let P = 0;
  let R = 0;
  for (const [a, g] of gold) {
    const cluster = byPred.get(pred.get(a) ?? 'missing:' + a)!;
    const same = cluster.filter((x) => gold.get(x) === g).length;
    P += same / cluster.length;
    R += same / byGold.get(g)!.length;
  }
  P /= gold.size;
  R /= gold.size;
  return { p: P, r: R, f: (2 * P * R) / (P + R) };
}

export const fmt = (s: Scores) => `P ${s.p.toFixed(3)}  R ${s.r.toFixed(3)}  F1 ${s.f.toFixed(3)}`;

/**
 * The plain baseline the issues measure against: bag of words over the title and the first 200 words (folded, a
 * few stop words out), TF-IDF with the IDF of the articles seen so far; each article joins the story of its most
 * similar earlier article (cosine >= threshold) dated within maxDays (undated: any), else starts one.
 * Independent of src/cluster.
 */
export function plainBaseline(articles: JsonlArticle[], threshold = 0.1, maxDays = 3): Map<string, string> {
  const stop = new Set(
    'the a an and or of to in on for with at by from is are was were be been has have had it its that this as said says'.split(' '),
  );
  const df = new Map<string, number>();
  const seen: Array<{ story: string; tf: Map<string, number>; t: number | null }> = [];
  const out = new Map<string, string>();
  for (const a of articles) {
    const tf = new Map<string, number>();
    const words = a.text.split(/\s+/).slice(0, 200).join(' ');
    for (const w of fold(`${a.title ?? ''} ${words}`).match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (w.length > 1 && !stop.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    }
    const n = seen.length + 1;
    const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
    const norm = (m: Map<string, number>) => Math.sqrt([...m].reduce((s, [t, v]) => s + (v * idf(t)) ** 2, 0));
    const na = norm(tf);
    const t = a.published ? Date.parse(a.published) : null;
    let best: { story: string; s: number } | null = null;
    for (const b of seen) {
      if (t !== null && b.t !== null && Math.abs(t - b.t) / 86400000 > maxDays) continue;
      let dot = 0;
      for (const [w, v] of tf) {
        const u = b.tf.get(w);
        if (u) dot += v * u * idf(w) ** 2;
      }
      const s = na ? dot / (na * norm(b.tf)) : 0;
      if (s >= threshold && (!best || s > best.s)) best = { story: b.story, s };
    }
    const story = best?.story ?? a.id;
    out.set(a.id, story);
    seen.push({ story, tf, t });
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return out;
}

/** Text through Apertium's `mode` (eng-spa, spa-eng) with the project's runner, or null when it cannot. */
export async function apertium(mode: string, text: string): Promise<string | null> {
  const r = await fileInputRunner('apertium')(['-u', mode], text, 300_000);
  return r.ok && r.value.trim() ? r.value : null;
}

/**
 * The set's Spanish articles (language "es") with an English translation by Apertium (spa-eng), as a configured
 * translator would store it (one batch, without the provider's name protection); null when spa-eng is not installed.
 */
export async function withApertiumEnglish(
  set: ClusterSet,
): Promise<Array<JsonlArticle & { translation?: { title: string | null; text: string } }> | null> {
  const es = set.articles.filter((a) => a.language === 'es');
  if (es.length === 0) return null;
  const out = await apertium('spa-eng', es.map((a) => `${a.title ?? ''}\n\n${a.text}`).join('\n\n@@@@@\n\n'));
  if (out === null) return null;
  const parts = out.split('@@@@@');
  if (parts.length !== es.length) return null;
  const tr = new Map(
    es.map((a, i) => {
      const p = parts[i].trim();
      const cut = p.indexOf('\n\n');
      return [a.id, { title: cut < 0 ? null : p.slice(0, cut).trim(), text: cut < 0 ? p : p.slice(cut + 2).trim() }] as const;
    }),
  );
  return set.articles.map((a) => (tr.has(a.id) ? { ...a, translation: tr.get(a.id)! } : a));
}

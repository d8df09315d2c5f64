/**
 * The front page's topics (`npm run eval -- topics`): the AllSides articles ingested through the CLI, each story's
 * topics (src/serve/web/topics.ts) set against the AllSides topic of its articles' gold story. AllSides files a story
 * under one of 65 labels; the labels that plainly fall under one of ours are mapped below (the others — "World",
 * "Culture", "Education", … — are left out). Figures: the share of mapped stories given a topic (coverage), and of
 * those, the share whose first topic (precision@1) or any topic is the mapped one; beside the majority baseline (every
 * story filed under the commonest mapped topic).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '../src/serve/cli.ts';
import { openStore } from '../src/store/index.ts';
import { topicsOf } from '../src/serve/web/topics.ts';
import { datasetPath, pct } from './shared.ts';
import type { Figures } from './gate.ts';

const MAPPED: Record<string, string[]> = {
  health: ['Coronavirus', 'COVID-19 Misinformation', 'Safety and Sanity During COVID-19', 'FDA'],
  economy: ['Economy and Jobs', 'Economic Policy', 'Treasury', 'Trade', 'Banking and Finance', 'Federal Budget'],
  politics: [
    'US Senate',
    'US House',
    'Politics',
    'Elections',
    'White House',
    'Joe Biden',
    'Donald Trump',
    'Republican Party',
    'Immigration',
    'Voting Rights and Voter Fraud',
  ],
  justice: [
    'Violence in America',
    'Criminal Justice',
    'Justice',
    'FBI',
    'Supreme Court',
    'Justice Department',
    'Gun Control and Gun Rights',
  ],
  climate: ['Climate Change', 'Energy'],
  disaster: ['Disaster'],
  science: ['Technology', 'Science'],
  sport: ['Sports'],
  conflict: ['Middle East', 'US Military', 'Defense Department', 'National Security', 'ISIS'],
};

function goldTopics(dir: string): Map<string, string> {
  const ours = new Map(Object.entries(MAPPED).flatMap(([t, labels]) => labels.map((l) => [l, t] as const)));
  const byArticle = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'stories.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const s = JSON.parse(line) as { topic: string; articles: Array<string | { id: string }> };
    const t = ours.get(s.topic);
    if (t) for (const a of s.articles) byArticle.set(typeof a === 'string' ? a : a.id, t);
  }
  return byArticle;
}

export async function run(): Promise<Figures | void> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return;
  const gold = goldTopics(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-topics-'));
  try {
    const db = join(tmp, 'allsides.db');
    const ing = await runCaptured(['ingest', join(dir, 'articles.jsonl'), '--db', db], { PARALLAX_LOG_LEVEL: 'silent' });
    if (ing.code !== 0) throw new Error(`ingest exit ${ing.code}: ${ing.stderr.split('\n')[0]}`);
    const store = await openStore({ PARALLAX_DB: db, PARALLAX_DATABASE_URL: undefined });
    const rows: Array<{ want: string; got: string[] }> = [];
    for (const s of await store.listStories({ limit: 1000 })) {
      const r = (await store.getReport(s.id))?.report;
      // a story's gold topic: the one most of its articles' gold stories carry
      const votes = new Map<string, number>();
      for (const a of r?.articles ?? []) if (gold.has(a.id)) votes.set(gold.get(a.id)!, (votes.get(gold.get(a.id)!) ?? 0) + 1);
      const want = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (r && want) rows.push({ want, got: topicsOf(r.title, [...r.overview.map((o) => o.text), ...r.agreements.map((o) => o.text)]) });
    }
    await store.close();
    const given = rows.filter((x) => x.got.length);
    const first = given.filter((x) => x.got[0] === x.want).length;
    const any = given.filter((x) => x.got.includes(x.want)).length;
    const counts = new Map<string, number>();
    for (const x of rows) counts.set(x.want, (counts.get(x.want) ?? 0) + 1);
    const [major, majorN] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
    const figures = {
      coverage: given.length / rows.length,
      precisionAt1: first / Math.max(1, given.length),
      precisionAny: any / Math.max(1, given.length),
    };
    console.log(`stories with a mapped AllSides topic: ${rows.length}; given a topic: ${given.length} (${pct(figures.coverage)})`);
    console.log(
      `first topic right: ${first}/${given.length} (${pct(figures.precisionAt1)}); any topic right: ${any}/${given.length} (${pct(figures.precisionAny)})`,
    );
    console.log(`majority baseline (every story "${major}"): ${pct(majorN / rows.length)}`);
    return figures;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Clustering at scale: stores ~10k articles (the allsides-stories leads, copied 14 times with dates moved 30 days
 * per copy and the words of each copy altered so that copies are neither duplicates nor the same stories) in a
 * temporary SQLite store and clusters each as it arrives (`clusterOne`, as ingest does), reporting the time per
 * article early and late.
 * Peer timed in the same run: the same first 730 articles clustered by the old scan of every stored article
 * (the store without its clustering index).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { clusterOne, type PipelineDeps, type StoredFeatures } from '../src/pipeline/ingest.ts';
import { clusterFeatures } from '../src/cluster/index.ts';
import { dedupeFeatures } from '../src/dedupe/index.ts';
import { sha256 } from '../src/util/hash.ts';
import { silentLogger } from '../src/util/log.ts';
import type { RawInput } from '../src/model.ts';
import { datasetPath } from '../eval/shared.ts';

interface Rec {
  id: string;
  title: string;
  text: string;
  published: string;
  outlet: string;
}

/** Copy k of a text: about half of the longer words get a copy-specific suffix, so shingles and keys differ. */
function alter(s: string, k: number): string {
  if (k === 0) return s;
  let i = 0;
  return s.replace(/[\p{L}]{4,}/gu, (w) => (i++ % 2 === 0 ? `${w}${String.fromCharCode(97 + (k % 26))}${k}` : w));
}

function inputs(recs: Rec[], copies: number): RawInput[] {
  const out: RawInput[] = [];
  for (let k = 0; k < copies; k++) {
    for (const r of recs) {
      const d = new Date(Date.parse(r.published) + k * 30 * 86400000).toISOString().slice(0, 10);
      out.push({
        ref: `bench#${k}:${r.id}`,
        kind: 'text',
        body: alter(r.text, k),
        hints: { id: `${r.id}~${k}`, title: alter(r.title, k), published: d, outlet: r.outlet },
      });
    }
  }
  return out;
}

/**
 * Stores each article as ingest would (features computed here, extraction skipped: its cost is measured by the
 * extract bench) and times the clustering of each, as ingest does it.
 */
async function clusterTimed(store: Store, items: RawInput[]): Promise<{ totalS: number; clusterMs: number[] }> {
  const deps: PipelineDeps = { store, clock: () => new Date(), logger: silentLogger };
  const clusterMs: number[] = [];
  const t0 = performance.now();
  for (const it of items) {
    const id = it.hints.id!;
    const dedupe = dedupeFeatures(it.body);
    const cluster = clusterFeatures({ title: it.hints.title ?? null, text: it.body, published: it.hints.published ?? null });
    await store.insertArticle({
      id,
      ref: it.ref,
      url: null,
      title: it.hints.title ?? null,
      byline: null,
      published: it.hints.published ?? null,
      language: 'en',
      outlet: it.hints.outlet ?? null,
      country: 'US',
      siteName: null,
      text: it.body,
      blocks: [],
      raw: it.body,
      rawKind: 'text',
      rawHash: sha256(it.body),
      contentHash: sha256('c:' + it.body),
      duplicateOf: null,
      features: { dedupe, cluster } satisfies StoredFeatures,
    });
    const t = performance.now();
    await clusterOne(id, cluster, deps);
    clusterMs.push(performance.now() - t);
  }
  return { totalS: (performance.now() - t0) / 1000, clusterMs };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function run(): Promise<void> {
  const dir = datasetPath('datasets', 'allsides-stories');
  if (!dir) return;
  const recs = readFileSync(join(dir, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);
  const copies = Number(process.env.CLUSTER_BENCH_COPIES ?? 14);
  const tmp = mkdtempSync(join(tmpdir(), 'parallax-cluster-bench-'));
  try {
    const all = inputs(recs, copies);
    const peerN = recs.length;

    // Peer: the store without its clustering / dedupe index, so ingest scans every stored article.
    const scanFile = join(tmp, 'scan.db');
    const scanStore = new SqliteStore(scanFile);
    await scanStore.migrate();
    const scan = Object.assign(Object.create(scanStore) as Store, {
      getTermStats: undefined,
      addTermStats: undefined,
      findStoryCandidates: undefined,
      saveStoryFeatures: undefined,
      findDedupeCandidates: undefined,
      addDedupeBands: undefined,
    });
    const peer = await clusterTimed(scan, all.slice(0, peerN));
    await scanStore.close();

    const file = join(tmp, 'index.db');
    const store = new SqliteStore(file);
    await store.migrate();
    const res = await clusterTimed(store, all);
    const stories = (await store.listStories({ limit: 100000 })).length;
    await store.close();

    const n = recs.length;
    const first = mean(res.clusterMs.slice(0, n));
    const last = mean(res.clusterMs.slice(-n));
    const half = Math.floor(peerN / 2);
    const idxPeer = mean(res.clusterMs.slice(peerN - half, peerN));
    const scanLate = mean(peer.clusterMs.slice(peerN - half, peerN));
    console.log(`indexed: ${all.length} articles stored and clustered in ${res.totalS.toFixed(1)} s, ${stories} stories`);
    console.log(
      `  cluster stage per article: first ${n} ${first.toFixed(2)} ms, last ${n} (store holding ~${all.length - n}) ${last.toFixed(2)} ms`,
    );
    console.log(`peer (scan of all stored articles), first ${peerN} articles: ${peer.totalS.toFixed(1)} s`);
    console.log(
      `  cluster stage per article, articles ${peerN - half + 1}-${peerN}: scan ${scanLate.toFixed(2)} ms vs indexed ${idxPeer.toFixed(2)} ms (scan/indexed ${(scanLate / idxPeer).toFixed(1)}x)`,
    );
    // Flatness at a steady stream: the copies overlap in time until about the seventh (the set spans six months,
    // copies move 30 days), so the stream's density grows until then; from there only the store grows.
    const at10k = Math.min(all.length, 10000);
    if (all.length >= 2 * at10k) {
      const mid = mean(res.clusterMs.slice(at10k - n, at10k));
      console.log(
        `  steady density: articles ${at10k - n + 1}-${at10k} ${mid.toFixed(2)} ms vs the last ${n} ${last.toFixed(2)} ms ` +
          `(last/10k ${(last / mid).toFixed(2)}x; ${(1000 / last).toFixed(0)} articles/s at the end)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

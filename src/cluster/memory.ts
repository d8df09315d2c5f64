/**
 * The whole incremental procedure over an in-memory list (tests, evals), in arrival order, with the same
 * inverted-index lookup, join and merge decisions the pipeline makes against the store.
 */
import { clusterFeatures, idfFn, indexKeys, weightVector, type TermStats } from './features.ts';
import { addToStory, mergeFeatures, survivor, type StoryFeatures } from './story.ts';
import { dateWindow, decideStory, DEFAULTS, overlapsWindow, storiesToMerge, type ClusterOptions, type StoryCandidate } from './decide.ts';
import { splitStory } from './split.ts';
import type { ClusterFeatures } from './features.ts';

/** Candidate-lookup limit: stories sharing the most index keys with the article. */
export const CANDIDATE_LIMIT = 100;

interface State {
  stats: TermStats;
  stories: Map<string, StoryFeatures>;
  postings: Map<string, Set<string>>;
  /** article id -> story id */
  out: Map<string, string>;
  /** article id -> its place in arrival order */
  arrival: Map<string, number>;
  /** story id -> its members' article ids */
  members: Map<string, Set<string>>;
  /** article id -> its features, in arrival order */
  feats: Map<string, ClusterFeatures>;
}

function candidatesFor(st: State, keys: string[], published: string | null, maxDays: number): StoryCandidate[] {
  const hits = new Map<string, number>();
  for (const k of keys) for (const s of st.postings.get(k) ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
  const win = dateWindow(published, maxDays);
  return [...hits]
    .filter(([s]) => overlapsWindow(st.stories.get(s)!, win))
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, CANDIDATE_LIMIT)
    .map(([s]) => ({ storyId: s, features: st.stories.get(s)! }));
}

/** Moves story `gone` into `keep`: members, postings and features. */
function merge(st: State, keep: string, gone: string): void {
  st.stories.set(keep, mergeFeatures(st.stories.get(keep)!, st.stories.get(gone)!));
  st.stories.delete(gone);
  const moved = st.members.get(gone) ?? new Set<string>();
  for (const a of moved) assign(st, a, keep);
  st.members.delete(gone);
  for (const p of st.postings.values()) if (p.delete(gone)) p.add(keep);
}

/** Returns article id -> story id (a story is named by its first article's id; a merged story by the survivor's). */
export function clusterInMemory(
  articles: Array<{
    id: string;
    title: string | null;
    text: string;
    published: string | null;
    translation?: { title: string | null; text: string } | null;
  }>,
  opts: ClusterOptions = {},
): Map<string, string> {
  const st: State = {
    stats: { docs: 0, df: {} },
    stories: new Map(),
    postings: new Map(),
    out: new Map(),
    arrival: new Map(),
    members: new Map(),
    feats: new Map(),
  };
  for (const a of articles) {
    const f = clusterFeatures(a, a.translation);
    const idf = idfFn(st.stats);
    const vec = weightVector(f, idf);
    const keys = indexKeys(f, idf);
    const cands = candidatesFor(st, keys, f.published, opts.maxDays ?? DEFAULTS.maxDays);
    const d = decideStory(f, vec, cands, opts, st.stats);
    let sid = d.storyId ?? a.id;
    st.stories.set(sid, addToStory(st.stories.get(sid) ?? null, f, vec));
    st.arrival.set(a.id, st.arrival.size);
    assign(st, a.id, sid);
    for (const c of storiesToMerge({ storyId: sid, features: st.stories.get(sid)! }, cands, d.matched, opts)) {
      if (!st.stories.has(c.storyId) || !st.stories.has(sid)) continue;
      const keep = survivor({ storyId: sid, features: st.stories.get(sid)! }, { storyId: c.storyId, features: st.stories.get(c.storyId)! });
      merge(st, keep, keep === sid ? c.storyId : sid);
      sid = keep;
    }
    post(st, keys, sid);
    st.stats.docs++;
    for (const t of Object.keys(f.terms)) st.stats.df[t] = (st.stats.df[t] ?? 0) + 1;
    st.feats.set(a.id, f);
    if (d.storyId) split(st, sid, opts);
  }
  return st.out;
}

/** Puts article `id` in story `sid` (out of its former story, if any). */
function assign(st: State, id: string, sid: string): void {
  const from = st.out.get(id);
  if (from !== undefined) st.members.get(from)?.delete(id);
  st.out.set(id, sid);
  const m = st.members.get(sid) ?? new Set<string>();
  m.add(id);
  st.members.set(sid, m);
}

function post(st: State, keys: string[], sid: string): void {
  for (const k of keys) {
    const p = st.postings.get(k) ?? new Set<string>();
    p.add(sid);
    st.postings.set(k, p);
  }
}

/** Splits story `sid` when its members have drifted into separate events (split.ts); new parts named by their first member. */
function split(st: State, sid: string, opts: ClusterOptions): void {
  const idf = idfFn(st.stats);
  // In arrival order (a split's parts are named by their first member).
  const order = (id: string) => st.arrival.get(id) ?? 0;
  const members = [...(st.members.get(sid) ?? [])].sort((x, y) => order(x) - order(y)).map((id) => ({ id, f: st.feats.get(id)! }));
  const parts = splitStory(
    members.map((m) => ({ id: m.id, vec: weightVector(m.f, idf), published: m.f.published, lang: m.f.lang })),
    opts,
  );
  if (!parts) return;
  parts.forEach((part, i) => {
    const id = i === 0 ? sid : part[0].id;
    let features: StoryFeatures | null = null;
    for (const m of part) {
      const f = st.feats.get(m.id)!;
      features = addToStory(features, f, m.vec);
      assign(st, m.id, id);
      if (i > 0) post(st, indexKeys(f, idf), id);
    }
    st.stories.set(id, features!);
  });
}

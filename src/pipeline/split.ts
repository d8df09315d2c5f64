/**
 * After an article joins a story: when the story's members have drifted into two events (cluster/split.ts), the
 * parts other than the largest leave as stories of their own, the largest keeping the story's id. Wire copies
 * follow the article they copy. Runs under the cluster lock, like the join.
 */
import {
  addToStory,
  asClusterFeatures,
  idfFn,
  indexKeys,
  MAX_SPLIT_MEMBERS,
  splitStory,
  weightVector,
  type ClusterFeatures,
  type StoryFeatures,
} from '../cluster/index.ts';
import { sha256 } from '../util/hash.ts';
import type { PipelineDeps } from './deps.ts';
import { hasClusterIndex } from '../store/types.ts';

interface Member {
  id: string;
  f: ClusterFeatures;
  copies: string[];
}

/** Re-groups story `storyId`; returns the ids of the stories split off (none when it stays whole). */
export async function splitDrifted(storyId: string, n: number, deps: PipelineDeps, at: string): Promise<string[]> {
  const { store } = deps;
  if (n > MAX_SPLIT_MEMBERS || !hasClusterIndex(store)) return [];
  const rows = await store.listStoryMembers(storyId, 4 * MAX_SPLIT_MEMBERS);
  const members = new Map<string, Member>();
  for (const r of rows) {
    const f = asClusterFeatures((r.features as { cluster?: unknown } | null)?.cluster);
    if (f && !r.duplicateOf) members.set(r.articleId, { id: r.articleId, f, copies: [] });
  }
  for (const r of rows) if (r.duplicateOf) (members.get(r.duplicateOf) ?? members.values().next().value)?.copies.push(r.articleId);
  const list = [...members.values()];
  const stats = await store.getTermStats([...new Set(list.flatMap((m) => Object.keys(m.f.terms)))]);
  const idf = idfFn(stats);
  const vecs = new Map(list.map((m) => [m.id, weightVector(m.f, idf)]));
  const parts = splitStory(list.map((m) => ({ id: m.id, vec: vecs.get(m.id)!, published: m.f.published, lang: m.f.lang })));
  if (!parts) return [];
  const made: string[] = [];
  for (const [i, part] of parts.entries()) {
    const id = i === 0 ? storyId : 's_' + sha256(part[0].id).slice(0, 12);
    if (i > 0 && !(await store.getStory(id))) await store.createStory(id, '', at);
    let features: StoryFeatures | null = null;
    const keys = new Set<string>();
    for (const p of part) {
      const m = members.get(p.id)!;
      features = addToStory(features, m.f, p.vec);
      if (i > 0) {
        for (const k of indexKeys(m.f, idf)) keys.add(k);
        for (const a of [m.id, ...m.copies]) await store.assignArticle(a, id, at);
      }
    }
    await store.saveStoryFeatures(id, features, { first: features!.first, last: features!.last }, [...keys], at);
    if (i > 0) made.push(id);
  }
  deps.logger.info('story split', { stage: 'cluster', storyId, parts: made });
  return made;
}

/**
 * A story that has drifted into two events splits. Its members are grouped again from scratch, each alone at
 * first, joining the two groups whose members match best on average (the same score and time factor as a join)
 * while that average reaches `splitThreshold`. Groups of at least MIN_PART members other than the largest become
 * stories of their own; smaller leftovers stay. The largest group keeps the story's id, so clients' links hold.
 */
import { dayGap, DEFAULTS, similarity, timeFactor, type ClusterOptions } from './decide.ts';

export interface SplitMember {
  id: string;
  /** Unit TF-IDF vector under the current document frequencies. */
  vec: Record<string, number>;
  published: string | null;
  lang?: string | null;
}

/** A part must have this many members to leave its story. */
export const MIN_PART = 2;
/** A part is apart when its link with the rest is below this share of its own and the rest's cohesion. */
const SPLIT_CONTRAST = 0.75;
/** Stories larger than this are not re-grouped (n² comparisons; a large story is an established one). */
export const MAX_SPLIT_MEMBERS = 60;

function pairScore(a: SplitMember, b: SplitMember, opts: ClusterOptions): number {
  const same = !a.lang || !b.lang || a.lang === b.lang ? 1 : 0;
  const b0 = b.published?.slice(0, 10) ?? null;
  const gap = dayGap(a.published, { first: b0, last: b0 });
  return similarity(a.vec, { terms: b.vec }, opts, same).score * timeFactor(gap, opts);
}

/** The pairwise scores of the members. */
function scores(members: SplitMember[], opts: ClusterOptions): Float64Array[] {
  const n = members.length;
  const score = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) score[i][j] = score[j][i] = pairScore(members[i], members[j], opts);
  return score;
}

/** Average score between two groups (or within one, over its distinct pairs, when a === b). */
function link(score: Float64Array[], a: number[], b: number[]): number {
  let sum = 0;
  let n = 0;
  for (const x of a) {
    for (const y of b) {
      if (a === b && x >= y) continue;
      sum += score[x][y];
      n++;
    }
  }
  return n ? sum / n : 1;
}

/** Average-link groups of the members at `threshold` (indices into members). */
function groupsOf(score: Float64Array[], threshold: number): number[][] {
  const groups = score.map((_, i) => [i]);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const avg = link(score, groups[i], groups[j]);
        if (avg > best) [best, bi, bj] = [avg, i, j];
      }
    }
    if (bi < 0 || best < threshold) return groups;
    groups[bi].push(...groups[bj]);
    groups.splice(bj, 1);
  }
}

/**
 * The parts a story splits into, or null when it stays whole: the first part keeps the story's id (the largest; on
 * a tie the one holding the earliest member in `members`' order), each other part has at least MIN_PART members.
 */
export function splitStory(members: SplitMember[], opts: ClusterOptions = {}): SplitMember[][] | null {
  const threshold = opts.splitThreshold ?? DEFAULTS.splitThreshold;
  if (threshold <= 0 || members.length < 2 * MIN_PART || members.length > MAX_SPLIT_MEMBERS) return null;
  const score = scores(members, opts);
  const groups = groupsOf(score, threshold).sort((a, b) => b.length - a.length || Math.min(...a) - Math.min(...b));
  // A part leaves when it is large enough and clearly apart: its link with the largest group is well below how
  // closely each holds together (a story of loosely related reports of one event is not two events).
  const apart = (g: number[]) =>
    g.length >= MIN_PART && link(score, g, groups[0]) < SPLIT_CONTRAST * Math.min(link(score, g, g), link(score, groups[0], groups[0]));
  const parts = groups.slice(1).filter(apart);
  if (parts.length === 0) return null;
  const keep = groups
    .filter((g) => !parts.includes(g))
    .flat()
    .sort((a, b) => a - b);
  return [keep, ...parts.map((g) => [...g].sort((a, b) => a - b))].map((g) => g.map((i) => members[i]));
}

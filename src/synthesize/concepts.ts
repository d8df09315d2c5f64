/**
 * Concept-based sentence selection (after Gillick & Favre): the concepts of a story are its content bigrams, each
 * weighted by the number of independent articles (groups) that state it; sentences are picked greedily for the
 * weight of the concepts they add per word of their written form, under a word budget. A concept counts once, so
 * a sentence repeating what is already covered gains nothing (redundancy is handled by coverage); an article's
 * lead sentence is preferred.
 */
import type { Sent, SentenceSpace } from './sentences.ts';
import { isStopword, words } from './text.ts';

/** Content bigrams of a text: folded word pairs that are not two stopwords. */
export function conceptsOf(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) if (!(isStopword(w[i]!) && isStopword(w[i + 1]!))) out.push(`${w[i]} ${w[i + 1]}`);
  return out;
}

/** A story's concepts: each sentence's (by its index) and each concept's weight, the number of groups stating it. */
export interface StoryConcepts {
  bySent: Map<number, string[]>;
  weights: Map<string, number>;
}

export function conceptWeights(space: SentenceSpace): StoryConcepts {
  const groups = new Map<string, Set<string>>();
  const bySent = new Map<number, string[]>();
  for (const s of space.sents) {
    const cs = [...new Set(conceptsOf(s.text))];
    bySent.set(s.i, cs);
    for (const c of cs) {
      const g = groups.get(c) ?? new Set<string>();
      g.add(s.group);
      groups.set(c, g);
    }
  }
  return { bySent, weights: new Map([...groups].map(([c, g]) => [c, g.size])) };
}

/** Bonus of an article's lead sentence, in concept weight per word (ahead of any body sentence's gain). */
const LEAD_BONUS = 2;
/** How far past the budget the last sentence may run (a summary ends on a whole sentence). */
const OVERRUN = 40;
/** A sentence most of whose concepts are already covered repeats the overview: the share it must add. */
const NEW_SHARE = 0.5;

export interface ConceptPick {
  s: Sent;
  /** the sentence as the overview writes it */
  text: string;
}

/**
 * Picks sentences greedily by concept weight gained per word (plus the lead bonus) until the word budget is spent;
 * returns them in the order picked. `write` gives a sentence's written form (neutral voice, attribution) or null
 * when it cannot be stated; it is asked only for the sentence about to be picked, and its length is estimated
 * from `estimate` until then. A sentence that adds no concept, or repeats a picked one, is not picked.
 */
export function selectByConcepts(
  sents: Sent[],
  { bySent, weights }: StoryConcepts,
  { budget, min = 0 }: { budget: number; min?: number },
  fns: { write: (s: Sent) => string | null; estimate: (s: Sent) => number; redundant: (a: Sent, b: Sent) => boolean },
): ConceptPick[] {
  const pool = sents.map((s) => ({ s, concepts: bySent.get(s.i) ?? [...new Set(conceptsOf(s.text))], len: Math.max(1, fns.estimate(s)) }));
  const covered = new Set<string>();
  const chosen: ConceptPick[] = [];
  let used = 0;
  while (pool.length && (used < budget || chosen.length < min)) {
    const limit = chosen.length < min ? Infinity : budget + OVERRUN;
    let best = -1;
    let bestValue = 0;
    for (let k = 0; k < pool.length; k++) {
      const p = pool[k]!;
      if (used + p.len > limit) continue;
      let gain = 0;
      let total = 0;
      for (const c of p.concepts) {
        const w = weights.get(c) ?? 1;
        total += w;
        if (!covered.has(c)) gain += w;
      }
      if (gain <= NEW_SHARE * total) continue;
      // the lead bonus shrinks with the share of the lead already said
      const value = gain / p.len + (p.s.pos === 0 ? (LEAD_BONUS * gain) / total : 0);
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    if (best < 0) break;
    const p = pool.splice(best, 1)[0]!;
    if (chosen.some((c) => fns.redundant(c.s, p.s))) continue;
    const text = fns.write(p.s);
    if (!text) continue;
    chosen.push({ s: p.s, text });
    used += words(text).length;
    for (const c of p.concepts) covered.add(c);
  }
  return chosen;
}

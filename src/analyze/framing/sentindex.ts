/** A content-word index over sentences, so that finding a parallel sentence in another article does not scan them all. */
export interface SentRef {
  doc: number;
  s: string;
  cw: Set<string>;
}

export class SentIndex {
  private byWord = new Map<string, number[]>();
  constructor(private items: SentRef[]) {
    items.forEach((x, i) => {
      for (const w of x.cw) {
        const l = this.byWord.get(w);
        if (l) l.push(i);
        else this.byWord.set(w, [i]);
      }
    });
  }

  /** Sentences of other articles covering at least `minShare` of `words` (and `minShared` of them), close to the best. */
  above(doc: number, words: Set<string>, minShare: number, minShared: number): string[] {
    if (words.size === 0) return [];
    const shared = new Map<number, number>();
    for (const w of words) for (const i of this.byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const found: Array<{ s: string; share: number }> = [];
    for (const [i, n] of shared) {
      const x = this.items[i];
      const share = n / words.size;
      if (x.doc !== doc && share >= minShare && n >= minShared) found.push({ s: x.s, share });
    }
    if (found.length === 0) return [];
    found.sort((p, q) => q.share - p.share);
    // only the close matches: a sentence that shares a third of the words may say something else
    return found.filter((f) => f.share >= 0.8 * found[0].share).map((f) => f.s);
  }
}

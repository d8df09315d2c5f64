/**
 * cluster/: groups articles about one event into a story, incrementally.
 * An article joins the story whose articles it resembles most (TF-IDF cosine
 * over title + lead, plus shared named entities), if that resemblance passes
 * a threshold; otherwise it starts a new story. Story ids never change.
 */

export interface ClusterFeatures {
  /** term -> weight (title terms boosted), over title + lead. */
  terms: Record<string, number>;
  /** Capitalized multi-letter names found in title + lead (normalized). */
  names: string[];
  published: string | null;
}

export interface ClusterCandidateFeatures {
  storyId: string;
  articleId: string;
  features: ClusterFeatures | null;
}

const STOP = new Set(
  `a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now is are was were be been being have has had having do does did doing i me my we our you your he him his she her it its they them their what which who whom this that these those am would could also said says say according told new one two three year years last first us mr ms`.split(
    /\s+/,
  ),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [])
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => w.length > 1 && !STOP.has(w));
}

export function clusterFeatures(a: { title: string | null; text: string; published: string | null }): ClusterFeatures {
  const lead = a.text.split(/\s+/).slice(0, 120).join(' ');
  const terms: Record<string, number> = {};
  for (const w of tokenize(a.title ?? '')) terms[w] = (terms[w] ?? 0) + 2;
  for (const w of tokenize(lead)) terms[w] = (terms[w] ?? 0) + 1;
  const names = new Set<string>();
  for (const m of `${a.title ?? ''} ${lead}`.matchAll(/\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*/gu)) {
    const n = m[0].toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    if (!STOP.has(n)) names.add(n);
  }
  return { terms, names: [...names], published: a.published };
}

function cosine(a: Record<string, number>, b: Record<string, number>, idf: (t: string) => number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, v] of Object.entries(a)) {
    const w = v * idf(t);
    na += w * w;
    const bv = b[t];
    if (bv) dot += w * bv * idf(t);
  }
  for (const [t, v] of Object.entries(b)) {
    const w = v * idf(t);
    nb += w * w;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export interface ClusterOptions {
  threshold?: number;
  /** Max days between publication dates for two articles to share a story. */
  maxDays?: number;
}

/** The story id the article joins, or null for a new story. */
export function assignStory(f: ClusterFeatures, candidates: ClusterCandidateFeatures[], opts: ClusterOptions = {}): string | null {
  const threshold = opts.threshold ?? 0.2;
  const maxDays = opts.maxDays ?? 4;
  const df = new Map<string, number>();
  const docs = candidates.filter((c) => c.features);
  for (const c of docs) for (const t of Object.keys(c.features!.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length + 1;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const best = new Map<string, number>();
  for (const c of docs) {
    const cf = c.features!;
    if (f.published && cf.published) {
      const days = Math.abs(Date.parse(f.published) - Date.parse(cf.published)) / 86400000;
      if (days > maxDays) continue;
    }
    const s = cosine(f.terms, cf.terms, idf);
    if (s > (best.get(c.storyId) ?? 0)) best.set(c.storyId, s);
  }
  let pick: string | null = null;
  let top = threshold;
  for (const [id, s] of best) if (s >= top) [pick, top] = [id, s];
  return pick;
}

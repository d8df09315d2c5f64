/**
 * The framing rows a reader sees: strongest first, one row per article and
 * term (the same word for the same referent twice is one row), never a
 * counterpart that is the term itself, and caps per article.
 */
import type { Framing } from '../../report.ts';
import { normTerm } from './text.ts';

export interface Scored extends Framing {
  strength: number;
  order: number;
}

/** Counterparts that differ from the term and from each other after normalization. */
export function distinctCounterparts(term: string, counterparts: string[]): string[] {
  const seen = new Set([normTerm(term)]);
  const out: string[] = [];
  for (const c of counterparts) {
    const k = normTerm(c);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

interface Caps {
  all: number;
  omission: number;
  hedge: number;
}

function overCap(c: Caps, kind: string | undefined, perArticle: number): boolean {
  return c.all >= perArticle || (kind === 'omission' && c.omission >= 3) || (kind === 'hedge' && c.hedge >= 2);
}

/** Rows that show a claim rather than a word: a loaded word inside one is a separate finding. */
const CLAIM_KINDS = new Set(['hedge', 'omission']);

/** A word row whose term holds, or is held by, a word already reported for the same sentence ("regime" inside “regime”). */
function nested(out: Framing[], it: Framing): boolean {
  if (CLAIM_KINDS.has(it.kind ?? '')) return false;
  const t = normTerm(it.term);
  return out.some((o) => {
    if (o.article !== it.article || o.sentence !== it.sentence || CLAIM_KINDS.has(o.kind ?? '')) return false;
    const u = normTerm(o.term);
    return u.includes(t) || t.includes(u);
  });
}

export function finishRows(items: Scored[], perArticle: number): Framing[] {
  const seen = new Set<string>();
  const perDoc = new Map<string, Caps>();
  const out: Framing[] = [];
  for (const it of [...items].sort((a, b) => b.strength - a.strength || a.order - b.order)) {
    const key = `${it.article}\u0000${normTerm(it.term)}\u0000${it.refersTo ?? ''}`;
    if (seen.has(key) || nested(out, it)) continue;
    const c = perDoc.get(it.article) ?? { all: 0, omission: 0, hedge: 0 };
    if (overCap(c, it.kind, perArticle)) continue;
    seen.add(key);
    c.all++;
    if (it.kind === 'omission') c.omission++;
    if (it.kind === 'hedge') c.hedge++;
    perDoc.set(it.article, c);
    const { strength: _s, order: _o, ...f } = it;
    out.push({ ...f, counterparts: distinctCounterparts(f.term, f.counterparts ?? []) });
  }
  return out;
}

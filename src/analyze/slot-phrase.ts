/**
 * A readable difference: what is disputed as a short phrase, made of the words
 * of one side's clause that the other side's clauses echo ("date of: Il-76
 * landed in Caracas", "number: Senate Democrats voted to advance the bill").
 */
import type { Claim } from './claims.ts';
import { term } from './align.ts';
import { wordTokens } from './text.ts';

/** The longest phrase kept. */
export const PHRASE_WORDS = 9;

const PREFIX: Record<string, string> = { '%': 'share', count: 'number', day: 'date of', year: 'year of', code: 'designation' };

function prefixOf(c: Claim): string {
  return PREFIX[c.unit] ?? (c.kind === 'quantity' ? 'amount' : 'value');
}

/** Terms of the clauses of every side but `side`'s. */
function echoed(sides: Claim[][], side: Claim[]): Set<string> {
  const out = new Set<string>();
  for (const g of sides) if (g !== side) for (const c of g) for (const t of c.context) out.add(t);
  return out;
}

/** Words of `rep`'s clause (value left out) whose term, or whose entity, the other sides echo. */
function echoedWords(rep: Claim, others: Set<string>, entityOf: (c: Claim, start: number) => string | null): string[] {
  const text = rep.s.text.slice(rep.clause[0], rep.clause[1]);
  const out: string[] = [];
  for (const t of wordTokens(text)) {
    const start = t.start + rep.clause[0];
    if (start >= rep.start && start < rep.end) continue;
    const ent = entityOf(rep, start);
    const x = ent ?? term(t.w);
    if (x && others.has(x)) out.push(t.w);
  }
  return out;
}

/**
 * The disputed slot as a short phrase, or null when the sides echo fewer than
 * two words of each other. `sides` are the claims stating each value.
 */
export function slotPhrase(sides: Claim[][], entityOf: (c: Claim, start: number) => string | null): string | null {
  const main = [...sides].sort((a, b) => b.length - a.length)[0];
  const others = echoed(sides, main);
  let best: string[] = [];
  for (const rep of main) {
    const words = echoedWords(rep, others, entityOf);
    if (words.length > best.length) best = words;
  }
  if (best.length < 2) return null;
  const words = best.filter((w, i) => best.indexOf(w) === i).slice(0, PHRASE_WORDS);
  return `${prefixOf(main[0])}: ${words.join(' ')}`;
}

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

/**
 * The language of each claim's report and its function words, for a story told in several languages: a phrase is
 * read from a report in English when one states the value, and a function word ("de", "der") is no echo.
 */
export interface SlotLanguages {
  langOf: (c: Claim) => string;
  isStopword: (c: Claim, word: string) => boolean;
}

/** Words of `rep`'s clause (value left out) whose term, or whose entity, the other sides echo. */
function echoedWords(
  rep: Claim,
  others: Set<string>,
  entityOf: (c: Claim, start: number) => string | null,
  langs: SlotLanguages | null,
): string[] {
  const text = rep.s.text.slice(rep.clause[0], rep.clause[1]);
  const out: string[] = [];
  for (const t of wordTokens(text)) {
    const start = t.start + rep.clause[0];
    if (start >= rep.start && start < rep.end) continue;
    const ent = entityOf(rep, start);
    if (!ent && langs?.isStopword(rep, t.w)) continue;
    const x = ent ?? term(t.w);
    if (x && others.has(x)) out.push(t.w);
  }
  return out;
}

/**
 * The disputed slot as a short phrase, or null when the sides echo fewer than
 * two words of each other. `sides` are the claims stating each value.
 */
export function slotPhrase(
  sides: Claim[][],
  entityOf: (c: Claim, start: number) => string | null,
  langs: SlotLanguages | null = null,
): string | null {
  const ordered = [...sides].sort((a, b) => b.length - a.length);
  // in a story in several languages, the phrase of a report in English when a side has one
  const english = langs ? ordered.find((g) => g.some((c) => langs.langOf(c) === 'en')) : undefined;
  const main = english ?? ordered[0];
  const others = echoed(sides, main);
  let best: string[] = [];
  let from: Claim | null = null;
  for (const rep of main) {
    if (english && langs!.langOf(rep) !== 'en') continue;
    const words = echoedWords(rep, others, entityOf, langs);
    if (words.length > best.length) [best, from] = [words, rep];
  }
  if (best.length < 2 || !from) return null;
  const words = best.filter((w, i) => best.indexOf(w) === i).slice(0, PHRASE_WORDS);
  const lang = langs && langs.langOf(from) !== 'en' ? ` (${langs.langOf(from)})` : '';
  return `${prefixOf(main[0])}${lang}: ${words.join(' ')}`;
}

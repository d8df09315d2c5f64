/**
 * Claims inside sentences: the clause a hedge qualifies ("Maduro reportedly
 * asked Russia for missiles"), the clause of another article that states the
 * same thing, and where another article uses a quoted phrase in its own voice.
 * A hedge or a distancing quotation is framing only against such a plain
 * statement; the row shows the two claims, not two whole sentences.
 */
import { contentWords, fold, quoteSpans } from './text.ts';

/** Clause breaks: punctuation that ends a clause inside a sentence. */
const BREAK = /(?<!\d),|,(?!\d)|[;:()—–]|\s-\s|[.!?]["”»’]?\s*$/gu;
const WORD = /[^\s]+/gu;

export interface Clause {
  text: string;
  start: number;
  end: number;
}

/** Clauses of a sentence, split at commas, semicolons, colons, dashes and parentheses. */
export function clauses(s: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    const raw = s.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: a + lead, end: a + lead + text.length });
  };
  BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BREAK.exec(s)) !== null) {
    push(from, m.index);
    from = m.index + m[0].length;
    if (m[0].length === 0) BREAK.lastIndex++;
  }
  push(from, s.length);
  return out;
}

/** At most `before` words before [start,end) and `after` words after it, inside the clause that holds it. */
export function claimAround(s: string, start: number, end: number, before = 6, after = 12): string {
  const c = clauses(s).find((x) => x.start <= start && x.end >= end) ?? { text: s.trim(), start: 0, end: s.length };
  const words = [...c.text.matchAll(WORD)].map((w) => ({ a: c.start + w.index, b: c.start + w.index + w[0].length }));
  const first = words.findIndex((w) => w.b > start);
  let last = words.length - 1;
  for (let i = words.length - 1; i >= 0; i--)
    if (words[i].a < end) {
      last = i;
      break;
    }
  if (first < 0) return s.slice(start, end);
  const a = words[Math.max(0, first - before)].a;
  const b = closeQuote(s, words[Math.min(words.length - 1, last + after)].b);
  return s
    .slice(a, b)
    .trim()
    .replace(/[.,;:!?]+$/u, '');
}

/** A claim cut inside a quotation takes the quotation whole when it is short, else stops before it. */
function closeQuote(s: string, b: number): number {
  const q = quoteSpans(s).find((x) => x.start <= b && b < x.end);
  if (!q) return b;
  const rest = s.slice(b, q.end).split(/\s+/).filter(Boolean).length;
  return rest <= 15 ? Math.min(s.length, q.end + 1) : q.start - 1;
}

/**
 * The clause of `s` that best states `claim`: at least half of its content words, at least two, and at least one
 * word that is not a name (the same people in another claim is not the same claim), and `need` (a content-word
 * key) when given. Null when none does.
 */
export function matchingClause(claim: string, s: string, ignore: Set<string> = new Set(), need: string | null = null): string | null {
  const want = new Set([...contentWords(claim)].filter((w) => !ignore.has(w)));
  if (want.size < 2) return null;
  const common = commonWords(claim);
  let best: { text: string; n: number } | null = null;
  for (const c of clauses(s)) {
    const have = contentWords(c.text);
    let n = 0;
    for (const w of want) if (have.has(w)) n++;
    if (n < 2 || n * 2 < want.size || (best && n <= best.n)) continue;
    const theirs = commonWords(c.text);
    if (![...common].some((w) => theirs.has(w)) || (need !== null && !have.has(need))) continue;
    best = { text: c.text.replace(/[.!?]+["”»’]?$/u, ''), n };
  }
  return best ? clip(best.text, 30) : null;
}

/** Content words written in lower case (not names), as `contentWords` keys them. */
function commonWords(text: string): Set<string> {
  const lower = (text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}'’-]*/gu) ?? []).join(' ');
  return contentWords(lower);
}

function clip(text: string, maxWords: number): string {
  const words = text.split(/\s+/);
  return words.length <= maxWords ? text : words.slice(0, maxWords).join(' ') + '…';
}

/**
 * Where `plain` (a sentence with its quotations blanked out, same offsets as `s`) uses the content words of a quoted
 * phrase close together: the words of `s` that span them, or null.
 */
export function plainUse(phrase: string, s: string, plain: string): string | null {
  const want = [...contentWords(phrase.replace(/-/g, ' '))];
  if (want.length === 0) return null;
  const need = want.length <= 2 ? want.length : Math.ceil((want.length * 2) / 3);
  const toks = [...plain.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    a: m.index,
    b: m.index + m[0].length,
    w: [...contentWords(m[0])][0] ?? fold(m[0]),
  }));
  const span = want.length * 2 + 3;
  let partial: string | null = null;
  for (let i = 0; i < toks.length; i++) {
    if (!want.includes(toks[i].w)) continue;
    const seen = new Set<string>();
    for (let j = i; j < Math.min(toks.length, i + span); j++) {
      if (want.includes(toks[j].w)) seen.add(toks[j].w);
      if (seen.size === want.length) return s.slice(toks[i].a, toks[j].b);
      if (seen.size >= need && partial === null) partial = s.slice(toks[i].a, toks[j].b);
    }
  }
  return partial;
}

/** The content-word key of the lower-case word right after [.., end) — the noun a loaded adjective modifies — or null. */
export function headAfter(s: string, end: number): string | null {
  const m = s.slice(end, end + 40).match(/^[\s-]+(\p{Ll}[\p{L}'’-]*)/u);
  if (!m) return null;
  const [k] = contentWords(m[1]);
  return k ?? null;
}

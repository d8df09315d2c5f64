/**
 * Phrase templates over tokens, built from a locale's data: "vor {n} tagen|tag", "{d} º|°? de? {month}".
 * Parts are separated by spaces; `{name}` is a slot the caller reads (a month name, a day number, …); `a|b` are
 * alternative words (each may be several tokens once tokenized: "aujourd'hui", or joined by `+`: "después|más+tarde");
 * a trailing `?` makes a part optional; `{n=2}` sets a slot without reading a word ("بعد يومين {n=2}": the dual says
 * two). Matching tries a bounded number of paths per start token, so reading a sentence stays linear in its length.
 */
import { tokenize, type Token } from './tokens.ts';

type Part =
  { slot: string; optional: boolean } | { words: string[][]; optional: boolean } | { set: string; value: number; optional: false };

export interface Template {
  source: string;
  category: string;
  parts: Part[];
}

/** What a slot matched: the token after it and the value read. */
export interface SlotHit {
  end: number;
  value: number;
}
/** Slot readers: at token `i`, the ways the slot can match (longest first is not required). */
export type SlotReaders = Record<string, (toks: Token[], i: number) => SlotHit[]>;

export interface PhraseMatch {
  category: string;
  template: Template;
  /** token range [start, end) */
  start: number;
  end: number;
  slots: Record<string, number>;
  /** the token where the first slot begins (end when there is none) */
  firstSlot: number;
}

export function compileTemplate(source: string, category: string, numerals?: ReadonlySet<string>): Template {
  const parts: Part[] = source
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => {
      const optional = p.length > 1 && p.endsWith('?');
      const body = optional ? p.slice(0, -1) : p;
      const slot = /^\{(\w+)\}$/.exec(body);
      if (slot) return { slot: slot[1], optional };
      const fixed = /^\{(\w+)=(\d+)\}$/.exec(body);
      if (fixed) return { set: fixed[1], value: Number(fixed[2]), optional: false as const };
      return { words: body.split('|').map((alt) => tokenize(alt.replace(/\+/g, ' '), numerals).map((t) => t.t)), optional };
    });
  return { source, category, parts };
}

/** Every list of words as one token sequence each ("кастрычніка", "تشرين الأول"), folded, with a value. */
export function compileWords(
  forms: Array<[string, number]>,
  numerals?: ReadonlySet<string>,
): Map<string, Array<{ toks: string[]; value: number }>> {
  const byFirst = new Map<string, Array<{ toks: string[]; value: number }>>();
  for (const [form, value] of forms) {
    const toks = tokenize(form, numerals).map((t) => t.t);
    if (!toks.length) continue;
    const l = byFirst.get(toks[0]) ?? byFirst.set(toks[0], []).get(toks[0])!;
    if (!l.some((x) => x.toks.join(' ') === toks.join(' '))) l.push({ toks, value });
  }
  return byFirst;
}

/** Matches of a compiled word list at token i. */
export function wordsAt(index: Map<string, Array<{ toks: string[]; value: number }>>, toks: Token[], i: number): SlotHit[] {
  const out: SlotHit[] = [];
  for (const f of index.get(toks[i]?.t ?? '') ?? []) {
    let ok = true;
    for (let k = 1; k < f.toks.length; k++) if (toks[i + k]?.t !== f.toks[k]) ok = false;
    if (ok) out.push({ end: i + f.toks.length, value: f.value });
  }
  return out;
}

const MAX_PATHS = 64;

/** The longest match of one template starting at token i, or null. */
export function matchTemplate(tpl: Template, toks: Token[], i: number, slots: SlotReaders): PhraseMatch | null {
  let best: PhraseMatch | null = null;
  let paths = 0;
  const walk = (p: number, at: number, vals: Record<string, number>, first: number) => {
    if (++paths > MAX_PATHS) return;
    if (p === tpl.parts.length) {
      if (at > i && (!best || at > best.end))
        best = { category: tpl.category, template: tpl, start: i, end: at, slots: { ...vals }, firstSlot: first };
      return;
    }
    const part = tpl.parts[p];
    if ('set' in part) return walk(p + 1, at, { ...vals, [part.set]: part.value }, first);
    if ('slot' in part) {
      const read = slots[part.slot];
      for (const h of read ? read(toks, at) : [])
        walk(p + 1, h.end, { ...vals, [part.slot]: vals[part.slot] ?? h.value }, Math.min(first, at));
    } else {
      for (const alt of part.words) {
        let ok = alt.length > 0;
        for (let k = 0; k < alt.length && ok; k++) if (toks[at + k]?.t !== alt[k]) ok = false;
        if (ok) walk(p + 1, at + alt.length, vals, first);
      }
    }
    if (part.optional) walk(p + 1, at, vals, first);
  };
  walk(0, i, {}, Number.MAX_SAFE_INTEGER);
  const m = best as PhraseMatch | null;
  if (m && m.firstSlot === Number.MAX_SAFE_INTEGER) m.firstSlot = m.end;
  return m;
}

/** Templates indexed by the words they can start with; those starting with a slot or an optional part try everywhere. */
export class TemplateSet {
  private byWord = new Map<string, Template[]>();
  private anywhere: Template[] = [];
  constructor(readonly templates: Template[]) {
    const starts = new Map<Template, Set<string> | null>();
    for (const t of templates) {
      const first = t.parts[0];
      if (!first || !('words' in first) || first.optional) starts.set(t, null);
      else starts.set(t, new Set(first.words.map((alt) => alt[0]).filter((w): w is string => w !== undefined)));
    }
    this.anywhere = templates.filter((t) => starts.get(t) === null);
    const words = new Set([...starts.values()].flatMap((w) => (w ? [...w] : [])));
    // per first word: the templates it may start, in their given order
    for (const w of words)
      this.byWord.set(
        w,
        templates.filter((t) => starts.get(t) === null || starts.get(t)!.has(w)),
      );
  }
  /** Templates that may match at token i, in their given order. */
  at(toks: Token[], i: number): Template[] {
    if (i >= toks.length) return [];
    return this.byWord.get(toks[i].t) ?? this.anywhere;
  }
}

/** The slot a template starts with, if it starts with one (a quick test before matching it). */
export function firstSlot(t: Template): string | null {
  const p = t.parts[0];
  return p && 'slot' in p && !p.optional ? p.slot : null;
}

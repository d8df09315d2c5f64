/**
 * Omissions: a named entity that at least three quarters of the other
 * independent articles mention in real sentences and this article never does.
 * Needs at least three other independent articles to say anything.
 */
import { demonymCountry, lookupPlace } from '../gazetteer.ts';
import { Registry, countryKey, isDemonymLike } from './referents.ts';
import { flagSentence } from './cues.ts';
import { NAME_SEQ, contentWords, coverage, fold, stripPossessive } from './text.ts';

export interface OmissionDoc {
  id: string;
  sentences: string[];
}

export interface Omission {
  doc: number;
  term: string;
  counterparts: string[];
  sentence: string;
  /** Share of the other articles that mention it. */
  share: number;
  supporters: number;
}

const LEAD = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'according',
  'meanwhile',
  'however',
  'additionally',
  'but',
  'and',
  'this',
  'that',
  'these',
  'it',
  'he',
  'she',
  'they',
  'since',
  'after',
  'before',
  'despite',
  'while',
  'when',
  'if',
  'as',
  'by',
  'with',
  'from',
  'for',
  'of',
  'to',
  'also',
  'still',
  'today',
  'some',
  'many',
  'most',
  'all',
  'both',
  'his',
  'her',
  'their',
  'its',
  'our',
  'we',
  'i',
  'there',
  'what',
  'why',
  'how',
  'who',
  'where',
]);
const MONTHS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

const NUMBER_RE = /(?<![\p{L}\p{N}.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*%|[”"»’]?\s+(\p{Ll}[\p{Ll}-]+))?/gu;
/** Sentences compared when choosing an omission's evidence (quadratic). */
const MAX_EVIDENCE = 40;
const MONTH_BEFORE = /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$/i;
const STOP_AFTER_NUMBER = new Set([
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'the',
  'a',
  'per',
  'percent',
  'times',
  'years',
  'year',
  'days',
  'day',
  'hours',
  'minutes',
  'weeks',
  'months',
  'p.m',
  'a.m',
]);

function isRealSentence(s: string): boolean {
  return s.split(/\s+/).length >= 6 && /[.!?"”»]\s*$/.test(s);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else {
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (b.length > a.length) j++;
      else {
        i++;
        j++;
      }
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

interface Cand {
  key: string;
  forms: Map<string, number>;
  docs: Set<number>;
  sentences: Array<{ doc: number; s: string }>;
}

/** A candidate's form seen in a sentence of an article. */
function addCand(cands: Map<string, Cand>, k: string, form: string, di: number, s: string): void {
  let c = cands.get(k);
  if (!c) cands.set(k, (c = { key: k, forms: new Map(), docs: new Set(), sentences: [] }));
  c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
  c.docs.add(di);
  c.sentences.push({ doc: di, s });
}

/** The key of a name: the story entity it names, a person of the registry, a country-style key (one word), else the name. */
function nameKeys(reg: Registry, entities: Array<{ name: string; aliases?: string[] }>): (surface: string) => string | null {
  const aliasKey = new Map<string, string>();
  for (const e of entities) {
    const k = 'e:' + fold(e.name);
    for (const a of [e.name, ...(e.aliases ?? [])]) aliasKey.set(fold(a), k);
  }
  return (surface: string): string | null => {
    const f = fold(surface);
    if (aliasKey.has(f)) return aliasKey.get(f) ?? null;
    const toks = surface.split(/\s+/);
    const person = reg.byName(surface);
    if (person && (toks.length >= 2 || fold(toks[0]) === person.key)) return 'p:' + person.key;
    if (toks.length === 1) return 'c:' + countryKey(toks[0]);
    return 'm:' + f;
  };
}

/** What one article's sentences are collected into: the keys it mentions, and the candidates (from real sentences). */
interface Collect {
  di: number;
  presence: Set<string>;
  cands: Map<string, Cand>;
  keyOf: (surface: string) => string | null;
}

/** The names of a sentence, their titles stripped ("Russian President Vladimir Putin" → "Vladimir Putin"). */
function collectNames(s: string, real: boolean, o: Collect): void {
  const { di, presence } = o;
  const re = new RegExp(NAME_SEQ, 'gu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    let toks = m[0].split(/\s+/).map((t) => stripPossessive(t));
    while (toks.length && LEAD.has(fold(toks[0]))) toks = toks.slice(1);
    const split = (toks.length ? toks.join(' ') : '').trim();
    if (!split) continue;
    // strip titles: "Russian President Vladimir Putin" → "Vladimir Putin" (+ "Russian")
    const parts = Registry.splitTitled(split).name;
    const name = parts.filter((t) => !isDemonymLike(t, true) || parts.length === 1);
    const surfaces: string[] = [];
    if (name.length) surfaces.push(name.join(' '));
    const initial = m.index === 0 || /^["“«‘(]$/.test(s.slice(0, m.index).trim());
    for (const sf of surfaces) {
      const f = fold(sf);
      if (MONTHS.test(f)) continue;
      if (/^[\p{Lu}.]+$/u.test(sf) && sf.replace(/\./g, '').length <= 3) {
        presence.add('c:' + fold(sf).replace(/[^\p{L}]/gu, ''));
        continue;
      }
      if (sf.length < 3) continue;
      if (initial && sf.split(/\s+/).length === 1 && m[0].split(/\s+/).length === 1) continue;
      if (sf.split(/\s+/).length === 1) presence.add('c:' + countryKey(sf));
      if (demonymCountry(sf) !== null) continue; // an adjective: counts as a mention of its country, never a candidate
      const k = o.keyOf(sf);
      if (!k) continue;
      presence.add(k);
      const ac = acronym(sf);
      if (ac) presence.add('c:' + ac);
      if (real) addCand(o.cands, k, sf, di, s);
    }
  }
}

/** Numbers with what they count ("14 sets"): years and days of months are dates, not counts. */
function collectNumbers(s: string, real: boolean, o: Collect): void {
  for (const n of s.matchAll(NUMBER_RE)) {
    const num = n[1].replace(/,(?=\d{3}\b)/g, '');
    const before = s.slice(Math.max(0, n.index - 12), n.index);
    if (/^(?:1[89]|20)\d\d$/.test(num) || MONTH_BEFORE.test(before)) continue;
    const k = 'n:' + num;
    o.presence.add(k);
    const noun = n[2];
    if (!real || !noun || MONTHS.test(noun.toLowerCase()) || STOP_AFTER_NUMBER.has(noun.toLowerCase())) continue;
    addCand(o.cands, k, `${n[1]} ${noun}`, o.di, s);
  }
}

/** Entity keys per article. Single tokens and country adjectives share a country-style key. */
function collect(
  reg: Registry,
  docs: OmissionDoc[],
  entities: Array<{ name: string; aliases?: string[] }>,
): { cands: Map<string, Cand>; presence: Set<string>[] } {
  const cands = new Map<string, Cand>();
  const keyOf = nameKeys(reg, entities);
  const presence = docs.map(() => new Set<string>());
  docs.forEach((d, di) => {
    const o: Collect = { di, presence: presence[di], cands, keyOf };
    for (const s of d.sentences) {
      const real = isRealSentence(s);
      collectNames(s, real, o);
      collectNumbers(s, real, o);
    }
  });
  mergeVariants(cands);
  return { cands, presence };
}

/** A key and the key with each one of its letters (after the 2-letter kind prefix) deleted: keys within one edit share one. */
function variants(key: string): string[] {
  const out = [key];
  for (let i = 2; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

/**
 * Merges spelling variants of long keys ("velasquez" ~ "velazquez"): each key, in order, takes in the later keys of
 * its kind within one edit of it. Candidates come from an index of one-letter deletions instead of every pair.
 */
function mergeVariants(cands: Map<string, Cand>): void {
  const keys = [...cands.keys()];
  const index = new Map<string, number[]>();
  keys.forEach((k, j) => {
    if (k.startsWith('n:')) return;
    for (const v of new Set(variants(k))) (index.get(v) ?? index.set(v, []).get(v)!).push(j);
  });
  for (let i = 0; i < keys.length; i++) {
    const a = cands.get(keys[i]);
    if (!a || keys[i].startsWith('n:') || keys[i].length < 8) continue;
    const near = new Set<number>();
    for (const v of variants(keys[i])) for (const j of index.get(v) ?? []) if (j > i) near.add(j);
    for (const j of [...near].sort((x, y) => x - y)) {
      const b = cands.get(keys[j]);
      if (!b || !editDistanceAtMostOne(keys[i].slice(2), keys[j].slice(2))) continue;
      for (const [f, n] of b.forms) a.forms.set(f, (a.forms.get(f) ?? 0) + n);
      for (const d of b.docs) a.docs.add(d);
      a.sentences.push(...b.sentences);
      cands.delete(keys[j]);
    }
  }
}

/** Initials of a multi-word name ("United States" → "us"), the key an abbreviation would have. */
function acronym(surface: string): string | null {
  const toks = surface.split(/\s+/).filter((t) => /^\p{Lu}/u.test(t));
  if (toks.length < 2) return null;
  return fold(toks.map((t) => t[0]).join(''));
}

function bestForm(forms: Map<string, number>): string {
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0];
}

/** The sentence that states a candidate most like the others do, in neutral wording (the article itself never mentions it). */
function evidencePicker(): (sents: Array<{ doc: number; s: string }>) => { doc: number; s: string } {
  const loadedCache = new Map<string, boolean>();
  const cwCache = new Map<string, Set<string>>();
  const cwOf = (t: string): Set<string> => {
    let v = cwCache.get(t);
    if (!v) cwCache.set(t, (v = contentWords(t)));
    return v;
  };
  return (sents: Array<{ doc: number; s: string }>) => {
    let best = sents[0];
    let bestScore = -Infinity;
    for (const x of sents) {
      const cw = cwOf(x.s);
      let sc = 0;
      for (const y of sents) if (y.doc !== x.doc) sc += coverage(cw, cwOf(y.s)).share;
      sc -= Math.max(0, x.s.length - 300) / 300;
      let loaded = loadedCache.get(x.s);
      if (loaded === undefined) loadedCache.set(x.s, (loaded = flagSentence(x.s).score > 0));
      if (loaded) sc -= 1; // prefer neutral wording as evidence
      if (sc > bestScore) {
        best = x;
        bestScore = sc;
      }
    }
    return best;
  };
}

/**
 * `independent[i]` false for wire copies: they are neither judged nor counted.
 * Also checks the whole text (any sentence) before calling something omitted.
 */
export function findOmissions(
  reg: Registry,
  docs: OmissionDoc[],
  independent: boolean[],
  entities: Array<{ name: string; aliases?: string[] }> = [],
): Omission[] {
  const indep = docs.map((_, i) => i).filter((i) => independent[i]);
  if (indep.length < 4) return [];
  const { cands, presence } = collect(reg, docs, entities);
  const foldedDocs = docs.map((d) => fold(d.sentences.join(' ')));
  const out: Omission[] = [];
  const evidence = new Map<string, { doc: number; s: string } | undefined>();
  const pickEvidence = evidencePicker();
  for (const c of cands.values()) {
    const supp = indep.filter((i) => c.docs.has(i));
    if (supp.length < 3) continue;
    const forms = [...c.forms.keys()];
    const ac = forms.map(acronym).filter((x): x is string => x !== null);
    // a single name that is not a known person (a place, often standing for its government) needs every other article
    const place = lookupPlace(bestForm(c.forms));
    if (place && place.kind !== 'country') continue; // capitals and cities often stand for governments
    const minShare = place ? 1 : 0.75;
    const countryKeys = forms.filter((f) => !/\s/.test(f)).map((f) => 'c:' + countryKey(f));
    const lastWords = forms.map((f) => fold(f).split(/\s+/).pop() ?? fold(f));
    // an article without it is not among its supporters: the others that mention it are all of them
    const share = supp.length / (indep.length - 1);
    for (const di of indep) {
      if (c.docs.has(di) || presence[di].has(c.key) || ac.some((a) => presence[di].has('c:' + a))) continue;
      if (countryKeys.some((k) => presence[di].has(k))) continue;
      if (share < minShare) continue;
      // any surface form anywhere in the article (furniture, headings) counts as mentioned
      if (!c.key.startsWith('n:') && lastWords.some((w) => foldedDocs[di].includes(w))) continue;
      const best = evidence.get(c.key) ?? pickEvidence(c.sentences.filter((x) => independent[x.doc]).slice(0, MAX_EVIDENCE));
      evidence.set(c.key, best);
      if (!best) continue;
      const person = c.key.startsWith('p:') ? reg.persons.get(c.key.slice(2)) : undefined;
      out.push({
        doc: di,
        term: person ? reg.canonical(person) : bestForm(c.forms),
        counterparts: [...c.forms.keys()].slice(0, 4),
        sentence: best.s,
        share,
        supporters: supp.length,
      });
    }
  }
  return mergeSameSentence(out);
}

/** Omissions stated by the same sentence elsewhere ("Russia, China and Iran") made one omission, the most shared first. */
function mergeSameSentence(out: Omission[]): Omission[] {
  const merged: Omission[] = [];
  for (const o of out.sort((a, b) => b.share - a.share || b.supporters - a.supporters)) {
    const same = merged.find((x) => x.doc === o.doc && x.sentence === o.sentence);
    if (same) {
      same.term = `${same.term}, ${o.term}`;
      same.counterparts = [...same.counterparts, ...o.counterparts].slice(0, 6);
    } else merged.push({ ...o });
  }
  return merged;
}

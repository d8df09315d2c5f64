/**
 * Discrepancies: one claim slot (claims.ts: the same figure, date or code in
 * the clauses of different reports, matched by clause words, subject, counted
 * thing and role) with incompatible values — quantities compared as intervals,
 * dates as ranges with their precision, designations as codes where a less
 * specific prefix is compatible. Two claims conflict when each is the other's
 * best slot match and neither report states a compatible value elsewhere.
 * Spelling variants of one name are never values here: names are merged by
 * entities.ts first.
 */
import type { Discrepancy } from '../report.ts';
import type { StoryData } from './story.ts';
import { term } from './align.ts';
import { extractClaims, slotScore, type Claim, type ClaimKind } from './claims.ts';
import { slotPhrase, type SlotLanguages } from './slot-phrase.ts';
import { foldWord } from '../text/fold.ts';
import type { Quantity } from './quantities.ts';
import { STOPWORDS, fold } from './text.ts';

export { SLOT_SIM, designationsCompatible } from './value-compat.ts';
import {
  PREC_RANK,
  SLOT_SIM,
  articleAlsoStates,
  claimsCompatible,
  datesComparable,
  differentPlaces,
  family,
  statesDateNear,
  weakDate,
} from './value-compat.ts';
/** The slot score two values need when each is the only one of its kind its report leaves unpaired against the other. */
export const SOLE_SIM = 0.15;
/** The slot score two incompatible values need to be a conflict (STRONG_SIM for small counts and durations). */
export const CONFLICT_SIM = 0.17;

type Kind = ClaimKind;
type ClaimNode = Claim;

const compatible = claimsCompatible;

export interface DiscrepancyResult {
  discrepancies: Discrepancy[];
  /** disputed dates: "gi:start" (sentence, offset of the date in it) → conflict id, for the timeline */
  disputedSentences: Map<string, number>;
  /** pairs of sentences ("gi:gj", gi < gj) that state incompatible values for one slot */
  conflictPairs: Set<string>;
}

interface Pair {
  a: Claim;
  b: Claim;
  score: number;
  compatible: boolean;
}

/** Two values that can be compared at all (a year says little against a day; "since" marks a beginning). */
function comparable(a: Claim, b: Claim): boolean {
  if (a.kind === 'date') return datesComparable(a.d!, b.d!);
  if (a.kind === 'designation') return family(a.key!) === family(b.key!);
  return true;
}

/** Claim pairs of different reports that may fill one slot (score ≥ SLOT_SIM), with whether their values agree. */
function candidatePairs(data: StoryData, claims: Claim[]): Pair[] {
  const out: Pair[] = [];
  const seen = new Set<number>();
  const consider = (x: Claim, y: Claim) => {
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    const k = a.id * claims.length + b.id;
    if (seen.has(k)) return;
    seen.add(k);
    if (a.s.group === b.s.group || a.kind !== b.kind || a.unit !== b.unit || !comparable(a, b)) return;
    const score = slotScore(data, a, b);
    if (score >= SLOT_SIM) out.push({ a, b, score, compatible: claimsCompatible(a, b) });
  };
  // a slot score is above zero only for claims sharing a clause term or of aligned sentences
  const byTerm = new Map<string, Claim[]>();
  for (const c of claims)
    for (const t of c.context) {
      const k = `${c.kind}:${c.unit}|${t}`;
      (byTerm.get(k) ?? byTerm.set(k, []).get(k)!).push(c);
    }
  for (const list of byTerm.values())
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) consider(list[i], list[j]);
  const bySentence = new Map<number, Claim[]>();
  for (const c of claims) (bySentence.get(c.s.gi) ?? bySentence.set(c.s.gi, []).get(c.s.gi)!).push(c);
  for (const [gi, list] of data.neighbors) {
    const mine = bySentence.get(gi);
    if (mine) for (const [gj] of list) if (gj > gi) for (const a of mine) for (const b of bySentence.get(gj) ?? []) consider(a, b);
  }
  return out;
}

/** Durations and other generic counts ("18 days", "five months"). */
const GENERIC_COUNTED = /^(?:second|minute|hour|day|week|month|year|time|percent|point)s?$/i;

/**
 * The slot score a conflict needs: more for small counts ("two provisions" / "6"), durations and a
 * figure whose counted thing is named on one side only — where two different things are likeliest.
 */
function conflictSim(p: Pair): number {
  const q = [p.a.q, p.b.q];
  if (!q[0] || !q[1] || p.a.unit !== 'count') return CONFLICT_SIM;
  const named = q.map((x) => x!.nounsFrom === 'after' && x!.nouns.length > 0);
  const unitWord = (x: Quantity) => term(x.phrase.split(/\s+/)[0] ?? '');
  const generic = q.some((x) => GENERIC_COUNTED.test(x!.phrase.split(/\s+/)[0] ?? '')) && unitWord(q[0]) !== unitWord(q[1]);
  if (Math.min(q[0].value, q[1].value) < SMALL_COUNT || generic || named[0] !== named[1]) return STRONG_SIM;
  return CONFLICT_SIM;
}
/** Counts below this are often different things: they conflict only on a strong slot match (STRONG_SIM). */
export const SMALL_COUNT = 10;
export const STRONG_SIM = 0.4;

/** A value stated by one report is marked the likely error against this many agreeing reports. */
export const LONE_AGAINST = 2;

/** Figures more than MAX_RATIO apart are more likely two different things than one misreported. */
export const MAX_RATIO = 2.5;
function sameMagnitude(a: Quantity, b: Quantity): boolean {
  const [x, y] = [Math.abs(a.value), Math.abs(b.value)].sort((p, q) => p - q);
  return x > 0 && y / x <= MAX_RATIO;
}

/** Guards that keep two incompatible claims of one slot from being a conflict. */
function conflictAllowed(data: StoryData, p: Pair, byArticle: Map<string, ClaimNode[]>): boolean {
  const { a, b } = p;
  if (differentPlaces(data, a, b)) return false;
  if (a.kind === 'quantity' && !sameMagnitude(a.q!, b.q!)) return false;
  if (a.kind === 'quantity')
    return !articleAlsoStates(data, byArticle, a.s.article, b) && !articleAlsoStates(data, byArticle, b.s.article, a);
  if (a.kind === 'designation')
    return !articleAlsoStates(data, byArticle, a.s.article, b) && !articleAlsoStates(data, byArticle, b.s.article, a);
  if (weakDate(data, a) || weakDate(data, b)) return false;
  return !statesDateNear(data, byArticle, a.s.article, b) && !statesDateNear(data, byArticle, b.s.article, a);
}

/**
 * Conflicts: two claims of different reports, incompatible, each the other's
 * best slot match in its report, and neither report stating a compatible value
 * for that slot elsewhere.
 */
/**
 * For each claim of report `a`, of one kind and unit, whether it states no value
 * report `b` also states (anywhere): the values left to pair. Counted per
 * (a, b, unit) once.
 */
function orphanCounter(byGroup: Map<string, Claim[]>): (x: Claim, g: string) => number {
  const cache = new Map<string, number>();
  return (x, g) => {
    const k = `${x.s.group}>${g}:${x.kind}:${x.unit}`;
    let n = cache.get(k);
    if (n === undefined) {
      const same = (c: Claim) => c.kind === x.kind && c.unit === x.unit;
      const theirs = (byGroup.get(g) ?? []).filter(same);
      n = (byGroup.get(x.s.group) ?? []).filter((c) => same(c) && !theirs.some((t) => comparable(c, t) && claimsCompatible(c, t))).length;
      cache.set(k, n);
    }
    return n;
  };
}

function slotEdges(
  data: StoryData,
  pairs: Pair[],
  byArticle: Map<string, ClaimNode[]>,
  byGroup: Map<string, Claim[]>,
): { conflicts: Pair[]; agreements: Pair[] } {
  // (claim, other report) as one number: claim id × reports + the report's index
  const groupIndex = new Map(data.groups.map((g, i) => [g, i]));
  const toGroup = (x: Claim, y: Claim) => x.id * data.groups.length + groupIndex.get(y.s.group)!;
  const agreed = new Set<number>();
  const best = new Map<number, number>();
  for (const p of pairs)
    for (const [x, y] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const k = toGroup(x, y);
      if (p.compatible) agreed.add(k);
      best.set(k, Math.max(best.get(k) ?? 0, p.score));
    }
  const mutualBest = (p: Pair) => p.score >= best.get(toGroup(p.a, p.b))! && p.score >= best.get(toGroup(p.b, p.a))!;
  // the one value of its kind each report leaves unpaired against the other: a weaker slot match suffices
  const orphanCount = orphanCounter(byGroup);
  const needed = (p: Pair) => {
    const sole = orphanCount(p.a, p.b.s.group) === 1 && orphanCount(p.b, p.a.s.group) === 1;
    return sole ? Math.min(SOLE_SIM, conflictSim(p)) : conflictSim(p);
  };
  const conflicts = pairs.filter(
    (p) =>
      !p.compatible &&
      mutualBest(p) &&
      p.score >= needed(p) &&
      !agreed.has(toGroup(p.a, p.b)) &&
      !agreed.has(toGroup(p.b, p.a)) &&
      conflictAllowed(data, p, byArticle),
  );
  // agreeing values join a conflict's sides only as each other's best match (no chains through vague values)
  return { conflicts, agreements: pairs.filter((p) => p.compatible && p.score >= CONFLICT_SIM && mutualBest(p)) };
}

export function findDiscrepancies(data: StoryData): DiscrepancyResult {
  const nodes = extractClaims(data);
  const nodesByArticle = new Map<string, ClaimNode[]>();
  for (const n of nodes) (nodesByArticle.get(n.s.article) ?? nodesByArticle.set(n.s.article, []).get(n.s.article)!).push(n);
  const pairs = candidatePairs(data, nodes);
  const byGroup = new Map<string, Claim[]>();
  for (const n of nodes) (byGroup.get(n.s.group) ?? byGroup.set(n.s.group, []).get(n.s.group)!).push(n);
  const { conflicts, agreements } = slotEdges(data, pairs, nodesByArticle, byGroup);
  const edges = [...conflicts, ...agreements];
  // components
  const parent = nodes.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const e of edges) parent[find(e.a.id)] = find(e.b.id);
  const comps = new Map<number, { nodes: Set<number>; conflict: boolean }>();
  for (const e of edges) {
    const r = find(e.a.id);
    const c = comps.get(r) ?? comps.set(r, { nodes: new Set(), conflict: false }).get(r)!;
    c.nodes.add(e.a.id);
    c.nodes.add(e.b.id);
    if (!e.compatible) c.conflict = true;
  }
  const out: Discrepancy[] = [];
  const disputedSentences = new Map<string, number>();
  const seenKeys = new Set<string>();
  for (const c of comps.values()) {
    if (!c.conflict) continue;
    const members = [...c.nodes].map((i) => nodes[i]);
    const d = buildDiscrepancy(data, members, nodes);
    if (!d) continue;
    const key = d.values
      .map((v) => v.normalized)
      .sort()
      .join('|');
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    out.push(d);
    if (members[0].kind === 'date') for (const m of members) disputedSentences.set(`${m.s.gi}:${m.d!.start}`, out.length);
  }
  const conflictPairs = new Set<string>();
  for (const e of conflicts) {
    const [x, y] = [e.a.s.gi, e.b.s.gi].sort((p, q) => p - q);
    conflictPairs.add(`${x}:${y}`);
  }
  return { discrepancies: out, disputedSentences, conflictPairs };
}

function specificity(n: ClaimNode): number {
  if (n.kind === 'date') return PREC_RANK[n.d!.range.precision] * 1000 + (n.d!.range.end - n.d!.range.start);
  if (n.kind === 'quantity') return n.q!.hi === Infinity ? 1e12 : n.q!.hi - n.q!.lo;
  return -n.key!.length;
}

function buildDiscrepancy(data: StoryData, members: ClaimNode[], all: ClaimNode[]): Discrepancy | null {
  const kind = members[0].kind;
  const sorted = [...members].sort((a, b) => specificity(a) - specificity(b) || a.s.gi - b.s.gi);
  const groups: ClaimNode[][] = [];
  for (const n of sorted) {
    const g = groups.find((gr) => gr.every((m) => compatible(m, n)));
    if (g) g.push(n);
    else groups.push([n]);
  }
  if (groups.length < 2) return null;
  // a value compatible with two incompatible groups takes no side ("early March" vs "March 3" / "March 4")
  for (const g of groups)
    for (let i = g.length - 1; i >= 0; i--) {
      const n = g[i];
      if (groups.some((o) => o !== g && o.every((m) => compatible(m, n)))) g.splice(i, 1);
    }
  for (let i = groups.length - 1; i >= 0; i--) if (groups[i].length === 0) groups.splice(i, 1);
  if (groups.length < 2) return null;
  // designations: every mention of the same code in the story states that value
  if (kind === 'designation') {
    for (const g of groups) {
      const keys = new Set(g.map((n) => n.key!));
      for (const n of all) if (n.kind === 'designation' && keys.has(n.key!) && !g.includes(n)) g.push(n);
    }
  }
  const values = groups.map((g) => {
    const counts = new Map<string, number>();
    for (const n of g) counts.set(n.text, (counts.get(n.text) ?? 0) + 1);
    const value = [...counts.entries()].sort((a, b) => b[1] - a[1] || specificityOfText(g, b[0]) - specificityOfText(g, a[0]))[0][0];
    const rep = g.find((n) => n.text === value)!;
    const articles = [...new Set(g.map((n) => n.s.article))];
    const indep = new Set(g.map((n) => n.s.group));
    const evidence = [...new Set(g.map((n) => n.s.text))];
    return { value, normalized: rep.norm, articles, evidence, indep };
  });
  // a value every article of which also states another value is not a distinct report
  const distinct = values.filter((v) => [...v.indep].some((g) => !values.some((o) => o !== v && o.indep.has(g))));
  if (distinct.length < 2) return null;
  // one report on two sides ("rose to 6.1% in April, up from 6% in March"): two slots, not one disputed
  if (kind !== 'designation' && distinct.some((v) => v.articles.some((a) => distinct.some((o) => o !== v && o.articles.includes(a)))))
    return null;
  const maxIndep = Math.max(...distinct.map((v) => v.indep.size));
  const entityOf = (c: Claim, start: number) => {
    const m = c.s.mentions.find((x) => start >= x.start && start < x.end);
    const e = m && data.entityOfMention.get(m);
    return e ? 'e:' + e.id : null;
  };
  const langs = slotLanguages(data);
  const about = (kind !== 'designation' && slotPhrase(groups, entityOf, langs)) || describe(kind, members, langs);
  const outletOf = new Map(data.articles.map((a) => [a.id, a.outlet]));
  return {
    about,
    kind,
    values: distinct
      .sort((a, b) => b.indep.size - a.indep.size)
      .map((v) => {
        const outlets = [...new Set(v.articles.map((a) => outletOf.get(a)).filter((o): o is string => !!o))];
        return {
          value: v.value,
          normalized: v.normalized,
          articles: v.articles,
          ...(outlets.length ? { outlets } : {}),
          evidence: v.evidence,
          // a lone report against two or more that agree: most likely the error
          ...(v.indep.size === 1 && maxIndep >= LONE_AGAINST ? { likelyError: true } : {}),
        };
      }),
  };
  function specificityOfText(g: ClaimNode[], t: string): number {
    return -specificity(g.find((n) => n.text === t)!);
  }
}

function clip(words: string[], n: number): string {
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

/** The languages of a story told in several (null for a story all in English: labels read as they always have). */
function slotLanguages(data: StoryData): SlotLanguages | null {
  const localeOf = data.localeOf;
  if (!localeOf) return null;
  const langOf = (c: Claim) => localeOf.get(c.s.article)?.lang ?? 'en';
  return { langOf, isStopword: (c, w) => STOPWORDS.has(fold(w)) || !!localeOf.get(c.s.article)?.stopwords.has(foldWord(w)) };
}

/**
 * A short description of the slot in words, from a report in English when one states a value; from another
 * language's report, its language is named ("date (es): …").
 */
function describe(kind: Kind, members: ClaimNode[], langs: SlotLanguages | null = null): string {
  const rep = (langs && members.find((m) => langs.langOf(m) === 'en')) || members[0];
  const lang = langs && langs.langOf(rep) !== 'en' ? ` (${langs.langOf(rep)})` : '';
  // the words of the label are all in the language named
  return describeFrom(kind, rep, langs ? members.filter((m) => langs.langOf(m) === langs.langOf(rep)) : members, lang);
}

function describeFrom(kind: Kind, rep: ClaimNode, members: ClaimNode[], lang: string): string {
  if (kind === 'designation') {
    const after = rep.s.text.slice(rep.s.text.indexOf(rep.text) + rep.text.length).replace(/^s\b/, '');
    const words = (after.match(/^[\s”"’]*((?:[\p{Ll}][\p{L}\-]*\s*){1,3})/u)?.[1] ?? '')
      .trim()
      .split(/\s+/)
      .filter((w) => w && !STOPWORDS.has(fold(w)));
    return words.length
      ? `designation${lang} of the ${words.join(' ')}`
      : `designation (${members
          .map((m) => m.text)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(' / ')})`;
  }
  if (kind === 'quantity') {
    const phrases = members.map((m) => m.q!.phrase).filter(Boolean);
    const p = phrases.sort((a, b) => b.length - a.length)[0];
    if (p && !/^of\b/i.test(p)) return `number${lang} of ${p}`;
    // "Turnout in the regional election was 61.3%": what comes before the figure
    const q = rep.q!;
    const clause = (
      rep.s.text
        .slice(0, q.start)
        .split(/[,;:(]/)
        .pop() ?? ''
    )
      .trim()
      .split(/\s+/);
    while (clause.length && (STOPWORDS.has(fold(clause[clause.length - 1])) || /ed$/.test(clause[clause.length - 1]))) clause.pop();
    const what = clause.join(' ') + (p ? ' ' + p : '');
    return what.trim() ? `figure${lang} for: ${what.trim()}` : 'figure';
  }
  // date: the event, from the sentence without its date (and the preposition leading to it)
  const before = rep.s.text
    .slice(0, rep.d!.start)
    .replace(/\b(?:on|in|at|by|since|during|only|just|from)\s*$/i, '')
    .replace(/\s+(?:on|in|at|by)\s*$/i, '');
  const after = rep.s.text.slice(rep.d!.end).replace(/^\s*,\s*/, before.trim() ? ' ' : '');
  const t = (before.trim() ? before.trimEnd() : '') + (before.trim() ? after : after.replace(/^\s+/, ''));
  const words = t
    .replace(/^[\s,;:–—-]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ');
  return `date${lang}: ${clip(words, 14)}`;
}

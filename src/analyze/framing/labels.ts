/**
 * Label occurrences: every lexicon label ("dictator", "president", "regime",
 * "government", "terrorists", "militants"...) an article uses in its own
 * voice (not inside a quotation), with the referent it labels.
 */
import { CONCEPTS, type Concept } from './lexicon.ts';
import { lookupPlace } from '../gazetteer.ts';
import { countryKey, isDemonymLike, runCountryKey, type Person, type Registry } from './referents.ts';
import { CAP, NAME_SEQ, fold, inSpans, quoteSpans, stripPossessive, termSet } from './text.ts';

export interface LabelOcc {
  doc: number;
  sent: number;
  sentence: string;
  /** The label as written. */
  term: string;
  /** The label with its country adjectives, as written ("Venezuelan President"). */
  surface: string;
  concept: Concept;
  load: number;
  /** Referent key; null when unresolved. */
  refKey: string | null;
  refName: string | null;
  start: number;
}

const compiledRx = new Map<string, RegExp>();
/** A compiled non-global regex, compiled once per pattern. */
function rx(src: string, flags: string): RegExp {
  const k = flags + ':' + src;
  let r = compiledRx.get(k);
  if (!r) compiledRx.set(k, (r = new RegExp(src, flags)));
  return r;
}

/** Capitalized determiners that start a sentence, not a name. */
const CAP_DETS = new Set([
  'the',
  'a',
  'an',
  'el',
  'la',
  'los',
  'las',
  'le',
  'les',
  'der',
  'die',
  'das',
  'il',
  'lo',
  'un',
  'una',
  'une',
  'ein',
  'eine',
  'o',
  'os',
  'in',
  'on',
  'at',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
function stripDets(seq: string): string {
  const toks = seq.split(/\s+/);
  while (toks.length && CAP_DETS.has(fold(toks[0]).replace(/\.$/, ''))) toks.shift();
  if (toks.some((t) => CAP_DETS.has(fold(t).replace(/\.$/, '')))) return ''; // "Jan. 6", a date, not a name
  return toks.join(' ');
}
const OF = '(?:of|de|del|di|du|des|von|der)';
const TEMPORAL = new Set([
  'former',
  'late',
  'then',
  'new',
  'next',
  'future',
  'previous',
  'ex',
  'first',
  'last',
  'acting',
  'interim',
  'outgoing',
  'incoming',
  'deposed',
  'ousted',
  'exiled',
  'other',
  'another',
  'each',
  'every',
]);
const DETS = '(?:the|this|that|el|la|le|der|die|das|il|lo|o|a)';

const LABEL_TERMS = termSet(CONCEPTS.flatMap((c) => c.terms.map((t) => ({ term: t.term, stem: t.stem, t, c }))));

/** True when the term at [start,end) is part of a compound that is not a label ("regime change"). */
export function isExcludedCompound(c: Concept, s: string, start: number, end: number): boolean {
  const after = fold(s.slice(end, end + 30)).match(/^[\s-]+([\p{L}]+)/u)?.[1];
  const before = fold(s.slice(Math.max(0, start - 30), start)).match(/([\p{L}]+)[\s-]+$/u)?.[1];
  if (after && c.notBefore?.includes(after)) return true;
  if (before && c.notAfter?.includes(before)) return true;
  return false;
}

export function findLabels(reg: Registry, doc: number, sentences: string[]): LabelOcc[] {
  const out: LabelOcc[] = [];
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si];
    const quotes = quoteSpans(s);
    const re = LABEL_TERMS.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const hit = LABEL_TERMS.find(m[0]);
      if (!hit) continue;
      const { c, t } = hit;
      const start = m.index;
      const end = start + m[0].length;
      if (inSpans(quotes, start)) continue;
      if (isExcludedCompound(c, s, start, end)) continue;
      const prev = si > 0 ? sentences[si - 1] : '';
      const r = resolve(reg, doc, c, s, start, end, prev);
      out.push({
        doc,
        sent: si,
        sentence: s,
        term: m[0],
        surface: r.surface,
        concept: c,
        load: t.load,
        refKey: r.key,
        refName: r.name,
        start,
      });
    }
  }
  return out;
}

/** A headline in Title Case: most words of four letters or more start with a capital. */
function isTitleCase(s: string): boolean {
  const words = s.match(/\p{L}{4,}/gu) ?? [];
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}

interface Resolved {
  key: string | null;
  name: string | null;
  surface: string;
}

function premodDemonyms(left: string): string[] {
  const m = left.match(rx(`((?:${CAP}\\s+){1,3})$`, 'u'));
  if (!m) return [];
  return m[1]
    .trim()
    .split(/\s+/)
    .filter((t) => isDemonymLike(t));
}

function personGov(reg: Registry, p: Person): Resolved {
  const ck = reg.topCountry(p);
  const name = `${reg.canonical(p)}'s government`;
  return { key: ck ? `c:${ck}` : `p:${p.key}`, name, surface: '' };
}

function countryGov(reg: Registry, word: string, whole = word): Resolved {
  if (!isDemonymLike(word, true) && !lookupPlace(word)) {
    const name = stripPossessive(whole);
    return { key: `g:${fold(name)}`, name: `${name}'s government`, surface: '' };
  }
  const ck = countryKey(word);
  const leader = reg.leaderOf(ck);
  return { key: `c:${ck}`, name: leader ? `${reg.canonical(leader)}'s government` : `${stripPossessive(word)} government`, surface: '' };
}

/** The words around a label: the text before and after it, and its surface (the label with the demonyms before it). */
interface LabelSides {
  term: string;
  left: string;
  right: string;
  surface: string;
}

/** A person-role label ("the president"): the person named beside it, the leader of a country named with it, else the salient one. */
function resolvePersonRole(reg: Registry, doc: number, c: Concept, x: LabelSides): Resolved {
  const { term, left, right, surface } = x;
  const none: Resolved = { key: null, name: null, surface };
  const rn = right.match(rx(`^\\s+(?:(\\p{Ll}+)\\s+)?(${NAME_SEQ})`, 'u'));
  if (rn && (!rn[1] || isDemonymLike(rn[1]))) {
    const p = reg.byName(rn[2]);
    if (p) return { key: `p:${p.key}`, name: reg.canonical(p), surface };
  }
  const rev = right.match(rx(`^\\s+${OF}\\s+(?:the\\s+)?(${CAP}),\\s+(${NAME_SEQ})`, 'u'));
  if (rev) {
    const p = reg.byName(rev[2]);
    if (p) return { key: `p:${p.key}`, name: reg.canonical(p), surface };
  }
  const app = left.match(rx(`(${NAME_SEQ}),\\s+(?:the|a|an|el|la|le|der|die)\\s+(?:[\\p{L}-]+\\s+){0,3}$`, 'u'));
  if (app) {
    const p = reg.byName(app[1]);
    if (p) return { key: `p:${p.key}`, name: reg.canonical(p), surface };
  }
  const def = left.match(rx(`(?:^|\\s)${DETS}\\s+((?:[\\p{L}.-]+\\s+){0,3})$`, 'iu'));
  if (!def) return none;
  const mods = def[1].trim().split(/\s+/).filter(Boolean);
  if (mods.some((w) => TEMPORAL.has(fold(w)))) return none;
  const ft = fold(term);
  if (ft.endsWith('s') && c.terms.some((t) => fold(t.term) === ft.slice(0, -1))) return none; // plural: "the presidents"
  const of = right.match(rx(`^\\s+${OF}\\s+(?:the\\s+)?(${CAP})`, 'u'));
  const ck = of ? countryKey(of[1]) : runCountryKey(mods);
  if (ck) {
    const p = reg.leaderOf(ck);
    if (p) return { key: `p:${p.key}`, name: reg.canonical(p), surface };
    if (of) return none;
  }
  const sal = reg.salient(doc, true);
  if (sal) {
    const sck = reg.topCountry(sal);
    // a country adjective that names another country than the salient leader's
    if (ck && sck && ck !== sck && reg.leaderOf(ck)) return none;
    return { key: `p:${sal.key}`, name: reg.canonical(sal), surface };
  }
  return none;
}

/** A government label: whose government — a person's or a country's named before or after it, or the one a pronoun stands for. */
function resolveGovernment(reg: Registry, doc: number, x: LabelSides, prev: string): Resolved {
  const { left, right, surface } = x;
  const none: Resolved = { key: null, name: null, surface };
  const withSurface = (r: Resolved): Resolved => ({ ...r, surface });
  const poss = left.match(rx(`(${NAME_SEQ})['’]s\\s+$`, 'u'));
  if (poss) {
    const p = reg.byName(poss[1]);
    return withSurface(p ? personGov(reg, p) : countryGov(reg, poss[1].split(/\s+/).pop() ?? poss[1], poss[1]));
  }
  const pre = left.match(rx(`(${NAME_SEQ})\\s+$`, 'u'));
  if (pre && stripDets(pre[1])) {
    const toks = stripDets(pre[1]).split(/\s+/);
    const last = toks[toks.length - 1];
    const p = reg.byName(last);
    if (p && !isDemonymLike(last)) return withSurface(personGov(reg, p));
    const dem = toks.find((t) => isDemonymLike(t)) ?? (toks.length === 1 ? last : undefined);
    if (dem && !/^(?:The|A|An)$/.test(dem)) return withSurface(countryGov(reg, dem));
  }
  const pron = left.match(/(?:^|\s)(his|her|su|sa|son|seine[mnrs]?|ihre[mnrs]?)\s+$/iu);
  if (pron) {
    const p = reg.lastMentioned(left) ?? reg.lastMentioned(prev) ?? reg.salient(doc, true);
    return p ? withSurface(personGov(reg, p)) : none;
  }
  const gen = right.match(rx(`^\\s+(${NAME_SEQ})`, 'u'));
  if (gen) {
    const p = reg.byName(gen[1]);
    if (p) return withSurface(personGov(reg, p));
  }
  const of = right.match(rx(`^\\s+${OF}\\s+(?:the\\s+)?(${NAME_SEQ})`, 'u'));
  if (of) {
    const name = of[1].split(/\s+/);
    const p = reg.byName(of[1]);
    if (p) return withSurface(personGov(reg, p));
    const dem = name.find((t) => isDemonymLike(t)) ?? name[0];
    return withSurface(countryGov(reg, dem));
  }
  return none;
}

/** Armed groups, military actions, groups: a name before ("Hamas militants") or after ("invasion of Ukraine"). */
function resolveNamed(c: Concept, x: LabelSides): Resolved {
  const { left, right, surface } = x;
  const pre = left.match(rx(`(${NAME_SEQ})\\s+$`, 'u'));
  const preName = pre ? stripDets(pre[1]) : '';
  if (preName) {
    const toks = preName.split(/\s+/);
    const last = stripPossessive(toks[toks.length - 1]);
    return { key: `n:${c.kind === 'military-action' ? countryKey(last) : fold(last)}`, name: stripPossessive(preName), surface };
  }
  const postPreps = c.kind === 'military-action' ? '(?:of|in|against|on|de|del|en|contra|gegen|contre)' : '(?:of|from|de|del)';
  const post = right.match(rx(`^\\s+${postPreps}\\s+(?:the\\s+)?(${NAME_SEQ})`, 'u'));
  if (post) {
    const toks = post[1].split(/\s+/);
    const last = stripPossessive(toks[toks.length - 1]);
    return { key: `n:${c.kind === 'military-action' ? countryKey(last) : fold(last)}`, name: stripPossessive(post[1]), surface };
  }
  return { key: null, name: null, surface };
}

/** The referent of a label at s[start, end): by the label's kind, from the words around it. */
function resolve(reg: Registry, doc: number, c: Concept, s: string, start: number, end: number, prev: string): Resolved {
  const term = s.slice(start, end);
  // the neighbourhood is enough: anchored patterns on a whole long sentence are slow
  const left = s.slice(Math.max(0, start - 160), start);
  // In a Title Case headline every word is capitalized: neighbours are not names
  const titleCase = /^\p{Lu}/u.test(term) && start > 0 && c.kind !== 'person-role' && isTitleCase(s);
  if (titleCase) return { key: null, name: null, surface: term };
  const right = s.slice(end, end + 160);
  const surface = [...premodDemonyms(left), term].join(' ');
  const sides: LabelSides = { term, left, right, surface };
  if (c.kind === 'person-role') return resolvePersonRole(reg, doc, c, sides);
  if (c.kind === 'government') return resolveGovernment(reg, doc, sides, prev);
  return resolveNamed(c, sides);
}

/** Unresolved group/action labels join the story's single resolved referent of that concept, if there is one. */
export function settleUnresolved(occs: LabelOcc[]): void {
  const byConcept = new Map<string, Map<string, string | null>>();
  for (const o of occs) {
    if (!o.refKey) continue;
    if (o.concept.kind === 'person-role' || o.concept.kind === 'government') continue;
    let m = byConcept.get(o.concept.id);
    if (!m) byConcept.set(o.concept.id, (m = new Map()));
    m.set(o.refKey, o.refName);
  }
  for (const o of occs) {
    if (o.refKey || o.concept.kind === 'person-role' || o.concept.kind === 'government') continue;
    const m = byConcept.get(o.concept.id);
    if (m && m.size === 1) {
      const [[k, name]] = [...m.entries()];
      o.refKey = k;
      o.refName = name;
    } else if (!m) {
      o.refKey = `u:${o.concept.id}`;
      o.refName = null;
    }
  }
}

/**
 * Who a label refers to. A small, self-contained registry of the people in a
 * story (from the analysis stage's entities when given, otherwise from
 * capitalized name sequences after titles and role nouns), with the country
 * adjectives each is introduced with ("Venezuelan President X") so that
 * "the Venezuelan leader" and "the Venezuelan government" resolve to them.
 */
import { demonymCountry, lookupPlace } from '../gazetteer.ts';
import { CONCEPTS, PERSON_ROLES } from './lexicon.ts';
import { CAP, NAME_SEQ, escapeRe, fold, stripPossessive } from './text.ts';

export interface Person {
  key: string;
  /** Surface full forms (≥ 2 tokens) with counts across the story. */
  forms: Map<string, number>;
  /** Canonical name fixed by the entity stage, if any. */
  fixed: string | null;
  /** Country keys this person is introduced with, with counts. */
  countries: Map<string, number>;
  /** Introduced with a leader-type role somewhere in the story. */
  leader: boolean;
  /** Mentions per article index. */
  mentions: number[];
}

export interface DocText {
  id: string;
  sentences: string[];
  folded: string;
}

const LEADER_TERMS = CONCEPTS.find((c) => c.id === 'leader')?.terms.map((t) => t.term) ?? [];
const TITLE_WORDS = new Set(
  [
    ...LEADER_TERMS,
    ...PERSON_ROLES,
    'prime',
    'vice',
    'foreign',
    'defense',
    'defence',
    'interior',
    'finance',
    'state',
    'former',
    'acting',
    'late',
  ].map((w) => fold(w)),
);
const LEADER_SET = new Set(LEADER_TERMS.map((w) => fold(w)));

const NAME_RE = new RegExp(NAME_SEQ, 'gu');
/** The leader terms and person roles, each with its first letter in either case. */
const ROLE_WORDS = [...LEADER_TERMS, ...PERSON_ROLES]
  .map((r) => `[${escapeRe(r[0].toLowerCase())}${escapeRe(r[0].toUpperCase())}]${escapeRe(r.slice(1))}`)
  .join('|');
const ROLE_RE = new RegExp(`((?:${CAP}\\s+){0,3})(${ROLE_WORDS})\\s+(?:(\\p{Ll}+)\\s+)?(${NAME_SEQ})`, 'gu');
const APP_RE = new RegExp(
  `(${NAME_SEQ}),\\s+(?:the|a|an|el|la|le|der|die)\\s+(?:[\\p{L}-]+\\s+){0,3}?(${LEADER_TERMS.map(escapeRe).join('|')})(?:\\s+of\\s+(${CAP}))?`,
  'giu',
);

/** What a match of ROLE_RE and APP_RE must hold: checked first, since most sentences hold neither. */
const ROLE_WORD_RE = new RegExp(`(?:${ROLE_WORDS})\\s`, 'u');
const APPOSITIVE_CUE = /,\s+(?:the|a|an|el|la|le|der|die)\s/iu;

const NOT_NAME = new Set(
  [
    'the',
    'a',
    'an',
    'in',
    'on',
    'at',
    'for',
    'and',
    'but',
    'according',
    'meanwhile',
    'however',
    'additionally',
    'this',
    'that',
    'these',
    'those',
    'he',
    'she',
    'they',
    'it',
    'his',
    'her',
    'their',
    'its',
    'we',
    'i',
    'after',
    'before',
    'since',
    'while',
    'when',
    'if',
    'as',
    'by',
    'with',
    'from',
    'of',
    'to',
    'despite',
    'still',
    'today',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
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
  ].map(fold),
);

/**
 * Country key of a country name, adjective or capital ("Venezuelan" ~ "Venezuela" ~ "Caracas"):
 * through the gazetteer when it knows the word, else the first four folded letters.
 */
export function countryKey(word: string): string {
  const w = word.replace(/['’]s$/u, '');
  const dem = demonymCountry(w);
  const place = dem ? null : lookupPlace(w);
  const country = dem || (place && (place.kind === 'country' ? place.name : place.kind === 'capital' ? place.country : null));
  const f = fold(country || w).replace(/[^\p{L}]/gu, '');
  if (dem === '') return 'region-' + f;
  return f.slice(0, 4);
}

/** Country key of a run of capitalized modifiers: the last two tokens together first ("Latin American"), then the last. */
export function runCountryKey(tokens: string[]): string | null {
  const dems = tokens.filter((t) => /^\p{Lu}/u.test(t));
  if (dems.length === 0) return null;
  if (dems.length >= 2) {
    const two = dems.slice(-2).join(' ');
    if (demonymCountry(two) !== null) return countryKey(two);
  }
  const last = dems[dems.length - 1];
  return isDemonymLike(last) ? countryKey(last) : null;
}

/** Whether a capitalized token looks like a country adjective or country abbreviation. */
export function isDemonymLike(tok: string, strict = false): boolean {
  if (/^(?:\p{Lu}\.){2,}$/u.test(tok) || /^\p{Lu}{2,3}$/u.test(tok)) return true;
  if (demonymCountry(tok) !== null) return true;
  if (strict) return false;
  const f = fold(tok);
  return /(?:an|ian|ese|ish|ic|i|ch|sk|ský|ská|isch|ien|ienne|ano|ana|ais|aise|ий|ая|ський|ська|li|lı)$/u.test(f) && f.length >= 4;
}

export class Registry {
  persons = new Map<string, Person>();
  docs: DocText[];

  constructor(docs: DocText[], entities: Array<{ name: string; type: string; aliases?: string[] }> = []) {
    this.docs = docs;
    for (const e of entities) {
      if (!/^(?:person|per|people|human)$/i.test(e.type)) continue;
      const p = this.add(e.name);
      if (p) {
        p.fixed = e.name;
        for (const a of e.aliases ?? []) this.addForm(p, a);
      }
    }
    for (const d of docs) for (const s of d.sentences) this.scan(s);
    // a key of letters and digits only occurs where a whole word is that key: counted from each text's word counts
    const counts = docs.map((d) => wordCounts(d.folded));
    for (const p of this.persons.values()) {
      p.mentions = WORD_KEY.test(p.key) ? counts.map((c) => c.get(p.key) ?? 0) : docs.map((d) => countWord(d.folded, p.key));
    }
    this.order = [...this.persons.keys()];
    this.otherKeys = this.order.filter((k) => !LETTER_KEY.test(k));
  }

  /** Person keys in the order they were first seen; those that are not a run of letters. */
  private order: string[] = [];
  private otherKeys: string[] = [];

  private add(name: string): Person | undefined {
    const toks = stripPossessive(name.trim()).split(/\s+/).filter(Boolean);
    if (toks.length === 0) return undefined;
    const key = fold(toks[toks.length - 1]);
    if (key.length < 2 || NOT_NAME.has(key) || TITLE_WORDS.has(key)) return undefined;
    let p = this.persons.get(key);
    if (!p) {
      p = { key, forms: new Map(), fixed: null, countries: new Map(), leader: false, mentions: [] };
      this.persons.set(key, p);
    }
    this.addForm(p, toks.join(' '));
    return p;
  }

  private addForm(p: Person, form: string): void {
    const f = stripPossessive(form.trim());
    if (f.split(/\s+/).length >= 2) p.forms.set(f, (p.forms.get(f) ?? 0) + 1);
  }

  /** Splits a capitalized sequence at its title words: demonym prefix, title, name. */
  static splitTitled(seq: string): { prefix: string[]; title: string[]; name: string[] } {
    const toks = seq.split(/\s+/);
    let lastTitle = -1;
    for (let i = 0; i < toks.length - 1; i++) if (TITLE_WORDS.has(fold(toks[i]).replace(/\.$/, ''))) lastTitle = i;
    if (lastTitle === -1) return { prefix: [], title: [], name: toks };
    let firstTitle = lastTitle;
    while (firstTitle > 0 && TITLE_WORDS.has(fold(toks[firstTitle - 1]).replace(/\.$/, ''))) firstTitle--;
    return { prefix: toks.slice(0, firstTitle), title: toks.slice(firstTitle, lastTitle + 1), name: toks.slice(lastTitle + 1) };
  }

  private scan(s: string): void {
    // "Venezuelan President Nicolás Maduro", "Transport Minister X"
    const capRe = NAME_RE;
    capRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = capRe.exec(s)) !== null) {
      const { prefix, title, name } = Registry.splitTitled(m[0]);
      if (title.length === 0 || name.length === 0) continue;
      if (name.length === 1 && !this.persons.has(fold(stripPossessive(name[0])))) {
        // single-token name after a title: accept ("President Trump")
      }
      const p = this.add(name.join(' '));
      if (!p) continue;
      if (title.some((t) => LEADER_SET.has(fold(t)))) p.leader = true;
      this.noteCountries(p, prefix);
    }
    // lower-case role noun before a name: "dictator Nicolas Maduro", "leader Hugo Chávez"
    const roleRe = ROLE_RE;
    roleRe.lastIndex = 0;
    const roleCue = ROLE_WORD_RE.test(s);
    while (roleCue && (m = roleRe.exec(s)) !== null) {
      const role = fold(m[2]);
      if (m[3] && !isDemonymLike(m[3])) continue; // "leader met Putin": the name is not the role's
      const { name, prefix } = Registry.splitTitled(m[4]);
      if (name.length === 0) continue;
      if (/^\p{Lu}/u.test(m[2]) && m[1] === '') continue; // handled above as a capitalized title
      const p = this.add(name.join(' '));
      if (!p) continue;
      if (LEADER_SET.has(role)) p.leader = true;
      this.noteCountries(p, [...m[1].trim().split(/\s+/).filter(Boolean), ...prefix]);
      if (m[3]) {
        const k = countryKey(m[3]);
        p.countries.set(k, (p.countries.get(k) ?? 0) + 1);
      }
    }
    // appositive: "Nicolás Maduro, the president of Venezuela"
    const appRe = APP_RE;
    appRe.lastIndex = 0;
    const appositiveCue = APPOSITIVE_CUE.test(s);
    while (appositiveCue && (m = appRe.exec(s)) !== null) {
      if (!/^\p{Lu}/u.test(m[1])) continue;
      const { name } = Registry.splitTitled(m[1]);
      const known = this.persons.get(fold(stripPossessive(name[name.length - 1] ?? '')));
      const p = known ?? (name.length >= 2 ? this.add(name.join(' ')) : undefined);
      if (!p) continue;
      p.leader = true;
      if (m[3]) p.countries.set(countryKey(m[3]), (p.countries.get(countryKey(m[3])) ?? 0) + 1);
    }
  }

  private noteCountries(p: Person, prefix: string[]): void {
    const k = runCountryKey(prefix);
    if (!k) return;
    p.countries.set(k, (p.countries.get(k) ?? 0) + 1);
  }

  /** The person a name or surname refers to, if known. */
  byName(name: string): Person | undefined {
    const toks = stripPossessive(name.trim()).split(/\s+/);
    const { name: nm } = Registry.splitTitled(toks.join(' '));
    const last = nm[nm.length - 1];
    if (!last) return undefined;
    const f = fold(stripPossessive(last));
    const exact = this.persons.get(f);
    if (exact) return exact;
    // an inflected surname ("Каримова", "Putins"): a known surname plus at most two letters
    for (const p of this.persons.values()) if (p.key.length >= 4 && f.length - p.key.length <= 2 && f.startsWith(p.key)) return p;
    return undefined;
  }

  canonical(p: Person): string {
    if (p.fixed) return p.fixed;
    let best = '';
    let bestScore = -1;
    for (const [f, c] of p.forms) {
      const diacritics = f.normalize('NFD').length - f.length;
      const score = c * 1000 + Math.min(diacritics, 9) * 10 + Math.min(f.length, 9);
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    return best || p.key[0].toUpperCase() + p.key.slice(1);
  }

  topCountry(p: Person): string | null {
    let best: string | null = null;
    let bc = 0;
    for (const [k, c] of p.countries) {
      if (c > bc) {
        best = k;
        bc = c;
      }
    }
    return best;
  }

  /** The leader-type person most associated with a country key across the story. */
  leaderOf(ckey: string): Person | undefined {
    let best: Person | undefined;
    let bs = 0;
    for (const p of this.persons.values()) {
      if (!p.leader || this.topCountry(p) !== ckey) continue;
      const s = p.mentions.reduce((a, b) => a + b, 0);
      if (s > bs) {
        best = p;
        bs = s;
      }
    }
    return best;
  }

  /** The most mentioned person in an article (leader-type only when asked); null when no clear winner. */
  salient(doc: number, leaderOnly: boolean): Person | undefined {
    const ranked = [...this.persons.values()]
      .filter((p) => (!leaderOnly || p.leader) && p.mentions[doc] > 0)
      .sort((a, b) => b.mentions[doc] - a.mentions[doc]);
    if (ranked.length === 0) return undefined;
    if (ranked.length > 1 && ranked[1].mentions[doc] * 1.5 > ranked[0].mentions[doc]) return undefined;
    return ranked[0];
  }

  /** The last person mentioned in `text` (a sentence prefix), by surname; on a tie the person seen first. */
  lastMentioned(text: string): Person | undefined {
    const f = fold(text);
    let best: Person | undefined;
    let pos = -1;
    // a key of letters only is mentioned where a whole run of letters equals it: the last such run
    const runs = [...f.matchAll(/\p{L}+/gu)];
    for (let i = runs.length - 1; i >= 0; i--) {
      const p = this.persons.get(runs[i][0]);
      if (p && LETTER_KEY.test(p.key)) {
        [best, pos] = [p, runs[i].index];
        break;
      }
    }
    for (const key of this.otherKeys) {
      const re = new RegExp(`(?<![\\p{L}])${escapeRe(key)}(?![\\p{L}])`, 'gu');
      let at = -1;
      for (const m of f.matchAll(re)) at = m.index;
      const p = this.persons.get(key)!;
      if (at > pos || (at === pos && at >= 0 && best && this.order.indexOf(key) < this.order.indexOf(best.key))) [best, pos] = [p, at];
    }
    return best;
  }
}

const WORD_KEY = /^[\p{L}\p{N}]+$/u;
const LETTER_KEY = /^\p{L}+$/u;

/** How often each maximal run of letters and digits occurs in a text. */
function wordCounts(folded: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  return out;
}

export function countWord(folded: string, word: string): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(word)}(?![\\p{L}\\p{N}])`, 'gu');
  return (folded.match(re) ?? []).length;
}

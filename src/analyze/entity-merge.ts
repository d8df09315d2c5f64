/**
 * Mentions merged into a story's entities over spellings, accents, transliterations, titles, partial mentions and
 * scripts ("President Mónica Ibáñez" = "Monica Ibanez" = "Ibáñez", Мадуро = Maduro), and the entity each cluster makes.
 */
import { editDistance, sameNameToken, translitKey } from './text.ts';
import { lookupPlace } from './gazetteer.ts';
import { consonantKeys, nonLatin, soundKeys, writesName } from '../text/names.ts';
import type { EntityMention, EntityType, StoryEntity } from './entity-types.ts';
import { designationKey, diacritics, initials, nameTokens } from './entity-words.ts';

interface Cluster {
  id: number;
  type: EntityType | null;
  mentions: EntityMention[];
  /** longest name tokens seen */
  tokens: string[];
  /** the name's tokens in the other script, Latin or not, when a mention in it joined (Donald Trump beside Дональд Трамп) */
  alts?: string[][];
  key: string | null;
}

/** The forms of a cluster's name: its tokens and those in the other script. */
function formsOf(c: Cluster): string[][] {
  return c.alts ? [c.tokens, ...c.alts] : [c.tokens];
}

function typeCompatible(c: Cluster, m: EntityMention): boolean {
  const a = c.type;
  const b = m.weak ? null : m.hint;
  if (c.mentions.every((x) => x.weak) && a === 'person') return true;
  return a === null || b === null || a === 'other' || b === 'other' || a === b;
}

/** Tokens of `short` all match (as names) distinct tokens of `long`, in order. */
function tokenSubset(short: string[], long: string[], same: (a: string, b: string) => boolean): boolean {
  let j = 0;
  for (const s of short) {
    while (j < long.length && !same(s, long[j])) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}

/** Two words' sound keys (text/names.ts) agree: one equal, or from five units on one apart with the same first. */
function sameSound(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => x === y || (Math.min(x.length, y.length) >= 5 && x[0] === y[0] && editDistance(x, y, 1) <= 1)));
}

/**
 * The name clusters built so far, indexed for the merge: by the spelling keys of their tokens and by those keys with
 * one letter deleted (two keys within one edit share such a variant, which is all sameNameToken accepts beyond an
 * equal key), and by initials. Lookups return clusters in creation order, as a scan of the list would.
 */
class NameIndex {
  private byVariant = new Map<string, Cluster[]>();
  private initialsOf = new Map<string, Cluster[]>();
  /** sound keys of Latin tokens [0] and of other scripts' tokens [1], when the story has names in other scripts */
  private bySound: Array<Map<string, Cluster[]>> | null;
  /** consonant keys of Latin tokens [0] and of other scripts' [1], for the words of one script that write the other's */
  private byConsonants: Array<Map<string, Cluster[]>> | null;
  constructor(
    private key: (t: string) => string,
    private sound: ((t: string) => string[]) | null = null,
    /** Latin names are also looked up by the sounds of Latin names (a story in several languages) */
    private latinBySound = false,
    /** the keys a word shares with the Latin name word it writes (text/names.ts consonantKeys: Μπάιντεν, Biden) */
    private consonants: ((t: string) => string[]) | null = null,
  ) {
    this.bySound = sound ? [new Map(), new Map()] : null;
    this.byConsonants = consonants ? [new Map(), new Map()] : null;
  }

  /** Index a cluster by the sounds of its tokens only (a gazetteer place, for names in other scripts). */
  addSound(c: Cluster, tokens = c.tokens): void {
    if (!this.bySound || !this.sound) return;
    const seen = new Set<string>();
    for (const t of tokens) {
      const byConsonants = this.byConsonants?.[nonLatin(t) ? 1 : 0];
      for (const k of byConsonants ? this.consonants!(t) : [])
        if (!byConsonants!.get(k)?.includes(c)) byConsonants!.set(k, [...(byConsonants!.get(k) ?? []), c]);
      const side = this.bySound[nonLatin(t) ? 1 : 0];
      for (const k of this.sound(t))
        for (const v of NameIndex.variants(k)) {
          if (seen.has(v)) continue;
          seen.add(v);
          const l = side.get(v);
          if (l) l.push(c);
          else side.set(v, [c]);
        }
    }
  }

  /** The key and, from five letters, the key with one letter deleted. */
  private static variants(k: string): string[] {
    const out = [k];
    if (k.length >= 5) for (let i = 0; i < k.length; i++) out.push(k.slice(0, i) + k.slice(i + 1));
    return out;
  }

  /** Index a cluster by its tokens, or by another form of its name (`tokens`: the name in another script). */
  add(c: Cluster, tokens = c.tokens): void {
    const seen = new Set<string>();
    for (const t of tokens)
      for (const v of NameIndex.variants(this.key(t))) {
        if (seen.has(v)) continue;
        seen.add(v);
        const l = this.byVariant.get(v);
        if (l) l.push(c);
        else this.byVariant.set(v, [c]);
      }
    this.addSound(c, tokens);
    if (tokens === c.tokens && c.tokens.length >= 2) {
      const k = initials(c.tokens.join(' '));
      const l = this.initialsOf.get(k);
      if (l) l.push(c);
      else this.initialsOf.set(k, [c]);
    }
  }

  /** Clusters having a token that may be the same name as `token` (a superset of those sameNameToken accepts). */
  near(token: string): Cluster[] {
    const found = new Set<Cluster>();
    for (const v of NameIndex.variants(this.key(token))) for (const c of this.byVariant.get(v) ?? []) found.add(c);
    // the same name in another script: a Latin token against the others' sounds, another script's against all
    // (the sounds of Cyrillic words are also those of their stems: Путиным = Путин)
    const sides = !this.bySound ? [] : nonLatin(token) || this.latinBySound ? this.bySound : [this.bySound[1]];
    for (const side of sides)
      for (const k of this.sound!(token)) for (const v of NameIndex.variants(k)) for (const c of side.get(v) ?? []) found.add(c);
    // and the Latin words a word of another script may write, the words of other scripts that may write a Latin one
    const other = this.byConsonants?.[nonLatin(token) ? 0 : 1];
    for (const k of other ? this.consonants!(token) : []) for (const c of other!.get(k) ?? []) found.add(c);
    return [...found].sort((a, b) => a.id - b.id);
  }

  byInitials(k: string): Cluster[] {
    return this.initialsOf.get(k) ?? [];
  }
}

/** Designation prefixes ("MiG-29") join their unique more specific form ("MiG-29SMT"). */
function joinDesignations(clusters: Cluster[]): void {
  const desig = clusters.filter((c) => c.key?.startsWith('d:'));
  for (const c of desig) {
    const k = c.key!.slice(2);
    const longer = desig.filter(
      (o) => o !== c && o.mentions.length > 0 && o.key!.slice(2).startsWith(k) && /^[A-Z]/.test(o.key!.slice(2 + k.length)),
    );
    if (longer.length === 1) {
      longer[0].mentions.push(...c.mentions);
      c.mentions = [];
    }
  }
}

/** Names join the cluster of the same name or of a longer name they are part of, longest first. */
function joinNames(rest: EntityMention[], ctx: NameMatch): void {
  const { named, sameFor } = ctx;
  const restToks = new Map(rest.map((m) => [m, m.as ?? nameTokens(m.surface)]));
  rest.sort((a, b) => restToks.get(b)!.length - restToks.get(a)!.length);
  for (const m of rest) {
    const toks = restToks.get(m)!;
    if (toks.length === 0) continue;
    const acronym = toks.length === 1 && /^[A-Z]{2,5}$/.test(toks[0].replace(/\./g, ''));
    let target: Cluster | null = null;
    // only clusters with a token spelled like the mention's first one can match it (as the same name or a part of it)
    const near = named.near(toks[0]);
    const exact = near.filter(
      (c) => formsOf(c).some((f) => f.length === toks.length && toks.every((t, i) => sameFor(m, c)(t, f[i]))) && typeCompatible(c, m),
    );
    if (exact.length > 0) target = exact[0];
    else {
      const subs = near.filter(
        (c) => typeCompatible(c, m) && formsOf(c).some((f) => f.length > toks.length && tokenSubset(toks, f, sameFor(m, c))),
      );
      const acr = acronym ? named.byInitials(toks[0].replace(/\./g, '')) : [];
      const cands = [...new Set([...subs, ...acr])];
      // several candidates: keep the ones whose last name matches (a surname mention); else ambiguous
      if (cands.length === 1) target = cands[0];
      else if (cands.length > 1) {
        const lastOf = (c: Cluster) => c.tokens[c.tokens.length - 1];
        const last = cands.filter((c) => sameFor(m, c)(lastOf(c), toks[toks.length - 1]));
        // in a story in several scripts or languages, the one whose last name sounds exactly alike (Путин: Putin, not Poutine)
        const alike = ctx.soundsAlike ? last.filter((c) => ctx.soundsAlike!(lastOf(c), toks[toks.length - 1])) : [];
        if (last.length === 1) target = last[0];
        else if (alike.length === 1) target = alike[0];
      }
    }
    if (target) {
      target.mentions.push(m);
      // a name first seen in one script is then also found by its words in the other (Дональд Трамп, Donald Trump)
      const script = nonLatin(toks[0]);
      if (script !== nonLatin(target.tokens[0]) && !target.alts?.some((f) => nonLatin(f[0]) === script)) {
        (target.alts ??= []).push(toks);
        named.add(target, toks);
      }
      if (!target.type || target.type === 'other' || (!m.weak && target.mentions.every((x) => x.weak || x === m)))
        target.type = m.hint ?? target.type;
    } else named.add(ctx.newCluster(m, null));
  }
}

/** What the name merge of one story compares tokens with (mergeMentions). */
interface NameMatch {
  named: NameIndex;
  /** the comparison of a mention's tokens with a cluster's: by sound too across languages */
  sameFor: (m: EntityMention, c: Cluster) => (a: string, b: string) => boolean;
  /** the last names of two clusters sound exactly alike (a tie-break between candidates) */
  soundsAlike: ((a: string, b: string) => boolean) | null;
  newCluster: (m: EntityMention, key: string | null) => Cluster;
}

/**
 * Merge mentions into entities. `langOf` gives the language of an article in a story told in several: a name
 * in one language is then also compared by sound with the same name in another (Poutine = Putin, Moscou = Moscow).
 */
export function mergeMentions(mentions: EntityMention[], langOf: ((article: string) => string) | null = null): StoryEntity[] {
  const keyMemo = new Map<string, string>();
  const tkey = (t: string): string => {
    let k = keyMemo.get(t);
    if (k === undefined) keyMemo.set(t, (k = translitKey(t)));
    return k;
  };
  // names in other scripts than Latin are also compared by sound with the Latin ones (Мадуро = Maduro)
  const multiScript = mentions.some((m) => !m.designation && nonLatin(m.surface));
  const soundMemo = new Map<string, string[]>();
  const sound = (t: string): string[] => {
    let k = soundMemo.get(t);
    if (k === undefined) soundMemo.set(t, (k = soundKeys(t)));
    return k;
  };
  // or as their script writes a Latin name (Трамп = Trump, Μπάιντεν = Biden: text/names.ts writesName)
  const writesMemo = new Map<string, boolean>();
  const writes = (a: string, b: string): boolean => {
    if (nonLatin(a) === nonLatin(b)) return false;
    const [word, latin] = nonLatin(a) ? [a, b] : [b, a];
    const k = word + '\u0000' + latin;
    let w = writesMemo.get(k);
    if (w === undefined) writesMemo.set(k, (w = writesName(word, latin)));
    return w;
  };
  const same = (a: string, b: string): boolean =>
    sameNameToken(a, b, tkey) || (multiScript && (nonLatin(a) || nonLatin(b)) && (sameSound(sound(a), sound(b)) || writes(a, b)));
  const loose = (a: string, b: string): boolean =>
    sameNameToken(a, b, tkey) || sameSound(sound(a), sound(b)) || (multiScript && writes(a, b));
  const byLanguage = !!langOf && new Set(mentions.map((m) => langOf(m.article))).size > 1;
  const consonantMemo = new Map<string, string[]>();
  const consonants = (t: string): string[] => {
    let k = consonantMemo.get(t);
    if (k === undefined) consonantMemo.set(t, (k = consonantKeys(t).filter((x) => x !== '')));
    return k;
  };
  const named = new NameIndex(tkey, multiScript || byLanguage ? sound : null, byLanguage, multiScript ? consonants : null);
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const newCluster = (m: EntityMention, key: string | null): Cluster => {
    const c: Cluster = { id: clusters.length, type: m.hint, mentions: [m], tokens: m.as ?? nameTokens(m.surface), key };
    clusters.push(c);
    if (key) byKey.set(key, c);
    return c;
  };
  // 1. designations and gazetteer places by key
  const rest: EntityMention[] = [];
  for (const m of mentions) {
    let key: string | null = null;
    if (m.designation) key = 'd:' + designationKey(m.surface);
    else if (m.hint === 'place') {
      const p = lookupPlace(m.as ? m.as.join(' ') : m.surface);
      key = p ? 'p:' + p.name : null;
    }
    if (key) {
      const c = byKey.get(key);
      if (c) c.mentions.push(m);
      else if (key.startsWith('p:') && !m.as) named.addSound(newCluster(m, key));
      else newCluster(m, key);
    } else rest.push(m);
  }
  joinDesignations(clusters);
  // 2. names: longest first, then subsets
  const sameFor = (m: EntityMention, c: Cluster) => (byLanguage && langOf!(m.article) !== langOf!(c.mentions[0].article) ? loose : same);
  const soundsAlike = multiScript || byLanguage ? (a: string, b: string) => sound(a).some((k) => sound(b).includes(k)) : null;
  joinNames(rest, { named, sameFor, soundsAlike, newCluster });
  // 3. build entities
  const out: StoryEntity[] = [];
  for (const c of clusters) if (c.mentions.length > 0) out.push(entityOf(c, out.length, langOf));
  return out;
}

/** The entity of a cluster of mentions: its name (the longest Latin form; a place's gazetteer name), type, forms. */
function entityOf(c: Cluster, id: number, langOf: ((article: string) => string) | null): StoryEntity {
  const counts = new Map<string, number>();
  for (const m of c.mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
  const forms = [...counts.keys()];
  // in a story in several languages, the name as a report in English writes it, when one does
  const english = new Set(langOf ? c.mentions.filter((m) => langOf(m.article) === 'en').map((m) => m.surface) : []);
  const isDesig = c.key?.startsWith('d:');
  forms.sort((a, b) => {
    if (isDesig) return b.length - a.length || (counts.get(b) ?? 0) - (counts.get(a) ?? 0);
    return (
      Number(english.has(b)) - Number(english.has(a)) ||
      Number(nonLatin(a)) - Number(nonLatin(b)) ||
      nameTokens(b).length - nameTokens(a).length ||
      b.split(/\s+/).length - a.split(/\s+/).length ||
      diacritics(b) - diacritics(a) ||
      (counts.get(b) ?? 0) - (counts.get(a) ?? 0) ||
      a.localeCompare(b)
    );
  });
  let name = forms[0];
  const place = c.key?.startsWith('p:') ? c.key.slice(2) : null;
  if (place) name = place;
  const typeVotes = new Map<EntityType, number>();
  for (const m of c.mentions) if (m.hint) typeVotes.set(m.hint, (typeVotes.get(m.hint) ?? 0) + (m.weak ? 0.1 : 1));
  let type: EntityType = 'other';
  if (isDesig) type = 'thing';
  else if (place) type = 'place';
  else {
    let n = 0;
    for (const [t, v] of typeVotes) if (v > n || (v === n && t === 'thing')) [type, n] = [t, v];
  }
  const articles = [...new Set(c.mentions.map((m) => m.article))];
  const aliases = forms.filter((f) => f !== name);
  const labels: Array<{ article: string; label: string }> = [];
  const seenL = new Set<string>();
  for (const m of c.mentions)
    for (const l of m.labels) {
      const k = m.article + '\u0000' + l;
      if (!seenL.has(k)) {
        seenL.add(k);
        labels.push({ article: m.article, label: l });
      }
    }
  return { id, name, type, aliases, articles, labels, mentions: c.mentions };
}

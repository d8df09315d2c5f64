/**
 * Sentence alignment across articles: which sentences state the same thing.
 * A sentence becomes a bag of normalized terms (light stems, a small synonym
 * map, entity ids in place of names, capitals also standing for their
 * country); similarity is the IDF-weighted cosine of two bags.
 */
import { STOPWORDS, fold, stem, wordTokens } from './text.ts';

/** Irregular forms → base. */
const IRREGULAR: Record<string, string> = {
  sought: 'seek',
  sent: 'send',
  told: 'tell',
  said: 'say',
  says: 'say',
  met: 'meet',
  bought: 'buy',
  sold: 'sell',
  took: 'take',
  gave: 'give',
  made: 'make',
  led: 'lead',
  held: 'hold',
  won: 'win',
  left: 'leave',
  began: 'begin',
  came: 'come',
  went: 'go',
  fell: 'fall',
  rose: 'rise',
  struck: 'strike',
  spoke: 'speak',
  wrote: 'write',
  brought: 'bring',
  thought: 'think',
  caught: 'catch',
  fought: 'fight',
  shot: 'shoot',
  hit: 'hit',
  killed: 'kill',
  died: 'die',
  dead: 'die',
  death: 'die',
  deaths: 'die',
  people: 'person',
  persons: 'person',
  men: 'man',
  women: 'woman',
  children: 'child',
};

/** Synonym groups: every word maps to the group's first word. */
const SYNONYMS = [
  // requests, messages, statements
  'letter message appeal request address note',
  'ask seek request appeal urge',
  'say tell claim add',
  'announce unveil declare',
  'report publish',
  'warn caution',
  'deny reject dismiss',
  'criticize criticise condemn denounce',
  'agree consent accept',
  'plan program programme scheme',
  'agreement treaty pact deal accord',
  'document record paper',
  'law legislation act',
  'vote ballot',
  'ratify approve endorse',
  // movement and delivery
  'deliver convey hand send transmit',
  'visit trip tour',
  'land arrive',
  'leave depart',
  'return come',
  // help, repair, trade
  'aid assistance support help',
  'repair restore restoration refurbish refurbishment overhaul maintenance upgrade fix',
  'buy purchase acquire acquisition',
  'sell sale',
  'cost price',
  'pay payment compensate compensation',
  'build construct construction',
  // conflict, harm, law and order
  'kill die',
  'injure hurt wound',
  'strike attack raid assault',
  'fight battle clash',
  'arrest detain',
  'charge indict prosecute',
  'investigate probe investigation inquiry',
  'free release',
  'ban prohibit',
  'sanction penalty',
  'destroy demolish',
  'fire blaze',
  'flood inundate',
  'evacuate evacuation',
  // military and transport
  'fighter jet warplane',
  'aircraft plane airplane',
  'navy naval fleet',
  'ship vessel boat',
  'missile rocket',
  'drone uav',
  'troop soldier',
  // people and institutions
  'president leader',
  'minister secretary',
  'official officer',
  'expert analyst specialist',
  'company firm business',
  'government administration',
  // change and size
  'rise increase grow climb jump',
  'fall drop decline decrease',
  'cut reduce slash',
  'big large huge major',
  'small minor',
  'begin start launch',
  'end finish conclude',
  'meet meeting talk',
  'win victory',
  'lose defeat',
].map((g) => g.split(' '));
const SYN = new Map<string, string>();
for (const g of SYNONYMS) for (const w of g) if (!SYN.has(stem(w))) SYN.set(stem(w), stem(g[0]));

/** Terms already computed (a pure function of the word; cleared past TERM_CACHE words). */
const termCache = new Map<string, string | null>();
const TERM_CACHE = 50_000;

/** Normalize one word to its comparison term, or null for stopwords/short words/numbers. */
export function term(word: string): string | null {
  const hit = termCache.get(word);
  if (hit !== undefined) return hit;
  if (termCache.size >= TERM_CACHE) termCache.clear();
  const t = computeTerm(word);
  termCache.set(word, t);
  return t;
}

function computeTerm(word: string): string | null {
  const f = fold(word).replace(/['’]s$/, '');
  if (STOPWORDS.has(f) || f.length < 2) return null;
  if (/^\d/.test(f)) return null;
  const base = IRREGULAR[f] ?? f;
  const s = stem(base);
  return SYN.get(s) ?? s;
}

export interface SentenceBag {
  terms: Set<string>;
}

/**
 * The bag of a sentence. `entitySpans` are [start, end, entityKey] spans in
 * the sentence: their words are replaced by the entity key (plus `extra` keys,
 * e.g. a capital's country).
 */
export function sentenceBag(sentence: string, entitySpans: Array<{ start: number; end: number; keys: string[] }> = []): SentenceBag {
  return bagOf(wordTerms(sentence), entitySpans);
}

/** The words of a sentence with their comparison terms (stopwords and numbers left out), in order. */
export function wordTerms(sentence: string): Array<{ start: number; end: number; term: string }> {
  const out: Array<{ start: number; end: number; term: string }> = [];
  for (const t of wordTokens(sentence)) {
    const x = term(t.w);
    if (x) out.push({ start: t.start, end: t.end, term: x });
  }
  return out;
}

/** sentenceBag from the sentence's wordTerms. */
export function bagOf(
  words: Array<{ start: number; end: number; term: string }>,
  entitySpans: Array<{ start: number; end: number; keys: string[] }> = [],
): SentenceBag {
  const terms = new Set<string>();
  for (const sp of entitySpans) for (const k of sp.keys) terms.add(k);
  for (const t of words) {
    if (entitySpans.some((sp) => t.start >= sp.start && t.end <= sp.end)) continue;
    terms.add(t.term);
  }
  return { terms };
}

/** Inverse document frequencies over a set of bags. */
export function idfOf(bags: SentenceBag[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const b of bags) for (const t of b.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = bags.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  return idf;
}

/** IDF-weighted cosine similarity of two bags. */
export function similarity(a: SentenceBag, b: SentenceBag, idf: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const t of a.terms) {
    const w = idf.get(t) ?? 1;
    na += w * w;
    if (b.terms.has(t)) dot += w * w;
  }
  for (const t of b.terms) {
    const w = idf.get(t) ?? 1;
    nb += w * w;
  }
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/** Shared terms of two bags. */
export function sharedTerms(a: SentenceBag, b: SentenceBag): string[] {
  return [...a.terms].filter((t) => b.terms.has(t));
}

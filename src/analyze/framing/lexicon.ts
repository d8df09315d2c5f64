/**
 * Framing lexicon: word lists are data, one file per language under ./data/
 * (en.json, es.json, ru.json, ...), compiled by hand for Parallax (no
 * third-party list). Every language's terms are matched in every text: a
 * quotation or a name in another language is common in news.
 *
 * `load`: 0 = neutral term, 1 = mildly loaded ("mild"), 2 = strongly loaded ("strong").
 * A term written with a trailing `*` matches with up to four extra letters (inflected languages).
 * The lexicon is only one signal: label items are driven by contrast across a story's articles;
 * the lexicon says which side of a contrast is marked and lets single-sentence mode flag anything at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { englishAdverb, englishPlural, englishQualityNouns, englishVerbForms } from './morph.ts';

export type ConceptKind = 'person-role' | 'government' | 'armed-group' | 'military-action' | 'group';

export interface LexTerm {
  term: string;
  load: 0 | 1 | 2;
  stem?: boolean;
}

export interface Concept {
  id: string;
  kind: ConceptKind;
  terms: LexTerm[];
  /** Folded words that, right after a term, mean it is not a label ("regime change"). */
  notBefore?: string[];
  /** Folded words that, right before a term, mean it is not a label ("sanctions regime"). */
  notAfter?: string[];
  /** Terms name a class of people (migrants), not one actor: contrast holds without a named referent. */
  classLabel?: boolean;
}

type Loads = Partial<Record<'neutral' | 'mild' | 'strong', string[]>>;

interface LanguageFile {
  language: string;
  labels?: Record<string, Loads>;
  notLabel?: Record<string, { precededBy?: string[]; followedBy?: string[] }>;
  loadedVerbs?: Loads;
  /** Verb lemmas; English ones are matched in every inflection (./morph.ts): "vilify" → vilifies, vilified, vilifying. */
  loadedVerbLemmas?: Loads;
  neutralVerbs?: string[];
  /** Loaded adjectives, adverbs and nouns by category (political labels, evaluative words, intensifiers, ...). */
  loadedWords?: Record<string, Loads>;
  hedges?: string[];
  distancingVerbs?: string[];
  soCalled?: string[];
  personRoles?: string[];
  /** Verbs of speech (and 'according to') before a quote: the quote is someone's words, not the outlet's scare quotes. */
  speechNear?: string[];
  /** Words that attribute a claim ('according to', 'reportedly', 'sources'): the sentence is no flat statement. */
  attribution?: string[];
}

/** What each label concept is; its words are in the language files. */
const CONCEPT_KINDS: Array<{ id: string; kind: ConceptKind; classLabel?: boolean }> = [
  { id: 'leader', kind: 'person-role' },
  { id: 'government', kind: 'government' },
  { id: 'armed-group', kind: 'armed-group' },
  { id: 'military-action', kind: 'military-action' },
  { id: 'migrants', kind: 'group', classLabel: true },
  { id: 'abortion-stance', kind: 'group', classLabel: true },
  { id: 'protesters', kind: 'group' },
];

const LOAD = { neutral: 0, mild: 1, strong: 2 } as const;

function loadFiles(): LanguageFile[] {
  const dir = new URL('./data/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as LanguageFile);
}

const FILES = loadFiles();

function terms(loads: Loads | undefined): LexTerm[] {
  const out: LexTerm[] = [];
  for (const [name, load] of Object.entries(LOAD) as Array<[keyof typeof LOAD, 0 | 1 | 2]>) {
    for (const raw of loads?.[name] ?? []) {
      const stem = raw.endsWith('*');
      out.push({ term: stem ? raw.slice(0, -1) : raw, load, ...(stem ? { stem } : {}) });
    }
  }
  return out;
}

const strings = (pick: (f: LanguageFile) => string[] | undefined): string[] => [...new Set(FILES.flatMap((f) => pick(f) ?? []))];

export const CONCEPTS: Concept[] = CONCEPT_KINDS.map(({ id, kind, classLabel }) => {
  const notBefore = strings((f) => f.notLabel?.[id]?.followedBy);
  const notAfter = strings((f) => f.notLabel?.[id]?.precededBy);
  return {
    id,
    kind,
    terms: FILES.flatMap((f) => terms(f.labels?.[id])),
    ...(notBefore.length ? { notBefore } : {}),
    ...(notAfter.length ? { notAfter } : {}),
    ...(classLabel ? { classLabel } : {}),
  };
});

/** Every inflection of the verb lemmas, as loaded as the lemma. */
function verbForms(lemmas: LexTerm[]): LexTerm[] {
  return lemmas.flatMap((t) => (englishVerbForms(t.term) ?? [t.term]).map((term) => ({ term, load: t.load })));
}

/** Loaded reporting verbs ("slammed" for "criticized", "claimed" for "said"). */
export const LOADED_VERBS: LexTerm[] = FILES.flatMap((f) => [
  ...terms(f.loadedVerbs),
  ...(f.language === 'en' ? verbForms(terms(f.loadedVerbLemmas)) : terms(f.loadedVerbLemmas)),
]);

/** Neutral reporting verbs: what a loaded verb is contrasted with. */
export const NEUTRAL_VERBS: string[] = strings((f) => f.neutralVerbs);

/** Loaded adjectives, adverbs and nouns (single-word framing cues), every category. */
export const LOADED_WORDS: LexTerm[] = withDerivedForms(
  FILES.flatMap((f) => Object.values(f.loadedWords ?? {}).flatMap(terms)),
  FILES.filter((f) => f.language === 'en').flatMap((f) => Object.values(f.loadedWords ?? {}).flatMap(terms)),
);

/** Adds the derived forms of the English loaded words (manner adverbs, plurals, quality nouns), as loaded as the word. */
function withDerivedForms(all: LexTerm[], english: LexTerm[]): LexTerm[] {
  const have = new Set(all.map((t) => t.term.toLowerCase()));
  const out = [...all];
  for (const t of english) {
    const w = t.term.toLowerCase();
    for (const form of [englishAdverb(w), englishPlural(w), ...englishQualityNouns(w)]) {
      if (form && !have.has(form)) {
        have.add(form);
        out.push({ term: form, load: t.load });
      }
    }
  }
  return out;
}

/** Degree words ("massive", "utterly"): the language files' "intensifiers" category, lower-cased. */
export const INTENSIFIERS: Set<string> = new Set(
  FILES.flatMap((f) => terms(f.loadedWords?.intensifiers)).flatMap((t) => {
    const adv = englishAdverb(t.term.toLowerCase());
    return adv ? [t.term.toLowerCase(), adv] : [t.term.toLowerCase()];
  }),
);

/** Hedging expressions: report only when another article states the same thing flatly. */
export const HEDGES: string[] = strings((f) => f.hedges);

/** Distancing phrases introducing a quoted label: "what it calls “...”". */
export const DISTANCING_VERBS: string[] = strings((f) => f.distancingVerbs);

/** "so-called" and its kin, which distance the following words. */
export const SO_CALLED: string[] = strings((f) => f.soCalled);

/** Lower-case role nouns that, before a capitalized name, mark it as a person. */
export const PERSON_ROLES: string[] = strings((f) => f.personRoles);

/** Verbs of speech right before a quote, every language's. */
export const SPEECH_NEAR_WORDS: string[] = strings((f) => f.speechNear);
/** Words that attribute a claim, every language's. */
export const ATTRIBUTION_WORDS: string[] = strings((f) => f.attribution);

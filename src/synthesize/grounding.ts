/**
 * The grounding check: every number, date, proper name and quotation in a
 * synthesized sentence must appear in at least one of the articles it cites,
 * after normalization ("eight" = 8, "Oct. 26" = "October 26", "1,000" = 1000,
 * diacritics folded, quotations exact modulo quote marks and whitespace).
 * A sentence that fails is dropped and the failure logged (stage 'synthesize').
 * Used on everything synthesize/ writes, the language model's output included.
 */
import type { Cited } from '../report.ts';
import type { Logger } from '../util/log.ts';
import { createAnalysisCache, type AnalysisCache } from '../analyze/cache.ts';
import { datesIn, fold, normQuote, numbersIn, quotesIn, squash, isStopword, MONTHS } from './text.ts';

export interface GroundingDoc {
  id: string;
  text: string;
  title?: string | null;
  /** The outlet's name: attribution may name it although its text does not. */
  outlet?: string | null;
}

export type GroundingKind = 'number' | 'date' | 'name' | 'quote';

export interface GroundingIssue {
  kind: GroundingKind;
  value: string;
}

export interface GroundingResult {
  ok: boolean;
  issues: GroundingIssue[];
}

export interface GroundingOptions {
  /** Capitalized words the synthesizer's own templates use ("Sources", "Outlets"): not names. */
  allowWords?: Iterable<string>;
}

/** Sentence connectives a rewrite may start with: capitalized, but not names. */
const CONNECTIVES = new Set(
  (
    'however meanwhile moreover additionally also earlier later separately overall both several many most some ' +
    'further furthermore instead still yet while although though because since despite after before during ' +
    'officials authorities reports sources outlets according'
  ).split(' '),
);

interface DocIndex {
  numbers: Set<string>;
  dates: Set<string>;
  names: Set<string>;
  quoteText: string;
}

/** Hard limit on the text indexed per document. */
const MAX_DOC_CHARS = 400_000;

function nameKey(w: string): string {
  return fold(w).replace(/\./g, '').replace(/'s$/, '');
}

/** Tokens of a text as name keys (case-insensitive, folded, dots dropped). */
function nameTokens(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?/gu) ?? []).map(nameKey).filter(Boolean);
}

export function indexDoc(doc: GroundingDoc): DocIndex {
  const all = [doc.title ?? '', doc.text.slice(0, MAX_DOC_CHARS)].join('\n');
  const names = new Set(nameTokens(all));
  for (const t of nameTokens(doc.outlet ?? '')) names.add(t);
  // hyphenated tokens also count by their parts ("Su-30MK2" grounds "Su-30MK2", "al-Assad" grounds "Assad")
  for (const t of [...names]) if (t.includes('-')) for (const p of t.split('-')) if (p) names.add(p);
  return { numbers: numbersIn(all), dates: datesIn(all), names, quoteText: normQuote(all) };
}

/** Proper-name candidates of a sentence: capitalized tokens and acronyms, minus stopwords and allowed template words. */
export function namesIn(sentence: string, allow: Set<string> = new Set()): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\.?/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) {
    const tok = m[0];
    if (!/^\p{Lu}/u.test(tok)) continue;
    const key = nameKey(tok);
    if (!key || isStopword(key) || allow.has(key) || key in MONTHS) continue;
    out.push(tok.replace(/\.$/, ''));
  }
  return out;
}

/** Numbers stated by a sentence, each with its acceptable canonical forms. */
function numberClaims(sentence: string): string[][] {
  const claims: string[][] = [];
  const t = fold(sentence);
  const re = /(?<![\p{L}\p{N}])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?/gu;
  let m: RegExpExecArray | null;
  let rest = t;
  while ((m = re.exec(t))) {
    const alts = [...numbersIn(m[0])];
    claims.push(alts);
    rest = rest.replace(m[0], ' ');
  }
  // word numbers in what remains
  for (const n of numbersIn(rest.replace(/\d/g, ' '))) claims.push([n]);
  return claims;
}

export function checkGrounding(sentence: string, docs: Array<GroundingDoc | DocIndex>, opts: GroundingOptions = {}): GroundingResult {
  const idx = docs.map((d) => ('quoteText' in d ? d : indexDoc(d)));
  const issues: GroundingIssue[] = [];
  if (idx.length === 0) return { ok: false, issues: [{ kind: 'name', value: '(no cited article)' }] };
  for (const alts of numberClaims(sentence)) {
    if (!idx.some((d) => alts.some((a) => d.numbers.has(a)))) issues.push({ kind: 'number', value: alts[alts.length - 1] ?? '' });
  }
  for (const d of datesIn(sentence)) {
    if (!idx.some((x) => x.dates.has(d))) issues.push({ kind: 'date', value: d });
  }
  const allow = new Set([...(opts.allowWords ?? [])].map(nameKey));
  for (const c of CONNECTIVES) allow.add(c);
  for (const name of namesIn(sentence, allow)) {
    const key = nameKey(name);
    if (!idx.some((x) => x.names.has(key))) issues.push({ kind: 'name', value: name });
  }
  for (const q of quotesIn(sentence)) {
    const nq = normQuote(q);
    if (!nq) continue;
    if (!idx.some((x) => x.quoteText.includes(nq))) issues.push({ kind: 'quote', value: squash(q) });
  }
  return { ok: issues.length === 0, issues };
}

export interface GroundedSet {
  kept: Cited[];
  dropped: Array<{ sentence: Cited; issues: GroundingIssue[] }>;
}

/**
 * Checks each sentence against the articles it cites; keeps those that pass,
 * logs and drops the rest. `source` names who wrote them (e.g. 'extractive', 'llm').
 */
export function groundSentences(
  sentences: Cited[],
  docs: Map<string, GroundingDoc>,
  opts: GroundingOptions & { logger?: Logger; source?: string; storyId?: string; cache?: AnalysisCache } = {},
): GroundedSet {
  // each article's index is built once per story build (and kept across builds with the analysis cache)
  const cache = opts.cache ?? createAnalysisCache();
  const get = (id: string): DocIndex | null => {
    const d = docs.get(id);
    if (!d) return null;
    return cache.memo('grounding-doc', `${d.title ?? ''}\u0000${d.outlet ?? ''}\u0000${d.text}`, () => indexDoc(d));
  };
  const kept: Cited[] = [];
  const dropped: GroundedSet['dropped'] = [];
  for (const s of sentences) {
    const idx = s.articles.map(get).filter((x): x is DocIndex => x !== null);
    const r = checkGrounding(s.text, idx, opts);
    if (r.ok) kept.push(s);
    else {
      dropped.push({ sentence: s, issues: r.issues });
      opts.logger?.warn('ungrounded sentence dropped', {
        stage: 'synthesize',
        code: 'synthesize/ungrounded',
        storyId: opts.storyId,
        source: opts.source ?? 'extractive',
        sentence: s.text.slice(0, 300),
        articles: s.articles,
        issues: r.issues,
      });
    }
  }
  return { kept, dropped };
}

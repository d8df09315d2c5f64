/**
 * Attribution of a claim only one outlet makes: "According to Fox News, the
 * bill …". The outlet's name comes from the article (cleaned of the desk
 * suffixes aggregators add, "CNN (Online News)" → "CNN"); a sentence that
 * already names its outlet is left as it is.
 */
import type { AnalysisArticle } from '../analyze/index.ts';
import { fold, isStopword, squash } from './text.ts';

/** The outlet as a reader names it: without a parenthesized desk label. */
export function outletLabel(outlet: string | null | undefined): string | null {
  const o = squash((outlet ?? '').replace(/\s*\([^)]{1,40}\)\s*/gu, ' '));
  return o.length >= 2 ? o : null;
}

/** The outlets of a set of articles, in order, once each. */
export function outletsOf(ids: string[], byId: Map<string, AnalysisArticle>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const o = outletLabel(byId.get(id)?.outlet);
    if (o && !out.includes(o)) out.push(o);
  }
  return out;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Whether the sentence already names one of the outlets. */
export function namesOutlet(sentence: string, outlets: string[]): boolean {
  const f = fold(sentence);
  return outlets.some((o) => f.includes(fold(o)));
}

/**
 * The sentence's first word lowered when it is an ordinary word ("The bill…", "Declaring…" → "the bill…",
 * "declaring…"); kept when the source writes it capitalized inside a sentence too (a name: "Biden", "President").
 */
function lowerOpening(sentence: string, sourceText: string): string {
  const m = /^(["“«„(]?)(\p{Lu}[\p{Ll}'’-]*)(?=[\s,])/u.exec(sentence);
  if (!m || m[2] === 'I') return sentence;
  // "President Biden", "Republican Sen. Hawley": a title or name run
  if (!isStopword(m[2].toLowerCase()) && /^\s+\p{Lu}/u.test(sentence.slice(m[0].length))) return sentence;
  const w = m[2];
  const midSentence = new RegExp(`[\\p{Ll}\\p{N},;:] +${w.replace(/[-'’]/gu, '.')}(?![\\p{L}])`, 'u');
  if (!isStopword(w.toLowerCase()) && midSentence.test(sourceText.slice(0, 20_000))) return sentence;
  return m[1] + w.toLowerCase() + sentence.slice(m[0].length);
}

/** "According to X, …" for a one-outlet claim; the sentence unchanged when it names X or no outlet is known. */
export function attribute(sentence: string, ids: string[], byId: Map<string, AnalysisArticle>): string {
  const outlets = outletsOf(ids, byId);
  if (outlets.length === 0 || namesOutlet(sentence, outlets)) return sentence;
  const source = byId.get(ids[0] ?? '')?.text ?? '';
  return `According to ${joinNames(outlets)}, ${lowerOpening(sentence, source)}`;
}

/**
 * Framing: how each outlet words the story — labels that differ across
 * articles for the same entity ("dictator" vs "president"), loaded words,
 * distancing quotes, hedges, omissions.
 *
 * The strong signal is contrast across the story's articles: an article that
 * labels a referent in a way the others do not. The lexicon (./lexicon.ts,
 * word lists per language in ./data/) says which side of a contrast is
 * marked, and is the only signal in single-sentence mode (`flagSentence`).
 * Against other articles, every row is set against what they say: a loaded
 * word against another article's clause stating the same claim, a loaded
 * reporting verb against their neutral verb, a hedge or a distancing
 * quotation against the same claim stated plainly (./claims.ts). The rows a
 * reader sees (./rows.ts): one per article, term and referent, never a
 * counterpart equal to the term.
 */
import type { Framing } from '../../report.ts';
import type { AnalysisArticle } from '../article.ts';
import { distancingCues, hasHedge, hedgeCues, wordCues, type Cue } from './cues.ts';
import { findLabels, settleUnresolved, type LabelOcc } from './labels.ts';
import { findOmissions } from './omissions.ts';
import { Registry } from './referents.ts';
import { ATTRIBUTION_WORDS, NEUTRAL_VERBS } from './lexicon.ts';
import { contentWords, escapeRe, fold, inSpans, quoteSpans, splitSentences, termRegex } from './text.ts';
import { claimAround, headAfter, matchingClause, plainUse } from './claims.ts';
import { finishRows, type Scored } from './rows.ts';
import { SentIndex } from './sentindex.ts';
import { createAnalysisCache, type AnalysisCache } from '../cache.ts';

export { flagSentence, type SentenceFlags } from './cues.ts';

export interface FramingContext {
  /** Entities found in the story (canonical name and the surface forms seen), when available. */
  entities?: Array<{ name: string; type: string; aliases?: string[] }>;
}

export interface FramingOptions {
  /** Most items per article (omissions and hedges have their own smaller caps). Default 8. */
  perArticle?: number;
  /** Per-article and per-sentence results of earlier builds (../cache.ts). */
  cache?: AnalysisCache;
}

/** What framing reads from one sentence alone: its content words, cues, whether it hedges, its own voice. */
interface SentenceCues {
  cw: Set<string>;
  cues: ReturnType<typeof wordCues>;
  hedged: boolean;
  loaded: boolean;
  plain: string;
  distancing: ReturnType<typeof distancingCues>;
  hedges: ReturnType<typeof hedgeCues>;
}

function sentenceCues(s: string): SentenceCues {
  const cues = wordCues(s);
  return {
    cw: contentWords(s),
    cues,
    hedged: hasHedge(s),
    loaded: cues.some((c) => c.load >= 2),
    plain: blankQuotes(s),
    distancing: distancingCues(s, true),
    hedges: hedgeCues(s),
  };
}

export const MAX_ARTICLES = 200;

/** A sentence that attributes its claim is not a flat statement. */
const ATTRIBUTED = new RegExp(`(?<![\\p{L}])(?:${ATTRIBUTION_WORDS.map(escapeRe).join('|')})(?![\\p{L}])`, 'iu');
const NEUTRAL_VERB_RES = NEUTRAL_VERBS.map((v) => ({ v, re: termRegex(v) }));

export function analyzeFraming(articles: AnalysisArticle[], ctx: FramingContext = {}, opts: FramingOptions = {}): Framing[] {
  const arts = articles.slice(0, MAX_ARTICLES);
  if (arts.length === 0) return [];
  const ids = new Set(arts.map((a) => a.id));
  const independent = arts.map((a) => !a.duplicateOf || !ids.has(a.duplicateOf));
  const cache = opts.cache ?? createAnalysisCache();
  const docs = arts.map((a) => {
    const text = [a.title ?? '', a.text].filter(Boolean).join('\n');
    const { sentences, folded } = cache.memo('framing-doc', text, () => {
      const ss = splitSentences(text);
      return { sentences: ss, folded: fold(ss.join(' ')) };
    });
    return { id: a.id, sentences, folded };
  });
  const cuesOf = docs.map((d) => d.sentences.map((s) => cache.memo('framing-sentence', s, () => sentenceCues(s))));
  const reg = new Registry(docs, ctx.entities ?? []);
  const items: Scored[] = [];
  let order = 0;
  const add: AddRow = (doc, strength, f) => {
    items.push({ article: arts[doc].id, ...f, strength, order: order++ });
  };

  const allLabelPos = labelRows(reg, docs, independent, add);

  cueRows(docs, cuesOf, independent, allLabelPos, add);

  // 5. omissions
  for (const o of findOmissions(reg, docs, independent, ctx.entities ?? [])) {
    add(o.doc, 2 + 2 * o.share, {
      term: o.term,
      refersTo: o.term.includes(',') ? null : o.term,
      counterparts: o.counterparts,
      kind: 'omission',
      sentence: o.sentence,
    });
  }

  return finishRows(items, opts.perArticle ?? 8);
}

type Doc = { id: string; sentences: string[]; folded: string };
type AddRow = (doc: number, strength: number, f: Omit<Framing, 'article'>) => void;

/** 1. Labels set against what the other independent articles call the same referent; returns the labels' positions. */
function labelRows(reg: Registry, docs: Doc[], independent: boolean[], add: AddRow): Set<string> {
  const occs: LabelOcc[] = [];
  docs.forEach((d, i) => occs.push(...findLabels(reg, i, d.sentences)));
  settleUnresolved(occs);
  const byRef = new Map<string, LabelOcc[]>();
  for (const o of occs) {
    if (!o.refKey) continue;
    const k = `${o.concept.id}\u0000${o.refKey}`;
    const l = byRef.get(k);
    if (l) l.push(o);
    else byRef.set(k, [o]);
  }
  for (const o of occs) {
    if (!independent[o.doc] || o.load === 0 || !o.refKey) continue;
    const others = (byRef.get(`${o.concept.id}\u0000${o.refKey}`) ?? []).filter((x) => x.doc !== o.doc && independent[x.doc]);
    const mentioning = new Set(others.map((x) => x.doc));
    const same = new Set(others.filter((x) => sameTerm(x.term, o.term)).map((x) => x.doc));
    if (mentioning.size > 0 && same.size * 2 >= mentioning.size) continue; // the story's consensus wording
    const counter = others.filter((x) => x.load < o.load && !sameTerm(x.term, o.term));
    const counterDocs = new Set(counter.map((x) => x.doc));
    const contrast = counterDocs.size > 0;
    if (!contrast && o.load < 2) continue;
    // labels for groups and events ("massacre", "mob") need the contrast: alone they are often the standard term
    if (!contrast && (o.concept.kind === 'group' || o.concept.kind === 'military-action')) continue;
    if (o.concept.kind === 'group' && !o.concept.classLabel && o.refKey.startsWith('u:')) continue; // "mob" vs "activists" about who knows whom
    if (!contrast && o.refKey.startsWith('u:')) continue;
    const counterparts = rankSurfaces(counter.map((x) => x.surface));
    const strength = 2 * o.load + (contrast ? 3 + Math.min(counterDocs.size, 4) * 0.5 : 0) + (o.refName ? 1 : 0);
    add(o.doc, strength, { term: o.term, refersTo: o.refName, counterparts, kind: 'label', sentence: o.sentence });
  }

  return new Set(occs.map((o) => `${o.doc}:${o.sent}:${o.start}`));
}

/** 2–4. Distancing quotes, loaded words and hedges, each where another independent article states the claim plainly. */
function cueRows(docs: Doc[], cuesOf: SentenceCues[][], independent: boolean[], allLabelPos: Set<string>, add: AddRow): void {
  /** Each article's text with quotations blanked out: what the outlet says in its own voice. */
  const plainSents = cuesOf.map((d) => d.map((c) => c.plain));
  const ownVoice = plainSents.map((p) => p.join('\n'));
  const foldedOwn = ownVoice.map(fold);
  const othersIndependent = independent.filter(Boolean).length - 1;
  /** Where other independent articles use the quoted words of a distancing cue in their own voice. */
  const plainElsewhere = (term: string, di: number): string[] => {
    const inner = term.match(/[“"«‘„]([^”"»’“]+)[”"»’“]/u)?.[1];
    if (!inner) return [];
    const found: string[] = [];
    const stems = [...contentWords(inner.replace(/-/g, ' '))];
    const need = stems.length <= 2 ? stems.length : Math.ceil((stems.length * 2) / 3);
    docs.forEach((d, j) => {
      if (j === di || !independent[j] || found.length >= 3) return;
      if (stems.filter((st) => foldedOwn[j].includes(st)).length < need) return; // cheap: the words are not in this article
      for (let k = 0; k < d.sentences.length && found.length < 3; k++) {
        const use = plainUse(inner, d.sentences[k], plainSents[j][k]);
        if (use) {
          found.push(use);
          break;
        }
      }
    });
    return found;
  };
  const ownWords = foldedOwn.map((t) => new Set(t.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []));
  const flat = docs.map((d, i) => d.sentences.map((s, k) => ({ doc: i, s, ...cuesOf[i][k] })));
  const all = flat.flat();
  const idxAll = new SentIndex(all);
  const idxNeutral = new SentIndex(all.filter((x) => !x.loaded));
  const idxFlat = new SentIndex(all.filter((x) => !x.hedged && !ATTRIBUTED.test(x.s)));
  const cx: WordCueContext = { docs, independent, allLabelPos, add, idxNeutral, idxAll, ownWords, ownVoice, othersIndependent };
  docs.forEach((d, di) => {
    if (!independent[di]) return;
    d.sentences.forEach((s, si) => {
      for (const c of cuesOf[di][si].distancing) {
        // against the other articles, a distancing quotation is framing only where another article says it plainly
        const plain = othersIndependent > 0 ? plainElsewhere(c.term, di) : [];
        if (othersIndependent > 0 && plain.length === 0) continue;
        add(di, c.load === 2 ? 6 : 4, { term: c.term, refersTo: null, counterparts: plain, kind: 'scare-quotes', sentence: s });
      }
      const { cw, cues } = flat[di][si];
      for (const c of cues) wordCueRow(cx, di, si, s, cw, c);
      for (const h of cuesOf[di][si].hedges) {
        // the hedged claim, against the same claim stated plainly by another article
        const claim = claimAround(s, h.start, h.start + h.term.length);
        const hedgeWords = contentWords(h.term);
        const words = new Set([...contentWords(claim)].filter((w) => !hedgeWords.has(w)));
        const plain = idxFlat
          .above(di, words, 0.5, 3)
          .map((m) => matchingClause(claim, m, hedgeWords))
          .find((x) => x !== null);
        if (!plain) continue;
        add(di, 2, { term: claim, refersTo: null, counterparts: [plain], kind: 'hedge', sentence: s });
      }
    });
  });
}

/** What a word cue is weighed against: the other articles, their own voice, and the sentence indexes. */
interface WordCueContext {
  docs: Doc[];
  independent: boolean[];
  allLabelPos: Set<string>;
  add: AddRow;
  idxNeutral: SentIndex;
  idxAll: SentIndex;
  ownWords: Set<string>[];
  ownVoice: string[];
  othersIndependent: number;
}

/** A loaded word or verb in sentence `si` of article `di`, kept when the other articles tell the same plainly. */
function wordCueRow(cx: WordCueContext, di: number, si: number, s: string, cw: Set<string>, c: Cue): void {
  const { docs, independent, allLabelPos, add, idxNeutral, idxAll, ownWords, ownVoice, othersIndependent } = cx;
  if (c.kind === 'label' || allLabelPos.has(`${di}:${si}:${c.start}`)) return;
  if (c.kind === 'loaded-word' && c.load < 2) return;
  // a loaded adjective or noun counts when another article states the same thing without loaded words
  let parallel: string | null = null;
  if (c.kind === 'loaded-word') {
    // the claim around the word, as another article states it without loaded words
    const words = new Set([...cw].filter((w) => !fold(c.term).startsWith(w)));
    const claim = claimAround(s, c.start, c.start + c.term.length);
    const loadedWords = contentWords(c.term);
    const head = headAfter(s, c.start + c.term.length);
    parallel =
      idxNeutral
        .above(di, words, 0.5, 4)
        .map((m) => matchingClause(claim, m, loadedWords, head))
        .find((x) => x !== null) ?? null;
    if (!parallel) return;
  }
  // the same word in most other articles is the story's wording, not this outlet's
  const re = termRegex(c.term);
  const single = /^[\p{L}\p{N}-]+$/u.test(c.term) ? fold(c.term) : null;
  let others = 0;
  let usedBy = 0;
  for (let j = 0; j < docs.length; j++) {
    if (j === di || !independent[j]) continue;
    others++;
    if (single ? ownWords[j].has(single) : ((re.lastIndex = 0), re.test(ownVoice[j]))) usedBy++;
  }
  if (others > 0 && usedBy * 2 >= others) return;
  const counterparts: string[] = [];
  if (c.kind === 'loaded-verb') {
    const words = new Set([...cw].filter((w) => !fold(c.term).startsWith(w)));
    const seen = new Set<string>();
    for (const match of idxAll.above(di, words, 0.3, 3)) {
      const q = quoteSpans(match);
      for (const { v, re: vr } of NEUTRAL_VERB_RES) {
        vr.lastIndex = 0;
        const m = vr.exec(match);
        if (m !== null && !inSpans(q, m.index) && !seen.has(v)) {
          seen.add(v);
          counterparts.push(v);
        }
      }
    }
    // against other articles, a loaded verb is framing where they report the same statement with a neutral verb
    if (counterparts.length === 0 && (c.load < 2 || othersIndependent > 0)) return;
  }
  if (parallel) counterparts.push(parallel);
  add(di, 2 * c.load + (counterparts.length ? 3 : 0), {
    term: c.term,
    refersTo: null,
    counterparts,
    kind: 'loaded-word',
    sentence: s,
  });
}

function sameTerm(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  return (
    fa === fb || fa.replace(/s$/, '') === fb.replace(/s$/, '') || (fa.length > 5 && fb.length > 5 && fa.slice(0, 6) === fb.slice(0, 6))
  );
}

function rankSurfaces(surfaces: string[]): string[] {
  const counts = new Map<string, { s: string; n: number }>();
  for (const s of surfaces) {
    const k = fold(s);
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { s, n: 1 });
  }
  return [...counts.values()]
    .sort((a, b) => b.n - a.n)
    .map((e) => e.s)
    .slice(0, 6);
}

/** A sentence with its quotations blanked out (same length): what the outlet says in its own voice. */
function blankQuotes(x: string): string {
  let out = x;
  for (const q of quoteSpans(x)) out = out.slice(0, q.start) + ' '.repeat(q.end - q.start) + out.slice(q.end);
  return out;
}

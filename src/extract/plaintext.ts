/**
 * Plain-text articles as people have them: copied from a page with the
 * furniture left in. Finds the headline (or knows there is none), metadata
 * lines (byline, dateline, section label) and drops furniture lines.
 *
 * How it decides, in order:
 *  1. Per-line features (text/lines.ts): shape, script, language, lexicon
 *     hits (text/lexicon.ts), dates; repetition within the document and in
 *     other articles of the outlet (`outletLines`).
 *  2. Individual furniture verdicts from those features (share bars, short
 *     calls to action, ad placeholders, captions, foreign-language lines,
 *     contact/payment lines, repeated short lines).
 *  3. Zones. The body starts at the first "anchor" (a sentence-like line of
 *     some length in the main language). Before it lies the head: headline,
 *     byline, dateline, navigation, logos. After the last long body line, the
 *     first furniture line that is not an ad placeholder opens the tail: from
 *     there on everything is furniture (teasers, promotions, forms).
 *  4. Inside the body only individually detected furniture is dropped; every
 *     other line is kept. Short headline-shaped lines followed by prose are
 *     sub-headings.
 */
import type { DroppedLine, ExtractedArticle, Result, TextBlock } from '../model.ts';
import { fail } from '../model.ts';
import { parseDateline } from './dateline.ts';
import { detectLanguage } from '../text/identify.ts';
import {
  latinEvidenceScore,
  lineInfo,
  lineKey,
  lineLanguage,
  scriptLetters,
  stopwordVotes,
  type LineInfo,
  type Script,
} from './text/lines.ts';
import { promoLine, withoutPromoTail } from './text/promo.ts';
import { BYLINE_AFFILIATIONS, BYLINE_PREFIX, CTA_VERBS, SECTION_LABELS, wordTokens, type CtaKind } from './text/lexicon.ts';

export interface PlainTextOptions {
  now: Date;
  /** Keys (see `lineKey`) of lines seen in other articles of the same outlet. */
  outletLines?: ReadonlySet<string>;
  /** The headline when the input carried it (feed, JSONL): only a line equal to it is taken as the headline. */
  titleHint?: string | null;
}

export const PLAINTEXT_LIMITS = { maxChars: 2_000_000, maxLines: 20_000 } as const;

export { lineKey };

/** Keys of the lines of a raw text, for building `outletLines` from an outlet's earlier articles. */
export function lineKeys(raw: string): string[] {
  return normalize(raw)
    .split('\n')
    .slice(0, PLAINTEXT_LIMITS.maxLines)
    .map(lineKey)
    .filter((k) => k.length > 0);
}

function normalize(raw: string): string {
  return (
    raw
      .replace(/^\uFEFF/u, '')
      .replace(/\r\n?|\u2028|\u2029/gu, '\n')
      // Zero-width space and word joiner go; the zero-width (non-)joiners stay: Persian and Indic words need them.
      .replace(/[\u200B\u2060]/gu, '')
      .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, ' ')
  );
}

/** Furniture that opens the tail block of a page (widgets like share bars and ad slots also sit inside bodies). */
const TAIL_OPENERS = new Set<string>([
  'related',
  'subscribe',
  'comment',
  'donate',
  'app',
  'legal',
  'thanks',
  'foreign',
  'contact',
  'teaser',
  'label',
  'credits',
]);

type Verdict = {
  reason: string;
  kind:
    | CtaKind
    | 'foreign'
    | 'contact'
    | 'repeated'
    | 'outlet'
    | 'caption'
    | 'nav'
    | 'teaser'
    | 'head'
    | 'tail'
    | 'byline'
    | 'dateline'
    | 'label'
    | 'credits';
};

interface Ctx {
  lines: LineInfo[];
  mainScript: Script;
  mainLang: string | null;
  counts: Map<string, number>;
  outletLines: ReadonlySet<string> | undefined;
  /** Memo of `foreign` per line index (language detection is the costly part). */
  foreignMemo: Map<number, boolean>;
}

/** The verdicts on each line: null for a line still taken as article text. */
type Verdicts = (Verdict | null)[];

const isProseLine = (l: LineInfo, verdicts: Verdicts, ctx: Ctx): boolean => verdicts[l.i] === null && prose(l, ctx);

/** The head's metadata read from its lines. */
interface HeadFacts {
  byline: string | null;
  section: string | null;
  published: string | null;
  publishedEvidence: string | null;
}

/** The text's non-empty lines with their features; a failure when the text is too large or empty. */
function readLines(raw: string, now: Date): Result<LineInfo[]> {
  if (raw.length > PLAINTEXT_LIMITS.maxChars) return fail('extract/too-large', `text longer than ${PLAINTEXT_LIMITS.maxChars} characters`);
  const all = normalize(raw).split('\n');
  if (all.length > PLAINTEXT_LIMITS.maxLines) return fail('extract/too-large', `more than ${PLAINTEXT_LIMITS.maxLines} lines`);
  const lines: LineInfo[] = [];
  all.forEach((l, idx) => {
    const text = l.replace(/ {2,}/g, ' ').trim();
    if (text) lines.push(lineInfo(lines.length, idx + 1, text, now));
  });
  if (lines.length === 0) return fail('extract/no-article', 'no text');
  return { ok: true, value: lines };
}

/** Body start: the first anchor line (-1: none). */
function bodyStart(lines: LineInfo[], verdicts: Verdicts, ctx: Ctx): number {
  let first = lines.findIndex((l) => isProseLine(l, verdicts, ctx) && l.words >= 12);
  if (first < 0) first = lines.findIndex((l) => isProseLine(l, verdicts, ctx));
  if (first < 0) first = lines.findIndex((l, k) => verdicts[k] === null && l.words >= 3 && !(l.date?.wholeLine ?? false));
  return first;
}

/** Headline: the line equal to the hint, else the first headline-shaped line of five words or more, else the longest of three or more. */
function pickHeadline(
  lines: LineInfo[],
  first: number,
  verdicts: Verdicts,
  ctx: Ctx,
  titleHint: string | null | undefined,
): LineInfo | null {
  if (titleHint) {
    const hint = lineKey(titleHint);
    return lines.slice(0, Math.max(first, 5)).find((l) => l.key === hint) ?? null;
  }
  // A headline pasted twice (breadcrumb and page title) is "repeated": its first copy is still the headline.
  const seen = new Set<string>();
  const candidates = lines.slice(0, first).filter((l) => {
    const v = verdicts[l.i];
    const firstCopy = v?.kind === 'repeated' && !seen.has(l.key);
    seen.add(l.key);
    return (!v || firstCopy) && !l.date?.wholeLine && headlineShaped(l, ctx) && !bylineParts(l.text);
  });
  const title = candidates.find((l) => l.words >= 5) ?? null;
  if (!title && candidates.length) return candidates.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return title;
}

/** Head zone: byline and dateline read; the rest of it is furniture unless it reads as prose. */
function readHead(head: LineInfo[], title: LineInfo | null, verdicts: Verdicts, ctx: Ctx, titleHint: string | null | undefined): HeadFacts {
  const runs = labelRuns(head, verdicts);
  const facts: HeadFacts = { byline: null, section: null, published: null, publishedEvidence: null };
  for (const l of head) {
    if (l === title) continue;
    if (!facts.published && l.date?.wholeLine) {
      facts.published = l.date.date;
      facts.publishedEvidence = l.date.evidence;
      verdicts[l.i] = { reason: 'dateline', kind: 'dateline' };
      continue;
    }
    const v = verdicts[l.i];
    if (facts.byline === null && (!v || v.kind === 'foreign' || (v.kind === 'nav' && BYLINE_PREFIX.test(l.text)))) {
      const nearTitle = title !== null && Math.abs(l.i - title.i) <= 2;
      const b = bylineParts(l.text, nearTitle);
      if (b && (b.prefixed || !runs.has(l.i))) {
        facts.byline = b.name;
        facts.section = b.section;
        verdicts[l.i] = { reason: 'byline', kind: 'byline' };
        if (!facts.published && l.date) {
          facts.published = l.date.date;
          facts.publishedEvidence = l.date.evidence;
        }
        continue;
      }
    }
    // A standfirst after the headline reads like one but is longer: it is article text.
    const dek = (title !== null ? l.i > title.i : Boolean(titleHint)) && l.words >= 8 && headlineShaped(l, ctx) && !runs.has(l.i);
    // Short sentences after the headline ("Inflation doesn't matter.", "How much longer?") are body too.
    const shortSentence =
      l.terminal &&
      !l.ellipsis &&
      l.words >= 3 &&
      (l.address === 0 || /^["“«„]/u.test(l.text)) &&
      l.script === ctx.mainScript &&
      !foreign(l, ctx) &&
      (!title || l.i > title.i);
    if (!verdicts[l.i] && !prose(l, ctx) && !dek && !shortSentence)
      verdicts[l.i] = { reason: runs.has(l.i) ? 'navigation labels' : 'head furniture', kind: 'head' };
  }
  return facts;
}

/** Tail: the index of the first non-ad furniture line after which no long body line follows (lines.length: none). */
function tailStart(lines: LineInfo[], first: number, verdicts: Verdicts, ctx: Ctx): number {
  const isLong = (l: LineInfo): boolean => isProseLine(l, verdicts, ctx) && !l.ellipsis && (l.words >= 20 || l.text.length >= 120);
  const isSentence = (l: LineInfo): boolean =>
    verdicts[l.i] === null && l.terminal && !l.ellipsis && l.words >= 3 && l.script === ctx.mainScript && !foreign(l, ctx);
  let lastLong = -1;
  for (const l of lines) if (l.i >= first && isLong(l)) lastLong = l.i;
  // The tail must be mostly not prose: a "read also" line inside a body of short paragraphs opens nothing.
  // Suffix tallies: sentence lines after k, and whether two sentence lines in a row follow k.
  const sentence = lines.map(isSentence);
  const sentencesAfter = new Array<number>(lines.length + 1).fill(0);
  const runningAfter = new Array<boolean>(lines.length + 1).fill(false);
  for (let k = lines.length - 1; k >= 0; k--) {
    sentencesAfter[k] = sentencesAfter[k + 1] + (k + 1 < lines.length && sentence[k + 1] ? 1 : 0);
    runningAfter[k] = runningAfter[k + 1] || (k + 2 < lines.length && sentence[k + 1] && sentence[k + 2]);
  }
  for (let k = Math.max(first, lastLong + 1); k < lines.length; k++) {
    const v = verdicts[k];
    // A bare label ("Tags:", "Topics:") can open the tail too, when what follows is not prose.
    const label = !v && lines[k].endsColon && lines[k].words <= 3;
    if (!label && !(v && TAIL_OPENERS.has(v.kind))) continue;
    // …and running prose (two sentence lines in a row) after it means the body goes on.
    const proseAfter = sentencesAfter[k];
    if (!runningAfter[k] && (label ? proseAfter === 0 : proseAfter <= lines.length - k - 1 - proseAfter)) return k;
  }
  return lines.length;
}

/** Teasers: headline-shaped lines right after a "read also" label. */
function markTeasers(lines: LineInfo[], first: number, cut: number, verdicts: Verdicts): void {
  for (let k = first; k < cut; k++) {
    const v = verdicts[k];
    if (!v || v.kind !== 'related' || !(lines[k].endsColon || lines[k].words <= 4)) continue;
    for (let j = k + 1; j < Math.min(cut, k + 4); j++) {
      const t = lines[j];
      if (verdicts[j]) continue;
      if (t.terminal && !t.ellipsis) break;
      verdicts[j] = { reason: 'teaser', kind: 'teaser' };
    }
  }
}

/** No dateline in the head: a dated lede ("SANTIAGO, March 2 (Reuters) - …"), else a dateline left in the tail. */
function dateOutsideHead(lines: LineInfo[], first: number, cut: number, now: Date): { date: string; evidence: string } | null {
  const lede = LEDE_DATELINE.exec(lines[first].text);
  const m = lede ? parseDateline(lede[1], now) : null;
  if (m) return { date: m.date, evidence: 'lede-' + m.evidence };
  const tailDate = lines.find((l) => l.i >= cut && l.date?.wholeLine);
  return tailDate?.date ? { date: tailDate.date.date, evidence: tailDate.date.evidence } : null;
}

export function extractPlainText(raw: string, opts: PlainTextOptions): Result<ExtractedArticle> {
  const read = readLines(raw, opts.now);
  if (!read.ok) return read;
  const lines = read.value;
  const ctx = context(lines, opts.outletLines);
  const verdicts: Verdicts = lines.map((l) => individual(l, ctx));
  const first = bodyStart(lines, verdicts, ctx);
  if (first < 0) return fail('extract/no-article', 'no body text');
  const title = pickHeadline(lines, first, verdicts, ctx, opts.titleHint);
  const head = readHead(lines.slice(0, first), title, verdicts, ctx, opts.titleHint);
  const cut = tailStart(lines, first, verdicts, ctx);
  for (let k = cut; k < lines.length; k++) verdicts[k] ??= { reason: 'tail furniture', kind: 'tail' };
  markTeasers(lines, first, cut, verdicts);
  const outside = head.published ? null : dateOutsideHead(lines, first, cut, opts.now);

  // Body blocks.
  const blocks: TextBlock[] = [];
  const dropped: DroppedLine[] = [];
  for (const l of lines) {
    const v = verdicts[l.i];
    if (l === title) continue;
    if (v) dropped.push({ line: l.n, text: l.text, reason: v.reason });
    else blocks.push({ kind: l.bullet ? 'list-item' : 'paragraph', text: withoutPromoTail(l.text) });
  }
  markHeadings(lines, verdicts, title, first, blocks, ctx);
  if (blocks.length === 0) return fail('extract/no-article', 'no body text');
  return {
    ok: true,
    value: {
      title: title?.text ?? null,
      byline: head.byline,
      section: head.section,
      published: head.published ?? outside?.date ?? null,
      publishedEvidence: head.published ? head.publishedEvidence : (outside?.evidence ?? null),
      language: ctx.mainLang,
      siteName: null,
      text: blocks.map((b) => b.text).join('\n\n'),
      blocks,
      furnitureLanguage: furnitureLanguage(lines, verdicts, ctx),
      dropped,
    },
  };
}

function context(lines: LineInfo[], outletLines: ReadonlySet<string> | undefined): Ctx {
  const long = lines.filter((l) => l.words >= 8);
  const sample = (long.length ? long : lines)
    .map((l) => l.text)
    .join('\n')
    .slice(0, 20_000);
  const scripts = new Map<Script, number>();
  for (const s of ['latin', 'cyrillic', 'arabic', 'greek', 'hebrew', 'cjk', 'devanagari'] as Script[])
    scripts.set(s, scriptLetters(sample, s));
  let mainScript: Script = 'none';
  let best = 0;
  for (const [s, n] of scripts) if (n > best) [mainScript, best] = [s, n];
  const mainSample = (long.length ? long : lines)
    .filter((l) => l.script === mainScript)
    .map((l) => l.text)
    .join('\n')
    .slice(0, 20_000);
  const mainLang = detectLanguage(mainSample) ?? lineLanguage(mainSample, mainScript);
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = l.key;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { lines, mainScript, mainLang, counts, outletLines, foreignMemo: new Map() };
}

/** The start of a line, where its language is read (bounded work on a megabyte-long line). */
function head(l: LineInfo): string {
  return l.text.length > 2000 ? l.text.slice(0, 2000) : l.text;
}

/** Whether a Latin-script line is in another language than the article's. */
function foreignLatin(l: LineInfo, ctx: Ctx): boolean {
  if (!ctx.mainLang || l.script !== ctx.mainScript || l.words === 0) return false;
  const votes = stopwordVotes(l.tokens);
  const mainVotes = votes.get(ctx.mainLang) ?? 0;
  if (l.words >= 12) {
    // Long lines: another language's function words must dominate, the main language's be nearly absent.
    let v = 0;
    for (const [lang, n] of votes) if (lang !== ctx.mainLang && n > v) v = n;
    return v >= 3 && v >= 2 * mainVotes && lineLanguage(head(l), l.script) !== ctx.mainLang;
  }
  const lang = lineLanguage(head(l), l.script);
  if (!lang || lang === ctx.mainLang) return false;
  // Short lines: two function words of the other language, or its telltale letters, and none of the main one.
  return mainVotes === 0 && latinEvidenceScore(head(l), lang) >= 2;
}

function foreign(l: LineInfo, ctx: Ctx): boolean {
  if (l.script !== 'none' && l.script !== ctx.mainScript) return true;
  let f = ctx.foreignMemo.get(l.i);
  if (f === undefined) {
    f = foreignLatin(l, ctx);
    ctx.foreignMemo.set(l.i, f);
  }
  return f;
}

/** A sentence-like line in the article's language. */
function prose(l: LineInfo, ctx: Ctx): boolean {
  return (l.terminal || l.endsColon) && l.words >= 6 && l.script === ctx.mainScript && !foreign(l, ctx) && !(l.date?.wholeLine ?? false);
}

/**
 * E-mail addresses, "[email protected]", card-like numbers, bare URLs and domains, also as tokenized text writes a
 * URL ("http: / / www. example. com / 2013 / may", spaces around its punctuation: NLP corpora and some copied
 * pages). Linear time: an address starts only where a run of address characters starts (the lookbehind), so a long
 * run without "@" is scanned once, not once per character; the bracket text is bounded; each part of a spaced host
 * must take a dot.
 */
const CONTACT = new RegExp(
  [
    String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+`,
    String.raw`\[email[^\]]{0,80}\]`,
    String.raw`\b(?:\d{4}[ -]){3}\d{4}\b`,
    String.raw`^(?:https?:\/\/|www\.)\S+$`,
    String.raw`^(?:[\w-]+\.)+[a-z]{2,12}(?:\/\S*)?$`,
    String.raw`^https? ?: ?\/ ?\/ ?[\w-]+(?: ?\. ?[\w-]+)+(?: ?\/.*)?$`,
  ].join('|'),
  'iu',
);
const CREDITS = new RegExp(
  [
    String.raw`^(?:source|sources|fuente|fonte|quelle|источник|джерело|kaynak|źródło|المصدر)\s*:\s*[^.]{2,60}$`,
    String.raw`^\(?\s*(?:(?:additional )?reporting|writing|editing|edited|compiled|produced|graphics|research|translated|translation) by\b`,
    String.raw`^(?:con información de|mit material von|avec \p{Lu}+$|com informações d[aeo]s?)\b`,
  ].join('|'),
  'iu',
);
const PHOTO_CREDIT = new RegExp(
  [
    String.raw`(?:^|[.\s])(?:photograph|photo|image|picture|pictures|foto|fotó|credit|illustration|фото)\s*:\s*[^.:]{2,80}$`,
    String.raw`\((?:photo|image|picture|foto)s? (?:by|credit|de|von|par)\b[^)]{2,80}\)$`,
  ].join('|'),
  'iu',
);
/** "… REUTERS/Jane Doe", "… AFP/Getty Images": an agency photo credit closing a caption. */
const AGENCY_CREDIT = /(?:^|[.\s(])\p{Lu}{2,}(?:\s\p{Lu}{2,})?\/\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\)?$/u;
/** "CITY, Month Day (Agency) -": the date of a wire lede. */
const LEDE_DATELINE = /^\p{Lu}[\p{Lu}\p{L} .'’-]{1,40},\s+([^()]{3,30}?)\s*\([^)]{2,40}\)\s*[-–—]/u;
const NAV_SEPARATORS = /\s(?:\/|›|»|>|\||·)\s/u;

/** The verdict a line gets on its own, before zones are known. Null = no evidence of furniture. */
function individual(l: LineInfo, ctx: Ctx): Verdict | null {
  const kinds = new Set(l.cta.map((h) => h.kind));
  const quoteLike = l.terminal && /^["“«„'‘]/u.test(l.text);
  // Share bars: nothing but share words and network names.
  if (l.cta.length > 0 && l.ctaCover >= 0.99 && [...kinds].every((k) => k === 'share') && l.words <= 10)
    return { reason: 'share bar', kind: 'share' };
  if (/\(@\w{2,}\)|pic\.twitter\.com/u.test(l.text) && l.words <= 40) return { reason: 'embedded post', kind: 'share' };
  if (/(?:^|\s)@\w{2,}\s*$/u.test(l.text) && l.words <= 6 && !l.terminal) return { reason: 'social handle', kind: 'share' };
  if (CONTACT.test(l.text) && l.words <= 25) return { reason: 'contact or payment line', kind: 'contact' };
  if (/^(?:©|\(c\)|copyright\b)/iu.test(l.text) || (/©/u.test(l.text) && l.words <= 12)) return { reason: 'copyright', kind: 'legal' };
  // Credit lines: "Reporting by …; Editing by …".
  if (CREDITS.test(l.text) && l.words <= 30) return { reason: 'credits', kind: 'credits' };
  // Photo credits closing a caption: "… Photograph: Name/Agency".
  if ((PHOTO_CREDIT.test(l.text) || AGENCY_CREDIT.test(l.text)) && l.words <= 40) return { reason: 'image caption', kind: 'caption' };
  // Captions: "Image: …", "Photo: …".
  if (l.cta.length > 0 && l.cta[0].kind === 'media' && l.cta[0].at === 0 && /^[^:,]{1,20}[:,]/u.test(l.text))
    return { reason: 'image caption', kind: 'caption' };
  // Calls to action. Weak words count only on tiny lines, as a label ("Watch: …") or when lexicon words fill the line.
  const labelColon = /^[^:|]{1,30}[:|]/u.test(l.text);
  // "We", "you", "our" inside a quotation are someone speaking, not the page addressing its reader.
  const address = /["“”«»„]/u.test(l.text) ? 0 : l.address;
  // An imperative opening a button-like line ("Open the app for the full story") makes any later lexicon word count.
  const imperative = l.tokens.length > 1 && CTA_VERBS.has(l.tokens[0]) && !l.terminal && l.words <= 12;
  // A truncated fragment ("The search and...") is not a button.
  const hits = l.cta.filter(
    (h) =>
      !h.weak ||
      (!l.ellipsis &&
        ((l.words <= 3 && !l.terminal) || l.ctaCover >= 0.5 || (imperative && h.at > 0) || (h.at === 0 && (labelColon || address > 0)))),
  );
  if (hits.length > 0 && !quoteLike) {
    const kind = hits[0].kind;
    const hitKinds = new Set(hits.map((h) => h.kind));
    const atStart = hits.some((h) => h.at === 0);
    if (l.words <= 6) return { reason: `call to action (${kind})`, kind };
    if (l.words <= 15) {
      if (
        (atStart && (labelColon || address > 0 || l.ctaCover >= 0.25)) ||
        (imperative && hits.some((h) => h.at > 0)) ||
        (address > 0 && l.ctaCover >= 0.15) ||
        (hitKinds.size >= 2 && address > 0)
      ) {
        return { reason: `call to action (${kind})`, kind };
      }
    } else if ((hitKinds.size >= 2 && address >= 2) || address >= 3) {
      return { reason: `reader prompt (${[...hitKinds].join(', ')})`, kind };
    }
  }
  // Outlet promotions in any language: read-also labels, calls to subscribe/follow/download, credit labels.
  const promo = promoLine(l.text);
  if (promo) return { reason: `promotion (${promo})`, kind: promo };
  // Breadcrumbs: "Home / World / Europe".
  if (NAV_SEPARATORS.test(l.text) && !l.terminal && l.text.split(NAV_SEPARATORS).every((p) => wordTokens(p).length <= 3))
    return { reason: 'breadcrumb', kind: 'nav' };
  // A quotation in another language is reported speech, not furniture.
  if (foreign(l, ctx) && !quoteLike && !(l.words >= 12 && l.script === ctx.mainScript))
    return { reason: `line in another language (${lineLanguage(head(l), l.script) ?? l.script})`, kind: 'foreign' };
  if (foreign(l, ctx) && !quoteLike)
    return { reason: `paragraph in another language (${lineLanguage(head(l), l.script) ?? l.script})`, kind: 'foreign' };
  const key = l.key;
  if ((ctx.counts.get(key) ?? 0) >= 2 && l.words <= 12 && !(l.terminal && l.words >= 6))
    return { reason: 'repeated line', kind: 'repeated' };
  // A long sentence the outlet repeats across stories is its furniture only when it speaks to the reader or
  // carries furniture wording (a background sentence repeated in every article on a topic is article text).
  if (ctx.outletLines?.has(key) && (!(l.terminal && l.words >= 12) || address > 0 || l.cta.some((h) => !h.weak))) {
    return { reason: 'seen in other articles of the outlet', kind: 'outlet' };
  }
  // Media labels: "Top Image", "Site Logo".
  if (kinds.has('media') && l.words <= 5 && !l.terminal) return { reason: 'media label', kind: 'media' };
  return null;
}

/** Could be a headline: a few words, no sentence-final period, in the article's script and language. */
function headlineShaped(l: LineInfo, ctx: Ctx): boolean {
  if (l.words < 3 || l.text.length > 250 || l.endsColon || l.bullet) return false;
  if (/[.…]["'”’»)]*$/u.test(l.text) && !/\b[A-Z]\.$/u.test(l.text)) return false;
  return l.script === ctx.mainScript && !foreign(l, ctx);
}

/** Head-zone lines that belong to a run of three or more short label lines (section navigation). */
function labelRuns(head: LineInfo[], verdicts: (Verdict | null)[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) for (const k of run) out.add(k);
    run = [];
  };
  for (const l of head) {
    const label =
      !verdicts[l.i] && l.words >= 1 && l.words <= 6 && !l.terminal && !(l.date?.wholeLine ?? false) && !BYLINE_PREFIX.test(l.text);
    if (label) run.push(l.i);
    else flush();
  }
  flush();
  return out;
}

/** "… in Amsterdam", "… en Madrid", "… à Paris", "… aus Berlin", "… в Москве": where the reporter filed from. */
const LOCATION_TAIL = /\s+(?:in|en|à|a|aus|in|from|em|w|z|из|в|у|від)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}$/u;
const PARTICLES = new Set([
  'de',
  'da',
  'del',
  'della',
  'di',
  'do',
  'dos',
  'das',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
  'el',
  'la',
  'le',
  'y',
  'e',
  'du',
]);

type BylineParts = { name: string; section: string | null; prefixed: boolean };

/** "By Jane Doe", "Von Max Muster | Politik": the name after the prefix, and a short section beside it. */
function prefixedByline(t: string, pm: RegExpExecArray): BylineParts | null {
  const rest = t.slice(pm[0].length).replace(LOCATION_TAIL, '');
  const [namePart, ...others] = rest.split(/\s*(?:\||•|·|—|–|\s-\s|,|;|\/)\s*/u);
  const words = namePart.split(/\s+/u).filter(Boolean);
  if (
    words.length < 1 ||
    words.length > 6 ||
    !words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w) || /^(?:and|y|et|und|e|i|и|ve)$/u.test(w))
  )
    return null;
  if (others.some((o) => wordTokens(o).length > 4)) return null;
  // Dates and reading times next to the name are not a section.
  const sec = others
    .filter((o) => !/\d/u.test(o))
    .join(' ')
    .trim();
  if (wordTokens(sec).length > 4) return null;
  return { name: namePart.trim(), section: sec || null, prefixed: true };
}

/** "Jane Doe, Reuters", "Jane Doe | Senior correspondent", "Jane Doe · 5 min read" (parts: 2 to 4). */
function nameWithLabels(parts: string[]): BylineParts | null {
  const name = bylineParts(parts[0]);
  const label = (p: string): string => wordTokens(p).join(' ');
  const meta = (p: string): boolean =>
    SECTION_LABELS.has(label(p)) || BYLINE_AFFILIATIONS.has(label(p)) || (/\d/u.test(p) && wordTokens(p).length <= 4);
  if (!name || name.prefixed || name.section !== null || !parts.slice(1).every(meta)) return null;
  const sec = parts
    .slice(1)
    .filter((p) => !/\d/u.test(p))
    .join(', ');
  return { name: name.name, section: sec || null, prefixed: false };
}

const scriptOfWord = (w: string): string =>
  /\p{Script=Cyrillic}/u.test(w) ? 'cyr' : /\p{Script=Arabic}/u.test(w) ? 'ara' : /\p{Script=Greek}/u.test(w) ? 'gre' : 'lat';
const isNameWord = (w: string): boolean => /^\p{Lu}[\p{L}\p{M}'’-]*\p{L}$/u.test(w) && w !== w.toUpperCase();
const asLabel = (ws: string[]): string => wordTokens(ws.join(' ')).join(' ');

/** A bare name of two to four capitalized words in one script, perhaps followed by a section label. */
function bareName(t: string, nearTitle: boolean): BylineParts | null {
  if (/[.!?:;"“”«»()]/u.test(t) || /\d{3,}/u.test(t)) return null;
  const words = t.replace(LOCATION_TAIL, '').split(/\s+/u);
  if (words.length < 2 || words.length > 8) return null;
  const s0 = scriptOfWord(words[0]);
  let k = 0;
  while (
    k < words.length &&
    k < 4 &&
    scriptOfWord(words[k]) === s0 &&
    (isNameWord(words[k]) || (k > 0 && PARTICLES.has(words[k]) && k + 1 < words.length && isNameWord(words[k + 1])))
  )
    k++;
  if (k < 2) return null;
  if (SECTION_LABELS.has(asLabel(words))) return null;
  const rest = words.slice(k);
  if (rest.length > 0) {
    const scriptSwitch = scriptOfWord(rest[0]) !== s0;
    if (SECTION_LABELS.has(asLabel(rest)) || (scriptSwitch && rest.length <= 4))
      return { name: words.slice(0, k).join(' '), section: rest.join(' '), prefixed: false };
    if (nearTitle && k <= 3 && rest.length <= 3 && /^\p{Lu}/u.test(rest[0]))
      return { name: words.slice(0, k).join(' '), section: rest.join(' '), prefixed: false };
    return null;
  }
  // All capitalized: the longest tail that is a known section label is the section.
  for (let s = 2; s < k; s++) {
    if (SECTION_LABELS.has(asLabel(words.slice(s))))
      return { name: words.slice(0, s).join(' '), section: words.slice(s).join(' '), prefixed: false };
  }
  if (k > 3) return null;
  return { name: words.join(' '), section: null, prefixed: false };
}

/**
 * A byline line split into a person's name and an optional section label, or null.
 * `nearTitle`: the caller knows the line sits next to the headline, which allows weaker shapes
 * (names in scripts without letter case, an unknown capitalized section after the name).
 */
export function bylineParts(text: string, nearTitle = false): BylineParts | null {
  const t = text.trim();
  // Scripts without letter case (Arabic, Hebrew, CJK…): a two- or three-word line.
  if (nearTitle && !/[\p{Lu}\p{Ll}]/u.test(t) && /^\p{L}+(?:\s\p{L}+){1,2}$/u.test(t)) return { name: t, section: null, prefixed: false };
  if (t.length > 120) return null;
  const pm = BYLINE_PREFIX.exec(t);
  if (pm) return prefixedByline(t, pm);
  // Several authors: "Jane Doe and John Smith", "Ana Costa, Luís Pereira e Rui Sá".
  const authors = t.split(/\s*,\s*|\s+(?:and|y|e|et|und|i|и|і|ve|&)\s+/u);
  if (authors.length >= 2 && authors.length <= 4 && /\s(?:and|y|e|et|und|i|и|і|ve|&)\s/u.test(t)) {
    const each = authors.map((a) => bylineParts(a));
    if (each.every((b) => b && !b.prefixed && b.section === null)) return { name: t, section: null, prefixed: false };
  }
  const parts = t.split(/\s*(?:\||•|·|—|–|,)\s*/u).filter(Boolean);
  if (parts.length >= 2 && parts.length <= 4) return nameWithLabels(parts);
  return bareName(t, nearTitle);
}

/** Short headline-shaped body lines followed by prose become 'heading' blocks. */
function markHeadings(
  lines: LineInfo[],
  verdicts: (Verdict | null)[],
  title: LineInfo | null,
  first: number,
  blocks: TextBlock[],
  ctx: Ctx,
): void {
  const kept = lines.filter((l) => !verdicts[l.i] && l !== title);
  for (let k = 0; k < kept.length - 1; k++) {
    const l = kept[k];
    const next = kept[k + 1];
    const question = /\?["'”’»]?$/u.test(l.text) && l.words <= 10;
    if (l.i <= first || (l.terminal && !question) || l.endsColon || l.bullet || /[,;]$/u.test(l.text)) continue;
    if (l.words < 1 || l.words > 14 || l.text.length > 120 || l.script !== ctx.mainScript) continue;
    if (!prose(next, ctx)) continue;
    const b = blocks[k];
    if (b && b.text === l.text) b.kind = 'heading';
  }
}

/** The language of the dropped furniture when it differs from the body's. */
function furnitureLanguage(lines: LineInfo[], verdicts: (Verdict | null)[], ctx: Ctx): string | null {
  const weight = new Map<string, number>();
  const add = (lang: string | null, w: number): void => {
    if (!lang || lang === ctx.mainLang) return;
    weight.set(lang, (weight.get(lang) ?? 0) + w);
  };
  for (const l of lines) {
    if (!verdicts[l.i]) continue;
    const text = head(l);
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (letters === 0) continue;
    if (l.script !== 'latin' && l.script !== 'none' && l.script !== ctx.mainScript) {
      add(lineLanguage(text, l.script), letters);
      continue;
    }
    const tagged = l.cta.filter((h) => h.lang);
    // Lexicon phrases carry their language; network names (no language) neither help nor hinder.
    if (tagged.length > 0 && l.ctaCover >= 0.5) {
      const langs = new Set(tagged.map((h) => h.lang));
      // A phrase shared by several languages tells nothing unless the line's own language agrees.
      if (langs.size === 1) {
        add([...langs][0], letters);
        continue;
      }
    }
    const lang = l.words >= 2 ? lineLanguage(text, l.script) : null;
    if (lang && latinEvidenceScore(text, lang) >= 2) add(lang, letters);
  }
  let best: string | null = null;
  let bestW = 0;
  for (const [lang, w] of weight) if (w > bestW) [best, bestW] = [lang, w];
  return bestW >= 5 ? best : null;
}

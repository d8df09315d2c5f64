/**
 * The furniture filter over the blocks read out of a page's content (content.ts) or by another extractor: link
 * lists, share bars, notices, credits and captions, datelines and bylines, "related articles" sections and what
 * follows the end of the article. The wording is data, word lists per language: data/furniture/*.json
 * (furniture-words.ts) and the related-content headings (related.ts).
 */
import type { TextBlock } from '../../model.ts';
import { furniturePatterns } from './furniture-words.ts';
import { RELATED_HEADING } from './related.ts';

export interface RawBlock extends TextBlock {
  link: number;
  tag: string;
  /** 0 before the densest container, 1 inside it, 2 after it. */
  region?: number;
}

export interface ContentResult {
  blocks: TextBlock[];
  /** A bare byline line ("By Jane Doe") found at the top of the body and dropped from it. */
  bylineLine: string | null;
}

/** A label and a teaser title after it in one block ("Read also: Port upgrade to finish by 2027"): three words after the colon. */
const INLINE_TEASER = /:\s*\S+\s+\S+\s+\S+/u;

const DATE_OR_TIME =
  /\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}\.?\s+\p{L}{3,}\.?(?:\s+\d{4})?\b/u;
const NUMERIC_DATE = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b/;

function isDateLine(t: string): boolean {
  const { dateWords, monthAbbreviation } = furniturePatterns();
  if (t.length > 60 || !DATE_OR_TIME.test(t)) return false;
  const words = t
    .replace(/[\d:./,\-–|()•·]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length > 4 || !words.every((w) => dateWords.test(w))) return false;
  // "12 Mai", not "20,2 Mio." or "15 – 30 Min": without a numeric date, time or year, a word must name a month or day.
  return NUMERIC_DATE.test(t) || words.some((w) => w.length > 3 || monthAbbreviation.test(w));
}

/**
 * The same furniture filter over blocks read by another extractor (the Readability
 * fallback), given each block's text and the length of its link text.
 */
export function filterForeignBlocks(blocks: readonly (TextBlock & { link: number })[]): TextBlock[] {
  return filterBlocks(blocks.map((b) => ({ kind: b.kind, text: b.text, link: b.link, tag: '' }))).blocks;
}

/** An app advertisement ("Download our app for iOS and Android"), from its first sentence on. */
function isAppAdvert(b: TextBlock): boolean {
  // One closing a paragraph of article text is cut off later, with the paragraph kept.
  const lead = b.text.length < 200 ? b.text.split(/(?<=[.!?])\s+/u)[0] : '';
  const { appCall, appOwner } = furniturePatterns();
  return !!lead && b.kind !== 'heading' && appCall.test(lead) && appOwner.test(lead);
}

/** A block that is furniture on its own: links, share and notice lines, dates, credits, captions, labels. */
function isFurnitureBlock(b: RawBlock): boolean {
  const P = furniturePatterns();
  const len = b.text.length;
  const ld = b.link / Math.max(1, len);
  if (ld > 0.5 && (b.kind === 'list-item' || len < 200)) return true;
  if (ld > 0.8) return true;
  if (len < 40 && P.shareLine.test(b.text)) return true;
  if (len < 160 && b.kind !== 'heading' && P.notice.test(b.text)) return true;
  if (isAppAdvert(b)) return true;
  if (isDateLine(b.text)) return true;
  if (len < 120 && b.kind !== 'heading' && P.credit.test(b.text)) return true;
  if (len < 300 && b.kind !== 'heading' && P.figureCaption.test(b.text)) return true;
  if (len < 250 && b.kind === 'paragraph' && P.captionTail.test(b.text)) return true;
  // A reading-time line ("4 min read", "Lesezeit: 3 Minuten", "11 minut czytania").
  if (len < 80 && P.readingTime.test(b.text)) return true;
  // A download link's label ("Report as PDF (123 KB)").
  if (len < 140 && /\b\d+(?:[.,]\d+)?\s*(?:[kKMG]i?B|[kK]byte|MByte)\b/.test(b.text) && P.downloadWord.test(b.text)) return true;
  return len < 80 && P.labelLine.test(b.text);
}

/** Very short labels next to dropped furniture are furniture too ("Tags", "PDF", a topic name). */
function dropShortLabels(raw: TextBlock[], keep: boolean[]): void {
  const shortLabel = (b: TextBlock): boolean =>
    b.kind === 'paragraph' && b.text.length < 30 && !/[.!?:;,]/.test(b.text) && b.text.split(' ').length <= 2;
  for (let i = 0; i < raw.length; i++) {
    if (
      keep[i] &&
      shortLabel(raw[i]) &&
      ((i > 0 && !keep[i - 1]) || (i + 1 < raw.length && !keep[i + 1]) || i === 0 || i === raw.length - 1)
    )
      keep[i] = false;
  }
}

/**
 * A "related articles"-style heading after the start drops its section, up to a long paragraph of prose (the
 * article going on after an inline "Read more" line).
 */
function dropRelatedSections(raw: TextBlock[], keep: boolean[]): void {
  let seenText = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b.text.length < 80 && seenText > 300 && RELATED_HEADING.test(b.text.replace(/[:.!?\s]+$/, ''))) {
      keep[i] = false;
      // "Read also: <the teaser's title>" in one block is one teaser inside the text, not the heading of a section.
      if (b.kind !== 'heading' && INLINE_TEASER.test(b.text)) continue;
      for (let j = i + 1; j < raw.length && raw[j].kind !== 'heading' && !isProse(raw[j] as RawBlock, 300); j++) keep[j] = false;
    }
    if (keep[i]) seenText += b.text.length;
  }
}

/** A heading (or a short label ending in ':') whose section was all dropped goes too. */
function dropEmptySections(raw: TextBlock[], keep: boolean[]): void {
  for (let i = raw.length - 1; i >= 0; i--) {
    const b = raw[i];
    if (!keep[i] || !(b.kind === 'heading' || (b.text.length < 60 && /[:?]$/.test(b.text)))) continue;
    let j = i + 1;
    let dropped = 0;
    let kept = 0;
    while (j < raw.length && raw[j].kind !== 'heading' && kept === 0) {
      if (keep[j]) kept++;
      else dropped++;
      j++;
    }
    if (kept === 0 && (dropped > 0 || j === raw.length)) keep[i] = false;
  }
}

export function filterBlocks(raw: TextBlock[]): ContentResult {
  let bylineLine: string | null = null;
  const { bylineLine: BYLINE_LINE } = furniturePatterns();
  const keep = raw.map((b0, i) => {
    const b = b0 as RawBlock;
    if (isFurnitureBlock(b)) return false;
    if (i < 4 && b.text.length < 60 && BYLINE_LINE.test(b.text)) {
      bylineLine ??= b.text;
      return false;
    }
    return true;
  });
  dropShortLabels(raw, keep);
  dropRelatedSections(raw, keep);
  endOfArticle(raw as RawBlock[], keep);
  headDatelines(raw as RawBlock[], keep);
  dropEmptySections(raw, keep);
  const out: TextBlock[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!keep[i]) continue;
    const b = raw[i];
    if (out.length && out[out.length - 1].text === b.text) continue;
    out.push({ kind: b.kind, text: b.text });
  }
  return { blocks: out, bylineLine };
}

/** A paragraph of running prose: long, few links, ending like a sentence. */
function isProse(b: RawBlock, min: number): boolean {
  return b.kind === 'paragraph' && b.text.length >= min && b.link / b.text.length < 0.2 && /[.!?…"“”»«)]$/.test(b.text);
}

/**
 * The end of the article. Past the densest run of paragraphs (region 2), the first block of
 * furniture (a link list, a notice, a share line…) or a heading ends the article; anywhere after
 * the first 300 characters, a line that closes a post (endMarker: a filing line, a like or rating widget, an appeal) does. What follows is dropped
 * unless running prose resumes (an inline promo between two parts of the text, a section).
 */
function endOfArticle(raw: RawBlock[], keep: boolean[]): void {
  /** The length of prose that resumes the article after the boundary found (0: not ended). */
  let resume = 0;
  let seen = 0;
  const { endMarker } = furniturePatterns();
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (resume && isProse(b, resume)) resume = 0;
    if (seen > 300 && b.text.length < 400 && endMarker.test(b.text)) resume = 400;
    else if (b.region === 2 && !keep[i]) resume = Math.max(resume, 200);
    else if (b.region === 2 && b.kind === 'heading') resume = Math.max(resume, 100);
    if (resume) keep[i] = false;
    if (keep[i]) seen += b.text.length;
  }
}

/** A date with day, month and year ("7 kwietnia 2021", "24.01.2022", "Feb 6, 2014", "2021-10-16"). */
const FULL_DATE = new RegExp(
  [
    String.raw`\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b`,
    String.raw`\b(?:19|20)\d{2}-\d{2}-\d{2}\b`,
    String.raw`\b\d{1,2}\/\d{1,2}\/(?:19|20)?\d{2}\b`,
    String.raw`\b\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b\p{L}{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b`,
  ].join('|'),
  'u',
);

/**
 * Before the text starts, a short line with a full date that is not a sentence is the
 * article's dateline with its category, author or comment count ("24.01.2022 11:38 Kategorie: News").
 */
function headDatelines(raw: RawBlock[], keep: boolean[]): void {
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (keep[i] && isProse(b, 150)) return;
    if (keep[i] && b.kind !== 'heading' && b.text.length < 60 && FULL_DATE.test(b.text) && !/[.!?…"“”»«)]$/.test(b.text)) keep[i] = false;
  }
}

/**
 * Outlet promotion lines in any language: read-also and teaser labels ("Read also: …", "Top photos from …"),
 * calls to subscribe, follow, join or download with the channel, newsletter or app they promote ("Join ST's
 * Telegram channel and get the latest breaking news delivered to you."), and picture-credit labels. The wording is
 * data, one file per language (data/promo/*.json); matching is on folded whole words (substrings for Chinese), in
 * time linear in the line.
 *
 * A sentence that merely reports on an app or a channel ("Telegram said it had removed the channels.") is not a
 * promotion: a call to action needs its verb to open the sentence, an object it promotes, and either a small word
 * right after the verb (the, our, to, on…) or the reader addressed (you, your, our…). Quoted speech is never one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { wordTokens } from './lexicon.ts';

export type PromoKind = 'related' | 'subscribe' | 'credits';

interface PromoFile {
  language: string;
  /** Chinese and other unspaced scripts: phrases are matched as substrings. */
  substring?: boolean;
  teasers: string[];
  verbs: string[];
  objects: string[];
  links: string[];
  address: string[];
  phrases: string[];
  credits: string[];
  /** Labels that mark a credit wherever they stand before a colon ("… Photos: Jane Doe"). */
  creditMarks?: string[];
}

/** Phrases of folded words, looked up at a token position (longest first), linear in the tokens read. */
class PhraseSet {
  private readonly phrases = new Set<string>();
  private readonly prefixes = new Set<string>();
  private maxLen = 1;
  add(p: string): void {
    const t = wordTokens(p);
    if (t.length === 0) return;
    this.phrases.add(t.join(' '));
    for (let k = 1; k < t.length; k++) this.prefixes.add(t.slice(0, k).join(' '));
    this.maxLen = Math.max(this.maxLen, t.length);
  }
  /** Length in words of the longest phrase starting at token i (0: none). */
  lengthAt(toks: readonly string[], i: number): number {
    let key = '';
    let best = 0;
    for (let n = 1; n <= this.maxLen && i + n <= toks.length; n++) {
      key = n === 1 ? toks[i] : `${key} ${toks[i + n - 1]}`;
      if (this.phrases.has(key)) best = n;
      if (!this.prefixes.has(key)) break;
    }
    return best;
  }
  in(toks: readonly string[]): boolean {
    for (let i = 0; i < toks.length; i++) if (this.lengthAt(toks, i) > 0) return true;
    return false;
  }
}

interface Lexicon {
  teasers: PhraseSet;
  verbs: PhraseSet;
  objects: PhraseSet;
  phrases: PhraseSet;
  credits: PhraseSet;
  creditMarks: PhraseSet;
  links: Set<string>;
  address: Set<string>;
  /** Unspaced languages: substring lists. */
  cjk: { teasers: string[]; verbs: string[]; objects: string[]; phrases: string[]; credits: string[] };
}

function loadLexicon(): Lexicon {
  const lex: Lexicon = {
    teasers: new PhraseSet(),
    verbs: new PhraseSet(),
    objects: new PhraseSet(),
    phrases: new PhraseSet(),
    credits: new PhraseSet(),
    creditMarks: new PhraseSet(),
    links: new Set(),
    address: new Set(),
    cjk: { teasers: [], verbs: [], objects: [], phrases: [], credits: [] },
  };
  const dir = new URL('./data/promo/', import.meta.url);
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const d = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as PromoFile;
    if (d.substring) {
      for (const k of ['teasers', 'verbs', 'objects', 'phrases', 'credits'] as const) lex.cjk[k].push(...d[k].map((s) => s.toLowerCase()));
      continue;
    }
    for (const k of ['teasers', 'verbs', 'objects', 'phrases', 'credits'] as const) for (const p of d[k]) lex[k].add(p);
    for (const p of d.creditMarks ?? []) lex.creditMarks.add(p);
    for (const w of d.links) lex.links.add(wordTokens(w).join(' '));
    for (const w of d.address) lex.address.add(wordTokens(w).join(' '));
  }
  return lex;
}

const LEX = loadLexicon();

/** Lines longer than this are paragraphs: read no further (bounded work), never whole-line promotions. */
const MAX_LINE = 20_000;
/** A promotion is short: sentences of more words are article text. */
const MAX_WORDS = 40;
/** A teaser label of two or more words opens a line of at most this many words ("Read more: …", "Top photos from …"). */
const TEASER_WORDS = 25;
/** A one-word label ("Related", "Watch") without a colon only on a line this short. */
const LABEL_ALONE_WORDS = 8;
/** A credit label ("Photo:", "Image credit:") opens a caption credit of at most this many words. */
const CREDIT_WORDS = 20;
const CJK_MAX_CHARS = 80;
/** A call to action this short is a button or a label: its verb and object suffice. */
const BUTTON_WORDS = 8;
/** A line this short with a credit label before a colon anywhere is a credit line. */
const CREDIT_LINE_WORDS = 12;

const QUOTES = /["“”«»„]/u;
const LABEL_COLON = /^[^:|–—»]{2,40}[:|–—»]/u;
const HAN = /\p{Script=Han}/u;
const POLITE = new Set(['please', 'bitte', 'por favor', 'пожалуйста', 'lutfen', 'prosimy', 'silakan']);

/** Sentences of a line: after . ! ? and a space ("3.5" and "U.S." stay whole), or after 。！？. Linear: one-character lookbehinds. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|(?<=[。！？])/u).filter((s) => s.trim().length > 0);
}

function cjkKind(s: string): PromoKind | null {
  const t = s.trim().toLowerCase();
  if (t.length > CJK_MAX_CHARS) return null;
  const has = (list: string[]): boolean => list.some((p) => t.includes(p));
  if (LEX.cjk.teasers.some((p) => t.startsWith(p))) return 'related';
  if (LEX.cjk.credits.some((p) => t.startsWith(p))) return 'credits';
  if (has(LEX.cjk.phrases) || (has(LEX.cjk.verbs) && has(LEX.cjk.objects))) return 'subscribe';
  return null;
}

/** Why one sentence is promotion furniture, or null. */
export function promoSentenceKind(sentence: string): PromoKind | null {
  const s = sentence.trim();
  if (HAN.test(s)) return cjkKind(s);
  const toks = wordTokens(s.length > 2000 ? s.slice(0, 2000) : s);
  if (toks.length === 0) return null;
  const teaser = LEX.teasers.lengthAt(toks, 0);
  if (teaser > 0 && ((teaser >= 2 && toks.length <= TEASER_WORDS) || LABEL_COLON.test(s) || toks.length <= LABEL_ALONE_WORDS))
    return 'related';
  if (LEX.credits.lengthAt(toks, 0) > 0 && toks.length <= CREDIT_WORDS && LABEL_COLON.test(s)) return 'credits';
  if (toks.length <= CREDIT_LINE_WORDS && creditLabelInside(s)) return 'credits';
  if (QUOTES.test(s) || toks.length > MAX_WORDS) return null;
  if (LEX.phrases.in(toks)) return 'subscribe';
  const start = POLITE.has(toks[0]) ? 1 : 0;
  const verb = LEX.verbs.lengthAt(toks, start);
  if (verb === 0 || !LEX.objects.in(toks)) return null;
  // A short button-like line ("Follow Backchannel: Twitter | Facebook") needs nothing more.
  const linked = toks.length <= BUTTON_WORDS || LEX.links.has(toks[start + verb] ?? '');
  return linked || toks.some((t) => LEX.address.has(t)) ? 'subscribe' : null;
}

/** A credit label before a colon anywhere in the line ("Words: Jane Doe Photos: John Roe", "(All photos: Agency)"). */
function creditLabelInside(s: string): boolean {
  const parts = s.split(':');
  for (let k = 0; k < parts.length - 1; k++) {
    const toks = wordTokens(parts[k]);
    if (toks.length > 0 && LEX.creditMarks.lengthAt(toks, toks.length - 1) === 1) return true;
  }
  return false;
}

/**
 * The kind of promotion a whole line is, or null: promotion sentences make up at least half of it
 * ("STOMP it anytime, anywhere. Download the new STOMP app today.").
 */
export function promoLine(text: string): PromoKind | null {
  if (text.length > MAX_LINE) return null;
  let chars = 0;
  let kind: PromoKind | null = null;
  for (const s of sentences(text)) {
    const k = promoSentenceKind(s);
    if (!k) continue;
    chars += s.length;
    kind ??= k;
  }
  return kind && chars * 2 >= text.trim().length ? kind : null;
}

/** A line of article text without the promotion sentences that close it ("… the minister said. Subscribe to our newsletter."). */
export function withoutPromoTail(text: string): string {
  if (text.length > MAX_LINE) return text;
  const parts = sentences(text);
  let end = parts.length;
  while (end > 1 && promoSentenceKind(parts[end - 1])) end--;
  return end === parts.length ? text : parts.slice(0, end).join(' ').trim();
}

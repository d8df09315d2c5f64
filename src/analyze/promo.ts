/**
 * The last guard against outlet furniture in what a story states: a
 * promotion, subscription, app, channel, credit or read-also line that
 * survived extraction ("Join ST's Telegram channel and get the latest breaking
 * news delivered to you.", "Read also: …", "Photo: Reuters") is never an
 * agreement, exclusive, timeline event or overview sentence. Extraction drops
 * such lines first (src/extract/); this catches what it missed. The phrases
 * are data (data/promo.json), matched as whole folded words in linear time.
 */
import { readFileSync } from 'node:fs';
import { fold } from './text.ts';

interface PromoLexicon {
  teasers: string[];
  verbs: string[];
  objects: string[];
  readerAddress: string[];
  credits: string[];
  agencies: string[];
}

const LEX = JSON.parse(readFileSync(new URL('./data/promo.json', import.meta.url), 'utf8')) as PromoLexicon;

/** A phrase set keyed by its words, for whole-word matching at any token position. */
class PhraseSet {
  private readonly phrases = new Set<string>();
  /** every phrase's first words (1 … its length): a longer phrase can follow only a key in here */
  private readonly prefixes = new Set<string>();
  private maxLen = 1;
  constructor(list: string[]) {
    for (const p of list) {
      const t = tokens(p);
      if (t.length === 0) continue;
      this.phrases.add(t.join(' '));
      for (let n = 1; n <= t.length; n++) this.prefixes.add(t.slice(0, n).join(' '));
      this.maxLen = Math.max(this.maxLen, t.length);
    }
  }
  /** The length in words of the longest phrase starting at token i; 0 when none does. */
  lengthAt(toks: string[], i: number): number {
    let key = '';
    let best = 0;
    for (let n = 1; n <= this.maxLen && i + n <= toks.length; n++) {
      key = n === 1 ? toks[i] : `${key} ${toks[i + n - 1]}`;
      if (!this.prefixes.has(key)) break;
      if (this.phrases.has(key)) best = n;
    }
    return best;
  }
  at(toks: string[], i: number): boolean {
    return this.lengthAt(toks, i) > 0;
  }
  /** Whether a phrase starts within the first `within` tokens (all of them by default). */
  in(toks: string[], within = toks.length): boolean {
    for (let i = 0; i < Math.min(within, toks.length); i++) if (this.at(toks, i)) return true;
    return false;
  }
}

/** Folded words (letters and digits, inner hyphens and apostrophes kept). */
function tokens(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

const TEASERS = new PhraseSet(LEX.teasers);
const VERBS = new PhraseSet(LEX.verbs);
const OBJECTS = new PhraseSet(LEX.objects);
const ADDRESS = new PhraseSet(LEX.readerAddress);
const CREDITS = new PhraseSet(LEX.credits);
const AGENCIES = new PhraseSet(LEX.agencies);

/** Credit lines are short: a caption credit, not a sentence that mentions a photo. */
const CREDIT_MAX_WORDS = 14;
/** …and one this short needs no colon or slash ("Photo Reuters"). */
const CREDIT_ALONE_WORDS = 5;
/** A one-word teaser label ("Related") on a line this short is the label, not a sentence. */
const TEASER_ALONE_WORDS = 12;
/** A call to action opens the line: its verb within the first words ("Please subscribe…", "Don't miss…"). */
const VERB_WITHIN = 3;

export type PromoKind = 'teaser' | 'call-to-action' | 'credit';

/** Why a line is promotion or credit furniture, or null when it is not; each sentence of the line is read. */
export function promoKind(line: string): PromoKind | null {
  for (const part of line.slice(0, 2_000).split(/(?<=[.!?])\s+/u)) {
    const k = partKind(part);
    if (k) return k;
  }
  return null;
}

function partKind(part: string): PromoKind | null {
  const t = part.trim();
  const toks = tokens(t);
  if (toks.length === 0) return null;
  // "Read also: …", "Top photos from …": a teaser label opens the line (a one-word label only as a label)
  const teaser = TEASERS.lengthAt(toks, 0);
  if (teaser >= 2 || (teaser === 1 && (/^[^:|–—]{2,40}[:|–—]/u.test(t) || toks.length <= TEASER_ALONE_WORDS))) return 'teaser';
  if (ADDRESS.in(toks)) return 'call-to-action';
  if (VERBS.in(toks, VERB_WITHIN) && OBJECTS.in(toks)) return 'call-to-action';
  // "Photo: Reuters/Jan Smit", "(AP Photo/Evan Vucci)": a credit word opens a short line set off by a colon or slash
  const setOff = /[:/|©]/u.test(t) || toks.length <= CREDIT_ALONE_WORDS;
  if (toks.length <= CREDIT_MAX_WORDS && CREDITS.in(toks, 2) && setOff && (AGENCIES.in(toks) || /[/|©]/u.test(t))) return 'credit';
  return null;
}

/** Whether a line is promotion, subscription, app, channel, credit or read-also furniture. */
export function isPromo(line: string): boolean {
  return promoKind(line) !== null;
}

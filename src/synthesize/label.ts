/**
 * A loaded term used as a label before a name, and its removal: shared by the overview, the neutral
 * voice, the country summaries and the headline (its own module so that none of them imports another).
 */
import { fold, squash } from './text.ts';

/** `s` with the characters a regular expression treats specially escaped. */
export function escRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes a loaded term used as a label before a name ("dictator Nicolas Maduro" → "Nicolas Maduro").
 * Returns null when the term is used otherwise (the sentence cannot be neutralized by deletion).
 */
export function stripLabel(text: string, term: string): string | null {
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])((?:(?:the|a|an)\\s+)?${escRe(term)})\\s+(\\S)`, 'giu');
  let changed = false;
  const out = text.normalize('NFC').replace(re, (m, pre: string, _t: string, next: string) => {
    if (!/\p{Lu}/u.test(next)) return m;
    changed = true;
    return pre + next;
  });
  if (!changed) return null;
  const f = fold(out);
  if (new RegExp(`(?<![\\p{L}\\p{N}])${escRe(fold(term))}(?![\\p{L}\\p{N}])`, 'u').test(f)) return null;
  // capitalize a sentence start the deletion exposed
  return squash(out).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

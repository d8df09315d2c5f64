/**
 * Word lists kept as data: one JSON file per language in a folder, each holding named lists of phrases, merged by
 * name over the folder's files (read once, when first asked for). Patterns are built from the lists with
 * `alternation`: each phrase is escaped, so a list adds literal alternatives and never a nested quantifier.
 *
 * Notation in the phrases (where a list's pattern allows it):
 * - a phrase ending in `*` takes any letters after it ("ansprechpartner*");
 * - ` … ` stands for a bounded run of other words between two parts ("wurde unter … abgelegt"), the bound set by
 *   the pattern built from the list;
 * - `/` stands for a slash with any spaces around it ("foto/grafik" for "Foto / Grafik").
 */
import { readFileSync, readdirSync } from 'node:fs';

export type WordLists = Record<string, string[]>;

const cache = new Map<string, WordLists>();

/** The lists of every `*.json` file in `dir`, merged by name (files in name order; `about` and `language` left out). */
export function loadWordLists(dir: URL): WordLists {
  const known = cache.get(dir.href);
  if (known) return known;
  const lists: WordLists = {};
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of files) {
    const data = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Record<string, unknown>;
    for (const [name, value] of Object.entries(data)) {
      if (name === 'about' || name === 'language' || !Array.isArray(value)) continue;
      (lists[name] ??= []).push(...(value as string[]));
    }
  }
  cache.set(dir.href, lists);
  return lists;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Notation {
  /** What a trailing `*` becomes (default `\w*`; `\p{L}*` in a unicode pattern). */
  star?: string;
  /** What ` … ` becomes, word boundaries on either side added; without it, ` … ` is not allowed in the list. */
  gap?: string;
}

/** One phrase as a regex source. */
export function phraseSource(phrase: string, notation: Notation = {}): string {
  const parts = phrase.split(' … ');
  if (parts.length > 1 && notation.gap === undefined) throw new Error(`a gap is not allowed here: "${phrase}"`);
  return parts.map((part) => partSource(part, notation)).join(`\\b${notation.gap}\\b`);
}

function partSource(part: string, notation: Notation): string {
  const starred = part.endsWith('*');
  const text = starred ? part.slice(0, -1) : part;
  const out = text.split('/').map(escape).join('\\s*\\/\\s*');
  return starred ? out + (notation.star ?? '\\w*') : out;
}

/** A non-capturing group of the phrases as alternatives: `(?:a|b|c)`. An empty list is an error (it would match anything). */
export function alternation(phrases: readonly string[] | undefined, notation: Notation = {}): string {
  if (!phrases?.length) throw new Error('an empty word list');
  return `(?:${[...new Set(phrases)].map((p) => phraseSource(p, notation)).join('|')})`;
}

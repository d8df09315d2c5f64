/**
 * Headings that open a block of links to other content ("Related articles", "Lesen Sie auch", "Читайте также"):
 * word lists per language in data/related/*.json, built into one pattern at load. The pattern is anchored and
 * its alternatives are literal phrases followed by at most 50 characters, so a test is linear in the line.
 *
 * Notation in the lists: `#` is a number (`\d+`), and a space right after it any run of whitespace ("# comments");
 * a word ending in `*` takes any word characters after it ("meistgelesen*" for "meistgelesenen").
 */
import { readFileSync, readdirSync } from 'node:fs';

interface RelatedFile {
  language: string;
  headings: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One heading of a list as a regex source. */
export function headingSource(heading: string): string {
  let out = '';
  for (let i = 0; i < heading.length; i++) {
    const ch = heading[i];
    if (ch === '#') out += '\\d+';
    else if (ch === ' ' && heading[i - 1] === '#') out += '\\s+';
    else if (ch === '*') out += '\\w*';
    else out += escape(ch);
  }
  return out;
}

function loadHeadings(): string[] {
  const dir = new URL('./data/related/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as RelatedFile).headings);
}

/** A line that is one of the headings (whole words), with at most 50 characters after it. */
export const RELATED_HEADING = new RegExp(`^(?:${loadHeadings().map(headingSource).join('|')})\\b.{0,50}$`, 'i');

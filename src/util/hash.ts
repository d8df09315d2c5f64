import { createHash } from 'node:crypto';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Normalizes text for content hashing: case, whitespace and quote styles do not change the hash. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”«»„"]/g, '"')
    .replace(/[‘’‚']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function contentHash(text: string): string {
  return sha256(normalizeForHash(text));
}

/**
 * dedupe/: exact duplicates are caught by the content hash (store);
 * near-duplicates (a wire copy reprinted by several outlets) by the
 * resemblance of word 5-shingle MinHash signatures. Candidates are found by
 * locality-sensitive hashing: the 64-value signature is cut into 16 bands of
 * 4; two texts share at least one band with probability 1-(1-J^4)^16, i.e.
 * ~0.99 at resemblance J = 0.7 and ~0.12 at J = 0.3, so only likely copies
 * are compared.
 */
import { createHash } from 'node:crypto';

export interface DedupeFeatures {
  minhash: number[];
}

const NUM_HASHES = 64;
const SHINGLE = 5;
export const LSH_BANDS = 16;
const ROWS = NUM_HASHES / LSH_BANDS;
/** Default resemblance from which a text counts as a copy. */
export const DUPLICATE_THRESHOLD = 0.7;

function hash32(s: string, seed: number): number {
  const h = createHash('md5')
    .update(seed + ':' + s)
    .digest();
  return h.readUInt32LE(0);
}

export function dedupeFeatures(text: string): DedupeFeatures {
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(words.slice(i, i + SHINGLE).join(' '));
  if (shingles.size === 0 && words.length) shingles.add(words.join(' '));
  const mins = new Array<number>(NUM_HASHES).fill(0xffffffff);
  for (const sh of shingles) {
    // one md5 per shingle, expanded into NUM_HASHES values by xor-mixing
    const base = hash32(sh, 0);
    const base2 = hash32(sh, 1);
    for (let k = 0; k < NUM_HASHES; k++) {
      const v = (base ^ Math.imul(base2, k + 1) ^ (k * 0x9e3779b1)) >>> 0;
      if (v < mins[k]) mins[k] = v;
    }
  }
  return { minhash: shingles.size ? mins : [] };
}

/** Estimated Jaccard resemblance of the two texts' shingle sets. */
export function resemblance(a: DedupeFeatures, b: DedupeFeatures): number {
  if (!a.minhash.length || !b.minhash.length) return 0;
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a.minhash[k] === b.minhash[k]) same++;
  return same / NUM_HASHES;
}

/** LSH band keys of a signature (`band:values`), for the candidate index; empty for an empty text. */
export function lshBands(f: DedupeFeatures): string[] {
  if (f.minhash.length !== NUM_HASHES) return [];
  const out: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    out.push(
      b.toString(36) +
        ':' +
        f.minhash
          .slice(b * ROWS, (b + 1) * ROWS)
          .map((x) => x.toString(36))
          .join('.'),
    );
  }
  return out;
}

/** The id of the candidate this text copies (highest resemblance at or above the threshold; ties: smallest id), or null. */
export function findDuplicate(
  f: DedupeFeatures,
  candidates: Iterable<{ id: string; dedupe: DedupeFeatures | null }>,
  threshold = DUPLICATE_THRESHOLD,
): string | null {
  let best: { id: string; r: number } | null = null;
  for (const c of candidates) {
    if (!c.dedupe) continue;
    const r = resemblance(f, c.dedupe);
    if (r >= threshold && (!best || r > best.r || (r === best.r && c.id < best.id))) best = { id: c.id, r };
  }
  return best?.id ?? null;
}

/**
 * Repetition across an outlet's articles: lines that recur in several of its
 * articles are page furniture (slogans, donation appeals, promo blocks). Build
 * the set from the raw texts of the outlet's earlier articles and pass it to
 * `extractPlainText` as `outletLines`.
 */
import { lineKeys } from '../plaintext.ts';

export const OUTLET_LIMITS = { maxDocs: 200 } as const;

/**
 * Keys of the lines that occur in at least `minDocs` (default 2) of the given raw
 * texts. A line of a single earlier article (say, an earlier version of the
 * same story) is not furniture, so one occurrence is never enough.
 */
export function outletFurnitureLines(raws: readonly string[], minDocs = 2): Set<string> {
  const docs = new Map<string, number>();
  for (const raw of raws.slice(0, OUTLET_LIMITS.maxDocs)) {
    for (const k of new Set(lineKeys(raw))) docs.set(k, (docs.get(k) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [k, n] of docs) if (n >= Math.max(2, minDocs)) out.add(k);
  return out;
}

/**
 * How widely a story is carried: distinct outlets and countries, independent reports, and the wire copies (near or
 * exact duplicates of another member) with the report each copies — "carried by 7 outlets, 3 independent reports".
 */
import type { Coverage } from '../report.ts';

interface Member {
  id: string;
  outlet: string | null;
  country: string | null;
  duplicateOf: string | null;
}

/** The original a member copies, following chains within the story; the member itself when it is not a copy. */
function originalOf(a: Member, byId: Map<string, Member>): string {
  let cur = a;
  const seen = new Set<string>();
  while (cur.duplicateOf && byId.has(cur.duplicateOf) && !seen.has(cur.id)) {
    seen.add(cur.id);
    cur = byId.get(cur.duplicateOf)!;
  }
  return cur.id;
}

export function coverageOf(articles: Member[]): Coverage {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const copies = articles.filter((a) => originalOf(a, byId) !== a.id).map((a) => ({ id: a.id, of: originalOf(a, byId), outlet: a.outlet }));
  const outlets = new Set(articles.map((a) => a.outlet ?? `article:${a.id}`));
  const countries = new Set(articles.map((a) => a.country).filter((c): c is string => !!c));
  return { outlets: outlets.size, countries: countries.size, independentReports: articles.length - copies.length, copies };
}

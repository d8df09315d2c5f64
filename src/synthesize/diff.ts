/**
 * Story evolution: what changed between two versions of a story's report —
 * new sources and countries, new facts (agreements, overview sentences,
 * exclusives), discrepancies that appeared or were resolved, a changed
 * headline. Pure function of the two reports.
 */
import { z } from 'zod';
import { Cited, Discrepancy, ReportArticle, type StoryReport } from '../report.ts';
import { fold } from './text.ts';

export const StoryDiff = z.object({
  storyId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  title: z.object({ from: z.string(), to: z.string() }).nullable(),
  newArticles: z.array(ReportArticle),
  removedArticles: z.array(z.string()),
  newOutlets: z.array(z.string()),
  newCountries: z.array(z.string()),
  newAgreements: z.array(Cited),
  newOverview: z.array(Cited),
  newExclusives: z.array(Cited),
  newDiscrepancies: z.array(Discrepancy),
  resolvedDiscrepancies: z.array(Discrepancy),
  /** Discrepancies present in both whose set of values changed. */
  changedDiscrepancies: z.array(z.object({ about: z.string(), from: Discrepancy, to: Discrepancy })),
});
export type StoryDiff = z.infer<typeof StoryDiff>;

function key(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function newCited(a: Cited[], b: Cited[]): Cited[] {
  const seen = new Set(a.map((x) => key(x.text)));
  return b.filter((x) => !seen.has(key(x.text)));
}

function valueSet(d: Discrepancy): string {
  return d.values
    .map((v) => key(v.normalized ?? v.value))
    .sort()
    .join('|');
}

export function diffReports(
  storyId: string,
  from: { version: number; report: StoryReport },
  to: { version: number; report: StoryReport },
): StoryDiff {
  const a = from.report;
  const b = to.report;
  const oldIds = new Set(a.articles.map((x) => x.id));
  const newIds = new Set(b.articles.map((x) => x.id));
  const oldOutlets = new Set(a.articles.map((x) => x.outlet).filter((x): x is string => !!x));
  const oldCountries = new Set(a.articles.map((x) => x.country).filter((x): x is string => !!x));
  const newArticles = b.articles.filter((x) => !oldIds.has(x.id));
  const oldDisc = new Map(a.discrepancies.map((d) => [key(d.about), d]));
  const newDisc = new Map(b.discrepancies.map((d) => [key(d.about), d]));
  const changed: StoryDiff['changedDiscrepancies'] = [];
  for (const [k, d] of newDisc) {
    const o = oldDisc.get(k);
    if (o && valueSet(o) !== valueSet(d)) changed.push({ about: d.about, from: o, to: d });
  }
  return {
    storyId,
    from: from.version,
    to: to.version,
    title: a.title !== b.title ? { from: a.title, to: b.title } : null,
    newArticles,
    removedArticles: a.articles.filter((x) => !newIds.has(x.id)).map((x) => x.id),
    newOutlets: [...new Set(newArticles.map((x) => x.outlet).filter((x): x is string => !!x && !oldOutlets.has(x)))],
    newCountries: [...new Set(newArticles.map((x) => x.country).filter((x): x is string => !!x && !oldCountries.has(x)))],
    newAgreements: newCited(a.agreements, b.agreements),
    newOverview: newCited(a.overview, b.overview),
    newExclusives: newCited(a.exclusives, b.exclusives),
    newDiscrepancies: [...newDisc].filter(([k]) => !oldDisc.has(k)).map(([, d]) => d),
    resolvedDiscrepancies: [...oldDisc].filter(([k]) => !newDisc.has(k)).map(([, d]) => d),
    changedDiscrepancies: changed,
  };
}

/**
 * The days of a story's reports: each report's language, its lead's one day (the day of its news) and its event day,
 * kept per story; they weigh two dates' slot (claim-compare.ts) and mark a claim of the lead's day (claims.ts).
 */
import type { StoryData, SentRec } from './story.ts';
import type { DateMention } from './dates.ts';

/** The context term of a report's one event day, in a story told in several languages. */
export const EVENT_DAY = 'x:event-day';
/** The slot score of two leads' days (same publication day, some shared clause words: LEAD_DAY_MIN). */
export const LEAD_DAY_SIM = 0.2;
export const LEAD_DAY_MIN = 0.1;
/** The slot score of two reports' event days when their languages differ (their clauses share no words). */
export const CROSS_LANGUAGE_SIM = 0.2;

export function isEventDay(d: DateMention): boolean {
  return d.kind === 'absolute' && d.range.precision === 'day' && !d.attribution && !d.modifier && !d.since;
}

export const storyLanguages = new WeakMap<StoryData, { lang: Map<string, string>; eventDay: Map<string, number | null> }>();

/** Languages of the articles and, in a story told in two or more languages, each report's one absolute day (null when it has none or several). */
export function languagesOf(data: StoryData): { lang: Map<string, string>; eventDay: Map<string, number | null> } {
  let v = storyLanguages.get(data);
  if (v) return v;
  const lang = new Map(data.articles.map((a) => [a.id, (a.language ?? '').toLowerCase().split(/[-_]/)[0]]));
  const eventDay = new Map<string, number | null>();
  if (new Set([...lang.values()].filter(Boolean)).size > 1)
    for (const [id, sents] of data.byArticle) {
      const days = new Set(sents.filter((x) => x.content).flatMap((x) => x.dates.filter(isEventDay).map((d) => d.range.start)));
      eventDay.set(id, days.size === 1 ? [...days][0] : null);
    }
  storyLanguages.set(data, (v = { lang, eventDay }));
  return v;
}

/** A date naming one day of the news: a day (absolute, or a weekday read against the publication day), not a beginning or a name. */
export function isOneDay(d: DateMention): boolean {
  return d.kind !== 'partial' && d.range.precision === 'day' && !d.modifier && !d.since;
}

export const leadDays = new WeakMap<StoryData, Map<string, DateMention | null>>();

/** Content sentences from a report's start within which its news day is looked for. */
export const LEAD_SENTENCES = 2;
/** Days either side of publication within which a date can be the day of the news (not a name, nor a past event). */
export const NEWS_WINDOW = 7;

/**
 * The day of a report's news: in the first of its opening content sentences that holds a date within a week of
 * publication (neither a date naming an event, "the Jan. 6 riot", nor a past one), that one date if it names a day; else null. Two leads of
 * one story published the same day name the day of one piece of news.
 */
export function newsDayOf(data: StoryData, article: string, sents: SentRec[]): DateMention | null {
  const ref = data.refDay.get(article);
  for (const s of sents.filter((x) => x.content).slice(0, LEAD_SENTENCES)) {
    const near = s.dates.filter((d) => !d.modifier && (ref === undefined || Math.abs(d.range.start - ref) <= NEWS_WINDOW));
    if (!near.length) continue;
    const days = near.filter(isOneDay);
    return days.length === 1 ? days[0] : null;
  }
  return null;
}

export function leadDayOf(data: StoryData, article: string): DateMention | null {
  let m = leadDays.get(data);
  if (!m) {
    m = new Map();
    for (const [id, sents] of data.byArticle) m.set(id, newsDayOf(data, id, sents));
    leadDays.set(data, m);
  }
  return m.get(article) ?? null;
}

/** The one absolute day a report of a multilingual story states (its event's day), else null. */
export function eventDayOf(data: StoryData, article: string): number | null {
  return languagesOf(data).eventDay.get(article) ?? null;
}

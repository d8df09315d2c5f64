/**
 * The story's timeline: each dated event once. A sentence's dates become
 * events; the same event told by another report (an aligned sentence with a
 * compatible date) joins it, near-identical sentences under two dates are one
 * event (the earliest date kept, disputed when reports differ), and a date
 * still ahead of the report, or named as a target or deadline ("a 2030
 * target"), is marked planned, not something that happened.
 */
import { readFileSync } from 'node:fs';
import type { TimelineEvent } from '../report.ts';
import { formatRange, type DateMention } from './dates.ts';
import { simOf, type SentRec, type StoryData } from './story.ts';
import { fold } from './text.ts';

/** Two sentences giving the same date tell one event at this lower similarity. */
const SAME_DATE_EVENT_SIM = 0.25;
/** Word-set overlap (Jaccard) from which two event texts are the same sentence. */
export const SAME_TEXT = 0.8;
/** Words between a date and a plan noun ("a 2030 emissions target"). */
const PLAN_WINDOW = 3;
const MAX_EVENTS = 1_000;

const PLAN_NOUNS = new Set(
  (JSON.parse(readFileSync(new URL('./data/planned.json', import.meta.url), 'utf8')) as { nouns: string[] }).nouns.map(fold),
);

interface Ev {
  start: number;
  date: string;
  s: SentRec;
  articles: Set<string>;
  disputed: boolean;
  planned: boolean;
  text: string;
  dkey: string;
}

/** The text of a dated event: the sentence without the asides (– … –, ( … )) that date other things. */
export function eventText(s: SentRec, d: DateMention): string {
  const others = s.dates.filter((x) => x !== d && !x.attribution);
  if (others.length === 0) return s.text;
  const cuts = [0, ...[...s.text.matchAll(/\s[–—-]\s|;\s|\s\(|\)(?=[\s,.])/g)].map((m) => m.index), s.text.length];
  const segs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < cuts.length; i++) if (cuts[i + 1] > cuts[i]) segs.push([cuts[i], cuts[i + 1]]);
  const mine = segs.find(([x, y]) => d.start >= x && d.end <= y);
  const keep = segs.filter((sg) => sg === mine || !others.some((o) => o.start >= sg[0] && o.end <= sg[1]));
  if (!mine || keep.length === segs.length) return s.text;
  const text = keep
    .map(([x, y]) => s.text.slice(x, y).replace(/^[\s–—;()-]+|[\s–—;()-]+$/g, ''))
    .filter(Boolean)
    .join(' ');
  return text.split(/\s+/).length >= 5 ? text : s.text;
}

function wordsOf(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A plan, not an event: the date lies after the report's own day, or a plan noun stands next to it. */
export function isPlanned(s: SentRec, d: DateMention, refDay: number | undefined): boolean {
  if (refDay !== undefined && d.range.start > refDay) return true;
  const before = wordsOf(s.text.slice(Math.max(0, d.start - 60), d.start)).slice(-PLAN_WINDOW);
  const after = wordsOf(s.text.slice(d.end, d.end + 60)).slice(0, PLAN_WINDOW);
  return [...before, ...after].some((w) => PLAN_NOUNS.has(w));
}

/** Whether a date of a sentence dates an event worth a timeline entry. */
function datesEvent(s: SentRec, d: DateMention): boolean {
  if (/^(today|tonight|this (morning|afternoon))$/i.test(d.text)) return false; // often means nowadays
  if (d.attribution) return false;
  return !(d.modifier && s.dates.some((x) => x !== d && !x.modifier && !x.attribution));
}

/** Every dated event, the same event told by several reports joined. */
function collectEvents(data: StoryData, disputed: Map<string, number>): Ev[] {
  const evs: Ev[] = [];
  for (const s of data.sentences) {
    if (!s.content) continue;
    for (const d of s.dates) {
      if (!datesEvent(s, d) || evs.length >= MAX_EVENTS) continue;
      const date = formatRange(d.range);
      const match = evs.find(
        (e) =>
          e.s.article !== s.article &&
          ((e.date === date && (e.s.group === s.group ? e.s.text === s.text : simOf(data, e.s.gi, s.gi) >= SAME_DATE_EVENT_SIM)) ||
            (disputed.has(e.dkey) && disputed.get(e.dkey) === disputed.get(`${s.gi}:${d.start}`))),
      );
      if (match) {
        match.articles.add(s.article);
        if (match.date !== date) match.disputed = true;
        continue;
      }
      if (evs.some((e) => e.s === s && e.date === date)) continue;
      const planned = isPlanned(s, d, data.refDay.get(s.article));
      evs.push({
        start: d.range.start,
        date,
        s,
        articles: new Set([s.article]),
        disputed: false,
        planned,
        text: eventText(s, d),
        dkey: `${s.gi}:${d.start}`,
      });
    }
  }
  return evs;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/**
 * Near-identical event texts are one event: the earliest date is kept, and it is disputed when different reports
 * give the different dates (one sentence naming two dates is not a dispute).
 */
export function mergeRepeats(evs: Ev[]): Ev[] {
  const sorted = [...evs].sort((a, b) => a.start - b.start || b.articles.size - a.articles.size || a.s.gi - b.s.gi);
  const bags = new Map(sorted.map((e) => [e, new Set(wordsOf(e.text))]));
  const out: Ev[] = [];
  // events kept so far, by word: only one sharing a word can be the same text
  const byWord = new Map<string, number[]>();
  for (const e of sorted) {
    const near = new Set<number>();
    for (const w of bags.get(e)!) for (const k of byWord.get(w) ?? []) near.add(k);
    const first = [...near].sort((x, y) => x - y).find((k) => jaccard(bags.get(out[k])!, bags.get(e)!) >= SAME_TEXT);
    const same = first === undefined ? undefined : out[first];
    if (!same) {
      for (const w of bags.get(e)!) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(out.length);
      out.push(e);
      continue;
    }
    // two reports giving one sentence different dates dispute it; one sentence naming two dates does not
    const otherReport = e.s.article !== same.s.article;
    for (const a of e.articles) same.articles.add(a);
    if ((otherReport && same.date !== e.date) || e.disputed) same.disputed = true;
    same.planned = same.planned && e.planned;
  }
  return out;
}

export function buildTimeline(data: StoryData, disputed: Map<string, number>): TimelineEvent[] {
  const evs = mergeRepeats(collectEvents(data, disputed));
  evs.sort((a, b) => a.start - b.start || b.articles.size - a.articles.size || a.s.gi - b.s.gi);
  return evs.map((e) => ({
    date: e.date,
    text: e.text,
    articles: [...e.articles],
    ...(e.disputed ? { disputed: true } : {}),
    ...(e.planned ? { planned: true } : {}),
  }));
}

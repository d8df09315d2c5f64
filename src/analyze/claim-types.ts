/** The shape of a claim: a value (figure, date, designation) a sentence states, with the clause around it (claims.ts). */
import type { SentRec } from './story.ts';
import type { Quantity } from './quantities.ts';
import type { DateMention } from './dates.ts';

export type ClaimKind = 'quantity' | 'date' | 'designation';

export interface Claim {
  id: number;
  kind: ClaimKind;
  s: SentRec;
  /** the value as written and its normalized form */
  text: string;
  norm: string;
  /** the value's span in the sentence (the source span) */
  start: number;
  end: number;
  q?: Quantity;
  d?: DateMention;
  key?: string;
  /** what kind of value: '%', a currency sign, 'count', 'day', 'month', 'code' */
  unit: string;
  /** terms of the clause around the value: entity ids ("e:12") and word terms */
  context: Set<string>;
  /** entity ids of the clause before the value (its subject) */
  subjects: Set<string>;
  /** the people the value is about: named before it in the clause, else after it */
  people: Set<string>;
  /** every person the value's sentence names */
  sentencePeople: Set<string>;
  /** the preposition right before the value ("from", "to", "by"): its role in a change */
  role: string | null;
  /** what a count counts, as terms ("jobs" → ["job"]) */
  counted: string[];
  /** the clause around the value: character offsets in the sentence */
  clause: [number, number];
  /** the weekday a relative date names ("on Friday" → "friday"), else null */
  weekday: string | null;
  /** a date of a statement ("said on Friday", "on Friday announced"), not of the event itself */
  statement: boolean;
  /** the date of a statement's occasion ("her Monday interview", "a Saturday press conference") */
  spoken: boolean;
  /** the one day the report's lead (its first body sentence) names: the day of the story's news */
  leadDay: boolean;
  /** squared IDF weights of the context terms */
  weights: { w: Array<[string, number]>; total: number };
}

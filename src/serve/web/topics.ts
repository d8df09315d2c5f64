/**
 * Topics for the front page's filter: a story is filed under the topics whose words its headline, overview and
 * agreed points use most (word lists in data/topics.json). A headline word counts double; each word counts at most
 * three times and a topic needs two of its words, so one repeated name does not make a topic. One set of thresholds for every story.
 */
import data from './data/topics.json' with { type: 'json' };

export interface Topic {
  id: string;
  label: string;
}

interface Lexicon {
  topics: Array<Topic & { words: string[] }>;
}

/** A topic needs this score from at least two of its words; a second topic at least this share of the first one's. */
const MIN_SCORE = 3;
const MIN_WORDS = 2;
const SECOND_SHARE = 0.6;
const PER_WORD_CAP = 3;

export const TOPICS: Topic[] = (data as Lexicon).topics.map(({ id, label }) => ({ id, label }));
const TOPIC_IDS = new Set(TOPICS.map((t) => t.id));

/** word or "two words" → the topics listing it */
let index: Map<string, string[]> | null = null;
function lexicon(): Map<string, string[]> {
  if (index) return index;
  index = new Map();
  for (const t of (data as Lexicon).topics) for (const w of t.words) index.set(w, [...(index.get(w) ?? []), t.id]);
  return index;
}

function tokens(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The entry a token (or pair) stands for: itself, or its singular in -s / -es. */
function entry(t: string, lex: Map<string, string[]>): string | null {
  if (lex.has(t)) return t;
  if (t.endsWith('es') && lex.has(t.slice(0, -2))) return t.slice(0, -2);
  if (t.endsWith('s') && lex.has(t.slice(0, -1))) return t.slice(0, -1);
  return null;
}

function addScores(text: string, weight: number, counts: Map<string, number>): void {
  const lex = lexicon();
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    const pair = i + 1 < ts.length ? entry(`${ts[i]} ${ts[i + 1]}`, lex) : null;
    const e = pair ?? entry(ts[i]!, lex);
    if (!e) continue;
    counts.set(e, (counts.get(e) ?? 0) + weight);
    if (pair) i++;
  }
}

/** The story's topics, best first: at most two, none when no topic's words are used enough. */
export function topicsOf(title: string, body: string[]): string[] {
  const counts = new Map<string, number>();
  addScores(title, 2, counts);
  for (const b of body) addScores(b, 1, counts);
  const scores = new Map<string, { score: number; words: number }>();
  for (const [w, n] of counts) {
    for (const t of lexicon().get(w)!) {
      const s = scores.get(t) ?? { score: 0, words: 0 };
      scores.set(t, { score: s.score + Math.min(n, PER_WORD_CAP), words: s.words + 1 });
    }
  }
  const ranked = [...scores]
    .filter(([, s]) => s.score >= MIN_SCORE && s.words >= MIN_WORDS)
    .map(([t, s]): [string, number] => [t, s.score])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const best = ranked[0]?.[1] ?? 0;
  return ranked.filter(([, s], i) => i === 0 || (i === 1 && s >= best * SECOND_SHARE)).map(([t]) => t);
}

export function isTopic(id: string | undefined): id is string {
  return !!id && TOPIC_IDS.has(id);
}

export function topicLabel(id: string): string {
  return TOPICS.find((t) => t.id === id)?.label ?? id;
}

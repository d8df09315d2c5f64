/**
 * Names in scripts written without capitals (Arabic, Hebrew, Devanagari, Chinese): the story's Latin name words
 * found in them as the script writes them (مادورو, 马杜罗 = Maduro).
 */
import { wordTokens } from './text.ts';
import { hanNameRuns, hanWritesName, nonLatin, uncasedScript, withoutPrefix, writesName } from '../text/names.ts';
import type { EntityMention, EntityType, KnownName } from './entity-types.ts';
import { nameTokens } from './entity-words.ts';

/**
 * The Latin name words of a story's mentions (four letters or more), to find them in scripts without capitals: a
 * word of a typed name (person, place, …) or one that two reports write ("Maiquetía"), not any capitalized noun.
 */
export function knownNameWords(mentions: EntityMention[]): KnownName[] {
  const votes = new Map<string, { hints: Map<EntityType | null, number>; articles: Set<string> }>();
  for (const m of mentions) {
    if (m.designation || m.as) continue;
    for (const w of nameTokens(m.surface)) {
      if (w.length < 4 || nonLatin(w) || !/^\p{Lu}\p{Ll}/u.test(w)) continue;
      const v = votes.get(w) ?? votes.set(w, { hints: new Map(), articles: new Set() }).get(w)!;
      v.hints.set(m.hint, (v.hints.get(m.hint) ?? 0) + (m.weak || !m.hint ? 0.1 : 1));
      v.articles.add(m.article);
    }
  }
  const out: KnownName[] = [];
  for (const [word, v] of votes) {
    // the type most often seen, beside untyped mentions of the word alone ("Donald Trump" once, then "Trump")
    const typed = [...v.hints].filter(([h]) => h !== null).sort((a, b) => b[1] - a[1]);
    const hint = typed.length > 0 ? typed[0][0] : null;
    if (hint || v.articles.size >= 2) out.push({ word, hint });
  }
  return out;
}

/**
 * Mentions of known names in one sentence of a script written without capitals: Arabic-script, Hebrew and
 * Devanagari (or other Indian) words and runs of the Chinese characters used for foreign names that write a Latin
 * name word of the story (مادورو, מדורו, मादुरो, 马杜罗 = Maduro); names written next to each other are one mention
 * (نيكولاس مادورو). `memo` keeps each word's reading.
 */
export function uncasedMentions(
  article: string,
  si: number,
  sentence: string,
  known: KnownName[],
  memo: Map<string, KnownName | null>,
): EntityMention[] {
  const found: UncasedName[] = [];
  const read = (w: string, writes: (w: string, latin: string) => boolean): KnownName | null => {
    let k = memo.get(w);
    if (k === undefined) memo.set(w, (k = known.find((n) => writes(w, n.word)) ?? null));
    return k;
  };
  // words of the scripts read letter by letter (Arabic, Hebrew, Devanagari, …); Chinese is read by runs below
  if (uncasedScript(sentence.replace(/\p{Script=Han}+/gu, '')))
    for (const t of wordTokens(sentence)) {
      const script = uncasedScript(t.w);
      const name = script && script !== 'han' ? read(t.w, writesName) : null;
      // a word with "and", "in", … written onto it starts another name (ترامب وبوتين, טראמפ ופוטין: two people)
      if (name) found.push({ start: t.start, end: t.end, name, prefixed: withoutPrefix(t.w).some((f) => writesName(f, name.word)) });
    }
  if (/\p{Script=Han}/u.test(sentence))
    for (const run of hanNameRuns(sentence)) {
      const chars = [...run.text];
      for (let i = 0; i < chars.length;) {
        let hit: { end: number; name: KnownName } | null = null;
        for (let j = Math.min(chars.length, i + 8); j >= i + 2 && !hit; j--) {
          const part = chars.slice(i, j).join('');
          if (/[·•]/.test(part)) continue;
          const name = read(part, hanWritesName);
          if (name) hit = { end: j, name };
        }
        if (!hit) {
          i++;
          continue;
        }
        const start = run.start + chars.slice(0, i).join('').length;
        found.push({ start, end: run.start + chars.slice(0, hit.end).join('').length, name: hit.name });
        i = hit.end;
      }
    }
  return groupUncased(article, si, sentence, found);
}

/** A known name found in a sentence: where, and whether a prefix is written onto its word. */
interface UncasedName {
  start: number;
  end: number;
  name: KnownName;
  prefixed?: boolean;
}

/** Known names found side by side (a space or a '·' between) made one mention each. */
function groupUncased(article: string, si: number, sentence: string, found: UncasedName[]): EntityMention[] {
  const out: EntityMention[] = [];
  let cur: EntityMention | null = null;
  for (const f of found) {
    if (cur && !f.prefixed && /^[\s·•]*$/u.test(sentence.slice(cur.end, f.start))) {
      cur.end = f.end;
      cur.surface = cur.full = sentence.slice(cur.start, f.end);
      cur.as!.push(f.name.word);
      cur.hint = f.name.hint ?? cur.hint;
      continue;
    }
    const surface = sentence.slice(f.start, f.end);
    cur = {
      article,
      sentence: si,
      surface,
      full: surface,
      start: f.start,
      end: f.end,
      hint: f.name.hint,
      labels: [],
      designation: false,
      as: [f.name.word],
    };
    out.push(cur);
  }
  return out;
}

/**
 * Names across scripts: one person or place written Мадуро, Maduro, مادورو and 马杜罗 is one name. Scripts with
 * letter case are romanized by the any-ascii library (Мадуро → Maduro); Arabic-script words and runs of the Chinese
 * characters used to write foreign names are compared sound by sound with Latin names the story already knows,
 * since their spellings leave out vowels (Arabic) or add them (Chinese). Data: data/names.json.
 */
import anyAscii from 'any-ascii';
import data from './data/names.json' with { type: 'json' };
import { createLocales } from './locale.ts';

const NON_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;

/** The word is written in letters of another script than Latin (with or without letter case). */
export function nonLatin(w: string): boolean {
  return NON_LATIN_LETTER.test(w);
}

/** A name word in Latin letters: other scripts romanized (Мадуро → Maduro, Ил-76 → Il-76); Latin words unchanged. */
export function romanize(w: string): string {
  return nonLatin(w) ? anyAscii(w) : w;
}

let affixes: { cyrillicEndings: string[]; arabicPrefixes: string[] } | null = null;

/**
 * The name affixes of the locale files (`nameAffixes`: Russian and Ukrainian case endings, Arabic and Persian
 * prefixes written onto a word), by script, longest first: one source with clustering's country names.
 */
function nameAffixes(): { cyrillicEndings: string[]; arabicPrefixes: string[] } {
  if (affixes) return affixes;
  const locales = createLocales();
  const all = locales.languages.flatMap((l) => {
    const a = locales.get(l)?.data.nameAffixes;
    return a ? [...a.prefixes.map((p) => ['p', p]), ...a.suffixes.map((x) => ['s', x])] : [];
  });
  const pick = (kind: string, script: RegExp) => [...new Set(all.filter(([k, x]) => k === kind && script.test(x)).map(([, x]) => x))];
  const longestFirst = (l: string[]) => l.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return (affixes = {
    cyrillicEndings: longestFirst(pick('s', /^\p{Script=Cyrillic}+$/u)),
    arabicPrefixes: longestFirst(pick('p', /^\p{Script=Arabic}+$/u)),
  });
}

/** A Cyrillic name word and its stems without a case ending (Каракасом → Каракас; Венесуэлы → Венесуэл). */
export function cyrillicStems(w: string): string[] {
  const out = [w];
  if (!/\p{Script=Cyrillic}/u.test(w)) return out;
  for (const e of nameAffixes().cyrillicEndings)
    if (w.length - e.length >= 3 && w.toLowerCase().endsWith(e)) out.push(w.slice(0, -e.length));
  return out;
}

/** A word in a script written without capitals, read by sound here: 'arabic' (Arabic, Persian), 'han' or null. */
export function uncasedScript(w: string): 'arabic' | 'han' | null {
  if (/\p{Script=Arabic}/u.test(w)) return 'arabic';
  if (/\p{Script=Han}/u.test(w)) return 'han';
  return null;
}

type Unit = string;
const VOWELS = new Set(['a', 'i', 'u']);
const LATIN_UNITS = data.latinUnits.map(([s, u]) => [s, u] as const).sort((a, b) => b[0].length - a[0].length);
const SILENT = new Set(data.latinSilent);

/** The sound units of a Latin name (consonant classes in capitals, vowels a/i/u, semivowels w/y), doubles merged. */
export function latinUnits(name: string): Unit[] {
  const s = anyAscii(name)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const out: Unit[] = [];
  for (let i = 0; i < s.length;) {
    const hit = LATIN_UNITS.find(([src]) => s.startsWith(src, i));
    if (!hit) {
      i++;
      continue;
    }
    if (out[out.length - 1] !== hit[1]) out.push(hit[1]);
    i += hit[0].length;
  }
  return out;
}

const ARABIC = data.arabicLetters as Record<string, string>;

/** Sound units of an Arabic-script word as written (long vowels a, semivowels w/y; short vowels are not written). */
function arabicUnits(w: string): Unit[] {
  const out: Unit[] = [];
  for (const ch of w) {
    const u = ARABIC[ch];
    if (u && out[out.length - 1] !== u) out.push(u);
  }
  return out;
}

/** An Arabic letter (or pair) and a Latin sound that may write the same sound. */
function arabicFits(a: Unit, l: Unit): boolean {
  if (a === l) return true;
  switch (a) {
    case 'a':
      return VOWELS.has(l);
    case 'w':
      return l === 'u' || l === 'F';
    case 'y':
      return l === 'i' || l === 'J';
    case 'J':
      return l === 'G';
    case 'G':
      return l === 'J';
    default:
      return false;
  }
}

/** Every Latin unit is matched in order, or left out when the Arabic spelling does not write it (a vowel, h, w, y). */
function alignArabic(ar: Unit[], la: Unit[]): boolean {
  // reachable[j]: Latin units 0..j-1 consumed after the Arabic units read so far
  let reach = new Array<boolean>(la.length + 1).fill(false);
  reach[0] = true;
  const skip = (u: Unit) => VOWELS.has(u) || SILENT.has(u);
  const close = (r: boolean[]) => {
    for (let j = 0; j < la.length; j++) if (r[j] && skip(la[j])) r[j + 1] = true;
  };
  close(reach);
  for (const a of ar) {
    const next = new Array<boolean>(la.length + 1).fill(false);
    for (let j = 0; j < la.length; j++) if (reach[j] && arabicFits(a, la[j])) next[j + 1] = true;
    close(next);
    reach = next;
  }
  return reach[la.length];
}

function consonants(units: Unit[]): number {
  return units.filter((u) => !VOWELS.has(u) && !SILENT.has(u)).length;
}

/** An Arabic-script word (with a prefix such as ال or و written onto it) is the Latin name `latin` (مادورو = Maduro). */
export function arabicWritesName(word: string, latin: string): boolean {
  const la = latinUnits(latin);
  if (consonants(la) < 3) return false;
  const forms = [
    word,
    ...nameAffixes()
      .arabicPrefixes.filter((p) => word.startsWith(p) && word.length - p.length >= 3)
      .map((p) => word.slice(p.length)),
  ];
  return forms.some((f) => arabicUnits(f).length >= 3 && alignArabic(arabicUnits(f), la));
}

const HAN_CHARS = new Set([...data.hanChars]);
const HAN_INITIALS = data.hanInitials.map(([s, u]) => [s, u] as const);
const HAN_CLASSES = data.hanClasses.map((c) => new Set(c));

/** Maximal runs of the characters Chinese uses to write foreign names, with their offsets ("伊万·希尔" is one run). */
export function hanNameRuns(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  for (const m of text.matchAll(/[\p{Script=Han}·•]+/gu)) {
    let start = -1;
    const chars = [...m[0]];
    let off = m.index;
    for (let i = 0; i <= chars.length; i++) {
      const c = chars[i];
      const inRun = c !== undefined && (HAN_CHARS.has(c) || (start >= 0 && (c === '·' || c === '•')));
      if (inRun && start < 0) start = off;
      if (!inRun && start >= 0) {
        const run = text.slice(start, off).replace(/[·•]+$/, '');
        if ([...run].length >= 2) out.push({ text: run, start });
        start = -1;
      }
      if (c !== undefined) off += c.length;
    }
  }
  return out;
}

/** Consonant units of a Chinese syllable's pinyin: its initial and a nasal ending ("Long" → R N; "Er" → R). */
function hanUnits(chars: string): Unit[] {
  const out: Unit[] = [];
  for (const ch of chars) {
    if (!HAN_CHARS.has(ch)) continue;
    const py = anyAscii(ch).toLowerCase();
    if (py === 'er') {
      out.push('R');
      continue;
    }
    const ini = HAN_INITIALS.find(([s]) => py.startsWith(s));
    if (ini && ini[1]) out.push(ini[1]);
    if (/n$|ng$/.test(py)) out.push('n');
  }
  return out;
}

function hanFits(h: Unit, l: Unit): boolean {
  return h === l || HAN_CLASSES.some((c) => c.has(h) && c.has(l));
}

/** Each Chinese consonant matches the next Latin one (a nasal ending may be silent); the Latin r or l closing a syllable and an h may go unwritten. */
function alignHan(hu: Unit[], la: Unit[]): boolean {
  // Latin consonants (h kept: Chinese may write it or not); an r or l closing a syllable, or an h, may go unwritten
  const kept = (u: Unit) => !VOWELS.has(u) && u !== 'w' && u !== 'y';
  const lc = la.filter(kept);
  const coda = la.map(
    (u, i) => u === 'H' || ((u === 'R' || u === 'L') && i > 0 && VOWELS.has(la[i - 1]) && (i + 1 === la.length || !VOWELS.has(la[i + 1]))),
  );
  const codaC = la.flatMap((u, i) => (kept(u) ? [coda[i]] : []));
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    if (i === hu.length && j === lc.length) return true;
    const k = i * 1000 + j;
    const known = memo.get(k);
    if (known !== undefined) return known;
    let ok = false;
    if (i < hu.length && hu[i] === 'n') ok = (j < lc.length && (lc[j] === 'N' || lc[j] === 'M') && go(i + 1, j + 1)) || go(i + 1, j);
    else if (i < hu.length && j < lc.length && hanFits(hu[i], lc[j])) ok = go(i + 1, j + 1);
    if (!ok && j < lc.length && codaC[j]) ok = go(i, j + 1);
    memo.set(k, ok);
    return ok;
  };
  return go(0, 0);
}

/** A run of Chinese characters (at least two) writes the Latin name `latin` (马杜罗 = Maduro, 马克龙 = Macron). */
export function hanWritesName(run: string, latin: string): boolean {
  const la = latinUnits(latin);
  if (consonants(la) < 3 || [...run].length < 2) return false;
  const hu = hanUnits(run);
  return hu.filter((u) => u !== 'n').length >= 2 && alignHan(hu, la);
}

/**
 * Sound keys of a name word for comparing it with the same name in another script: the Latin sound units of the
 * word and of its Cyrillic stems, without h, w and y (Каракасом → KaRaKaZ, as Caracas).
 */
export function soundKeys(w: string): string[] {
  const out = new Set<string>();
  for (const s of cyrillicStems(w))
    out.add(
      latinUnits(romanize(s))
        .filter((u) => !SILENT.has(u))
        .join(''),
    );
  return [...out].filter((k) => k.length >= 3);
}

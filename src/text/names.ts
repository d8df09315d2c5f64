/**
 * Names across scripts: one person or place written Мадуро, Maduro, مادورو and 马杜罗 is one name. Scripts with
 * letter case are romanized by the any-ascii library (Мадуро → Maduro); Arabic-script words and runs of the Chinese
 * characters used to write foreign names are compared sound by sound with Latin names the story already knows,
 * since their spellings leave out vowels (Arabic) or add them (Chinese). Data: data/names.json.
 */
import anyAscii from 'any-ascii';
import data from './data/names.json' with { type: 'json' };
import { createLocales } from './locale.ts';
import { hanWritesName, isHanNameChar } from './han.ts';

export { hanWritesName };

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

/**
 * A word in a script written without capitals, read by sound here: 'arabic' (Arabic, Persian), 'hebrew', 'han',
 * 'brahmic' (Devanagari and the other scripts of India, romanized with their vowels) or null.
 */
export function uncasedScript(w: string): 'arabic' | 'hebrew' | 'han' | 'brahmic' | null {
  if (/\p{Script=Arabic}/u.test(w)) return 'arabic';
  if (/\p{Script=Hebrew}/u.test(w)) return 'hebrew';
  if (/\p{Script=Han}/u.test(w)) return 'han';
  if (/[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}\p{Script=Telugu}]/u.test(w))
    return 'brahmic';
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
    for (const u of hit[1]) if (out[out.length - 1] !== u) out.push(u); // x is two sounds (KZ)
    i += hit[0].length;
  }
  return out;
}

const ARABIC = data.arabicLetters as Record<string, string>;
const HEBREW = data.hebrewLetters as Record<string, string>;

/** Sound units of an Arabic- or Hebrew-script word as written (long vowels a, semivowels w/y; short vowels are not written). */
function abjadUnits(w: string, letters: Record<string, string>): Unit[] {
  const out: Unit[] = [];
  const chars = [...w];
  chars.forEach((ch, i) => {
    const u = letters[ch + (chars[i + 1] ?? '')] ?? letters[ch];
    if (u && out[out.length - 1] !== u) out.push(u);
  });
  return out;
}

/** An Arabic or Hebrew letter (or pair) and a Latin sound that may write the same sound. */
function arabicFits(a: Unit, l: Unit): boolean {
  if (a === l) return true;
  switch (a) {
    case 'a':
      return VOWELS.has(l);
    case 'E': // Hebrew ה: h, or a vowel at the end of a word
      return l === 'H' || VOWELS.has(l);
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

/** Hebrew letters written for more than one Latin sound: ב and פ for b, v, p or f; ש for s or sh. */
function hebrewFits(a: Unit, l: Unit): boolean {
  return arabicFits(a, l) || (a === 'B' && l === 'F') || (a === 'S' && l === 'Z');
}

/**
 * Every Latin unit is matched in order, or left out when the spelling does not write it (a vowel, h, w, y); a w or
 * y after a written long a may be the second half of a diphthong (بايدن = Biden, the i said "ai").
 */
function alignAbjad(ar: Unit[], la: Unit[], fits: (a: Unit, l: Unit) => boolean): boolean {
  // reachable[j]: Latin units 0..j-1 consumed after the Arabic units read so far
  let reach = new Array<boolean>(la.length + 1).fill(false);
  reach[0] = true;
  const skip = (u: Unit) => VOWELS.has(u) || SILENT.has(u);
  const close = (r: boolean[]) => {
    for (let j = 0; j < la.length; j++) if (r[j] && skip(la[j])) r[j + 1] = true;
  };
  close(reach);
  ar.forEach((a, k) => {
    const next = new Array<boolean>(la.length + 1).fill(false);
    const glide = (a === 'w' || a === 'y') && ar[k - 1] === 'a';
    for (let j = 0; j <= la.length; j++) {
      if (reach[j] && j < la.length && fits(a, la[j])) next[j + 1] = true;
      if (reach[j] && glide && j > 0 && VOWELS.has(la[j - 1])) next[j] = true;
    }
    close(next);
    reach = next;
  });
  return reach[la.length];
}

function consonants(units: Unit[]): number {
  return units.filter((u) => !VOWELS.has(u) && !SILENT.has(u)).length;
}

/** An Arabic-script word (with a prefix such as ال or و written onto it) is the Latin name `latin` (مادورو = Maduro). */
export function arabicWritesName(word: string, latin: string): boolean {
  const la = latinUnits(latin);
  if (consonants(la) < 3) return false;
  const forms = [word, ...withoutPrefix(word)];
  return forms.some((f) => abjadUnits(f, ARABIC).length >= 3 && alignAbjad(abjadUnits(f, ARABIC), la, arabicFits));
}

const HEBREW_PREFIXES = [...data.hebrewPrefixes].sort((a, b) => b.length - a.length);

/**
 * An Arabic-script or Hebrew word without each prefix its spelling may have written onto it ("and", "the", "in": وموسكو
 * → موسكو, ופוטין → פוטין), three letters left at least; none for other words.
 */
export function withoutPrefix(word: string): string[] {
  const script = uncasedScript(word);
  const prefixes = script === 'arabic' ? nameAffixes().arabicPrefixes : script === 'hebrew' ? HEBREW_PREFIXES : [];
  return prefixes.filter((p) => word.startsWith(p) && [...word].length - [...p].length >= 3).map((p) => word.slice(p.length));
}

/** A Hebrew word (with a prefix such as ו "and" or ב "in" written onto it) is the Latin name `latin` (פוטין = Putin). */
export function hebrewWritesName(word: string, latin: string): boolean {
  const la = latinUnits(latin);
  if (consonants(la) < 3) return false;
  const forms = [word, ...withoutPrefix(word)];
  return forms.some((f) => abjadUnits(f, HEBREW).length >= 3 && alignAbjad(abjadUnits(f, HEBREW), la, hebrewFits));
}

/** Maximal runs of the characters Chinese uses to write foreign names, with their offsets ("伊万·希尔" is one run). */
export function hanNameRuns(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  for (const m of text.matchAll(/[\p{Script=Han}·•]+/gu)) {
    let start = -1;
    const chars = [...m[0]];
    let off = m.index;
    for (let i = 0; i <= chars.length; i++) {
      const c = chars[i];
      const inRun = c !== undefined && (isHanNameChar(c) || (start >= 0 && (c === '·' || c === '•')));
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

const GREEK = data.greekDigraphs;
const NUKTA = data.nuktaLetters as Record<string, string>;

/**
 * A name word in Latin letters for comparing sounds, in each reading its spelling allows: Greek by its digraphs (μπ
 * is b or mb: Μπάιντεν → Baiden, Τραμπ → Tramb), letters with a nukta by their sound (ज़ → z), others by any-ascii.
 */
function soundSpellings(w: string): string[] {
  if (!/\p{Script=Greek}/u.test(w)) return [anyAscii(w.replace(/.\u093C/gu, (m) => NUKTA[m] ?? m))];
  let out = [
    w
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  ];
  for (const [g, ...readings] of GREEK) if (out[0].includes(g)) out = out.flatMap((s) => readings.map((r) => s.split(g).join(r)));
  return out.slice(0, 16).map((s) => anyAscii(s));
}

/** The sound units of a name without h, w and y, m written as n. */
function soundKey(w: string): string {
  return latinUnits(w)
    .filter((u) => !SILENT.has(u))
    .map((u) => (u === 'M' ? 'N' : u))
    .join('');
}

/** The consonants of a name, h, w and y left out and m written as n (ट्रंप: the nasal before p). */
function consonantKey(w: string): string {
  return latinUnits(w)
    .filter((u) => !VOWELS.has(u) && !SILENT.has(u))
    .map((u) => (u === 'M' ? 'N' : u))
    .filter((u, i, a) => u !== a[i - 1])
    .join('');
}

/**
 * Two sound keys one vowel apart: another vowel in one place (Трамп, Trump), or one more vowel beside a vowel or at
 * the end (Байден, Biden: the diphthong "ai"); a vowel between two consonants is not left out (Бедный ≠ Biden).
 */
function oneVowelApart(a: string, b: string): boolean {
  if (a.length === b.length) {
    const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    return diff.length <= 1 && diff.every((i) => VOWELS.has(a[i]) && VOWELS.has(b[i]));
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) {
    if (!VOWELS.has(long[i]) || long.slice(0, i) + long.slice(i + 1) !== short) continue;
    if (i === long.length - 1 || VOWELS.has(long[i - 1]) || VOWELS.has(long[i + 1])) return true;
  }
  return false;
}

/**
 * A word of a script that writes its vowels (Cyrillic, Greek, Devanagari, …; a Cyrillic case ending left off) is
 * the Latin name `latin`: the same sounds, or the same three consonants or more and one vowel apart at most
 * (Трамп = Trump, Зеленский = Zelensky; Бедный "poor" is not Biden).
 */
function spelledWritesName(word: string, latin: string): boolean {
  const lk = consonantKey(latin);
  const ls = soundKey(latin);
  return cyrillicStems(word).some((stem) =>
    soundSpellings(stem).some((spelled) => {
      const s = soundKey(spelled);
      if (s === ls && s.length >= 3) return true;
      const k = consonantKey(spelled);
      // the scripts of India are romanized without their unwritten vowels (लंदन → lmdn): their consonants decide
      return k.length >= 3 && k === lk && (uncasedScript(word) === 'brahmic' || oneVowelApart(s, ls));
    }),
  );
}

/**
 * The consonants of a name word in each reading of its spelling (a Cyrillic case ending left off, Greek digraphs read
 * both ways): a word of a script that writes its vowels writes a Latin name only if one of its keys is the name's.
 */
export function consonantKeys(w: string): string[] {
  if (!nonLatin(w)) return [consonantKey(w)];
  return [...new Set(cyrillicStems(w).flatMap((s) => soundSpellings(s).map(consonantKey)))];
}

/**
 * A word written in another script than Latin is the Latin name word `latin` (Путин, بوتين, פוטין, Πούτιν, पुतिन and
 * 普京 are Putin): each script read the way it writes sounds.
 */
export function writesName(word: string, latin: string): boolean {
  if (!nonLatin(word) || nonLatin(latin)) return false;
  switch (uncasedScript(word)) {
    case 'arabic':
      return arabicWritesName(word, latin);
    case 'hebrew':
      return hebrewWritesName(word, latin);
    case 'han':
      return hanWritesName(word, latin);
    default:
      return spelledWritesName(word, latin);
  }
}

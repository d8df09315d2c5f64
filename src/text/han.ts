/**
 * Foreign names written in Chinese characters (马杜罗 = Maduro, 普京 = Putin, 委内瑞拉 = Venezuela), read syllable by
 * syllable: each character's pinyin (from the any-ascii library) is an initial consonant, a vowel and perhaps a nasal
 * ending; a Latin name is written by a run when each character writes the next consonant (or none) and the vowel
 * after it — a vowel the pinyin final may write (data/names.json `hanVowels`), or none when Chinese adds a vowel to
 * a bare consonant (克 ke for the c of Macron). Readings the characters have in established names beside their
 * pinyin (瑞 for the s of Sweden and the z of Venezuela) are data too (`hanAlso`).
 */
import anyAscii from 'any-ascii';
import data from './data/names.json' with { type: 'json' };

const HAN_CHARS = new Set([...data.hanChars]);
const HAN_INITIALS = data.hanInitials.map(([s, u]) => [s, u] as const);
const HAN_CLASSES = data.hanClasses.map((c) => new Set(c));
const HAN_ALSO = data.hanAlso as Record<string, string[]>;
const HAN_VOWELS = data.hanVowels as Record<string, string>;
const SIBILANTS = new Set(data.hanSibilants);
const BARE = new Set(data.hanBare);
const LATIN_VOWELS = 'aeiou';
const LATIN_UNITS = data.latinUnits
  .map(([s, u]) => [s, LATIN_VOWELS.includes(s) ? s : u] as const)
  .sort((a, b) => b[0].length - a[0].length);

/** The characters Chinese uses to write foreign names. */
export function isHanNameChar(c: string): boolean {
  return HAN_CHARS.has(c);
}

/** One character read as a syllable: the consonants its initial may write ('' none), its vowels ('*' none) and nasal ending. */
interface Syllable {
  initials: string[];
  vowels: string;
  nasal: boolean;
  /** 尔 er: an r or l of the name, with no vowel */
  er: boolean;
}

function syllable(ch: string): Syllable | null {
  if (!HAN_CHARS.has(ch)) return null;
  const py = anyAscii(ch).toLowerCase();
  if (py === 'er') return { initials: ['R'], vowels: '*', nasal: false, er: true };
  const ini = HAN_INITIALS.find(([s]) => py.startsWith(s) && py.length > s.length);
  const initial = ini ? ini[0] : '';
  let final = py.slice(initial.length);
  let units = [ini ? ini[1] : ''];
  if (initial === 'w') units = final === 'u' ? [''] : ['F', 'w'];
  if (initial === 'y') {
    units = ['', 'y'];
    if (!/^[iu]/.test(final)) final = `i${final}`;
  }
  if (initial === 'w' && final !== 'u') final = `u${final}`;
  let vowels = HAN_VOWELS[final] ?? HAN_VOWELS[final.slice(1)] ?? '';
  // zi, ci, si write a bare z or s (斯 in 莫斯科 Moscow; Mexico's si is 西); shi, zhi, chi, ri a syllable or a bare consonant
  if (final === 'i' && BARE.has(initial)) vowels = '*';
  if (final === 'i' && SIBILANTS.has(initial)) vowels += '*';
  return { initials: [...units, ...(HAN_ALSO[ch] ?? [])], vowels, nasal: /n$|ng$/.test(final), er: false };
}

/**
 * The sounds of a Latin name: consonant classes in capitals (as names.ts), vowels as written (a e i o u); y and w
 * between a consonant and a vowel, or after a consonant at the end, are vowels.
 */
function latinSounds(name: string): string[] {
  const s = anyAscii(name)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    const hit = LATIN_UNITS.find(([src]) => s.startsWith(src, i));
    if (!hit) {
      i++;
      continue;
    }
    for (const u of hit[1]) if (out[out.length - 1] !== u) out.push(u); // x is two sounds (KZ)
    i += hit[0].length;
  }
  return out.map((u, i) => {
    const afterConsonant = i > 0 && /^[A-Z]$/.test(out[i - 1]);
    if (u === 'y' && afterConsonant) return 'i';
    if (u === 'w' && afterConsonant && i + 1 < out.length && LATIN_VOWELS.includes(out[i + 1])) return 'u';
    return u;
  });
}

const isVowel = (u: string | undefined) => u !== undefined && LATIN_VOWELS.includes(u);

function fits(h: string, l: string): boolean {
  return h === l || (h === 'F' && l === 'w') || HAN_CLASSES.some((c) => c.has(h) && c.has(l));
}

/** Latin sounds Chinese may leave unwritten at `j`: h, w, y; an r or l closing a syllable; the k of x; an s or d at the end, or a silent e. */
function silentAt(la: string[], j: number): boolean {
  const u = la[j];
  if (u === 'H' || u === 'w' || u === 'y') return true;
  if ((u === 'R' || u === 'L') && isVowel(la[j - 1]) && !isVowel(la[j + 1])) return true;
  if (u === 'K' && la[j + 1] === 'Z') return true; // x (ks) written as s: 墨西哥 Mexico
  if (j !== la.length - 1) return false;
  return u === 'Z' || u === 'D' || (u === 'e' && j > 0 && !isVowel(la[j - 1]));
}

/** The positions of the name after one syllable written from `j`. */
function syllableEnds(s: Syllable, la: string[], j: number): number[] {
  const out: number[] = [];
  for (const ini of s.initials) {
    let k = j;
    if (ini) {
      if (j >= la.length || isVowel(la[j]) || !fits(ini, la[j])) continue;
      k = j + 1;
    }
    const afterVowel: number[] = [];
    if (isVowel(la[k])) {
      if (!s.vowels.includes(la[k])) continue;
      afterVowel.push(k + 1);
      let r = k + 1;
      while (isVowel(la[r])) r++;
      if (r > k + 1) afterVowel.push(r);
    } else if (s.vowels.includes('*') && (ini || s.er)) afterVowel.push(k);
    for (const v of afterVowel) {
      out.push(v);
      if (s.nasal && (la[v] === 'N' || la[v] === 'M')) out.push(v + 1);
    }
  }
  return out;
}

/** A run of Chinese characters (at least two) writes the Latin name `latin` (马杜罗 = Maduro, 普京 = Putin). */
export function hanWritesName(run: string, latin: string): boolean {
  const chars = [...run];
  const sylls = chars.map(syllable);
  if (chars.length < 2 || sylls.some((s) => !s)) return false;
  const la = latinSounds(latin);
  if (la.filter((u) => /^[A-GI-Z]$/.test(u)).length < 3) return false;
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * 1000 + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok = i === chars.length && j === la.length;
    if (!ok && j < la.length && silentAt(la, j)) ok = go(i, j + 1);
    if (!ok && i < chars.length) ok = syllableEnds(sylls[i]!, la, j).some((e) => go(i + 1, e));
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

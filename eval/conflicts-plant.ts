/**
 * Planting for `npm run eval -- conflicts`: find a fact two articles of a
 * story both state (the same figure or date with a shared word next to it),
 * then rewrite one article's statement of it — to an incompatible value (a
 * planted conflict) or to a compatible wording (rounding, "about", units,
 * partial dates: must not be flagged). Independent of src/analyze: its own
 * patterns, so the analysis is not graded by its own reading.
 */

export interface Occurrence {
  article: string;
  start: number;
  end: number;
  text: string;
}

export interface SharedFact {
  kind: 'number' | 'date';
  key: string;
  /** the occurrence to rewrite */
  target: Occurrence;
  /** other articles stating the same value about the same thing */
  others: string[];
  /** the target article's publication day (YYYY-MM-DD) */
  published: string | null;
  /** two or more words shared next to the value (else one): clearly the same thing */
  strict: boolean;
}

export interface Rewrite {
  label: string;
  text: string;
  /** what a report value must contain to be this rewrite (planted values only) */
  marker: string;
}

const NUM_RE =
  /(?<![\p{L}\p{N}.,$£€:/-])([$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%|\spercent|\sper cent|\s(?:thousand|million|billion|trillion))?(?![\p{L}\p{N}:/-]|[.,]\d)/gu;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ALT =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.';
const DATE_RE = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\s(\\d{1,2})(?![\\p{N}:])`, 'gu');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY_RE = /(?<![\p{L}])(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)(?![\p{L}'’])/gu;
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const STOP = new Set(
  'the and for with from that this was were are has have had his her its their they them who which said says will would after before about over more than into also been being other some what when where while than then there these those each week year years day days'.split(
    ' ',
  ),
);

/** Words shared next to two statements of one value for them to be clearly the same fact. */
export const STRICT_SHARED = 2;

function monthOf(s: string): number {
  return MONTHS.findIndex((m) => m.slice(0, 3) === s.slice(0, 3));
}

/** Content stems within `n` words either side of [start, end), inside one sentence. */
function contextStems(text: string, start: number, end: number, n = 6): Set<string> {
  const left =
    text
      .slice(0, start)
      .split(/[.!?]\s/)
      .pop() ?? '';
  const right = text.slice(end).split(/[.!?](?:\s|$)/)[0] ?? '';
  const words = [...left.split(/\s+/).slice(-n), ...right.split(/\s+/).slice(0, n + 1)];
  const out = new Set<string>();
  for (const w0 of words) {
    const w = w0.toLowerCase().replace(/[^\p{L}]/gu, '');
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(w.replace(/(?:ies|es|s|ed|ing)$/, '').slice(0, 6));
  }
  return out;
}

interface Found extends Occurrence {
  kind: 'number' | 'date';
  key: string;
  ctx: Set<string>;
}

function numberKey(m: RegExpMatchArray): string | null {
  const v = Number(m[2].replace(/,/g, '') + (m[3] ?? ''));
  const unit = (m[4] ?? '').trim();
  const pct = /%|percent|per cent/.test(unit);
  const scale = SCALE[unit] ?? 1;
  if (!m[3] && !unit && !m[1] && v >= 1900 && v <= 2099) return null; // a year
  if (!pct && scale === 1 && v < 3) return null;
  return `${m[1] ? '$' : ''}${v * scale}${pct ? '%' : ''}`;
}

function numbersOf(id: string, text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(NUM_RE)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (/\p{Lu}[\p{L}.]*\s$/u.test(before) && !/['’]s\s$/.test(before)) continue; // "Section 1557", "June 16"
    if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT)/i.test(text.slice(m.index + m[0].length))) continue;
    const key = numberKey(m);
    if (key)
      out.push({
        kind: 'number',
        key,
        article: id,
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        ctx: contextStems(text, m.index, m.index + m[0].length),
      });
  }
  return out;
}

function datesOf(id: string, text: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    if (/\bthe\s$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue; // "the Jan. 6 riot": a name
    const d = Number(m[2]);
    if (d < 1 || d > 31) continue;
    out.push({
      kind: 'date',
      key: `${monthOf(m[1])}-${d}`,
      article: id,
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      ctx: contextStems(text, m.index, m.index + m[0].length),
    });
  }
  for (const m of text.matchAll(WEEKDAY_RE)) {
    if (/\bthe\s$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    out.push({
      kind: 'date',
      key: m[1],
      article: id,
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      ctx: contextStems(text, m.index, m.index + m[0].length),
    });
  }
  return out;
}

/** Facts stated by two or more articles of a story: one per (target article, value). */
export function sharedFacts(articles: Array<{ id: string; text: string; published: string | null }>): SharedFact[] {
  const found = articles.flatMap((a) => [...numbersOf(a.id, a.text), ...datesOf(a.id, a.text)]);
  const out: SharedFact[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    const k = f.article + '|' + f.key;
    if (seen.has(k)) continue;
    // a value the article states twice is ambiguous to rewrite
    if (found.filter((g) => g.article === f.article && g.key === f.key).length > 1) continue;
    const shared = (g: Found) => [...g.ctx].filter((w) => f.ctx.has(w)).length;
    const others = found.filter((g) => g.article !== f.article && g.key === f.key && shared(g) >= 1);
    if (others.length === 0) continue;
    const strict = others.some((g) => shared(g) >= STRICT_SHARED);
    seen.add(k);
    const published = articles.find((a) => a.id === f.article)?.published ?? null;
    out.push({
      kind: f.kind,
      key: f.key,
      target: { article: f.article, start: f.start, end: f.end, text: f.text },
      others: [...new Set(others.map((g) => g.article))],
      published,
      strict,
    });
  }
  return out;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
export function rng(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface NumParts {
  cur: string;
  int: string;
  dec: string;
  unit: string;
  value: number;
}

function parts(text: string): NumParts {
  const m = /^([$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)$/u.exec(text)!;
  return { cur: m[1] ?? '', int: m[2], dec: m[3] ?? '', unit: m[4] ?? '', value: Number(m[2].replace(/,/g, '') + (m[3] ?? '')) };
}

function formatLike(p: NumParts, v: number, decimals = p.dec.length ? p.dec.length - 1 : 0): string {
  const s = v.toFixed(decimals);
  const [i, d] = s.split('.');
  const int = p.int.includes(',') || (Number(i) >= 10000 && p.int.length > 4) ? Number(i).toLocaleString('en-US') : i;
  return p.cur + int + (d ? '.' + d : '') + p.unit;
}

/** An incompatible value: at least 30% away, in the original's format. */
function plantNumber(text: string, r: () => number): Rewrite {
  const p = parts(text);
  const factors = [1.35, 1.5, 1.7, 0.6, 0.7];
  const f = factors[Math.floor(r() * factors.length)];
  let v = p.value * f;
  if (/%|percent/.test(p.unit) && v > 100) v = p.value * 0.6;
  const decimals = p.dec.length ? p.dec.length - 1 : 0;
  if (!decimals) v = Math.round(v);
  // keep the original's roundness: 62,500 → 84,000, not 84,375
  const zeros = /0+$/.exec(p.int.replace(/,/g, ''))?.[0].length ?? 0;
  if (!decimals && zeros) v = Math.round(v / 10 ** zeros) * 10 ** zeros;
  if (v === p.value) v = p.value + Math.max(1, Math.round(p.value * 0.5));
  const out = formatLike(p, v, decimals);
  return {
    label: 'planted',
    text: out,
    marker: out.replace(/^[$£€]\s?/, '').replace(/\s?(%|percent|per cent|thousand|million|billion|trillion)$/, ''),
  };
}

function plantDate(text: string, r: () => number): Rewrite {
  const shift = [2, 3, 4, -2, -3][Math.floor(r() * 5)];
  const wd = WEEKDAYS.indexOf(text);
  if (wd >= 0) {
    const w = WEEKDAYS[(wd + shift + 7) % 7];
    return { label: 'planted', text: w, marker: w };
  }
  const m = /^(\S+)\s(\d+)$/.exec(text)!;
  let d = Number(m[2]) + shift;
  if (d < 1 || d > 28) d = Number(m[2]) - shift;
  const out = `${m[1]} ${d}`;
  return { label: 'planted', text: out, marker: out };
}

export function plant(f: SharedFact, r: () => number): Rewrite {
  return f.kind === 'number' ? plantNumber(f.target.text, r) : plantDate(f.target.text, r);
}

function sig2(v: number, dir: 'round' | 'floor' | 'ceil'): number {
  if (v < 100) return v;
  const e = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math[dir](v / e) * e;
}

/** Compatible rewrites of a figure: "about"/"nearly"/"more than" a rounded value, dropped decimals, units. */
function numberVariants(text: string): Rewrite[] {
  const p = parts(text);
  const out: Rewrite[] = [];
  const r = sig2(p.value, 'round');
  out.push({ label: 'about', text: 'about ' + formatLike(p, r, r === p.value ? undefined : 0), marker: '' });
  const c = sig2(p.value, 'ceil');
  if (c > p.value) out.push({ label: 'nearly', text: 'nearly ' + formatLike(p, c, 0), marker: '' });
  const fl = sig2(p.value, 'floor');
  if (fl < p.value) out.push({ label: 'more than', text: 'more than ' + formatLike(p, fl, 0), marker: '' });
  if (p.dec) out.push({ label: 'rounding', text: formatLike(p, Math.round(p.value), 0), marker: '' });
  const unit = p.unit.trim();
  if (unit === '%') out.push({ label: 'unit', text: p.cur + p.int + p.dec + ' percent', marker: '' });
  else if (unit === 'percent') out.push({ label: 'unit', text: p.cur + p.int + p.dec + '%', marker: '' });
  else if (SCALE[unit] && Number.isInteger(p.value * SCALE[unit]))
    out.push({ label: 'unit', text: p.cur + (p.value * SCALE[unit]).toLocaleString('en-US'), marker: '' });
  else if (!unit && p.value >= 1e6 && p.value % 1e5 === 0)
    out.push({ label: 'unit', text: p.cur + String(p.value / 1e6) + ' million', marker: '' });
  return out;
}

/** Compatible rewrites of a date: the part of the month it lies in; a weekday as the calendar date it names. */
function dateVariants(text: string, published: string | null): Rewrite[] {
  const wd = WEEKDAYS.indexOf(text);
  if (wd >= 0) {
    if (!published) return [];
    const pub = new Date(published.slice(0, 10) + 'T00:00:00Z');
    const back = (pub.getUTCDay() - wd + 7) % 7;
    const d = new Date(pub.getTime() - back * 86_400_000);
    return [{ label: 'weekday as date', text: `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`, marker: '' }];
  }
  const m = /^(\S+)\s(\d+)$/.exec(text)!;
  const d = Number(m[2]);
  const part = d <= 10 ? 'early' : d <= 20 ? 'mid' : 'late';
  const month = MONTHS[monthOf(m[1])];
  const out: Rewrite[] = [{ label: 'partial date', text: `${part === 'mid' ? 'mid-' : part + ' '}${month}`, marker: '' }];
  if (published) out.push({ label: 'date with year', text: `${month} ${d}, ${published.slice(0, 4)}`, marker: '' });
  return out;
}

/**
 * `before`: the article's text before the occurrence (a qualifier there rules out the qualified rewrites); `after`:
 * the text after it (a year written there rules out adding one: "March 14, 2020" would read "March 14, 2021, 2020").
 */
export function variants(f: SharedFact, before: string, after = ''): Rewrite[] {
  if (f.kind === 'date')
    return dateVariants(f.target.text, f.published).filter((w) => w.label !== 'date with year' || !/^,?\s*\d{4}\b/.test(after));
  const qualified =
    /\b(?:about|around|nearly|almost|roughly|approximately|more than|over|at least|up to|fewer than|less than|some|upward of|upwards of)\s$/i.test(
      before,
    );
  return numberVariants(f.target.text).filter((w) => !qualified || !['about', 'nearly', 'more than'].includes(w.label));
}

/** The article text with the target occurrence replaced. */
export function rewrite(text: string, o: Occurrence, w: Rewrite): string {
  return text.slice(0, o.start) + w.text + text.slice(o.end);
}

/**
 * Article metadata from a parsed page: title, byline, published date,
 * language, site name. Sources, strongest first: JSON-LD (incl. @graph and
 * arrays), OpenGraph/article:* and other <meta> vocabularies (Dublin Core,
 * parsely, sailthru, itemprop), <time datetime>, microdata, <html lang>,
 * then text patterns.
 */
import type { El } from './dom.ts';
import { elements, norm, parseDocument, textOf } from './dom.ts';
import { foldToken, monthAlternation, MONTHS } from '../../util/calendar.ts';

export interface PageMeta {
  title: string | null;
  byline: string | null;
  published: string | null;
  publishedEvidence: string | null;
  language: string | null;
  siteName: string | null;
  /** <title> text, uncleaned. */
  docTitle: string | null;
  /** The article's text as its JSON-LD `articleBody` states it (paragraph breaks kept), when it is plain text. */
  articleBody?: string | null;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

/** schema.org types of an article: the kinds of Article, and posts. */
const ARTICLE_TYPES = new RegExp(
  [
    String.raw`^(?:\w+:)?(?:(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical|Scholarly|Tech|Advertiser\w*)?Article`,
    String.raw`BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|Report|Posting|Blog)$`,
  ].join('|'),
  'i',
);

function isObj(v: Json | undefined): v is JsonObj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function types(o: JsonObj): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in a JSON-LD value, depth-first (bounded). */
function flattenLd(v: Json, out: JsonObj[], depth = 0): void {
  if (depth > 6 || out.length > 500) return;
  if (Array.isArray(v)) for (const x of v) flattenLd(x, out, depth + 1);
  else if (isObj(v)) {
    out.push(v);
    const g = v['@graph'];
    if (g !== undefined) flattenLd(g, out, depth + 1);
    const me = v['mainEntity'] ?? v['mainEntityOfPage'];
    if (isObj(me) && types(me).length) flattenLd(me, out, depth + 1);
  }
}

/**
 * JSON-LD `articleBody` as plain text with its paragraph breaks, or null when absent or not plain text (markup in
 * it is not read here: the page's own markup is). Entities are decoded by the same parser as the page.
 */
function articleBodyText(v: Json | undefined): string | null {
  // No `<` inside the tag pattern: a run of "<a<a<a…" is scanned once (linear time).
  if (typeof v !== 'string' || /<\/?[a-z][^<>]*>/i.test(v)) return null;
  // Without "&" there is no entity to decode: the text is read as it is (no parse of a megabyte of "&lt;").
  const t = (v.includes('&') ? textOf(parseDocument(v.replace(/</g, '&lt;')).root) : v)
    .split('\n')
    .map((p) => norm(p))
    .filter(Boolean)
    .join('\n');
  return t || null;
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const s = norm(v);
    return s || null;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v))
    for (const x of v) {
      const s = str(x);
      if (s) return s;
    }
  if (isObj(v)) return str(v['@value'] ?? v['name']);
  return null;
}

function personNames(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    const s = norm(v);
    return s && !/^https?:/i.test(s) ? [s] : [];
  }
  if (Array.isArray(v)) return v.flatMap((x) => personNames(x));
  if (isObj(v)) {
    const n = v['name'];
    if (typeof n === 'string' || Array.isArray(n)) return personNames(n);
    const parts = [str(v['givenName']), str(v['familyName'])].filter(Boolean);
    if (parts.length) return [parts.join(' ')];
  }
  return [];
}

function parseJsonLd(raw: string[]): JsonObj[] {
  const out: JsonObj[] = [];
  for (const r of raw) {
    if (r.length > 2_000_000) continue;
    let v: Json;
    try {
      v = JSON.parse(
        r
          .trim()
          .replace(/^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$/g, '')
          .trim(),
      ) as Json;
    } catch {
      try {
        // Tolerate raw control characters inside strings, a frequent defect.
        v = JSON.parse(
          r
            .trim()
            .replace(/^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$/g, '')
            .replace(/[\u0000-\u001f]+/g, ' '),
        ) as Json;
      } catch {
        continue;
      }
    }
    flattenLd(v, out);
  }
  return out;
}

/** A date string turned into ISO 8601 (keeping a stated offset); null when not a plausible date. */
export function toIsoDate(s: string | null | undefined, now: Date): string | null {
  if (!s) return null;
  const t = s.trim();
  let m = t.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/);
  let iso: string | null = null;
  if (m) {
    const [, y, mo, d, h, mi, se, z] = m;
    if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31) return null;
    if (h === undefined) iso = `${y}-${mo}-${d}`;
    else {
      const zone = z ? (z === 'Z' ? 'Z' : z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z) : '';
      iso = `${y}-${mo}-${d}T${h}:${mi}:${se ?? '00'}${zone}`;
    }
  } else if ((m = t.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})/))) {
    iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  } else if ((m = t.match(/^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2}))?$/))) {
    iso = `${m[1]}-${m[2]}-${m[3]}`;
  } else if (/^\d{10,13}$/.test(t)) {
    const n = Number(t);
    iso = new Date(t.length > 11 ? n : n * 1000).toISOString();
  } else if (/[a-z]/i.test(t) && /\d{4}/.test(t) && t.length < 80) {
    const ms = Date.parse(t.replace(/\s+(at|um|à)\s+/i, ' ').replace(/(\d)(st|nd|rd|th)\b/, '$1'));
    if (!Number.isNaN(ms)) iso = new Date(ms).toISOString();
  }
  if (!iso) return null;
  const ms = Date.parse(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(ms)) return null;
  if (ms > now.getTime() + 2 * 86400_000 || ms < Date.UTC(1990, 0, 1)) return null;
  return iso;
}

const MONTH_RE = monthAlternation();
const TEXT_DATE_RES: RegExp[] = [
  new RegExp(`(?<![\\p{L}\\p{N}])(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu'),
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:de\\s+)?(${MONTH_RE})\\.?,?\\s+(?:de\\s+)?(\\d{4})\\b`, 'iu'),
  /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/,
  /\b(\d{4})-(\d{2})-(\d{2})\b/,
  /\b(\d{4})\/(\d{2})\/(\d{2})\b/,
];

/** Finds a date stated in running text ("May 31, 2012", "31. Mai 2012", "31.05.2012", "2012-05-31"). */
export function dateFromText(s: string, now: Date): string | null {
  for (let i = 0; i < TEXT_DATE_RES.length; i++) {
    const m = s.match(TEXT_DATE_RES[i]);
    if (!m) continue;
    let y: number, mo: number, d: number;
    if (i === 0) [mo, d, y] = [MONTHS.get(foldToken(m[1])) ?? 0, +m[2], +m[3]];
    else if (i === 1) [d, mo, y] = [+m[1], MONTHS.get(foldToken(m[2])) ?? 0, +m[3]];
    else if (i === 2) [d, mo, y] = [+m[1], +m[2], +m[3]];
    else [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (!mo || mo > 12 || d < 1 || d > 31) continue;
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const r = toIsoDate(iso, now);
    if (r) return r;
  }
  return null;
}

/** Date in a URL path: /2020/05/31/ or /2020-05-31/. */
function dateFromUrl(url: string | null, now: Date): string | null {
  if (!url) return null;
  const m = url.match(/\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/);
  if (!m) return null;
  return toIsoDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`, now);
}

const TITLE_KEYS = [
  'dc:title',
  'dc.title',
  'dcterms.title',
  'dcterm:title',
  'og:title',
  'twitter:title',
  'parsely-title',
  'sailthru.title',
  'title',
  'headline',
];
const AUTHOR_KEYS = [
  'dc:creator',
  'dc.creator',
  'dcterms.creator',
  'dcterm:creator',
  'author',
  'article:author',
  'parsely-author',
  'sailthru.author',
  'byl',
  'byline',
  'twitter:creator',
  'citation_author',
  'og:article:author',
  'article:author_name',
  'cxenseparse:author',
];
const DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'published_time',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'dc.date.created',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'article.published',
  'date',
  'citation_publication_date',
  'citation_date',
  'datecreated',
  'article:post_date',
  'timestamp',
  'dc:date',
  'og:updated_time',
  'article:modified_time',
  'datemodified',
  'last-modified',
];

function cleanByline(s: string | null): string | null {
  if (!s) return null;
  let t = norm(s).replace(/^(?:by|von|par|por|di|door|av|af|autor(?:in)?:?|author:?)\s+/i, '');
  t = t.replace(/\s*[|•·]\s*$/, '').trim();
  if (!t || t.length > 200 || /^https?:\/\//i.test(t) || (/^@?\w+$/.test(t) && t.startsWith('@'))) return null;
  return t;
}

/** Particles that may start a lowercase word inside a person's name. */
const NAME_PARTICLE = /^(?:de|da|di|del|della|der|den|van|von|la|le|du|dos|das|bin|ibn|al|el|y|e|and|und|et|&)$/i;

/** A cleaned byline that reads as one or a few person names: 2–8 words, letters, most words capitalised. */
function looksLikePerson(s: string): boolean {
  if (s.length < 4 || s.length > 80 || /\d|https?:|@|[|:!?]/.test(s)) return false;
  const words = s.split(/[\s,]+/).filter(Boolean);
  if (words.filter((w) => w.replace(/\.$/, '').length >= 2).length < 2 || words.length > 8) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLE.test(w) || /^\p{Lu}?\.$/u.test(w));
}

/** An account handle rather than a name: one token with digits, an @ or underscores. */
function looksLikeHandle(s: string): boolean {
  return !/\s/.test(s.trim()) && /[\d@_]/.test(s);
}

/** How many elements after the first <h1> a byline still counts as the article's own. */
const NEAR_HEADLINE = 60;

/** True when the element's classes/id mention authorship. */
const BYLINE_HINT = /(?:^|[\s_-])(?:byline|author|autor|auteur|writer|creator|dateline)(?:$|[\s_-])|by-line|byLine/i;

/** What one pass over the page's elements finds: meta elements, headings, dates and author hints. */
interface PageSignals {
  metas: Map<string, string>;
  /** Meta elements that name authors, each with every value stated (several authors come as repeated metas). */
  authorMetas: Map<string, string[]>;
  htmlLang: string | null;
  docTitle: string | null;
  h1s: string[];
  /** Lower headings: a page whose <h1> is its logo names the work in an <h2>/<h3>. */
  subHeads: string[];
  timeEl: string | null;
  itemDate: string | null;
  itemAuthor: string | null;
  relAuthor: string | null;
  bylineEl: string | null;
  visibleNames: string[];
  /** Visible names within a few elements after the first headline (the article's own byline). */
  nearNames: string[];
  elIndex: number;
  h1Index: number;
}

function noteMeta(sig: PageSignals, e: El): void {
  const keys = (e.attrs.property || e.attrs.name || e.attrs.itemprop || e.attrs['http-equiv'] || '').toLowerCase().trim().split(/\s+/);
  const val = e.attrs.content;
  if (val && val.trim()) {
    for (const key of keys) {
      if (key && !sig.metas.has(key)) sig.metas.set(key, val.trim());
      // Several authors are often stated as repeated meta elements.
      if (key && AUTHOR_KEYS.includes(key)) {
        const list = sig.authorMetas.get(key) ?? [];
        if (list.length < 8 && !list.includes(val.trim())) list.push(val.trim());
        sig.authorMetas.set(key, list);
      }
    }
  }
  if (e.attrs.itemprop === 'datePublished' && val) sig.itemDate ??= val;
}

/** The document's language, title, headings, metas and first <time>. */
function noteDocument(sig: PageSignals, e: El): void {
  const t = e.tag;
  if (t === 'html') sig.htmlLang ??= e.attrs.lang || e.attrs['xml:lang'] || null;
  else if (t === 'meta') noteMeta(sig, e);
  else if (t === 'title' && sig.docTitle === null) sig.docTitle = norm(textOf(e)) || null;
  else if (t === 'h1' && sig.h1s.length < 5) {
    const s = norm(textOf(e));
    if (s) sig.h1s.push(s);
  } else if ((t === 'h2' || t === 'h3') && sig.subHeads.length < 10) {
    const s = norm(textOf(e));
    if (s && s.length <= 300) sig.subHeads.push(s);
  } else if (t === 'time' && sig.timeEl === null) {
    const dt = e.attrs.datetime || e.attrs.content;
    const cls = `${e.attrs.class ?? ''} ${e.attrs.itemprop ?? ''}`;
    if (dt && (e.attrs.pubdate !== undefined || /publish|date|time|created/i.test(cls) || !sig.timeEl)) sig.timeEl = dt;
  }
}

/** Microdata, rel=author links and elements whose class or id says byline or author. */
function noteAuthorship(sig: PageSignals, e: El): void {
  const t = e.tag;
  const ip = e.attrs.itemprop;
  if (ip === 'datePublished' && !sig.itemDate) sig.itemDate = e.attrs.content || e.attrs.datetime || norm(textOf(e));
  else if (ip === 'author' && !sig.itemAuthor && t !== 'meta' && t !== 'link') {
    const nameEl = [...elements(e)].find((x) => x.attrs.itemprop === 'name');
    sig.itemAuthor = nameEl ? (nameEl.attrs.content ?? norm(textOf(nameEl))) : norm(textOf(e));
  }
  if (t === 'a' && !sig.relAuthor && /\bauthor\b/i.test(e.attrs.rel ?? '')) sig.relAuthor = norm(textOf(e));
  const structural = t === 'meta' || t === 'html' || t === 'body';
  if (
    !sig.bylineEl &&
    (e.attrs.class || e.attrs.id || e.attrs.rel) &&
    !structural &&
    BYLINE_HINT.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''} ${e.attrs.rel ?? ''}`)
  ) {
    const s = norm(textOf(e));
    if (s && s.length < 100 && /\p{L}/u.test(s)) sig.bylineEl = s;
  }
  // Visible bylines that read as person names (the first few, in document order).
  if (
    sig.visibleNames.length < 8 &&
    !structural &&
    t !== 'link' &&
    (ip === 'author' ||
      /\bauthor\b/i.test(e.attrs.rel ?? '') ||
      ((e.attrs.class || e.attrs.id) && BYLINE_HINT.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`)))
  ) {
    const c = cleanByline(norm(textOf(e)).slice(0, 200));
    if (c && looksLikePerson(c)) {
      sig.visibleNames.push(c);
      if (sig.h1Index >= 0 && sig.elIndex - sig.h1Index <= NEAR_HEADLINE) sig.nearNames.push(c);
    }
  }
}

function scanPage(root: El): PageSignals {
  const sig: PageSignals = {
    metas: new Map(),
    authorMetas: new Map(),
    htmlLang: null,
    docTitle: null,
    h1s: [],
    subHeads: [],
    timeEl: null,
    itemDate: null,
    itemAuthor: null,
    relAuthor: null,
    bylineEl: null,
    visibleNames: [],
    nearNames: [],
    elIndex: 0,
    h1Index: -1,
  };
  for (const e of elements(root)) {
    sig.elIndex++;
    if (e.tag === 'h1' && sig.h1Index < 0) sig.h1Index = sig.elIndex;
    noteDocument(sig, e);
    noteAuthorship(sig, e);
  }
  return sig;
}

function pickTitle(sig: PageSignals, art: JsonObj | null): string | null {
  const { docTitle, metas } = sig;
  let title: string | null = null;
  if (art) {
    const headline = str(art['headline']);
    const name = str(art['name']);
    // Some sites put a description in one of the two: keep the one closer to the <title>.
    title =
      headline && name && headline !== name && docTitle
        ? overlap(name, docTitle) * overlap(docTitle, name) > overlap(headline, docTitle) * overlap(docTitle, headline)
          ? name
          : headline
        : (headline ?? name);
  }
  for (const k of TITLE_KEYS) if (!title) title = metas.get(k) ? norm(metas.get(k) as string) : null;
  if (!title && docTitle) title = cleanDocTitle(docTitle, sig.h1s, sig.subHeads);
  if (!title && sig.h1s.length) title = sig.h1s[0];
  return title;
}

function pickByline(sig: PageSignals, art: JsonObj | null): string | null {
  const { nearNames, visibleNames } = sig;
  let byline: string | null = null;
  if (art) {
    const names = [...new Set(personNames(art['author'] ?? art['creator']))];
    if (names.length) byline = names.join(', ');
  }
  for (const k of AUTHOR_KEYS) {
    if (byline) break;
    const vs = (sig.authorMetas.get(k) ?? []).filter((v) => !/^https?:/i.test(v) && !(k === 'twitter:creator' && v.startsWith('@')));
    if (vs.length) byline = vs.join(vs.some((v) => v.includes(',')) ? '; ' : ', ');
  }
  byline = cleanByline(byline);
  // A visible byline that names a person beats metadata naming an account handle or
  // someone who appears in no visible byline (a column name, the page's editor).
  const visible = nearNames[0] ?? visibleNames[0] ?? null;
  if (byline && looksLikeHandle(byline) && visible) byline = visible;
  else if (byline && nearNames.length && byline.toLowerCase() !== nearNames[0].toLowerCase()) {
    const metaNames = byline
      .split(/\s*(?:;|,(?=\s*\p{Lu}\p{L}+\s+\p{Lu})|\band\b|&)\s*/u)
      .map((x) => x.toLowerCase())
      .filter(Boolean);
    const seen = visibleNames.join(' | ').toLowerCase();
    if (!metaNames.some((n) => seen.includes(n))) byline = nearNames[0];
  }
  return byline ?? cleanByline(sig.itemAuthor) ?? cleanByline(sig.relAuthor) ?? visible ?? cleanByline(sig.bylineEl);
}

/** The publication date and where it was read: JSON-LD, meta, itemprop, <time>, the URL, any JSON-LD object. */
function pickPublished(
  sig: PageSignals,
  art: JsonObj | null,
  ld: JsonObj[],
  url: string | null,
  now: Date,
): { published: string | null; evidence: string | null } {
  const fromArt = art ? toIsoDate(str(art['datePublished']) ?? str(art['dateCreated']), now) : null;
  if (fromArt) return { published: fromArt, evidence: 'json-ld' };
  for (const k of DATE_KEYS) {
    const v = toIsoDate(sig.metas.get(k), now);
    if (v) return { published: v, evidence: 'meta' };
  }
  const { itemDate } = sig;
  const fromItem = toIsoDate(itemDate, now) ?? (itemDate ? dateFromText(itemDate, now) : null);
  if (fromItem) return { published: fromItem, evidence: 'itemprop' };
  const fromTime = toIsoDate(sig.timeEl, now);
  if (fromTime) return { published: fromTime, evidence: 'time' };
  const fromUrl = dateFromUrl(url, now);
  if (fromUrl) return { published: fromUrl, evidence: 'url' };
  for (const o of ld) {
    const v = toIsoDate(str(o['datePublished']), now);
    if (v) return { published: v, evidence: 'json-ld' };
  }
  return { published: null, evidence: null };
}

function pickLanguage(sig: PageSignals, art: JsonObj | null): string | null {
  const { metas } = sig;
  const lang =
    sig.htmlLang ??
    metas.get('content-language') ??
    metas.get('og:locale') ??
    (art ? str(art['inLanguage']) : null) ??
    metas.get('language') ??
    metas.get('dc.language') ??
    null;
  return lang
    ? lang
        .trim()
        .replace(/_/g, '-')
        .split(/[,;\s]/)[0] || null
    : null;
}

function pickSiteName(sig: PageSignals, art: JsonObj | null, ld: JsonObj[]): string | null {
  let siteName = sig.metas.get('og:site_name') ?? null;
  if (!siteName && art && isObj(art['publisher'])) siteName = str(art['publisher']['name']);
  if (!siteName) {
    const site = ld.find((o) => types(o).includes('WebSite'));
    if (site) siteName = str(site['name']);
  }
  siteName ??= sig.metas.get('application-name') ?? null;
  return siteName ? norm(siteName) : null;
}

export function extractMeta(root: El, jsonLdRaw: string[], url: string | null, now: Date): PageMeta {
  const sig = scanPage(root);
  const ld = parseJsonLd(jsonLdRaw);
  const art = ld.find((o) => types(o).some((x) => ARTICLE_TYPES.test(x))) ?? ld.find((o) => o['headline'] !== undefined) ?? null;
  const { published, evidence } = pickPublished(sig, art, ld, url, now);
  return {
    title: pickTitle(sig, art),
    byline: pickByline(sig, art),
    published,
    publishedEvidence: evidence,
    language: pickLanguage(sig, art),
    siteName: pickSiteName(sig, art, ld),
    docTitle: sig.docTitle,
    articleBody: art ? articleBodyText(art['articleBody']) : null,
  };
}

/** Share of a's words found in b. */
function overlap(a: string, b: string): number {
  const wb = new Set(b.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const wa = a
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return wa.length ? wa.filter((w) => wb.has(w)).length / wa.length : 0;
}

/**
 * The <title> without a site-name part: keeps the part an <h1> matches, else one a lower heading matches (the
 * <h1> of some sites is their logo), else the longest part.
 */
function cleanDocTitle(t: string, h1s: string[], subHeads: string[] = []): string {
  const lowerH1 = h1s.map((h) => h.toLowerCase());
  if (lowerH1.includes(t.toLowerCase())) return t;
  const parts = t.split(/\s+[|\-–—»·:]\s+|\s+::\s+/);
  if (parts.length < 2) return t;
  for (const p of parts) if (lowerH1.includes(p.toLowerCase())) return p;
  const lowerSub = subHeads.map((h) => h.toLowerCase());
  for (const p of parts) if (p.split(/\s+/).length >= 2 && lowerSub.includes(p.toLowerCase())) return p;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : t;
}

/** A byline stated in the article's first lines ("By Jane Doe", "Von Max Muster"). */
export function bylineFromText(lines: string[]): string | null {
  for (const l of lines.slice(0, 4)) {
    const m = l.match(
      /^(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or|[Dd]oor)\s+([\p{Lu}][\p{L}.'-]+(?:\s+(?:and|und|et|y|[\p{Lu}][\p{L}.'-]+)){0,6})/u,
    );
    if (m && l.length < 120) return m[1].trim();
  }
  return null;
}

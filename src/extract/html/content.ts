/**
 * Parallax's main-content finder. Over the light tree from dom.ts:
 *  1. prune page furniture: hidden elements, navigation/aside/footer tags,
 *     and elements whose class/id tokens name boilerplate (menus, sharing,
 *     related links, comments, cookie banners, ads… in several languages),
 *     unless they hold most of the page's text;
 *  2. score text-bearing blocks (length, commas, sentences, link density)
 *     and propagate the scores to their ancestors;
 *  3. pick the best container (semantic hints help: <article>, <main>,
 *     itemprop=articleBody), widen it to siblings that carry prose;
 *  4. read blocks out of it in order and drop the ones that look like
 *     furniture (link lists, share bars, short bylines/datelines).
 */
import type { TextBlock } from '../../model.ts';
import type { El, Node } from './dom.ts';
import { elements, norm, textOf } from './dom.ts';
import { filterBlocks, type ContentResult, type RawBlock } from './furniture.ts';

export { filterForeignBlocks, type ContentResult } from './furniture.ts';

/** Block-level tags; every other tag is read as inline (custom elements with a dash count as blocks). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'noframes',
  'option',
  'optgroup',
  'iframe',
  'video',
  'audio',
  'picture',
  'head',
  'title',
  'xmp',
  'plaintext',
]);
const isInline = (tag: string): boolean => !BLOCK.has(tag) && !tag.includes('-');
const INLINE = { has: isInline };
const ALWAYS_DROP = new Set([
  'head',
  'nav',
  'aside',
  'footer',
  'input',
  'dialog',
  'menu',
  'img',
  'picture',
  'source',
  'link',
  'meta',
  'base',
  'title',
  'hr',
  'figcaption',
  'rt',
  'rp',
  'label',
  'option',
  'optgroup',
  'datalist',
  'output',
  'progress',
  'meter',
]);
const HEADING = /^h[1-6]$/;

/** Class/id tokens that name page furniture (several languages). */
const BAD_TOKENS = new Set(
  (
    'nav navbar navigation navi menu menus mainmenu submenu topmenu breadcrumb breadcrumbs crumbs footer foot sidebar side ' +
    'sidenav sidecol widget widgets social socials share shares sharing sharebar share-buttons sociallinks shariff addthis ' +
    'related relatedposts recommended recommendations recommend promo promos promotion ad ads advert adverts advertisement ' +
    'advertising anzeige werbung sponsor sponsored banner cookie cookies consent gdpr cmp newsletter subscribe subscription ' +
    'signup login comment comments kommentar kommentare commentaires comentarios disqus respond reply replies popup modal ' +
    'overlay masthead pagination pager paging tags tagcloud taglist skip skiplink print toolbar outbrain taboola teaser-list ' +
    'more-articles morearticles trending popular mostread most-read meistgelesen readmore weiterlesen author-box authorbox ' +
    'author-bio bio about-author rating ratings copyright legal impressum disclaimer hidden sr-only visually-hidden ' +
    'screen-reader-text offscreen header topbar top-bar utility search searchbox searchform jump-links toc linklist link-list ' +
    'sitemap subnav secondary complementary contentinfo banner-ad rail author authors autor byline byl post-meta entry-meta ' +
    'postmeta article-meta meta-info dateline credit credits caption captions image-credit photo-credit wp-caption-text ' +
    'carousel slider gallery-nav lightbox video-player player newsletter-signup paywall premium-teaser infobox-nav ' +
    'relatedarticles related-articles related-content article-related'
  ).split(/\s+/),
);
/** Class/id tokens that name the content. */
const GOOD_TOKENS = new Set(
  (
    'article articles content contents main post posts entry entries story text body blog artikel beitrag inhalt haupt ' +
    'main-content maincontent articlebody article-body post-content entry-content story-body news page-content single hentry ' +
    'h-entry richtext rich-text prose'
  ).split(/\s+/),
);
/** Furniture names found inside longer class/id words ("commentlist", "site-sidebar-left"). */
const BAD_SUBSTR = new RegExp(
  [
    'comment|kommentar|sidebar|breadcrumb|cookie|newsletter|disqus|related|footer|navbar|social|advert|sponsor|promo|popup',
    'sharing|shariff|widget|pagination|skyscraper|outbrain|taboola',
  ].join('|'),
  'i',
);
/** Content names that outweigh a furniture name in the same class/id. */
const GOOD_SUBSTR = /article|body|content|main|entry|post|story|text|column/i;
const BAD_ROLES = new Set([
  'navigation',
  'banner',
  'complementary',
  'contentinfo',
  'search',
  'menu',
  'menubar',
  'dialog',
  'alert',
  'alertdialog',
  'toolbar',
  'tablist',
]);

const NO_TOKENS: string[] = [];

/**
 * The element's id when it names the element rather than the slug of its own heading: documentation and wiki
 * generators give every section the slug of its title (`id="sharing-with-a-single-developer"` on the section
 * headed "Sharing with a single developer"), which says nothing of furniture. Only slugs of 4+ words are taken
 * for titles: a section `id="comments"` headed "Comments" is still judged by its id.
 */
function ownId(e: El): string | undefined {
  const id = e.attrs.id;
  if (!id || id.split(/[-_]/).length < 4) return id;
  for (const c of e.children) {
    if (typeof c === 'string') {
      if (c.trim()) return id;
      continue;
    }
    if (!HEADING.test(c.tag)) return id;
    const slug = norm(textOf(c))
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '');
    return slug === id.toLowerCase().replace(/_/g, '-') ? undefined : id;
  }
  return id;
}

function tokens(e: El, cache?: Map<string, string[]>): string[] {
  const c = e.attrs.class;
  const id = ownId(e);
  if (!c && !id) return NO_TOKENS;
  const s = `${c ?? ''} ${id ?? ''}`.toLowerCase();
  const hit = cache?.get(s);
  if (hit) return hit;
  const out = tokenize(s);
  cache?.set(s, out);
  return out;
}

function tokenize(s: string): string[] {
  const out: string[] = [];
  for (const t of s.split(/\s+/)) {
    if (!t) continue;
    out.push(t);
    const parts = t.split(/[-_]+|(?<=[a-z])(?=\d)/);
    if (parts.length > 1) for (const p of parts) if (p) out.push(p);
  }
  return out;
}

function classWeight(e: El): number {
  let w = 0;
  for (const t of tokens(e)) {
    if (BAD_TOKENS.has(t)) w -= 25;
    else if (GOOD_TOKENS.has(t)) w += 25;
  }
  return Math.max(-50, Math.min(50, w));
}

function isHidden(e: El): boolean {
  const a = e.attrs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  const st = a.style;
  return !!st && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(st);
}

interface Stat {
  /** Normalized text length of the subtree. */
  text: number;
  /** Text length inside links. */
  link: number;
  /** Accumulated content score (from descendant paragraphs). */
  score: number;
  /** Whether the subtree was scored as a candidate. */
  cand: boolean;
}

export interface ContentOptions {
  /** Headline text, when known (the headline stays in the body as a heading block). */
  title: string | null;
}

function countText(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

/** One page being read: the body, each element's lengths and score, the elements pruned as furniture. */
interface Page {
  body: El;
  stats: Map<El, Stat>;
  removed: Set<El>;
}

const stat = (page: Page, e: El): Stat => page.stats.get(e) as Stat;

/** Pass 1: text/link lengths bottom-up, pruning hidden/furniture elements. */
function measure(page: Page, e: El, inLink: boolean): Stat {
  const st: Stat = { text: 0, link: 0, score: 0, cand: false };
  const isLink = e.tag === 'a';
  for (const c of e.children) {
    if (typeof c === 'string') {
      const n = countText(c);
      st.text += n;
      if (inLink || isLink) st.link += n;
      continue;
    }
    if (
      page.removed.has(c) ||
      ALWAYS_DROP.has(c.tag) ||
      isHidden(c) ||
      (c.tag === 'figure' && !holdsContent(c)) ||
      (c.tag === 'noscript' && !holdsProse(c))
    ) {
      page.removed.add(c);
      continue;
    }
    const cs = measure(page, c, inLink || isLink);
    st.text += cs.text;
    st.link += cs.link;
  }
  page.stats.set(e, st);
  return st;
}

/** Pass 2: boilerplate by class/id/role, unless it holds most of the page's text. */
function pruneBoilerplate(page: Page, e: El, total: number, tokenCache: Map<string, string[]>): void {
  for (const c of e.children) {
    if (typeof c === 'string' || page.removed.has(c)) continue;
    const role = c.attrs.role;
    const t = tokens(c, tokenCache);
    const ci = t.length ? `${c.attrs.class ?? ''} ${ownId(c) ?? ''}` : '';
    const bad =
      (role && BAD_ROLES.has(role)) ||
      (t.some((x) => BAD_TOKENS.has(x)) && !t.some((x) => GOOD_TOKENS.has(x))) ||
      (ci && BAD_SUBSTR.test(ci) && !GOOD_SUBSTR.test(ci)) ||
      c.tag === 'header';
    if (bad && c.tag !== 'body' && c.tag !== 'main' && c.tag !== 'article' && stat(page, c).text < total * 0.35) {
      page.removed.add(c);
      continue;
    }
    pruneBoilerplate(page, c, total, tokenCache);
  }
}

/** The text of an element's inline content, and how much of it is in links. */
function inlineText(page: Page, e: El): { text: string; link: number } {
  const parts: string[] = [];
  let link = 0;
  const walk = (n: El, inLink: boolean): void => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        parts.push(c);
        if (inLink) link += countText(c);
      } else if (INLINE.has(c.tag) && !page.removed.has(c)) walk(c, inLink || c.tag === 'a');
    }
  };
  walk(e, e.tag === 'a');
  return { text: norm(parts.join(' ')), link };
}

/** Pass 3: scores each paragraph-like block into its ancestors; returns the elements scored (the candidates). */
function scoreBlocks(page: Page): El[] {
  const candidates: El[] = [];
  const addScore = (e: El, v: number): void => {
    const st = page.stats.get(e);
    if (!st) return;
    if (!st.cand) {
      st.cand = true;
      st.score += baseScore(e);
      candidates.push(e);
    }
    st.score += v;
  };
  const score = (e: El): void => {
    let hasBlockChild = false;
    for (const c of e.children) {
      if (typeof c !== 'string' && !page.removed.has(c)) {
        if (!INLINE.has(c.tag)) hasBlockChild = true;
        score(c);
      }
    }
    if (INLINE.has(e.tag) || HEADING.test(e.tag)) return;
    const { text, link } = inlineText(page, e);
    if (text.length < 25) return;
    if (hasBlockChild && e.tag !== 'p' && e.tag !== 'td' && text.length < 60) return;
    const ld = link / Math.max(1, text.length);
    if (ld > 0.6) return;
    const commas = Math.min(8, (text.match(/[,،、，]/g) ?? []).length);
    const sentences = (text.match(/[.!?。！？](?:\s|$)/g) ?? []).length;
    const v = (1 + commas + Math.min(sentences, 4) * 0.5 + Math.min(Math.floor(text.length / 100), 3)) * (1 - ld);
    addScore(e, v * 0.5);
    let a: El | null = e.parent;
    for (let level = 0; a && level < 4; level++, a = a.parent) {
      if (a.tag === '#root' || a.tag === 'html') break;
      addScore(a, level === 0 ? v : level === 1 ? v / 2 : v / (level * 3));
    }
  };
  score(page.body);
  return candidates;
}

/** The candidate with the best score once its link text is discounted (every candidate's score is discounted). */
function bestCandidate(page: Page, candidates: El[]): { best: El; topScore: number } | null {
  let best: El | null = null;
  let topScore = 0;
  for (const c of candidates) {
    const st = stat(page, c);
    const ld = st.text ? st.link / st.text : 0;
    const s = st.score * (1 - ld);
    st.score = s;
    if (s > topScore) {
      topScore = s;
      best = c;
    }
  }
  return best ? { best, topScore } : null;
}

/**
 * Another strong candidate near the winner, under an ancestor with little link text: the article is split into
 * parts (chunks between figures, wrapped to different depths), and the ancestor holding them is the article.
 */
function enclosePartsOf(page: Page, top: El, candidates: El[], topScore: number): El {
  const strong = candidates
    .filter((c) => c !== top && stat(page, c).score >= topScore * 0.5 && !isAncestor(c, top) && !isAncestor(top, c))
    .slice(0, 50);
  if (strong.length === 0) return top;
  for (let a: El | null = top.parent, depth = 0; a && a !== page.body && a.tag !== '#root' && depth < 6; a = a.parent, depth++) {
    const inside = strong.filter((c) => isAncestor(a as El, c)).length;
    const as = stat(page, a);
    if (inside >= 1 && as.link / Math.max(1, as.text) < 0.3) return a;
  }
  return top;
}

/**
 * The nearest semantic container (<article>, <main>, itemprop=articleBody) that encloses the winner without much
 * more text, or with little link text, is preferred.
 */
function semanticContainer(page: Page, top: El): El {
  const topText = stat(page, top).text;
  for (let up: El | null = top.parent; up && up !== page.body && up.tag !== '#root'; up = up.parent) {
    if (!isSemanticArticle(up)) continue;
    const st = stat(page, up);
    return st.text < topText * 1.6 || (st.text < topText * 3 && st.link / Math.max(1, st.text) < 0.2) ? up : top;
  }
  return top;
}

/**
 * Climbs through transparent wrappers, and to a parent whose other children carry prose too (an article split
 * into several sections or wrappers).
 */
function climbWrappers(page: Page, top: El): El {
  for (let i = 0; i < 8; i++) {
    const p: El | null = top.parent;
    if (!p || p === page.body || p.tag === '#root' || p.tag === 'html') break;
    const ps = stat(page, p);
    const ts = stat(page, top);
    if (ps.text <= ts.text * 1.15 + 20) {
      top = p;
      continue;
    }
    let prose = 0;
    for (const c of p.children) {
      if (typeof c === 'string' || c === top || page.removed.has(c)) continue;
      const cs = page.stats.get(c);
      if (cs && cs.cand && cs.score >= ts.score * 0.2 && cs.text > 150 && cs.link / Math.max(1, cs.text) < 0.3) prose += cs.text;
    }
    if (prose > 0 && prose >= (ps.text - ts.text) * 0.5 && ps.link / Math.max(1, ps.text) < 0.35) top = p;
    else break;
  }
  return top;
}

/** The content's parts: the chosen element and the siblings that carry prose, in document order. */
function contentParts(page: Page, top: El): El[] {
  const parent = top.parent;
  if (!parent || parent === page.body.parent) return [top];
  const parts: El[] = [];
  const threshold = Math.max(10, stat(page, top).score * 0.2);
  for (const c of parent.children) {
    if (typeof c === 'string' || page.removed.has(c)) continue;
    if (c === top) {
      parts.push(c);
      continue;
    }
    const cs = page.stats.get(c);
    if (!cs || cs.text === 0) continue;
    const ld = cs.link / cs.text;
    if (cs.cand && cs.score >= threshold && ld < 0.3) parts.push(c);
    else if (c.tag === 'p') {
      const { text, link } = inlineText(page, c);
      const pld = link / Math.max(1, text.length);
      if ((text.length > 80 && pld < 0.25) || (text.length > 0 && text.length <= 80 && pld === 0 && /[.!?]$/.test(text))) parts.push(c);
    }
  }
  return parts;
}

/** Finds the article body and returns it as blocks; empty when nothing qualifies. */
export function extractContent(root: El, _opts: ContentOptions): ContentResult {
  const page: Page = { body: findBody(root), stats: new Map(), removed: new Set() };
  const total = measure(page, page.body, false).text || 1;
  pruneBoilerplate(page, page.body, total, new Map());
  // Lengths again, without the pruned furniture.
  measure(page, page.body, false);
  const candidates = scoreBlocks(page);
  const won = bestCandidate(page, candidates);
  if (!won) return { blocks: [], bylineLine: null };
  let top = enclosePartsOf(page, won.best, candidates, won.topScore);
  top = semanticContainer(page, top);
  top = climbWrappers(page, top);
  const blocks: TextBlock[] = [];
  const region = { v: 0 };
  for (const p of contentParts(page, top)) collectBlocks(p, page.removed, blocks, won.best, region);
  return filterBlocks(blocks);
}

/** A <figure> that holds a table, code or a quote rather than a picture and its caption. */
function holdsContent(e: El): boolean {
  for (const c of e.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'table' || c.tag === 'pre' || c.tag === 'blockquote' || holdsContent(c)) return true;
  }
  return false;
}

/** A <noscript> that holds an article's paragraphs rather than a pixel or an "enable JavaScript" notice. */
function holdsProse(e: El): boolean {
  let n = 0;
  for (const d of elements(e)) {
    if (d.tag === 'p' && (n += textOf(d).length) >= 200) return true;
  }
  return false;
}

function isAncestor(a: El, e: El): boolean {
  for (let p = e.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function isSemanticArticle(e: El): boolean {
  if (e.tag === 'article' || e.tag === 'main') return true;
  const ip = e.attrs.itemprop;
  return ip === 'articleBody' || ip === 'text' || e.attrs.role === 'main';
}

function baseScore(e: El): number {
  let s = 0;
  switch (e.tag) {
    case 'article':
      s = 10;
      break;
    case 'main':
    case 'section':
    case 'div':
      s = 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      s = 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      s = -3;
      break;
    case 'th':
      s = -5;
  }
  if (e.attrs.itemprop === 'articleBody') s += 30;
  return s + classWeight(e);
}

function findBody(root: El): El {
  for (const c of root.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'body') return c;
    if (c.tag === 'html') {
      for (const d of c.children) if (typeof d !== 'string' && d.tag === 'body') return d;
      return c;
    }
  }
  return root;
}

/** Reads blocks out of a subtree in document order. */
function collectBlocks(el: El, removed: Set<El>, out: TextBlock[], core: El | null = null, region = { v: 1 }): void {
  const buf: string[] = [];
  let bufLink = 0;
  const flush = (kind: TextBlock['kind'], tag: string): void => {
    const text = norm(buf.join(''));
    if (text) out.push({ kind, text, link: bufLink, tag, region: region.v } as RawBlock);
    buf.length = 0;
    bufLink = 0;
  };
  const kindOf = (tag: string): TextBlock['kind'] =>
    HEADING.test(tag)
      ? 'heading'
      : tag === 'li' || tag === 'dd' || tag === 'dt'
        ? 'list-item'
        : tag === 'blockquote'
          ? 'quote'
          : 'paragraph';
  let brRun = 0;
  const walk = (n: El, inLink: boolean, blockTag: string): void => {
    for (const c of n.children as Node[]) {
      if (typeof c === 'string') {
        buf.push(c);
        if (inLink) bufLink += countText(c);
        if (c.trim()) brRun = 0;
        continue;
      }
      if (removed.has(c)) continue;
      if (c.tag === 'br') {
        buf.push(' ');
        if (++brRun >= 2) flush(kindOf(blockTag), blockTag);
        continue;
      }
      if (INLINE.has(c.tag)) {
        walk(c, inLink || c.tag === 'a', blockTag);
        continue;
      }
      brRun = 0;
      flush(kindOf(blockTag), blockTag);
      const tag = c.tag === 'td' || c.tag === 'th' ? 'td' : c.tag;
      if (c === core) region.v = 1;
      walk(c, inLink || c.tag === 'a', tag);
      flush(kindOf(tag), tag);
      if (c === core) region.v = 2;
    }
  };
  if (el === core) region.v = 1;
  walk(el, false, el.tag);
  flush(kindOf(el.tag), el.tag);
  if (el === core) region.v = 2;
}

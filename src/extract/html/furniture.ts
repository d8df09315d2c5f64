/**
 * The furniture filter over the blocks read out of a page's content (content.ts) or by another extractor: link
 * lists, share bars, notices, credits and captions, datelines and bylines, "related articles" sections and what
 * follows the end of the article. Word lists of several languages; the related-content headings are data
 * (related.ts).
 */
import type { TextBlock } from '../../model.ts';
import { RELATED_HEADING } from './related.ts';

export interface RawBlock extends TextBlock {
  link: number;
  tag: string;
  /** 0 before the densest container, 1 inside it, 2 after it. */
  region?: number;
}

export interface ContentResult {
  blocks: TextBlock[];
  /** A bare byline line ("By Jane Doe") found at the top of the body and dropped from it. */
  bylineLine: string | null;
}

const SHARE_LINE =
  /^(?:share|teilen|tweet|drucken|print|e-?mail|facebook|twitter|whatsapp|linkedin|pinterest|xing|reddit|telegram|copy link|link kopieren|partager|compartir|condividi|delen|read more|weiterlesen|advertisement|anzeige|werbung|publicidad|publicité|pubblicità|reklama)\b.{0,40}$/i;

/** A bare byline line ("By Jane Doe", "Von Max Muster"). */
const BYLINE_LINE = /^(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or|[Dd]oor)\s+\p{Lu}[\p{L}.'-]+(?:\s+(?:and|und|et|y|\p{Lu}[\p{L}.'-]+)){0,5}$/u;

/** A label and a teaser title after it in one block ("Read also: Port upgrade to finish by 2027"): three words after the colon. */
const INLINE_TEASER = /:\s*\S+\s+\S+\s+\S+/u;

/** Short furniture lines: subscription, cookie, comment and rights notices (several languages). */
const NOTICE =
  /\b(?:folgen sie uns|follow us|s[ií]guenos|nos siga|suivez-nous|^gefällt mir|be sociable|subscrib\w*|newsletter\w*|sign(?:ing)? up|log ?in\b|cookies?|privacy policy|all rights reserved|comments?\b|kommentar\w*|kommentieren|abonn\w*|registrier\w*|datenschutz\w*|privatsphäre|alle rechte vorbehalten|droits réservés|commentaires?|suscríbete|comentarios?|derechos reservados|commenti|iscriviti|komentarz\w*|subskrypcj\w*)/i;

/** Picture credits and captions' source lines. */
const CREDIT =
  /^(?:\(?(?:fotos?|photos?|photograph(?:y|s)?(?: by)?|bild(?:er)?|titelbild|image|credits?|crédits?(?: photos?)?|crédito|quelle|source|fuente|źródło|abbildung|grafik|illustration|video)\s*[:/©]|©|\(c\)\s)|getty images|\breuters\b|\bafp\b|\bdpa\b|\bimago\b|shutterstock|istock|picture[ -]alliance|keystone|\bepa\b|\bap photo\b/i;

/** A figure's caption ("Abbildung 4: …", "Figure 2: …") or a caption crediting a stock-photo or public-domain source. */
const FIGURE_CAPTION =
  /^(?:abbildung|abb\.|fig(?:ure|\.)|figura|rycina|ryc\.|beitragsbild|titelbild)\s*\d*\s*:|[/©]\s*(?:[\p{L}\s.-]{0,40}\/\s*)?(?:pixelio(?:\.de)?|unsplash|pexels|pixabay|wikimedia(?: commons)?|public domain|domena publiczna|domaine public|dominio público)\s*\.?$/iu;

/** A caption: a short line that ends in a picture credit ("… (Foto: Getty)", "… © Agency", "…, photo: Archive"), or starts with an enlarge-button label. */
const CAPTION_TAIL =
  /(?:\(\s*(?:fotos?|photos?|bild(?:er)?|image|credits?|crédits?|quelle|source|fuente|foto\s*\/\s*grafik)\s*:[^()]{1,60}\)|©\s*[^.!?©]{1,50}|[,.]\s*(?:fotos?|photos?|bild|image)\s*:\s*[^.!?]{1,60})\.?$|^(?:vergrößern|enlarge|zoom|agrandir|ampliar|ingrandisci|vergroten|powiększ)\s/i;

/** Reading-time labels in several languages. */
const READING_TIME =
  /\b\d+\s*(?:min(?:ute)?s?|minuten|minut|minutos?|minuti)\.?\s+(?:read|reading|lesezeit|lesedauer|czytania|de lecture|de lectura|di lettura|leestijd)\b|^(?:lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura|tempo di lettura|czas czytania)\s*:?\s*(?:ca\.?\s*)?\d+/i;

/** Category/tag/contact label lines. */
const LABEL_LINE =
  /^(?:kategorien?|categor(?:y|ies)|tags?|schlagw(?:o|ö)rte?|themen|topics|filed under|posted in|veröffentlicht in|erstellt am|eingestellt von|posted by|aufrufe|views|telefon|tel\.|fax|e-mail|ansprechpartner\w*|pressekontakt|kontakt)\b\s*:?/i;

const DATE_OR_TIME =
  /\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}\.?\s+\p{L}{3,}\.?(?:\s+\d{4})?\b/u;

/** Words that may stand beside a date in a dateline ("Updated 3 May 2020, 14:05"). */
const DATE_WORDS =
  /^(?:\p{L}{1,3}|jan\p{L}*|feb\p{L}*|f[ée]v\p{L}*|m[aä]r\p{L}*|apr\p{L}*|avr\p{L}*|ma[iy]\p{L}*|jun\p{L}*|jui\p{L}*|jul\p{L}*|aug\p{L}*|ao[uû]t|ago\p{L}*|sep\p{L}*|set\p{L}*|o[ck]t\p{L}*|nov\p{L}*|d[eé][cz]\p{L}*|dic\p{L}*|mon\p{L}*|tue\p{L}*|wed\p{L}*|thu\p{L}*|fri\p{L}*|sat\p{L}*|sun\p{L}*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|uhr|updated|published|posted|aktualisiert|veröffentlicht|publié|publicado|actualizado|stand|datum|date|fecha|modified|last|veröffentlichung|opublikowano|zaktualizowano|aktualizacja|publicación|pubblicato|aggiornato|gepubliceerd|bijgewerkt)$/iu;

const NUMERIC_DATE = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b/;
const MONTH_ABBR =
  /^(?:jan|feb|fév|fev|mar|mär|apr|avr|abr|mai|may|mei|jun|jui|jul|lug|aug|ago|aoû|sep|set|okt|oct|ott|nov|dez|dec|déc|dic|gen|ene|sty|lut|kwi|maj|cze|lip|wrz|paź|lis|gru|mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)\.?$/i;

function isDateLine(t: string): boolean {
  if (t.length > 60 || !DATE_OR_TIME.test(t)) return false;
  const words = t
    .replace(/[\d:./,\-–|()•·]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length > 4 || !words.every((w) => DATE_WORDS.test(w))) return false;
  // "12 Mai", not "20,2 Mio." or "15 – 30 Min": without a numeric date, time or year, a word must name a month or day.
  return NUMERIC_DATE.test(t) || words.some((w) => w.length > 3 || MONTH_ABBR.test(w));
}

/**
 * The same furniture filter over blocks read by another extractor (the Readability
 * fallback), given each block's text and the length of its link text.
 */
export function filterForeignBlocks(blocks: readonly (TextBlock & { link: number })[]): TextBlock[] {
  return filterBlocks(blocks.map((b) => ({ kind: b.kind, text: b.text, link: b.link, tag: '' }))).blocks;
}

/** An app advertisement ("Download our app for iOS and Android"), from its first sentence on. */
function isAppAdvert(b: TextBlock): boolean {
  // One closing a paragraph of article text is cut off later, with the paragraph kept.
  const lead = b.text.length < 200 ? b.text.split(/(?<=[.!?])\s+/u)[0] : '';
  return (
    !!lead &&
    b.kind !== 'heading' &&
    /\b(?:download|herunterladen|laden sie|get|hol dir|descarga|télécharge[rz]?)\b.{0,80}\bapps?\b|\bapps?\b.{0,60}\b(?:ios|android|app store|google play)\b/i.test(
      lead,
    ) &&
    /\b(?:our|unsere[rn]?|the|die|notre|nuestra|la)\b|\b(?:app|apps)\s*[.!]?$/i.test(lead)
  );
}

/** A block that is furniture on its own: links, share and notice lines, dates, credits, captions, labels. */
function isFurnitureBlock(b: RawBlock): boolean {
  const len = b.text.length;
  const ld = b.link / Math.max(1, len);
  if (ld > 0.5 && (b.kind === 'list-item' || len < 200)) return true;
  if (ld > 0.8) return true;
  if (len < 40 && SHARE_LINE.test(b.text)) return true;
  if (len < 160 && b.kind !== 'heading' && NOTICE.test(b.text)) return true;
  if (isAppAdvert(b)) return true;
  if (isDateLine(b.text)) return true;
  if (len < 120 && b.kind !== 'heading' && CREDIT.test(b.text)) return true;
  if (len < 300 && b.kind !== 'heading' && FIGURE_CAPTION.test(b.text)) return true;
  if (len < 250 && b.kind === 'paragraph' && CAPTION_TAIL.test(b.text)) return true;
  // A reading-time line ("4 min read", "Lesezeit: 3 Minuten", "11 minut czytania").
  if (len < 80 && READING_TIME.test(b.text)) return true;
  // A download link's label ("Report as PDF (123 KB)").
  if (
    len < 140 &&
    /\b\d+(?:[.,]\d+)?\s*(?:[kKMG]i?B|[kK]byte|MByte)\b/.test(b.text) &&
    /\b(?:pdf|download|herunterladen|datei|file|docx?|xlsx?|zip|mp3)\b/i.test(b.text)
  )
    return true;
  return len < 80 && LABEL_LINE.test(b.text);
}

/** Very short labels next to dropped furniture are furniture too ("Tags", "PDF", a topic name). */
function dropShortLabels(raw: TextBlock[], keep: boolean[]): void {
  const shortLabel = (b: TextBlock): boolean =>
    b.kind === 'paragraph' && b.text.length < 30 && !/[.!?:;,]/.test(b.text) && b.text.split(' ').length <= 2;
  for (let i = 0; i < raw.length; i++) {
    if (
      keep[i] &&
      shortLabel(raw[i]) &&
      ((i > 0 && !keep[i - 1]) || (i + 1 < raw.length && !keep[i + 1]) || i === 0 || i === raw.length - 1)
    )
      keep[i] = false;
  }
}

/**
 * A "related articles"-style heading after the start drops its section, up to a long paragraph of prose (the
 * article going on after an inline "Read more" line).
 */
function dropRelatedSections(raw: TextBlock[], keep: boolean[]): void {
  let seenText = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b.text.length < 80 && seenText > 300 && RELATED_HEADING.test(b.text.replace(/[:.!?\s]+$/, ''))) {
      keep[i] = false;
      // "Read also: <the teaser's title>" in one block is one teaser inside the text, not the heading of a section.
      if (b.kind !== 'heading' && INLINE_TEASER.test(b.text)) continue;
      for (let j = i + 1; j < raw.length && raw[j].kind !== 'heading' && !isProse(raw[j] as RawBlock, 300); j++) keep[j] = false;
    }
    if (keep[i]) seenText += b.text.length;
  }
}

/** A heading (or a short label ending in ':') whose section was all dropped goes too. */
function dropEmptySections(raw: TextBlock[], keep: boolean[]): void {
  for (let i = raw.length - 1; i >= 0; i--) {
    const b = raw[i];
    if (!keep[i] || !(b.kind === 'heading' || (b.text.length < 60 && /[:?]$/.test(b.text)))) continue;
    let j = i + 1;
    let dropped = 0;
    let kept = 0;
    while (j < raw.length && raw[j].kind !== 'heading' && kept === 0) {
      if (keep[j]) kept++;
      else dropped++;
      j++;
    }
    if (kept === 0 && (dropped > 0 || j === raw.length)) keep[i] = false;
  }
}

export function filterBlocks(raw: TextBlock[]): ContentResult {
  let bylineLine: string | null = null;
  const keep = raw.map((b0, i) => {
    const b = b0 as RawBlock;
    if (isFurnitureBlock(b)) return false;
    if (i < 4 && b.text.length < 60 && BYLINE_LINE.test(b.text)) {
      bylineLine ??= b.text;
      return false;
    }
    return true;
  });
  dropShortLabels(raw, keep);
  dropRelatedSections(raw, keep);
  endOfArticle(raw as RawBlock[], keep);
  headDatelines(raw as RawBlock[], keep);
  dropEmptySections(raw, keep);
  const out: TextBlock[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!keep[i]) continue;
    const b = raw[i];
    if (out.length && out[out.length - 1].text === b.text) continue;
    out.push({ kind: b.kind, text: b.text });
  }
  return { blocks: out, bylineLine };
}

/** A paragraph of running prose: long, few links, ending like a sentence. */
function isProse(b: RawBlock, min: number): boolean {
  return b.kind === 'paragraph' && b.text.length >= min && b.link / b.text.length < 0.2 && /[.!?…"“”»«)]$/.test(b.text);
}

/**
 * Lines that close a post rather than continue it (several languages): the post's filing line
 * ("This entry was posted in…", "abgelegt unter…"), like and rating widgets, appeals to support
 * the publication or write to it.
 */
const END_MARKER = new RegExp(
  [
    String.raw`\b(?:posted in|filed under|bookmark the permalink|abgelegt unter|veröffentlicht unter|publié dans|classé dans|publicado en|archiviato in|geplaatst in|opublikowano w)\b|\bwurde unter\b.{1,100}\babgelegt\b`,
    String.raw`^(?:gefällt mir|like this|j['’]aime(?: ceci)?|me gusta(?: esto)?|mi piace|vind ik leuk|lubię to)\s*:?$`,
    String.raw`^(?:liken\s+)?(?:lade|loading|chargement|cargando|caricamento|laden|wczytywanie)\s*(?:\.\.\.|…)$`,
    String.raw`\((?:noch )?keine bewertungen\)|\b\d+\s+(?:votes?|stimmen|bewertungen|avis|votos|voti|głos(?:ów|y)?)\b[^.]{0,30}(?:loading|lade)`,
    String.raw`\b(?:was this (?:article|page|post) (?:helpful|useful)|war (?:dieser|der) (?:artikel|beitrag) (?:hilfreich|nützlich)|cet article vous a-t-il été utile|¿?te (?:ha )?resultado útil)`,
    String.raw`\b(?:support (?:our|independent|quality) journalism|unterstützen sie (?:unseren|unabhängigen|unsere arbeit)|soutenez (?:notre|le) journalisme|apoya (?:nuestro|el) periodismo|sostieni (?:il nostro|il) giornalismo)`,
    String.raw`\bif you (?:enjoyed|liked|found|appreciate)\b[^.]{0,40}\b(?:this|our)\b|\bwould you consider supporting\b`,
    String.raw`\b(?:submit a letter to the editor|leserbrief schreiben)`,
    String.raw`\b(?:werden sie mitglied|werde mitglied|hazte miembro|become a (?:member|subscriber|patron|supporter)|help us continue|we need your help)\b`,
  ].join('|'),
  'i',
);

/**
 * The end of the article. Past the densest run of paragraphs (region 2), the first block of
 * furniture (a link list, a notice, a share line…) or a heading ends the article; anywhere after
 * the first 300 characters, a line that closes a post (END_MARKER) does. What follows is dropped
 * unless running prose resumes (an inline promo between two parts of the text, a section).
 */
function endOfArticle(raw: RawBlock[], keep: boolean[]): void {
  /** The length of prose that resumes the article after the boundary found (0: not ended). */
  let resume = 0;
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (resume && isProse(b, resume)) resume = 0;
    if (seen > 300 && b.text.length < 400 && END_MARKER.test(b.text)) resume = 400;
    else if (b.region === 2 && !keep[i]) resume = Math.max(resume, 200);
    else if (b.region === 2 && b.kind === 'heading') resume = Math.max(resume, 100);
    if (resume) keep[i] = false;
    if (keep[i]) seen += b.text.length;
  }
}

/** A date with day, month and year ("7 kwietnia 2021", "24.01.2022", "Feb 6, 2014", "2021-10-16"). */
const FULL_DATE =
  /\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/(?:19|20)?\d{2}\b|\b\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+(?:19|20)\d{2}\b|\b\p{L}{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b/u;

/**
 * Before the text starts, a short line with a full date that is not a sentence is the
 * article's dateline with its category, author or comment count ("24.01.2022 11:38 Kategorie: News").
 */
function headDatelines(raw: RawBlock[], keep: boolean[]): void {
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (keep[i] && isProse(b, 150)) return;
    if (keep[i] && b.kind !== 'heading' && b.text.length < 60 && FULL_DATE.test(b.text) && !/[.!?…"“”»«)]$/.test(b.text)) keep[i] = false;
  }
}

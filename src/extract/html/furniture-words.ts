/**
 * The patterns of the furniture filter (furniture.ts), built from word lists kept as data, one file per language in
 * data/furniture/*.json (notation: ../lists.ts). Each pattern's shape stays here; the words are alternatives of
 * escaped phrases, so a test stays linear in the line.
 */
import { alternation, loadWordLists, type WordLists } from '../lists.ts';

export interface FurniturePatterns {
  /** A share-bar or ad label line ("Teilen", "Copy link", "Advertisement"). */
  shareLine: RegExp;
  /** A bare byline line ("By Jane Doe", "Von Max Muster"). */
  bylineLine: RegExp;
  /** Short furniture lines: subscription, cookie, comment and rights notices. */
  notice: RegExp;
  /** Picture credits and captions' source lines. */
  credit: RegExp;
  /** A figure's caption ("Abbildung 4: …", "Figure 2: …") or a caption crediting a stock-photo or public-domain source. */
  figureCaption: RegExp;
  /** A caption: a short line ending in a picture credit ("… (Foto: Getty)", "… © Agency"), or an enlarge-button label. */
  captionTail: RegExp;
  /** Reading-time labels ("4 min read", "Lesezeit: 3 Minuten", "11 minut czytania"). */
  readingTime: RegExp;
  /** Category, tag and contact label lines. */
  labelLine: RegExp;
  /** Words that may stand beside a date in a dateline ("Updated 3 May 2020, 14:05"). */
  dateWords: RegExp;
  /** Abbreviated month and day names ("Mai", "Okt.", "Mo"). */
  monthAbbreviation: RegExp;
  /** An app advertisement's call ("Download our app…", "… app for iOS and Android"). */
  appCall: RegExp;
  /** … and its address of the reader's or outlet's app ("our", "die", or "app" closing it). */
  appOwner: RegExp;
  /** A download link's file words ("PDF", "Datei"). */
  downloadWord: RegExp;
  /** Lines that close a post: its filing line, like and rating widgets, appeals to support or write to the publication. */
  endMarker: RegExp;
}

let built: FurniturePatterns | undefined;

/** The patterns, built on first use. */
export function furniturePatterns(): FurniturePatterns {
  built ??= buildPatterns(loadWordLists(new URL('./data/furniture/', import.meta.url)));
  return built;
}

function buildPatterns(w: WordLists): FurniturePatterns {
  const a = (name: string, notation?: { star?: string; gap?: string }): string => alternation(w[name], notation);
  const apps = a('apps');
  return {
    shareLine: new RegExp(`^${a('share')}\\b.{0,40}$`, 'i'),
    bylineLine: new RegExp(`^${a('bylines')}\\s+\\p{Lu}[\\p{L}.'-]+(?:\\s+(?:${a('bylineJoins')}|\\p{Lu}[\\p{L}.'-]+)){0,5}$`, 'u'),
    notice: new RegExp(`\\b${a('noticePrefixes')}|\\b${a('noticeWords')}\\b|^${a('noticeLineStarts')}`, 'i'),
    credit: new RegExp(`^(?:\\(?${a('creditLabels')}\\s*[:/©]|©|\\(c\\)\\s)|${a('creditNames')}|\\b${a('creditAgencies')}\\b`, 'i'),
    figureCaption: new RegExp(
      `^${a('figureLabels')}\\s*\\d*\\s*:|[/©]\\s*(?:[\\p{L}\\s.-]{0,40}\\/\\s*)?${a('figureSources')}\\s*\\.?$`,
      'iu',
    ),
    captionTail: new RegExp(
      [
        `(?:\\(\\s*${a('captionLabels')}\\s*:[^()]{1,60}\\)|©\\s*[^.!?©]{1,50}|[,.]\\s*${a('captionInlineLabels')}\\s*:\\s*[^.!?]{1,60})\\.?$`,
        `^${a('enlarge')}\\s`,
      ].join('|'),
      'i',
    ),
    readingTime: new RegExp(
      [
        `\\b\\d+\\s*${a('readingUnits')}\\.?\\s+${a('readingWords')}\\b`,
        `^${a('readingLabels')}\\s*:?\\s*(?:${a('readingApprox')}\\s*)?\\d+`,
      ].join('|'),
      'i',
    ),
    labelLine: new RegExp(`^${a('labels')}\\b\\s*:?`, 'i'),
    dateWords: new RegExp(`^(?:\\p{L}{1,3}|${a('dateWords', { star: '\\p{L}*' })})$`, 'iu'),
    monthAbbreviation: new RegExp(`^${a('monthAbbreviations')}\\.?$`, 'i'),
    appCall: new RegExp(`\\b${a('appVerbs')}\\b.{0,80}\\b${apps}\\b|\\b${apps}\\b.{0,60}\\b${a('appStores')}\\b`, 'i'),
    appOwner: new RegExp(`\\b${a('appOwners')}\\b|\\b${apps}\\s*[.!]?$`, 'i'),
    downloadWord: new RegExp(`\\b${a('downloadWords')}\\b`, 'i'),
    endMarker: endMarker(a),
  };
}

function endMarker(a: (name: string, notation?: { gap?: string }) => string): RegExp {
  return new RegExp(
    [
      `\\b${a('endFiled', { gap: '.{1,100}' })}\\b`,
      `^${a('endLikes')}\\s*:?$`,
      `^(?:${a('likeButtons')}\\s+)?${a('endLoading')}\\s*(?:\\.\\.\\.|…)$`,
      `\\(${a('noRatings')}\\)|\\b\\d+\\s+${a('votes')}\\b[^.]{0,30}${a('voteLoading')}`,
      `\\b${a('endAppealStarts')}`,
      `\\b${a('endAppeals', { gap: '[^.]{0,40}' })}\\b`,
    ].join('|'),
    'i',
  );
}

/**
 * The in-app reader view of one article of a story: outlet, title, date, the text as extracted, the cited passage
 * marked (id="passage", scrolled to by the link's fragment), a link out to the original and back to the story. An
 * article with a stored English translation has a toggle between the translation and the original. The cited
 * sentence is looked for in both (a report may cite either); the text where it is found is shown first, and in the
 * other text the paragraph at the same place is marked when the two have the same paragraphs.
 */
import type { StoryReport, ReportArticle } from '../../report.ts';
import type { ArticleTranslation } from '../../model.ts';
import { esc, page } from './layout.ts';
import { countryLabel, languageName, linkOut, outletName, showDate } from './format.ts';
import { locatePassage, type Located } from './passage.ts';

export type ReaderView = 'translation' | 'original';

export interface ReaderOptions {
  /** which text of a translated article to show; by default the one holding the cited passage */
  view?: ReaderView;
  /** the passage key of the citation (kept by the toggle's links) */
  passageKey?: string | null;
}

const MARK = '<mark class="passage" id="passage" tabindex="-1">';

function paragraphHtml(text: string, hit: { start: number; end: number } | null): string {
  if (!hit) return `<p>${esc(text)}</p>`;
  const [a, b, c] = [text.slice(0, hit.start), text.slice(hit.start, hit.end), text.slice(hit.end)];
  return `<p>${esc(a)}${MARK}${esc(b.trim())}</mark> ${esc(c)}</p>`;
}

/** A text's paragraphs: the passage marked where it was found here, else its paragraph when `other` found it. */
function textHtml(own: Located, other: Located | null): string {
  const twin = !own.hit && other?.hit && other.paragraphs.length === own.paragraphs.length ? other.hit.p : -1;
  const html = own.paragraphs.map((p, i) => {
    if (own.hit && own.hit.p === i) return paragraphHtml(p, own.hit);
    return i === twin ? `<p>${MARK}${esc(p)}</mark></p>` : `<p>${esc(p)}</p>`;
  });
  return html.join('') || '<p class="meta">This article has no stored text.</p>';
}

function note(cited: string | null, own: Located, other: Located | null, otherName: string): string {
  if (!cited) return '';
  if (own.hit) return '<p class="meta">The cited passage is highlighted below.</p>';
  if (other?.hit) {
    return other.paragraphs.length === own.paragraphs.length
      ? `<p class="meta">The cited passage was found in the ${otherName}; its paragraph is highlighted below.</p>`
      : `<p class="meta">The cited passage was found in the ${otherName}; switch to it to see it highlighted.</p>`;
  }
  return `<p class="meta" id="passage">The cited sentence is a summary; its closest passage could not be pinpointed. The cited statement: “${esc(cited)}”</p>`;
}

/** English translation · Original: two links, the shown one marked as current. */
function toggleHtml(r: StoryReport, n: number, a: ReportArticle, view: ReaderView, key: string | null | undefined): string {
  const href = (v: ReaderView) => {
    const qs = new URLSearchParams();
    if (key) qs.set('p', key);
    qs.set('view', v);
    return `/stories/${encodeURIComponent(r.id)}/read/${n}?${qs.toString()}${key ? '#passage' : ''}`;
  };
  const item = (v: ReaderView, label: string) =>
    v === view ? `<strong aria-current="page">${esc(label)}</strong>` : `<a href="${esc(href(v))}">${esc(label)}</a>`;
  return (
    `<nav class="toggle meta" aria-label="Text shown">` +
    `Show: ${item('translation', 'English translation')} · ${item('original', `Original (${languageName(a.language)})`)}</nav>`
  );
}

function header(r: StoryReport, n: number, a: ReportArticle, tr: ArticleTranslation | null | undefined): string {
  // the country follows the name, so an unnamed outlet is not followed by its country twice
  const meta = [
    outletName({ ...a, country: null }),
    countryLabel(a.country),
    languageName(a.language),
    showDate(a.published) ?? 'date not known',
  ];
  const lang = tr && /^[a-z]{2,3}$/.test(a.language ?? '') ? ` lang="${esc(a.language)}"` : '';
  return (
    `<p class="meta"><a href="/stories/${encodeURIComponent(r.id)}#a${n}">← Back to the story: ${esc(r.title)}</a></p>
<article class="reader"><p class="meta">Source ${n} · ${esc(meta.join(' · '))}</p><h1${lang}>${esc(a.title || 'Untitled article')}</h1>` +
    `${tr?.title ? `<p class="meta">${esc(tr.title)}</p>` : ''}`
  );
}

export function renderReader(
  r: StoryReport,
  n: number,
  a: ReportArticle,
  text: string,
  cited: string | null,
  tr?: ArticleTranslation | null,
  opts: ReaderOptions = {},
): string {
  const inOriginal = locatePassage(text, cited);
  const out = linkOut(a);
  const link = out ? `<p><a href="${esc(out)}" rel="noopener noreferrer nofollow">Read the original at ${esc(outletName(a))}</a></p>` : '';
  if (!tr)
    return page(
      a.title || outletName(a),
      `${header(r, n, a, null)}${note(cited, inOriginal, null, '')}${textHtml(inOriginal, null)}\n${link}</article>`,
    );
  const inTranslation = locatePassage(tr.text, cited);
  const view: ReaderView = opts.view ?? (inOriginal.hit && !inTranslation.hit ? 'original' : 'translation');
  const shown =
    view === 'original'
      ? `${note(cited, inOriginal, inTranslation, 'English translation')}<div lang="${esc(a.language ?? '')}">${textHtml(inOriginal, inTranslation)}</div>`
      : `<p class="meta">Machine translation into English (${esc(tr.provider)}).</p>` +
        `${note(cited, inTranslation, inOriginal, 'original')}${textHtml(inTranslation, inOriginal)}`;
  return page(a.title || outletName(a), `${header(r, n, a, tr)}${toggleHtml(r, n, a, view, opts.passageKey)}${shown}\n${link}</article>`);
}

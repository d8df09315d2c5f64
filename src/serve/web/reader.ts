/**
 * The in-app reader view of one article of a story: outlet, title, date, the text as extracted, the cited passage
 * marked (id="passage", scrolled to by the link's fragment), a link out to the original and back to the story. An
 * article with a stored English translation has a toggle between the translation (the default: citations are
 * English, so the passage is found there) and the original, where the matching paragraph is marked when the two
 * have the same paragraphs.
 */
import type { StoryReport, ReportArticle } from '../../report.ts';
import type { ArticleTranslation } from '../../model.ts';
import { esc, page } from './layout.ts';
import { countryLabel, languageName, linkOut, outletName, showDate } from './format.ts';
import { locatePassage, splitParagraphs, type Located } from './passage.ts';

export interface ReaderOptions {
  /** which text of a translated article to show */
  view?: 'translation' | 'original';
  /** the passage key of the citation (kept by the toggle's links) */
  passageKey?: string | null;
}

function paragraphHtml(text: string, hit: { start: number; end: number } | null): string {
  if (!hit) return `<p>${esc(text)}</p>`;
  const [a, b, c] = [text.slice(0, hit.start), text.slice(hit.start, hit.end), text.slice(hit.end)];
  return `<p>${esc(a)}<mark class="passage" id="passage" tabindex="-1">${esc(b.trim())}</mark> ${esc(c)}</p>`;
}

function note(cited: string | null, hit: Located['hit']): string {
  if (!cited) return '';
  if (hit) return '<p class="meta">The cited passage is highlighted below.</p>';
  return `<p class="meta" id="passage">The cited sentence is a summary; its closest passage could not be pinpointed. The cited statement: “${esc(cited)}”</p>`;
}

/** Translation | Original: two links, the shown one marked as current. */
function toggleHtml(r: StoryReport, n: number, a: ReportArticle, view: 'translation' | 'original', key: string | null | undefined): string {
  const href = (v: string) => {
    const qs = new URLSearchParams();
    if (key) qs.set('p', key);
    if (v === 'original') qs.set('view', v);
    const s = qs.toString();
    return `/stories/${encodeURIComponent(r.id)}/read/${n}${s ? `?${s}` : ''}${key ? '#passage' : ''}`;
  };
  const item = (v: 'translation' | 'original', label: string) =>
    v === view ? `<strong aria-current="page">${esc(label)}</strong>` : `<a href="${esc(href(v))}">${esc(label)}</a>`;
  return `<nav class="toggle meta" aria-label="Text shown">Show: ${item('translation', 'English translation')} · ${item('original', `Original (${languageName(a.language)})`)}</nav>`;
}

/** The original text; the paragraph matching the translation's passage is marked when the paragraphs line up. */
function originalHtml(a: ReportArticle, text: string, inTranslation: Located): string {
  const paras = splitParagraphs(text);
  const hit = inTranslation.hit && paras.length === inTranslation.paragraphs.length ? inTranslation.hit.p : -1;
  const body = paras
    .map((p, i) => (i === hit ? `<p><mark class="passage" id="passage" tabindex="-1">${esc(p)}</mark></p>` : `<p>${esc(p)}</p>`))
    .join('');
  const lead = inTranslation.hit
    ? hit >= 0
      ? '<p class="meta">The paragraph holding the cited passage (found in the translation) is highlighted.</p>'
      : '<p class="meta">The cited passage was found in the English translation; switch to it to see it highlighted.</p>'
    : '';
  return `${lead}<div lang="${esc(a.language ?? '')}">${body || '<p class="meta">This article has no stored text.</p>'}</div>`;
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
  const located = locatePassage(tr?.text ?? text, cited);
  const out = linkOut(a);
  const meta = [outletName(a), countryLabel(a.country), languageName(a.language), showDate(a.published) ?? 'date not known'];
  const original = !!tr && opts.view === 'original';
  const paras = located.paragraphs.map((p, i) => paragraphHtml(p, located.hit && located.hit.p === i ? located.hit : null)).join('');
  const shown = original
    ? originalHtml(a, text, located)
    : `${tr ? `<p class="meta">Machine translation into English (${esc(tr.provider)}).</p>` : ''}${note(cited, located.hit)}${paras || '<p class="meta">This article has no stored text.</p>'}`;
  const title = original || !tr?.title ? '' : `<p class="meta">${esc(tr.title)}</p>`;
  const body = `<p class="meta"><a href="/stories/${encodeURIComponent(r.id)}#a${n}">← Back to the story: ${esc(r.title)}</a></p>
<article class="reader"><p class="meta">Source ${n} · ${esc(meta.join(' · '))}</p><h1${tr && /^[a-z]{2,3}$/.test(a.language ?? '') ? ` lang="${esc(a.language)}"` : ''}>${esc(a.title || 'Untitled article')}</h1>${title}${tr ? toggleHtml(r, n, a, original ? 'original' : 'translation', opts.passageKey) : ''}${shown}
${out ? `<p><a href="${esc(out)}" rel="noopener noreferrer nofollow">Read the original at ${esc(outletName(a))}</a></p>` : ''}</article>`;
  return page(a.title || outletName(a), body);
}

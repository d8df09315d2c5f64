/**
 * The in-app reader view of one article of a story: outlet, title, date, the text as extracted, the cited passage
 * marked (id="passage", scrolled to by the link's fragment), a link out to the original and back to the story.
 */
import type { StoryReport, ReportArticle } from '../../report.ts';
import type { ArticleTranslation } from '../../model.ts';
import { esc, page } from './layout.ts';
import { countryLabel, languageName, linkOut, outletName, showDate } from './format.ts';
import { locatePassage } from './passage.ts';

function paragraphHtml(text: string, hit: { start: number; end: number } | null): string {
  if (!hit) return `<p>${esc(text)}</p>`;
  const [a, b, c] = [text.slice(0, hit.start), text.slice(hit.start, hit.end), text.slice(hit.end)];
  return `<p>${esc(a)}<mark class="passage" id="passage" tabindex="-1">${esc(b.trim())}</mark> ${esc(c)}</p>`;
}

/** The original under the translation, on demand. */
function originalHtml(a: ReportArticle, text: string): string {
  const paras = text.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim())}</p>`);
  return `<details><summary>Original (${esc(languageName(a.language))})</summary><div lang="${esc(a.language ?? '')}">${paras.join('')}</div></details>`;
}

/**
 * The article; with a stored English translation, the passage is found in it (citations are English) and the
 * original follows on demand.
 */
export function renderReader(r: StoryReport, n: number, a: ReportArticle, text: string, cited: string | null, tr?: ArticleTranslation | null): string {
  const { paragraphs, hit } = locatePassage(tr?.text ?? text, cited);
  const out = linkOut(a);
  const meta = [outletName(a), countryLabel(a.country), languageName(a.language), showDate(a.published) ?? 'date not known'];
  const note = cited
    ? hit
      ? '<p class="meta">The cited passage is highlighted below.</p>'
      : `<p class="meta" id="passage">The cited sentence is a summary; its closest passage could not be pinpointed. The cited statement: “${esc(cited)}”</p>`
    : '';
  const paras = paragraphs.map((p, i) => paragraphHtml(p, hit && hit.p === i ? hit : null)).join('') || '<p class="meta">This article has no stored text.</p>';
  const trNote = tr ? `<p class="meta">Machine translation into English (${esc(tr.provider)}); the original follows below.</p>` : '';
  const body = `<p class="meta"><a href="/stories/${encodeURIComponent(r.id)}#a${n}">← Back to the story: ${esc(r.title)}</a></p>
<article class="reader"><p class="meta">Source ${n} · ${esc(meta.join(' · '))}</p><h1>${esc(a.title || 'Untitled article')}</h1>${tr?.title ? `<p class="meta">${esc(tr.title)}</p>` : ''}${trNote}${note}${paras}${tr ? originalHtml(a, text) : ''}
${out ? `<p><a href="${esc(out)}" rel="noopener noreferrer nofollow">Read the original at ${esc(outletName(a))}</a></p>` : ''}</article>`;
  return page(a.title || outletName(a), body);
}

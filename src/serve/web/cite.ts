/**
 * Citations on the story page. Each cited article is a number (its place in the sources list); the number links to
 * the in-app reader view of that article, opened at the passage the cited sentence comes from. A passage key names
 * the report item: a section letter and its index ("o3" = overview sentence 3, "d1.0" = difference 1, value 0).
 */
import type { StoryReport } from '../../report.ts';
import { esc } from './layout.ts';

export type Cite = (ids: string[], passage?: string) => string;

export function makeCite(r: StoryReport): Cite {
  const num = new Map(r.articles.map((a, i) => [a.id, i + 1]));
  const base = `/stories/${encodeURIComponent(r.id)}/read/`;
  return (ids, passage) => {
    const links = ids.map((id) => {
      const n = num.get(id);
      if (!n) return '';
      const href = `${base}${n}${passage ? `?p=${encodeURIComponent(passage)}` : ''}#passage`;
      return `<a href="${esc(href)}" aria-label="source ${n}: open the cited passage">${n}</a>`;
    });
    const shown = links.filter(Boolean);
    return shown.length ? ` <span class="cite">[${shown.join(', ')}]</span>` : '';
  };
}

/** Passage keys: one letter and an index, or a difference and a value. Linear-time pattern. */
const KEY = /^([ogxtqfc])(\d{1,4})$|^d(\d{1,4})\.(\d{1,3})$/;

/** The text a passage key names, to find in the article; null when the key names nothing. */
export function passageText(r: StoryReport, key: string, articleId: string): string | null {
  const m = KEY.exec(key);
  if (!m) return null;
  if (m[3] !== undefined) {
    const v = r.discrepancies[Number(m[3])]?.values[Number(m[4])];
    if (!v) return null;
    const i = v.articles.indexOf(articleId);
    return v.evidence?.[i] ?? v.evidence?.[0] ?? v.value;
  }
  const i = Number(m[2]);
  switch (m[1]) {
    case 'o':
      return r.overview[i]?.text ?? null;
    case 'g':
      return r.agreements[i]?.text ?? null;
    case 'x':
      return r.exclusives[i]?.text ?? null;
    case 't':
      return r.timeline[i]?.text ?? null;
    case 'q':
      return r.quotes[i]?.text ?? null;
    case 'f':
      return r.framing[i]?.sentence ?? null;
    case 'c':
      return r.countries[i]?.summary ?? null;
    default:
      return null;
  }
}

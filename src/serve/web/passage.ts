/**
 * Finds where in an article a cited sentence comes from: the article sentence sharing most words with it.
 * Overview sentences are written (attributed, trimmed), so the match is by word overlap, not by equality.
 */

export interface Located {
  paragraphs: string[];
  /** paragraph index and the sentence's character span in it, or null when nothing matches well enough */
  hit: { p: number; start: number; end: number } | null;
}

function words(s: string): Set<string> {
  return new Set((s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => w.length > 3 || /\d/.test(w)));
}

/** Sentence spans of a paragraph: runs ending in . ! ? (and closing quotes), or the paragraph's end. */
function sentenceSpans(p: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /[^.!?]+(?:[.!?]+["”’»)]*|$)/g;
  for (let m = re.exec(p); m && m[0]; m = re.exec(p)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function locatePassage(text: string, cited: string | null, minShare = 0.35): Located {
  const paragraphs = splitParagraphs(text);
  if (!cited) return { paragraphs, hit: null };
  const want = words(cited);
  if (!want.size) return { paragraphs, hit: null };
  let best: Located['hit'] = null;
  let bestScore = 0;
  paragraphs.forEach((para, p) => {
    for (const [start, end] of sentenceSpans(para)) {
      const have = words(para.slice(start, end));
      let shared = 0;
      for (const w of want) if (have.has(w)) shared++;
      const score = shared / want.size;
      if (score > bestScore) [best, bestScore] = [{ p, start, end }, score];
    }
  });
  return { paragraphs, hit: bestScore >= minShare ? best : null };
}

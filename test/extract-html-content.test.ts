import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml } from '../src/extract/html.ts';

const NOW = new Date('2026-11-22T12:00:00Z');

/** An article page: the paragraphs given, inside a plain container, after three paragraphs of prose. */
function page(extra: string[]): string {
  const prose = [
    'Der Stadtrat hat am Dienstag beschlossen, die alte Markthalle zu sanieren und im Erdgeschoss wieder einen Wochenmarkt einzurichten, wie es ihn bis in die siebziger Jahre gab.',
    'Die Arbeiten sollen im Frühjahr beginnen und etwa zwei Jahre dauern. Die Kosten schätzt die Verwaltung auf knapp zwölf Millionen Euro, einen Teil davon trägt das Land.',
    'Händler aus der Region haben bereits Interesse angemeldet. Im Obergeschoss sind Räume für Vereine und eine kleine Bibliothek geplant, die am Wochenende geöffnet sein soll.',
  ];
  return `<html><body><div class="text">${[...prose, ...extra].map((p) => `<p>${p}</p>`).join('\n')}</div></body></html>`;
}

function text(html: string): string {
  const r = extractHtml(html, { url: null, now: NOW, fallback: false });
  assert.ok(r.ok);
  return r.value.text;
}

test('a like button is furniture, a sentence that says "gefällt mir" is not', () => {
  const t = text(page(['Das neue Dach aus Glas gefällt mir sehr gut, sagt eine Anwohnerin.', 'Gefällt mir']));
  assert.match(t, /Das neue Dach aus Glas gefällt mir sehr gut/);
  assert.doesNotMatch(t, /\n\nGefällt mir$/);
});

test('figures with units are not datelines; a bare date and time is', () => {
  const t = text(page(['20,2 Mio.', '15 – 30 Min', '24. März 2004, 19:49']));
  assert.match(t, /20,2 Mio\./);
  assert.match(t, /15 – 30 Min/);
  assert.doesNotMatch(t, /24\. März 2004/);
});

test('a closing line of a post ends the article; what follows it goes too', () => {
  const t = text(
    page(['This entry was posted in News. Bookmark the permalink.', 'Ferry operators expect record passenger numbers this summer.']),
  );
  assert.doesNotMatch(t, /posted in/);
  assert.doesNotMatch(t, /Ferry operators/);
  assert.match(t, /kleine Bibliothek/);
});

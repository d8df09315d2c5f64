/**
 * `npm run eval -- extraction` (this file runs with extraction.eval.ts): outlet promo, subscription, app, channel,
 * credit and read-also lines left in extracted articles. A page counts when any line of its extracted text matches.
 *
 * Two patterns, written here independently of the extractor's lexicon (so the measure is not the filter itself):
 *  - strict: a line that is plainly furniture — opens with a read-also/teaser label, or calls the reader to
 *    subscribe/follow/join/download together with a newsletter/channel/app object in a short line, or a credit line;
 *  - loose: the same calls anywhere in a line of up to 60 words, a promoted object beside words addressing the reader,
 *    credit labels anywhere, one-word teaser labels (it also counts some article sentences that report on an app).
 * Corpora: the plain-text seeds, the hand-written plain-text and HTML fixtures (test/fixtures/plaintext, html),
 * trafilatura-eval pages and readability-testpages. Baselines in the same run: the raw input's lines (plain text)
 * and Readability + linkedom (HTML).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractHtml } from '../src/extract/html.ts';
import { extractPlainText } from '../src/extract/plaintext.ts';
import { decodeHtmlBytes, decodeUtf8 } from '../src/fetch/files.ts';
import { loadTrafilatura } from './extraction.eval.ts';
import { datasetPath, pct, SHARED } from './shared.ts';

const NOW = new Date('2026-11-22T00:00:00Z');

/** Lines longer than this are paragraphs of prose, not furniture lines, for both patterns. */
const MAX_WORDS = { strict: 40, loose: 60 } as const;

const TEASER_START =
  /^(?:read (?:also|more)|also read|see also|more from|top photos from|related(?: stories| coverage)?:|lee (?:también|tambien)|leer más|lea también|leia (?:também|mais)|veja também|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|leggi anche|читайте (?:также|також|еще)|дивіться також|смотрите также|ayrıca (?:okuyun|bakınız)|czytaj (?:także|też|więcej)|zobacz (?:także|też)|baca juga|اقرأ (?:أيضا|أيضاً|ايضا)|بیشتر بخوانید|بخوانید|相关阅读|延伸阅读)\b/iu;
const CTA =
  /\b(?:subscribe|sign up|join|follow|download|get|install|suscríbete|síguenos|únete|descarga|assine|siga|baixe|abonnez-vous|suivez|téléchargez|rejoignez|abonnieren|folgen sie|laden sie|iscriviti|seguici|scarica|подпишитесь|подписывайтесь|скачайте|присоединяйтесь|підпишіться|підписуйтесь|завантажуйте|abone ol(?:un)?|takip edin|indirin|subskrybuj|obserwuj|pobierz|dołącz|ikuti|unduh|gabung|اشترك|تابعونا|تابعنا|حمل|عضو|دنبال کنید|关注|订阅|下载)/iu;
const OBJECT =
  /(?:newsletter|telegram|whatsapp|channel|\bapps?\b|alerts|podcast|inbox|boletín|canal|aplicación|aplicativo|chaîne|appli|kanal|canale|bülten|uygulama|aplikacj|aplikasi|рассылк|канал|приложени|розсилк|застосун|قناة|التطبيق|النشرة|کانال|اپلیکیشن|频道|客户端|公众号|微信)/iu;
const CREDIT_START = /^(?:photos?|image|picture|credits?|foto|fotos|bild|фото|fotoğraf)\s*(?:credit)?\s*[:/©]/iu;
const READER =
  /\b(?:delivered to (?:you|your inbox)|subscribe to (?:our|the)|sign up (?:for|to) (?:our|the)|follow us|join us|our free newsletter|download (?:our|the) (?:\S+ )?app|suivez-nous|síguenos|folgen sie uns|siga-nos|seguici|bizi takip)/iu;
/** Loose: the calls anywhere in the line, the reader addressed beside a promoted object, credit labels anywhere, one-word teaser labels. */
const ADDRESS =
  /\b(?:you|your|our|us|vous|votre|notre|nuestro|nuestra|unser(?:e[nmr]?)?|nosso|nossa|você|nostro|nostra|ваш|наш|нас|bizi|kami|anda)\b/iu;
const CREDIT_ANY = /(?:^|[\s(])(?:photo|image|picture|foto|bild|фото)s?(?:\s*credit)?\s*:/iu;
const TEASER_LOOSE =
  /^(?:related|more|recommended|trending|most (?:read|popular)|don'?t miss|watch|listen|siehe auch|passend dazu|relacionad[oa]s?|ver más|más noticias|lire|à voir|читайте|смотрите|дивіться|ilgili|polecamy|terkait|اقرأ|شاهد|相关|推荐)\b/iu;
type Kind = 'strict' | 'loose';

const words = (l: string): number => l.split(/\s+/u).filter(Boolean).length;

function strictLine(l: string): boolean {
  if (words(l) > MAX_WORDS.strict) return false;
  return TEASER_START.test(l) || CREDIT_START.test(l) || READER.test(l) || (CTA.test(l.slice(0, 40)) && OBJECT.test(l));
}

function looseLine(l: string): boolean {
  if (words(l) > MAX_WORDS.loose) return false;
  return (
    strictLine(l) || (CTA.test(l) && OBJECT.test(l)) || (ADDRESS.test(l) && OBJECT.test(l)) || CREDIT_ANY.test(l) || TEASER_LOOSE.test(l)
  );
}

function promoLines(text: string, kind: Kind): string[] {
  const test = kind === 'strict' ? strictLine : looseLine;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && test(l));
}

interface Tally {
  n: number;
  strict: number;
  loose: number;
  examples: string[];
  looseExamples: string[];
}

const tally = (): Tally => ({ n: 0, strict: 0, loose: 0, examples: [], looseExamples: [] });

function count(t: Tally, text: string | null, label: string): void {
  t.n++;
  if (text === null) return;
  const s = promoLines(text, 'strict');
  if (s.length) {
    t.strict++;
    if (t.examples.length < 40) t.examples.push(`${label}: ${s[0].slice(0, 140)}`);
  }
  const l = promoLines(text, 'loose');
  if (l.length) {
    t.loose++;
    if (t.looseExamples.length < 100) t.looseExamples.push(`${label}: ${l[0].slice(0, 140)}`);
  }
}

function line(name: string, t: Tally): string {
  return `  ${name.padEnd(44)} ${String(t.n).padStart(4)} articles   strict ${pct(t.strict / Math.max(1, t.n)).padStart(6)} (${t.strict})   loose ${pct(t.loose / Math.max(1, t.n)).padStart(6)} (${t.loose})`;
}

function readabilityText(html: string): string | null {
  try {
    const { document } = parseHTML(html);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const a = new Readability(document as any, { maxElemsToParse: 150000 }).parse();
    // Readability's text runs blocks together: its HTML's block ends become lines.
    if (!a?.content) return null;
    const { document: d } = parseHTML(
      `<html><body>${a.content.replace(/<\/(?:p|div|h\d|li|figcaption|blockquote|section|aside|header|footer)>/gi, '$&\n')}</body></html>`,
    );
    return d.body?.textContent ?? null;
  } catch {
    return null;
  }
}

/** Plain-text inputs: the seeds and the hand-written plain-text fixtures. */
function plainInputs(): { label: string; raw: string }[] {
  const out: { label: string; raw: string }[] = [];
  const seeds = join(SHARED, 'seeds');
  if (existsSync(seeds))
    for (const f of readdirSync(seeds)
      .filter((x) => x.endsWith('.txt'))
      .sort())
      out.push({ label: `seeds/${f}`, raw: readFileSync(join(seeds, f), 'utf8') });
  const fx = new URL('../test/fixtures/plaintext/', import.meta.url).pathname;
  for (const d of readdirSync(fx).sort()) {
    const p = join(fx, d, 'input.txt');
    if (existsSync(p)) out.push({ label: `plaintext/${d}`, raw: readFileSync(p, 'utf8') });
  }
  return out;
}

/** HTML inputs: the hand-written fixtures, trafilatura-eval and readability-testpages. */
function htmlInputs(): { corpus: string; label: string; url: string | null; html: string }[] {
  const out: { corpus: string; label: string; url: string | null; html: string }[] = [];
  const fx = new URL('../test/fixtures/html/', import.meta.url).pathname;
  for (const d of readdirSync(fx).sort()) {
    const p = join(fx, d, 'input.html');
    if (existsSync(p)) out.push({ corpus: 'html fixtures', label: `html/${d}`, url: null, html: readFileSync(p, 'utf8') });
  }
  const tr = datasetPath('datasets', 'trafilatura-eval');
  if (tr) for (const { url, html, entry } of loadTrafilatura(tr)) out.push({ corpus: 'trafilatura-eval', label: entry.file, url, html });
  const rt = datasetPath('datasets', 'readability-testpages');
  if (rt) {
    for (const name of readdirSync(rt).sort()) {
      const sp = join(rt, name, 'source.html');
      if (!existsSync(sp)) continue;
      const bytes = readFileSync(sp);
      out.push({
        corpus: 'readability-testpages',
        label: name,
        url: `http://fakehost/${name}/`,
        html: decodeUtf8(bytes) ?? decodeHtmlBytes(bytes),
      });
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const mine = new Map<string, Tally>();
  const base = new Map<string, Tally>();
  const get = (m: Map<string, Tally>, k: string): Tally => m.get(k) ?? (m.set(k, tally()), m.get(k)!);
  for (const { label, raw } of plainInputs()) {
    const corpus = label.startsWith('seeds/') ? 'seeds (plain text)' : 'plain-text fixtures';
    const r = extractPlainText(raw, { now: NOW });
    count(get(mine, corpus), r.ok ? r.value.text : null, label);
    count(get(base, corpus), raw, label);
  }
  const skipBaseline = process.env.EXTRACTION_EVAL_NO_BASELINE === '1';
  for (const { corpus, label, url, html } of htmlInputs()) {
    const r = extractHtml(html, { url, now: NOW });
    count(get(mine, corpus), r.ok ? r.value.text : null, label);
    if (!skipBaseline) count(get(base, corpus), readabilityText(html), label);
  }
  console.log('promo lines: share of extracted articles with at least one promo/subscription/app/channel/credit/read-also line');
  console.log(
    `  (strict and loose patterns in eval/extraction-promo.eval.ts; lines of at most ${MAX_WORDS.strict} / ${MAX_WORDS.loose} words)`,
  );
  const all = tally();
  const allBase = tally();
  for (const [corpus, t] of mine) {
    console.log(line(`Parallax  ${corpus}`, t));
    const b = base.get(corpus);
    if (b) console.log(line(corpus.includes('plain') ? '  raw input (every line)' : '  Readability + linkedom', b));
    for (const k of ['n', 'strict', 'loose'] as const) all[k] += t[k];
    if (b) for (const k of ['n', 'strict', 'loose'] as const) allBase[k] += b[k];
  }
  console.log(line('Parallax  all', all));
  console.log(line('  baselines, all', allBase));
  const show = process.env.EXTRACTION_EVAL_PROMO_EXAMPLES;
  if (show) for (const t of mine.values()) for (const e of show === 'loose' ? t.looseExamples : t.examples) console.log('    ' + e);
}

/**
 * Translation throughput and cache: the Spanish, Catalan and Galician news pages of the shared corpora
 * (trafilatura-eval pages from hosts in Spanish-speaking countries, readability's la-nacion; extracted and
 * language-detected as ingest does) plus the repository's own fixtures, translated by Apertium through the
 * translation stage (names protected, output checked) with the store's cache, then a second time (every text a
 * cache hit).
 * Peer timed in the same run: the plain `apertium -u` command on the same texts (no protection, no check), and
 * how many of the original's names each output keeps verbatim.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/extract/index.ts';
import { detectLanguage } from '../src/language/index.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { storeTranslationCache } from '../src/pipeline/translate.ts';
import { apertiumProvider, modeFor } from '../src/translate/apertium.ts';
import { fileInputRunner } from '../src/translate/command.ts';
import { translateArticle, type TranslatableArticle, type TranslateProvider } from '../src/translate/index.ts';
import { datasetPath, pct } from '../eval/shared.ts';

const LANGS = new Set(['es', 'ca', 'gl']);
const HOSTS = /\.(?:es|cat|gal|mx|ar|cl|co|pe|uy|ve|bo|ec|py|cr|do|gt|hn|ni|pa|sv|cu)$/;

/** A page file, plain or gzipped (`.gz` beside the listed name); null when neither is there. */
function readPage(file: string): string | null {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (existsSync(file + '.gz')) return gunzipSync(readFileSync(file + '.gz')).toString('utf8');
  return null;
}

function fromHtml(file: string, url: string): TranslatableArticle | null {
  const body = readPage(file);
  if (body === null) return null;
  const r = extractArticle({ ref: url, kind: 'html', body, hints: { url } }, { now: new Date() });
  if (!r.ok || r.value.text.length < 300) return null;
  const language = r.value.language?.slice(0, 2) ?? detectLanguage(r.value.text);
  return language && LANGS.has(language) ? { title: r.value.title, text: r.value.text, language } : null;
}

function corpus(): TranslatableArticle[] {
  const out: TranslatableArticle[] = [];
  const traf = datasetPath('datasets', 'trafilatura-eval');
  if (traf) {
    const index = JSON.parse(readFileSync(join(traf, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
    for (const [url, e] of Object.entries(index)) {
      if (!HOSTS.test(new URL(url).hostname)) continue;
      const a = fromHtml(join(traf, 'html', e.file), url);
      if (a) out.push(a);
    }
  }
  const rt = datasetPath('datasets', 'readability-testpages', 'la-nacion', 'source.html');
  if (rt) {
    const a = fromHtml(rt, 'https://www.lanacion.com.ar/');
    if (a) out.push(a);
  }
  const fx = join(import.meta.dirname, '..', 'test', 'fixtures', 'translate');
  for (const f of existsSync(fx) ? readdirSync(fx) : []) {
    const [title, ...rest] = readFileSync(join(fx, f), 'utf8').split('\n\n');
    out.push({ title: title!.trim(), text: rest.join('\n\n').trim(), language: f.slice(0, 2) });
  }
  return out;
}

const words = (a: TranslatableArticle) => `${a.title ?? ''} ${a.text}`.split(/\s+/).filter(Boolean).length;

/** Capitalized words inside sentences of the original (names, mostly). */
function names(text: string): string[] {
  return [...text.matchAll(/(?<=[\p{Ll},;] )\p{Lu}[\p{Ll}\p{M}]{2,}/gu)].map((m) => m[0]);
}

function keptNames(original: string, translated: string): [number, number] {
  const n = names(original);
  return [n.filter((w) => translated.includes(w)).length, n.length];
}

async function pass(arts: TranslatableArticle[], provider: TranslateProvider, cache: ReturnType<typeof storeTranslationCache>) {
  let hits = 0;
  let failed = 0;
  const kept: [number, number] = [0, 0];
  const t0 = performance.now();
  for (const a of arts) {
    const out = await translateArticle(a, { providers: [provider], cache });
    if (out.status !== 'translated') {
      failed++;
      continue;
    }
    if (out.cached) hits++;
    const [k, n] = keptNames(a.text, out.translation.text);
    kept[0] += k;
    kept[1] += n;
  }
  return { s: (performance.now() - t0) / 1000, hits, failed, kept };
}

export async function run(): Promise<void> {
  const probe = spawnSync('apertium', ['-l'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('skipped: the apertium command is absent (apt-get install apertium apertium-eng-spa apertium-eng-cat)');
    return;
  }
  const modes = new Set(probe.stdout.split(/\s+/).filter(Boolean));
  const arts = corpus().filter((a) => modeFor(modes, a.language!, 'en'));
  const total = arts.reduce((s, a) => s + words(a), 0);
  console.log(
    `articles: ${arts.length} (${[...LANGS].map((l) => `${l} ${arts.filter((a) => a.language === l).length}`).join(', ')}), ${total} words`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-translate-'));
  const store = new SqliteStore(join(dir, 'b.db'));
  try {
    await store.migrate();
    const cache = storeTranslationCache(store, () => new Date());
    const provider = apertiumProvider({ timeoutMs: 300_000 });

    // peer: the plain command, same texts, no protection and no check
    const run = fileInputRunner('apertium');
    const rawKept: [number, number] = [0, 0];
    const r0 = performance.now();
    for (const a of arts) {
      const r = await run(['-u', modeFor(modes, a.language!, 'en')!], `${a.title ?? ''}\n\n${a.text}`, 300_000);
      const [k, n] = r.ok ? keptNames(a.text, r.value) : [0, 0];
      rawKept[0] += k;
      rawKept[1] += n;
    }
    const rawS = (performance.now() - r0) / 1000;

    const first = await pass(arts, provider, cache);
    const second = await pass(arts, provider, cache);
    const rate = (s: number) => Math.round(total / s);
    console.log(
      `apertium -u (plain peer):  ${rawS.toFixed(1)} s, ${rate(rawS)} words/s, names kept ${pct(rawKept[0] / Math.max(1, rawKept[1]))} of ${rawKept[1]}`,
    );
    console.log(
      `translate stage, 1st pass: ${first.s.toFixed(1)} s, ${rate(first.s)} words/s (x${(rawS / first.s).toFixed(2)} of the peer's rate), ` +
        `names kept ${pct(first.kept[0] / Math.max(1, first.kept[1]))} of ${first.kept[1]}, provider calls ${arts.length - first.hits}, rejected ${first.failed}`,
    );
    console.log(
      `translate stage, 2nd pass: ${second.s.toFixed(2)} s, cache hits ${second.hits}/${arts.length - second.failed}, ` +
        `provider calls ${arts.length - second.hits - second.failed} (x${(first.s / Math.max(second.s, 1e-3)).toFixed(0)} faster than the 1st pass)`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

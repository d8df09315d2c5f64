/**
 * Apertium, when the `apertium` command and its Spanish and Catalan pairs are installed (.ci/run installs them):
 * names and codes come through untouched, no unknown-word mark is left, and end to end (`PARALLAX_TRANSLATE=apertium`)
 * the Spanish and Catalan articles are stored with English translations readable through `parallax article --json`,
 * while an English article is not translated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apertiumProvider } from '../src/translate/apertium.ts';
import { translateArticle } from '../src/translate/index.ts';
import { runCli, tempDir } from './helpers.ts';

const probe = spawnSync('apertium', ['-l'], { encoding: 'utf8' });
const modes = probe.status === 0 ? probe.stdout : '';
const skip =
  !/\bspa-eng\b/.test(modes) || !/\bcat-eng\b/.test(modes)
    ? 'apertium with spa-eng and cat-eng is not installed (apt-get install apertium apertium-eng-spa apertium-eng-cat)'
    : false;

function fixture(name: string): { title: string; text: string } {
  const [title, ...rest] = readFileSync(join(import.meta.dirname, 'fixtures', 'translate', name), 'utf8').split('\n\n');
  return { title: title!.trim(), text: rest.join('\n\n').trim() };
}

test('apertium: names, codes and figures kept, no unknown-word marks', { skip }, async () => {
  const es = fixture('es-llegada.txt');
  const out = await translateArticle({ ...es, language: 'es' }, { providers: [apertiumProvider({ timeoutMs: 120_000 })] });
  assert.ok(out.status === 'translated', JSON.stringify(out));
  const t = out.translation;
  assert.equal(t.provider, 'apertium');
  for (const kept of ['Nicolás Maduro', 'Diosdado Cabello', 'Maiquetía', 'Il-76', '214', '27', '6.40', '1,5'])
    assert.ok(t.text.includes(kept), kept);
  assert.match(t.text, /October/, 'the month is translated');
  assert.doesNotMatch(t.text, /(^|\s)[*#@]\p{L}/u, 'no unknown-word mark');
  assert.ok(t.title && t.title.includes('Caracas') && !t.title.includes('\n'));
  assert.equal(t.text.split('\n\n').length, es.text.split('\n\n').length, 'paragraphs are kept');
});

test('apertium end to end: Spanish and Catalan articles stored with English translations beside the originals', { skip }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const es = fixture('es-llegada.txt');
    const ca = fixture('ca-arribada.txt');
    const rows = [
      { id: 'es-1', title: es.title, text: es.text },
      { id: 'ca-1', title: ca.title, text: ca.text, language: 'ca' },
      {
        id: 'en-1',
        title: 'Ferry strike ends in Dover',
        text: 'Ferry crews in Dover ended their strike on Friday after a pay deal was agreed with the operator.',
      },
    ];
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const env = { PARALLAX_DB: join(dir, 'p.db'), PARALLAX_TRANSLATE: 'apertium' };
    const ing = await runCli(['ingest', file], env);
    assert.equal(ing.code, 0, ing.stderr);
    const show = async (id: string) => JSON.parse((await runCli(['article', id, '--json'], env)).stdout) as Record<string, string | null>;
    const esOut = await show('es-1');
    assert.equal(esOut.language, 'es');
    assert.equal(esOut.text, es.text, 'the original is kept');
    assert.equal(esOut.translatedBy, 'apertium');
    assert.ok(esOut.translatedTitle?.includes('Caracas'));
    assert.match(esOut.translatedText ?? '', /Nicolás Maduro received/);
    const caOut = await show('ca-1');
    assert.equal(caOut.translatedBy, 'apertium');
    assert.match(caOut.translatedText ?? '', /Barcelona/);
    assert.match(caOut.translatedText ?? '', /\b312\b/);
    const enOut = await show('en-1');
    assert.equal(enOut.translatedBy, null);
    assert.equal(enOut.translatedText, null);
  } finally {
    cleanup();
  }
});

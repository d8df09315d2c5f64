/**
 * The reader view over HTTP for a translated article: a Spanish report ingested with a translation provider (a fake
 * that knows its one text), then read through the app — opened on the text holding the cited passage, the other
 * one toggle away with the matching paragraph marked, the toggle keeping the citation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ingestInput } from '../src/pipeline/ingest.ts';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { ok } from '../src/model.ts';
import { createApp } from '../src/serve/http.ts';
import type { TranslateProvider } from '../src/translate/index.ts';
import { tempDir } from './helpers.ts';

const ES = {
  title: 'Se derrumba el puente de Ribera tras las lluvias',
  text: [
    'El puente de Ribera se derrumbó el sábado por la noche después de tres días de lluvias intensas en la comarca.',
    'Los bomberos rescataron a 17 personas de dos coches que cruzaban el puente en el momento del derrumbe.',
    'El alcalde anunció que una pasarela provisional estará lista dentro de un mes.',
  ].join('\n\n'),
};
const EN = {
  title: 'Ribera bridge collapses after the rains',
  text: [
    'The Ribera bridge collapsed on Saturday night after three days of heavy rain in the district.',
    'Firefighters rescued 17 people from two cars that were crossing the bridge when it collapsed.',
    'The mayor announced that a temporary footbridge will be ready within a month.',
  ].join('\n\n'),
};

const provider: TranslateProvider = {
  name: 'fake-mt',
  supports: async (source: string, target: string) => source === 'es' && target === 'en',
  translate: async () => ok(EN),
};

test('a translated article opens on the text holding the cited passage; the toggle shows the other with that paragraph marked', async () => {
  const t = tempDir('parallax-web-reader-');
  const store = new SqliteStore(join(t.dir, 'r.db'));
  try {
    await store.migrate();
    const clock = () => new Date('2026-03-16T00:00:00Z');
    const raw = {
      ref: 'https://ribera-noticias.example/puente',
      kind: 'text' as const,
      body: `${ES.title}\n\n${ES.text}`,
      hints: { id: 'es1', title: ES.title, language: 'es' },
    };
    const out = await ingestInput(raw, { store, clock, logger: silentLogger, translators: [provider] });
    assert.equal(out.status, 'added');
    const [story] = await store.listStories({});
    assert.ok(story);
    const app = createApp({ store, config: loadConfig({}), logger: silentLogger, clock, registry: null });
    const page = await (await app.request(`/stories/${story.id}`)).text();
    const link = /href="(\/stories\/[^"]+\/read\/1\?p=o\d+)#passage"/.exec(page)?.[1];
    assert.ok(link, 'an overview sentence cites the article');
    // this one-article story's overview cites the Spanish text: the reader opens on the original, passage marked
    const first = await (await app.request(link)).text();
    assert.match(
      first,
      /<a href="[^"]+&amp;view=translation#passage">English translation<\/a> · <strong aria-current="page">Original \(Spanish\)<\/strong>/,
    );
    assert.match(first, /<div lang="es">.*<mark class="passage" id="passage" tabindex="-1">(El puente|Los bomberos|El alcalde)/s);
    assert.doesNotMatch(first, /Firefighters rescued/);
    // the toggle: the translation, with the paragraph at the same place marked
    const english = await (await app.request(`${link}&view=translation`)).text();
    assert.match(
      english,
      /<strong aria-current="page">English translation<\/strong> · <a href="[^"]+&amp;view=original#passage">Original \(Spanish\)<\/a>/,
    );
    assert.match(english, /Machine translation into English \(fake-mt\)/);
    assert.match(english, /found in the original; its paragraph is highlighted/);
    const marked = /<mark class="passage" id="passage" tabindex="-1">([^<]*)<\/mark>/.exec(english)?.[1] ?? '';
    const spanish = /<mark class="passage" id="passage" tabindex="-1">([^<]*)<\/mark>/.exec(first)?.[1] ?? '';
    assert.equal(
      EN.text.split('\n\n').indexOf(marked),
      ES.text.split('\n\n').findIndex((p) => p.includes(spanish.trim())),
      'the same paragraph in both',
    );
    assert.doesNotMatch(english, /Los bomberos/);
    // an unknown view is the default one
    assert.match(await (await app.request(`${link}&view=<b>`)).text(), /aria-current="page">Original \(Spanish\)/);
  } finally {
    await store.close();
    t.cleanup();
  }
});

/**
 * The translation step of ingest and the store's translation cache (SQLite, and PostgreSQL when
 * PARALLAX_TEST_DATABASE_URL is set): a non-English article is stored with its translation beside the original,
 * its stage status says so, English articles and a store without providers are untouched, and a text costs one
 * provider call ever.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SqliteStore } from '../src/store/sqlite.ts';
import { PostgresStore } from '../src/store/postgres.ts';
import type { Store } from '../src/store/types.ts';
import { ingestInput, type PipelineDeps } from '../src/pipeline/ingest.ts';
import { translateStep } from '../src/pipeline/translate.ts';
import { silentLogger } from '../src/util/log.ts';
import { ok, type RawInput } from '../src/model.ts';
import type { TranslateProvider } from '../src/translate/index.ts';
import { tempDir } from './helpers.ts';

const ES = {
  title: 'Llegan 214 repatriados a Caracas',
  text: 'El presidente Nicolás Maduro recibió el martes a 214 ciudadanos en el aeropuerto de Maiquetía.\n\nEl vuelo llegó desde Santiago con dos horas de retraso, según el ministro.',
};
const EN_OF_ES = {
  title: '214 repatriates arrive in Caracas',
  text: 'President Nicolás Maduro received 214 citizens at Maiquetía airport on Tuesday.\n\nThe flight arrived from Santiago two hours late, according to the minister.',
};

const VIGO = { title: 'Llegan 300 personas a Vigo', text: 'Llegaron 300 personas a Vigo el lunes.' };
const EN_OF_VIGO = { title: '300 people arrive in Vigo', text: '300 people arrived in Vigo on Monday.' };

/** A Spanish-to-English provider that knows the two texts above and counts its calls. */
function countingProvider(): TranslateProvider & { calls: number } {
  const p = {
    name: 'fake-mt',
    calls: 0,
    supports: async (source: string, target: string) => source === 'es' && target === 'en',
    translate: async (req: { text: string }) => {
      p.calls++;
      return ok(req.text === VIGO.text ? EN_OF_VIGO : EN_OF_ES);
    },
  };
  return p;
}

const input = (id: string, title: string, text: string, language: string | null): RawInput => ({
  ref: `/tmp/${id}.txt`,
  kind: 'text',
  body: `${title}\n\n${text}`,
  hints: { id, title, language },
});

function suite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  describe(`translate in the pipeline: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(() => cleanup());
    const deps = (translators: TranslateProvider[] | null): PipelineDeps => ({
      store,
      clock: () => new Date('2026-01-02T03:04:05Z'),
      logger: silentLogger,
      translators,
    });

    test('a Spanish article is stored with its English translation beside the original', async () => {
      const p = countingProvider();
      const out = await ingestInput(input('es1', ES.title, ES.text, 'es'), deps([p]));
      assert.equal(out.status, 'added');
      const a = await store.getArticle('es1');
      assert.ok(a);
      assert.equal(a.title, ES.title, 'the original title is kept');
      assert.match(a.text, /Nicolás Maduro recibió/, 'the original text is kept');
      assert.deepEqual(a.translation, { language: 'en', title: EN_OF_ES.title, text: EN_OF_ES.text, provider: 'fake-mt' });
      const stage = (await store.listStages('es1')).find((s) => s.stage === 'translate');
      assert.equal(stage?.status, 'ok');
      assert.equal(p.calls, 1);
    });

    test('the same text a second time is served from the store: one provider call ever', async () => {
      const p = countingProvider();
      const article = { ...VIGO, language: 'es' };
      const first = await translateStep(article, deps([p]));
      const second = await translateStep({ ...article }, deps([p]));
      assert.equal(p.calls, 1);
      assert.deepEqual(first.translation, { language: 'en', ...EN_OF_VIGO, provider: 'fake-mt' });
      assert.deepEqual(second.translation, first.translation);
      assert.match(second.status?.error ?? '', /^cached/);
    });

    test('an English article is not sent to any provider; without providers nothing is recorded', async () => {
      const p = countingProvider();
      await ingestInput(
        input('en1', 'Flight lands in Caracas', 'A flight carrying 214 citizens landed in Caracas on Tuesday.', 'en'),
        deps([p]),
      );
      assert.equal(p.calls, 0);
      assert.equal((await store.getArticle('en1'))?.translation, null);
      assert.equal((await store.listStages('en1')).find((s) => s.stage === 'translate')?.status, 'skipped');
      await ingestInput(input('es2', 'Cierran el puerto de Vigo', 'El puerto de Vigo cerró el jueves por el temporal.', 'es'), deps(null));
      assert.equal((await store.getArticle('es2'))?.translation, null);
      assert.equal(
        (await store.listStages('es2')).some((s) => s.stage === 'translate'),
        false,
      );
    });

    test('the cache keeps the first translation of a key', async () => {
      const key = { sourceHash: 'h1', provider: 'p', target: 'en', sourceLanguage: 'es', createdAt: '2026-01-01T00:00:00Z' };
      await store.saveTranslation({ ...key, title: 'First', text: 'first' });
      await store.saveTranslation({ ...key, title: 'Second', text: 'second' });
      assert.equal((await store.getTranslation('h1', 'p', 'en'))?.text, 'first');
      assert.equal(await store.getTranslation('h1', 'other', 'en'), null);
    });
  });
}

suite('sqlite', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      cleanup();
    },
  };
});

const pgUrl = process.env.PARALLAX_TEST_DATABASE_URL;
if (pgUrl) {
  suite('postgres', async () => {
    const store = new PostgresStore(pgUrl, { schema: 't_' + randomBytes(6).toString('hex'), maxConnections: 4 });
    await store.migrate();
    return {
      store,
      cleanup: async () => {
        await store.dropSchema();
        await store.close();
      },
    };
  });
} else {
  test('translate in the pipeline: postgres', { skip: 'PARALLAX_TEST_DATABASE_URL is unset' }, () => {});
}

/** The translation stage without any engine: protection of names, the faithfulness check, the provider chain and its cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { protect, restore } from '../src/translate/protect.ts';
import { checkTranslation, inventedFigures, inventedMonths, inventedNames, nameKey } from '../src/translate/check.ts';
import { modeFor, removeMarks } from '../src/translate/apertium.ts';
import {
  providersFromConfig,
  sourceHash,
  translateArticle,
  type TranslateProvider,
  type TranslatedText,
  type TranslationCache,
} from '../src/translate/index.ts';
import { fail, ok, type Result } from '../src/model.ts';

test('protect: names, codes and handles become placeholders; figures and common words stay', () => {
  const text =
    'El presidente Nicolás Maduro dijo el 27 de octubre que 1.250 personas llegaron a Caracas en un avión Il-76. Maduro habló con el Banco de España y @prensa.';
  const p = protect(text);
  assert.ok(p);
  assert.deepEqual(p.slots, ['Nicolás Maduro', 'Caracas', 'Il-76', 'Maduro', 'Banco de España', '@prensa']);
  assert.ok(p.text.includes('27 de octubre') && p.text.includes('1.250'), 'figures are left to the engine');
  assert.ok(p.text.startsWith('El presidente '), 'a word opening a sentence is not a name unless capitalized inside one too');
  assert.equal(restore(p.text, p), text);
});

test('protect: a placeholder stem already in the text is not used; a lost placeholder is noticed', () => {
  const p = protect('Qpx1q es un código y Ana Pérez llegó.');
  assert.ok(p);
  assert.notEqual(p.stem, 'Qpx');
  const dropped = p.text.replace(new RegExp(`${p.stem}\\d+q`), 'alguien');
  assert.equal(restore(dropped, p), null);
});

test('protect: linear on a long run of punctuation and capitals', () => {
  const big = '¡'.repeat(200_000) + ' ' + 'Ab '.repeat(100_000);
  const t0 = performance.now();
  const p = protect(big);
  assert.ok(p);
  assert.ok(performance.now() - t0 < 3000);
});

test('removeMarks: unknown, generation and transfer marks go, other symbols stay', () => {
  assert.equal(removeMarks('The *Maduro said #arrive and @llegar, 5 * 3 = 15, a#b'), 'The Maduro said arrive and llegar, 5 * 3 = 15, a#b');
});

test('modeFor: ISO 639-1 pairs to the installed Apertium modes of either naming', () => {
  const modes = new Set(['spa-eng', 'cat-eng', 'gl-en', 'eng-spa']);
  assert.equal(modeFor(modes, 'es', 'en'), 'spa-eng');
  assert.equal(modeFor(modes, 'gl', 'en'), 'gl-en');
  assert.equal(modeFor(modes, 'de', 'en'), null);
});

test('check: figures must be in the original, whatever their separators or digits', () => {
  const es = 'Llegaron 1.250 personas y 3,5 millones de dólares el 27 de octubre; ٢٠٢٤.';
  assert.deepEqual(inventedFigures(es, 'On 27 October, 1,250 people and 3.5 million dollars arrived; 2024.'), []);
  assert.deepEqual(inventedFigures(es, 'On 27 October, 1,520 people arrived.'), ['1520']);
  assert.deepEqual(inventedFigures('Ils étaient 12 000.', 'There were 12,000.'), [], 'a space as thousands separator');
  assert.deepEqual(inventedFigures('Tres heridos.', 'Three injured, 3 in hospital.'), [], 'small numbers may come from number words');
});

test('check: names across scripts and conventions; months against the months the original names', () => {
  assert.equal(nameKey('Москву').slice(0, 4), nameKey('Moscow').slice(0, 4));
  assert.deepEqual(inventedNames('Путин заявил в Москве.', 'The Kremlin said Putin met Biden in Moscow.'), ['Kremlin', 'Biden']);
  assert.deepEqual(inventedNames('El Gobierno de Alemania y Estados Unidos.', 'The Government of Germany and the United States.'), []);
  assert.deepEqual(inventedMonths('el 27 de octubre', 'on 27 October and 3 November'), ['November']);
  assert.deepEqual(inventedMonths('am 27.10.2024', 'on 27 October'), [], 'a date in figures may be named');
  assert.equal(
    checkTranslation('قال مادورو إن ١٢٥٠ شخصا وصلوا', 'Maduro said that 1250 people arrived'),
    null,
    'other scripts: figures only',
  );
  assert.equal(
    checkTranslation('Maduro recibe a 214 repatriados\n\nMaduro los recibió.', 'Maduro Receives 214 Repatriates\n\nMaduro received them.'),
    null,
    'a title in title case',
  );
  assert.deepEqual(
    checkTranslation(
      'La Casa Blanca y las Naciones Unidas pidieron a la Cruz Roja que ayude, dijo el papa Francisco.',
      'The White House and the United Nations asked the Red Cross to help, Pope Francis said.',
    ),
    null,
  );
  assert.deepEqual(
    checkTranslation('Maduro dijo que 30 llegaron.', 'Maduro said that 30 arrived with Petro.', { figuresOnly: true }),
    null,
  );
});

/** A provider that counts its calls and answers with `answer`. */
function fakeProvider(
  name: string,
  answer: (text: string) => Result<TranslatedText>,
  pairs = ['es'],
): TranslateProvider & { calls: number } {
  const p = {
    name,
    calls: 0,
    async supports(source: string) {
      return pairs.includes(source);
    },
    async translate(req: { title: string | null; text: string }) {
      p.calls++;
      return answer(req.text);
    },
  };
  return p;
}

function memoryCache(): TranslationCache & { size: () => number } {
  const m = new Map<string, TranslatedText>();
  const k = (key: { sourceHash: string; provider: string; target: string }) => `${key.sourceHash}|${key.provider}|${key.target}`;
  return {
    get: async (key) => m.get(k(key)) ?? null,
    put: async (key, _lang, v) => void m.set(k(key), v),
    size: () => m.size,
  };
}

const article = { title: 'Llegan 214 personas', text: 'Llegaron 214 personas a Caracas el martes.', language: 'es' };

test('translateArticle: one provider call ever, the second time from the cache', async () => {
  const p = fakeProvider('fake', () => ok({ title: '214 people arrive', text: '214 people arrived in Caracas on Tuesday.' }));
  const cache = memoryCache();
  const first = await translateArticle(article, { providers: [p], cache });
  assert.equal(first.status, 'translated');
  assert.ok(first.status === 'translated' && !first.cached && first.translation.provider === 'fake' && first.translation.language === 'en');
  const second = await translateArticle({ ...article }, { providers: [p], cache });
  assert.ok(second.status === 'translated' && second.cached);
  assert.equal(p.calls, 1);
  assert.equal(cache.size(), 1);
  assert.notEqual(sourceHash(article), sourceHash({ ...article, title: 'Otro título' }), 'the title is part of the key');
});

test('translateArticle: a failing or unfaithful provider gives way to the next; all failing is a typed failure', async () => {
  const down = fakeProvider('down', () => fail('translate/timeout', 'no answer'));
  const liar = fakeProvider('liar', () => ok({ title: '214 people arrive', text: '2,140 people arrived in Caracas on Tuesday.' }));
  const good = fakeProvider('good', () => ok({ title: '214 people arrive', text: '214 people arrived in Caracas on Tuesday.' }));
  const out = await translateArticle(article, { providers: [down, liar, good], cache: memoryCache() });
  assert.ok(out.status === 'translated' && out.translation.provider === 'good');
  const none = await translateArticle(article, { providers: [down, liar] });
  assert.ok(none.status === 'failed' && none.code === 'translate/unfaithful');
});

test('translateArticle: English, unknown language, no provider and an unserved pair are skipped without a call', async () => {
  const p = fakeProvider('fake', () => ok({ title: null, text: 'x' }));
  assert.deepEqual(await translateArticle({ ...article, language: 'en' }, { providers: [p] }), { status: 'skipped', reason: 'english' });
  assert.deepEqual(await translateArticle({ ...article, language: null }, { providers: [p] }), {
    status: 'skipped',
    reason: 'unknown-language',
  });
  assert.deepEqual(await translateArticle({ ...article, language: 'ja' }, { providers: [p] }), { status: 'skipped', reason: 'no-pair' });
  assert.deepEqual(await translateArticle(article, { providers: [] }), { status: 'skipped', reason: 'no-provider' });
  assert.equal(p.calls, 0);
});

test('providersFromConfig: the order of PARALLAX_TRANSLATE; llm needs a model; unknown names are typed failures', () => {
  const base = { PARALLAX_TRANSLATE_TIMEOUT_MS: 1000, PARALLAX_TRANSLATE_API_KEY: undefined };
  const llm = { url: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 1000, fetch };
  const r = providersFromConfig({ ...base, PARALLAX_TRANSLATE: 'apertium, libretranslate:http://127.0.0.1:5000,llm' }, { fetch, llm });
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.map((p) => p.name),
    ['apertium', 'libretranslate', 'llm:m'],
  );
  assert.deepEqual(providersFromConfig({ ...base, PARALLAX_TRANSLATE: undefined }, { fetch, llm: null }), { ok: true, value: [] });
  assert.equal(providersFromConfig({ ...base, PARALLAX_TRANSLATE: 'llm' }, { fetch, llm: null }).ok, false);
  assert.equal(providersFromConfig({ ...base, PARALLAX_TRANSLATE: 'deepl' }, { fetch, llm: null }).ok, false);
});

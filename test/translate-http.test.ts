/**
 * LibreTranslate and OpenAI-compatible translation against local servers on 127.0.0.1 that speak their protocols:
 * a good answer, a timeout, garbage, and a translation that invents a number (rejected).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { libreTranslateProvider } from '../src/translate/libretranslate.ts';
import { llmProvider } from '../src/translate/llm.ts';
import { translateArticle } from '../src/translate/index.ts';

type Mode = 'good' | 'slow' | 'garbage' | 'invents' | 'error';

const article = {
  title: 'Llegan 214 repatriados a Caracas',
  text: 'El presidente Nicolás Maduro recibió el 27 de octubre a 214 ciudadanos en Caracas.',
  language: 'es',
};
const GOOD = {
  title: '214 repatriates arrive in Caracas',
  text: 'President Nicolás Maduro received 214 citizens in Caracas on 27 October.',
};
const INVENTED = {
  title: '214 repatriates arrive in Caracas',
  text: 'President Nicolás Maduro received 2,140 citizens in Caracas on 27 October.',
};

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Starts a server; `handle` answers each request. Returns its base URL and the requests it saw. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, json: unknown) => void) {
  const seen: Array<{ url: string; json: unknown }> = [];
  const server = createServer(async (req, res) => {
    const json = req.method === 'POST' ? await body(req) : null;
    seen.push({ url: req.url ?? '', json });
    handle(req, res, json);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function send(res: ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

async function libreServer(mode: () => Mode) {
  return serve((req, res, json) => {
    if (req.url === '/languages')
      return send(res, 200, [
        { code: 'es', name: 'Spanish', targets: ['en'] },
        { code: 'en', name: 'English', targets: ['es'] },
      ]);
    const m = mode();
    if (m === 'slow') return; // never answers
    if (m === 'garbage') return send(res, 200, '<html>oops</html>');
    if (m === 'error') return send(res, 500, { error: 'boom' });
    const q = (json as { q: string[] }).q;
    assert.equal(q.length, 2, 'title and text go as one batch');
    const t = m === 'invents' ? INVENTED : GOOD;
    send(res, 200, { translatedText: [t.title, t.text] });
  });
}

test('libretranslate: a good answer is kept; the pairs come from /languages', async () => {
  const s = await libreServer(() => 'good');
  const p = libreTranslateProvider({ url: s.url, fetch, timeoutMs: 2000 });
  assert.equal(await p.supports('es', 'en'), true);
  assert.equal(await p.supports('de', 'en'), false);
  const out = await translateArticle(article, { providers: [p] });
  assert.ok(out.status === 'translated');
  assert.deepEqual({ title: out.translation.title, text: out.translation.text }, GOOD);
  assert.equal(out.translation.provider, 'libretranslate');
  const post = s.seen.find((r) => r.url === '/translate')?.json as { source: string; target: string; format: string };
  assert.deepEqual([post.source, post.target, post.format], ['es', 'en', 'text']);
});

test('libretranslate: timeout, garbage, HTTP error and an invented number are failures, never translations', async () => {
  let mode: Mode = 'slow';
  const s = await libreServer(() => mode);
  const p = libreTranslateProvider({ url: s.url, fetch, timeoutMs: 1500 });
  const expect: Array<[Mode, string]> = [
    ['slow', 'translate/timeout'],
    ['garbage', 'translate/garbage'],
    ['error', 'translate/http'],
    ['invents', 'translate/unfaithful'],
  ];
  for (const [m, code] of expect) {
    mode = m;
    const out = await translateArticle(article, { providers: [p] });
    assert.equal(out.status, 'failed', m);
    assert.equal(out.status === 'failed' && out.code, code, m);
  }
});

test('libretranslate: a server that is down serves no pair', async () => {
  const p = libreTranslateProvider({ url: 'http://127.0.0.1:9', fetch, timeoutMs: 500 });
  assert.equal(await p.supports('es', 'en'), false);
  assert.deepEqual(await translateArticle(article, { providers: [p] }), { status: 'skipped', reason: 'no-pair' });
});

async function chatServer(mode: () => Mode) {
  return serve((req, res, json) => {
    const m = mode();
    if (m === 'slow') return;
    if (m === 'error') return send(res, 503, { error: { message: 'overloaded' } });
    const reply = (content: string) => send(res, 200, { choices: [{ index: 0, message: { role: 'assistant', content } }] });
    if (m === 'garbage') return reply('Sure! Here is the translation: President Maduro received the citizens.');
    const msgs = (json as { messages: Array<{ role: string; content: string }> }).messages;
    assert.match(msgs[0]!.content, /from Spanish to English/);
    assert.deepEqual(JSON.parse(msgs[1]!.content), { title: article.title, text: article.text });
    reply('```json\n' + JSON.stringify(m === 'invents' ? INVENTED : GOOD) + '\n```');
  });
}

test('llm: a good answer is kept, with the model named as its provider', async () => {
  const s = await chatServer(() => 'good');
  const p = llmProvider({ url: `${s.url}/v1`, model: 'test-model', apiKey: 'k', timeoutMs: 2000, fetch });
  const out = await translateArticle(article, { providers: [p] });
  assert.ok(out.status === 'translated');
  assert.deepEqual({ title: out.translation.title, text: out.translation.text }, GOOD);
  assert.equal(out.translation.provider, 'llm:test-model');
  assert.equal(s.seen[0]!.url, '/v1/chat/completions');
});

test('llm: timeout, garbage, HTTP error and an invented number are failures, never translations', async () => {
  let mode: Mode = 'slow';
  const s = await chatServer(() => mode);
  const p = llmProvider({ url: s.url, model: 'm', timeoutMs: 1500, fetch });
  const expect: Array<[Mode, string]> = [
    ['slow', 'translate/timeout'],
    ['garbage', 'translate/garbage'],
    ['error', 'translate/http'],
    ['invents', 'translate/unfaithful'],
  ];
  for (const [m, code] of expect) {
    mode = m;
    const out = await translateArticle(article, { providers: [p] });
    assert.equal(out.status === 'failed' && out.code, code, m);
  }
});

test('llm after a failing libretranslate: the first that answers faithfully serves the article', async () => {
  const lt = await libreServer(() => 'invents');
  const chat = await chatServer(() => 'good');
  const providers = [
    libreTranslateProvider({ url: lt.url, fetch, timeoutMs: 2000 }),
    llmProvider({ url: chat.url, model: 'm', timeoutMs: 2000, fetch }),
  ];
  const out = await translateArticle(article, { providers });
  assert.ok(out.status === 'translated' && out.translation.provider === 'llm:m');
});

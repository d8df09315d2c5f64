import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chat, llmFromConfig, rewriteOverview, type LlmClient } from '../src/synthesize/llm.ts';
import { synthesizeStory, synthesizeStoryWithLlm } from '../src/synthesize/index.ts';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/util/log.ts';
import type { AnalysisArticle } from '../src/analyze/index.ts';
import type { StoryAnalysis } from '../src/report.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'synthesize', 'ferry');
const articles = JSON.parse(readFileSync(join(FIX, 'articles.json'), 'utf8')) as AnalysisArticle[];
const analysis = JSON.parse(readFileSync(join(FIX, 'analysis.json'), 'utf8')) as StoryAnalysis;

/** What the fake model answers next: a function of the request's messages. */
type Mode = 'fluent' | 'invent-number' | 'invent-name' | 'invent-quote' | 'slow' | 'garbage' | 'http-500' | 'no-json';
let mode: Mode = 'fluent';
const seen: Array<{ auth: string | undefined; model: string; path: string }> = [];
let server: Server;
let base: string;

function answer(content: string) {
  return JSON.stringify({
    id: 'x',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  });
}

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body) as { model: string; messages: Array<{ role: string; content: string }> };
      seen.push({ auth: req.headers.authorization, model: parsed.model, path: req.url });
      const user = JSON.parse(parsed.messages.at(-1)!.content) as { sentences?: Array<{ text: string; articles: string[] }> } | unknown[];
      const input = Array.isArray(user) ? [] : (user.sentences ?? []);
      const send = (content: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(answer(content));
      if (Array.isArray(user)) {
        // per-country summaries: the first sentence of the country's first article (or an invented figure)
        const countries: Record<string, string> = {};
        for (const c of user as Array<{ country: string; articles: Array<{ text: string }> }>) {
          const first = (c.articles[0]?.text ?? '').split(/(?<=\.)\s/)[0] ?? '';
          countries[c.country] = mode === 'fluent' ? first : `${first} Officials counted 999 survivors.`;
        }
        if (mode === 'fluent' || mode.startsWith('invent')) return send(JSON.stringify({ countries }));
      }
      // the "rewrite": join the first two sentences, keep the rest, carry the citations over
      const rewrite = (edit: (s: string) => string) => {
        const out = input.map((s) => ({ text: s.text, articles: s.articles }));
        if (out.length >= 2) {
          const a = out.shift()!;
          const b = out.shift()!;
          out.unshift({
            text: `${a.text.replace(/\.$/, '')}; ${b.text.charAt(0).toLowerCase()}${b.text.slice(1)}`,
            articles: [...new Set([...a.articles, ...b.articles])],
          });
        }
        out[0] = { ...out[0]!, text: edit(out[0]!.text) };
        return JSON.stringify({ sentences: out });
      };
      switch (mode) {
        case 'fluent':
          return send('```json\n' + rewrite((s) => s) + '\n```');
        case 'invent-number':
          return send(rewrite((s) => s.replace('214', '241')));
        case 'invent-name':
          return send(rewrite((s) => s.replace('the Nordic Maritime Agency', 'Admiral Sven Okonkwo')));
        case 'invent-quote':
          return send(rewrite((s) => `${s.replace(/\.$/, '')}, calling it "a disaster waiting to happen".`));
        case 'slow':
          setTimeout(() => send(rewrite((s) => s)), 1500).unref();
          return;
        case 'garbage':
          return send('Sure! Here is a nicer summary: the ferry ran aground.');
        case 'no-json':
          return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
        case 'http-500':
          return res.writeHead(500).end('{"error":"overloaded"}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

function client(timeoutMs = 1000): LlmClient {
  return { url: base, model: 'test-model', apiKey: 'k-123', timeoutMs, fetch };
}

function logs(): { lines: Array<{ code?: string; stage?: string }>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<{ code?: string; stage?: string }> = [];
  return { lines, logger: createLogger('debug', (l) => lines.push(JSON.parse(l) as { code?: string })) };
}

test('config builds a client only when URL and model are set', () => {
  assert.equal(llmFromConfig(loadConfig({}), fetch), null);
  const c = llmFromConfig(
    loadConfig({ PARALLAX_LLM_URL: 'http://127.0.0.1:9/v1', PARALLAX_LLM_MODEL: 'm', PARALLAX_LLM_TIMEOUT_MS: '500' }),
    fetch,
  );
  assert.equal(c?.timeoutMs, 500);
  assert.equal(c?.model, 'm');
});

test('a fluent rewrite is accepted, keeps citations, and speaks the protocol', async () => {
  mode = 'fluent';
  const det = synthesizeStory(articles, analysis);
  const r = await synthesizeStoryWithLlm(articles, analysis, { llm: client() });
  assert.equal(r.overview.length, det.overview.length - 1, 'two sentences were merged');
  assert.match(r.overview[0]!.text, /; /);
  const cited = new Set(r.overview[0]!.articles);
  for (const id of [...det.overview[0]!.articles, ...det.overview[1]!.articles]) assert.ok(cited.has(id));
  const no = r.countries.find((c) => c.country === 'NO');
  assert.equal(no?.summary, articles.find((a) => a.id === 'a2')!.text.split(/(?<=\.)\s/)[0]);
  const last = seen.at(-1)!;
  assert.equal(last.auth, 'Bearer k-123');
  assert.equal(last.model, 'test-model');
  assert.equal(last.path, '/v1/chat/completions');
});

for (const m of ['invent-number', 'invent-name', 'invent-quote'] as const) {
  test(`a rewrite that ${m.replace('-', 's a ')} fails grounding and the deterministic overview is kept`, async () => {
    mode = m;
    const { lines, logger } = logs();
    const det = synthesizeStory(articles, analysis);
    const r = await synthesizeStoryWithLlm(articles, analysis, { llm: client(), logger });
    assert.deepEqual(r.overview, det.overview);
    assert.deepEqual(r.countries, det.countries, 'invented country summaries are rejected too');
    const ungrounded = lines.filter((l) => l.code === 'synthesize/ungrounded');
    assert.ok(ungrounded.length >= 1, 'the failure is logged');
    assert.ok(ungrounded.every((l) => l.stage === 'synthesize'));
  });
}

test('a timeout falls back to the deterministic text', async () => {
  mode = 'slow';
  const { lines, logger } = logs();
  const t0 = Date.now();
  const det = synthesizeStory(articles, analysis);
  const r = await synthesizeStoryWithLlm(articles, analysis, { llm: client(300), logger });
  assert.ok(Date.now() - t0 < 1400, 'did not wait for the slow answer');
  assert.deepEqual(r.overview, det.overview);
  assert.ok(lines.some((l) => l.code === 'synthesize/llm-timeout'));
});

test('garbage, non-JSON bodies and HTTP errors yield null', async () => {
  const det = synthesizeStory(articles, analysis);
  for (const m of ['garbage', 'no-json', 'http-500'] as const) {
    mode = m;
    assert.equal(await rewriteOverview(client(), det.overview, articles), null, m);
    const r = await synthesizeStoryWithLlm(articles, analysis, { llm: client() });
    assert.deepEqual(r.overview, det.overview, m);
  }
  mode = 'fluent';
  const down: LlmClient = { ...client(), url: 'http://127.0.0.1:9/v1' };
  assert.equal(await chat(down, [{ role: 'user', content: 'hi' }]), null);
});

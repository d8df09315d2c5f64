/**
 * `npm run bench -- poller`: one poll cycle over a local server (F feeds × N generated articles), then a second
 * cycle (all 304). Peer, timed in the same run: ingestAll of the same pages straight from memory, so the ratio is
 * the cost of polling (HTTP, feed parsing, seen-URL bookkeeping) on top of the pipeline.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { openStore } from '../src/store/index.ts';
import { silentLogger } from '../src/util/log.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../src/fetch/http.ts';
import { pollOnce, describePoll } from '../src/pipeline/poller.ts';
import { ingestAll } from '../src/pipeline/ingest.ts';
import type { InputItem } from '../src/fetch/files.ts';

const FEEDS = 20;
const PER_FEED = 10;

const PLACES = ['Lindhaven', 'Porto Alto', 'Kessel Bay', 'Marrow Hill', 'Tarnby', 'Selva Nueva', 'Oakridge', 'Vell', 'Dunmore', 'Rask'];
const TOPICS = [
  ['council', 'approved a budget of', 'million for new schools'],
  ['port authority', 'announced', 'new berths for container ships'],
  ['hospital board', 'opened', 'beds in a new emergency wing'],
  ['transport agency', 'ordered', 'electric buses for city routes'],
  ['water utility', 'began', 'kilometres of pipe replacement'],
  ['university', 'hired', 'researchers for a climate institute'],
  ['police service', 'reported', 'fewer burglaries than last year'],
  ['energy company', 'connected', 'megawatts of solar panels'],
  ['farmers union', 'warned of', 'hectares lost to drought'],
  ['airport', 'added', 'weekly flights to the capital'],
];

function article(f: number, i: number): { title: string; html: string } {
  const place = PLACES[(f + i) % PLACES.length];
  const [who, verb, what] = TOPICS[(f * 3 + i) % TOPICS.length];
  const n = 10 + ((f * 37 + i * 11) % 90);
  const title = `${place} ${who} ${verb} ${n} ${what} (${f}-${i})`;
  const paras = [
    `The ${who} in ${place} ${verb} ${n} ${what} on Tuesday, officials said, in a decision that follows months of debate over cost and timing.`,
    `Supporters said the plan, number ${f * 100 + i} on this year's agenda, would help residents of the ${place} district, while critics asked for a review of the figures.`,
    `A spokesperson said work would begin within ${(i % 5) + 2} months and that progress reports would be published every quarter on the ${who}'s website.`,
    `Local businesses in ${place} welcomed the news. One owner said the change could bring ${n * 3} new customers a week to the high street.`,
  ];
  return {
    title,
    html: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  };
}

export async function run(): Promise<void> {
  const pages = new Map<string, string>();
  let base = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const m = /^\/feed-(\d+)\.xml$/.exec(path);
    if (m) {
      if (req.headers['if-none-match'] === `"f${m[1]}"`) return void res.writeHead(304).end();
      const f = Number(m[1]);
      const items = Array.from(
        { length: PER_FEED },
        (_, i) =>
          `<item><title>${article(f, i).title}</title><link>${base}/a/${f}/${i}.html</link><pubDate>Tue, 17 Nov 2026 ${String(10 + (i % 10)).padStart(2, '0')}:00:00 GMT</pubDate></item>`,
      );
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"f${m[1]}"` });
      return void res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title><link>${base}/</link>${items.join('')}</channel></rss>`,
      );
    }
    const body = pages.get(path);
    if (body) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let f = 0; f < FEEDS; f++) for (let i = 0; i < PER_FEED; i++) pages.set(`/a/${f}/${i}.html`, article(f, i).html);

  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-poller-'));
  try {
    const config = loadConfig({ PARALLAX_DB: join(dir, 'poll.db'), PARALLAX_ALLOW_PRIVATE_NETWORK: '1' });
    const store = await openStore(config);
    for (let f = 0; f < FEEDS; f++) {
      await store.upsertSource({
        id: `bench-${f}`,
        name: `Bench Outlet ${f}`,
        homepage: null,
        country: 'NZ',
        languages: ['en'],
        feeds: [`${base}/feed-${f}.xml`],
        ownership: 'private',
        origin: 'user',
        enabled: true,
      });
    }
    let now = Date.parse('2026-11-22T12:00:00Z');
    const clock = () => new Date(now);
    const fetcher = createFetcher(
      { ...fetcherOptionsFromConfig(config), perHostIntervalMs: 0, perHostConcurrency: 8, maxRetries: 0 },
      { clock, logger: silentLogger },
    );
    const deps = {
      store,
      config,
      logger: silentLogger,
      clock,
      status: () => {},
      fetcher,
      options: { registryPath: null, maxArticlesPerPoll: FEEDS * PER_FEED },
    };
    const t0 = performance.now();
    const s1 = await pollOnce(deps);
    const poll1 = performance.now() - t0;
    now += 3600_000;
    const t1 = performance.now();
    const s2 = await pollOnce(deps);
    const poll2 = performance.now() - t1;
    await store.close();

    // Peer: the same pages through ingestAll, no HTTP, no feeds.
    const peerStore = await openStore({ ...config, PARALLAX_DB: join(dir, 'peer.db') });
    const items: InputItem[] = [];
    for (let f = 0; f < FEEDS; f++) {
      for (let i = 0; i < PER_FEED; i++) {
        const url = `${base}/a/${f}/${i}.html`;
        items.push({
          ok: true,
          input: {
            ref: url,
            kind: 'html',
            body: pages.get(`/a/${f}/${i}.html`)!,
            hints: { url, outlet: `Bench Outlet ${f}`, country: 'NZ', language: 'en' },
          },
        });
      }
    }
    const t2 = performance.now();
    const peer = await ingestAll(items, { store: peerStore, clock, logger: silentLogger });
    const direct = performance.now() - t2;
    await peerStore.close();

    console.log(describePoll(1, s1));
    console.log(describePoll(2, s2));
    console.log(
      `poll 1: ${FEEDS} feeds, ${s1.articlesAdded} articles in ${poll1.toFixed(0)} ms = ${((s1.articlesAdded / poll1) * 1000).toFixed(1)} articles/s`,
    );
    console.log(`poll 2 (all 304): ${poll2.toFixed(0)} ms, ${s2.articlesAdded} added`);
    console.log(
      `peer ingestAll from memory: ${peer.added} articles in ${direct.toFixed(0)} ms = ${((peer.added / direct) * 1000).toFixed(1)} articles/s`,
    );
    console.log(`ratio poll / direct ingest: ${(poll1 / direct).toFixed(2)}×`);
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

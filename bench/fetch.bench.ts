/**
 * `npm run bench -- fetch`: the fetcher and the feed parser, each beside a peer
 * timed in the same run.
 *  1. parseFeed on a generated 1,000-item RSS 2.0 feed vs a bare
 *     fast-xml-parser parse of the same text (the floor our mapping sits on).
 *  2. createFetcher().fetchText of a 10 KB page from a local server, 400
 *     requests 8 at a time, vs Node's global fetch (undici, keep-alive).
 *     Ours opens one connection per request (agent: false) so that every
 *     connection passes the SSRF lookup; the ratio shows what that costs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from '../src/fetch/feeds.ts';
import { createFetcher } from '../src/fetch/http.ts';
import { silentLogger } from '../src/util/log.ts';

function rssFeed(items: number): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
    '<title>Bench Daily</title><link>https://bench.example/</link><language>en</language>',
  ];
  for (let i = 0; i < items; i++) {
    const para = `<p>Paragraph ${i}: officials said the measure would take effect on ${1 + (i % 28)} December, after a vote of ${100 + i} to ${50 + (i % 40)}.</p>`;
    out.push(
      `<item><title>Story number ${i} &amp; its follow-up</title><link>/news/${i}</link><guid>https://bench.example/news/${i}</guid>` +
        `<pubDate>Sat, 21 Nov 2026 ${String(i % 24).padStart(2, '0')}:00:00 GMT</pubDate><dc:creator>Reporter ${i % 17}</dc:creator>` +
        `<description><![CDATA[<p>Summary of story ${i}.</p>]]></description><content:encoded><![CDATA[${para.repeat(6)}]]></content:encoded></item>`,
    );
  }
  out.push('</channel></rss>');
  return out.join('\n');
}

/** Median ms per call of each function, calls interleaved so machine noise hits both alike. */
function timeInterleaved(fns: Array<() => void>, runs: number): number[] {
  for (const f of fns) f();
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    fns.forEach((f, i) => {
      const t0 = performance.now();
      f();
      samples[i].push(performance.now() - t0);
    });
  }
  return samples.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
}

async function pool(n: number, width: number, task: () => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next++ < n) await task();
    }),
  );
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const feed = rssFeed(1000);
  const [ours, bare] = timeInterleaved(
    [
      () => {
        const r = parseFeed(feed, 'https://bench.example/rss.xml');
        if (!r.ok || r.value.entries.length !== 1000) throw new Error('bench feed did not parse');
      },
      () => {
        new XMLParser({ ignoreAttributes: false }).parse(feed);
      },
    ],
    11,
  );
  console.log(
    `parseFeed, 1000-item RSS (${(feed.length / 1024 / 1024).toFixed(2)} MB): median ${ours.toFixed(1)} ms/feed; bare fast-xml-parser parse ${bare.toFixed(1)} ms; ratio ${(ours / bare).toFixed(2)}x`,
  );

  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Bench</title></head><body>${'<p>Some article text for the benchmark, repeated to make a page of realistic size.</p>'.repeat(120)}</body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = createFetcher(
    {
      userAgent: 'ParallaxBench/0.1',
      timeoutMs: 10_000,
      maxBytes: 1 << 20,
      maxRedirects: 3,
      allowPrivateNetwork: true,
      perHostConcurrency: 8,
      perHostIntervalMs: 0,
    },
    { clock: () => new Date(), logger: silentLogger },
  );
  const n = 400;
  await fetcher.fetchText(`${base}/warm`);
  const oursMs = await pool(n, 8, async () => {
    const r = await fetcher.fetchText(`${base}/page`);
    if (!r.ok) throw new Error(r.message);
  });
  await (await fetch(`${base}/warm`)).text();
  const peerMs = await pool(n, 8, async () => {
    await (await fetch(`${base}/page`)).text();
  });
  server.close();
  console.log(
    `fetchText, ${(page.length / 1024).toFixed(0)} KB page, ${n} requests x8: ${((n / oursMs) * 1000).toFixed(0)} req/s; global fetch (undici keep-alive) ${((n / peerMs) * 1000).toFixed(0)} req/s; ratio ${(peerMs / oursMs).toFixed(2)}x of peer speed`,
  );
}

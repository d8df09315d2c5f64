/**
 * HTTP API (JSON under /api/) and the web UI, on Hono.
 */
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import { buildStoryReport } from '../pipeline/report.ts';
import { renderStoryList, renderStoryPage } from './web.ts';

export interface ServerDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
}

export function createApp(deps: ServerDeps): Hono {
  const { store } = deps;
  const app = new Hono();

  async function reportFor(id: string) {
    const rv = await store.getReport(id);
    if (rv) return rv.report;
    return buildStoryReport(id, { store, clock: deps.clock, logger: deps.logger });
  }

  app.get('/api/stories', async (c) => {
    const stories = await store.listStories({ limit: 100 });
    return c.json(stories.map((s) => ({ id: s.id, title: s.title, updated: s.updatedAt, articleIds: s.articleIds })));
  });
  app.get('/api/stories/:id', async (c) => {
    const r = await reportFor(c.req.param('id'));
    if (!r) return c.json({ error: { code: 'not-found', message: `no story ${c.req.param('id')}` } }, 404);
    return c.json(r);
  });
  app.get('/api/articles/:id', async (c) => {
    const a = await store.getArticle(c.req.param('id'));
    if (!a) return c.json({ error: { code: 'not-found', message: `no article ${c.req.param('id')}` } }, 404);
    const { blocks: _b, contentHash: _h, ...rest } = a;
    return c.json(rest);
  });
  app.get('/', async (c) => {
    const stories = await store.listStories({ limit: 100 });
    return c.html(renderStoryList(stories));
  });
  app.get('/stories/:id', async (c) => {
    const r = await reportFor(c.req.param('id'));
    if (!r) return c.html('<!doctype html><title>Not found</title><p>No such story.</p>', 404);
    return c.html(renderStoryPage(r));
  });
  return app;
}

export interface RunningServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(deps: ServerDeps & { port: number; host: string }): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port: deps.port, hostname: deps.host }, (info) => {
        resolve({
          host: deps.host,
          port: info.port,
          close: () => new Promise<void>((res) => server.close(() => res())),
        });
      });
      server.on('error', reject);
    } catch (e) {
      reject(e);
    }
  });
}

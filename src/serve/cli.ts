/**
 * The `parallax` command line, as ../shared/contracts/cli.md (v1).
 * Exit status: 0 success, 1 bad input or failed operation, 2 bad usage.
 * Data goes to stdout, progress and errors to stderr.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { loadConfig, ConfigError, type Config } from '../config/index.ts';
import { createLogger } from '../util/log.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { UsageError, parse, withStore, type CliIO, type Ctx } from './cli-common.ts';
import type { InputItem } from '../fetch/files.ts';
import type { PipelineDeps } from '../pipeline/ingest.ts';
// The pipeline, the extractor and the server are imported by the commands that use them, so a read-only
// command (`stories`, `story`, `config`) starts without loading them (`npm run bench -- cli`).

const defaultIO = (): CliIO => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: !!process.stderr.isTTY,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
});

const USAGE = `usage: parallax <command> [options]

commands:
  extract FILE... [--url URL] [--json]   extract article(s) from HTML files (or - for stdin), store nothing
  ingest PATH_OR_URL... [--json]          add articles: .txt/.md, .html[.gz], .jsonl, directories, URLs
  stories [--json]                        list stories, newest first
  story ID [--json]                       one story's full report
  article ID [--json]                     one stored article
  serve [--port N]                        HTTP API and web UI
  run [--port N]                          poll sources, ingest continuously and serve (npm start)
  sources list|add|remove|enable|import-opml|export-opml   the outlet registry and your own feeds
  poll [--user-only] [--json]             poll every due feed once, ingest what is new, and exit
  worker [--concurrency N]                run queued jobs (scale-out: many workers share one PostgreSQL store)
  ingest --queue PATH_OR_URL...           queue inputs for workers instead of processing them here
  repair [--json]                         cluster articles left without a story, rebuild stale story reports
  config [--json]                         the effective configuration (secrets masked)

every command takes --db FILE (default: $PARALLAX_DB, else ./parallax.db)`;

async function pipelineDeps(ctx: Ctx, store: Store): Promise<PipelineDeps> {
  const { loadRegistryCountries } = await import('./http.ts');
  const { llmFromConfig } = await import('../synthesize/llm.ts');
  const { translatorsFromConfig } = await import('../pipeline/translate.ts');
  const { createAnalysisCache } = await import('../analyze/cache.ts');
  const llm = llmFromConfig(ctx.config, fetch);
  return {
    store,
    clock: () => new Date(),
    logger: ctx.logger,
    registryCountries: await loadRegistryCountries(store),
    llm,
    translators: translatorsFromConfig(ctx.config, { fetch, llm, logger: ctx.logger }),
    analysisCache: createAnalysisCache(),
  };
}

async function cmdExtract(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { url: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('extract needs at least one FILE (or - for stdin)');
  const { decodeHtmlBytes, looksBinary } = await import('../fetch/files.ts');
  const { extractArticle } = await import('../extract/index.ts');
  let status = 0;
  for (const file of positionals) {
    let buf: Buffer;
    try {
      buf = file === '-' ? await ctx.io.readStdin() : await readFile(file);
      if (/\.gz$/i.test(file) || (buf[0] === 0x1f && buf[1] === 0x8b))
        buf = gunzipSync(buf, { maxOutputLength: ctx.config.PARALLAX_MAX_INPUT_BYTES });
    } catch (e) {
      ctx.io.stderr(`parallax: ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      status = 1;
      continue;
    }
    if (buf.length > ctx.config.PARALLAX_MAX_INPUT_BYTES) {
      ctx.io.stderr(`parallax: ${file}: larger than the input limit\n`);
      status = 1;
      continue;
    }
    if (buf.length === 0 || looksBinary(buf)) {
      ctx.io.stderr(`parallax: ${file}: ${buf.length === 0 ? 'file is empty' : 'file is binary, not HTML'}\n`);
      status = 1;
      continue;
    }
    const html = decodeHtmlBytes(buf);
    const r = extractArticle({ ref: file, kind: 'html', body: html, hints: { url: (values.url as string) ?? null } }, { now: new Date() });
    if (!r.ok) {
      ctx.io.stderr(`parallax: ${file}: ${r.code}: ${r.message}\n`);
      status = 1;
      continue;
    }
    const a = r.value;
    const out = {
      file,
      title: a.title,
      byline: a.byline,
      published: a.published,
      language: a.language,
      siteName: a.siteName,
      text: a.text,
    };
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else ctx.io.stdout(`${a.title ?? '(no title)'}\n\n${a.text}\n`);
  }
  return status;
}

async function cmdIngest(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { queue: { type: 'boolean', default: false } });
  if (positionals.length === 0) throw new UsageError('ingest needs at least one PATH or URL');
  const urls = positionals.filter((p) => /^https?:\/\//i.test(p));
  const paths = positionals.filter((p) => !/^https?:\/\//i.test(p));
  return withStore(ctx, values.db as string | undefined, async (store) => {
    const deps = await pipelineDeps(ctx, store);
    const { readInputs } = await import('../fetch/files.ts');
    const limits = { maxBytes: ctx.config.PARALLAX_MAX_INPUT_BYTES, maxLineBytes: ctx.config.PARALLAX_MAX_INPUT_BYTES };
    // Fetched feeds and pages are outside input: parsed and extracted in a thread under the time budget (local files
    // stay in-process). No thread starts unless a URL is given.
    const { createHtmlExtractPool } = await import('../extract/worker.ts');
    const htmlPool = urls.length ? createHtmlExtractPool({ size: 1, timeoutMs: ctx.config.PARALLAX_EXTRACT_TIMEOUT_MS }) : null;
    async function* inputs(): AsyncGenerator<InputItem> {
      yield* readInputs(paths, limits);
      if (urls.length) {
        const { fetchInputs } = await import('../fetch/urls.ts');
        yield* fetchInputs(urls, ctx.config, ctx.logger, htmlPool ? { feedParser: (body, url) => htmlPool.parseFeed(body, url) } : {});
      }
    }
    // An input whose URL belongs to a known outlet (registry or user source) gets its outlet and country.
    const { loadOutletLookup, withOutletHints } = await import('../sources/index.ts');
    const lookup = await loadOutletLookup(store);
    async function* all(): AsyncGenerator<InputItem> {
      for await (const item of inputs()) yield item.ok ? { ok: true, input: withOutletHints(item.input, lookup) } : item;
    }
    if (values.queue) return queueInputs(ctx, deps, paths, urls, limits, !!values.json, lookup);
    const progress = ctx.io.isTTY
      ? (done: number, s: { added: number; duplicates: number; failed: unknown[] }) =>
          ctx.io.stderr(`\r${done} inputs: ${s.added} added, ${s.duplicates} duplicates, ${s.failed.length} failed`)
      : undefined;
    // Self-repair before and after: what a killed run left, and what a concurrent writer's report missed.
    const { repairStore } = await import('../pipeline/repair.ts');
    await repairStore(deps);
    const { ingestAll } = await import('../pipeline/ingest.ts');
    const summary = await ingestAll(all(), { ...deps, htmlPool }, progress).finally(() => htmlPool?.close());
    await repairStore(deps);
    if (progress) ctx.io.stderr('\n');
    for (const f of summary.failed) ctx.io.stderr(`parallax: ${f.ref}: ${f.error}\n`);
    const storyIds = new Set<string>();
    for (const id of summary.articleIds) {
      const a = await store.getArticle(id);
      if (a?.storyId) storyIds.add(a.storyId);
    }
    const out = {
      added: summary.added,
      duplicates: summary.duplicates,
      failed: summary.failed.map((f) => ({ ref: f.ref, error: f.error })),
      stories: storyIds.size,
    };
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else ctx.io.stdout(`added ${out.added}, duplicates ${out.duplicates}, failed ${out.failed.length}, in ${out.stories} stories\n`);
    return summary.failed.length > 0 ? 1 : 0;
  });
}

async function queueInputs(
  ctx: Ctx,
  deps: PipelineDeps,
  paths: string[],
  urls: string[],
  limits: { maxBytes: number; maxLineBytes: number },
  json: boolean,
  lookup: import('../sources/index.ts').OutletLookup,
): Promise<number> {
  const { enqueueIngest, enqueueFetch } = await import('../pipeline/worker.ts');
  const { withOutletHints } = await import('../sources/index.ts');
  const { readInputs } = await import('../fetch/files.ts');
  let queued = 0;
  const failed: Array<{ ref: string; error: string }> = [];
  // Workers get the outlet and country a plain ingest would find (registry and user sources), known here.
  for await (const item of readInputs(paths, limits)) {
    if (!item.ok) failed.push({ ref: item.failure.ref, error: item.failure.error });
    else if (await enqueueIngest(deps, withOutletHints(item.input, lookup))) queued++;
  }
  for (const u of urls) {
    const known = lookup(u);
    if (await enqueueFetch(deps, u, known ? { outlet: known.name, country: known.country } : {})) queued++;
  }
  for (const f of failed) ctx.io.stderr(`parallax: ${f.ref}: ${f.error}\n`);
  if (json) ctx.io.stdout(JSON.stringify({ queued, failed }) + '\n');
  else ctx.io.stdout(`queued ${queued}, failed ${failed.length}\n`);
  return failed.length ? 1 : 0;
}

async function cmdWorker(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parse(args, { concurrency: { type: 'string' }, 'until-idle': { type: 'boolean', default: false } });
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be an integer 1-64');
  // Each job may hold a connection while another waits on the cluster lock: the pool grows with the concurrency.
  return withStore(
    ctx,
    values.db as string | undefined,
    async (store) => {
      const { startWorker } = await import('../pipeline/worker.ts');
      // Jobs carry outside input (fetched pages, queued texts): extracted in threads, each under the time budget.
      const { createHtmlExtractPool } = await import('../extract/worker.ts');
      const htmlPool = createHtmlExtractPool({
        size: Math.min(concurrency, (await import('node:os')).availableParallelism()),
        timeoutMs: ctx.config.PARALLAX_EXTRACT_TIMEOUT_MS,
      });
      const w = startWorker({ ...(await pipelineDeps(ctx, store)), config: ctx.config, htmlPool }, { concurrency });
      ctx.io.stderr(`parallax: worker started (${concurrency} at a time, ${store.dialect} store)\n`);
      let onSignal: () => void = () => {};
      await Promise.race([
        values['until-idle'] ? w.drained() : new Promise<void>(() => {}),
        new Promise<void>((resolve) => {
          onSignal = resolve;
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
        }),
      ]);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await w.stop();
      await htmlPool.close();
      const st = await store.queueStats();
      ctx.io.stderr(
        `parallax: worker stopped; queue: ${st.pending} pending, ${st.running} running, ${st.done} done, ${st.failed} failed\n`,
      );
      return 0;
    },
    Math.max(10, concurrency + 4),
  );
}

async function cmdRepair(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parse(args);
  return withStore(ctx, values.db as string | undefined, async (store) => {
    const { repairStore, describeRepair } = await import('../pipeline/repair.ts');
    const s = await repairStore(await pipelineDeps(ctx, store));
    ctx.io.stdout(values.json ? JSON.stringify(s) + '\n' : describeRepair(s) + '\n');
    return 0;
  });
}

async function cmdConfig(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parse(args);
  const { maskedConfig } = await import('../config/show.ts');
  const shown = maskedConfig(ctx.config);
  if (values.json) ctx.io.stdout(JSON.stringify(shown) + '\n');
  else for (const [k, v] of Object.entries(shown)) ctx.io.stdout(`${k}=${v ?? ''}\n`);
  return 0;
}

async function cmdStories(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parse(args, { limit: { type: 'string' } });
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
  return withStore(ctx, values.db as string | undefined, async (store) => {
    const stories = await store.listStories({ limit });
    const out = [];
    for (const s of stories) {
      const arts = await store.listArticles({ storyId: s.id, limit: 1000 });
      out.push({
        id: s.id,
        title: s.title,
        articles: arts.map((a) => ({ id: a.id, ref: a.ref, title: a.title, outlet: a.outlet, country: a.country })),
      });
    }
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else for (const s of out) ctx.io.stdout(`${s.id}  ${s.articles.length} articles  ${s.title}\n`);
    return 0;
  });
}

async function cmdStory(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { version: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('story needs exactly one ID');
  return withStore(ctx, values.db as string | undefined, async (store) => {
    const asked = positionals[0];
    // A story merged into another resolves to the survivor (its own earlier versions with --version).
    const id = values.version === undefined ? ((await store.resolveStory(asked)) ?? asked) : asked;
    const story = await store.getStory(id);
    if (!story) {
      ctx.io.stderr(`parallax: story ${asked}: no such story\n`);
      return 1;
    }
    if (id !== asked && !values.json) ctx.io.stderr(`parallax: story ${asked} was merged into ${id}\n`);
    let rv = await store.getReport(id, values.version === undefined ? undefined : Number(values.version));
    if (!rv && values.version === undefined) {
      const { buildStoryReport } = await import('../pipeline/report.ts');
      await buildStoryReport(id, await pipelineDeps(ctx, store));
      rv = await store.getReport(id);
    }
    if (!rv) {
      ctx.io.stderr(`parallax: story ${id}: no report${values.version ? ` version ${values.version}` : ''}\n`);
      return 1;
    }
    const r = rv.report;
    if (values.json) ctx.io.stdout(JSON.stringify(r) + '\n');
    else {
      ctx.io.stdout(`${r.title}\n\n`);
      for (const s of r.overview) ctx.io.stdout(`${s.text} [${s.articles.join(', ')}]\n`);
      if (r.discrepancies.length) {
        ctx.io.stdout('\nWhere sources differ:\n');
        for (const d of r.discrepancies)
          ctx.io.stdout(`- ${d.about}: ${d.values.map((v) => `${v.value} (${v.articles.join(', ')})`).join(' vs ')}\n`);
      }
      ctx.io.stdout(`\n${r.articles.length} articles: ${r.articles.map((a) => a.outlet ?? a.ref).join('; ')}\n`);
    }
    return 0;
  });
}

async function cmdArticle(ctx: Ctx, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1) throw new UsageError('article needs exactly one ID');
  return withStore(ctx, values.db as string | undefined, async (store) => {
    const a = await store.getArticle(positionals[0]);
    if (!a) {
      ctx.io.stderr(`parallax: article ${positionals[0]}: no such article\n`);
      return 1;
    }
    // The contract's fields, and the rest of what the API's GET /api/articles/{id} returns: one shape for both.
    const { articleFull } = await import('./api/routes.ts');
    const out = articleFull(a);
    if (values.json) ctx.io.stdout(JSON.stringify(out) + '\n');
    else ctx.io.stdout(`${a.title ?? '(no title)'}\n${[a.outlet, a.country, a.published].filter(Boolean).join(' · ')}\n\n${a.text}\n`);
    return 0;
  });
}

async function cmdServe(ctx: Ctx, args: string[], poll: boolean): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  const port = values.port === undefined ? ctx.config.PARALLAX_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be an integer 0-65535');
  const { startServer } = await import('./http.ts');
  const store = await openStore({ ...ctx.config, PARALLAX_DB: (values.db as string | undefined) ?? ctx.config.PARALLAX_DB });
  const server = await startServer({
    store,
    config: ctx.config,
    logger: ctx.logger,
    clock: () => new Date(),
    port,
    host: (values.host as string | undefined) ?? ctx.config.PARALLAX_HOST,
  });
  ctx.io.stderr(`parallax: serving on http://${server.host}:${server.port}/ (database ${values.db ?? ctx.config.PARALLAX_DB})\n`);
  const stop = poll ? await startPolling(ctx, server, (values.db as string | undefined) ?? ctx.config.PARALLAX_DB) : null;
  // `serve`: self-repair while already serving (a large backlog must not keep the server down).
  const repaired = poll ? Promise.resolve() : repairInBackground(ctx, store);
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  ctx.io.stderr('\nparallax: shutting down\n');
  if (stop) await stop();
  await repaired;
  await server.close();
  await store.close();
  return 0;
}

async function repairInBackground(ctx: Ctx, store: Store): Promise<void> {
  const { repairStore, describeRepair } = await import('../pipeline/repair.ts');
  await repairStore(await pipelineDeps(ctx, store)).then(
    (s) => (s.clustered || s.stale ? ctx.io.stderr(`parallax: ${describeRepair(s)}\n`) : undefined),
    (e: unknown) => ctx.io.stderr(`parallax: repair failed: ${(e as Error).message}\n`),
  );
}

/**
 * `run`: self-repair, then polling and ingest, in a thread of their own (pipeline/poll-thread.ts) with its own store
 * connection, restarted if it dies; the server forgets the answers of the stories it changed. Returns stop().
 */
async function startPolling(ctx: Ctx, server: import('./http.ts').RunningServer, db: string): Promise<() => Promise<void>> {
  const { startPollThread } = await import('../pipeline/poll-thread.ts');
  const thread = startPollThread({
    config: { ...ctx.config, PARALLAX_DB: db },
    // The live line is redrawn in place on a terminal; cycle summaries, dead feeds and restarts are always printed.
    status: (s) => (ctx.io.isTTY ? ctx.io.stderr(`\r\x1b[K${s}`) : undefined),
    report: (s) => ctx.io.stderr(`${ctx.io.isTTY ? '\r\x1b[K' : ''}${s}\n`),
    log: (line) => ctx.io.stderr(line + '\n'),
    onChanged: (stories) => server.invalidate(stories),
  });
  return () => thread.stop();
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    (cmd ? io.stdout : io.stderr)(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`parallax: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const ctx: Ctx = { io, config, logger: createLogger(config.PARALLAX_LOG_LEVEL, (l) => io.stderr(l + '\n')) };
  try {
    switch (cmd) {
      case 'extract':
        return await cmdExtract(ctx, rest);
      case 'ingest':
        return await cmdIngest(ctx, rest);
      case 'stories':
        return await cmdStories(ctx, rest);
      case 'story':
        return await cmdStory(ctx, rest);
      case 'article':
        return await cmdArticle(ctx, rest);
      case 'serve':
        return await cmdServe(ctx, rest, false);
      case 'run':
        return await cmdServe(ctx, rest, true);
      case 'worker':
        return await cmdWorker(ctx, rest);
      case 'repair':
        return await cmdRepair(ctx, rest);
      case 'config':
        return await cmdConfig(ctx, rest);
      case 'sources': {
        const { cmdSources } = await import('./sources-cli.ts');
        return await cmdSources(ctx, rest);
      }
      case 'poll': {
        const { cmdPoll } = await import('./sources-cli.ts');
        return await cmdPoll(ctx, rest);
      }
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`parallax: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'SQLITE_CANTOPEN' || err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_CORRUPT') {
      io.stderr(`parallax: database: ${err.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** Runs the CLI in-process and captures its output (tests, evals, embedding). */
export async function runCaptured(
  argv: string[],
  env: Record<string, string | undefined> = { PARALLAX_LOG_LEVEL: 'silent' },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env,
    isTTY: false,
    readStdin: async () => Buffer.alloc(0),
  });
  return { code, stdout, stderr };
}

export type { CliIO, Ctx as CliContext };
export { UsageError, parse as parseCliArgs };

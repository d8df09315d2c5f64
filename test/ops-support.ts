/**
 * Support for the crash, repair and concurrency tests: the CLI as a child process (so it can be killed), and the
 * invariants a store must hold after any crash and restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { EVENT_ARTICLES, type EventArticle } from './fixtures/ops/events.ts';

export const BIN = fileURLToPath(new URL('../bin/parallax.mjs', import.meta.url));

/** Writes articles as .txt files into `dir/name`; returns that directory. */
export function writeInbox(dir: string, name: string, articles: EventArticle[] = EVENT_ARTICLES): string {
  const inbox = join(dir, name);
  mkdirSync(inbox, { recursive: true });
  for (const a of articles) writeFileSync(join(inbox, a.file), a.text);
  return inbox;
}

export interface Child {
  proc: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `parallax ARGS` in a child process. */
export function spawnCli(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PARALLAX_LOG_LEVEL: 'silent', PARALLAX_POLL_REGISTRY: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { proc, done };
}

/** Waits until `cond` holds (checked every 20 ms), at most `ms`; returns whether it did. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Every way a store can be left wrong by a crash: what the crash tests require to be empty after a restart. */
export async function invariantProblems(store: Store): Promise<string[]> {
  const problems: string[] = [];
  const unassigned = await store.listUnassignedArticles(100000);
  if (unassigned.length) problems.push(`${unassigned.length} articles without a story`);
  for (const s of await store.listStories({ limit: 1000 })) {
    if (s.articleIds.length === 0) continue;
    if (!s.title) problems.push(`story ${s.id} has an empty title`);
    const r = await store.getReport(s.id);
    if (!r) problems.push(`story ${s.id} has no report`);
    else if (r.articleIds.join(',') !== s.articleIds.join(','))
      problems.push(`story ${s.id}: report covers ${r.articleIds.length} of ${s.articleIds.length} articles`);
  }
  return problems;
}

/** The stories as sets of input file names, sorted: equal for two stores that grouped the same way. */
export async function partition(store: Store): Promise<string[][]> {
  const groups: string[][] = [];
  for (const s of await store.listStories({ limit: 1000 })) {
    const refs = (await store.listArticles({ storyId: s.id, limit: 1000 })).map((a) => basename(a.ref)).sort();
    if (refs.length) groups.push(refs);
  }
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Opens a SQLite file, runs fn, closes it. */
export async function withSqlite<T>(file: string, fn: (s: SqliteStore) => Promise<T>): Promise<T> {
  const s = new SqliteStore(file);
  try {
    await s.migrate();
    return await fn(s);
  } finally {
    await s.close();
  }
}

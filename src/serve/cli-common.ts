/**
 * What every `parallax` command shares: the I/O it writes to, the usage error, the common options
 * (--db, --json, --help) and opening the store for one command. Imported by cli.ts and sources-cli.ts
 * (so that neither imports the other).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  readStdin: () => Promise<Buffer>;
}

/** A mistake in the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/** The options every command takes. */
const COMMON: ParseArgsConfig['options'] = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

/** Parses a command's arguments (the common options and `extra`); a mistake is a UsageError. */
export function parse(args: string[], extra: ParseArgsConfig['options'] = {}) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...extra }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export interface Ctx {
  io: CliIO;
  config: Config;
  logger: Logger;
}

/** Opens the store (`db`: the --db option, else PARALLAX_DB) for `fn`, and closes it. */
export async function withStore<T>(ctx: Ctx, db: unknown, fn: (store: Store) => Promise<T>, poolMax?: number): Promise<T> {
  const store = await openStore({
    ...ctx.config,
    PARALLAX_DB: (db as string | undefined) ?? ctx.config.PARALLAX_DB,
    PARALLAX_DB_POOL_MAX: ctx.config.PARALLAX_DB_POOL_MAX ?? poolMax,
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

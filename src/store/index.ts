/**
 * Opens the configured store: PostgreSQL when PARALLAX_DATABASE_URL is set,
 * else the embedded SQLite file. Migrates before returning.
 */
import type { Config } from '../config/index.ts';
import type { Store } from './types.ts';
import { SqliteStore } from './sqlite.ts';

export async function openStore(
  config: Pick<Config, 'PARALLAX_DB' | 'PARALLAX_DATABASE_URL'> & Partial<Pick<Config, 'PARALLAX_DB_POOL_MAX'>>,
): Promise<Store> {
  let store: Store;
  if (config.PARALLAX_DATABASE_URL) {
    const { PostgresStore } = await import('./postgres.ts');
    store = new PostgresStore(config.PARALLAX_DATABASE_URL, { maxConnections: config.PARALLAX_DB_POOL_MAX });
  } else {
    store = new SqliteStore(config.PARALLAX_DB);
  }
  await store.migrate();
  return store;
}

export type { Store };

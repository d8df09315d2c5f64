/**
 * PostgreSQL store: the same contract as SQLite, for scale-out.
 */
import type { Store } from './types.ts';

export function createPostgresStore(_url: string): Store {
  throw new Error('PostgreSQL store is not available yet');
}
export const PostgresStore = class {
  constructor(url: string) {
    return createPostgresStore(url);
  }
} as unknown as new (url: string) => Store;

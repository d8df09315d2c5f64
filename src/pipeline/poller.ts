/**
 * `parallax run`: polls the sources on a schedule and ingests what is new.
 */
import type { Store } from '../store/types.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../util/log.ts';

export interface PollerDeps {
  store: Store;
  config: Config;
  logger: Logger;
  clock: () => Date;
  status: (line: string) => void;
}

export async function startPoller(deps: PollerDeps): Promise<() => Promise<void>> {
  const sources = await deps.store.listSources();
  deps.status(`${sources.length} sources`);
  return async () => {};
}

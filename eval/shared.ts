/** Helpers for evals: where ../shared is, and skipping when a dataset is absent. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');

export function datasetPath(...parts: string[]): string | null {
  const p = join(SHARED, ...parts);
  if (!existsSync(p)) {
    console.log(`skipped: ${p} is absent`);
    return null;
  }
  return p;
}

export function pct(x: number): string {
  return (100 * x).toFixed(1) + '%';
}

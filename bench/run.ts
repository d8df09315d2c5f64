/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command
 * line) and prints their figures. A benchmark whose data folder is absent skips
 * with a message; a low score never fails the run, a crash does.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let crashed = 0;
for (const f of files) {
  const t0 = performance.now();
  console.log(`\n=== bench ${f.replace(/\.eval\.ts$/, '')} ===`);
  try {
    const mod = (await import(join(here, f))) as { run: () => Promise<void> };
    await mod.run();
  } catch (e) {
    crashed++;
    console.error(`eval ${f} crashed:`, e);
  }
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exitCode = crashed ? 1 : 0;

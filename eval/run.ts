/**
 * `npm run eval`: runs every eval/*.eval.ts (or those named on the command
 * line) and prints their figures. An eval whose data folder is absent skips
 * with a message. An eval may return named figures; those with a floor in
 * eval/floors.json fail the run when they drop below it by more than its
 * margin (eval/gate.ts), and so does a crash.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFloors, loadFloors, type Figures } from './gate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.eval.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let crashed = 0;
const figures: Figures = {};
for (const f of files) {
  const t0 = performance.now();
  console.log(`\n=== ${f.replace(/\.eval\.ts$/, '')} ===`);
  try {
    const mod = (await import(join(here, f))) as { run: () => Promise<Figures | void> };
    const got = await mod.run();
    for (const [k, v] of Object.entries(got ?? {})) figures[`${f.replace(/\.eval\.ts$/, '')}.${k}`] = v;
  } catch (e) {
    crashed++;
    console.error(`eval ${f} crashed:`, e);
  }
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
const failures = checkFloors(figures, loadFloors(join(here, 'floors.json')));
console.log(`\n=== gates: ${Object.keys(figures).length} figures, ${failures.length} below their floor ===`);
for (const g of failures) {
  console.log(
    `FAIL ${g.name}: ${g.value.toFixed(4)} ${g.floor.lowerIsBetter ? 'above the ceiling' : 'below the floor'} ${g.floor.floor} (margin ${g.floor.margin})`,
  );
}
process.exitCode = crashed || failures.length ? 1 : 0;

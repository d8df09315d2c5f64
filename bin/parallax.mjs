#!/usr/bin/env node
// Entry point of the `parallax` command. It runs the compiled JavaScript in dist/ (built by `npm run build`,
// which `npm install` and `npm ci` run as `prepare`) when dist/ is current: present, and no file under src/
// newer than the build. Otherwise (while editing) it registers the tsx loader and runs src/ directly, so a
// stale build never runs. PARALLAX_RUN=src forces src/; PARALLAX_RUN=dist runs dist/ whenever it is built
// (`npm run bench -- cli` compares the two).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A reader that stops early (`parallax sources list | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const root = join(fileURLToPath(import.meta.url), '..', '..');

function distIsCurrent() {
  let built;
  try {
    built = statSync(join(root, 'dist', '.built')).mtimeMs;
  } catch {
    return false;
  }
  if (process.env.PARALLAX_RUN === 'dist') return true;
  const src = join(root, 'src');
  try {
    if (statSync(src).mtimeMs > built) return false;
    for (const f of readdirSync(src, { recursive: true })) {
      if (statSync(join(src, f)).mtimeMs > built) return false;
    }
  } catch (e) {
    // No src/ beside dist/ (a copy without the sources) is current; a file removed while we look is not.
    return e.code === 'ENOENT' && e.path === src;
  }
  return true;
}

let entry = '../dist/serve/cli.js';
if (process.env.PARALLAX_RUN === 'src' || !distIsCurrent()) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/serve/cli.ts';
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
/**
 * `npm run build` (also the `prepare` script, so `npm install` and `npm ci`
 * leave it ready): compiles src/ to JavaScript in dist/ with tsc
 * (tsconfig.build.json, `--noCheck`: type checking is `npm run typecheck`'s
 * job) and copies the data files src/ reads at run time (lexicons,
 * migrations, the globe's client script) beside the compiled modules.
 *
 * dist/ mirrors src/ one level below the repository root, so paths such as
 * `../../data/registry/outlets.json` resolve the same from both.
 * The build goes to a scratch folder and replaces dist/ only when complete;
 * dist/.built is written last, with the time the build started: bin/parallax.mjs
 * runs dist/ only when every file under src/ is older than that time.
 *
 * Without TypeScript installed (`npm install --omit=dev`) it says so and
 * exits 0: the CLI then runs src/ through tsx.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = new Date();

function tscPath() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

const tsc = tscPath();
if (!tsc) {
  console.log('build: typescript is not installed; skipping (bin/parallax.mjs runs src/ through tsx)');
  process.exit(0);
}

const out = join(root, '.tmp', `dist-${process.pid}`);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', out], {
  cwd: root,
  stdio: 'inherit',
});
if (r.status !== 0) {
  rmSync(out, { recursive: true, force: true });
  console.error(`build: tsc failed (exit ${r.status ?? r.signal}); dist/ left as it was`);
  process.exit(1);
}

// Everything in src/ that is not TypeScript: JSON lexicons, SQL migrations, client scripts.
cpSync(join(root, 'src'), out, { recursive: true, filter: (src) => !src.endsWith('.ts') });

const stamp = join(out, '.built');
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);

const dist = join(root, 'dist');
const old = join(root, '.tmp', `dist-old-${process.pid}`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(out, dist);
rmSync(old, { recursive: true, force: true });
console.log(`build: dist/ ready in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`);

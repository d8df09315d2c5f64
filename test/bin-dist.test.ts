/**
 * bin/parallax.mjs chooses the compiled tree (dist/) only while it is current: present, and built after the
 * last change under src/. Checked on a copy of the entry point beside two stand-in trees whose `main` says
 * which one ran.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));

function layout(): { root: string; run: (env?: Record<string, string>) => string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'parallax-bin-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(REPO, 'bin', 'parallax.mjs'), join(root, 'bin', 'parallax.mjs'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  mkdirSync(join(root, 'src', 'serve'), { recursive: true });
  writeFileSync(
    join(root, 'src', 'serve', 'cli.ts'),
    "export async function main(argv: string[]): Promise<number> {\n  console.log('src ' + argv.join(' '));\n  return 0;\n}\n",
  );
  mkdirSync(join(root, 'dist', 'serve'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'serve', 'cli.js'),
    "export async function main(argv) {\n  console.log('dist ' + argv.join(' '));\n  return 0;\n}\n",
  );
  const run = (env: Record<string, string> = {}): string => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'parallax.mjs'), 'stories', '--json'], {
      env: { ...process.env, PARALLAX_RUN: '', ...env },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  return { root, run, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Sets a file's or folder's modification time, seconds from now. */
function touch(path: string, secondsFromNow: number): void {
  const t = new Date(Date.now() + secondsFromNow * 1000);
  utimesSync(path, t, t);
}

test('bin: src/ through tsx without a build; dist/ once built; src/ again after an edit', () => {
  const { root, run, cleanup } = layout();
  try {
    const old = -3600;
    for (const p of ['src', 'src/serve', 'src/serve/cli.ts']) touch(join(root, p), old);
    assert.equal(run(), 'src stories --json', 'no dist/.built: not built yet');
    writeFileSync(join(root, 'dist', '.built'), 'now\n');
    touch(join(root, 'dist', '.built'), -60);
    assert.equal(run(), 'dist stories --json');
    assert.equal(run({ PARALLAX_RUN: 'src' }), 'src stories --json', 'forced');
    touch(join(root, 'src', 'serve', 'cli.ts'), 0);
    assert.equal(run(), 'src stories --json', 'a file edited after the build');
    assert.equal(run({ PARALLAX_RUN: 'dist' }), 'dist stories --json', 'forced');
    touch(join(root, 'src', 'serve', 'cli.ts'), old);
    writeFileSync(join(root, 'src', 'serve', 'new.ts'), 'export {};\n');
    touch(join(root, 'src', 'serve', 'new.ts'), old);
    assert.equal(run(), 'src stories --json', 'a file added after the build (its folder changed)');
  } finally {
    cleanup();
  }
});

/** The `parallax` command as a shell pipeline sees it: a reader that stops early (`| head`) is not an error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.ts';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'parallax.mjs');

test('`parallax sources list | head -1` ends quietly when the reader closes the pipe', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const child = spawn(process.execPath, [bin, 'sources', 'list', '--db', join(dir, 'p.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Read the first chunk (well under the ~2,000 lines the registry lists), then close the pipe like `head` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
  } finally {
    cleanup();
  }
});

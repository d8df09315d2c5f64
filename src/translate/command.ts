/**
 * Runs a command with text on its standard input and returns its standard output, with a time limit and an output
 * size limit. A missing command, a timeout or a failing exit are typed results. The default runner of `apertium`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail, ok, type Result } from '../model.ts';

export type CommandRunner = (args: string[], input: string, timeoutMs: number) => Promise<Result<string>>;

const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Like `commandRunner`, but the input is written to a temporary file passed as the last argument: `apertium` reads
 * its input through /dev/stdin, which cannot be opened on the socket Node gives a child as standard input.
 */
export function fileInputRunner(command: string): CommandRunner {
  const run = commandRunner(command);
  return async (args, input, timeoutMs) => {
    if (input === '') return run(args, '', timeoutMs);
    const dir = await mkdtemp(join(tmpdir(), 'parallax-translate-'));
    try {
      const file = join(dir, 'input.txt');
      await writeFile(file, input, 'utf8');
      return await run([...args, file], '', timeoutMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

export function commandRunner(command: string): CommandRunner {
  return (args, input, timeoutMs) =>
    new Promise((resolve) => {
      const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let size = 0;
      let err = '';
      let settled: Result<string> | null = null;
      const finish = (r: Result<string>) => {
        if (settled) return;
        settled = r;
        clearTimeout(timer);
        resolve(r);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(fail('translate/timeout', `${command} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.on('data', (b: Buffer) => {
        size += b.length;
        if (size > MAX_OUTPUT) {
          child.kill('SIGKILL');
          finish(fail('translate/too-large', `${command} wrote more than ${MAX_OUTPUT} bytes`));
        } else out.push(b);
      });
      child.stderr.on('data', (b: Buffer) => {
        if (err.length < 2000) err += b.toString('utf8');
      });
      child.on('error', (e: NodeJS.ErrnoException) =>
        finish(fail(e.code === 'ENOENT' ? 'translate/unavailable' : 'translate/engine', `${command}: ${e.message}`)),
      );
      child.on('close', (code) => {
        if (code === 0) finish(ok(Buffer.concat(out).toString('utf8')));
        else finish(fail('translate/engine', `${command} exited with ${code}: ${err.trim().slice(0, 300)}`));
      });
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    });
}

#!/usr/bin/env node
// Entry point of the `parallax` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';
// A reader that stops early (`parallax sources list | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
register();
const { main } = await import('../src/serve/cli.ts');
process.exitCode = await main(process.argv.slice(2));

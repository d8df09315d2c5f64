/**
 * `parallax sources list|add|remove|import-opml|export-opml`.
 */
import type { CliContext } from './cli.ts';

export async function cmdSources(ctx: CliContext, _args: string[]): Promise<number> {
  ctx.io.stderr('parallax: sources: not available yet\n');
  return 1;
}

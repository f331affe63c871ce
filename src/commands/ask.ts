// Asking on the terminal before a write: one line read from stdin (callers refuse first when stdin is
// not a terminal, naming the flag that answers instead).
import { askLine, UsageError } from '../io.js';
import type { CommandContext } from './context.js';

/** Reads one line from a terminal stdin, after writing the question on stderr. */
export async function ask(ctx: CommandContext, question: string): Promise<string> {
  return askLine(ctx.io, question);
}

/** `--yes`, or "yes" typed on the terminal; without a terminal, a usage error saying what to add. */
export async function confirmYes(ctx: CommandContext, question: string, refusing: string): Promise<boolean> {
  if (ctx.values.yes === true) return true;
  if (!ctx.io.stdin.isTTY) throw new UsageError(`refusing to ${refusing} without --yes: stdin is not a terminal to confirm on`);
  return (await ask(ctx, question)).trim().toLowerCase() === 'yes';
}

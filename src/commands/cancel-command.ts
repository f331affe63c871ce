// `spex requests --cancel TOKEN`: cancels a request still in progress (e.g. one left running after a
// wait was given up). A mutation, so --read-only refuses it before anything is sent.
import type { RequestStatus } from '../domain/service/operations.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { renderFields, write, writeError } from './output.js';

export async function cancelCommand(ctx: CommandContext): Promise<number> {
  const token = str(ctx.values, 'cancel');
  if (!token) throw new UsageError('--cancel needs the request token (`spex requests` lists them)');
  if (ctx.readOnly) {
    throw new SpexError({ kind: 'read-only', message: 'spex runs with --read-only: cancel refused; nothing was sent.' });
  }
  const service = await ctx.service();
  const asked = await service.cancelRequest(token);
  if (asked.status !== 'CANCEL_IN_PROGRESS') {
    // Cancelling a request that has ended changes nothing; say how it ended instead.
    await writeStatus(ctx, asked);
    writeError(ctx.io, `request ${asked.requestToken} had already ended (${asked.status}); nothing was cancelled.`);
    return EXIT_FAILURE;
  }
  if (asked.note) ctx.io.stderr.write(`${sanitizeLine(asked.note)}\n`);
  // Followed to its end: a change already handed to Connect may still have applied, and the re-read says.
  const outcome = await service.trackRequest(token).done;
  const status = outcome.status ?? asked;
  await writeStatus(ctx, status);
  if (outcome.ok) {
    writeError(ctx.io, `request ${status.requestToken} was not cancelled in time: it ended ${status.status}.`);
    return EXIT_FAILURE;
  }
  if (outcome.error.kind === 'cancelled') {
    ctx.io.stderr.write(`${sanitizeLine(outcome.error.message)}\n`);
    return EXIT_OK;
  }
  writeError(ctx.io, outcome.error.message);
  return EXIT_FAILURE;
}

async function writeStatus(ctx: CommandContext, status: RequestStatus): Promise<void> {
  await write(ctx.io, ctx.output, status, () =>
    renderFields([
      ['Request', status.requestToken],
      ['Operation', status.operation],
      ['Status', status.status],
      ['Resource', status.identifier],
    ]),
  );
}

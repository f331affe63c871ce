// `spex requests --cancel TOKEN`: cancels a request still in progress (e.g. one left running after a
// wait was given up). A mutation, so --read-only refuses it before anything is sent.
import { SpexError } from '../domain/errors.js';
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
  const status = await service.cancelRequest(token);
  const cancelled = status.status === 'CANCEL_COMPLETE' || status.status === 'CANCEL_IN_PROGRESS';
  await write(ctx.io, ctx.output, status, () =>
    renderFields([
      ['Request', status.requestToken],
      ['Operation', status.operation],
      ['Status', status.status],
      ['Resource', status.identifier],
    ]),
  );
  if (cancelled) return EXIT_OK;
  // Cancelling a request that has ended changes nothing; say how it ended instead.
  writeError(ctx.io, `request ${status.requestToken} had already ended (${status.status}); nothing was cancelled.`);
  return EXIT_FAILURE;
}

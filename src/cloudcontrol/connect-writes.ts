// Saving a profile whose stored values the Cloud Control schema refuses (a console-made name such as
// "Supervisors (EMEA)", a tag key with a space): Cloud Control validates the whole model on every
// update and so refuses any change to it (real-aws-notes "Writes"), while Connect's own API takes it.
// Lost updates stay impossible: just before sending, the profile is read again and the save refused,
// saying what changed, if it is not what the edit started from (the promise the patch's `test`
// operations give on the Cloud Control path). Synchronous calls, so the operation settles at once.
import { randomUUID } from 'node:crypto';
import { TagResourceCommand, UntagResourceCommand, UpdateSecurityProfileCommand } from '@aws-sdk/client-connect';
import { connectIssues, type ConnectRequest, connectUpdateRequests } from '../domain/connect-plan.js';
import { type DomainError, isSpexError } from '../domain/errors.js';
import { unappliedChanges } from '../domain/patch.js';
import { describeChanges } from '../domain/profile-diff.js';
import { type SecurityProfile, type SecurityProfileDraft, toDraft } from '../domain/security-profile.js';
import type { RegionContext } from './context.js';
import { mapError } from './map-error.js';
import { getProfile } from './reads.js';
import type { OperationOptions, OperationOutcome, RequestStatus, TrackedOperation } from './types.js';

export const CONNECT_ROUTE_NOTE = 'sent through the Connect API (Cloud Control refuses this profile’s current values)';

/** The profile still as the edit found it? Compared on every writable field and LastModifiedTime. */
function changedSince(before: SecurityProfile, current: SecurityProfile): string | undefined {
  const theirs = describeChanges(toDraft(before), toDraft(current)).map((c) => c.label.trim());
  const timeMoved = before.LastModifiedTime !== undefined && current.LastModifiedTime !== undefined && current.LastModifiedTime !== before.LastModifiedTime;
  if (theirs.length === 0 && !timeMoved) return undefined;
  return theirs.length > 0 ? theirs.join('; ') : 'saved again by someone else (same values, newer time)';
}

async function send(ctx: RegionContext, request: ConnectRequest, signal: AbortSignal): Promise<unknown> {
  const client = ctx.connectApi(request.operation);
  if (client === undefined) throw new Error('the Connect API is not available');
  await ctx.spend(request.operation, signal);
  // The bodies are built in domain/connect-plan.ts to the shapes of these inputs.
  const b = request.body;
  const command =
    request.operation === 'UpdateSecurityProfile'
      ? new UpdateSecurityProfileCommand(b as unknown as ConstructorParameters<typeof UpdateSecurityProfileCommand>[0])
      : request.operation === 'TagResource'
        ? new TagResourceCommand(b as unknown as ConstructorParameters<typeof TagResourceCommand>[0])
        : new UntagResourceCommand(b as unknown as ConstructorParameters<typeof UntagResourceCommand>[0]);
  return client.send(command as UpdateSecurityProfileCommand, { abortSignal: ctx.signalFor(signal) });
}

export function updateThroughConnect(ctx: RegionContext, arn: string, before: SecurityProfile, after: SecurityProfileDraft, options: OperationOptions = {}): TrackedOperation {
  const listeners = new Set<(status: RequestStatus) => void>();
  const controller = new AbortController();
  if (options.signal) options.signal.addEventListener('abort', () => controller.abort(), { once: true });
  const base: RequestStatus = { requestToken: '', operation: 'UPDATE', status: 'IN_PROGRESS', identifier: arn, note: CONNECT_ROUTE_NOTE };
  let latest: RequestStatus | undefined;
  const emit = (status: RequestStatus): void => {
    latest = status;
    for (const l of [...listeners]) l(status);
  };
  const fail = (error: DomainError): OperationOutcome => ({ ok: false, ...(latest ? { status: { ...latest, status: 'FAILED' as const } } : {}), error });

  const run = async (): Promise<OperationOutcome> => {
    await Promise.resolve();
    const issues = connectIssues(after);
    if (issues.length > 0) return fail({ kind: 'validation', message: `${issues.join('; ')}. Nothing was sent.` });
    const requests = connectUpdateRequests(before, after);
    if (requests.length === 0) return { ok: true, status: { ...base, status: 'SUCCESS', note: 'Nothing to change; nothing was sent.' }, identifier: arn, model: before };
    emit({ ...base, note: `${CONNECT_ROUTE_NOTE}: checking nobody changed it meanwhile` });
    let current: SecurityProfile;
    try {
      current = await getProfile(ctx, arn, { signal: controller.signal });
    } catch (error) {
      return fail(isSpexError(error) ? error.error : { kind: 'service', message: String(error) });
    }
    const theirs = changedSince(before, current);
    if (theirs !== undefined) {
      return fail({ kind: 'conflict', rule: 'test', message: `Someone changed this profile since you opened it (${theirs}); nothing was sent. Rebase onto their version and review again.` });
    }
    const done: string[] = [];
    for (const request of requests) {
      emit({ ...base, note: `${CONNECT_ROUTE_NOTE}: ${request.operation}` });
      try {
        await send(ctx, request, controller.signal);
      } catch (error) {
        const mapped = mapError(error, ctx.errorContext(request.operation, { identifier: arn })).error;
        const sofar = done.length > 0 ? ` ${done.join(' and ')} had already been applied; the profile holds those changes.` : ' Nothing was changed.';
        return fail({ ...mapped, message: `${request.operation} failed: ${mapped.message}${sofar}` });
      }
      done.push(request.operation);
    }
    for (const loader of ctx.loaders) loader.invalidate(arn);
    const status: RequestStatus = { ...base, status: 'SUCCESS', note: `${CONNECT_ROUTE_NOTE}: ${done.join(', ')}` };
    try {
      const model = await getProfile(ctx, arn, { signal: controller.signal });
      for (const loader of ctx.loaders) loader.prime(arn, model);
      const differs = unappliedChanges(after, model);
      return { ok: true, status, identifier: arn, model, ...(differs ? { warnings: [differs] } : {}) };
    } catch (error) {
      const why = isSpexError(error) ? error.error.message : String(error);
      return { ok: true, status, identifier: arn, warnings: [`The save succeeded, but the profile could not be re-read (${why}).`] };
    }
  };
  const done = run().then((outcome) => {
    if (outcome.status) emit(outcome.status);
    return outcome;
  });
  return {
    kind: 'UPDATE',
    clientToken: randomUUID(),
    current: () => latest,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    done,
    detach: () => controller.abort(),
  };
}

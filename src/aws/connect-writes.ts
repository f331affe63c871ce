// Saving a profile whose stored values the Cloud Control schema refuses (a console-made name such as
// "Supervisors (EMEA)", a tag key with a space): Cloud Control validates the whole model on every
// update and so refuses any change to it (real-aws-notes "Writes"), while Connect's own API takes it.
// Lost updates stay impossible: just before sending, the profile is read again and the save refused,
// saying what changed, if it is not what the edit started from (the promise the patch's `test`
// operations give on the Cloud Control path). Synchronous calls, so the operation settles at once.
// The same route carries the one field Cloud Control cannot carry for any profile: AllowedAIAgents.
import { randomUUID } from 'node:crypto';
import { CreateSecurityProfileCommand, DeleteSecurityProfileCommand, TagResourceCommand, UntagResourceCommand, UpdateSecurityProfileCommand } from '@aws-sdk/client-connect';
import { connectCreateRequest, connectDeleteRequest, connectIssues, connectNameIssue, type ConnectRequest, connectUpdateRequests } from '../domain/profile/connect-plan.js';
import { type DomainError, isSpexError } from '../domain/service/errors.js';
import { connectOnlyChanges, unappliedChanges } from '../domain/profile/patch.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import { type SecurityProfile, type SecurityProfileDraft, toDraft } from '../domain/profile/security-profile.js';
import type { RegionContext } from './context.js';
import { mapError } from './map-error.js';
import { getProfile } from './reads.js';
import type { OperationKind, OperationOptions, OperationOutcome, RequestStatus, TrackedOperation } from './types.js';

export const CONNECT_ROUTE_NOTE = 'sent through the Connect API (Cloud Control refuses this profile’s current values)';

/** The profile still as the edit found it? Compared on every writable field and LastModifiedTime. */
function changedSince(before: SecurityProfile, current: SecurityProfile): string | undefined {
  const theirs = describeChanges(toDraft(before), toDraft(current)).map((c) => c.label.trim());
  const timeMoved = before.LastModifiedTime !== undefined && current.LastModifiedTime !== undefined && current.LastModifiedTime !== before.LastModifiedTime;
  if (theirs.length === 0 && !timeMoved) return undefined;
  return theirs.length > 0 ? theirs.join('; ') : 'saved again by someone else (same values, newer time)';
}

const COMMANDS = {
  UpdateSecurityProfile: UpdateSecurityProfileCommand,
  TagResource: TagResourceCommand,
  UntagResource: UntagResourceCommand,
  CreateSecurityProfile: CreateSecurityProfileCommand,
  DeleteSecurityProfile: DeleteSecurityProfileCommand,
} as const;

async function send(ctx: RegionContext, request: ConnectRequest, signal: AbortSignal): Promise<Record<string, unknown>> {
  const client = ctx.connectApi(request.operation);
  if (client === undefined) throw new Error('the Connect API is not available');
  await ctx.spend(request.operation, signal);
  // The bodies are built in domain/profile/connect-plan.ts to the shapes of these inputs.
  const Command = COMMANDS[request.operation] as unknown as new (input: unknown) => UpdateSecurityProfileCommand;
  return (await client.send(new Command(request.body), { abortSignal: ctx.signalFor(signal) })) as unknown as Record<string, unknown>;
}

/** A Connect-API change as a tracked operation: synchronous calls, so it settles as soon as `run` ends. */
function connectOperation(
  kind: OperationKind,
  identifier: string | undefined,
  options: OperationOptions,
  run: (emit: (note: string) => void, fail: (error: DomainError) => OperationOutcome, signal: AbortSignal, base: RequestStatus) => Promise<OperationOutcome>,
): TrackedOperation {
  const listeners = new Set<(status: RequestStatus) => void>();
  const controller = new AbortController();
  if (options.signal) options.signal.addEventListener('abort', () => controller.abort(), { once: true });
  const base: RequestStatus = { requestToken: '', operation: kind, status: 'IN_PROGRESS', ...(identifier ? { identifier } : {}), note: CONNECT_ROUTE_NOTE };
  let latest: RequestStatus | undefined;
  const emit = (status: RequestStatus): void => {
    latest = status;
    for (const l of [...listeners]) l(status);
  };
  const fail = (error: DomainError): OperationOutcome => ({ ok: false, ...(latest ? { status: { ...latest, status: 'FAILED' as const } } : {}), error });
  const done = Promise.resolve()
    .then(() => run((note) => emit({ ...base, note }), fail, controller.signal, base))
    .then((outcome) => {
      if (outcome.status) emit(outcome.status);
      return outcome;
    });
  return {
    kind,
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

/** The profile re-read after a Connect save, primed into the loaders; a failed re-read is a warning. */
async function reread(ctx: RegionContext, arn: string, asked: SecurityProfileDraft, status: RequestStatus, signal: AbortSignal): Promise<OperationOutcome> {
  try {
    const model = await getProfile(ctx, arn, { signal });
    for (const loader of ctx.loaders) loader.prime(arn, model);
    const differs = unappliedChanges(asked, model);
    return { ok: true, status, identifier: arn, model, ...(differs ? { warnings: [differs] } : {}) };
  } catch (error) {
    const why = isSpexError(error) ? error.error.message : String(error);
    return { ok: true, status, identifier: arn, warnings: [`The save succeeded, but the profile could not be re-read (${why}).`] };
  }
}

export function updateThroughConnect(ctx: RegionContext, arn: string, before: SecurityProfile, after: SecurityProfileDraft, options: OperationOptions = {}, route = CONNECT_ROUTE_NOTE): TrackedOperation {
  return connectOperation('UPDATE', arn, options, async (emit, fail, signal, base0) => {
    const base = { ...base0, note: route };
    const note = (text: string): void => emit(text);
    const issues = connectIssues(after);
    if (issues.length > 0) return fail({ kind: 'validation', message: `${issues.join('; ')}. Nothing was sent.` });
    const requests = connectUpdateRequests(before, after);
    if (requests.length === 0) return { ok: true, status: { ...base, status: 'SUCCESS', note: 'Nothing to change; nothing was sent.' }, identifier: arn, model: before };
    note(`${route}: checking nobody changed it meanwhile`);
    let current: SecurityProfile;
    try {
      current = await getProfile(ctx, arn, { signal });
    } catch (error) {
      return fail(isSpexError(error) ? error.error : { kind: 'service', message: String(error) });
    }
    const theirs = changedSince(before, current);
    if (theirs !== undefined) {
      return fail({ kind: 'conflict', rule: 'test', message: `Someone changed this profile since you opened it (${theirs}); nothing was sent. Rebase onto their version and review again.` });
    }
    const done: string[] = [];
    for (const request of requests) {
      note(`${route}: ${request.operation}`);
      try {
        await send(ctx, request, signal);
      } catch (error) {
        const mapped = mapError(error, ctx.errorContext(request.operation, { identifier: arn })).error;
        const sofar = done.length > 0 ? ` ${done.join(' and ')} had already been applied; the profile holds those changes.` : ' Nothing was changed.';
        return fail({ ...mapped, message: `${request.operation} failed: ${mapped.message}${sofar}` });
      }
      done.push(request.operation);
    }
    for (const loader of ctx.loaders) loader.invalidate(arn);
    return reread(ctx, arn, after, { ...base, status: 'SUCCESS', note: `${route}: ${done.join(', ')}` }, signal);
  });
}

export const AI_AGENTS_NOTE = 'allowed AI agents sent through the Connect API (the Cloud Control schema lacks them)';

/** The refusal, before anything is sent, of a draft that changes a Connect-only field when the Connect API cannot be used. */
export function connectOnlyRefusal(ctx: RegionContext, before: object, after: SecurityProfileDraft): DomainError | undefined {
  const field = connectOnlyChanges(before, after)[0];
  if (field === undefined || ctx.connectApi('UpdateSecurityProfile') !== undefined) return undefined;
  const why = ctx.connectUnavailable() ?? 'spex runs on Cloud Control alone (--cloudcontrol-only)';
  return { kind: 'validation', field, rule: 'connectOnly', message: `${field}: only the Connect API sets it (the Cloud Control schema lacks it), but ${why.charAt(0).toLowerCase()}${why.slice(1)}. Nothing was sent.` };
}

/**
 * After a Cloud Control create or update succeeded: the Connect-only fields it could not carry
 * (AllowedAIAgents), sent with UpdateSecurityProfile on the re-read profile. A failure here says that the
 * Cloud Control part was saved.
 */
export async function saveConnectOnly(ctx: RegionContext, outcome: OperationOutcome, after: SecurityProfileDraft, signal?: AbortSignal): Promise<OperationOutcome> {
  if (!outcome.ok || connectOnlyChanges(outcome.model ?? {}, after).length === 0) return outcome;
  const arn = outcome.identifier ?? outcome.model?.SecurityProfileArn;
  if (arn === undefined || outcome.model === undefined) {
    return { ...outcome, warnings: [...(outcome.warnings ?? []), 'The profile was saved, but could not be re-read, so its allowed AI agents were not sent; edit them again.'] };
  }
  const next = await updateThroughConnect(ctx, arn, outcome.model, { ...toDraft(outcome.model), AllowedAIAgents: after.AllowedAIAgents ?? [] }, signal ? { signal } : {}, AI_AGENTS_NOTE).done;
  const warnings = [...(outcome.warnings ?? []), ...(next.ok ? (next.warnings ?? []) : [])];
  if (next.ok) return { ...next, status: { ...outcome.status, note: [outcome.status.note, AI_AGENTS_NOTE].filter(Boolean).join('; ') }, ...(warnings.length > 0 ? { warnings } : {}) };
  return { ok: false, status: { ...outcome.status, status: 'FAILED' }, error: { ...next.error, message: `The rest was saved through Cloud Control, but the allowed AI agents were not: ${next.error.message}` } };
}

export const CONNECT_CREATE_NOTE = 'created through the Connect API (Cloud Control refuses this profile’s values)';

/**
 * A new profile whose values Cloud Control's schema refuses (four access-control tags, a tag key with a
 * space) made with CreateSecurityProfile, which takes them; Connect's own rules checked before sending.
 */
export function createThroughConnect(ctx: RegionContext, desired: SecurityProfileDraft, options: OperationOptions = {}): TrackedOperation {
  return connectOperation('CREATE', undefined, options, async (note, fail, signal, base) => {
    const issues = [connectNameIssue(desired.SecurityProfileName ?? ''), ...connectIssues(desired)].filter((i): i is string => i !== undefined);
    if (issues.length > 0) return fail({ kind: 'validation', field: issues[0]!.split(':')[0]!, message: `${issues.join('; ')}. Nothing was sent.` });
    const request = connectCreateRequest(desired);
    note(`${CONNECT_CREATE_NOTE}: ${request.operation}`);
    let arn: string;
    try {
      const answer = (await send(ctx, request, signal)).SecurityProfileArn;
      arn = typeof answer === 'string' ? answer : '';
    } catch (error) {
      const mapped = mapError(error, ctx.errorContext(request.operation, {})).error;
      return fail({ ...mapped, message: `${request.operation} failed: ${mapped.message} Nothing was created.` });
    }
    ctx.noteArn(arn);
    return reread(ctx, arn, desired, { ...base, identifier: arn, status: 'SUCCESS', note: `${CONNECT_CREATE_NOTE}: ${request.operation}` }, signal);
  });
}

/** A profile Cloud Control refuses, deleted with DeleteSecurityProfile (refused by Connect while users hold it). */
export function deleteThroughConnect(ctx: RegionContext, arn: string, options: OperationOptions = {}): TrackedOperation {
  return connectOperation('DELETE', arn, options, async (note, fail, signal, base) => {
    const request = connectDeleteRequest(arn);
    note(`${CONNECT_ROUTE_NOTE}: ${request.operation}`);
    try {
      await send(ctx, request, signal);
    } catch (error) {
      const mapped = mapError(error, ctx.errorContext(request.operation, { identifier: arn })).error;
      return fail({ ...mapped, message: `${request.operation} failed: ${mapped.message} Nothing was deleted.` });
    }
    for (const loader of ctx.loaders) loader.invalidate(arn);
    return { ok: true, status: { ...base, status: 'SUCCESS', note: `${CONNECT_ROUTE_NOTE}: ${request.operation}` }, identifier: arn };
  });
}

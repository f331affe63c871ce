// Create, update and delete as tracked operations: validated and guarded before anything is sent,
// followed to the end, and checked afterwards for the one failure a user must tell apart — a profile
// that someone else changed since it was read.
import {
  CreateResourceCommand,
  type CreateResourceCommandOutput,
  DeleteResourceCommand,
  type DeleteResourceCommandOutput,
  UpdateResourceCommand,
  type UpdateResourceCommandOutput,
} from '@aws-sdk/client-cloudcontrol';
import { type DomainError, isSpexError } from '../domain/service/errors.js';
import { type JsonPatchOperation, applyPatch, buildPatch, connectOnlyChanges, propertyEquals, withoutConnectOnly } from '../domain/profile/patch.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../domain/profile/security-profile.js';
import { cloudControlRefusals, cloudControlRefusalText } from '../domain/profile/cloud-control-safe.js';
import { connectTakesAll } from '../domain/profile/connect-plan.js';
import { validateProfile, validationMessage } from '../domain/profile/validate.js';
import { type RegionContext, readOnlyError } from './context.js';
import { failedOperationError, toDomainError } from './map-error.js';
import { toRequestStatus } from './parse.js';
import { AI_AGENTS_NOTE, connectOnlyRefusal, createThroughConnect, deleteThroughConnect, saveConnectOnly, updateThroughConnect } from './connect-writes.js';
import { getProfile, getRequestStatus, listRequests } from './reads.js';
import { successConfirmer } from './confirm-save.js';
import { DEFAULT_WAIT_TIMEOUT_MS, opName, settledOperation, startTrackedOperation } from './tracked-operation.js';
import type { OperationKind, OperationOptions, OperationOutcome, RequestStatus, TrackedOperation } from './types.js';

type Start = (clientToken: string, signal: AbortSignal) => Promise<RequestStatus>;

function track(
  ctx: RegionContext,
  kind: OperationKind,
  options: OperationOptions,
  parts: {
    start?: Start;
    requestToken?: string;
    identifier?: string;
    name?: string;
    /** What a create or update asked for, to check the re-read against. */
    asked?: SecurityProfileDraft;
    finalize?: (o: OperationOutcome) => Promise<OperationOutcome>;
  },
): TrackedOperation {
  const typeName = SECURITY_PROFILE_TYPE;
  const confirmSuccess = successConfirmer(ctx, parts.asked);
  return startTrackedOperation({
    kind,
    ...(options.clientToken ? { clientToken: options.clientToken } : {}),
    ...(parts.start ? { start: parts.start } : {}),
    ...(parts.requestToken ? { requestToken: parts.requestToken } : {}),
    poll: (token, signal) => getRequestStatus(ctx, token, signal),
    find: async (sinceMs, signal) => {
      const recent = await listRequests(ctx, { operations: [kind] }, { signal }, 2);
      const candidates = recent.filter(
        (r) =>
          (r.eventTime ?? 0) >= sinceMs &&
          (parts.identifier === undefined || r.identifier === parts.identifier) &&
          (parts.name === undefined || r.resourceModel?.SecurityProfileName === undefined || r.resourceModel.SecurityProfileName === parts.name),
      );
      // Only an unambiguous match is adopted; otherwise the user is told to check.
      return candidates.length === 1 ? candidates[0] : undefined;
    },
    finish: async (status, signal) => {
      const identifier = status.identifier ?? parts.identifier;
      let reread: SecurityProfile | undefined;
      try {
        if (status.status === 'SUCCESS') {
          ctx.noteArn(identifier);
          if (status.operation === 'DELETE') return { ok: true, status, ...(identifier ? { identifier } : {}) };
          return await confirmSuccess(status, identifier, signal, (model) => (reread = model));
        }
        if (status.status === 'CANCEL_COMPLETE') {
          // real-aws-notes "Writes": a change already handed to Connect may still apply; only a re-read tells.
          const model = identifier && status.operation !== 'CREATE' ? await getProfile(ctx, identifier, { signal }).catch(() => undefined) : undefined;
          if (model) reread = model;
          const message = `Request ${status.requestToken} was cancelled. A change already under way at Amazon Connect may still have been applied${model ? '; the profile was re-read, and what is shown is what it holds now' : ''}.`;
          return { ok: false, status, error: { kind: 'cancelled', requestToken: status.requestToken, message } };
        }
        // A failed update or delete leaves the profile as it was: read it again, so the row on screen
        // shows it at once instead of going blank until something asks for its detail.
        if (identifier && status.operation !== 'CREATE') {
          const model = await getProfile(ctx, identifier, { signal }).catch(() => undefined);
          if (model) reread = model;
        }
        return { ok: false, status, error: failedOperationError(status, ctx.errorContext(opName(status.operation), { typeName })) };
      } finally {
        if (identifier) {
          for (const loader of ctx.loaders) {
            if (reread) loader.prime(identifier, reread);
            else loader.invalidate(identifier);
          }
        }
      }
    },
    mapError: (error, operation) => toDomainError(error, ctx.errorContext(operation, { typeName, ...(parts.identifier ? { identifier: parts.identifier } : {}) })),
    sleep: ctx.sleep,
    now: ctx.now,
    schedule: ctx.schedule,
    timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
    signal: ctx.signalFor(options.signal),
    ...(parts.finalize ? { finalize: parts.finalize } : {}),
  });
}

function refused(kind: OperationKind, error: DomainError): TrackedOperation {
  return settledOperation(kind, { ok: false, error });
}

function validationError(issues: ReturnType<typeof validateProfile>): DomainError {
  const first = issues[0];
  return { kind: 'validation', message: validationMessage(issues), ...(first ? { field: first.field, rule: first.rule } : {}) };
}

export function createProfile(ctx: RegionContext, desired: SecurityProfileDraft, options: OperationOptions = {}): TrackedOperation {
  if (ctx.readOnly) return refused('CREATE', readOnlyError('creating a profile').error);
  const issues = validateProfile(desired, 'create');
  if (issues.length > 0) {
    // Values the Cloud Control schema refuses but Connect's CreateSecurityProfile takes (tag keys with
    // spaces, up to 4 access-control tags; real-aws-notes "Writes"): the profile is made through Connect,
    // whose own rules (its name pattern among them) are checked there before anything is sent.
    if (connectTakesAll(issues, desired) && ctx.connectApi('CreateSecurityProfile') !== undefined) return createThroughConnect(ctx, desired, options);
    return refused('CREATE', validationError(issues));
  }
  const connectOnly = connectOnlyRefusal(ctx, {}, desired);
  if (connectOnly) return refused('CREATE', connectOnly);
  const ccDesired = withoutConnectOnly(desired, {});
  const desiredState = JSON.stringify(ccDesired);
  return track(ctx, 'CREATE', options, {
    name: desired.SecurityProfileName,
    asked: ccDesired,
    finalize: (outcome) => saveConnectOnly(ctx, outcome, desired, options.signal),
    start: async (clientToken, signal) => {
      const out = await ctx.sendRaw<CreateResourceCommandOutput>(
        new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: desiredState, ClientToken: clientToken }),
        signal,
      );
      return toRequestStatus(out.ProgressEvent);
    },
  });
}

/** Whether a profile Cloud Control refuses can be saved through the Connect API here. */
export function canSaveThroughConnect(ctx: RegionContext): boolean {
  return ctx.connectApi('UpdateSecurityProfile') !== undefined;
}

export function updateProfile(
  ctx: RegionContext,
  arn: string,
  before: SecurityProfile,
  after: SecurityProfileDraft,
  options: OperationOptions = {},
): TrackedOperation {
  return updateProfileOnce(ctx, arn, before, after, options, false);
}

function updateProfileOnce(
  ctx: RegionContext,
  arn: string,
  before: SecurityProfile,
  after: SecurityProfileDraft,
  options: OperationOptions,
  retried: boolean,
): TrackedOperation {
  if (ctx.readOnly) return refused('UPDATE', readOnlyError('updating a profile').error);
  let ops: JsonPatchOperation[];
  let result: SecurityProfile;
  try {
    ops = buildPatch(before, after, { guard: true });
    result = applyPatch(before, ops);
  } catch (error) {
    if (isSpexError(error)) return refused('UPDATE', error.error);
    return refused('UPDATE', { kind: 'validation', message: `The edit cannot be applied: ${(error as Error).message}` });
  }
  const connectOnly = connectOnlyRefusal(ctx, before, after);
  if (connectOnly) return refused('UPDATE', connectOnly);
  if (!ops.some((op) => op.op !== 'test')) {
    // Only the Connect-only fields changed (allowed AI agents): Connect's UpdateSecurityProfile alone.
    if (connectOnlyChanges(before, after).length > 0) return updateThroughConnect(ctx, arn, before, { ...toDraft(before), AllowedAIAgents: after.AllowedAIAgents ?? [] }, options, AI_AGENTS_NOTE);
    const status: RequestStatus = { requestToken: '', operation: 'UPDATE', status: 'SUCCESS', identifier: arn, note: 'Nothing to change; nothing was sent.' };
    return settledOperation('UPDATE', { ok: true, status, identifier: arn, model: before });
  }
  // Cloud Control validates the whole model after a patch (real-aws-notes "Writes"): a profile whose
  // current values its schema refuses cannot be changed through it at all, whatever the edit.
  // Connect's own API takes such a profile (real-aws-notes "The Connect API"): the save goes there.
  const refusals = cloudControlRefusals(before);
  if (refusals.length > 0) {
    if (canSaveThroughConnect(ctx)) return updateThroughConnect(ctx, arn, before, after, options);
    const why = ctx.connectUnavailable() ?? 'spex runs on Cloud Control alone (--cloudcontrol-only)';
    return refused('UPDATE', {
      kind: 'validation',
      rule: refusals[0]!.rule,
      field: refusals[0]!.field,
      message: `${cloudControlRefusalText(before)} The Connect API could save it, but ${why.charAt(0).toLowerCase()}${why.slice(1)}. Nothing was sent.`,
    });
  }
  const issues = validateProfile(result, 'stored');
  if (issues.length > 0) return refused('UPDATE', validationError(issues));
  const patchDocument = JSON.stringify(ops);
  const guards = ops.filter((op) => op.op === 'test');
  return track(ctx, 'UPDATE', options, {
    identifier: arn,
    asked: withoutConnectOnly(after, before),
    start: async (clientToken, signal) => {
      const out = await ctx.sendRaw<UpdateResourceCommandOutput>(
        new UpdateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn, PatchDocument: patchDocument, ClientToken: clientToken }),
        signal,
      );
      return toRequestStatus(out.ProgressEvent);
    },
    finalize: async (outcome) => {
      if (outcome.ok) return saveConnectOnly(ctx, outcome, after, options.signal);
      const explained = await explainLostUpdate(ctx, arn, guards, outcome);
      if (explained !== 'reordered' || retried) return explained === 'reordered' ? outcome : explained;
      // The server lists a set in another order than it did when the profile was read: nothing
      // really changed, so the same edit is sent again, guarded by the order the server has now.
      const current = await getProfile(ctx, arn).catch(() => undefined);
      if (!current) return outcome;
      const { clientToken: _used, ...fresh } = options;
      return updateProfileOnce(ctx, arn, current, after, fresh, true).done;
    },
  });
}

/**
 * A refused update is re-read: when a guarded value no longer matches what the user started from,
 * the refusal is a lost-update conflict, and saying so is what lets the user act (reload, re-apply).
 */
async function explainLostUpdate(
  ctx: RegionContext,
  arn: string,
  guards: JsonPatchOperation[],
  outcome: OperationOutcome,
): Promise<OperationOutcome | 'reordered'> {
  if (outcome.ok || guards.length === 0) return outcome;
  if (!['validation', 'operation-failed', 'conflict', 'service'].includes(outcome.error.kind)) return outcome;
  if (outcome.error.code === 'ConcurrentOperationException' || outcome.error.code === 'ClientTokenConflictException') return outcome;
  let current: SecurityProfile;
  try {
    current = await getProfile(ctx, arn);
  } catch {
    return outcome;
  }
  const changed = guards.filter((guard) => {
    try {
      applyPatch(current, [guard]);
      return false;
    } catch {
      // A failed test, or a guarded property that is gone: either way it changed.
      return true;
    }
  });
  if (changed.length === 0) return outcome;
  const property = (guard: JsonPatchOperation) => guard.path.slice(1);
  const reallyChanged = changed.filter((g) => !propertyEquals(property(g), g.value, (current as unknown as Record<string, unknown>)[property(g)]));
  if (reallyChanged.length === 0) return 'reordered';
  const fields = reallyChanged.map((g) => g.path.slice(1)).join(', ');
  const error: DomainError = {
    ...outcome.error,
    kind: 'conflict',
    rule: 'test',
    field: reallyChanged[0]!.path.slice(1),
    message: `The profile was changed by someone else since it was read (${fields}); nothing was overwritten. Reload it and make the edit again.`,
  };
  return outcome.status ? { ok: false, status: outcome.status, error } : { ok: false, error };
}

export function deleteProfile(ctx: RegionContext, arn: string, options: OperationOptions = {}): TrackedOperation {
  if (ctx.readOnly) return refused('DELETE', readOnlyError('deleting a profile').error);
  // A profile Cloud Control refuses goes the way it was saved: Connect's DeleteSecurityProfile.
  if (options.current && cloudControlRefusals(options.current).length > 0 && ctx.connectApi('DeleteSecurityProfile') !== undefined) {
    return deleteThroughConnect(ctx, arn, options);
  }
  return track(ctx, 'DELETE', options, {
    identifier: arn,
    start: async (clientToken, signal) => {
      const out = await ctx.sendRaw<DeleteResourceCommandOutput>(
        new DeleteResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn, ClientToken: clientToken }),
        signal,
      );
      return toRequestStatus(out.ProgressEvent);
    },
  });
}

export function trackRequest(ctx: RegionContext, requestToken: string, options: OperationOptions = {}): TrackedOperation {
  // The tracked operation's kind is the first poll's; until then the caller's word, or a placeholder.
  return track(ctx, options.kind ?? 'UPDATE', options, { requestToken });
}

// The asynchronous side of Cloud Control: create/update/delete start a request that is IN_PROGRESS
// until its completion time, then applies its change and ends SUCCESS or FAILED.
// Requests are settled lazily (before each call is handled) and by a timer, so with a delay of 0 a
// request is done by the first poll, and with a longer delay the demo's state changes on its own.
import { randomUUID } from 'node:crypto';
import { SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';
import { type ConnectBudgets, connectRateMessage } from './connect-limits.js';
import { HANDLER_DEFAULT_MESSAGE, ServiceError } from './errors.js';
import { applyProfilePatch } from './patch-check.js';
import { presentProfile, type TimeUnit } from './present.js';
import { createRefusal, deleteRefusal } from './profile-rules.js';
import { type Model, type OperationName, type RegionState, type RequestRecord, type Store } from './store.js';

/** How often a cancelled change that had reached Connect is applied all the same. */
export type CancelApplies = 'never' | 'sometimes' | 'always';

export interface BookOptions {
  now: () => number;
  asyncDelayMs: () => number;
  changed: () => void;
  account: string;
  budgets: ConnectBudgets;
  cancelApplies: () => CancelApplies;
  /** Seeded: which cancelled requests apply under `sometimes`. */
  random: () => number;
  /** Properties the update handler leaves as they were when a patch removes them (none by default). */
  handlerKeeps: () => readonly string[];
  /** Security profiles per instance (Service Quotas L-F325A715). */
  profileQuota: () => number;
}

export interface RequestInit {
  operation: OperationName;
  typeName: string;
  identifier?: string | undefined;
  plannedIdentifier?: string | undefined;
  clientToken?: string | undefined;
  desired?: Model | undefined;
  patch?: RequestRecord['patch'] | undefined;
  /** The raw request document, part of what makes two requests "the same". */
  document: string;
  injected?: { code: string; message: string } | undefined;
  /** UPDATE: the model with the patch applied, as the handler sees it. */
  handlerModel?: Model | undefined;
}

const IN_FLIGHT = new Set(['PENDING', 'IN_PROGRESS', 'CANCEL_IN_PROGRESS']);

export class RequestBook {
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly options: BookOptions,
  ) {}

  /** Starts a request, or returns the one this ClientToken already started for the same input. */
  start(regionName: string, init: RequestInit): RequestRecord {
    const region = this.store.region(regionName);
    const fingerprint = JSON.stringify([init.operation, init.typeName, init.identifier ?? '', init.document]);
    if (init.clientToken !== undefined) {
      const earlier = region.requests.get(region.clientTokens.get(init.clientToken) ?? '');
      if (earlier) {
        if (earlier.fingerprint === fingerprint) return earlier;
        throw new ServiceError('ClientTokenConflictException', `The client token ${init.clientToken} was already used for a different request (${earlier.token})`);
      }
    }
    const busy = this.inFlightFor(region, init.identifier ?? init.plannedIdentifier);
    if (busy) {
      throw new ServiceError('ConcurrentOperationException', `Another resource operation (${busy.token}) is in progress for ${busy.identifier}; wait for it to finish`);
    }
    const now = this.options.now();
    const delay = Math.max(0, this.options.asyncDelayMs());
    const record: RequestRecord = {
      token: randomUUID(),
      operation: init.operation,
      typeName: init.typeName,
      identifier: init.operation === 'CREATE' ? undefined : init.identifier,
      plannedIdentifier: init.plannedIdentifier,
      // Cloud Control API reference (CreateResource/UpdateResource examples): the first answer is IN_PROGRESS;
      // PENDING is documented only for hooks, which the emulator has none of.
      status: 'IN_PROGRESS',
      eventTime: now,
      startAt: now + Math.min(delay / 4, 100),
      completeAt: now + delay,
      clientToken: init.clientToken,
      fingerprint,
      desired: init.desired,
      patch: init.patch,
      injected: init.injected,
      handlerModel: init.handlerModel,
    };
    region.requests.set(record.token, record);
    if (init.clientToken !== undefined) region.clientTokens.set(init.clientToken, record.token);
    this.schedule(delay);
    this.options.changed();
    return record;
  }

  find(regionName: string, token: string): RequestRecord {
    const record = this.store.regions.get(regionName)?.requests.get(token);
    if (!record) throw new ServiceError('RequestTokenNotFoundException', `Request token ${token} not found`);
    return record;
  }

  /**
   * real-aws-notes "Writes": only PENDING or IN_PROGRESS requests can be cancelled (the error for
   * any other is the model's ConcurrentModificationException); a cancelled request passes through
   * CANCEL_IN_PROGRESS, and a change already handed to Connect (IN_PROGRESS) may still apply.
   */
  cancel(regionName: string, token: string): RequestRecord {
    const record = this.find(regionName, token);
    if (record.status === 'CANCEL_IN_PROGRESS') return record;
    if (record.status !== 'PENDING' && record.status !== 'IN_PROGRESS') {
      throw new ServiceError(
        'ConcurrentModificationException',
        `Request ${token} is ${record.status}: only PENDING or IN_PROGRESS requests can be cancelled`,
      );
    }
    const mode = this.options.cancelApplies();
    // Every request is IN_PROGRESS from its first answer (only one from an old state file may be PENDING).
    const reachedConnect = record.status === 'IN_PROGRESS';
    record.cancelApplies = reachedConnect && (mode === 'always' || (mode === 'sometimes' && this.options.random() < 0.5));
    record.status = 'CANCEL_IN_PROGRESS';
    const delay = Math.min(Math.max(0, this.options.asyncDelayMs()), 150);
    record.cancelAt = this.options.now() + delay;
    this.schedule(delay);
    this.options.changed();
    return record;
  }

  /** Completes every request whose time has come, in the order they were made. */
  settle(): void {
    const now = this.options.now();
    let changed = false;
    for (const [name, region] of this.store.regions) {
      for (const record of region.requests.values()) {
        if (record.status === 'PENDING' && (record.startAt ?? 0) <= now) {
          record.status = 'IN_PROGRESS';
          changed = true;
        }
        if (record.status === 'IN_PROGRESS' && record.completeAt <= now) {
          this.complete(name, record);
          changed = true;
        }
        if (record.status === 'CANCEL_IN_PROGRESS' && (record.cancelAt ?? 0) <= now) {
          if (record.cancelApplies) this.complete(name, record);
          record.status = 'CANCEL_COMPLETE';
          // The same words whether or not the change applied: only a re-read tells.
          record.statusMessage = 'The request was cancelled';
          delete record.errorCode;
          changed = true;
        }
      }
    }
    if (changed) this.options.changed();
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.settle();
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private inFlightFor(region: RegionState, identifier: string | undefined): RequestRecord | undefined {
    if (identifier === undefined) return undefined;
    for (const record of region.requests.values()) {
      if (IN_FLIGHT.has(record.status) && (record.identifier ?? record.plannedIdentifier) === identifier) return record;
    }
    return undefined;
  }

  /** A user's new set, as its handler's UpdateUserSecurityProfiles makes it: every profile must be the instance's. */
  private completeUser(regionName: string, record: RequestRecord, fail: (code: string, message: string) => void): void {
    const api = this.options.budgets.spend(this.options.account, regionName, USER_TYPE, 'update');
    if (api !== undefined) return fail('GeneralServiceException', connectRateMessage(api, randomUUID()));
    const instance = this.store.instanceOf(regionName, String(record.identifier));
    const entry = instance?.users.get(String(record.identifier));
    if (!instance || !entry) return fail('NotFound', `User not found: ${String(record.identifier)} (Service: Connect, Status Code: 404)`);
    const arns = (record.handlerModel?.SecurityProfileArns ?? []) as string[];
    const missing = arns.filter((arn) => !instance.profiles.has(arn));
    if (missing.length > 0) return fail('NotFound', `Security profile not found: ${missing.join(', ')} (Service: Connect, Status Code: 404)`);
    entry.model = { ...structuredClone(entry.model), SecurityProfileArns: [...arns] };
    record.status = 'SUCCESS';
  }

  private complete(regionName: string, record: RequestRecord): void {
    const fail = (code: string, message: string): void => {
      record.status = 'FAILED';
      record.errorCode = code;
      record.statusMessage = message;
    };
    if (record.injected) return fail(record.injected.code, record.injected.message);
    if (record.typeName === USER_TYPE && record.operation === 'UPDATE') return this.completeUser(regionName, record, fail);
    if (record.typeName !== SECURITY_PROFILE_TYPE) return fail('InvalidRequest', `${record.typeName} does not support ${record.operation}`);
    const api = this.options.budgets.spend(this.options.account, regionName, record.typeName, record.operation.toLowerCase());
    // real-aws-notes "Writes": Connect's throttle reaches the caller as GeneralServiceException.
    if (api !== undefined) return fail('GeneralServiceException', connectRateMessage(api, randomUUID()));
    const now = this.options.now();
    const stamp = (model: Model, previous?: unknown): void => {
      // Strictly increasing, so "changed since I read it" is always visible, even within a millisecond.
      const seconds = Math.round(now) / 1000;
      model.LastModifiedTime = typeof previous === 'number' && previous >= seconds ? Math.round(previous * 1000 + 1) / 1000 : seconds;
      model.LastModifiedRegion = regionName;
    };
    if (record.operation === 'CREATE') {
      const desired = record.desired ?? {};
      const instance = this.store.region(regionName).instances.get(String(desired.InstanceArn));
      if (!instance) return fail('NotFound', `Instance not found: ${String(desired.InstanceArn)} (Service: Connect, Status Code: 404)`);
      const refusal = createRefusal(instance, String(desired.SecurityProfileName), this.options.profileQuota());
      // Handler error codes: a duplicate is AlreadyExists; a quota is ServiceLimitExceeded (Connect's LimitExceededException, 429).
      if (refusal) return fail(refusal.kind === 'duplicate' ? 'AlreadyExists' : 'ServiceLimitExceeded', `${refusal.message} (Service: Connect, Status Code: ${refusal.kind === 'duplicate' ? 409 : 429})`);
      const model: Model = { ...structuredClone(desired), SecurityProfileArn: record.plannedIdentifier };
      // The handler's answer is the desired model with its new ARN, not a re-read.
      record.handlerModel = structuredClone(model);
      stamp(model);
      this.store.addProfile(instance, model);
      record.identifier = record.plannedIdentifier;
    } else {
      const found = this.store.findProfile(regionName, String(record.identifier));
      if (!found) return fail('NotFound', `Security profile not found: ${String(record.identifier)} (Service: Connect, Status Code: 404)`);
      if (record.operation === 'UPDATE') {
        let next: Model;
        const previous = presentProfile(found.entry.model, 's');
        try {
          next = applyProfilePatch(previous, record.patch ?? []);
        } catch (error) {
          // The model changed between the request and its completion and the patch no longer fits.
          return fail('InvalidRequest', (error as Error).message);
        }
        for (const name of this.options.handlerKeeps()) if (next[name] === undefined && previous[name] !== undefined) next[name] = previous[name];
        // The handler's UpdateSecurityProfile does not send AllowedAIAgents, so Connect keeps them.
        if (found.entry.model.AllowedAIAgents !== undefined) next.AllowedAIAgents = found.entry.model.AllowedAIAgents;
        stamp(next, found.entry.model.LastModifiedTime);
        found.entry.model = next;
      } else {
        if (deleteRefusal(found.instance, String(record.identifier))) {
          // real-aws-notes "Writes": the sibling handler maps ResourceInUseException to InvalidRequest
          // (source); the profile handler very likely does the same (inferred).
          return fail(
            'InvalidRequest',
            `Resource in use: security profile ${String(record.identifier).split('/').pop()} cannot be deleted (Service: Connect, Status Code: 409, Request ID: ${randomUUID()}) (ResourceInUseException)`,
          );
        }
        found.instance.profiles.delete(String(record.identifier));
      }
    }
    record.status = 'SUCCESS';
  }
}

export function defaultHandlerMessage(code: string): string {
  return HANDLER_DEFAULT_MESSAGE[code] ?? `The handler failed (${code})`;
}

/**
 * The wire form of a request's ProgressEvent. real-aws-notes "Writes": an UPDATE's IN_PROGRESS event
 * carries the desired model (observed); the SUCCESS event carries the model as the handler saw it,
 * not re-read, so its LastModifiedTime may be stale (source, sibling handler).
 */
export function progressEvent(record: RequestRecord, unit: TimeUnit = 's'): Record<string, unknown> {
  const event: Record<string, unknown> = {
    TypeName: record.typeName,
    RequestToken: record.token,
    Operation: record.operation,
    OperationStatus: record.status,
    EventTime: record.eventTime / 1000,
  };
  if (record.identifier !== undefined) event.Identifier = record.identifier;
  if (record.status === 'IN_PROGRESS') event.RetryAfter = record.completeAt / 1000;
  const carriesModel = record.status === 'SUCCESS' || (record.status === 'IN_PROGRESS' && record.operation === 'UPDATE');
  if (carriesModel && record.handlerModel !== undefined && record.operation !== 'DELETE') {
    event.ResourceModel = JSON.stringify(record.typeName === SECURITY_PROFILE_TYPE ? presentProfile(record.handlerModel, unit) : record.handlerModel);
  }
  if (record.statusMessage !== undefined) event.StatusMessage = record.statusMessage;
  if (record.errorCode !== undefined) event.ErrorCode = record.errorCode;
  return event;
}

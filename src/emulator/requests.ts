// The asynchronous side of Cloud Control: create/update/delete start a request that stays
// IN_PROGRESS until its completion time, then applies its change and ends SUCCESS or FAILED.
// Requests are settled lazily (before each call is handled) and by a timer, so with a delay of 0 a
// request is done by the first poll, and with a longer delay the demo's state changes on its own.
import { randomUUID } from 'node:crypto';
import { SECURITY_PROFILE_TYPE } from '../domain/security-profile.js';
import { HANDLER_DEFAULT_MESSAGE, ServiceError } from './errors.js';
import { applyProfilePatch } from './patch-check.js';
import type { Model, OperationName, RegionState, RequestRecord, Store } from './store.js';

export interface RequestInit {
  operation: OperationName;
  typeName: string;
  identifier?: string;
  plannedIdentifier?: string;
  clientToken?: string;
  desired?: Model;
  patch?: RequestRecord['patch'];
  /** The raw request document, part of what makes two requests "the same". */
  document: string;
  injected?: { code: string; message: string };
}

const IN_FLIGHT = new Set(['PENDING', 'IN_PROGRESS', 'CANCEL_IN_PROGRESS']);

export class RequestBook {
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly options: { now: () => number; asyncDelayMs: () => number; changed: () => void },
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
      status: 'IN_PROGRESS',
      eventTime: now,
      completeAt: now + delay,
      clientToken: init.clientToken,
      fingerprint,
      desired: init.desired,
      patch: init.patch,
      injected: init.injected,
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
   * Only PENDING/IN_PROGRESS requests can be cancelled. Cancelling one that has ended returns its
   * final event unchanged (the operation is idempotent), so the caller sees how it ended.
   */
  cancel(regionName: string, token: string): RequestRecord {
    const record = this.find(regionName, token);
    if (IN_FLIGHT.has(record.status)) {
      record.status = 'CANCEL_COMPLETE';
      record.statusMessage = 'The request was cancelled before it completed';
      this.options.changed();
    }
    return record;
  }

  /** Completes every request whose time has come, in the order they were made. */
  settle(): void {
    const now = this.options.now();
    let changed = false;
    for (const [name, region] of this.store.regions) {
      for (const record of region.requests.values()) {
        if (record.status === 'IN_PROGRESS' && record.completeAt <= now) {
          this.complete(name, record);
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

  private complete(regionName: string, record: RequestRecord): void {
    const fail = (code: string, message: string): void => {
      record.status = 'FAILED';
      record.errorCode = code;
      record.statusMessage = message;
    };
    if (record.injected) return fail(record.injected.code, record.injected.message);
    if (record.typeName !== SECURITY_PROFILE_TYPE) return fail('InvalidRequest', `${record.typeName} does not support ${record.operation}`);
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
      const name = String(desired.SecurityProfileName);
      for (const entry of instance.profiles.values()) {
        if (entry.model.SecurityProfileName === name) {
          return fail('AlreadyExists', `A security profile named "${name}" already exists in this instance (Service: Connect, Status Code: 409)`);
        }
      }
      const model: Model = { ...structuredClone(desired), SecurityProfileArn: record.plannedIdentifier };
      stamp(model);
      this.store.addProfile(instance, model);
      record.identifier = record.plannedIdentifier;
      record.resourceModel = JSON.stringify(model);
    } else {
      const found = this.store.findProfile(regionName, String(record.identifier));
      if (!found) return fail('NotFound', `Security profile not found: ${String(record.identifier)} (Service: Connect, Status Code: 404)`);
      if (record.operation === 'UPDATE') {
        let next: Model;
        try {
          next = applyProfilePatch(found.entry.model, record.patch ?? []);
        } catch (error) {
          // The model changed between the request and its completion and the patch no longer fits.
          return fail('InvalidRequest', (error as Error).message);
        }
        stamp(next, found.entry.model.LastModifiedTime);
        found.entry.model = next;
        record.resourceModel = JSON.stringify(next);
      } else {
        if (found.instance.inUse.has(String(record.identifier))) {
          return fail(
            'ResourceConflict',
            `Security profile "${String(found.entry.model.SecurityProfileName)}" is in use: it is assigned to users and cannot be deleted (Service: Connect, Status Code: 409, ResourceInUseException)`,
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

/** The wire form of a request's ProgressEvent. */
export function progressEvent(record: RequestRecord): Record<string, unknown> {
  const event: Record<string, unknown> = {
    TypeName: record.typeName,
    RequestToken: record.token,
    Operation: record.operation,
    OperationStatus: record.status,
    EventTime: record.eventTime / 1000,
  };
  if (record.identifier !== undefined) event.Identifier = record.identifier;
  if (record.status === 'IN_PROGRESS') event.RetryAfter = record.completeAt / 1000;
  if (record.resourceModel !== undefined && record.status === 'SUCCESS') event.ResourceModel = record.resourceModel;
  if (record.statusMessage !== undefined) event.StatusMessage = record.statusMessage;
  if (record.errorCode !== undefined) event.ErrorCode = record.errorCode;
  return event;
}

// What an operation handler gets: the region it runs in and the emulator's shared parts.
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';
import type { ConnectBudgets } from './connect-limits.js';
import { ServiceError } from './errors.js';
import type { TimeUnit } from './present.js';
import type { RequestBook } from './requests.js';
import type { Store } from './store.js';

export type ListProperties = 'summary' | 'identifiers' | 'full';

export interface OperationContext {
  region: string;
  /** The caller's account (the emulator serves one today). */
  account: string;
  store: Store;
  book: RequestBook;
  listProperties: ListProperties;
  userList: 'full' | 'empty';
  pageSize: number;
  timeUnit: TimeUnit;
  budgets: ConnectBudgets;
  /** A handler error code a test asked this call to end with (mutations end FAILED with it). */
  injected?: { code: string; message: string } | undefined;
}

export const KNOWN_TYPES = new Set([SECURITY_PROFILE_TYPE, INSTANCE_TYPE, HIERARCHY_GROUP_TYPE, USER_TYPE]);

export function checkKnownType(typeName: string): void {
  if (!KNOWN_TYPES.has(typeName)) {
    throw new ServiceError('TypeNotFoundException', `The type '${typeName}' cannot be found.`);
  }
}

export function unsupported(typeName: string, action: string): ServiceError {
  return new ServiceError('UnsupportedActionException', `Resource type ${typeName} does not support ${action} action`);
}

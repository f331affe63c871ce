// The state of one piece of remote data. Hooks produce it; views render it.
import type { DomainError } from '../domain/service/errors.js';

export type Remote<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'success'; data: T }
  | { status: 'error'; error: DomainError };

// Operation outcomes in plain words: what a Cloud Control handler error code means for the user. Pure.
import type { DomainError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';

const HANDLER_WORDS: Readonly<Record<string, string>> = {
  AccessDenied: 'Your credentials are not allowed to do this (check the IAM policy for connect:* and cloudformation:*).',
  AlreadyExists: 'A profile with this name already exists in the instance.',
  NotFound: 'The profile (or its instance) no longer exists.',
  ResourceConflict: 'Connect refused it because of the profile’s current state.',
  InvalidRequest: 'Connect refused a value in the request.',
  NotUpdatable: 'A property that cannot be changed after creation was in the change.',
  Throttling: 'AWS slowed the request down and it gave up.',
  ServiceLimitExceeded: 'An account or instance limit was reached.',
  ServiceInternalError: 'Amazon Connect had an internal error; trying again usually works.',
  InternalFailure: 'Cloud Control had an internal failure; trying again usually works.',
  GeneralServiceException: 'Amazon Connect returned an error.',
  NetworkFailure: 'The handler lost its connection to Amazon Connect; trying again usually works.',
  ServiceTimeout: 'Amazon Connect took too long to answer.',
  NotStabilized: 'The change did not settle in time.',
  InvalidCredentials: 'The credentials were refused.',
  UnauthorizedTaggingOperation: 'Your credentials may not tag this resource.',
};

/** A sentence for a handler error code, or undefined for codes without one. */
export function handlerErrorWords(code: string | undefined): string | undefined {
  return code === undefined ? undefined : HANDLER_WORDS[code];
}

/** The lines explaining a failure: the plain sentence, the service's own message, and the codes. */
export function failureLines(error: DomainError): string[] {
  const lines: string[] = [];
  const words = error.explained ? undefined : handlerErrorWords(error.handlerErrorCode);
  if (words) lines.push(words);
  lines.push(sanitizeLine(error.message));
  const codes = [error.handlerErrorCode ? `handler error ${sanitizeLine(error.handlerErrorCode)}` : undefined, error.code ? `code ${sanitizeLine(error.code)}` : undefined].filter(Boolean);
  if (codes.length > 0) lines.push(codes.join(' · '));
  return lines;
}

/** True for the refusal of a guarded update whose `test` failed: the profile changed on the server. */
export function isChangedOnServer(error: DomainError | undefined): boolean {
  return error?.kind === 'conflict' && error.rule === 'test';
}


// Every error the SDK can throw becomes one DomainError with a sentence a person can act on. Server
// text is untrusted: it passes through sanitizeText before it reaches any message.
import { type DomainError, type DomainErrorKind, SpexError, isSpexError } from '../domain/service/errors.js';
import { requiredActionsFor } from '../domain/service/iam-policy.js';
import { sanitizeLine, sanitizeText } from '../domain/text/sanitize.js';
import { isInUseSignal, isThrottleSignal } from '../domain/service/service-signals.js';
import { explainAwsValidation } from '../domain/profile/validate.js';
import type { RequestStatus } from './types.js';

export interface ErrorContext {
  /** Cloud Control operation name, e.g. 'ListResources'. */
  operation: string;
  typeName?: string;
  region: string;
  /** The endpoint in use (custom URL or the AWS default for the region). */
  endpoint: string;
  identifier?: string;
}

const CREDENTIAL_CODES = new Set([
  'InvalidCredentialsException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);
const CREDENTIALS_HELP =
  'Set AWS_PROFILE (or --profile) to a configured profile, run `aws sso login` if that profile uses SSO, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.';

export function defaultEndpoint(region: string): string {
  return `https://cloudcontrolapi.${region}.amazonaws.com`;
}

/** IAM actions an operation needs: the Cloud Control action plus the handler's connect: permissions. */
export function actionsFor(operation: string, typeName: string | undefined): string[] {
  const actions = new Set<string>([`cloudformation:${operation}`]);
  try {
    if (typeName) for (const a of requiredActionsFor(operation, typeName)) actions.add(a);
  } catch {
    // An operation the catalogue does not know still names its Cloud Control action.
  }
  return [...actions];
}

function networkCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[]; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const c = networkCode(inner);
    if (c) return c;
  }
  if (e.cause) return networkCode(e.cause);
  return undefined;
}

export function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || (isSpexError(error) && error.error.kind === 'cancelled');
}

/** True when a request may have reached the service although no answer came back. */
export function isOutcomeUnknown(error: unknown): boolean {
  if (isSpexError(error)) return error.error.kind === 'network' && error.error.code !== 'ECONNREFUSED';
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $fault?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  const code = networkCode(error);
  if (code) return code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN';
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/**
 * Server text without the signing details AWS echoes back: a refused signature comes with the
 * canonical request it expected, whose signed headers include the session token (and a presigned
 * query its signature). Of no use to a person, and a credential must never reach a screen or a log.
 */
function withoutSigningEcho(text: string): string {
  const echo = text.search(/\s*The Canonical String for this request/i);
  const kept = echo >= 0 ? text.slice(0, echo) : text;
  return kept.replace(/(x-amz-security-token|x-amz-signature|authorization)(\s*[:=]\s*)[^\s&'"]+/gi, '$1$2(redacted)');
}

/** Server text as a sentence, so the advice after it does not run on from it. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function mapError(error: unknown, ctx: ErrorContext): SpexError {
  if (isSpexError(error)) return error;
  return new SpexError(toDomainError(error, ctx));
}

export function toDomainError(error: unknown, ctx: ErrorContext): DomainError {
  // Already said in spex's words (a credential provider's refusal, thrown from inside the SDK's request).
  if (isSpexError(error)) return error.error;
  const e = (error ?? {}) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  // One line: a server message with \r or \n could otherwise fake further `spex:` lines on stderr.
  const server = sanitizeLine(withoutSigningEcho(typeof e.message === 'string' ? e.message : String(error)));
  const what = ctx.identifier ? `${ctx.operation} of ${ctx.identifier}` : ctx.operation;
  const make = (kind: DomainErrorKind, message: string, extra: Partial<DomainError> = {}): DomainError => ({
    kind,
    message: sanitizeText(message),
    code: name,
    ...extra,
  });

  if (name === 'AbortError') return make('cancelled', `${ctx.operation} was cancelled.`);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(server)) {
    return make('credentials', `No AWS credentials found. ${CREDENTIALS_HELP}`);
  }
  if (/token.*(expired|refresh)|sso session.*(expired|invalid)/i.test(server) && !e.$metadata?.httpStatusCode) {
    return make('credentials', `The AWS credentials have expired (${server}). ${CREDENTIALS_HELP}`);
  }
  if (CREDENTIAL_CODES.has(name)) {
    return make('credentials', `The AWS credentials were refused (${name}): ${sentence(server)} ${CREDENTIALS_HELP}`);
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    const actions = actionsFor(ctx.operation, ctx.typeName);
    return make(
      'access-denied',
      `Access denied for ${what}: the caller needs ${actions.join(', ')}. \`spex iam-policy\` prints a policy with everything spex uses.`,
    );
  }
  // Connect's LimitExceededException (429 in the model) is the instance's quota, not a rate: never retried as one.
  if (name === 'LimitExceededException' || name === 'ServiceLimitExceededException') return make('conflict', quotaText(server));
  if (isThrottleSignal(name, server)) {
    return make('throttled', `AWS kept throttling ${ctx.operation} after several retries; wait a little and try again.`, { retryable: true });
  }
  const netCode = networkCode(error);
  if (netCode || name === 'TimeoutError' || name === 'RequestTimeout') {
    const why = netCode ?? 'timed out';
    return make('network', `Cannot reach the Cloud Control endpoint ${ctx.endpoint} (${why}) during ${ctx.operation}. Check the network, --endpoint-url and --region.`, {
      code: netCode ?? name,
      retryable: true,
    });
  }
  if (name === 'ResourceNotFoundException' || name === 'TypeNotFoundException') {
    // The ARN once: AWS's text repeats it, so there it reads "…".
    const said = ctx.identifier ? server.split(ctx.identifier).join('…') : server;
    return make('not-found', `Not found: ${ctx.identifier ?? ctx.typeName ?? 'the resource'} (${said})`);
  }
  if (name === 'RequestTokenNotFoundException') return make('not-found', `No such request: ${server}`);
  if (name === 'ConcurrentOperationException') {
    return make('conflict', `Another operation on ${ctx.identifier ?? 'this resource'} is still in progress; wait for it to finish and try again.`, { retryable: true });
  }
  if (name === 'ClientTokenConflictException') {
    return make('conflict', `The request's client token was already used for a different request: ${server}`);
  }
  if (name === 'ResourceConflictException' || name === 'AlreadyExistsException') return make('conflict', server);
  if (name === 'NotUpdatableException') return make('not-updatable', `That change is not allowed: ${server}`);
  if (name === 'InvalidRequestException' || name === 'ValidationException') {
    const explained = explainAwsValidation(server);
    return make('validation', explained ? `The service refused ${ctx.operation}: ${sentence(explained)}` : `The service refused ${ctx.operation}: ${server}`);
  }
  if (name === 'GeneralServiceException') {
    // Connect failed behind the handler for a reason that is not a rate: not the caller's input.
    return make('service', `Amazon Connect failed during ${ctx.operation} of ${ctx.identifier ?? ctx.typeName ?? 'the resource'}: ${sentence(server)}`);
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) {
    // The operation says which service failed: Cloud Control's are PascalCase verbs on resources, the others are Connect's.
    const service = CLOUD_CONTROL_OPERATIONS.has(ctx.operation) ? 'Cloud Control' : 'AWS';
    return make('service', `${service} failed (${name}, HTTP ${status}) during ${ctx.operation}: ${server}`, { retryable: true });
  }
  return make('service', `${ctx.operation} failed (${name}): ${server}`);
}

/** Cloud Control's own operations (its API reference). */
const CLOUD_CONTROL_OPERATIONS: ReadonlySet<string> = new Set(['CreateResource', 'UpdateResource', 'DeleteResource', 'GetResource', 'ListResources', 'GetResourceRequestStatus', 'ListResourceRequests', 'CancelResourceRequest']);

/** The error for a request that ended FAILED: handler error code and status message kept. */
/** A quota refusal in words: what is full, that nothing was made, and the two ways out. */
export function quotaText(detail: string): string {
  return `The instance is at its quota of security profiles, so nothing was created (${detail}). Delete a profile nobody holds, or raise the quota (Service Quotas, Amazon Connect, L-F325A715 "Security profiles per instance").`;
}

export function failedOperationError(status: RequestStatus, ctx: ErrorContext): DomainError {
  const code = status.handlerErrorCode ?? 'Unknown';
  const detail = status.statusMessage ? sanitizeLine(withoutSigningEcho(status.statusMessage)) : 'no details given';
  const op = status.operation.toLowerCase();
  const base = { code, handlerErrorCode: code, requestToken: status.requestToken };
  const handlerOp = { CREATE: 'CreateResource', UPDATE: 'UpdateResource', DELETE: 'DeleteResource' }[status.operation];
  if (isThrottleSignal(code, status.statusMessage)) {
    return { ...base, kind: 'throttled', retryable: true, explained: true, message: sanitizeText(`The ${op} was throttled by AWS and did not happen (${detail}).`) };
  }
  if (status.operation === 'DELETE' && isInUseSignal(status.statusMessage)) {
    return {
      ...base,
      kind: 'conflict',
      explained: true,
      message: sanitizeText(`The profile is assigned to users, and Connect will not delete a profile that users hold; nothing was deleted. Assign those users another profile first; AI agents of Amazon Q in Connect can hold a profile too, and spex does not list them yet (${detail}).`),
    };
  }
  const explained = explainAwsValidation(status.statusMessage ?? '');
  if (explained) return { ...base, kind: 'validation', explained: true, message: sanitizeText(`The ${op} was refused: ${sentence(explained)}`) };
  switch (code) {
    case 'AccessDenied':
      return {
        ...base,
        kind: 'access-denied',
        message: sanitizeText(`The ${op} was denied (${detail}). The caller needs ${actionsFor(handlerOp, ctx.typeName).join(', ')}.`),
      };
    case 'InvalidCredentials':
      return { ...base, kind: 'credentials', message: sanitizeText(`The ${op} failed: credentials refused (${detail}). ${CREDENTIALS_HELP}`) };
    case 'Throttling':
      return { ...base, kind: 'throttled', retryable: true, message: sanitizeText(`The ${op} was throttled by AWS and did not happen (${detail}).`) };
    case 'ServiceLimitExceeded':
      return { ...base, kind: 'conflict', message: sanitizeText(quotaText(detail)) };
    case 'NotFound':
      return { ...base, kind: 'not-found', message: sanitizeText(`The ${op} failed: not found (${detail}).`) };
    case 'AlreadyExists':
    case 'ResourceConflict':
      return { ...base, kind: 'conflict', message: sanitizeText(`The ${op} failed (${code}): ${detail}`) };
    case 'GeneralServiceException':
      return { ...base, kind: 'operation-failed', message: sanitizeText(`The ${op} failed: Amazon Connect reported an error (${detail}).`) };
    default:
      return { ...base, kind: 'operation-failed', message: sanitizeText(`The ${op} failed (${code}): ${detail}`) };
  }
}

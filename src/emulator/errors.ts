// Service errors as Cloud Control sends them: the HTTP status of each error shape in the Smithy model
// (cloudcontrol-2021-09-30.smithy.json), plus the unmodelled ones AWS is seen to return.

const STATUS: Record<string, number> = {
  AlreadyExistsException: 400,
  ClientTokenConflictException: 409,
  ConcurrentModificationException: 500,
  ConcurrentOperationException: 409,
  GeneralServiceException: 400,
  HandlerFailureException: 502,
  HandlerInternalFailureException: 502,
  InvalidCredentialsException: 401,
  InvalidRequestException: 400,
  NetworkFailureException: 502,
  NotStabilizedException: 400,
  NotUpdatableException: 400,
  PrivateTypeException: 400,
  RequestTokenNotFoundException: 404,
  ResourceConflictException: 409,
  ResourceNotFoundException: 404,
  ServiceInternalErrorException: 502,
  ServiceLimitExceededException: 400,
  ThrottlingException: 429,
  TypeNotFoundException: 404,
  UnsupportedActionException: 405,
  // Not in the model, seen from AWS front ends.
  AccessDeniedException: 400,
  ValidationException: 400,
  SerializationException: 400,
  UnknownOperationException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  RequestEntityTooLargeException: 413,
  InternalFailure: 500,
};

/** The namespace AWS puts before `#` in `__type` for modelled errors. */
const MODELLED_NAMESPACE = 'com.amazonaws.cloudcontrol';

export class ServiceError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = code;
    this.status = status ?? statusOf(code);
  }

  body(): { __type: string; Message: string } {
    const ns = MODELLED_NAMESPACE;
    return { __type: `${ns}#${this.code}`, Message: this.message };
  }
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 400;
}

/** A handler error code of a FAILED request, as the exception a synchronous Get/List raises. */
export const HANDLER_EXCEPTION: Record<string, string> = {
  NotUpdatable: 'NotUpdatableException',
  InvalidRequest: 'InvalidRequestException',
  AccessDenied: 'AccessDeniedException',
  UnauthorizedTaggingOperation: 'AccessDeniedException',
  InvalidCredentials: 'InvalidCredentialsException',
  AlreadyExists: 'AlreadyExistsException',
  NotFound: 'ResourceNotFoundException',
  ResourceConflict: 'ResourceConflictException',
  Throttling: 'ThrottlingException',
  ServiceLimitExceeded: 'ServiceLimitExceededException',
  NotStabilized: 'NotStabilizedException',
  GeneralServiceException: 'GeneralServiceException',
  ServiceInternalError: 'ServiceInternalErrorException',
  ServiceTimeout: 'HandlerInternalFailureException',
  NetworkFailure: 'NetworkFailureException',
  InternalFailure: 'HandlerInternalFailureException',
};

export const HANDLER_ERROR_CODES = Object.keys(HANDLER_EXCEPTION);

/** What a Connect handler says for each code when a test injects it without a message. */
export const HANDLER_DEFAULT_MESSAGE: Record<string, string> = {
  AccessDenied: 'User is not authorized to perform this action (Service: Connect, Status Code: 403)',
  AlreadyExists: 'A security profile with this name already exists in the instance',
  NotFound: 'The specified resource was not found (Service: Connect, Status Code: 404)',
  ResourceConflict: 'The resource is in use and cannot be changed now (Service: Connect, Status Code: 409)',
  InvalidRequest: 'The request is not valid (Service: Connect, Status Code: 400)',
  Throttling: 'Rate exceeded (Service: Connect, Status Code: 429)',
  ServiceInternalError: 'Internal service error (Service: Connect, Status Code: 500)',
};

/** Cloud Control's wording for a handler failure surfaced by a synchronous call. */
export function handlerFailure(typeName: string, handlerCode: string, text: string, requestToken: string): ServiceError {
  const code = HANDLER_EXCEPTION[handlerCode] ?? 'GeneralServiceException';
  return new ServiceError(
    code,
    `${typeName} Handler returned status FAILED: ${text} (HandlerErrorCode: ${handlerCode}, RequestToken: ${requestToken})`,
  );
}

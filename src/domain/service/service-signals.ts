// Reading what AWS means from what it says, where codes alone mislead (real-aws-notes "Writes").
// Pure: used by the service layer for both synchronous errors and FAILED requests.

const THROTTLE_CODES = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'ThrottledException']);
const THROTTLE_WORDS = /\brate\b|\b429\b|throttl|TooManyRequests|too many requests/i;

/**
 * A throttle in any of its shapes. real-aws-notes "Writes": inside the Connect handlers only
 * TooManyRequestsException is recognised, so Connect's own ThrottlingException (429) reaches the
 * caller as GeneralServiceException — synchronously, or as a FAILED request — with the rate in the
 * message (source for the sibling handlers, inferred for profiles).
 */
export function isThrottleSignal(code: string | undefined, message: string | undefined): boolean {
  if (code !== undefined && THROTTLE_CODES.has(code)) return true;
  return (code === 'GeneralServiceException' || code === 'GeneralServiceExceptionException') && THROTTLE_WORDS.test(message ?? '');
}

/**
 * A delete refused because users hold the profile, whatever the code: real-aws-notes "Writes": the
 * sibling handler maps ResourceInUseException to InvalidRequest (source; inferred for profiles).
 */
export function isInUseSignal(message: string | undefined): boolean {
  return /ResourceInUse|\bin use\b|assigned to (one or more )?users/i.test(message ?? '');
}

/**
 * Epoch seconds from a LastModifiedTime in either unit. real-aws-notes "Reads": the unit is not
 * documented (schema type `number`); values above 1e11 are milliseconds (inferred: 1e11 seconds is
 * the year 5138, 1e11 milliseconds is 1973).
 */
export function epochSeconds(value: number): number {
  return value > 1e11 ? value / 1000 : value;
}

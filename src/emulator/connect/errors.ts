// A Connect API error as restJson1 sends it: the HTTP status, the code in `x-amzn-ErrorType` and
// `{"Message": …}` (the model's error shapes; ResourceInUseException adds ResourceType and ResourceId).
export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string): ConnectError => new ConnectError('InvalidParameterException', message, 400);
export const notFound = (message: string): ConnectError => new ConnectError('ResourceNotFoundException', message, 404);

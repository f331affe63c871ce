// The awsJson1_0 wire protocol: reads a call (POST /, X-Amz-Target, JSON body, SigV4 region) and
// writes replies and errors the way the AWS SDKs decode them. Anything malformed becomes a
// ServiceError here, so the operations only ever see a parsed object.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from './errors.js';

export const OPERATIONS = [
  'ListResources',
  'GetResource',
  'CreateResource',
  'UpdateResource',
  'DeleteResource',
  'GetResourceRequestStatus',
  'ListResourceRequests',
  'CancelResourceRequest',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

const TARGET_PREFIX = 'CloudApiService.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Four documents of 262144 characters, JSON-escaped, fit well inside this. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface Call {
  operation: OperationName;
  region: string;
  body: Record<string, unknown>;
}

/** What is known about a request before it is fully understood, for the request log. */
export interface CallInfo {
  operation: string;
  region: string;
  body: Record<string, unknown>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ServiceError('RequestEntityTooLargeException', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Region from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`. */
export function regionOf(authorization: string | undefined): string {
  if (!authorization) throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = /Credential=[^/\s,]+\/\d{8}\/([^/\s,]+)\/[^/\s,]+\/aws4_request/.exec(authorization);
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ') || !match) {
    throw new ServiceError(
      'IncompleteSignatureException',
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (AWS4-HMAC-SHA256)",
    );
  }
  const region = match[1] ?? '';
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new ServiceError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region.slice(0, 40)}'`);
  }
  return region;
}

/**
 * The caller's account: a 12-digit access key id names it (the convention local AWS emulators
 * use, so a test or a demo can act in several accounts); any other key is the default account's.
 */
export function accountOf(authorization: string | undefined, fallback: string): string {
  const match = /Credential=(\d{12})\//.exec(authorization ?? '');
  return match?.[1] ?? fallback;
}

/** Checks the request and returns the call it makes; `info` is filled in as far as it got. */
export function parseCall(req: IncomingMessage, raw: Buffer, info: CallInfo): Call {
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
    throw new ServiceError('UnknownOperationException', `Only POST / is served (got ${req.method} ${String(req.url).slice(0, 80)})`, 404);
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  info.operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const region = regionOf(req.headers.authorization);
  info.region = region;
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== CONTENT_TYPE) {
    throw new ServiceError('SerializationException', `Content-Type must be ${CONTENT_TYPE} (got ${JSON.stringify(type?.slice(0, 80))})`);
  }
  if (!target.startsWith(TARGET_PREFIX) || !(OPERATIONS as readonly string[]).includes(info.operation)) {
    throw new ServiceError('UnknownOperationException', `Unknown operation ${JSON.stringify(target.slice(0, 120))}`);
  }
  let body: unknown = {};
  const text = raw.toString('utf8');
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ServiceError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServiceError('SerializationException', 'The request body must be a JSON object');
  }
  info.body = body as Record<string, unknown>;
  return { operation: info.operation as OperationName, region, body: info.body };
}

export function writeReply(res: ServerResponse, status: number, payload: unknown, errorCode?: string, close = false, contentType = CONTENT_TYPE): void {
  const text = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  };
  if (errorCode) headers['x-amzn-ErrorType'] = errorCode;
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

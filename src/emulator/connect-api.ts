// The Amazon Connect API (service `connect`, REST JSON) beside Cloud Control, on the same port and over
// the same store, for what Cloud Control does badly. Today: ListSecurityProfiles
// (`GET /security-profiles-summary/{InstanceId}`), every profile's name, id, ARN and modification time
// in one call (real-aws-notes "The Connect API"). Errors as restJson1 sends them: the status, the code in
// `x-amzn-ErrorType`, and `{"Message": …}`.
import type { IncomingMessage } from 'node:http';
import { SECURITY_PROFILE_TYPE } from '../domain/security-profile.js';
import type { ConnectBudgets } from './connect-limits.js';
import { regionOf } from './server.js';
import type { Store } from './store.js';

export class ConnectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** HTTP statuses of the Connect errors a test can inject. */
export const CONNECT_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  ThrottlingException: 429,
  ResourceNotFoundException: 404,
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  InternalServiceException: 500,
};

const SUMMARY_PATH = /^\/security-profiles-summary\/([^/?]+)$/;

/** The Connect operation a request names, or undefined when it is not a Connect request. */
export function connectOperationOf(req: IncomingMessage): string | undefined {
  if (req.headers['x-amz-target'] !== undefined) return undefined;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method === 'GET' && SUMMARY_PATH.test(path)) return 'ListSecurityProfiles';
  return undefined;
}

export interface ConnectContext {
  store: Store;
  budgets: ConnectBudgets;
  account: string;
  pageSize: number;
}

export function handleConnect(req: IncomingMessage, ctx: ConnectContext): { region: string; body: Record<string, unknown> } {
  let region: string;
  try {
    region = regionOf(req.headers.authorization);
  } catch (error) {
    throw new ConnectError('UnauthorizedException', (error as Error).message, 401);
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const instanceId = decodeURIComponent(SUMMARY_PATH.exec(url.pathname)?.[1] ?? '');
  const max = url.searchParams.get('maxResults');
  const maxResults = max === null ? 1000 : Number(max);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw new ConnectError('InvalidParameterException', '1 validation error detected: maxResults must be between 1 and 1000', 400);
  }
  const instance = [...(ctx.store.regions.get(region)?.instances.values() ?? [])].find((i) => i.entry.model.Id === instanceId || i.entry.model.Arn === instanceId);
  if (!instance) throw new ConnectError('ResourceNotFoundException', `Instance not found: ${instanceId.slice(0, 80)}`, 404);
  // The same budget the Cloud Control list handler spends: it is the same Connect API.
  if (ctx.budgets.spend(ctx.account, region, SECURITY_PROFILE_TYPE, 'list') !== undefined) throw new ConnectError('ThrottlingException', 'Rate exceeded', 429);
  const all = [...instance.profiles.values()];
  const token = url.searchParams.get('nextToken');
  const start = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw new ConnectError('InvalidParameterException', 'The nextToken is not valid', 400);
  const page = all.slice(start, start + Math.min(maxResults, 1000));
  const body: Record<string, unknown> = {
    SecurityProfileSummaryList: page.map(({ model }) => ({
      Id: String(model.SecurityProfileArn).split('/').pop(),
      Arn: model.SecurityProfileArn,
      Name: model.SecurityProfileName,
      ...(typeof model.LastModifiedTime === 'number' ? { LastModifiedTime: model.LastModifiedTime } : {}),
      ...(typeof model.LastModifiedRegion === 'string' ? { LastModifiedRegion: model.LastModifiedRegion } : {}),
    })),
  };
  if (start + page.length < all.length) body.NextToken = Buffer.from(String(start + page.length)).toString('base64url');
  return { region, body };
}

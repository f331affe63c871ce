// The IAM Identity Center portal API (the `sso` service of the SDK: restJson1, GET, the bearer token in
// x-amz-sso_bearer_token, no SigV4), as `spex --sso` uses it: ListAccounts (/assignment/accounts),
// ListAccountRoles (/assignment/roles) and GetRoleCredentials (/federation/credentials). The emulator
// runs no sign-in (no SSO-OIDC): it knows the demo's tokens, which stand for what `aws sso login` would
// cache. `sso-alice` may use every ACTIVE account of the organisation as AdministratorAccess or
// ConnectReadOnly, but acme-research only as ConnectReadOnly; any other token is refused as AWS refuses
// an expired one. Credentials come as elsewhere: the key selects the account, the session token names
// the role (GetCallerIdentity reads it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from './errors.js';
import type { Organization } from './organization.js';
import { writeReply } from './server.js';
import { sessionToken } from './sessions.js';

const PATHS: Readonly<Record<string, string>> = { '/assignment/accounts': 'ListAccounts', '/assignment/roles': 'ListAccountRoles', '/federation/credentials': 'GetRoleCredentials' };

/** The demo's people: their token, and the roles each may take in an account of the organisation. */
export const SSO_USERS: Readonly<Record<string, { user: string; roles: (accountName: string) => string[] }>> = {
  'sso-alice': { user: 'alice@acme.example', roles: (name) => (name === 'acme-research' ? ['ConnectReadOnly'] : ['AdministratorAccess', 'ConnectReadOnly']) },
};

/** The portal operation a request makes, if it is one. */
export function portalOperationOf(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET' || req.headers['x-amz-sso_bearer_token'] === undefined) return undefined;
  return PATHS[new URL(req.url ?? '/', 'http://x').pathname];
}

/** One page (the model: maxResults 1–100; the token is the emulator's own). */
function page<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const max = query.get('max_result') === null ? 100 : Number(query.get('max_result'));
  if (!Number.isInteger(max) || max < 1 || max > 100) throw new ServiceError('InvalidRequestException', 'max_result must be between 1 and 100', 400);
  const from = query.get('next_token') === null ? 0 : Number(Buffer.from(query.get('next_token')!, 'base64url').toString('utf8'));
  if (!Number.isInteger(from) || from < 0 || from > items.length) throw new ServiceError('InvalidRequestException', 'The next_token is not valid', 400);
  const slice = items.slice(from, from + max);
  return { items: slice, ...(from + slice.length < items.length ? { nextToken: Buffer.from(String(from + slice.length)).toString('base64url') } : {}) };
}

/** Answers a portal call; returns the status written. */
export function answerPortal(req: IncomingMessage, res: ServerResponse, operation: string, org: Organization, now: number): { status: number; errorType?: string } {
  try {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const person = SSO_USERS[String(req.headers['x-amz-sso_bearer_token'])];
    // API reference: UnauthorizedException (401) "the session token is not valid or has expired".
    if (person === undefined) throw new ServiceError('UnauthorizedException', 'Session token not found or invalid', 401);
    const usable = org.accounts.filter((a) => a.Status === 'ACTIVE');
    if (operation === 'ListAccounts') {
      const { items, nextToken } = page(usable, query);
      writeReply(res, 200, { accountList: items.map((a) => ({ accountId: a.Id, accountName: a.Name, emailAddress: a.Email })), ...(nextToken ? { nextToken } : {}) });
      return { status: 200 };
    }
    const account = usable.find((a) => a.Id === query.get('account_id'));
    // The API reference's ResourceNotFoundException: an account or role the person has no assignment for.
    if (account === undefined) throw new ServiceError('ResourceNotFoundException', 'No access', 404);
    const roles = person.roles(account.Name);
    if (operation === 'ListAccountRoles') {
      const { items, nextToken } = page(roles, query);
      writeReply(res, 200, { roleList: items.map((roleName) => ({ roleName, accountId: account.Id })), ...(nextToken ? { nextToken } : {}) });
      return { status: 200 };
    }
    const role = query.get('role_name') ?? '';
    // Not among the model's errors, but what the portal answers for a role not assigned (the AWS CLI's "ForbiddenException … No access").
    if (!roles.includes(role)) throw new ServiceError('ForbiddenException', 'No access', 403);
    const arn = `arn:aws:sts::${account.Id}:assumed-role/AWSReservedSSO_${role}_5e1d0a1b2c3d4e5f/${person.user}`;
    // GetRoleCredentials' expiration is epoch milliseconds (the model's ExpirationTimestampType); the role's session lasts an hour by default.
    writeReply(res, 200, { roleCredentials: { accessKeyId: account.Id, secretAccessKey: 'emulated-sso-secret', sessionToken: sessionToken(arn), expiration: now + 3_600_000 } });
    return { status: 200 };
  } catch (error) {
    const e = error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error));
    writeReply(res, e.status, { message: e.message }, e.code);
    return { status: e.status, errorType: e.code };
  }
}

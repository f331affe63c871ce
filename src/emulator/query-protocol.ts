// The AWS query protocol (form-encoded POST, XML answers) as STS speaks it: GetCallerIdentity names
// the caller's account (the one a 12-digit access key id selects, as elsewhere in the emulator), and
// AssumeRole hands out a key for a role of the organisation (organization.ts). Any
// other query-protocol action is refused in that protocol's own error shape, naming the action, so
// every AWS client can read the refusal.
import { userNameOf } from './cloudtrail.js';
import { ServiceError } from './errors.js';
import { assumeRole, type Organization } from './organization.js';
import { sessionArn, sessionToken } from './sessions.js';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The action of a query-protocol request (form-encoded POST / without X-Amz-Target), or undefined. */
export function queryActionOf(req: IncomingMessage, raw: Buffer): string | undefined {
  if (req.method !== 'POST' || req.headers['x-amz-target'] !== undefined) return undefined;
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(raw.toString('utf8')).get('Action') ?? '';
}

const xml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function write(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-RequestId': randomUUID() });
  res.end(body);
}

/** Answers a query-protocol call; returns the status written. */
export function answerQuery(res: ServerResponse, action: string, account: string, accessKeyId: string, raw: Buffer, org: Organization, securityToken?: string): number {
  const requestId = randomUUID();
  if (action === 'AssumeRole') {
    try {
      const role = assumeRole(org, `arn:aws:iam::${account}:user/${userNameOf(accessKeyId)}`, new URLSearchParams(raw.toString('utf8')), Date.now());
      const secret = createHash('sha256').update(`${role.arn}/${requestId}`).digest('base64').slice(0, 40);
      write(
        res,
        200,
        `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>${role.accessKeyId}</AccessKeyId><SecretAccessKey>${secret}</SecretAccessKey><SessionToken>${xml(sessionToken(role.arn))}</SessionToken><Expiration>${role.expiration.toISOString()}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>${xml(role.assumedRoleId)}</AssumedRoleId><Arn>${xml(role.arn)}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
      return 200;
    } catch (error) {
      const e = error instanceof ServiceError ? error : new ServiceError('InternalFailure', String(error));
      write(res, e.status, `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${xml(e.code)}</Code><Message>${xml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
      return e.status;
    }
  }
  if (action === 'GetCallerIdentity') {
    // The STS API reference's GetCallerIdentity answer for an IAM user: UserId is the principal's unique id (not the key);
    // for an assumed role, the role's id and the session's name, and the assumed-role ARN.
    const assumed = sessionArn(securityToken);
    const hash = createHash('sha256').update(`${account}/${assumed ?? accessKeyId}`).digest('hex').slice(0, 17).toUpperCase();
    const userId = assumed === undefined ? `AIDA${hash}` : `AROA${hash}:${assumed.split('/').pop()}`;
    const arn = assumed ?? `arn:aws:iam::${account}:user/${userNameOf(accessKeyId)}`;
    write(
      res,
      200,
      `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${xml(arn)}</Arn><UserId>${xml(userId)}</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
    return 200;
  }
  write(
    res,
    400,
    `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The local endpoint does not serve the action ${xml(action.slice(0, 80))} (of the query protocol it serves only STS GetCallerIdentity and AssumeRole)</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
  return 400;
}

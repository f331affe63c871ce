// AWS Organizations and STS AssumeRole as far as spex's `--org` needs them. The demo's organisation:
// acme (the management account, the demo's first), acme-platform, acme-research (no role spex may
// assume: AccessDenied, as a missing role answers), acme-legacy (SUSPENDED), and `--org-accounts N` more
// (retail-001…, an OU of their own). Every ACTIVE member but acme-research has
// OrganizationAccountAccessRole (the role Organizations creates in accounts it makes) and SpexAudit, which
// demands the ExternalId `spex-audit`. Organizations' ListAccounts (1–20 a page, the management account
// only: AccessDeniedException otherwise) and DescribeOrganization answer in awsJson1_1, from the API
// reference and the SDK's model; AssumeRole in the query protocol (query-protocol.ts).
import { createHash } from 'node:crypto';
import { ServiceError } from './errors.js';

export const ORGANIZATIONS_PREFIX = 'AWSOrganizationsV20161128.';

export interface OrgAccount {
  Id: string;
  Name: string;
  Email: string;
  Status: 'ACTIVE' | 'SUSPENDED';
  /** The organisational unit it sits in, as a path of names ("Platform/Research"; "Root": directly under the root). */
  unit: string;
  /** The roles others may assume in it, with the ExternalId each demands. */
  roles: Readonly<Record<string, { externalId?: string; mfa?: boolean }>>;
}

export interface Organization {
  id: string;
  managementId: string;
  accounts: readonly OrgAccount[];
}

const MANAGEMENT = '123456789012';
const ROLES = { OrganizationAccountAccessRole: {}, SpexAudit: { externalId: 'spex-audit' }, SpexAdminMfa: { mfa: true } } as const;
/** The code the demo's MFA device shows (the emulator runs no TOTP): documented in docs/emulator.md. */
export const DEMO_MFA_CODE = '123456';

export function demoOrganization(extra = 0): Organization {
  const account = (Id: string, Name: string, unit: string, Status: OrgAccount['Status'] = 'ACTIVE', roles: OrgAccount['roles'] = ROLES): OrgAccount => ({ Id, Name, Email: `aws+${Name}@acme.example`, Status, unit, roles });
  return {
    id: 'o-acme4spex01',
    managementId: MANAGEMENT,
    accounts: [
      account(MANAGEMENT, 'acme', 'Root'),
      account('210987654321', 'acme-platform', 'Platform'),
      account('333333333333', 'acme-research', 'Platform/Research', 'ACTIVE', {}),
      account('444444444444', 'acme-legacy', 'Legacy', 'SUSPENDED'),
      ...Array.from({ length: extra }, (_, i) => account(`5${String(i + 1).padStart(11, '0')}`, `retail-${String(i + 1).padStart(3, '0')}`, 'Retail')),
    ],
  };
}

const arnOf = (org: Organization, a: OrgAccount): string => `arn:aws:organizations::${org.managementId}:account/${org.id}/${a.Id}`;

const ROOT_ID = 'r-ac01';
/** An OU's id from its path (the model's pattern: ou-<root 4–32>-<8–32>). */
const unitId = (path: string): string => (path === 'Root' ? ROOT_ID : `ou-ac01-${createHash('sha256').update(path).digest('hex').slice(0, 8)}`);
/** Every OU path of the organisation, parents included. */
const unitPaths = (org: Organization): string[] => [...new Set(org.accounts.flatMap((a) => (a.unit === 'Root' ? [] : a.unit.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')))))];
const parentOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : 'Root');

/** One page of a list (the model: MaxResults 1–20; the NextToken is the emulator's own). */
function paged<T>(items: readonly T[], body: Record<string, unknown>): { page: T[]; NextToken?: string } {
  const max = body.MaxResults === undefined ? 20 : Number(body.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 20) throw new ServiceError('InvalidInputException', 'You provided a value that does not match the required pattern (MaxResults: 1–20).');
  const from = body.NextToken === undefined ? 0 : Number(Buffer.from(String(body.NextToken), 'base64url').toString('utf8'));
  if (!Number.isInteger(from) || from < 0 || from > items.length) throw new ServiceError('InvalidInputException', 'The NextToken is not valid.');
  const page = items.slice(from, from + max);
  return { page, ...(from + page.length < items.length ? { NextToken: Buffer.from(String(from + page.length)).toString('base64url') } : {}) };
}

const SERVED = new Set(['DescribeOrganization', 'ListAccounts', 'ListRoots', 'ListOrganizationalUnitsForParent', 'ListAccountsForParent']);

/** Organizations' reads spex uses, called by `caller` (the account its key selects). */
export function handleOrganizations(org: Organization, operation: string, caller: string, body: Record<string, unknown>): Record<string, unknown> {
  const member = org.accounts.find((a) => a.Id === caller);
  if (member === undefined) throw new ServiceError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  if (operation === 'DescribeOrganization') {
    const management = org.accounts.find((a) => a.Id === org.managementId)!;
    return { Organization: { Id: org.id, Arn: `arn:aws:organizations::${org.managementId}:organization/${org.id}`, FeatureSet: 'ALL', MasterAccountArn: arnOf(org, management), MasterAccountId: org.managementId, MasterAccountEmail: management.Email, AvailablePolicyTypes: [] } };
  }
  if (!SERVED.has(operation)) throw new ServiceError('UnknownOperationException', `The local endpoint serves only ${[...SERVED].join(', ')} of Organizations (got ${operation.slice(0, 60)})`);
  // API reference: "This operation can be called only from the organization's management account or by a member account that is a delegated administrator."
  if (caller !== org.managementId) throw new ServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
  const accountShape = (a: OrgAccount) => ({ Id: a.Id, Arn: arnOf(org, a), Email: a.Email, Name: a.Name, Status: a.Status, JoinedMethod: a.Id === org.managementId ? 'INVITED' : 'CREATED', JoinedTimestamp: 1_704_067_200 });
  if (operation === 'ListRoots') {
    const { page, ...rest } = paged([ROOT_ID], body);
    return { Roots: page.map((Id) => ({ Id, Arn: `arn:aws:organizations::${org.managementId}:root/${org.id}/${Id}`, Name: 'Root', PolicyTypes: [] })), ...rest };
  }
  if (operation === 'ListAccounts') {
    const { page, ...rest } = paged(org.accounts, body);
    return { Accounts: page.map(accountShape), ...rest };
  }
  // ListAccountsForParent and ListOrganizationalUnitsForParent: the parent must be the root or an OU (ParentNotFoundException otherwise).
  const parentId = String(body.ParentId ?? '');
  const parent = parentId === ROOT_ID ? 'Root' : unitPaths(org).find((p) => unitId(p) === parentId);
  if (parent === undefined) throw new ServiceError('ParentNotFoundException', 'We can\'t find a root or OU with the ParentId that you specified.');
  if (operation === 'ListAccountsForParent') {
    const { page, ...rest } = paged(org.accounts.filter((a) => a.unit === parent), body);
    return { Accounts: page.map(accountShape), ...rest };
  }
  const { page, ...rest } = paged(unitPaths(org).filter((p) => parentOf(p) === parent), body);
  return { OrganizationalUnits: page.map((p) => ({ Id: unitId(p), Arn: `arn:aws:organizations::${org.managementId}:ou/${org.id}/${unitId(p)}`, Name: p.split('/').pop() })), ...rest };
}

export interface AssumedRole {
  accessKeyId: string;
  expiration: Date;
  roleArn: string;
  assumedRoleId: string;
  arn: string;
}

/**
 * STS AssumeRole (API reference): RoleSessionName 2–64 of [\w+=,.@-], DurationSeconds 900–43200, the
 * role must exist in its account and its ExternalId match (else AccessDenied, one message for both, as
 * STS gives). The key it hands out is the role's account id: the emulator selects accounts by key.
 */
export function assumeRole(org: Organization, callerArn: string, params: URLSearchParams, now: number): AssumedRole {
  const roleArn = params.get('RoleArn') ?? '';
  const session = params.get('RoleSessionName') ?? '';
  const duration = params.get('DurationSeconds') === null ? 3600 : Number(params.get('DurationSeconds'));
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) throw new ServiceError('ValidationError', `1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and length 2–64`);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) throw new ServiceError('ValidationError', `1 validation error detected: Value '${String(params.get('DurationSeconds')).slice(0, 20)}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  const account = m === null ? undefined : org.accounts.find((a) => a.Id === m[1] && a.Status === 'ACTIVE');
  const role = account === undefined ? undefined : account.roles[m![2]!];
  const serial = params.get('SerialNumber'), code = params.get('TokenCode');
  // The model: SerialNumber 9–256 of [\w+=/:,.@-], TokenCode exactly 6 digits.
  if (serial !== null && !/^[\w+=/:,.@-]{9,256}$/.test(serial)) throw new ServiceError('ValidationError', "1 validation error detected: Value at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]* and length 9–256");
  if (code !== null && !/^\d{6}$/.test(code)) throw new ServiceError('ValidationError', "1 validation error detected: Value at 'tokenCode' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: [\\d]*");
  // A role whose trust policy demands MFA (aws:MultiFactorAuthPresent) refuses a call without it as it refuses any other caller.
  if (role === undefined || (role.externalId !== undefined && role.externalId !== params.get('ExternalId')) || (role.mfa === true && (serial === null || code === null))) {
    throw new ServiceError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn.slice(0, 200)}`, 403);
  }
  if (role.mfa === true && code !== DEMO_MFA_CODE) throw new ServiceError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403);
  const roleId = `AROA${account!.Id}${m![2]!.length}`.toUpperCase().slice(0, 21);
  return { accessKeyId: account!.Id, expiration: new Date(now + duration * 1000), roleArn, assumedRoleId: `${roleId}:${session}`, arn: `arn:aws:sts::${account!.Id}:assumed-role/${m![2]}/${session}` };
}

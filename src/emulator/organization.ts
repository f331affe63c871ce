// AWS Organizations and STS AssumeRole as far as spex's `--org` needs them. The demo's organisation:
// acme (the management account, the demo's first), acme-platform, acme-research (no role spex may
// assume: AccessDenied, as a missing role answers), acme-legacy (SUSPENDED), and `--org-accounts N` more
// (retail-001…, an OU of their own). Every ACTIVE member but acme-research has
// OrganizationAccountAccessRole (the role Organizations creates in accounts it makes) and SpexAudit, which
// demands the ExternalId `spex-audit`. Organizations' ListAccounts (1–20 a page, the management account
// only: AccessDeniedException otherwise) and DescribeOrganization answer in awsJson1_1, from the API
// reference and the SDK's model; AssumeRole in the query protocol (query-protocol.ts).
import { ServiceError } from './errors.js';

export const ORGANIZATIONS_PREFIX = 'AWSOrganizationsV20161128.';

export interface OrgAccount {
  Id: string;
  Name: string;
  Email: string;
  Status: 'ACTIVE' | 'SUSPENDED';
  /** The organisational unit it sits in. */
  unit: string;
  /** The roles others may assume in it, with the ExternalId each demands. */
  roles: Readonly<Record<string, { externalId?: string }>>;
}

export interface Organization {
  id: string;
  managementId: string;
  accounts: readonly OrgAccount[];
}

const MANAGEMENT = '123456789012';
const ROLES = { OrganizationAccountAccessRole: {}, SpexAudit: { externalId: 'spex-audit' } } as const;

export function demoOrganization(extra = 0): Organization {
  const account = (Id: string, Name: string, unit: string, Status: OrgAccount['Status'] = 'ACTIVE', roles: OrgAccount['roles'] = ROLES): OrgAccount => ({ Id, Name, Email: `aws+${Name}@acme.example`, Status, unit, roles });
  return {
    id: 'o-acme4spex01',
    managementId: MANAGEMENT,
    accounts: [
      account(MANAGEMENT, 'acme', 'Root'),
      account('210987654321', 'acme-platform', 'Platform'),
      account('333333333333', 'acme-research', 'Research', 'ACTIVE', {}),
      account('444444444444', 'acme-legacy', 'Legacy', 'SUSPENDED'),
      ...Array.from({ length: extra }, (_, i) => account(`5${String(i + 1).padStart(11, '0')}`, `retail-${String(i + 1).padStart(3, '0')}`, 'Retail')),
    ],
  };
}

const arnOf = (org: Organization, a: OrgAccount): string => `arn:aws:organizations::${org.managementId}:account/${org.id}/${a.Id}`;

/** ListAccounts and DescribeOrganization, called by `caller` (the account its key selects). */
export function handleOrganizations(org: Organization, operation: string, caller: string, body: Record<string, unknown>): Record<string, unknown> {
  const member = org.accounts.find((a) => a.Id === caller);
  if (member === undefined) throw new ServiceError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  if (operation === 'DescribeOrganization') {
    const management = org.accounts.find((a) => a.Id === org.managementId)!;
    return { Organization: { Id: org.id, Arn: `arn:aws:organizations::${org.managementId}:organization/${org.id}`, FeatureSet: 'ALL', MasterAccountArn: arnOf(org, management), MasterAccountId: org.managementId, MasterAccountEmail: management.Email, AvailablePolicyTypes: [] } };
  }
  if (operation !== 'ListAccounts') throw new ServiceError('UnknownOperationException', `The local endpoint serves only ListAccounts and DescribeOrganization of Organizations (got ${operation.slice(0, 60)})`);
  // API reference: "This operation can be called only from the organization's management account or by a member account that is a delegated administrator."
  if (caller !== org.managementId) throw new ServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
  const max = body.MaxResults === undefined ? 20 : Number(body.MaxResults);
  // The model: MaxResults 1–20.
  if (!Number.isInteger(max) || max < 1 || max > 20) throw new ServiceError('InvalidInputException', 'You provided a value that does not match the required pattern (MaxResults: 1–20).');
  const from = body.NextToken === undefined ? 0 : Number(Buffer.from(String(body.NextToken), 'base64url').toString('utf8'));
  if (!Number.isInteger(from) || from < 0 || from > org.accounts.length) throw new ServiceError('InvalidInputException', 'The NextToken is not valid.');
  const page = org.accounts.slice(from, from + max);
  return {
    Accounts: page.map((a) => ({ Id: a.Id, Arn: arnOf(org, a), Email: a.Email, Name: a.Name, Status: a.Status, JoinedMethod: a.Id === org.managementId ? 'INVITED' : 'CREATED', JoinedTimestamp: 1_704_067_200 })),
    ...(from + page.length < org.accounts.length ? { NextToken: Buffer.from(String(from + page.length)).toString('base64url') } : {}),
  };
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
  if (role === undefined || (role.externalId !== undefined && role.externalId !== params.get('ExternalId'))) {
    throw new ServiceError('AccessDenied', `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn.slice(0, 200)}`, 403);
  }
  const roleId = `AROA${account!.Id}${m![2]!.length}`.toUpperCase().slice(0, 21);
  return { accessKeyId: account!.Id, expiration: new Date(now + duration * 1000), roleArn, assumedRoleId: `${roleId}:${session}`, arn: `arn:aws:sts::${account!.Id}:assumed-role/${m![2]}/${session}` };
}

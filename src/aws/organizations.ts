// An organisation's accounts for `--org`: AWS Organizations' ListAccounts from the management (or a
// delegated administrator) account, every page, and credentials in each account through STS AssumeRole
// (the role `--org-role` names, an optional ExternalId, a session named after spex and the caller, the
// shortest duration STS allows, 15 minutes, renewed a minute before it ends).
import type { AssumeRoleCommandInput, AssumeRoleCommandOutput, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { SpexError } from '../domain/service/errors.js';
import { type ClientSettings, clientConfig, commonJs, createStsClient, loadSts } from './client.js';
import { type Renewing, renewing } from './renewing.js';
import { allPages } from './pages.js';

export interface OrgMember {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE (Organizations' AccountStatus). */
  status: string;
  /** Its organisational unit as a path of names ("Retail/EU"; "Root" directly under the root), when the tree was readable. */
  unit?: string | undefined;
  /** The ids of the OUs it sits in, its own first, then each parent up to the root's. */
  unitIds?: readonly string[] | undefined;
}

/** STS's shortest session (API reference: DurationSeconds 900–43200). */
const SESSION_SECONDS = 900;

type OrgModule = typeof import('@aws-sdk/client-organizations');
type Client = InstanceType<OrgModule['OrganizationsClient']>;

const memberOf = (a: { Id?: string | undefined; Name?: string | undefined; Status?: unknown }): OrgMember => ({ id: a.Id ?? '', name: a.Name ?? a.Id ?? '', status: typeof a.Status === 'string' ? a.Status : 'ACTIVE' });

/** The tree from the root down: every account under its OU path (ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent). */
async function walkTree(mod: OrgModule, client: Client): Promise<OrgMember[]> {
  const page = { MaxResults: 20 } as const;
  const roots = await allPages(async (t) => {
    const r = await client.send(new mod.ListRootsCommand({ ...page, ...(t ? { NextToken: t } : {}) }));
    return { items: r.Roots, next: r.NextToken };
  });
  // Sibling units are walked at once (each page of a list follows the last); the order stays the tree's.
  const visit = async (parentId: string, path: string[], ids: string[]): Promise<OrgMember[]> => {
    const [accounts, units] = await Promise.all([
      allPages(async (t) => {
        const r = await client.send(new mod.ListAccountsForParentCommand({ ParentId: parentId, ...page, ...(t ? { NextToken: t } : {}) }));
        return { items: r.Accounts, next: r.NextToken };
      }),
      allPages(async (t) => {
        const r = await client.send(new mod.ListOrganizationalUnitsForParentCommand({ ParentId: parentId, ...page, ...(t ? { NextToken: t } : {}) }));
        return { items: r.OrganizationalUnits, next: r.NextToken };
      }),
    ]);
    const here = accounts.map((a) => ({ ...memberOf(a), unit: path.length === 0 ? 'Root' : path.join('/'), unitIds: ids }));
    const below = await Promise.all(units.map((u) => visit(u.Id ?? '', [...path, u.Name ?? u.Id ?? '?'], [u.Id ?? '', ...ids])));
    return [...here, ...below.flat()];
  };
  return (await Promise.all(roots.map((root) => visit(root.Id ?? '', [], [root.Id ?? ''])))).flat();
}

/**
 * Every account of the organisation with its OU, walking the tree from the root; when the tree may not
 * be read (organizations:ListRoots refused), ListAccounts alone, and the OUs are not known.
 */
export async function listOrgAccounts(settings: ClientSettings): Promise<{ members: OrgMember[]; unitsKnown: boolean }> {
  const mod = commonJs(await import('@aws-sdk/client-organizations'), 'OrganizationsClient');
  const client = new mod.OrganizationsClient(clientConfig(settings));
  try {
    try {
      return { members: await walkTree(mod, client), unitsKnown: true };
    } catch (error) {
      if ((error as { name?: string }).name !== 'AccessDeniedException') throw error;
    }
    const members = await allPages(async (t) => {
      const r = await client.send(new mod.ListAccountsCommand({ MaxResults: 20, ...(t ? { NextToken: t } : {}) }));
      return { items: r.Accounts, next: r.NextToken };
    });
    return { members: members.map(memberOf), unitsKnown: false };
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'AccessDeniedException') throw new SpexError({ kind: 'access-denied', message: "Organizations refused ListAccounts: --org needs the credentials of the organisation's management account or of a delegated administrator (organizations:ListAccounts)" });
    if (name === 'AWSOrganizationsNotInUseException') throw new SpexError({ kind: 'not-found', message: 'these credentials belong to no organisation (AWSOrganizationsNotInUseException): --org needs an account of AWS Organizations' });
    throw error;
  } finally {
    client.destroy();
  }
}

/**
 * One STS client per caller's settings: an organisation's roles (one per account, each renewed) are all
 * assumed through it, rather than through a client made and dropped for each.
 */
const stsClients = new WeakMap<ClientSettings, Promise<STSClient>>();
function stsFor(settings: ClientSettings): Promise<STSClient> {
  let client = stsClients.get(settings);
  if (client === undefined) {
    client = createStsClient(settings);
    stsClients.set(settings, client);
    // A client that could not be made is not kept: the next call tries again.
    client.catch(() => stsClients.delete(settings));
  }
  return client;
}

/**
 * One STS AssumeRole: the credentials and the assumed role's user, or a SpexError that starts with
 * `refusal` ("could not assume ROLE") and gives STS's reason.
 */
export async function assumeRole(settings: ClientSettings, input: AssumeRoleCommandInput, refusal: string): Promise<{ credentials: AwsCredentialIdentity; assumedRoleUser: AssumeRoleCommandOutput['AssumedRoleUser'] }> {
  const [client, { AssumeRoleCommand }] = await Promise.all([stsFor(settings), loadSts()]);
  try {
    const out = await client.send(new AssumeRoleCommand(input));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new SpexError({ kind: 'access-denied', message: `STS gave no credentials for ${input.RoleArn}` });
    return { credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) }, assumedRoleUser: out.AssumedRoleUser };
  } catch (error) {
    if (error instanceof SpexError) throw error;
    const name = (error as { name?: string }).name ?? 'Error';
    throw new SpexError({ kind: 'credentials', message: `${refusal} (${name}): ${String((error as Error).message ?? '').slice(0, 300)}` });
  }
}

/** Credentials in another account by STS AssumeRole, fetched when first asked for and renewed a minute before they end. */
export function assumedRoleCredentials(settings: ClientSettings, role: { arn: string; session: string; externalId?: string | undefined }): Renewing {
  const input = { RoleArn: role.arn, RoleSessionName: role.session, DurationSeconds: SESSION_SECONDS, ...(role.externalId ? { ExternalId: role.externalId } : {}) };
  return renewing(async () => (await assumeRole(settings, input, `could not assume ${role.arn}`)).credentials);
}

/** The account the credentials belong to (STS GetCallerIdentity, which needs no permission). */
export async function callerAccount(settings: ClientSettings): Promise<string | undefined> {
  const [client, { GetCallerIdentityCommand }] = await Promise.all([createStsClient(settings), loadSts()]);
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Account;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

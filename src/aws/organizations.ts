// An organisation's accounts for `--org`: AWS Organizations' ListAccounts from the management (or a
// delegated administrator) account, every page, and credentials in each account through STS AssumeRole
// (the role `--org-role` names, an optional ExternalId, a session named after spex and the caller, the
// shortest duration STS allows, 15 minutes, renewed a minute before it ends).
import type { AssumeRoleCommandInput, AssumeRoleCommandOutput, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { SpexError } from '../domain/service/errors.js';
import { type ClientSettings, clientConfig, commonJs, createStsClient, loadSts } from './client.js';
import { type Renewing, renewing } from './renewing.js';
import { allPages, type Pages, prefetch, tellPages } from './pages.js';

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

/**
 * The tree from the root down: every account under its OU path (ListRoots, ListOrganizationalUnitsForParent,
 * ListAccountsForParent), told a page at a time in the tree's order. Every unit is read at once, each
 * list's pages one after the other; a page is told once everything before it in the tree is.
 */
async function walkTree(mod: OrgModule, client: Client, tell: (members: OrgMember[]) => void): Promise<void> {
  const page = { MaxResults: 20 } as const;
  const roots = await allPages(async (t) => {
    const r = await client.send(new mod.ListRootsCommand({ ...page, ...(t ? { NextToken: t } : {}) }));
    return { items: r.Roots, next: r.NextToken };
  });
  type Branch = { accounts: Pages<OrgMember>; below: Promise<Branch[]> };
  const visit = (parentId: string, path: string[], ids: string[]): Branch => {
    const unit = path.length === 0 ? 'Root' : path.join('/');
    const accounts = prefetch(async (t) => {
      const r = await client.send(new mod.ListAccountsForParentCommand({ ParentId: parentId, ...page, ...(t ? { NextToken: t } : {}) }));
      return { items: r.Accounts?.map((a) => ({ ...memberOf(a), unit, unitIds: ids })), next: r.NextToken };
    });
    const below = allPages(async (t) => {
      const r = await client.send(new mod.ListOrganizationalUnitsForParentCommand({ ParentId: parentId, ...page, ...(t ? { NextToken: t } : {}) }));
      return { items: r.OrganizationalUnits, next: r.NextToken };
    }).then((units) => units.map((u) => visit(u.Id ?? '', [...path, u.Name ?? u.Id ?? '?'], [u.Id ?? '', ...ids])));
    below.catch(() => undefined);
    return { accounts, below };
  };
  const read = async (branch: Branch): Promise<void> => {
    await tellPages(branch.accounts, tell);
    for (const child of await branch.below) await read(child);
  };
  for (const branch of roots.map((root) => visit(root.Id ?? '', [], [root.Id ?? '']))) await read(branch);
}

/**
 * Every account of the organisation with its OU, walking the tree from the root; when the tree may not
 * be read (organizations:ListRoots refused), ListAccounts alone, and the OUs are not known. `onPage` is
 * told the accounts a page at a time, in the order of the whole list, as they are read.
 */
export async function listOrgAccounts(settings: ClientSettings, onPage?: (members: OrgMember[], unitsKnown: boolean) => void): Promise<{ members: OrgMember[]; unitsKnown: boolean }> {
  const mod = commonJs(await import('@aws-sdk/client-organizations'), 'OrganizationsClient');
  const client = new mod.OrganizationsClient(clientConfig(settings));
  const members: OrgMember[] = [];
  try {
    try {
      await walkTree(mod, client, (page) => {
        members.push(...page);
        onPage?.(page, true);
      });
      return { members, unitsKnown: true };
    } catch (error) {
      // Refused before any account was told (ListRoots is the first call): the flat list instead.
      if ((error as { name?: string }).name !== 'AccessDeniedException' || members.length > 0) throw error;
    }
    const flat = prefetch(async (t) => {
      const r = await client.send(new mod.ListAccountsCommand({ MaxResults: 20, ...(t ? { NextToken: t } : {}) }));
      return { items: r.Accounts?.map(memberOf), next: r.NextToken };
    });
    await tellPages(flat, (page) => {
      members.push(...page);
      onPage?.(page, false);
    });
    return { members, unitsKnown: false };
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

/** Whom the credentials belong to: account and ARN (STS GetCallerIdentity, which needs no permission); nothing when it fails. */
export async function callerIdentity(settings: ClientSettings): Promise<{ account?: string | undefined; arn?: string | undefined }> {
  const [client, { GetCallerIdentityCommand }] = await Promise.all([createStsClient(settings), loadSts()]);
  try {
    const out = await client.send(new GetCallerIdentityCommand({}));
    return { account: out.Account, arn: out.Arn };
  } catch {
    return {};
  } finally {
    client.destroy();
  }
}

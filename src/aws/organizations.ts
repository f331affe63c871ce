// An organisation's accounts for `--org`: AWS Organizations' ListAccounts from the management (or a
// delegated administrator) account, every page, and credentials in each account through STS AssumeRole
// (the role `--org-role` names, an optional ExternalId, a session named after spex and the caller, the
// shortest duration STS allows, 15 minutes, renewed a minute before it ends).
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { SpexError } from '../domain/service/errors.js';
import { type ClientSettings, clientConfig, commonJs, createStsClient, loadSts } from './client.js';

export interface OrgMember {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE (Organizations' AccountStatus). */
  status: string;
}

/** STS's shortest session (API reference: DurationSeconds 900–43200). */
const SESSION_SECONDS = 900;

/** Every account of the organisation (ListAccounts, 20 a page, the most the model allows). */
export async function listOrgAccounts(settings: ClientSettings): Promise<OrgMember[]> {
  const mod = commonJs(await import('@aws-sdk/client-organizations'), 'OrganizationsClient');
  const client = new mod.OrganizationsClient(clientConfig(settings));
  const out: OrgMember[] = [];
  try {
    let NextToken: string | undefined;
    do {
      const page = await client.send(new mod.ListAccountsCommand({ MaxResults: 20, ...(NextToken ? { NextToken } : {}) }));
      for (const a of page.Accounts ?? []) out.push({ id: a.Id ?? '', name: a.Name ?? a.Id ?? '', status: String(a.Status ?? 'ACTIVE') });
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'AccessDeniedException') throw new SpexError({ kind: 'access-denied', message: "Organizations refused ListAccounts: --org needs the credentials of the organisation's management account or of a delegated administrator (organizations:ListAccounts)" });
    if (name === 'AWSOrganizationsNotInUseException') throw new SpexError({ kind: 'not-found', message: 'these credentials belong to no organisation (AWSOrganizationsNotInUseException): --org needs an account of AWS Organizations' });
    throw error;
  } finally {
    client.destroy();
  }
  return out;
}

/**
 * Credentials in another account by STS AssumeRole, fetched once and renewed a minute before they end.
 * `first()` assumes the role now, so a missing role or a refused ExternalId is known before any scan.
 */
export function assumedRoleCredentials(settings: ClientSettings, role: { arn: string; session: string; externalId?: string | undefined }): { provider: AwsCredentialIdentityProvider; first(): Promise<AwsCredentialIdentity> } {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const [client, { AssumeRoleCommand }] = await Promise.all([createStsClient(settings), loadSts()]);
    try {
      const out = await client.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: role.session, DurationSeconds: SESSION_SECONDS, ...(role.externalId ? { ExternalId: role.externalId } : {}) }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new SpexError({ kind: 'access-denied', message: `STS gave no credentials for ${role.arn}` });
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
    } catch (error) {
      if (error instanceof SpexError) throw error;
      const name = (error as { name?: string }).name ?? 'Error';
      throw new SpexError({ kind: 'credentials', message: `could not assume ${role.arn} (${name}): ${String((error as Error).message ?? '').slice(0, 300)}` });
    } finally {
      client.destroy();
    }
  };
  const provider: AwsCredentialIdentityProvider = async () => {
    const held = current === undefined ? undefined : await current.catch(() => undefined);
    if (held === undefined || (held.expiration !== undefined && held.expiration.getTime() - Date.now() < 60_000)) current = assume();
    return current!;
  };
  return { provider, first: () => provider() };
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

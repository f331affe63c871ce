// `--org`: a fleet found through AWS Organizations rather than written in the AWS config. With the
// management (or a delegated administrator) account's credentials: ListAccounts, then in each ACTIVE
// account a role assumed (`--org-role`, default OrganizationAccountAccessRole; `--external-id` where the
// role demands one), in a session named after spex and the caller; the management account itself with
// its own credentials. Each role is assumed before the scan, a few at a time: an account whose role is
// missing or refused has one row saying so, as does a SUSPENDED account (listed, never read).
import { assumedRoleCredentials, callerAccount, createSpex, listOrgAccounts, plainSettings, type Connection } from '../aws/index.js';
import { cacheFor } from '../cache/detail-cache.js';
import type { Settings } from '../config/settings.js';
import { SpexError } from '../domain/service/errors.js';
import { type Fleet, type FleetAccount, fleetRegions, pool, productionOf } from './fleet.js';
import type { FleetSpexOptions } from './open.js';

export interface OrgFlags {
  role?: string | undefined;
  externalId?: string | undefined;
  /** `--region a,b`: only these regions. */
  regions?: readonly string[] | undefined;
  noCache?: boolean | undefined;
}

export const DEFAULT_ORG_ROLE = 'OrganizationAccountAccessRole';
/** Roles assumed at once before the scan (STS's own rate is generous; the scan paces each account). */
const AT_ONCE = 8;

export async function openOrgFleet(connection: Connection, flags: OrgFlags, env: NodeJS.ProcessEnv, settings: Settings, common: FleetSpexOptions): Promise<Fleet> {
  const region = connection.region ?? 'us-east-1';
  const base = plainSettings({ region, endpoint: connection.endpoint, credentials: connection.credentials });
  const [members, self] = await Promise.all([listOrgAccounts(base), callerAccount(base)]);
  const role = flags.role ?? DEFAULT_ORG_ROLE;
  // The session says it is spex, and whose: CloudTrail in each account shows both.
  const session = `spex-${(connection.profile ?? env.USER ?? 'user').replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
  const spexOf = (name: string, credentials: Connection['credentials']) =>
    createSpex({ ...common, region, ...(connection.endpoint ? { endpoint: connection.endpoint } : {}), credentials, env, ...cacheFor(flags.noCache === true, env, connection.endpoint, name) });
  const refused = (message: string) => async () => {
    throw new SpexError({ kind: 'credentials', message });
  };
  const accounts: FleetAccount[] = [];
  await pool([...members.entries()], AT_ONCE, async ([index, m]) => {
    const account = (credentials: Connection['credentials']): FleetAccount => ({ profile: m.name, spex: spexOf(m.name, credentials), regions: fleetRegions(region, flags.regions), production: productionOf(m.name, settings.production) });
    if (m.status !== 'ACTIVE') accounts[index] = account(refused(`account ${m.id} is ${m.status}: listed, not read`));
    else if (m.id === self) accounts[index] = account(connection.credentials);
    else {
      const assumed = assumedRoleCredentials(base, { arn: `arn:aws:iam::${m.id}:role/${role}`, session, externalId: flags.externalId });
      const failure = await assumed.first().then(() => undefined, (error: unknown) => (error instanceof SpexError ? error.error.message : String(error)));
      accounts[index] = account(failure === undefined ? assumed.provider : refused(`account ${m.id}: ${failure}`));
    }
  });
  return {
    accounts,
    async close() {
      for (const a of accounts) a.spex.close();
    },
  };
}

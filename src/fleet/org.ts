// `--org`: a fleet found through AWS Organizations rather than written in the AWS config. With the
// management (or a delegated administrator) account's credentials: ListAccounts, then in each ACTIVE
// account a role assumed (`--org-role`, default OrganizationAccountAccessRole; `--external-id` where the
// role demands one), in a session named after spex and the caller; the management account itself with
// its own credentials. Each role is assumed when the scan reaches its account: an account whose role is
// missing or refused has one row saying so, as does a SUSPENDED account (listed, never read).
import { assumedRoleCredentials, callerIdentity, createSpex, listOrgAccounts, type OrgMember, plainSettings, type Connection } from '../aws/index.js';
import { cacheFor } from '../cache/detail-cache.js';
import type { Settings } from '../config/settings.js';
import { SpexError } from '../domain/service/errors.js';
import { DEFAULT_ORG_ROLE } from '../domain/service/iam-policy.js';
import { type Fleet, type FleetAccount, fleetRegions, growingAccounts, productionOf } from './fleet.js';
import { UsageError } from '../io.js';
import type { FleetSpexOptions } from './open.js';

export interface OrgFlags {
  role?: string | undefined;
  externalId?: string | undefined;
  /** `--region a,b`: only these regions. */
  regions?: readonly string[] | undefined;
  noCache?: boolean | undefined;
  /** `--org-unit a,b`: only accounts in these OUs (name, path or ou- id; nested OUs included). */
  units?: readonly string[] | undefined;
  /** `--org-account a,b`: only these accounts (id or name; `*` matches any run of characters). */
  accounts?: readonly string[] | undefined;
}


export async function openOrgFleet(connection: Connection, flags: OrgFlags, env: NodeJS.ProcessEnv, settings: Settings, common: FleetSpexOptions): Promise<Fleet> {
  const region = connection.region ?? 'us-east-1';
  const base = plainSettings({ region, endpoint: connection.endpoint, credentials: connection.credentials });
  const identity = callerIdentity(base);
  const self = identity.then((i) => i.account);
  const role = flags.role ?? DEFAULT_ORG_ROLE;
  // The session says it is spex, and whose: CloudTrail in each account shows both.
  const session = `spex-${(connection.profile ?? env.USER ?? 'user').replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
  const accountOf = memberAccount({ region, endpoint: connection.endpoint, env, settings, common, flags }, async (m) => {
    if (m.status !== 'ACTIVE') return `account ${m.id} is ${m.status}: listed, not read`;
    if (m.id === (await self)) return connection.credentials;
    return assumedRoleCredentials(base, { arn: `arn:aws:iam::${m.id}:role/${role}`, session, externalId: flags.externalId }).provider;
  });
  // The fleet opens with the first accounts the tree gives, and grows as the rest is read: an OU of a
  // thousand accounts is fifty pages, one after the other, and the first rows need not wait for them.
  const grown = growingAccounts<FleetAccount>();
  let found!: () => void;
  const first = new Promise<void>((resolve) => (found = resolve));
  const listing = listOrgAccounts(base, (page, unitsKnown) => {
    const kept = page.filter((m) => keeps(m, unitsKnown, flags));
    grown.add(kept.map(accountOf));
    if (kept.length > 0) found();
  }).then(
    ({ members, unitsKnown }) => {
      // None kept by the filters: refused, naming what there is.
      chooseMembers(members, unitsKnown, flags);
      grown.end();
    },
    (error: unknown) => {
      grown.fail(error);
      throw error;
    },
  );
  await Promise.race([first, listing]);
  // Asked beside the tree's first pages: there by now, and named in the fleet's header.
  const { arn } = await identity;
  const credentialsKey = typeof connection.credentials === 'object' ? connection.credentials.accessKeyId : '';
  return {
    accounts: grown.accounts,
    growth: grown.growth,
    ...(arn !== undefined ? { caller: { arn, role } } : {}),
    // The same request names the same fleet, whatever part of it the tree has given yet.
    memoryKey: ['org', connection.profile ?? credentialsKey, role, flags.units ?? [], flags.accounts ?? [], fleetRegions(region, flags.regions)],
    async close() {
      for (const a of grown.accounts) a.spex.close();
    },
  };
}

/** What a Spex is given as credentials when they are fetched on demand. */
type CredentialsProvider = Extract<Connection['credentials'], (...args: never[]) => unknown>;
type MemberOptions = { region: string; endpoint: string | undefined; env: NodeJS.ProcessEnv; settings: Settings; common: FleetSpexOptions; flags: Pick<OrgFlags, 'regions' | 'noCache'> };

/**
 * An organisation's (or a person's Identity Center) account as a fleet's. Its credentials (or why there
 * are none) are fetched when the scan first reaches the account, so the first rows show while other
 * roles are still being assumed; a member without them has one row saying why.
 */
function memberAccount(o: MemberOptions, credentialsOf: (m: OrgMember) => Promise<Connection['credentials'] | string>): (m: OrgMember) => FleetAccount {
  const message = (error: unknown): string => (error instanceof SpexError ? error.error.message : String(error));
  const lazy = (m: OrgMember): CredentialsProvider => {
    let held: Promise<CredentialsProvider> | undefined;
    const resolve = async (): Promise<CredentialsProvider> => {
      const got = await credentialsOf(m).catch((error: unknown) => `account ${m.id}: ${message(error)}`);
      if (typeof got === 'string') {
        return async () => {
          throw new SpexError({ kind: 'credentials', message: got });
        };
      }
      return typeof got === 'function' ? got : async () => got;
    };
    return async () => (await (held ??= resolve()))();
  };
  return (m) => ({
    profile: m.name,
    spex: createSpex({ ...o.common, region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}), credentials: lazy(m), env: o.env, ...cacheFor(o.flags.noCache === true, o.env, o.endpoint, m.name) }),
    regions: fleetRegions(o.region, o.flags.regions),
    production: memberProduction(m, o.settings.production),
    accountId: m.id,
    ...(m.unit !== undefined ? { unit: m.unit } : {}),
  });
}

/** A fleet of these members (see memberAccount). */
export function memberFleet(members: readonly OrgMember[], o: MemberOptions, credentialsOf: (m: OrgMember) => Promise<Connection['credentials'] | string>): Fleet {
  const accounts = members.map(memberAccount(o, credentialsOf));
  return {
    accounts,
    async close() {
      for (const a of accounts) a.spex.close();
    },
  };
}

const glob = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');

/** Whether an OU named by the user (its name, its path or its ou- id) holds the member, at any depth. */
export function inUnit(m: Pick<OrgMember, 'unit' | 'unitIds'>, unit: string): boolean {
  if (m.unitIds?.includes(unit)) return true;
  const path = (m.unit ?? '').toLowerCase().split('/');
  const asked = unit.toLowerCase().replace(/^\/|\/$/g, '').split('/');
  // A path from the root ("Platform/Research"), or a name at any depth ("Research").
  return asked.length === 1 ? path.includes(asked[0]!) : asked.every((part, i) => path[i] === part);
}

/** Whether `--org-unit` and `--org-account` keep the member (none, by units, when the OUs are not known). */
function keeps(m: OrgMember, unitsKnown: boolean, flags: Pick<OrgFlags, 'units' | 'accounts'>): boolean {
  const units = flags.units ?? [];
  const accounts = flags.accounts ?? [];
  if (units.length > 0 && !unitsKnown) return false;
  return (units.length === 0 || units.some((u) => inUnit(m, u))) && (accounts.length === 0 || accounts.some((a) => glob(a).test(m.id) || glob(a).test(m.name)));
}

/** The members `--org-unit` and `--org-account` keep; a filter that keeps none is an error naming what there is. */
export function chooseMembers(members: readonly OrgMember[], unitsKnown: boolean, flags: Pick<OrgFlags, 'units' | 'accounts'>): OrgMember[] {
  const units = flags.units ?? [];
  const accounts = flags.accounts ?? [];
  if (units.length > 0 && !unitsKnown) throw new UsageError('--org-unit: the organisation\'s tree could not be read (organizations:ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent are needed); filter with --org-account instead');
  const kept = members.filter((m) => keeps(m, unitsKnown, flags));
  if (kept.length === 0 && (units.length > 0 || accounts.length > 0)) {
    const have = [...new Set(members.map((m) => m.unit).filter((u): u is string => u !== undefined))];
    throw new UsageError(`${units.length > 0 ? `--org-unit ${units.join(',')}` : ''}${units.length > 0 && accounts.length > 0 ? ' with ' : ''}${accounts.length > 0 ? `--org-account ${accounts.join(',')}` : ''}: no account of the organisation matches (${members.length} accounts${have.length > 0 ? `; OUs: ${have.slice(0, 12).join(', ')}` : ''})`);
  }
  return kept;
}

/**
 * config.json's "production" for an organisation's account: its name (as a profile's), its 12-digit
 * id, or `ou:UNIT` (name, path or ou- id) for every account of an OU; `name:alias` for one instance.
 */
export function memberProduction(m: OrgMember, entries: readonly string[] | undefined): true | string[] {
  const list = entries ?? [];
  if (list.includes(m.id) || list.some((e) => e.startsWith('ou:') && inUnit(m, e.slice(3)))) return true;
  const byName = productionOf(m.name, list);
  if (byName === true) return true;
  return [...byName, ...productionOf(m.id, list) as string[]];
}

// A fleet: several AWS accounts (profiles of the shared config files), each with its own Spex (its
// credentials, endpoint and rate budgets per region), and the scan that lists every account ×
// region × instance. Accounts are scanned in parallel, each account's regions a few at a time, so one
// account's budgets pace only that account. A profile whose credentials fail gets one row saying so;
// a region that errs gets its own row; the rest go on.
import type { RegionService, Spex } from '../aws/types.js';
import type { FleetMemory } from '../cache/fleet-cache.js';
import type { DomainError } from '../domain/service/errors.js';
import { isSpexError } from '../domain/service/errors.js';
import { CONNECT_REGIONS } from '../domain/service/regions.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { type FleetRow, instanceKey, type ScanProgress } from '../domain/fleet/fleet-row.js';
import type { FleetGrowth } from './growth.js';

export { type FleetRow, instanceKey, type ScanProgress };
export { type FleetGrowth, growingAccounts } from './growth.js';

export interface FleetAccount {
  /** The AWS profile's name: how the user names the account (`--profile dev`, `dev:acme-dev`). */
  readonly profile: string;
  readonly spex: Spex;
  /** The regions to scan, in order (the profile's own region first). */
  readonly regions: readonly string[];
  /**
   * config.json "production": true for the whole account (its profile is listed), else the instances
   * listed as `profile:alias` (alias, id or ARN).
   */
  readonly production: true | readonly string[];
  /** The account's id, when known before any call (an organisation's account). */
  readonly accountId?: string | undefined;
  /** Its organisational unit's path ("Retail"), for an organisation's account. */
  readonly unit?: string | undefined;
}

export interface Fleet {
  /** Every account, or, while `growth` is not complete, those found so far (in their final order: it only grows at the end). */
  readonly accounts: readonly FleetAccount[];
  /** Accounts still being found (an organisation's tree read page by page); absent when all are known at once. */
  readonly growth?: FleetGrowth | undefined;
  /** An organisation's: whose credentials open it (STS's ARN for them) and the role assumed in each account, for the header. */
  readonly caller?: { readonly arn: string; readonly role: string } | undefined;
  /** What names the fleet for its memory when its accounts are not all known when it opens. */
  readonly memoryKey?: unknown;
  /** The last scan of this fleet, for the TUI to show at once while it scans again (cache/fleet-cache.ts). */
  readonly memory?: FleetMemory | undefined;
  readonly close: () => Promise<void>;
}

/** The commercial Connect regions (GovCloud needs its own credentials: only when the profile is there). */
export function fleetRegions(profileRegion: string | undefined, only?: readonly string[]): string[] {
  if (only !== undefined && only.length > 0) return [...only];
  const commercial = CONNECT_REGIONS.filter((r) => r.partition === 'aws').map((r) => r.code);
  if (profileRegion === undefined) return commercial;
  return [profileRegion, ...commercial.filter((r) => r !== profileRegion)];
}

/** Whether an instance of the account is production by config.json's "production". */
export function isProductionInstance(account: Pick<FleetAccount, 'production'>, instance: ConnectInstance | undefined): boolean {
  if (account.production === true) return true;
  if (instance === undefined) return false;
  return account.production.some((ref) => ref === instance.arn || ref === instance.id || ref === instance.alias);
}

/**
 * Which accounts config.json's "production" marks: a profile name marks the whole account, and
 * `profile:alias` (or `:id`, `:ARN`) one instance of it.
 */
export function productionOf(profile: string, entries: readonly string[] | undefined): true | string[] {
  const list = entries ?? [];
  if (list.includes(profile)) return true;
  return list.filter((e) => e.startsWith(`${profile}:`)).map((e) => e.slice(profile.length + 1));
}

function toDomainError(error: unknown): DomainError {
  if (isSpexError(error)) return error.error;
  return { kind: 'service', message: error instanceof Error ? error.message : String(error) };
}

/** Accounts scanned at once: each has its own budgets, so this bounds only sockets and memory. */
export const ACCOUNTS_AT_ONCE = 32;
/** Past a few accounts, each of the first wave starts this much after the one before it. */
const STAGGER_MS = 5;

export interface ScanOptions {
  signal?: AbortSignal;
  /** Accounts scanned at once (default ACCOUNTS_AT_ONCE). */
  accountsAtOnce?: number;
  /** Regions listed at once per account (default 3). */
  concurrency?: number;
  /** Count each instance's profiles (one list per instance; default true). */
  countProfiles?: boolean;
  /** Told each row as it is known, and again when its count arrives. */
  onRow?: (row: FleetRow) => void;
  /** Told as each account is done: which, and how many of all are done and failed so far. */
  onAccount?: (profile: string, progress: ScanProgress) => void;
}


export async function countProfiles(service: RegionService, instanceArn: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for await (const page of service.listProfiles(instanceArn, signal ? { signal } : {})) n += page.length;
  return n;
}

/** Runs `work` over `items`, `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, staggerMs = 0): Promise<void> {
  const queue = [...items];
  await poolFrom(async () => queue.shift(), Math.min(limit, queue.length), work, staggerMs);
}

/** Runs `work` over what `next` gives until it gives nothing, `workers` at a time. */
async function poolFrom<T>(next: () => Promise<T | undefined>, workers: number, work: (item: T) => Promise<void>, staggerMs = 0): Promise<void> {
  const worker = async (_: unknown, n: number): Promise<void> => {
    // Staggered, the first items' answers are not queued behind every other worker's start-up.
    if (staggerMs > 0 && n > 0) await new Promise((resolve) => setTimeout(resolve, n * staggerMs));
    for (let item = await next(); item !== undefined; item = await next()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
}

/**
 * Every account × region × instance of the fleet. Rows come in account order, then region order,
 * then the instances as listed; regions without instances give no row. The first region of each
 * account is listed alone first: when its credentials fail, the account gets one row and no more
 * calls.
 */
export async function scanFleet(fleet: Fleet, options: ScanOptions = {}): Promise<FleetRow[]> {
  const limit = options.concurrency ?? 3;
  const perAccount: FleetRow[][] = [];
  const rowsSoFar = (): FleetRow[] => perAccount.flat();
  const tell = (row: FleetRow): void => options.onRow?.(row);
  const { growth } = fleet;
  let done = 0;
  let failed = 0;
  let taken = 0;
  // The next account, waiting while an organisation's are still being found (or until the scan is stopped).
  const stopped = new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
  const next = async (): Promise<number | undefined> => {
    for (;;) {
      if (options.signal?.aborted) return undefined;
      if (taken < fleet.accounts.length) return taken++;
      if (growth === undefined || growth.complete()) return undefined;
      await Promise.race([growth.more(taken), stopped]);
    }
  };
  // Each account paces itself on its own budgets; how many are scanned at once is capped, so 200
  // accounts do not open thousands of connections.
  const atOnce = options.accountsAtOnce ?? ACCOUNTS_AT_ONCE;
  await poolFrom(next, growth === undefined ? Math.min(atOnce, fleet.accounts.length) : atOnce, async (a) => {
    const account = fleet.accounts[a]!;
    perAccount[a] ??= [];
    await scanAccount(account, a);
    done += 1;
    if (perAccount[a]?.some((r) => r.error !== undefined)) failed += 1;
    options.onAccount?.(account.profile, { done, total: fleet.accounts.length, failed, ...(growth !== undefined && !growth.complete() ? { more: true } : {}) });
  }, growth !== undefined || fleet.accounts.length > 8 ? STAGGER_MS : 0);
  // The accounts that could not be found: one row says so, after the rows of those that were.
  const missing = options.signal?.aborted ? undefined : await growth?.done.then(() => undefined, (error: unknown) => error);
  if (missing !== undefined && !options.signal?.aborted) {
    const domain = toDomainError(missing);
    const row: FleetRow = { profile: '(organisation)', accountId: undefined, region: undefined, error: { ...domain, message: `the rest of the organisation's accounts could not be read: ${domain.message}` }, production: false };
    perAccount.push([row]);
    tell(row);
  }
  return rowsSoFar();

  async function scanAccount(account: FleetAccount, a: number): Promise<void> {
    const byRegion = new Map<string, FleetRow[]>();
    const whose = { profile: account.profile, ...(account.unit !== undefined ? { unit: account.unit } : {}) };
    const place = (): void => {
      perAccount[a] = account.regions.flatMap((r) => byRegion.get(r) ?? []);
    };
    const scanRegion = async (region: string): Promise<DomainError | undefined> => {
      const service = account.spex.forRegion(region);
      let instances: ConnectInstance[];
      try {
        instances = await service.listInstances(options.signal ? { signal: options.signal } : {});
      } catch (error) {
        const domain = toDomainError(error);
        if (domain.kind === 'credentials') return domain;
        const row: FleetRow = { ...whose, accountId: service.account() ?? account.accountId, region, error: domain, production: account.production === true };
        byRegion.set(region, [row]);
        place();
        tell(row);
        return undefined;
      }
      const rows = instances.map((instance): FleetRow => ({
        ...whose,
        accountId: accountOfInstance(instance) ?? service.account(),
        region,
        instance,
        production: isProductionInstance(account, instance),
      }));
      byRegion.set(region, rows);
      place();
      for (const row of rows) tell(row);
      if (options.countProfiles === false) return undefined;
      for (const row of rows) {
        if (row.instance?.status !== undefined && row.instance.status !== 'ACTIVE') continue;
        try {
          row.profileCount = await countProfiles(service, row.instance!.arn, options.signal);
        } catch (error) {
          row.countError = toDomainError(error);
        }
        tell(row);
      }
      return undefined;
    };
    const [first, ...rest] = account.regions;
    if (first === undefined) return;
    const failed = await scanRegion(first);
    if (failed !== undefined) {
      const row: FleetRow = { ...whose, accountId: account.accountId, region: undefined, error: failed, production: account.production === true };
      perAccount[a] = [row];
      tell(row);
      return;
    }
    await pool(rest, limit, async (region) => {
      const credentials = await scanRegion(region);
      // Credentials that work in one region and not another: said on that region's row.
      if (credentials !== undefined) {
        const row: FleetRow = { ...whose, accountId: account.accountId, region, error: credentials, production: account.production === true };
        byRegion.set(region, [row]);
        place();
        tell(row);
      }
    });
  }
}


/** The account id in an instance's ARN. */
export function accountOfInstance(instance: ConnectInstance): string | undefined {
  return /^arn:[^:]+:connect:[^:]*:(\d{12}):/.exec(instance.arn)?.[1];
}

/** The instance a reference names in a scanned fleet: `profile:alias` (or id, or ARN), or a bare ARN. */
export function findFleetInstance(rows: readonly FleetRow[], ref: string): { row: FleetRow; problem?: undefined } | { row?: undefined; problem: string } {
  const colon = ref.startsWith('arn:') ? -1 : ref.indexOf(':');
  const profile = colon < 0 ? undefined : ref.slice(0, colon);
  const name = colon < 0 ? ref : ref.slice(colon + 1);
  const candidates = rows.filter((r) => r.instance !== undefined && (profile === undefined || r.profile === profile));
  if (profile !== undefined && !rows.some((r) => r.profile === profile)) return { problem: `${ref}: no profile '${profile}' in the fleet (profiles: ${[...new Set(rows.map((r) => r.profile))].join(', ')})` };
  const found = candidates.filter((r) => r.instance!.arn === name || r.instance!.id === name || r.instance!.alias === name);
  if (found.length === 1) return { row: found[0]! };
  if (found.length > 1) return { problem: `${ref} names ${found.length} instances (${found.map((r) => `${r.profile}:${r.region}`).join(', ')}): give the ARN` };
  const failed = rows.find((r) => r.error !== undefined && (profile === undefined || r.profile === profile));
  return { problem: `${ref}: no such instance${failed ? ` (${failed.region ?? failed.profile} could not be listed: ${failed.error!.message})` : ''}` };
}

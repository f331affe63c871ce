// One row of the fleet screen (an account × region × instance, or an account or region that failed),
// and how an instance is named across the fleet. Pure: the scan that makes rows is fleet/fleet.ts.
import type { DomainError } from '../service/errors.js';
import type { ConnectInstance } from '../profile/security-profile.js';

export interface FleetRow {
  profile: string;
  /** The organisational unit's path, for an organisation's account (`--org`). */
  unit?: string;
  /** The 12-digit account id, once an ARN of the account was seen. */
  accountId: string | undefined;
  /** Undefined on an account row (its credentials failed before any region answered). */
  region: string | undefined;
  instance?: ConnectInstance;
  /** The account or region could not be listed. */
  error?: DomainError;
  /** Security profiles in the instance (ACTIVE ones), once counted. */
  profileCount?: number;
  /** The count failed (the instance is still listed). */
  countError?: DomainError;
  production: boolean;
}

/** `profile:alias`: how the matrix, `--baseline`, `--from` and `--to` name an instance. */
export function instanceKey(row: FleetRow): string {
  return `${row.profile}:${row.instance?.alias ?? row.instance?.id ?? '?'}`;
}

/** One row among the scan's: its account, region and instance (an account's or region's error row has none). */
export function rowIdentity(row: FleetRow): string {
  return `${row.profile}|${row.region ?? ''}|${row.instance?.arn ?? ''}`;
}

/** The fleet screen's filter: every word typed is somewhere in the row's profile, account, OU, region, alias or status. */
export function fleetRowMatches(row: FleetRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [row.profile, row.accountId, row.unit, row.region, row.instance?.alias, row.instance?.id, row.instance?.status, row.production ? 'production prod' : ''].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export const shownFleetRows = (rows: readonly FleetRow[], filter: string): FleetRow[] => rows.filter((r) => fleetRowMatches(r, filter));
export const activeFleetRows = (rows: readonly FleetRow[]): FleetRow[] => rows.filter((r) => r.instance !== undefined && (r.instance.status ?? 'ACTIVE') === 'ACTIVE');

/** How far a fleet's scan is, in accounts. */
export interface ScanProgress {
  readonly done: number;
  readonly total: number;
  /** Accounts with a row that failed (credentials, access, a region). */
  readonly failed: number;
  /** More accounts are still being found (an organisation's tree is being read): `total` will grow. */
  readonly more?: boolean | undefined;
}

/** "143 of 200 accounts, 3 failed" ("of 200+" while more are being found): how far a scan is. */
export function scanProgressText(p: ScanProgress): string {
  return `${p.done} of ${p.total}${p.more === true ? '+' : ''} account${p.total === 1 && p.more !== true ? '' : 's'}${p.failed > 0 ? `, ${p.failed} failed` : ''}`;
}

/**
 * Rows told as accounts answer, in the order the whole scan gives them: the fleet's account order,
 * each account's regions in its order (a row without a region, an account that failed, first), the
 * instances as listed; rows of no known account (the organisation's own) last. So a table shown while
 * the scan runs does not reorder itself when it ends.
 */
export function inScanOrder(rows: readonly FleetRow[], accounts: readonly { readonly profile: string; readonly regions: readonly string[] }[]): FleetRow[] {
  const rank = new Map(accounts.map((a, i) => [a.profile, { i, regions: a.regions }]));
  const place = (row: FleetRow): [number, number] => {
    const account = rank.get(row.profile);
    if (account === undefined) return [accounts.length, 0];
    return [account.i, row.region === undefined ? -1 : account.regions.indexOf(row.region)];
  };
  return rows
    .map((row, arrival) => ({ row, arrival, at: place(row) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.arrival - b.arrival)
    .map((r) => r.row);
}

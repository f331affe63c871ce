// Production follows the account. config.json's "production" names AWS profiles (or account ids), with
// an optional instance ("prod", "prod:acme-prod", "210987654321"); the same account reached another way
// (environment credentials, another profile name, an assumed role) is the same production. So each
// entry is resolved to the account id it reaches, and a write is guarded when its target instance's
// ARN is in such an account. An entry whose account cannot be learned fails closed: the write is
// refused until the user says --confirm-production, rather than guessed safe.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectInstance } from '../domain/profile/security-profile.js';

/** An entry of "production": the profile (or 12-digit account id) and, optionally, one instance of it. */
export interface ProductionEntry {
  name: string;
  instance?: string;
}

export function parseProductionEntry(entry: string): ProductionEntry {
  const at = entry.indexOf(':');
  return at < 0 ? { name: entry } : { name: entry.slice(0, at), instance: entry.slice(at + 1) };
}

export const isAccountId = (text: string): boolean => /^\d{12}$/.test(text);

/** The account of an instance (or any Connect) ARN. */
export function accountOfConnectArn(arn: string): string | undefined {
  return /^arn:[^:]+:connect:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** What the entries mark, by account id: the whole account, or some of its instances (by ARN, id or alias). */
export interface AccountRule {
  accounts: Map<string, true | string[]>;
  /** Entries whose account could not be learned, with why. */
  unresolved: { name: string; why: string }[];
}

/**
 * The entries' accounts: a 12-digit name is the account; any other name is a profile, resolved by
 * `resolve` (the config files, the cache of accounts seen, then a call with its credentials).
 */
export async function accountRule(entries: readonly string[], resolve: (profile: string) => Promise<string | undefined>): Promise<AccountRule> {
  const accounts = new Map<string, true | string[]>();
  const unresolved: AccountRule['unresolved'] = [];
  const ids = new Map<string, Promise<string | undefined>>();
  for (const entry of entries.map(parseProductionEntry)) {
    let id: string | undefined;
    try {
      if (isAccountId(entry.name)) id = entry.name;
      else {
        if (!ids.has(entry.name)) ids.set(entry.name, resolve(entry.name));
        id = await ids.get(entry.name);
      }
    } catch (error) {
      unresolved.push({ name: entry.name, why: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (id === undefined) {
      unresolved.push({ name: entry.name, why: 'its account is not known' });
      continue;
    }
    const before = accounts.get(id);
    if (before === true) continue;
    if (entry.instance === undefined) accounts.set(id, true);
    else accounts.set(id, [...(before ?? []), entry.instance]);
  }
  return { accounts, unresolved };
}

/** Whether the rule marks the instance: its account whole, or the instance by ARN, id or alias. */
export function isProductionByAccount(rule: Pick<AccountRule, 'accounts'>, instance: Pick<ConnectInstance, 'arn' | 'id' | 'alias'>): boolean {
  const account = accountOfConnectArn(instance.arn);
  const marked = account === undefined ? undefined : rule.accounts.get(account);
  if (marked === undefined) return false;
  return marked === true || marked.some((ref) => ref === instance.arn || ref === instance.id || ref === instance.alias);
}

/** Whether only an instance's alias could tell (the rule names instances of its account by something other than ARN or id). */
export function needsAlias(rule: Pick<AccountRule, 'accounts'>, instanceArn: string): boolean {
  const marked = rule.accounts.get(accountOfConnectArn(instanceArn) ?? '');
  return Array.isArray(marked) && marked.length > 0;
}

/** Profiles whose account spex has learned, kept in the cache dir (no credentials: names and ids only). */
const FILE = 'accounts.json';

export async function readKnownAccounts(dir: string | undefined): Promise<Record<string, string>> {
  if (dir === undefined) return {};
  try {
    const value: unknown = JSON.parse(await readFile(join(dir, FILE), 'utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && isAccountId(e[1])));
  } catch {
    return {};
  }
}

export async function rememberAccount(dir: string | undefined, profile: string, account: string): Promise<void> {
  if (dir === undefined) return;
  try {
    const known = await readKnownAccounts(dir);
    if (known[profile] === account) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
    await writeFile(tmp, `${JSON.stringify({ ...known, [profile]: account }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, join(dir, FILE));
  } catch {
    // A cache that cannot be written only means the account is learned again next time.
  }
}

// What every Connect handler shares: the call, finding an instance by its id, the rate budget, pages.
import type { ConnectBudgets } from '../connect-limits.js';
import type { InstanceState, Model, Store } from '../store.js';
import { ConnectError, invalidParameter, notFound } from './errors.js';

export interface ConnectContext {
  store: Store;
  budgets: ConnectBudgets;
  account: string;
  /** Security profiles per instance (Service Quotas L-F325A715; 100 by default). */
  profileQuota: number;
  /** Called after a change to the store. */
  changed: () => void;
}

export interface ConnectCall {
  region: string;
  operation: string;
  input: Record<string, unknown>;
  ctx: ConnectContext;
}

export const idOf = (arn: unknown): string => String(arn).split('/').pop() ?? '';

/** The instance an InstanceId names: its id (the model's InstanceId is the id found in the ARN; an ARN is not one). */
export function instanceOf(call: ConnectCall, id = String(call.input.InstanceId ?? '')): InstanceState {
  const instance = [...(call.ctx.store.regions.get(call.region)?.instances.values() ?? [])].find((i) => i.entry.model.Id === id);
  if (!instance) throw notFound(`Instance not found: ${id.slice(0, 80)}`);
  return instance;
}

/** The profile a SecurityProfileId names in an instance. */
export function profileOf(call: ConnectCall, instance: InstanceState): { arn: string; model: Model; entry: { model: Model } } {
  const id = String(call.input.SecurityProfileId ?? '');
  for (const [arn, entry] of instance.profiles) if (idOf(arn) === id) return { arn, model: entry.model, entry };
  throw notFound(`Security profile not found: ${id.slice(0, 80)}`);
}

/** Spends one token of the operation's own budget (`--real-limits`); empty is Connect's ThrottlingException. */
export function spend(call: ConnectCall, api = call.operation): void {
  if (call.ctx.budgets.spendApi(call.ctx.account, call.region, api)) throw new ConnectError('ThrottlingException', 'Rate exceeded', 429);
}

const tokenFor = (next: number): string => Buffer.from(String(next)).toString('base64url');

/**
 * One page of `all` from the call's NextToken, at most MaxResults long (`fallback` when absent: the API
 * reference's "The default MaxResult size is 100").
 */
export function page<T>(call: ConnectCall, all: readonly T[], fallback = 100): { items: T[]; NextToken?: string } {
  const token = call.input.NextToken;
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(String(token), 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw invalidParameter('The nextToken is not valid');
  }
  const size = typeof call.input.MaxResults === 'number' ? call.input.MaxResults : fallback;
  const items = all.slice(start, start + size);
  return start + items.length < all.length ? { items, NextToken: tokenFor(start + items.length) } : { items };
}

export const tagList = (map: Record<string, string>): { Key: string; Value: string }[] => Object.entries(map).map(([Key, Value]) => ({ Key, Value }));
export const tagMapOf = (list: unknown): Record<string, string> =>
  Object.fromEntries((Array.isArray(list) ? (list as { Key: string; Value: string }[]) : []).map((t) => [t.Key, t.Value]));

/** LastModifiedTime strictly after the previous one, and the region that made the change. */
export function stamp(call: ConnectCall, model: Model): void {
  const previous = Number(model.LastModifiedTime ?? 0);
  model.LastModifiedTime = Math.max(Date.now() / 1000, Math.round(previous * 1000 + 1) / 1000);
  model.LastModifiedRegion = call.region;
}

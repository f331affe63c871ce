// DescribeUser and UpdateUserSecurityProfiles: a user's profiles, read and replaced whole.
import type { Model } from '../store.js';
import { type ConnectCall, idOf, instanceOf, spend, stamp } from './common.js';
import { notFound } from './errors.js';
import { userSummary } from './search.js';

function userOf(call: ConnectCall): { instance: ReturnType<typeof instanceOf>; entry: { model: Model } } {
  const instance = instanceOf(call);
  const id = String(call.input.UserId ?? '');
  for (const entry of instance.users.values()) if (idOf(entry.model.UserArn) === id) return { instance, entry };
  throw notFound(`User not found: ${id.slice(0, 80)}`);
}

export function describeUser(call: ConnectCall): Record<string, unknown> {
  const { entry } = userOf(call);
  spend(call);
  const u = entry.model;
  return {
    User: {
      ...userSummary(u),
      ...(typeof u.LastModifiedTime === 'number' ? { LastModifiedTime: u.LastModifiedTime } : {}),
      ...(typeof u.LastModifiedRegion === 'string' ? { LastModifiedRegion: u.LastModifiedRegion } : {}),
    },
  };
}

/**
 * UpdateUserSecurityProfiles replaces the user's whole set (1–10 ids, checked by the model's
 * SecurityProfileIds shape); an id that names no profile of the instance is refused and nothing changes.
 */
export function updateUserSecurityProfiles(call: ConnectCall): Record<string, unknown> {
  const { instance, entry } = userOf(call);
  const ids = call.input.SecurityProfileIds as string[];
  const byId = new Map([...instance.profiles.keys()].map((arn) => [idOf(arn), arn]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw notFound(`Security profile not found: ${missing.map((id) => id.slice(0, 80)).join(', ')}`);
  spend(call);
  const next = structuredClone(entry.model);
  next.SecurityProfileArns = [...new Set(ids)].map((id) => byId.get(id)!);
  stamp(call, next);
  entry.model = next;
  call.ctx.changed();
  return {};
}

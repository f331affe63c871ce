// The console's rule that acting on a resource needs seeing it: granting `Users.Edit` grants
// `Users.View`, and withdrawing a View withdraws what needs it. Over the catalogue in permissions.ts. Pure.
import { getCatalogue, lookupPermission } from './permissions.js';

/**
 * What granting `name` also grants. The console ticks a resource's View whenever any other action on
 * it (Edit, Create, Remove, Delete, Enable/Disable …) is ticked: you cannot change what you cannot see.
 * Only when the catalogue has `<Resource>.View`; names without a View sibling imply nothing.
 */
export function impliedPermissions(name: string): string[] {
  const info = lookupPermission(name);
  if (!info || info.action === 'View' || name.endsWith('.View')) return [];
  const view = `${info.resource}.View`;
  return lookupPermission(view) !== undefined ? [view] : [];
}

/** The granted names that need `name` (e.g. for `Users.View`: the granted `Users.Edit`, `Users.Create` …). */
export function dependentPermissions(granted: Iterable<string>, name: string): string[] {
  const out: string[] = [];
  for (const g of granted) if (impliedPermissions(g).includes(name)) out.push(g);
  return out;
}

export interface ToggleResult {
  granted: Set<string>;
  added: string[];
  removed: string[];
}

/**
 * Toggles `name` in a copy of `granted`. Granting also grants what it implies (its View). Withdrawing a
 * View also withdraws the granted actions that need it, as the console unticks them — otherwise the
 * profile would keep an Edit without its View, which the console never produces. Withdrawing any other
 * action withdraws only that action.
 */
export function toggleWithImplications(granted: ReadonlySet<string>, name: string): ToggleResult {
  const next = new Set(granted);
  const added: string[] = [];
  const removed: string[] = [];
  if (next.has(name)) {
    for (const dependent of dependentPermissions(next, name)) {
      next.delete(dependent);
      removed.push(dependent);
    }
    next.delete(name);
    removed.push(name);
  } else {
    next.add(name);
    added.push(name);
    for (const implied of impliedPermissions(name)) {
      if (!next.has(implied)) {
        next.add(implied);
        added.push(implied);
      }
    }
  }
  return { granted: next, added, removed };
}

/**
 * Grants every permission of a catalogue group, or withdraws them all when all are already granted
 * (the editor's "toggle group" key). Names outside the catalogue are never touched.
 */
export function toggleGroup(granted: ReadonlySet<string>, group: string): ToggleResult {
  const members = getCatalogue().find((g) => g.group === group)?.permissions.map((p) => p.name) ?? [];
  const next = new Set(granted);
  const allGranted = members.length > 0 && members.every((m) => next.has(m));
  const added: string[] = [];
  const removed: string[] = [];
  for (const m of members) {
    if (allGranted) {
      next.delete(m);
      removed.push(m);
    } else if (!next.has(m)) {
      next.add(m);
      added.push(m);
    }
  }
  return { granted: next, added, removed };
}


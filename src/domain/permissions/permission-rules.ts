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
  return toggleAll(granted, members);
}

/**
 * The grid's "All" cell: grants every permission of a resource row, or withdraws them all when all are
 * already granted, as the console's row tick does.
 */
export function toggleAll(granted: ReadonlySet<string>, names: readonly string[]): ToggleResult {
  const next = new Set(granted);
  const allGranted = names.length > 0 && names.every((n) => next.has(n));
  const added: string[] = [];
  const removed: string[] = [];
  for (const n of names) {
    if (allGranted) {
      next.delete(n);
      removed.push(n);
    } else if (!next.has(n)) {
      next.add(n);
      added.push(n);
    }
  }
  return { granted: next, added, removed };
}

// The catalogue of security-profile permissions as the Connect console shows them: groups, labels and
// API names, from data/connect-permissions.json, and typo suggestions for names typed by hand. The
// console's rule that acting on a resource needs seeing it is in permission-rules.ts.

import catalogueData from '../../../data/connect-permissions.json' with { type: 'json' };
import { rankSuggestions } from './permission-search.js';

export { editDistance } from './permission-search.js';

/** The schema's `maxItems` for Permissions. */
export const MAX_PERMISSIONS = 500;
/** The group that holds names the catalogue does not know. */
export const OTHER_GROUP = 'Other';

interface RawPermission {
  name: string;
  group: string;
  action: string;
  uiName?: string;
  source: string;
  note?: string;
}

export interface PermissionInfo {
  /** The API name, e.g. `Users.Edit`. */
  name: string;
  /** The console's group, e.g. `Users and permissions`. */
  group: string;
  /** The action part, e.g. `Edit`, `EnableAndDisable`. */
  action: string;
  /** The console's label for the resource, e.g. `Users`; derived from the name when the source has none. */
  uiName: string;
  /** `aws-admin-guide` (documented) or `observed-in-code` (seen in real profiles, not documented). */
  source: string;
  note?: string;
  /** True when the source had no console label and `uiName` was made from the API name. */
  uiNameDerived: boolean;
  /** The name without its action, e.g. `Users` for `Users.Edit`; the whole name when it has no dot. */
  resource: string;
}

export interface PermissionGroup {
  group: string;
  permissions: PermissionInfo[];
}

export interface GroupedPermissions {
  group: string;
  items: { name: string; info?: PermissionInfo }[];
}

function resourceOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

/** `ScreenRecording.Redacted` → `Screen recording redacted`, for entries the source gave no label. */
function humanise(resource: string): string {
  const words = resource
    .split('.')
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const CATALOGUE: readonly PermissionInfo[] = (catalogueData as RawPermission[]).map((raw) => {
  const info: PermissionInfo = {
    name: raw.name,
    group: raw.group,
    action: raw.action,
    uiName: raw.uiName ?? humanise(resourceOf(raw.name)),
    uiNameDerived: raw.uiName === undefined,
    source: raw.source,
    resource: resourceOf(raw.name),
  };
  if (raw.note !== undefined) info.note = raw.note;
  return info;
});

const BY_NAME = new Map(CATALOGUE.map((p) => [p.name, p]));
const BY_LOWER_NAME = new Map(CATALOGUE.map((p) => [p.name.toLowerCase(), p]));
const GROUPS: readonly PermissionGroup[] = (() => {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of CATALOGUE) {
    const list = groups.get(p.group) ?? [];
    list.push(p);
    groups.set(p.group, list);
  }
  return [...groups].map(([group, permissions]) => ({ group, permissions }));
})();
const ORDER = new Map(CATALOGUE.map((p, i) => [p.name, i]));
const CATALOGUE_NAMES = CATALOGUE.map((p) => p.name);

/** Every group in the file's order, each with its permissions in the file's order. */
export function getCatalogue(): readonly PermissionGroup[] {
  return GROUPS;
}

export function lookupPermission(name: string): PermissionInfo | undefined {
  return BY_NAME.get(name);
}

/**
 * Groups granted names for display: catalogue groups first in catalogue order (items in catalogue
 * order), then names the catalogue does not know, sorted, under "Other". Duplicates are shown once.
 */
export function groupPermissions(names: Iterable<string>): GroupedPermissions[] {
  const known = new Map<string, PermissionInfo[]>();
  const unknown = new Set<string>();
  for (const name of new Set(names)) {
    const info = BY_NAME.get(name);
    if (!info) {
      unknown.add(name);
      continue;
    }
    const list = known.get(info.group) ?? [];
    list.push(info);
    known.set(info.group, list);
  }
  const result: GroupedPermissions[] = [];
  for (const { group } of GROUPS) {
    const list = known.get(group);
    if (!list) continue;
    list.sort((a, b) => (ORDER.get(a.name) ?? 0) - (ORDER.get(b.name) ?? 0));
    result.push({ group, items: list.map((info) => ({ name: info.name, info })) });
  }
  if (unknown.size > 0) {
    result.push({ group: OTHER_GROUP, items: [...unknown].sort().map((name) => ({ name })) });
  }
  return result;
}

/**
 * Catalogue names close to what was typed, best first: the same name in another case, then names that
 * start with the input, then names containing it, then names within a small edit distance.
 */
export function suggestPermissions(input: string, limit = 5): string[] {
  return rankSuggestions(input, CATALOGUE_NAMES, limit);
}

/** The exact catalogue spelling of a name typed in another case, if there is one. */
export function canonicalPermissionName(input: string): string | undefined {
  return BY_LOWER_NAME.get(input.trim().toLowerCase())?.name;
}

const ACTION_LABELS: Record<string, string> = {
  EnableAndDisable: 'Enable/Disable',
  DownloadButton: 'Download button',
};

/** `EditPermission` → `Edit permission`. */
export function actionLabel(action: string): string {
  const special = ACTION_LABELS[action];
  if (special) return special;
  const words = action.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The console's words for a permission: `Users · Edit`. When the console label already names the
 * action (`Login/Logout report - View`, `Access metrics`) the action is not repeated. Unknown names
 * are returned as they are.
 */
export function permissionLabel(name: string): string {
  const info = BY_NAME.get(name);
  if (!info) return name;
  const action = actionLabel(info.action);
  if (info.uiNameDerived) return `${info.uiName} · ${action}`;
  // The console's rows start with a capital ("Agent assist"), whatever the guide's table says.
  const uiName = info.uiName.charAt(0).toUpperCase() + info.uiName.slice(1);
  // A feature that is one checkbox (`TransferContact.Enabled`: the console's "Transfer Contact" row
  // with a single tick) is named by its label alone; "· Enabled" says nothing the tick does not.
  if (SWITCH_ACTIONS.has(info.action) && (ACTIONS_OF.get(info.resource) ?? 0) === 1) return uiName;
  return labelWithAction(uiName, action);
}

/** Actions that switch a one-checkbox feature on. */
const SWITCH_ACTIONS = new Set(['Enabled', 'Enable']);
/** How many catalogue actions each resource has. */
const ACTIONS_OF: ReadonlyMap<string, number> = (() => {
  const counts = new Map<string, number>();
  for (const p of CATALOGUE) counts.set(p.resource, (counts.get(p.resource) ?? 0) + 1);
  return counts;
})();

/** `Users` + `Edit` → `Users · Edit`, unless the label already names the action. */
function labelWithAction(uiName: string, action: string): string {
  // `Message templates (View/Edit/Create/Delete)`: one console row for several actions.
  const ui = uiName.replace(/\s*\([^)]*\/[^)]*\)$/, '');
  // `Login/Logout report - View`, `Campaigns - Manage / View`: the label already ends with the action(s).
  const dash = /^(.*) - ([^-]+)$/.exec(ui);
  if (dash) {
    const tail = dash[2]!.trim().toLowerCase();
    const actions = tail.split('/').map((a) => a.trim());
    if (tail === action.toLowerCase() || actions.includes(action.toLowerCase())) return `${dash[1]} · ${action}`;
  }
  const escaped = action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (ui === uiName && new RegExp(`(^|\\W)${escaped}(\\W|$)`, 'i').test(ui)) return ui;
  return `${ui} · ${action}`;
}

const words = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

export type PermissionMatch = { ok: true; name: string } | { ok: false; candidates: string[]; message: string };

/** How a typed permission matched: the names it stands for, best first. */
export interface PermissionTermMatch {
  /** `exact`: the API name in some case; `one`/`many`: by a prefix of the API name or the label's words; `none`: nothing. */
  kind: 'exact' | 'one' | 'many' | 'none';
  names: string[];
  /** For `none`: close catalogue names ("did you mean"). */
  suggestions: string[];
}

/**
 * Every catalogue name a person may mean by `input`: the API name in any case ("users.edit"), a prefix
 * of API names ("Users.", "contactflows"), or the console label's words in any order and any
 * punctuation ("Users – Edit", "edit users", "users-edit"). A label match whose words are exactly the
 * typed ones wins over wider ones: "users edit" is Users.Edit, not also "Users · Edit permission".
 */
export function matchPermissionTerm(input: string): PermissionTermMatch {
  const exact = canonicalPermissionName(input);
  if (exact !== undefined) return { kind: 'exact', names: [exact], suggestions: [] };
  const lower = input.trim().toLowerCase();
  if (lower === '') return { kind: 'none', names: [], suggestions: [] };
  const byPrefix = CATALOGUE_NAMES.filter((name) => name.toLowerCase().startsWith(lower));
  let found = byPrefix;
  if (found.length === 0) {
    const typed = words(input);
    const byLabel = CATALOGUE_NAMES.filter((name) => {
      const label = [...words(permissionLabel(name)), ...words(name)];
      // Each typed word is a whole label word, or (the last one, still being typed) the start of one.
      return typed.every((w, i) => label.some((l) => l === w || (i === typed.length - 1 && l.startsWith(w))));
    });
    const tight = byLabel.filter((name) => {
      const own = new Set(words(permissionLabel(name)));
      return own.size === new Set(typed).size && typed.every((w) => own.has(w));
    });
    found = tight.length === 1 ? tight : byLabel;
  }
  if (found.length === 1) return { kind: 'one', names: found, suggestions: [] };
  if (found.length > 1) return { kind: 'many', names: found, suggestions: [] };
  return { kind: 'none', names: [], suggestions: suggestPermissions(input, 3) };
}

/** The names to offer for what is being typed: what it matches, or else the close names. */
export function permissionCandidates(input: string, limit = 10): string[] {
  const match = matchPermissionTerm(input);
  return (match.kind === 'none' ? match.suggestions : match.names).slice(0, limit);
}

/**
 * `'users' matches 6 permissions: Users.View, …` or `'usres' is not a permission spex knows (did you
 * mean …?)`. `quoted` is how the input is shown (default `'input'`; the filter shows `perm:input`).
 */
export function permissionTermMessage(input: string, match: PermissionTermMatch, quoted = `'${input}'`): string {
  if (match.kind === 'many') {
    const shown = match.names.slice(0, 10);
    return `${quoted} matches ${match.names.length} permissions: ${shown.join(', ')}${match.names.length > shown.length ? ', …' : ''}`;
  }
  const close = match.suggestions;
  return `${quoted} is not a permission spex knows${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`;
}

/**
 * One permission as typed by a person (see matchPermissionTerm). Several matches, or none, say so with
 * the names to choose from.
 */
export function resolvePermission(input: string): PermissionMatch {
  const match = matchPermissionTerm(input);
  if (match.kind === 'exact' || match.kind === 'one') return { ok: true, name: match.names[0]! };
  return { ok: false, candidates: match.kind === 'many' ? match.names.slice(0, 10) : match.suggestions, message: permissionTermMessage(input, match) };
}

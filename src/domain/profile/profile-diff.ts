// The change between two models in the console's words, for the review screen and `update --dry-run`:
// "+ Users · Edit (Users.Edit)", "− Queues · Create (Queues.Create)", `Description: "old" → "new"`,
// "+ tag team=ops", "− tag env". Labels are display-ready: server text in them is sanitised.

import { canonicalItem, canonicalValue, PROPERTY_ORDER } from './patch.js';
import { impliedPermissions } from '../permissions/permission-rules.js';
import { groupPermissions, lookupPermission, permissionLabel } from '../permissions/permissions.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { AllowedAIAgent, Application, FlowModule, SecurityProfile, SecurityProfileDraft, Tag } from './security-profile.js';

export type ProfileChangeKind =
  | 'field-changed'
  | 'permission-added'
  | 'permission-removed'
  | 'tag-added'
  | 'tag-removed'
  | 'tag-changed'
  | 'access-tag-added'
  | 'access-tag-removed'
  | 'access-tag-changed'
  | 'restricted-resource-added'
  | 'restricted-resource-removed'
  | 'application-added'
  | 'application-removed'
  | 'application-changed'
  | 'flow-module-added'
  | 'flow-module-removed'
  | 'granular-access-changed'
  | 'ai-agent-added'
  | 'ai-agent-removed';

export interface ProfileChange {
  kind: ProfileChangeKind;
  /** The top-level property, e.g. `Permissions`, `Tags`, `Description`. */
  property: string;
  /** One line in the console's words, sanitised, starting with +, − or ~ for list changes. */
  label: string;
  /** For permission changes: the API name. */
  permission?: string;
  /** For permission changes: the console group, or "Other" for names the catalogue does not know. */
  group?: string;
  /** For an added View: the added permissions that need it (the console grants it with them). */
  impliedBy?: string[];
  before?: unknown;
  after?: unknown;
}

type Model = SecurityProfileDraft | SecurityProfile;

const MINUS = '−';
const show = (s: string): string => sanitizeLine(s);
// Empty and absent read the same everywhere (promote, clone, compare, the review): (none).
const quoted = (v: unknown): string => (typeof v === 'string' ? (v === '' ? '(none)' : `"${show(v)}"`) : v === undefined ? '(none)' : show(JSON.stringify(v)));

const FIELD_LABELS: Record<string, string> = {
  SecurityProfileName: 'Name',
  InstanceArn: 'Instance',
  Description: 'Description',
  AllowedAccessControlHierarchyGroupId: 'Access-control hierarchy group',
};

/** Members of `a` not in `b`, by canonical value (key order ignored). */
function minus<T>(property: string, a: readonly T[], b: readonly T[]): T[] {
  const keys = new Set(b.map((x) => canonicalItem(property, x)));
  return a.filter((x) => !keys.has(canonicalItem(property, x)));
}

function permissionChanges(before: Model, after: Model): ProfileChange[] {
  const was = new Set(before.Permissions ?? []);
  const now = new Set(after.Permissions ?? []);
  const removed = [...was].filter((p) => !now.has(p));
  const added = [...now].filter((p) => !was.has(p));
  const changes: ProfileChange[] = [];
  // Grouped and ordered the way the editor shows them, removals first within each group.
  for (const { group, items } of groupPermissions([...removed, ...added])) {
    for (const { name } of items) {
      if (!was.has(name)) continue;
      changes.push({ kind: 'permission-removed', property: 'Permissions', permission: name, group, label: `${MINUS} ${permissionText(name)}` });
    }
    for (const { name } of items) {
      if (was.has(name)) continue;
      const impliedBy = added.filter((a) => impliedPermissions(a).includes(name));
      const change: ProfileChange = { kind: 'permission-added', property: 'Permissions', permission: name, group, label: `+ ${permissionText(name)}` };
      if (impliedBy.length > 0) {
        change.impliedBy = impliedBy;
        change.label += ` — needed by ${impliedBy.map((n) => permissionLabel(n).split(' · ').pop()).join(', ')}`;
      }
      changes.push(change);
    }
  }
  return changes;
}

/** `Users · Edit (Users.Edit)`, or the bare (sanitised) name for names the catalogue does not know. */
export function permissionText(name: string): string {
  return lookupPermission(name) ? `${permissionLabel(name)} (${name})` : show(name);
}

function tagChanges(property: 'Tags' | 'AllowedAccessControlTags', before: Model, after: Model): ProfileChange[] {
  const noun = property === 'Tags' ? 'tag' : 'access-control tag';
  const prefix = property === 'Tags' ? 'tag' : 'access-tag';
  const was = new Map((before[property] ?? []).map((t: Tag) => [t.Key, t.Value]));
  const now = new Map((after[property] ?? []).map((t: Tag) => [t.Key, t.Value]));
  const changes: ProfileChange[] = [];
  for (const [key, value] of was) {
    if (!now.has(key)) changes.push({ kind: `${prefix}-removed`, property, label: `${MINUS} ${noun} ${show(key)}`, before: { Key: key, Value: value } });
  }
  for (const [key, value] of now) {
    const old = was.get(key);
    if (old === undefined && !was.has(key)) {
      changes.push({ kind: `${prefix}-added`, property, label: `+ ${noun} ${show(key)}=${show(value)}`, after: { Key: key, Value: value } });
    } else if (old !== value) {
      changes.push({
        kind: `${prefix}-changed`,
        property,
        label: `~ ${noun} ${show(key)}: ${show(old ?? '')} → ${show(value)}`,
        before: { Key: key, Value: old },
        after: { Key: key, Value: value },
      });
    }
  }
  return changes;
}

function resourceChanges(property: 'TagRestrictedResources' | 'HierarchyRestrictedResources', before: Model, after: Model): ProfileChange[] {
  const noun = property === 'TagRestrictedResources' ? 'tag-restricted resource' : 'hierarchy-restricted resource';
  const was = before[property] ?? [];
  const now = after[property] ?? [];
  return [
    ...minus(property, was, now).map((r): ProfileChange => ({ kind: 'restricted-resource-removed', property, label: `${MINUS} ${noun} ${show(r)}`, before: r })),
    ...minus(property, now, was).map((r): ProfileChange => ({ kind: 'restricted-resource-added', property, label: `+ ${noun} ${show(r)}`, after: r })),
  ];
}

export function applicationText(app: Application): string {
  const perms = app.ApplicationPermissions ?? [];
  const type = app.Type ? ` [${show(app.Type)}]` : '';
  return `${show(app.Namespace ?? '(no namespace)')}${type} (${perms.map(show).join(', ') || 'no permissions'})`;
}

function applicationChanges(before: Model, after: Model): ProfileChange[] {
  const was = before.Applications ?? [];
  const now = after.Applications ?? [];
  const removed = minus('Applications', was, now);
  const added = minus('Applications', now, was);
  const changes: ProfileChange[] = [];
  // An application whose namespace is on both sides changed in place: show its permission delta.
  for (const old of removed) {
    const match = added.find((a) => a.Namespace !== undefined && a.Namespace === old.Namespace);
    if (!match) {
      changes.push({ kind: 'application-removed', property: 'Applications', label: `${MINUS} application ${applicationText(old)}`, before: old });
      continue;
    }
    added.splice(added.indexOf(match), 1);
    const oldPerms = new Set(old.ApplicationPermissions ?? []);
    const newPerms = new Set(match.ApplicationPermissions ?? []);
    const parts = [
      ...[...newPerms].filter((p) => !oldPerms.has(p)).map((p) => `+ ${show(p)}`),
      ...[...oldPerms].filter((p) => !newPerms.has(p)).map((p) => `${MINUS} ${show(p)}`),
    ];
    if (old.Type !== match.Type) parts.push(`type ${show(old.Type ?? '(none)')} → ${show(match.Type ?? '(none)')}`);
    changes.push({ kind: 'application-changed', property: 'Applications', label: `~ application ${show(old.Namespace ?? '')}: ${parts.join(', ')}`, before: old, after: match });
  }
  for (const app of added) changes.push({ kind: 'application-added', property: 'Applications', label: `+ application ${applicationText(app)}`, after: app });
  return changes;
}

const flowModuleText = (m: FlowModule): string => `${show(m.Type ?? '?')} ${show(m.FlowModuleId ?? '?')}`;

function flowModuleChanges(before: Model, after: Model): ProfileChange[] {
  const was = before.AllowedFlowModules ?? [];
  const now = after.AllowedFlowModules ?? [];
  return [
    ...minus('AllowedFlowModules', was, now).map((m): ProfileChange => ({ kind: 'flow-module-removed', property: 'AllowedFlowModules', label: `${MINUS} flow module ${flowModuleText(m)}`, before: m })),
    ...minus('AllowedFlowModules', now, was).map((m): ProfileChange => ({ kind: 'flow-module-added', property: 'AllowedFlowModules', label: `+ flow module ${flowModuleText(m)}`, after: m })),
  ];
}

/**
 * An allowed AI agent in words: its name when the caller knows it (or drift put it in place of the ARN,
 * as “name”), else the ARN's last part.
 */
function allowedAgentText(agent: AllowedAIAgent, nameOf?: (arn: string) => string | undefined): string {
  const arn = agent.Arn ?? '?';
  const name = arn.startsWith('“') ? arn : nameOf?.(arn) !== undefined ? `“${show(nameOf(arn)!)}”` : undefined;
  const type = agent.Type && agent.Type !== 'THIRD_PARTY' ? ` [${show(agent.Type)}]` : '';
  return `${name ?? show(arn.split('/').pop() ?? arn)}${type}`;
}

function aiAgentChanges(before: Model, after: Model, nameOf?: (arn: string) => string | undefined): ProfileChange[] {
  const was = before.AllowedAIAgents ?? [];
  const now = after.AllowedAIAgents ?? [];
  return [
    ...minus('AllowedAIAgents', was, now).map((a): ProfileChange => ({ kind: 'ai-agent-removed', property: 'AllowedAIAgents', label: `${MINUS} allowed AI agent ${allowedAgentText(a, nameOf)}`, before: a })),
    ...minus('AllowedAIAgents', now, was).map((a): ProfileChange => ({ kind: 'ai-agent-added', property: 'AllowedAIAgents', label: `+ allowed AI agent ${allowedAgentText(a, nameOf)}`, after: a })),
  ];
}

/** `Department = sales, support`; one entry per primary attribute. */
export function describeGranularAccess(config: SecurityProfile['GranularAccessControlConfiguration']): string[] {
  const values = config?.DataTableAccessControlConfiguration?.PrimaryAttributeAccessControlConfiguration?.PrimaryAttributeValues ?? [];
  return values.map((v) => `${v.AccessType ? `${show(v.AccessType)} ` : ''}${show(v.AttributeName ?? '?')} = ${(v.Values ?? []).map(show).join(', ')}`);
}

function granularChanges(before: Model, after: Model): ProfileChange[] {
  const b = before.GranularAccessControlConfiguration;
  const a = after.GranularAccessControlConfiguration;
  if (canonicalValue('GranularAccessControlConfiguration', b) === canonicalValue('GranularAccessControlConfiguration', a)) return [];
  const was = describeGranularAccess(b);
  const now = describeGranularAccess(a);
  const parts = [...now.filter((x) => !was.includes(x)).map((x) => `+ ${x}`), ...was.filter((x) => !now.includes(x)).map((x) => `${MINUS} ${x}`)];
  const summary = parts.length > 0 ? parts.join('; ') : a === undefined ? 'removed' : 'changed';
  return [{ kind: 'granular-access-changed', property: 'GranularAccessControlConfiguration', label: `~ granular access (data tables): ${summary}`, before: b, after: a }];
}

function fieldChange(property: string, before: Model, after: Model): ProfileChange[] {
  const was = (before as Record<string, unknown>)[property];
  const now = (after as Record<string, unknown>)[property];
  if (canonicalValue(property, was) === canonicalValue(property, now)) return [];
  const label = FIELD_LABELS[property] ?? property;
  return [{ kind: 'field-changed', property, label: `${label}: ${quoted(was)} → ${quoted(now)}`, before: was, after: now }];
}

/**
 * Every change from `before` to `after`, in schema order (fields, permissions by console group, tags,
 * access-control settings, applications, flow modules, granular access). Read-only properties are
 * ignored. Empty when the two mean the same.
 */
export function describeChanges(before: Model, after: Model, names?: { aiAgent?: (arn: string) => string | undefined }): ProfileChange[] {
  const changes: ProfileChange[] = [];
  for (const property of PROPERTY_ORDER) {
    switch (property) {
      case 'Permissions':
        changes.push(...permissionChanges(before, after));
        break;
      case 'Tags':
      case 'AllowedAccessControlTags':
        changes.push(...tagChanges(property, before, after));
        break;
      case 'TagRestrictedResources':
      case 'HierarchyRestrictedResources':
        changes.push(...resourceChanges(property, before, after));
        break;
      case 'Applications':
        changes.push(...applicationChanges(before, after));
        break;
      case 'AllowedFlowModules':
        changes.push(...flowModuleChanges(before, after));
        break;
      case 'GranularAccessControlConfiguration':
        changes.push(...granularChanges(before, after));
        break;
      case 'AllowedAIAgents':
        changes.push(...aiAgentChanges(before, after, names?.aiAgent));
        break;
      default:
        changes.push(...fieldChange(property, before, after));
    }
  }
  return changes;
}

/** The added Views that the console would have added anyway, as "Users · View (for Users · Edit)". */
export function describeImpliedAdds(before: Model, after: Model): string[] {
  return describeChanges(before, after)
    .filter((c) => c.kind === 'permission-added' && c.impliedBy !== undefined)
    .map((c) => `${permissionLabel(c.permission!)} (for ${c.impliedBy!.map(permissionLabel).join(', ')})`);
}

/** One-line summary for status lines: "3 permissions added, 1 removed, 2 other changes". */
export function summariseChanges(changes: readonly ProfileChange[]): string {
  const added = changes.filter((c) => c.kind === 'permission-added').length;
  const removed = changes.filter((c) => c.kind === 'permission-removed').length;
  const other = changes.length - added - removed;
  const parts: string[] = [];
  if (added > 0) parts.push(`${added} permission${added === 1 ? '' : 's'} added`);
  if (removed > 0) parts.push(`${removed} permission${removed === 1 ? '' : 's'} removed`);
  if (other > 0) parts.push(`${other} other change${other === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

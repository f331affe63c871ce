// How each list field's items are written as one line of text and read back, for editing with a
// single text input: a tag is `key=value`, an application `Namespace: Perm1, Perm2`, a resource its
// name. Parsing keeps the parts of an item the text does not show (an application's Type). Pure.
import type { AiAgentInfo } from '../../domain/access/ai-agents.js';
import type { AllowedAIAgent, Application, FlowModule, SecurityProfileDraft, Tag } from '../../domain/profile/security-profile.js';
import type { ListFieldId } from './editor-state.js';

export type ParsedItem = { ok: true; value: unknown } | { ok: false; error: string };

/** What the field's items look like when typed, shown under an empty input. */
export const ITEM_FORMATS: Readonly<Record<ListFieldId, string>> = {
  Tags: 'key=value',
  AllowedAccessControlTags: 'key=value',
  TagRestrictedResources: 'a resource name, e.g. User',
  HierarchyRestrictedResources: 'a resource name, e.g. User',
  Applications: 'Namespace: Permission1, Permission2',
  AllowedFlowModules: 'flow module id',
  AllowedAIAgents: 'an AI agent’s name or ARN',
};

export function formatItem(field: ListFieldId, item: unknown): string {
  switch (field) {
    case 'Tags':
    case 'AllowedAccessControlTags': {
      const tag = item as Tag;
      return `${tag.Key}=${tag.Value}`;
    }
    case 'Applications': {
      const app = item as Application;
      const perms = app.ApplicationPermissions ?? [];
      return perms.length > 0 ? `${app.Namespace ?? ''}: ${perms.join(', ')}` : `${app.Namespace ?? ''}`;
    }
    case 'AllowedFlowModules': {
      const module = item as FlowModule;
      return module.FlowModuleId ?? '';
    }
    case 'AllowedAIAgents':
      return (item as AllowedAIAgent).Arn ?? '';
    default:
      return String(item);
  }
}

/** Reads one typed item; `existing` is the item being edited, whose hidden parts are kept. */
export function parseItem(field: ListFieldId, text: string, existing?: unknown, agents: readonly AiAgentInfo[] = []): ParsedItem {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'type a value, or press Esc to leave it as it was' };
  switch (field) {
    case 'Tags':
    case 'AllowedAccessControlTags': {
      // Keys cannot hold spaces but may hold `=`; the first `=` separates, as in `spex … --tag k=v`.
      const eq = text.indexOf('=');
      if (eq < 0) return { ok: false, error: 'write a tag as key=value (the value may be empty: key=)' };
      return { ok: true, value: { Key: text.slice(0, eq).trim(), Value: text.slice(eq + 1).trim() } satisfies Tag };
    }
    case 'Applications': {
      const sep = trimmed.indexOf(': ');
      const namespace = (sep < 0 ? trimmed.replace(/:$/, '') : trimmed.slice(0, sep)).trim();
      const perms = sep < 0 ? [] : trimmed.slice(sep + 2).split(',').map((p) => p.trim()).filter((p) => p !== '');
      const app: Application = { ...(existing as Application | undefined), Namespace: namespace, ApplicationPermissions: perms };
      if (perms.length === 0) delete app.ApplicationPermissions;
      return { ok: true, value: app };
    }
    case 'AllowedFlowModules':
      return { ok: true, value: { ...(existing as FlowModule | undefined), FlowModuleId: trimmed } satisfies FlowModule };
    case 'AllowedAIAgents': {
      // A name of one of the instance's agents stands for its ARN; anything else must be an ARN.
      const named = agents.find((a) => a.name.toLowerCase() === trimmed.toLowerCase());
      if (named === undefined && !trimmed.startsWith('arn:')) return { ok: false, error: `no AI agent of this instance is named "${trimmed.slice(0, 60)}": type one of ${agents.map((a) => `"${a.name}"`).join(', ') || 'their ARNs'}` };
      return { ok: true, value: { Type: 'THIRD_PARTY', ...(existing as AllowedAIAgent | undefined), Arn: named?.arn ?? trimmed } satisfies AllowedAIAgent };
    }
    default:
      return { ok: true, value: trimmed };
  }
}

/** The draft with item `index` of `field` replaced (or appended when index is undefined). */
export function withItem(draft: SecurityProfileDraft, field: ListFieldId, index: number | undefined, value: unknown): SecurityProfileDraft {
  const items = [...((draft[field] as unknown[] | undefined) ?? [])];
  if (index === undefined || index >= items.length) items.push(value);
  else items[index] = value;
  return { ...draft, [field]: items };
}

/** The draft without item `index` of `field`; an emptied list is left out, as the console does. */
export function withoutItem(draft: SecurityProfileDraft, field: ListFieldId, index: number): SecurityProfileDraft {
  const items = ((draft[field] as unknown[] | undefined) ?? []).filter((_, i) => i !== index);
  const next: SecurityProfileDraft = { ...draft };
  if (items.length === 0) delete next[field];
  else (next as Record<string, unknown>)[field] = items;
  return next;
}

export function itemsOf(draft: SecurityProfileDraft, field: ListFieldId): readonly unknown[] {
  return (draft[field] as unknown[] | undefined) ?? [];
}

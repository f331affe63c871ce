// The fields pane: one row per field, list fields followed by their items and an "add" row, each with
// the schema's verdict in plain words. Pure.
import { PROPERTY_ORDER, propertyEquals } from '../../domain/profile/patch.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { SecurityProfileDraft } from '../../domain/profile/security-profile.js';
import { validateProfile, type ValidationIssue } from '../../domain/profile/validate.js';
import { connectIssues, connectTakesAll } from '../../domain/profile/connect-plan.js';
import type { EditorState, FieldId, ListFieldId } from './editor-state.js';
import { agentLabel } from '../../domain/access/ai-agents.js';
import { formatItem, itemsOf, parseItem, withItem } from './field-items.js';

/** Properties the fields pane does not list: Permissions has its own pane, the granular configuration is not edited in spex. */
const NOT_FIELDS = new Set<string>(['SecurityProfileName', 'Permissions', 'GranularAccessControlConfiguration']);

/** The schema's order, as patches and diffs use it, with the name first: nothing can be saved without one. */
const FIELD_ORDER: readonly FieldId[] = ['SecurityProfileName', ...PROPERTY_ORDER.filter((p): p is FieldId => !NOT_FIELDS.has(p))];

export const FIELD_LABELS: Readonly<Record<FieldId, string>> = {
  SecurityProfileName: 'Name',
  InstanceArn: 'Instance',
  Description: 'Description',
  Tags: 'Tags',
  AllowedAccessControlTags: 'Access-control tags',
  TagRestrictedResources: 'Tag-restricted resources',
  HierarchyRestrictedResources: 'Hierarchy-restricted resources',
  AllowedAccessControlHierarchyGroupId: 'Access-control hierarchy group',
  Applications: 'Applications',
  AllowedFlowModules: 'Flow modules',
  AllowedAIAgents: 'Allowed AI agents',
};

const LIST_FIELDS = new Set<FieldId>(['Tags', 'AllowedAccessControlTags', 'TagRestrictedResources', 'HierarchyRestrictedResources', 'Applications', 'AllowedFlowModules', 'AllowedAIAgents']);

export function isListField(field: FieldId): field is ListFieldId {
  return LIST_FIELDS.has(field);
}

export type FieldRow =
  | { kind: 'field'; field: FieldId; label: string; value: string; locked?: string; isChanged: boolean }
  | { kind: 'list'; field: ListFieldId; label: string; count: number; isChanged: boolean }
  | { kind: 'item'; field: ListFieldId; index: number; text: string }
  | { kind: 'add'; field: ListFieldId };

/** Why a field cannot be edited here, in a few words; undefined when it can. */
function lockReason(state: Pick<EditorState, 'mode'>, field: FieldId): string | undefined {
  if (field === 'InstanceArn') {
    return state.mode === 'edit' ? 'create-only: clone to copy into another instance' : 'chosen with the instance picker';
  }
  if (field === 'SecurityProfileName' && state.mode === 'edit') return 'create-only: clone to rename';
  return undefined;
}

function hierarchyGroupText(state: Pick<EditorState, 'hierarchyGroups'>, id: string | undefined): string {
  if (id === undefined || id === '') return '(none)';
  const group = state.hierarchyGroups.find((g) => g.id === id);
  return group?.name !== undefined ? `${sanitizeLine(group.name)} (${sanitizeLine(id)})` : sanitizeLine(id);
}

export function fieldRows(state: Pick<EditorState, 'mode' | 'draft' | 'baseline' | 'hierarchyGroups'> & { aiAgents?: EditorState['aiAgents'] }): FieldRow[] {
  const rows: FieldRow[] = [];
  const { draft, baseline } = state;
  for (const field of FIELD_ORDER) {
    const isChanged = !propertyEquals(field, baseline[field], draft[field]);
    if (isListField(field)) {
      const items = itemsOf(draft, field);
      rows.push({ kind: 'list', field, label: FIELD_LABELS[field], count: items.length, isChanged });
      const text = (item: unknown): string =>
        field === 'AllowedAIAgents' && state.aiAgents?.some((a) => a.arn === (item as { Arn?: string }).Arn) ? agentLabel((item as { Arn?: string }).Arn, state.aiAgents) : sanitizeLine(formatItem(field, item));
      items.forEach((item, index) => rows.push({ kind: 'item', field, index, text: text(item) }));
      rows.push({ kind: 'add', field });
      continue;
    }
    const raw = draft[field];
    const value =
      field === 'AllowedAccessControlHierarchyGroupId' ? hierarchyGroupText(state, raw) : raw === undefined || raw === '' ? '' : sanitizeLine(String(raw));
    const locked = lockReason(state, field);
    rows.push({ kind: 'field', field, label: FIELD_LABELS[field], value, isChanged, ...(locked ? { locked } : {}) });
  }
  return rows;
}

/** The top-level property an issue is about (`Tags/2/Key` → `Tags`). */
export function issueProperty(issue: ValidationIssue): string {
  return issue.field.split('/')[0] ?? '';
}

/**
 * A profile saved through the Connect API: the schema's rules where Connect shares them; its name and
 * tag keys by Connect's own rules (a console-made name, a tag key with a space, are fine there).
 */
function connectDraftIssues(draft: SecurityProfileDraft): ValidationIssue[] {
  const connectOwn = (issue: ValidationIssue): boolean =>
    issue.rule === 'pattern' && (issue.field === 'SecurityProfileName' || /^(Tags|AllowedAccessControlTags)\/\d+\/Key$/.test(issue.field));
  const issues = validateProfile(draft, 'create').filter((issue) => !connectOwn(issue) && !(issue.field === 'AllowedAccessControlTags' && issue.rule === 'maxItems'));
  issues.push(...connectIssueRows(draft));
  return issues;
}

/** Connect's own rules (domain/profile/connect-plan.ts) as issues, each on the field its sentence names. */
function connectIssueRows(draft: SecurityProfileDraft): ValidationIssue[] {
  return connectIssues(draft).map((message) => ({ field: message.split(/[: ]/)[0] === 'Tag' ? 'Tags' : (message.split(':')[0] ?? ''), rule: 'connect', message }));
}

/**
 * Every problem with the draft: the schema's rules, a name already used in the instance (create and
 * clone) and ids from another instance still to be chosen again (clone).
 */
export function draftIssues(state: Pick<EditorState, 'mode' | 'draft' | 'existingNames' | 'flagged' | 'connectRules'>, draft: SecurityProfileDraft = state.draft): ValidationIssue[] {
  if (state.mode === 'edit' && state.connectRules) return connectDraftIssues(draft);
  let issues = validateProfile(draft, 'create');
  // New profiles with values only Connect takes are created through it (mutations.ts): its rules instead.
  if (state.mode !== 'edit' && state.connectRules && connectTakesAll(issues, draft)) {
    issues = connectIssueRows(draft);
  }
  if (state.mode !== 'edit') {
    const name = draft.SecurityProfileName;
    if (state.existingNames.includes(name)) {
      issues.push({ field: 'SecurityProfileName', rule: 'unique', message: `SecurityProfileName: a profile named "${sanitizeLine(name)}" already exists in this instance` });
    }
    for (const field of state.flagged) {
      const value = (draft as Record<string, unknown>)[field];
      const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      if (!empty) {
        issues.push({ field, rule: 'other-instance', message: `${field}: holds ids from the source instance; choose again for this instance, or remove them` });
      }
    }
  }
  return issues;
}

/** The issues for one field, as they would be if the text being typed were accepted. */
export function issuesWhileTyping(state: EditorState): ValidationIssue[] {
  const input = state.input;
  if (input.kind !== 'field') return [];
  // Nothing typed yet into a new item: no error before there is something to judge.
  if (isListField(input.field) && input.index === undefined && input.text.trim() === '') return [];
  let candidate: SecurityProfileDraft;
  if (isListField(input.field)) {
    const existing = input.index === undefined ? undefined : itemsOf(state.draft, input.field)[input.index];
    const parsed = parseItem(input.field, input.text, existing, state.aiAgents);
    // The field's name first, as the schema's issues have it: plainIssue puts its label in its place.
    if (!parsed.ok) return [{ field: input.field, rule: 'format', message: `${input.field}: ${parsed.error}` }];
    candidate = withItem(state.draft, input.field, input.index, parsed.value);
  } else {
    candidate = withText(state.draft, input.field, input.text);
  }
  return draftIssues(state, candidate).filter((i) => issueProperty(i) === input.field);
}

/** The draft with a text field set; an emptied optional field is left out. */
export function withText(draft: SecurityProfileDraft, field: 'SecurityProfileName' | 'Description' | 'AllowedAccessControlHierarchyGroupId', text: string): SecurityProfileDraft {
  const next: SecurityProfileDraft = { ...draft };
  if (field === 'SecurityProfileName') next.SecurityProfileName = text;
  else if (text === '') delete next[field];
  else next[field] = text;
  return next;
}

/** A rule in plain words for the user: the issue's message without the property's API name. */
export function plainIssue(issue: ValidationIssue): string {
  const property = issueProperty(issue) as FieldId;
  const label = FIELD_LABELS[property] ?? property;
  const rest = issue.message.startsWith(`${issue.field}: `) ? issue.message.slice(issue.field.length + 2) : issue.message;
  const parts = issue.field.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `item ${Number(p) + 1}` : p));
  const where = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `${label}${where}: ${rest}`;
}

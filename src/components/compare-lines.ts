// Two profiles' permissions side by side, by console group: which one grants what, with a marker
// (not only colour) for every difference.
import stringWidth from 'string-width';
import { groupPermissions, permissionLabel } from '../domain/permissions/permissions.js';
import { padEnd } from '../domain/text/format.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { PaneLine } from './pane-lines.js';
import { wrapText } from './pane-lines.js';
import { FIELD_LABELS } from '../state/editor/field-rows.js';
import { canonicalValue, PROPERTY_ORDER } from '../domain/profile/patch.js';
import { applicationText, describeGranularAccess } from '../domain/profile/profile-diff.js';
import type { AllowedAIAgent, Application, FlowModule, SecurityProfile, Tag } from '../domain/profile/security-profile.js';

export interface CompareSide {
  name: string;
  permissions: readonly string[];
  /** The whole profile, for the other fields; without it only permissions are compared. */
  profile?: SecurityProfile;
}

/** A permission one side grants and the other does not, in the order the compare lists them. */
export interface PermissionDifference {
  name: string;
  inLeft: boolean;
  /** The index of its line in compareLines(). */
  line: number;
}

export interface CompareSummary {
  onlyLeft: number;
  onlyRight: number;
  both: number;
}

export function compareSummary(left: CompareSide, right: CompareSide): CompareSummary {
  const l = new Set(left.permissions);
  const r = new Set(right.permissions);
  let both = 0;
  for (const p of l) if (r.has(p)) both++;
  return { onlyLeft: l.size - both, onlyRight: r.size - both, both };
}

/** Column widths: label, API name, then two narrow yes/no columns. */
export function compareColumns(width: number): { label: number; api: number; side: number } {
  const side = 8;
  const rest = Math.max(20, width - 4 - 2 * (side + 1) - 1);
  const label = Math.max(12, Math.floor(rest * 0.5));
  return { label, api: rest - label - 1, side };
}

export function compareHeader(left: CompareSide, right: CompareSide, width: number): string {
  const c = compareColumns(width);
  // A name wider than its column is never cut: the columns are headed left and right (the title names them).
  const fits = stringWidth(sanitizeLine(left.name)) <= c.side && stringWidth(sanitizeLine(right.name)) <= c.side;
  const [l, r] = fits ? [sanitizeLine(left.name), sanitizeLine(right.name)] : ['← left', 'right →'];
  return `    ${padEnd('Permission', c.label)} ${padEnd('API name', c.api)} ${padEnd(l, c.side)} ${padEnd(r, c.side)}`;
}

/**
 * Both profiles side by side: permissions by console group, then every other field. Each difference is
 * marked `≠`; the permission difference under the cursor (`cursor`, an index into compareDifferences)
 * is pointed at with `›`, for `<` and `>` to copy.
 */
export function compareLines(left: CompareSide, right: CompareSide, width: number, isOnlyDifferences: boolean, cursor?: number): PaneLine[] {
  const lines = permissionCompareLines(left, right, width, isOnlyDifferences, cursor);
  if (left.profile !== undefined && right.profile !== undefined) lines.push({ text: '' }, ...fieldCompareLines(left.profile, right.profile, width, isOnlyDifferences));
  return lines;
}

/** The permission differences in the order compareLines lists them, with their line numbers. */
export function compareDifferences(left: CompareSide, right: CompareSide, width: number, isOnlyDifferences: boolean): PermissionDifference[] {
  const l = new Set(left.permissions);
  const out: PermissionDifference[] = [];
  permissionCompareLines(left, right, width, isOnlyDifferences).forEach((line, index) => {
    if (line.permission !== undefined) out.push({ name: line.permission, inLeft: l.has(line.permission), line: index });
  });
  return out;
}

function permissionCompareLines(left: CompareSide, right: CompareSide, width: number, isOnlyDifferences: boolean, cursor?: number): (PaneLine & { permission?: string })[] {
  const c = compareColumns(width);
  let differenceIndex = 0;
  const l = new Set(left.permissions);
  const r = new Set(right.permissions);
  const lines: (PaneLine & { permission?: string })[] = [];
  for (const group of groupPermissions([...l, ...r])) {
    const items = group.items.filter((item) => !isOnlyDifferences || l.has(item.name) !== r.has(item.name));
    if (items.length === 0) continue;
    lines.push({ text: `  ${sanitizeLine(group.group)}`, tone: 'accent' });
    for (const item of items) {
      const inL = l.has(item.name);
      const inR = r.has(item.name);
      const differs = inL !== inR;
      const label = item.info !== undefined ? permissionLabel(item.name) : '(not in the catalogue)';
      const isCursor = differs && differenceIndex++ === cursor;
      const text = `${isCursor ? '›' : ' '} ${differs ? '≠' : ' '} ${padEnd(sanitizeLine(label), c.label)} ${padEnd(sanitizeLine(item.name), c.api)} ${padEnd(inL ? '✓ yes' : '✗ no', c.side)} ${padEnd(inR ? '✓ yes' : '✗ no', c.side)}`;
      lines.push(differs ? { text, tone: isCursor ? 'selected' : 'warning', permission: item.name } : { text });
    }
  }
  if (lines.length === 0) {
    lines.push({ text: isOnlyDifferences ? '  No differences: both grant the same permissions.' : '  Neither profile grants any permission.', tone: 'muted' });
  }
  return lines;
}

/** The editor's names for the fields (one set of words), and the one field the editor does not edit. */
const FIELD_TITLES: Readonly<Record<string, string>> = (() => {
  const { InstanceArn: _instance, ...titles } = FIELD_LABELS;
  return { ...titles, GranularAccessControlConfiguration: 'Granular access (data tables)' };
})();

/** A field's value as lines of text, each item on its own line; `(none)` when unset or empty. */
function fieldValue(profile: SecurityProfile, property: string): string[] {
  const value = (profile as unknown as Record<string, unknown>)[property];
  let out: string[];
  switch (property) {
    case 'Tags':
    case 'AllowedAccessControlTags':
      out = ((value as Tag[] | undefined) ?? []).map((t) => `${sanitizeLine(t.Key)}=${sanitizeLine(t.Value)}`).sort();
      break;
    case 'TagRestrictedResources':
    case 'HierarchyRestrictedResources':
      out = ((value as string[] | undefined) ?? []).map(sanitizeLine).sort();
      break;
    case 'Applications':
      out = ((value as Application[] | undefined) ?? []).map(applicationText).sort();
      break;
    case 'AllowedFlowModules':
      out = ((value as FlowModule[] | undefined) ?? []).map((m) => `${sanitizeLine(m.Type ?? '?')} ${sanitizeLine(m.FlowModuleId ?? '?')}`).sort();
      break;
    case 'GranularAccessControlConfiguration':
      out = describeGranularAccess(profile.GranularAccessControlConfiguration);
      break;
    case 'AllowedAIAgents':
      // By name where drift put the name in place of the ARN; else the ARN's last part (the agent's id).
      out = ((value as AllowedAIAgent[] | undefined) ?? []).map((a) => sanitizeLine(a.Arn?.startsWith('“') ? a.Arn : (a.Arn?.split('/').pop() ?? '?'))).sort();
      break;
    default:
      out = value === undefined || value === '' ? [] : [sanitizeLine(typeof value === 'string' ? value : JSON.stringify(value) ?? '')];
  }
  return out.length > 0 ? out : ['(none)'];
}

/**
 * Every field but the permissions, the left value beside the right one (items one to a line; long
 * values wrap within their column, never cut). `≠` marks the fields that differ in meaning (order of
 * set items aside).
 */
export function fieldCompareLines(left: SecurityProfile, right: SecurityProfile, width: number, isOnlyDifferences: boolean): PaneLine[] {
  const column = Math.max(16, Math.floor((width - 6) / 2));
  const lines: PaneLine[] = [{ text: '  Other fields', tone: 'accent' }];
  let shown = 0;
  for (const property of PROPERTY_ORDER) {
    const title = FIELD_TITLES[property];
    if (title === undefined) continue;
    const differs = canonicalValue(property, (left as unknown as Record<string, unknown>)[property]) !== canonicalValue(property, (right as unknown as Record<string, unknown>)[property]);
    // Names always differ; only the differences view leaves them out.
    if (isOnlyDifferences && (!differs || property === 'SecurityProfileName')) continue;
    shown++;
    lines.push({ text: `  ${differs ? '≠' : ' '} ${title}`, ...(differs ? { tone: 'warning' as const } : {}) });
    const a = fieldValue(left, property).flatMap((v) => wrapText(v, column));
    const b = fieldValue(right, property).flatMap((v) => wrapText(v, column));
    for (let i = 0; i < Math.max(a.length, b.length); i++) lines.push({ text: `      ${padEnd(a[i] ?? '', column)} ${b[i] ?? ''}`.trimEnd() });
  }
  if (shown === 0) lines.push({ text: '  No other field differs.', tone: 'muted' });
  return lines;
}

// Every property of a profile in human form, as pane lines: permissions grouped as the console
// groups them (label and API name), tags, access control, applications, flow modules, identity.
import { type AiAgentInfo, allowedAgentsText } from '../domain/access/ai-agents.js';
import { formatTime } from '../domain/text/format.js';
import { groupPermissions, lookupPermission, OTHER_GROUP, permissionLabel } from '../domain/permissions/permissions.js';
import { GRID_COLUMNS, gridCells, gridResources } from '../domain/permissions/permission-grid.js';
import stringWidth from 'string-width';
import { describeGranularAccess } from '../domain/profile/profile-diff.js';
import { regionName } from '../domain/service/regions.js';
import { inertJson, sanitizeLine, sanitizeText } from '../domain/text/sanitize.js';
import type { SecurityProfile, Tag } from '../domain/profile/security-profile.js';
import { isBuiltInProfileName } from '../domain/profile/security-profile.js';
import { cloudControlRefusals, REFUSED_MARK as REFUSED } from '../domain/profile/cloud-control-safe.js';
import { field, heading, type PaneLine, wrapLine, wrapText } from './pane-lines.js';
import { padEnd, truncate } from '../domain/text/format.js';
import { type Finding, profileFindings } from '../domain/access/lint.js';

const s = sanitizeLine;

function tagLines(tags: readonly Tag[] | undefined): PaneLine[] {
  if (tags === undefined || tags.length === 0) return [{ text: '  (none)', tone: 'muted' }];
  return tags.map((t) => ({ text: `  ${s(t.Key)} = ${s(t.Value)}` }));
}

function listLines(values: readonly string[] | undefined): PaneLine[] {
  if (values === undefined || values.length === 0) return [{ text: '  (none)', tone: 'muted' }];
  return values.map((v) => ({ text: `  • ${s(v)}` }));
}

/** Permissions by console group: `✓ Users · Edit   Users.Edit`. */
export function permissionLines(permissions: readonly string[], width: number): PaneLine[] {
  if (permissions.length === 0) return [{ text: '  (none: this profile grants nothing)', tone: 'muted' }];
  const labelWidth = Math.min(44, Math.max(20, Math.floor(width * 0.5)));
  const lines: PaneLine[] = [];
  for (const group of groupPermissions(permissions)) {
    lines.push({ text: `  ${s(group.group)} (${group.items.length})`, tone: 'accent' });
    for (const item of group.items) {
      const label = item.info !== undefined ? permissionLabel(item.name) : '(not in the catalogue)';
      const shown = s(label);
      // A label wider than its column is never cut: the API name goes on the next line instead.
      if (truncate(shown, labelWidth) !== shown) lines.push({ text: `    ✓ ${shown}` }, { text: `      ${' '.repeat(labelWidth + 1)}${s(item.name)}`, tone: 'muted' });
      else lines.push({ text: `    ✓ ${padEnd(shown, labelWidth)} ${s(item.name)}` });
    }
  }
  return lines;
}

/**
 * Permissions as the console's grid: per group, a row for each resource the profile grants something
 * of, `✓` or `·` under View / Edit / Create / Delete / All, then the resource's own actions it grants.
 * Names the catalogue does not know follow as a list.
 */
export function permissionGridLines(permissions: readonly string[], width: number): PaneLine[] {
  if (permissions.length === 0) return [{ text: '  (none: this profile grants nothing)', tone: 'muted' }];
  const granted = new Set(permissions);
  const rows = gridResources().filter((r) => r.names.some((n) => granted.has(n)));
  const labelWidth = Math.min(40, Math.max(16, ...rows.map((r) => stringWidth(r.label))), Math.max(16, width - 44));
  const lines: PaneLine[] = [];
  let group: string | undefined;
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push({ text: `  ${s(group)}`, tone: 'accent' });
      lines.push({ text: `    ${padEnd('', labelWidth)} ${GRID_COLUMNS.map((c) => padEnd(c, 7)).join('')}`, tone: 'muted' });
    }
    const cells = gridCells(row);
    const standard = cells.slice(0, GRID_COLUMNS.length).map((c) => padEnd(c.isAll ? (row.names.every((n) => granted.has(n)) ? '✓' : '·') : c.name === undefined ? '' : granted.has(c.name) ? '✓' : '·', 7));
    const specials = cells.slice(GRID_COLUMNS.length).filter((c) => c.name !== undefined && granted.has(c.name)).map((c) => `✓ ${c.label}`.replace(/ /g, "\u00a0"));
    const label = truncate(s(row.label), labelWidth) === s(row.label) ? padEnd(s(row.label), labelWidth) : undefined;
    // A label wider than its column goes on its own line rather than being cut.
    if (label === undefined) lines.push({ text: `    ${s(row.label)}` });
    // The resource's own actions wrap under the row rather than being cut at the edge.
    lines.push(...wrapLine({ text: `    ${label ?? ' '.repeat(labelWidth)} ${standard.join('')}${specials.join('  ')}`.trimEnd() }, width - 1));
  }
  const unknown = permissions.filter((p) => lookupPermission(p) === undefined);
  if (unknown.length > 0) {
    lines.push({ text: `  ${OTHER_GROUP} (${unknown.length})`, tone: 'accent' });
    for (const name of [...unknown].sort()) lines.push({ text: `    ✓ ${s(name)}  (not in the catalogue)` });
  }
  return lines;
}

/** spex lint's rules on this profile: each finding with its severity, why, and the evidence. */
function findingLines(profile: SecurityProfile, width: number, given: readonly Finding[] | undefined): PaneLine[] {
  const found = given ?? profileFindings(profile);
  if (found.length === 0) return [];
  const lines: PaneLine[] = [{ text: '' }, heading(`Findings (${found.length}; ! on the list shows the instance's)`)];
  for (const f of found) {
    const [first = '', ...rest] = wrapText(`${f.severity} · ${f.rule}: ${f.why} — ${f.evidence.join('; ')}`, width - 4);
    lines.push({ text: `  ! ${s(first)}`, tone: f.severity === 'low' ? 'muted' : 'warning' }, ...rest.map((t) => ({ text: `    ${s(t)}` })));
  }
  return lines;
}

export interface DetailContext {
  width: number;
  /** Permissions as a list (default) or the console's grid. */
  layout?: 'list' | 'grid';
  now?: Date;
  /** The alias of the instance, shown next to its ARN. */
  instanceAlias?: string | undefined;
  /** The name of the allowed hierarchy group, once looked up. */
  hierarchyGroupName?: string | undefined;
  /** How many users hold the profile ("37 users (u lists them)"), once known. */
  heldBy?: string | undefined;
  /** A flow module's name by id (Connect's ListContactFlowModules), where spex could read them. */
  flowModuleName?: ((id: string) => string | undefined) | undefined;
  /** The instance's AI agents, for the names of the allowed ones (an ARN where a name cannot be read). */
  agents?: readonly AiAgentInfo[] | undefined;
  /** The profile's findings as the instance's are computed (hooks/use-findings.ts); else its own rules only. */
  findings?: readonly Finding[] | undefined;
}

export function profileDetailLines(profile: SecurityProfile, context: DetailContext): PaneLine[] {
  const { width } = context;
  const permissions = profile.Permissions ?? [];
  const lines: PaneLine[] = [];
  lines.push(...field('Name', s(profile.SecurityProfileName) + (isBuiltInProfileName(profile.SecurityProfileName) ? '  (built-in)' : ''), width));
  lines.push(...field('Description', profile.Description ? sanitizeText(profile.Description) : '(none)', width));
  lines.push(...field('ARN', s(profile.SecurityProfileArn ?? '—'), width));
  lines.push(...field('Instance', `${context.instanceAlias !== undefined ? `${s(context.instanceAlias)}  ` : ''}${s(profile.InstanceArn)}`, width));
  const modifiedIn = profile.LastModifiedRegion ? ` in ${s(profile.LastModifiedRegion)} (${regionName(profile.LastModifiedRegion)})` : '';
  lines.push(...field('Last modified', `${formatTime(profile.LastModifiedTime, context.now)}${modifiedIn}`, width));
  if (context.heldBy !== undefined) lines.push(...field('Held by', context.heldBy, width));
  lines.push(...refusalLines(profile, width));
  lines.push(...findingLines(profile, width, context.findings));
  lines.push({ text: '' });
  lines.push(heading(`Permissions (${permissions.length})${context.layout === 'grid' ? ' — grid (m: list)' : ' (m: grid)'}`));
  lines.push(...(context.layout === 'grid' ? permissionGridLines(permissions, width) : permissionLines(permissions, width)));
  lines.push({ text: '' });
  lines.push(heading(`Tags (${profile.Tags?.length ?? 0})`));
  lines.push(...tagLines(profile.Tags));
  lines.push({ text: '' });
  lines.push(heading('Access control'));
  lines.push({ text: ' Allowed access-control tags:' });
  lines.push(...tagLines(profile.AllowedAccessControlTags));
  lines.push({ text: ' Tag-restricted resources:' });
  lines.push(...listLines(profile.TagRestrictedResources));
  lines.push({ text: ' Hierarchy-restricted resources:' });
  lines.push(...listLines(profile.HierarchyRestrictedResources));
  const groupId = profile.AllowedAccessControlHierarchyGroupId;
  const group = groupId === undefined ? '(none)' : context.hierarchyGroupName !== undefined ? `${s(context.hierarchyGroupName)} (${s(groupId)})` : s(groupId);
  lines.push(...field(' Hierarchy group', group, width, 18));
  lines.push({ text: '' });
  lines.push(heading(`Applications (${profile.Applications?.length ?? 0})`));
  if ((profile.Applications ?? []).length === 0) lines.push({ text: '  (none)', tone: 'muted' });
  for (const app of profile.Applications ?? []) {
    const type = app.Type !== undefined ? ` [${s(app.Type)}]` : '';
    lines.push({ text: `  ${s(app.Namespace ?? '?')}${type}` });
    // An MCP server's permissions are the tools it may call ("*": every one of them).
    for (const p of app.ApplicationPermissions ?? []) lines.push({ text: `    ✓ ${app.Type === 'MCP' ? `tool ${p === '*' || p.endsWith('*') ? `${s(p)} (every tool)` : s(p)}` : s(p)}` });
  }
  lines.push({ text: '' });
  lines.push(heading(`Flow modules (${profile.AllowedFlowModules?.length ?? 0})`));
  if ((profile.AllowedFlowModules ?? []).length === 0) lines.push({ text: '  (none)', tone: 'muted' });
  for (const m of profile.AllowedFlowModules ?? []) {
    const name = context.flowModuleName?.(m.FlowModuleId ?? '');
    lines.push({ text: `  • ${s(m.Type ?? '?')} ${name !== undefined ? `“${s(name)}” (${s(m.FlowModuleId ?? '?')})` : s(m.FlowModuleId ?? '?')}` });
  }
  lines.push({ text: '' });
  lines.push(...allowedAgentLines(profile, context.agents));
  lines.push({ text: '' });
  lines.push(heading('Granular access control (data tables)'));
  const granular = describeGranularAccess(profile.GranularAccessControlConfiguration);
  if (granular.length === 0) lines.push({ text: '  (none)', tone: 'muted' });
  for (const g of granular) lines.push({ text: `  • ${g}` });
  return lines;
}

/** "Allowed AI agents": the field only the Connect API reads and writes. */
function allowedAgentLines(profile: SecurityProfile, agents: readonly AiAgentInfo[] | undefined): PaneLine[] {
  if (profile.AllowedAIAgents === undefined) return [heading('Allowed AI agents'), { text: '  (not read: only the Connect API reads them)', tone: 'muted' }];
  const lines: PaneLine[] = [heading(`Allowed AI agents (${profile.AllowedAIAgents.length})`)];
  if (profile.AllowedAIAgents.length === 0) lines.push({ text: '  (none)', tone: 'muted' });
  for (const text of allowedAgentsText(profile, agents)) lines.push({ text: `  • ${text}` });
  return lines;
}

/**
 * A profile made in the console with values the Cloud Control schema refuses cannot be changed
 * through Cloud Control: said at the top of the detail, one line per value, before anyone edits.
 */
export function refusalLines(profile: SecurityProfile, width: number): PaneLine[] {
  const refusals = cloudControlRefusals(profile);
  if (refusals.length === 0) return [];
  const lines: PaneLine[] = [{ text: '' }, { text: `${REFUSED} Cloud Control cannot change this profile (Cloud Control validates the whole profile on every change):`, tone: 'warning' }];
  for (const r of refusals) for (const line of wrapText(s(r.message), width, '    ')) lines.push({ text: line, tone: 'warning' });
  return lines;
}

/** The model as JSON, every string sanitised (a description could carry escape sequences). */
export function rawJsonLines(profile: SecurityProfile): PaneLine[] {
  return inertJson(profile, 2)
    .split('\n')
    .map((text) => ({ text: sanitizeLine(text) }));
}

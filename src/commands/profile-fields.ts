// A security profile as `spex get` (and create/update) print it: fields, then permissions by
// console group.
import { formatAbsoluteTime } from '../domain/text/format.js';
import { groupPermissions, permissionLabel } from '../domain/permissions/permissions.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { renderFields } from './output.js';

/** `names` gives an allowed AI agent's name by ARN, where spex could read it. */
export function profileFields(p: SecurityProfile, names?: (arn: string) => string | undefined): string {
  const tags = (list: { Key: string; Value: string }[] | undefined): string | undefined =>
    list?.length ? list.map((t) => `${t.Key}=${t.Value}`).join(', ') : undefined;
  const head = renderFields([
    ['Name', p.SecurityProfileName],
    ['ARN', p.SecurityProfileArn],
    ['Instance', p.InstanceArn],
    ['Description', p.Description],
    ['Last modified', p.LastModifiedTime ? `${formatAbsoluteTime(p.LastModifiedTime)}${p.LastModifiedRegion ? ` (${p.LastModifiedRegion})` : ''}` : undefined],
    ['Tags', tags(p.Tags)],
    ['Access tags', tags(p.AllowedAccessControlTags)],
    ['Tag-restricted', p.TagRestrictedResources?.join(', ')],
    ['Hierarchy-restricted', p.HierarchyRestrictedResources?.join(', ')],
    ['Hierarchy group', p.AllowedAccessControlHierarchyGroupId],
    ['Applications', p.Applications?.map((a) => `${a.Namespace ?? '?'} (${(a.ApplicationPermissions ?? []).join(', ')})`).join('; ')],
    ['Flow modules', p.AllowedFlowModules?.map((m) => m.FlowModuleId ?? '?').join(', ')],
    ['Allowed AI agents', p.AllowedAIAgents?.length ? p.AllowedAIAgents.map((a) => (names?.(a.Arn ?? '') !== undefined ? `${names(a.Arn ?? '')} (${a.Arn ?? '?'})` : (a.Arn ?? '?'))).join(', ') : undefined],
    ['Permissions', String(p.Permissions?.length ?? 0)],
  ]);
  const groups = groupPermissions(p.Permissions ?? []).map(
    (g) => `  ${g.group}\n${g.items.map((i) => `    ${sanitizeLine(i.info ? `${permissionLabel(i.name)} (${i.name})` : i.name)}`).join('\n')}`,
  );
  return `${head}${groups.length ? `${groups.join('\n')}\n` : ''}`;
}

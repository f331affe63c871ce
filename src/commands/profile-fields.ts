// A security profile as `spex get` (and create/update) print it: fields, then permissions by
// console group.
import { formatAbsoluteTime } from '../domain/text/format.js';
import { groupPermissions, permissionLabel } from '../domain/permissions/permissions.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { renderFields } from './output.js';

export function profileFields(p: SecurityProfile): string {
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
    ['Permissions', String(p.Permissions?.length ?? 0)],
  ]);
  const groups = groupPermissions(p.Permissions ?? []).map(
    (g) => `  ${g.group}\n${g.items.map((i) => `    ${sanitizeLine(i.info ? `${permissionLabel(i.name)} (${i.name})` : i.name)}`).join('\n')}`,
  );
  return `${head}${groups.length ? `${groups.join('\n')}\n` : ''}`;
}

// What a user can really do across the security profiles they hold (`spex explain-user`, and the
// TUI's "what can this user do?"). Pure.
//
// The combination rules followed (Amazon Connect admin guide, "tag-based access control" and
// "hierarchy-based access control" with multiple security profiles):
// - Permissions are the union of every profile's.
// - A restriction on a resource holds only if every profile that lets the user see that resource
//   restricts it: one unrestricted profile lifts it. Where it holds, the allowed tags (or hierarchy
//   groups) are the union of those the restricting profiles allow.
// - Acting on a resource needs its View: the console grants View with Edit, Create or Remove; a
//   profile stored without it (made through the API) is marked here as "implied", since the console
//   would show it granted.
import { impliedPermissions } from '../permissions/permission-rules.js';
import { lookupPermission, permissionLabel } from '../permissions/permissions.js';
import { RESOURCE_VIEWS } from './lint.js';
import type { ConnectUser } from './holders.js';
import type { SecurityProfile, Tag } from '../profile/security-profile.js';

export interface ExplainedPermission {
  name: string;
  /** The console's words, or the name when the catalogue does not know it. */
  label: string;
  /** The profiles (names) that grant it; empty for an implied View. */
  grantedBy: string[];
  /** Not stored in any profile, but granted by the console's rule (a View needed by an Edit…). */
  implied?: { by: string[] };
}

export interface EffectiveRestriction {
  resource: string;
  kind: 'tags' | 'hierarchy';
  /** True when every profile that lets the user see the resource restricts it. */
  applies: boolean;
  /** The profiles that restrict it, and (when it does not apply) those that lift it. */
  restrictedBy: string[];
  liftedBy: string[];
  /** Where it applies: the tags (key=value) or hierarchy group ids the user may reach. */
  allowed: string[];
}

export interface UserExplanation {
  username: string;
  arn: string;
  profiles: { name: string; arn: string }[];
  permissions: ExplainedPermission[];
  restrictions: EffectiveRestriction[];
  /** Profiles the user holds whose details were not available (not counted above). */
  missing: string[];
}

const tagText = (t: Tag): string => `${t.Key}=${t.Value}`;

export function explainUser(user: ConnectUser, profilesByArn: ReadonlyMap<string, SecurityProfile>): UserExplanation {
  const held = user.securityProfileArns.map((arn) => ({ arn, profile: profilesByArn.get(arn) }));
  const profiles = held.flatMap((h) => (h.profile ? [h.profile] : []));
  const missing = held.filter((h) => !h.profile).map((h) => h.arn);
  const grants = new Map<string, string[]>();
  for (const p of profiles) for (const name of p.Permissions ?? []) grants.set(name, [...(grants.get(name) ?? []), p.SecurityProfileName]);
  const permissions: ExplainedPermission[] = [...grants].map(([name, by]) => ({ name, label: lookupPermission(name) ? permissionLabel(name) : name, grantedBy: by }));
  // The console's implicit Views: needed by a granted action and stored nowhere.
  const implied = new Map<string, string[]>();
  for (const name of grants.keys()) for (const view of impliedPermissions(name)) if (!grants.has(view)) implied.set(view, [...(implied.get(view) ?? []), name]);
  for (const [name, by] of implied) permissions.push({ name, label: permissionLabel(name), grantedBy: [], implied: { by } });
  permissions.sort((a, b) => a.name.localeCompare(b.name));

  const sees = (p: SecurityProfile, resource: string): boolean => {
    const view = RESOURCE_VIEWS[resource];
    const granted = new Set(p.Permissions ?? []);
    return view === undefined || granted.has(view) || [...granted].some((g) => impliedPermissions(g).includes(view));
  };
  const restrictions: EffectiveRestriction[] = [];
  for (const kind of ['tags', 'hierarchy'] as const) {
    const field = kind === 'tags' ? 'TagRestrictedResources' : 'HierarchyRestrictedResources';
    const resources = new Set(profiles.flatMap((p) => p[field] ?? []));
    for (const resource of resources) {
      const restricting = profiles.filter((p) => (p[field] ?? []).includes(resource) && (kind === 'hierarchy' || (p.AllowedAccessControlTags?.length ?? 0) > 0));
      const lifting = profiles.filter((p) => !restricting.includes(p) && sees(p, resource));
      const allowed =
        kind === 'tags'
          ? [...new Set(restricting.flatMap((p) => (p.AllowedAccessControlTags ?? []).map(tagText)))]
          : [...new Set(restricting.flatMap((p) => (p.AllowedAccessControlHierarchyGroupId ? [p.AllowedAccessControlHierarchyGroupId] : [])))];
      restrictions.push({
        resource,
        kind,
        applies: restricting.length > 0 && lifting.length === 0,
        restrictedBy: restricting.map((p) => p.SecurityProfileName),
        liftedBy: lifting.map((p) => p.SecurityProfileName),
        allowed,
      });
    }
  }
  return {
    username: user.username,
    arn: user.arn,
    profiles: profiles.map((p) => ({ name: p.SecurityProfileName, arn: p.SecurityProfileArn ?? '' })),
    permissions,
    restrictions,
    missing,
  };
}

/** The explanation as lines for people (the CLI's table output and the TUI screen). */
export function explanationLines(e: UserExplanation, groupName: (id: string) => string | undefined = () => undefined): string[] {
  const lines = [`${e.username} holds ${e.profiles.map((p) => p.name).join(', ') || 'no profile'}${e.missing.length ? ` (and ${e.missing.length} not readable)` : ''}.`, ''];
  lines.push(`Permissions (${e.permissions.length}):`);
  for (const p of e.permissions) {
    const from = p.implied ? `implied: needed by ${p.implied.by.join(', ')} (the console grants it with them)` : `from ${p.grantedBy.join(', ')}`;
    lines.push(`  ${p.implied ? '~' : '✓'} ${p.label}${p.label !== p.name ? ` (${p.name})` : ''} — ${from}`);
  }
  lines.push('', 'Restrictions, as they combine:');
  if (e.restrictions.length === 0) lines.push('  none: every resource the permissions reach is reachable in full');
  // Each resource once: what restricts it, and any restriction of another kind that is lifted, in one line.
  const byResource = new Map<string, typeof e.restrictions>();
  for (const r of e.restrictions) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r]);
  const what = (r: (typeof e.restrictions)[number]): string =>
    r.kind === 'tags' ? `tags ${r.allowed.join(', ') || '(none)'}` : `hierarchy group ${r.allowed.map((id) => groupName(id) ?? id).join(', ') || '(none)'}`;
  const kindWord = (r: (typeof e.restrictions)[number]): string => (r.kind === 'tags' ? 'tag' : 'hierarchy');
  const lifted = (r: (typeof e.restrictions)[number]): string =>
    `${r.liftedBy.join(', ')} ${r.liftedBy.length === 1 ? 'shows' : 'show'} it unrestricted, which lifts ${r.restrictedBy.join(', ')}'s ${kindWord(r)} restriction`;
  for (const [resource, rs] of byResource) {
    const applying = rs.filter((r) => r.applies);
    const notApplying = rs.filter((r) => !r.applies);
    if (applying.length > 0) {
      const by = [...new Set(applying.flatMap((r) => r.restrictedBy))].join(', ');
      const also = notApplying.length > 0 ? `; no ${notApplying.map(kindWord).join(' or ')} restriction: ${notApplying.map(lifted).join('; ')}` : '';
      lines.push(`  ${resource}: only those with ${applying.map(what).join(' and ')} (every profile that shows ${resource} restricts it: ${by})${also}`);
    } else {
      lines.push(`  ${resource}: NOT restricted — ${notApplying.map(lifted).join('; ')}`);
    }
  }
  return lines;
}

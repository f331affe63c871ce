// What a user can really do: the union of their profiles' permissions, with where each comes from;
// restrictions that hold only while every profile showing the resource restricts it; implied Views.
import { describe, expect, it } from 'vitest';
import { explainUser, explanationLines } from '../../../src/domain/access/explain-user.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const I = 'arn:aws:connect:us-east-1:111122223333:instance/i-1';
const p = (name: string, extra: Partial<SecurityProfile>): SecurityProfile => ({ InstanceArn: I, SecurityProfileArn: `${I}/security-profile/${name}`, SecurityProfileName: name, ...extra });
const user = (...profiles: SecurityProfile[]) => ({ arn: `${I}/agent/u1`, username: 'ana', securityProfileArns: profiles.map((x) => x.SecurityProfileArn!) });
const byArn = (...profiles: SecurityProfile[]) => new Map(profiles.map((x) => [x.SecurityProfileArn!, x]));

describe('explainUser', () => {
  const sales = p('Sales', { Permissions: ['Users.View', 'Queues.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }], TagRestrictedResources: ['User', 'Queue'] });
  const support = p('Support', { Permissions: ['Queues.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'support' }], TagRestrictedResources: ['Queue'] });
  const agent = p('Agent', { Permissions: ['BasicAgentAccess', 'Users.View'] });

  it('states each resource\'s restriction once: a hierarchy restriction that holds beside a lifted tag one is one line, never "NOT restricted" and "only those" both', () => {
    const tagged = p('Tagged', { Permissions: ['Users.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }], TagRestrictedResources: ['User'], AllowedAccessControlHierarchyGroupId: 'g-1', HierarchyRestrictedResources: ['User'] });
    const grouped = p('Grouped', { Permissions: ['Users.View'], AllowedAccessControlHierarchyGroupId: 'g-1', HierarchyRestrictedResources: ['User'] });
    const e = explainUser(user(tagged, grouped), byArn(tagged, grouped));
    const lines = explanationLines(e, (id) => (id === 'g-1' ? 'Americas/Support' : undefined)).filter((l) => l.startsWith('  User:'));
    expect(lines).toEqual([
      "  User: only those with hierarchy group Americas/Support (every profile that shows User restricts it: Tagged, Grouped); no tag restriction: Grouped shows it unrestricted, which lifts Tagged's tag restriction",
    ]);
  });

  it('gives the union of permissions and which profile grants each', () => {
    const e = explainUser(user(sales, agent), byArn(sales, agent));
    expect(e.permissions.find((x) => x.name === 'Users.View')!.grantedBy).toEqual(['Sales', 'Agent']);
    expect(e.permissions.find((x) => x.name === 'BasicAgentAccess')).toMatchObject({ label: 'Access Contact Control Panel', grantedBy: ['Agent'] });
  });

  it('an unrestricted profile that shows the resource lifts the restriction; restricting profiles alone combine their tags', () => {
    const lifted = explainUser(user(sales, agent), byArn(sales, agent)).restrictions.find((r) => r.resource === 'User')!;
    expect(lifted).toMatchObject({ applies: false, restrictedBy: ['Sales'], liftedBy: ['Agent'] });
    // Agent cannot see queues: the Queue restriction still holds.
    expect(explainUser(user(sales, agent), byArn(sales, agent)).restrictions.find((r) => r.resource === 'Queue')).toMatchObject({ applies: true, allowed: ['dept=sales'] });
    const both = explainUser(user(sales, support), byArn(sales, support)).restrictions.find((r) => r.resource === 'Queue')!;
    expect(both).toMatchObject({ applies: true, restrictedBy: ['Sales', 'Support'], allowed: ['dept=sales', 'dept=support'] });
    const lines = explanationLines(explainUser(user(sales, agent), byArn(sales, agent))).join('\n');
    expect(lines).toContain("User: NOT restricted — Agent shows it unrestricted, which lifts Sales's tag restriction");
    expect(lines).toContain('Queue: only those with tags dept=sales');
  });

  it('marks the Views the console grants implicitly, and profiles it could not read', () => {
    const editor = p('Editors', { Permissions: ['Queues.Edit'] });
    const e = explainUser({ ...user(editor), securityProfileArns: [editor.SecurityProfileArn!, `${I}/security-profile/gone`] }, byArn(editor));
    expect(e.permissions.find((x) => x.name === 'Queues.View')).toMatchObject({ grantedBy: [], implied: { by: ['Queues.Edit'] } });
    expect(e.missing).toEqual([`${I}/security-profile/gone`]);
    expect(explanationLines(e).join('\n')).toContain('~ Queues · View (Queues.View) — implied: needed by Queues.Edit');
  });
});

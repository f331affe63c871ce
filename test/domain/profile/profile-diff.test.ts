import { describe, expect, it } from 'vitest';
import { describeChanges, describeImpliedAdds, summariseChanges } from '../../../src/domain/profile/profile-diff.js';
import type { SecurityProfile, SecurityProfileDraft } from '../../../src/domain/profile/security-profile.js';

const before: SecurityProfile = {
  InstanceArn: 'arn:aws:connect:us-east-1:123456789012:instance/abc',
  SecurityProfileName: 'Supervisor',
  SecurityProfileArn: 'arn:aws:connect:us-east-1:123456789012:instance/abc/security-profile/def',
  LastModifiedTime: 1,
  Description: 'old',
  Permissions: ['Queues.Create', 'Queues.View', 'Legacy.Custom'],
  Tags: [
    { Key: 'env', Value: 'prod' },
    { Key: 'owner', Value: 'ann' },
  ],
};
const draft = (changes: Partial<SecurityProfileDraft>): SecurityProfileDraft => {
  const { SecurityProfileArn: _a, LastModifiedTime: _t, ...rest } = before;
  return { ...rest, ...changes };
};
const labels = (after: SecurityProfileDraft, from: SecurityProfile | SecurityProfileDraft = before) => describeChanges(from, after).map((c) => c.label);

describe('describeChanges', () => {
  it('is empty for the same model, sets in any order, read-only fields ignored', () => {
    expect(describeChanges(before, draft({ Permissions: ['Legacy.Custom', 'Queues.View', 'Queues.Create'] }))).toEqual([]);
    expect(summariseChanges([])).toBe('no changes');
  });

  it('describes permissions in the console words, grouped, removals first, with the API name', () => {
    const changes = describeChanges(before, draft({ Permissions: ['Queues.View', 'Users.Edit', 'Users.View', 'Brand.New'] }));
    expect(changes.map((c) => c.label)).toEqual([
      '− Queues · Create (Queues.Create)',
      '+ Users · Edit (Users.Edit)',
      '+ Users · View (Users.View) — needed by Edit',
      '− Legacy.Custom',
      '+ Brand.New',
    ]);
    expect(changes[2]).toMatchObject({ kind: 'permission-added', permission: 'Users.View', group: 'Users and permissions', impliedBy: ['Users.Edit'] });
    expect(changes[4]).toMatchObject({ kind: 'permission-added', permission: 'Brand.New', group: 'Other' });
    expect(summariseChanges(changes)).toBe('3 permissions added, 2 permissions removed');
    expect(describeImpliedAdds(before, draft({ Permissions: ['Users.Edit', 'Users.View'] }))).toEqual(['Users · View (for Users · Edit)']);
  });

  it('describes the description and tags', () => {
    expect(labels(draft({ Description: 'new', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'ops' }] }))).toEqual([
      'Description: "old" → "new"',
      '− tag owner',
      '~ tag env: prod → dev',
      '+ tag team=ops',
    ]);
    expect(labels(draft({ Description: undefined } as unknown as Partial<SecurityProfileDraft>))).toEqual(['Description: "old" → (none)']);
  });

  it('summarises access control, applications, flow modules and granular access', () => {
    const from = draft({
      AllowedAccessControlTags: [{ Key: 'dept', Value: 'a' }],
      TagRestrictedResources: ['User'],
      Applications: [{ Namespace: 'app.one', ApplicationPermissions: ['Read'] }, { Namespace: 'gone' }],
      AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: 'fm-1' }],
    });
    const to = draft({
      AllowedAccessControlTags: [{ Key: 'dept', Value: 'b' }],
      TagRestrictedResources: ['User', 'Queue'],
      HierarchyRestrictedResources: ['User'],
      AllowedAccessControlHierarchyGroupId: 'hg-1',
      Applications: [{ Namespace: 'app.one', ApplicationPermissions: ['Read', 'Write'] }, { Namespace: 'new.app', ApplicationPermissions: ['X'], Type: 'MCP' }],
      AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: 'fm-2' }],
      GranularAccessControlConfiguration: {
        DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [{ AccessType: 'ALLOW', AttributeName: 'Dept', Values: ['sales', 'support'] }] } },
      },
    });
    expect(labels(to, from)).toEqual([
      '~ access-control tag dept: a → b',
      '+ tag-restricted resource Queue',
      '+ hierarchy-restricted resource User',
      'Access-control hierarchy group: (none) → "hg-1"',
      '~ application app.one: + Write',
      '− application gone (no permissions)',
      '+ application new.app [MCP] (X)',
      '− flow module MCP fm-1',
      '+ flow module MCP fm-2',
      '~ granular access (data tables): + ALLOW Dept = sales, support',
    ]);
    expect(describeChanges(from, to).map((c) => c.kind)).toContain('application-changed');
  });

  it('sanitises server text in labels', () => {
    const hostile = draft({ Description: 'x\u001b[2J\u202Ey', Tags: [{ Key: 'k\u001b]52;c;QQ==\u0007', Value: 'v\nw' }] });
    const out = labels(draft({ Description: 'new', Tags: [] }), hostile);
    expect(out).toEqual(['Description: "x\uFFFDy" → "new"', '− tag k\uFFFD']);
    expect(labels(hostile).join('')).not.toMatch(/[\u001b\u202E\n]/);
  });

  it('shows a name change for create-only fields too (e.g. a clone form)', () => {
    expect(labels(draft({ SecurityProfileName: 'Copy' }))).toEqual(['Name: "Supervisor" → "Copy"']);
  });
});

describe('empty values', () => {
  it('an empty name or description reads (none), as an absent one does (promote, clone and compare alike)', () => {
    const labels = describeChanges({ InstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i', SecurityProfileName: '' }, { InstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i', SecurityProfileName: 'Night Leads', Description: 'x' }).map((c) => c.label);
    expect(labels).toContain('Name: (none) → "Night Leads"');
    expect(labels).toContain('Description: (none) → "x"');
  });
});

import { describe, expect, it } from 'vitest';
import { impliedPermissions, toggleGroup, toggleWithImplications } from '../../../src/domain/permissions/permission-rules.js';
import {
  MAX_PERMISSIONS,
  OTHER_GROUP,
  actionLabel,
  canonicalPermissionName,
  editDistance,
  getCatalogue,
  groupPermissions,
  lookupPermission,
  permissionLabel,
  suggestPermissions,
} from '../../../src/domain/permissions/permissions.js';
import raw from '../../../data/connect-permissions.json' with { type: 'json' };

describe('catalogue', () => {
  it('holds every entry of the data file once, groups in file order', () => {
    const catalogue = getCatalogue();
    expect(catalogue.flatMap((g) => g.permissions.map((p) => p.name))).toHaveLength(raw.length);
    const fileGroups = [...new Set(raw.map((r) => r.group))];
    expect(catalogue.map((g) => g.group)).toEqual(fileGroups);
    expect(catalogue[0]!.permissions[0]!.name).toBe(raw[0]!.name);
    expect(MAX_PERMISSIONS).toBe(500);
  });

  it('looks up names exactly, deriving a label where the source has none', () => {
    expect(lookupPermission('Users.Edit')).toMatchObject({ group: 'Users and permissions', action: 'Edit', uiName: 'Users', resource: 'Users', uiNameDerived: false });
    expect(lookupPermission('users.edit')).toBeUndefined();
    expect(lookupPermission('ScreenRecording.Delete')).toMatchObject({ uiName: 'Screen recording', uiNameDerived: true });
    expect(canonicalPermissionName(' users.EDIT ')).toBe('Users.Edit');
  });

  it("carries the admin guide's newer names with their console groups and labels: AI agents, prompts and guardrails, data tables", () => {
    expect(permissionLabel('QConnectAIAgents.Edit')).toBe('AI agents · Edit');
    expect(lookupPermission('QConnectAIAgents.Edit')).toMatchObject({ group: 'Amazon Q' });
    expect(lookupPermission('QConnectGuardrails.Delete')).toMatchObject({ group: 'Amazon Q', action: 'Delete' });
    for (const name of ['DataTables.View', 'DataTables.Edit', 'DataTables.Create', 'DataTables.Delete']) expect(lookupPermission(name), name).toBeDefined();
  });
});

describe('groupPermissions', () => {
  it('orders catalogue groups and items as the catalogue does, unknown names last under Other', () => {
    const grouped = groupPermissions(['Zeta.Custom', 'Users.View', 'Queues.Edit', 'Users.Create', 'Alpha.Custom', 'Users.View']);
    expect(grouped).toEqual([
      { group: 'Routing', items: [{ name: 'Queues.Edit', info: lookupPermission('Queues.Edit') }] },
      {
        group: 'Users and permissions',
        items: [
          { name: 'Users.Create', info: lookupPermission('Users.Create') },
          { name: 'Users.View', info: lookupPermission('Users.View') },
        ],
      },
      { group: OTHER_GROUP, items: [{ name: 'Alpha.Custom' }, { name: 'Zeta.Custom' }] },
    ]);
    expect(groupPermissions([])).toEqual([]);
  });
});

describe('implications', () => {
  it.each([
    ['Users.Edit', ['Users.View']],
    ['Users.Create', ['Users.View']],
    ['Users.Delete', ['Users.View']],
    ['Views.Remove', ['Views.View']],
    ['Queues.EnableAndDisable', ['Queues.View']],
    ['Users.View', []],
    ['BasicAgentAccess', []],
    ['AccessMetrics.RealTimeMetrics.Access', []], // no AccessMetrics.RealTimeMetrics.View in the catalogue
    ['Custom.Edit', []], // unknown names imply nothing
  ])('%s implies %j', (name, implied) => {
    expect(impliedPermissions(name)).toEqual(implied);
  });

  it('granting Edit also grants View; granting again withdraws only Edit', () => {
    const granted = toggleWithImplications(new Set(['BasicAgentAccess']), 'Users.Edit');
    expect([...granted.granted].sort()).toEqual(['BasicAgentAccess', 'Users.Edit', 'Users.View']);
    expect(granted).toMatchObject({ added: ['Users.Edit', 'Users.View'], removed: [] });
    const back = toggleWithImplications(granted.granted, 'Users.Edit');
    expect([...back.granted].sort()).toEqual(['BasicAgentAccess', 'Users.View']);
    expect(back).toMatchObject({ added: [], removed: ['Users.Edit'] });
  });

  it('withdrawing View also withdraws the actions that need it, and leaves the input set alone', () => {
    const input = new Set(['Users.View', 'Users.Edit', 'Users.Delete', 'Queues.View']);
    const result = toggleWithImplications(input, 'Users.View');
    expect([...result.granted]).toEqual(['Queues.View']);
    expect(result.removed.sort()).toEqual(['Users.Delete', 'Users.Edit', 'Users.View']);
    expect(input.size).toBe(4);
  });

  it('does not add View twice when it is already granted', () => {
    expect(toggleWithImplications(new Set(['Users.View']), 'Users.Edit').added).toEqual(['Users.Edit']);
  });

  it('toggles a whole group on, then off when all are on, never touching other names', () => {
    const group = getCatalogue().find((g) => g.group === 'Outbound campaigns')!;
    const on = toggleGroup(new Set(['Custom.X', group.permissions[0]!.name]), group.group);
    expect(on.added).toHaveLength(group.permissions.length - 1);
    expect(on.granted.has('Custom.X')).toBe(true);
    const off = toggleGroup(on.granted, group.group);
    expect([...off.granted]).toEqual(['Custom.X']);
  });

});

describe('suggestPermissions', () => {
  it.each([
    ['users.edit', 'Users.Edit'], // case only
    ['Users.Edt', 'Users.Edit'], // one letter missing
    ['Usres.Edit', 'Users.Edit'], // swapped letters
    ['Queus.View', 'Queues.View'],
    ['SecurityProfile.View', 'SecurityProfiles.View'],
  ])('%s → %s first', (input, expected) => {
    expect(suggestPermissions(input)[0]).toBe(expected);
  });

  it('prefers prefix matches, then substrings, and honours the limit', () => {
    const s = suggestPermissions('Users.');
    expect(s).toHaveLength(5);
    expect(s.every((n) => n.startsWith('Users.'))).toBe(true);
    expect(suggestPermissions('TaskTemplates', 2)).toEqual(['TaskTemplates.Edit', 'TaskTemplates.View']);
    expect(suggestPermissions('Templates.Create')).toContain('TaskTemplates.Create');
  });

  it('suggests nothing for empty input or nothing close', () => {
    expect(suggestPermissions('')).toEqual([]);
    expect(suggestPermissions('qqqqqqqqqqqqqqqqqqqqqq')).toEqual([]);
  });

  it('measures edit distance with adjacent swaps as one edit', () => {
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('labels', () => {
  it.each([
    ['Users.Edit', 'Users · Edit'],
    ['Queues.EnableAndDisable', 'Queues · Enable/Disable'],
    ['Users.EditPermission', 'Users · Edit permission'],
    ['AgentTimeCard.View', 'Login/Logout report · View'],
    ['Campaigns.View', 'Campaigns · View'],
    ['Campaigns.Manage', 'Campaigns · Manage'],
    ['ContentManagement.MessageTemplates.Edit', 'Message templates · Edit'],
    ['ContactSearchQuickViewWidget.View', 'Contact search quick view widget · View'],
    ['BasicAgentAccess', 'Access Contact Control Panel'],
    ['Not.In.Catalogue', 'Not.In.Catalogue'],
    // The console's rows start with a capital, whatever the guide's table says.
    ['Wisdom.View', 'Agent assist · View'],
    // A one-checkbox feature is its label alone.
    ['TransferContact.Enabled', 'Transfer Contact'],
    ['StopContact.Enabled', 'End contact'],
    ['MyReceivedEvaluations.View', 'Evaluation forms - view my received evaluations'],
  ])('%s → %s', (name, label) => {
    expect(permissionLabel(name)).toBe(label);
  });

  it('gives every catalogue entry a label that names its resource, starting with a capital, once', () => {
    const labels = new Map<string, string>();
    for (const { permissions } of getCatalogue()) {
      for (const p of permissions) {
        const label = permissionLabel(p.name);
        expect(label.length).toBeGreaterThan(2);
        expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
        expect(label).not.toMatch(/·\s*(Enabled|Enable)$/);
        labels.set(label, labels.has(label) ? `${labels.get(label)} ${p.name}` : p.name);
      }
    }
    // Two permissions never read the same.
    expect([...labels.values()].filter((names) => names.includes(' '))).toEqual([]);
    expect(actionLabel('DownloadButton')).toBe('Download button');
  });
});

import { describe, expect, it } from 'vitest';
import { compareLines, compareSummary } from '../../src/components/compare-lines.js';
import { profileDetailLines, rawJsonLines } from '../../src/components/detail-lines.js';
import { helpLines } from '../../src/components/help-view.js';
import { progressBar } from '../../src/components/progress-bar.js';
import { toneStyle } from '../../src/components/theme.js';
import type { SecurityProfile } from '../../src/domain/profile/security-profile.js';

const profile: SecurityProfile = {
  InstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1',
  SecurityProfileArn: 'arn:aws:connect:us-east-1:111122223333:instance/i-1/security-profile/p-1',
  SecurityProfileName: 'Agent',
  Description: 'Handles \u001B[31mcontacts\u001B[0m',
  Permissions: ['Users.Edit', 'BasicAgentAccess', 'Made.Up'],
  Tags: [{ Key: 'team', Value: 'support' }],
  AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }],
  TagRestrictedResources: ['User'],
  HierarchyRestrictedResources: ['User'],
  AllowedAccessControlHierarchyGroupId: 'group-1',
  Applications: [{ Namespace: 'qconnect', ApplicationPermissions: ['Qconnect.Use'] }],
  AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: 'fm-1' }],
  GranularAccessControlConfiguration: {
    DataTableAccessControlConfiguration: {
      PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [{ AccessType: 'ALLOW', AttributeName: 'Region', Values: ['EU'] }] },
    },
  },
  LastModifiedTime: 1_768_478_400,
  LastModifiedRegion: 'us-east-1',
};

describe('profileDetailLines', () => {
  const text = profileDetailLines(profile, { width: 100, now: new Date('2026-01-15T12:00:00Z') })
    .map((l) => l.text)
    .join('\n');
  it('shows every property in human form', () => {
    expect(text).toContain('Name:           Agent (built-in)');
    expect(text).toContain('Description:    Handles \uFFFDcontacts\uFFFD');
    expect(text).not.toContain('\u001B');
    expect(text).toContain('p-1');
    expect(text).toMatch(/Last modified:\s+2026-01-15 12:00 UTC \(just now\) in us-east-1 \(US East \(N\. Virginia\)\)/);
    expect(text).toContain('team = support');
    expect(text).toContain('dept = sales');
    expect(text).toContain('group-1');
    expect(text).toContain('qconnect');
    expect(text).toContain('Qconnect.Use');
    expect(text).toContain('MCP fm-1');
    expect(text).toContain('Region = EU');
  });
  it('groups permissions by console group with labels and API names, unknown ones under Other', () => {
    expect(text).toContain('Permissions (3)');
    expect(text).toMatch(/Users and permissions \(1\)\n\s+✓ Users · Edit\s+Users\.Edit/);
    expect(text).toMatch(/Other \(1\)\n\s+✓ \(not in the catalogue\)\s+Made\.Up/);
  });
  it('never cuts a permission label: a long one puts its API name on the next line', () => {
    const lines = profileDetailLines({ ...profile, Permissions: ['MyReceivedEvaluations.View', 'Users.Edit'] }, { width: 60 }).map((l) => l.text);
    const at = lines.findIndex((l) => l.includes('Evaluation forms - view my received evaluations'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).not.toContain('…');
    expect(lines[at + 1]!.trim()).toBe('MyReceivedEvaluations.View');
    expect(lines.some((l) => /✓ Users · Edit\s+Users\.Edit$/.test(l))).toBe(true);
  });

  it('raw JSON is the model, sanitised', () => {
    const raw = rawJsonLines(profile).map((l) => l.text).join('\n');
    expect(raw).toContain('"SecurityProfileName": "Agent"');
    expect(raw).not.toContain('\u001B');
  });
});

describe('compareLines', () => {
  const left = { name: 'A', permissions: ['Users.Edit', 'Users.View'] };
  const right = { name: 'B', permissions: ['Users.View', 'BasicAgentAccess'] };
  it('marks differences with ≠ and words, not only colour', () => {
    const lines = compareLines(left, right, 100, false).map((l) => l.text);
    expect(lines.find((l) => l.includes('Users.Edit'))).toMatch(/^\s+≠ .*✓ yes\s+✗ no/);
    expect(lines.find((l) => l.includes('Users.View'))).toMatch(/^\s{4}.*✓ yes\s+✓ yes/);
    expect(compareSummary(left, right)).toEqual({ onlyLeft: 1, onlyRight: 1, both: 1 });
  });
  it('only differences hides what both grant', () => {
    const lines = compareLines(left, right, 100, true).map((l) => l.text);
    expect(lines.some((l) => l.includes('Users.View'))).toBe(false);
    expect(compareLines(left, left, 100, true)[0]!.text).toContain('No differences');
  });
});

describe('small pieces', () => {
  it('progress bar shows progress in characters', () => {
    expect(progressBar(5, 10, 20)).toBe('[#######------] 5/10');
    expect(progressBar(0, 4, 16)).toMatch(/^\[-+\] 0\/4$/);
    expect(progressBar(4, 4, 16)).toMatch(/^\[#+\] 4\/4$/);
  });
  it('NO_COLOR drops colours but keeps attributes', () => {
    expect(toneStyle('error', false)).toEqual({ bold: true });
    expect(toneStyle('error', true)).toEqual({ color: 'red', bold: true });
    expect(toneStyle('selected', false)).toEqual({ inverse: true });
  });
  it('help lines come from the keymap', () => {
    expect(helpLines('compare').map((l) => l.text).join('\n')).toContain('Toggle: only the differences');
  });
});

// Drift between instances, pure: profiles matched by name, each against the baseline in console
// words; the instance ARN and a hierarchy group's id (same path) do not count as differences.
import { describe, expect, it } from 'vitest';
import { cellText, comparableProfile, driftCount, driftMatrix, type DriftColumn } from '../../../src/domain/fleet/drift.js';
import type { HierarchyGroup, SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const group = (instance: string, id: string, name: string, parent?: string): HierarchyGroup => ({
  arn: `${instance}/agent-group/${id}`,
  id,
  name,
  ...(parent ? { parentGroupArn: `${instance}/agent-group/${parent}` } : {}),
});
const A = 'arn:aws:connect:us-east-1:111111111111:instance/a';
const B = 'arn:aws:connect:eu-west-2:222222222222:instance/b';
const groupsA = [group(A, 'ga1', 'Americas'), group(A, 'ga2', 'Support floor', 'ga1')];
const groupsB = [group(B, 'gb1', 'Americas'), group(B, 'gb2', 'Support floor', 'gb1')];
const profile = (instance: string, name: string, extra: Partial<SecurityProfile> = {}): SecurityProfile => ({
  InstanceArn: instance,
  SecurityProfileName: name,
  SecurityProfileArn: `${instance}/security-profile/${name}`,
  LastModifiedTime: instance === A ? 1 : 2,
  Permissions: ['BasicAgentAccess'],
  ...extra,
});

describe('comparableProfile', () => {
  it('drops the ARN, times and instance and writes the group as its path', () => {
    const p = comparableProfile(profile(A, 'Leads', { AllowedAccessControlHierarchyGroupId: 'ga2', LastModifiedRegion: 'us-east-1' }), groupsA);
    expect(p).toEqual({ InstanceArn: '', SecurityProfileName: 'Leads', Permissions: ['BasicAgentAccess'], AllowedAccessControlHierarchyGroupId: 'Americas/Support floor' });
  });
});

describe('driftMatrix', () => {
  const columns: DriftColumn[] = [
    { key: 'dev:a', groups: groupsA, profiles: [
      profile(A, 'Agent', { Permissions: ['BasicAgentAccess', 'ContactSearch.View'] }),
      profile(A, 'Leads', { AllowedAccessControlHierarchyGroupId: 'ga2', HierarchyRestrictedResources: ['User'] }),
      profile(A, 'Dev only'),
      profile(A, 'Worded', { Description: 'one' }),
    ] },
    { key: 'prod:b', groups: groupsB, profiles: [
      // Permissions in another order: a set, the same.
      profile(B, 'Agent', { Permissions: ['BasicAgentAccess'] }),
      profile(B, 'Leads', { AllowedAccessControlHierarchyGroupId: 'gb2', HierarchyRestrictedResources: ['User'] }),
      profile(B, 'Prod only'),
      profile(B, 'Worded', { Description: 'two', Permissions: ['BasicAgentAccess', 'Users.View'] }),
    ] },
    { key: 'test:c' },
  ];

  it.each([
    ['Agent', ['=', '≠1', '?']],
    ['Dev only', ['=', '–', '?']],
    ['Leads', ['=', '=', '?']],
    ['Prod only', ['·', '+', '?']],
    ['Worded', ['=', '≠2', '?']],
  ])('%s: %j', (name, cells) => {
    const matrix = driftMatrix(columns, 0);
    const row = matrix.names.indexOf(name);
    expect(matrix.cells[row]!.map(cellText)).toEqual(cells);
  });

  it('says each difference in console words, and counts the profiles that drift', () => {
    const matrix = driftMatrix(columns, 0);
    const worded = matrix.cells[matrix.names.indexOf('Worded')]![1]!;
    expect(worded.state === 'differs' && worded.changes.map((c) => c.label)).toEqual(['Description: "one" → "two"', '+ Users · View (Users.View)']);
    expect(driftCount(matrix)).toBe(4);
  });

  it('another baseline turns missing into extra', () => {
    const matrix = driftMatrix(columns, 1);
    expect(matrix.cells[matrix.names.indexOf('Dev only')]!.map(cellText)).toEqual(['+', '·', '?']);
    expect(matrix.cells[matrix.names.indexOf('Prod only')]!.map(cellText)).toEqual(['–', '=', '?']);
  });

  it('only the named profiles, when asked', () => {
    expect(driftMatrix(columns, 0, ['Leads', 'Agent']).names).toEqual(['Agent', 'Leads']);
  });
});

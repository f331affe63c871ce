import { describe, expect, it } from 'vitest';
import { connectIssues, connectUpdateRequests } from '../../../src/domain/profile/connect-plan.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const ARN = 'arn:aws:connect:eu-west-2:111122223333:instance/inst-1/security-profile/prof-9';
const before: SecurityProfile = {
  SecurityProfileArn: ARN,
  InstanceArn: 'arn:aws:connect:eu-west-2:111122223333:instance/inst-1',
  SecurityProfileName: 'Supervisors (EMEA)',
  Description: 'Floor',
  Permissions: ['B', 'A'],
  Tags: [{ Key: 'Cost Center', Value: 'cc-1' }, { Key: 'team', Value: 'x' }],
  AllowedAccessControlTags: [{ Key: 'region', Value: 'emea' }],
};

describe('connectUpdateRequests', () => {
  it('nothing changed (permissions reordered): no request', () => {
    expect(connectUpdateRequests(before, { ...before, Permissions: ['A', 'B'] })).toEqual([]);
  });

  it('only changed fields in UpdateSecurityProfile, ids in the path; tags as TagResource/UntagResource', () => {
    const { Description: _dropped, ...withoutDescription } = before;
    const requests = connectUpdateRequests(before, {
      ...withoutDescription,
      Permissions: ['A', 'C'],
      AllowedAccessControlTags: [...before.AllowedAccessControlTags!, { Key: 'shift', Value: 'day' }],
      Tags: [{ Key: 'Cost Center', Value: 'cc-2' }, { Key: 'owner', Value: 'ops' }],
    });
    expect(requests).toEqual([
      {
        operation: 'UpdateSecurityProfile',
        http: 'POST /security-profiles/inst-1/prof-9',
        body: { InstanceId: 'inst-1', SecurityProfileId: 'prof-9', Description: '', Permissions: ['A', 'C'], AllowedAccessControlTags: { region: 'emea', shift: 'day' } },
      },
      { operation: 'TagResource', http: `POST /tags/${ARN}`, body: { resourceArn: ARN, tags: { 'Cost Center': 'cc-2', owner: 'ops' } } },
      { operation: 'UntagResource', http: `DELETE /tags/${ARN}?tagKeys=…`, body: { resourceArn: ARN, tagKeys: ['team'] } },
    ]);
  });

  it('a removed hierarchy restriction is sent as an empty id', () => {
    const withGroup = { ...before, AllowedAccessControlHierarchyGroupId: 'g-1' };
    const [update] = connectUpdateRequests(withGroup, { ...before });
    expect(update?.body.AllowedAccessControlHierarchyGroupId).toBe('');
  });
});

describe('connectIssues: Connect’s own rules', () => {
  it.each([
    [{ Description: 'x'.repeat(251) }, /Description: at most 250/],
    [{ AllowedAccessControlTags: ['a', 'b', 'c', 'd', 'e'].map((k) => ({ Key: k, Value: '1' })) }, /AllowedAccessControlTags: Connect allows at most 4/],
    [{ Tags: [{ Key: 'aws:x', Value: '1' }] }, /aws: prefix is reserved/],
    [{ Tags: [{ Key: 'a#b', Value: '1' }] }, /letters, digits, spaces/],
  ])('%o is refused', (change, rule) => {
    expect(connectIssues({ ...before, ...change }).join('; ')).toMatch(rule);
  });

  it('what the schema refuses and Connect takes is fine: a space in a tag key, 4 access-control tags, a console name', () => {
    expect(connectIssues({ ...before, AllowedAccessControlTags: ['a', 'b', 'c', 'd'].map((k) => ({ Key: k, Value: '1' })) })).toEqual([]);
  });
});

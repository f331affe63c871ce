import { describe, expect, it } from 'vitest';
import { buildIamPolicy, handlerPermissions, type IamPolicyDocument, requiredActionsFor } from '../../../src/domain/service/iam-policy.js';
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../../../src/domain/profile/security-profile.js';

const policyActions = (policy: IamPolicyDocument): string[] => [...new Set(policy.Statement.flatMap((s) => s.Action))];

describe('buildIamPolicy', () => {
  it('read-only: lists and reads the three types, watches requests, and writes nothing', () => {
    const policy = buildIamPolicy({ readOnly: true });
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['CloudControlRead', 'ConnectRead', 'ConnectInstanceDirectoryRead', 'OptionalConnectApiHolders', 'OptionalUsersThroughCloudControl', 'OptionalFlowModuleNames', 'OptionalServiceQuotas', 'OptionalHistory', 'OptionalAiAgents']);
    expect(policy.Statement.find((s) => s.Sid === 'OptionalConnectApiHolders')!.Action).toEqual(['connect:SearchUsers']);
    // AI agents: Amazon Q in Connect's IAM prefix is wisdom.
    expect(policy.Statement.find((s) => s.Sid === 'OptionalAiAgents')!.Action).toEqual(['connect:ListEntitySecurityProfiles', 'connect:ListSecurityProfileAIAgents', 'wisdom:ListAIAgents', 'wisdom:ListAssistants']);
    expect(policy.Statement.find((s) => s.Sid === 'OptionalFlowModuleNames')!.Action).toEqual(['connect:ListContactFlowModules']);
    expect(policy.Statement[0]!.Action).toEqual([
      'cloudformation:GetResource',
      'cloudformation:GetResourceRequestStatus',
      'cloudformation:ListResourceRequests',
      'cloudformation:ListResources',
    ]);
    const actions = policyActions(policy);
    for (const a of ['connect:ListSecurityProfiles', 'connect:DescribeSecurityProfile', 'connect:ListSecurityProfilePermissions', 'connect:ListInstances', 'connect:DescribeInstance', 'connect:ListUserHierarchyGroups', 'connect:DescribeUserHierarchyGroup', 'ds:DescribeDirectories']) {
      expect(actions).toContain(a);
    }
    for (const a of actions) expect(a).not.toMatch(/Create|Update|Delete|Tag|Cancel/);
    // Every Connect API call spex makes directly is in the policy.
    for (const a of ['connect:ListSecurityProfiles', 'connect:SearchUsers']) expect(actions).toContain(a);
  });

  it('read-write: adds Cloud Control writes and the security profile handlers, nothing for instances or groups', () => {
    const policy = buildIamPolicy({ readOnly: false });
    const write = policy.Statement.find((s) => s.Sid === 'ConnectSecurityProfileWrite')!;
    expect(write.Action).toEqual(['connect:CreateSecurityProfile', 'connect:DeleteSecurityProfile', 'connect:TagResource', 'connect:UntagResource', 'connect:UpdateSecurityProfile']);
    expect(policy.Statement.find((s) => s.Sid === 'CloudControlWrite')!.Action).toEqual([
      'cloudformation:CancelResourceRequest',
      'cloudformation:CreateResource',
      'cloudformation:DeleteResource',
      'cloudformation:UpdateResource',
    ]);
    const actions = policyActions(policy);
    expect(actions).not.toContain('connect:CreateInstance');
    expect(actions).not.toContain('connect:DeleteUserHierarchyGroup');
  });

  it('lists each action once per statement, sorted, with Resource *', () => {
    for (const readOnly of [true, false]) {
      for (const s of buildIamPolicy({ readOnly }).Statement) {
        expect(s.Action).toEqual([...new Set(s.Action)].sort());
        expect(s).toMatchObject({ Effect: 'Allow', Resource: '*' });
      }
      const all = buildIamPolicy({ readOnly }).Statement.flatMap((s) => s.Action);
      expect(all.length).toBe(new Set(all).size);
    }
  });
});

describe('requiredActionsFor', () => {
  it.each([
    ['list', SECURITY_PROFILE_TYPE, ['cloudformation:ListResources', 'connect:ListSecurityProfiles']],
    ['ListResources', INSTANCE_TYPE, ['cloudformation:ListResources', 'connect:ListInstanceAttributes', 'connect:ListInstances', 'ds:DescribeDirectories']],
    ['read', HIERARCHY_GROUP_TYPE, ['cloudformation:GetResource', 'connect:DescribeUserHierarchyGroup']],
    ['delete', SECURITY_PROFILE_TYPE, ['cloudformation:DeleteResource', 'cloudformation:GetResourceRequestStatus', 'connect:DeleteSecurityProfile', 'connect:UntagResource']],
    ['create', SECURITY_PROFILE_TYPE, ['cloudformation:CreateResource', 'cloudformation:GetResourceRequestStatus', 'connect:CreateSecurityProfile', 'connect:TagResource']],
  ])('%s on %s', (op, type, expected) => {
    expect(requiredActionsFor(op, type)).toEqual(expected);
  });

  it('an update also needs the read handler, which Cloud Control runs first', () => {
    const actions = requiredActionsFor('UpdateResource', SECURITY_PROFILE_TYPE);
    expect(actions).toContain('connect:UpdateSecurityProfile');
    expect(actions).toContain('connect:DescribeSecurityProfile');
    expect(actions).toContain('cloudformation:UpdateResource');
  });

  it('names only the Cloud Control action for a type it has no schema for, and refuses unknown operations', () => {
    expect(requiredActionsFor('read', 'AWS::S3::Bucket')).toEqual(['cloudformation:GetResource']);
    expect(() => requiredActionsFor('toString', SECURITY_PROFILE_TYPE)).toThrow('Unknown operation');
    expect(handlerPermissions('AWS::S3::Bucket', 'read')).toEqual([]);
  });
});

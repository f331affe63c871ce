// The emulator's Connect API against the Connect model: every served operation through the AWS SDK
// v3 client, each model constraint at and past its limit, paging with and without MaxResults,
// unknown ids, faults, and an operation it does not serve. boto3's turn is in aws-cli.test.ts.
import {
  ConnectClient,
  CreateSecurityProfileCommand,
  DeleteSecurityProfileCommand,
  DescribeQueueCommand,
  DescribeSecurityProfileCommand,
  DescribeUserCommand,
  ListContactFlowModulesCommand,
  ListSecurityProfileApplicationsCommand,
  ListSecurityProfileFlowModulesCommand,
  ListSecurityProfilePermissionsCommand,
  ListSecurityProfilesCommand,
  ListTagsForResourceCommand,
  SearchSecurityProfilesCommand,
  SearchUsersCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecurityProfileCommand,
  UpdateUserSecurityProfilesCommand,
} from '@aws-sdk/client-connect';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIERARCHY_GROUP_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { CONNECT_RATES } from '../../src/emulator/connect-limits.js';
import { SERVED_OPERATIONS } from '../../src/emulator/connect/index.js';
import { profileProblems } from '../../src/emulator/connect/model.js';
import { demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { CREDENTIALS, errorOf } from './helpers.js';

let emulator: Emulator;
let connect: ConnectClient;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
  connect = new ConnectClient({ endpoint: emulator.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  connect.destroy();
  await emulator.close();
});

const InstanceId = demoInstanceArn().split('/').pop()!;
const idOf = (arn: string) => arn.split('/').pop()!;
type Model = Record<string, unknown>;
const users = () => emulator.listModels('us-east-1', USER_TYPE).filter((u) => u.InstanceArn === demoInstanceArn());
const stored = (arn: string) => emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)!;
async function refused(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const e = await errorOf(p);
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
}

describe('what is served', () => {
  it('docs/emulator.md lists every served operation, and each has a rate under --real-limits', () => {
    const doc = readFileSync(new URL('../../docs/emulator.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| `([A-Za-z]+)` \| Connect/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...SERVED_OPERATIONS].sort());
    for (const op of SERVED_OPERATIONS) expect(CONNECT_RATES[op], op).toBeDefined();
  });

  it('an operation the model has but the emulator does not serve is refused by name, in restJson1', async () => {
    const e = await refused(connect.send(new DescribeQueueCommand({ InstanceId, QueueId: 'q' })));
    expect(e).toMatchObject({ name: 'UnknownOperationException', status: 400 });
    expect(e.message).toMatch(/does not serve the Amazon Connect operation DescribeQueue/);
  });
});

describe('what is stored', () => {
  it('the demo holds only what Connect can hold (flow-module types from the enum, applications with permissions)', async () => {
    const demo = await startEmulator({ asyncDelayMs: 0, profiles: 50 });
    try {
      const regions = ['us-east-1', 'eu-west-2', 'ap-southeast-2', 'us-west-2'];
      const profiles = regions.flatMap((r) => [demo.listModels(r, SECURITY_PROFILE_TYPE), demo.listModels(r, SECURITY_PROFILE_TYPE, '210987654321')]).flat();
      expect(profiles.length).toBeGreaterThan(60);
      expect(profiles.some((p) => (p.AllowedFlowModules as unknown[] | undefined)?.length)).toBe(true);
      for (const p of profiles) expect(profileProblems(p), String(p.SecurityProfileName)).toEqual([]);
    } finally {
      await demo.close();
    }
  });

  it('the check finds what Connect cannot hold', () => {
    expect(profileProblems({ AllowedFlowModules: [{ Type: 'LAMBDA', FlowModuleId: 'm' }] })[0]).toMatch(/AllowedFlowModules.1.member.Type.*enum value set: \[MCP\]/);
    expect(profileProblems({ Applications: [{ Namespace: 'n', ApplicationPermissions: [] }] })[0]).toMatch(/ApplicationPermissions.*greater than or equal to 1/);
    expect(profileProblems({ AllowedAccessControlTags: [1, 2, 3, 4, 5].map((i) => ({ Key: `k${i}`, Value: 'v' })) })[0]).toMatch(/AllowedAccessControlTags.*less than or equal to 4/);
  });
});

describe('security profiles', () => {
  it('create, describe (base fields only), the List* of its parts paged with and without MaxResults, search, tags, delete', async () => {
    const permissions = ['BasicAgentAccess', 'Queues.View', 'Users.View', 'ContactSearch.View', 'Prompts.View'];
    const created = await connect.send(new CreateSecurityProfileCommand({
      InstanceId, SecurityProfileName: 'Model Night Desk', Description: 'made by the Connect API', Permissions: permissions,
      AllowedAccessControlTags: { Team: 'a', 'Cost Center': 'b', Site: 'c', Tier: 'd' }, TagRestrictedResources: ['User'],
      Applications: [{ Namespace: 'app.example', ApplicationPermissions: ['read'], Type: 'THIRD_PARTY_APPLICATION' }], Tags: { owner: 'ops' },
    }));
    expect(created.SecurityProfileArn).toMatch(new RegExp(`^${demoInstanceArn()}/security-profile/`));
    const SecurityProfileId = created.SecurityProfileId!;
    const described = (await connect.send(new DescribeSecurityProfileCommand({ InstanceId, SecurityProfileId }))).SecurityProfile!;
    expect(described).toMatchObject({ Id: SecurityProfileId, SecurityProfileName: 'Model Night Desk', OrganizationResourceId: InstanceId, AllowedAccessControlTags: { Team: 'a', 'Cost Center': 'b', Site: 'c', Tier: 'd' }, Tags: { owner: 'ops' } });
    expect(described).not.toHaveProperty('Permissions');
    expect(described.LastModifiedTime).toBeInstanceOf(Date);

    const first = await connect.send(new ListSecurityProfilePermissionsCommand({ InstanceId, SecurityProfileId, MaxResults: 2 }));
    expect(first.Permissions).toHaveLength(2);
    const rest = await connect.send(new ListSecurityProfilePermissionsCommand({ InstanceId, SecurityProfileId, NextToken: first.NextToken }));
    expect([...first.Permissions!, ...rest.Permissions!]).toEqual(permissions);
    expect(rest.NextToken).toBeUndefined();
    expect((await connect.send(new ListSecurityProfileApplicationsCommand({ InstanceId, SecurityProfileId }))).Applications).toEqual([{ Namespace: 'app.example', ApplicationPermissions: ['read'], Type: 'THIRD_PARTY_APPLICATION' }]);
    expect((await connect.send(new ListSecurityProfileFlowModulesCommand({ InstanceId, SecurityProfileId }))).AllowedFlowModules).toEqual([]);

    const search = await connect.send(new SearchSecurityProfilesCommand({ InstanceId, SearchCriteria: { StringCondition: { FieldName: 'name', ComparisonType: 'CONTAINS', Value: 'night desk' } } }));
    expect(search.SecurityProfiles?.map((p) => p.SecurityProfileName)).toEqual(['Model Night Desk']);
    const byTag = await connect.send(new SearchSecurityProfilesCommand({ InstanceId, SearchFilter: { TagFilter: { TagCondition: { TagKey: 'owner', TagValue: 'ops' } } } }));
    expect(byTag.SecurityProfiles?.map((p) => p.Id)).toEqual([SecurityProfileId]);
    const permissionsAreNotSearched = await refused(connect.send(new SearchSecurityProfilesCommand({ InstanceId, SearchCriteria: { StringCondition: { FieldName: 'Permissions', ComparisonType: 'EXACT', Value: 'Users.View' } } })));
    expect(permissionsAreNotSearched.message).toMatch(/FieldName "Permissions" is not supported: use one of name, description, resourceID/);

    const resourceArn = created.SecurityProfileArn!;
    await connect.send(new TagResourceCommand({ resourceArn, tags: { env: 'test' } }));
    await connect.send(new UntagResourceCommand({ resourceArn, tagKeys: ['owner'] }));
    expect((await connect.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual({ env: 'test' });

    await connect.send(new DeleteSecurityProfileCommand({ InstanceId, SecurityProfileId }));
    expect((await refused(connect.send(new DescribeSecurityProfileCommand({ InstanceId, SecurityProfileId })))).name).toBe('ResourceNotFoundException');
  });

  it("CreateSecurityProfile: the model's name pattern (no parentheses), one name per instance (409), the instance's quota (429)", async () => {
    const paren = await refused(connect.send(new CreateSecurityProfileCommand({ InstanceId, SecurityProfileName: 'Night (EMEA)' })));
    expect(paren).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(paren.message).toMatch(/^1 validation error detected: Value 'Night \(EMEA\)' at 'SecurityProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    expect(await refused(connect.send(new CreateSecurityProfileCommand({ InstanceId, SecurityProfileName: 'Agent' })))).toMatchObject({ name: 'DuplicateResourceException', status: 409 });
    const count = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).filter((p) => p.InstanceArn === demoInstanceArn()).length;
    emulator.setFaults({ profileQuota: count });
    try {
      const full = await refused(connect.send(new CreateSecurityProfileCommand({ InstanceId, SecurityProfileName: 'One Too Many' })));
      expect(full).toMatchObject({ name: 'LimitExceededException', status: 429 });
      expect(full.message).toContain(`holds ${count} of its ${count} security profiles`);
    } finally {
      emulator.setFaults({ profileQuota: 100 });
    }
  });

  it('UpdateSecurityProfile: Applications and AllowedFlowModules as the model bounds them; a refused update stores nothing', async () => {
    const SecurityProfileId = idOf(demoProfileArn('Flow Designers'));
    const before = stored(demoProfileArn('Flow Designers'));
    const app = (i: number) => ({ Namespace: `app${i}.example`, ApplicationPermissions: ['read'], Type: 'MCP' as const });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['11 applications', { Applications: Array.from({ length: 11 }, (_, i) => app(i)) }, /at 'Applications' failed to satisfy constraint: Member must have length less than or equal to 10/],
      ['an application with no permission', { Applications: [{ Namespace: 'x', ApplicationPermissions: [], Type: 'MCP' }] }, /at 'Applications.1.member.ApplicationPermissions' failed to satisfy constraint: Member must have length greater than or equal to 1/],
      ['an application type outside the enum', { Applications: [{ Namespace: 'x', ApplicationPermissions: ['a'], Type: 'WIDGET' }] }, /Member must satisfy enum value set: \[MCP, THIRD_PARTY_APPLICATION\]/],
      ['a flow-module type outside the enum', { AllowedFlowModules: [{ Type: 'LAMBDA', FlowModuleId: 'm' }] }, /at 'AllowedFlowModules.1.member.Type' failed to satisfy constraint: Member must satisfy enum value set: \[MCP\]/],
      ['11 flow modules', { AllowedFlowModules: Array.from({ length: 11 }, (_, i) => ({ Type: 'MCP', FlowModuleId: `m${i}` })) }, /at 'AllowedFlowModules' failed to satisfy constraint: Member must have length less than or equal to 10/],
      ['a 251-character description', { Description: 'x'.repeat(251) }, /at 'Description' failed to satisfy constraint: Member must have length less than or equal to 250/],
      ['5 access-control tags', { AllowedAccessControlTags: { a: '1', b: '2', c: '3', d: '4', e: '5' } }, /at 'AllowedAccessControlTags' failed to satisfy constraint: Member must have length less than or equal to 4/],
    ];
    for (const [what, change, message] of cases) {
      const e = await refused(connect.send(new UpdateSecurityProfileCommand({ InstanceId, SecurityProfileId, ...change })));
      expect(e.name, what).toBe('InvalidParameterException');
      expect(e.message, what).toMatch(message);
    }
    expect(stored(demoProfileArn('Flow Designers'))).toEqual(before);
    // At the limits: 10 applications are taken.
    await connect.send(new UpdateSecurityProfileCommand({ InstanceId, SecurityProfileId, Applications: Array.from({ length: 10 }, (_, i) => app(i)) }));
    expect(stored(demoProfileArn('Flow Designers')).Applications).toHaveLength(10);
  });

  it('an InstanceId longer than the model allows is a 400; an unknown one a 404', async () => {
    expect(await refused(connect.send(new ListSecurityProfilesCommand({ InstanceId: 'x'.repeat(101) })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(await refused(connect.send(new ListSecurityProfilesCommand({ InstanceId: 'x'.repeat(100) })))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });

  it('ListSecurityProfiles returns 100 a page without MaxResults (the API reference default), up to 1000 with it', async () => {
    const big = await startEmulator({ asyncDelayMs: 0, profiles: 250 });
    const client = new ConnectClient({ endpoint: big.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      const first = await client.send(new ListSecurityProfilesCommand({ InstanceId }));
      expect(first.SecurityProfileSummaryList).toHaveLength(100);
      expect(first.NextToken).toBeDefined();
      expect((await client.send(new ListSecurityProfilesCommand({ InstanceId, MaxResults: 1000 }))).SecurityProfileSummaryList!.length).toBeGreaterThan(250);
      expect((await refused(client.send(new ListSecurityProfilesCommand({ InstanceId, MaxResults: 1001 })))).name).toBe('InvalidParameterException');
    } finally {
      client.destroy();
      await big.close();
    }
  });
});

describe('tags', () => {
  it('TagResource needs a tag; UntagResource takes 1–50 keys, none beginning aws:; users are taggable', async () => {
    const resourceArn = demoProfileArn('Reporting Analysts');
    expect((await refused(connect.send(new TagResourceCommand({ resourceArn, tags: {} })))).message).toMatch(/at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1/);
    expect((await refused(connect.send(new UntagResourceCommand({ resourceArn, tagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`) })))).message).toMatch(/at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50/);
    expect((await refused(connect.send(new UntagResourceCommand({ resourceArn, tagKeys: ['aws:cloudformation:stack-name'] })))).message).toMatch(/at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    const user = String(users()[0]!.UserArn);
    await connect.send(new TagResourceCommand({ resourceArn: user, tags: { shift: 'night' } }));
    expect((await connect.send(new ListTagsForResourceCommand({ resourceArn: user }))).tags).toMatchObject({ shift: 'night' });
    expect((await refused(connect.send(new ListTagsForResourceCommand({ resourceArn: `${demoInstanceArn()}/queue/nope` })))).name).toBe('ResourceNotFoundException');
  });
});

describe('users', () => {
  it('SearchUsers: every StringCondition FieldName (resourceId and ResourceId), hierarchy groups exact and with children, proficiencies, tag and attribute filters, And/Or', async () => {
    const all = users();
    const search = async (input: Record<string, unknown>): Promise<string[]> => {
      const out: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await connect.send(new SearchUsersCommand({ InstanceId, MaxResults: 500, NextToken, ...input }));
        out.push(...page.Users!.map((u) => u.Username!));
        NextToken = page.NextToken;
      } while (NextToken);
      return out.sort();
    };
    const names = (list: Model[]) => list.map((u) => String(u.Username)).sort();
    const someone = all[3]!;
    for (const FieldName of ['resourceId', 'ResourceId']) {
      expect(await search({ SearchCriteria: { StringCondition: { FieldName, ComparisonType: 'EXACT', Value: idOf(String(someone.UserArn)) } } })).toEqual([someone.Username]);
    }
    const grouped = all.filter((u) => u.HierarchyGroupArn !== undefined);
    const groups = emulator.listModels('us-east-1', HIERARCHY_GROUP_TYPE).filter((g) => g.InstanceArn === demoInstanceArn());
    const parent = groups.find((g) => groups.some((c) => c.ParentGroupArn === g.UserHierarchyGroupArn) && grouped.some((u) => u.HierarchyGroupArn !== g.UserHierarchyGroupArn))!;
    expect(parent, 'the demo has a group with child groups').toBeDefined();
    const under = (arn: unknown): boolean => arn === parent.UserHierarchyGroupArn || (arn !== undefined && under(groups.find((g) => g.UserHierarchyGroupArn === arn)?.ParentGroupArn));
    const parentId = idOf(String(parent.UserHierarchyGroupArn));
    const exact = await search({ SearchCriteria: { HierarchyGroupCondition: { Value: parentId, HierarchyGroupMatchType: 'EXACT' } } });
    const withChildren = await search({ SearchCriteria: { HierarchyGroupCondition: { Value: parentId, HierarchyGroupMatchType: 'WITH_CHILD_GROUPS' } } });
    expect(exact).toEqual(names(all.filter((u) => u.HierarchyGroupArn === parent.UserHierarchyGroupArn)));
    expect(withChildren).toEqual(names(all.filter((u) => under(u.HierarchyGroupArn))));
    expect(withChildren.length).toBeGreaterThan(exact.length);
    // No demo user has proficiencies: a proficiency condition matches nobody (evaluated, not ignored).
    expect(await search({ SearchCriteria: { ListCondition: { TargetListType: 'PROFICIENCIES', Conditions: [{ StringCondition: { FieldName: 'Name', ComparisonType: 'EXACT', Value: 'Language' } }] } } })).toEqual([]);

    const tagged = all.slice(0, 3).map((u) => String(u.UserArn));
    for (const resourceArn of tagged) await connect.send(new TagResourceCommand({ resourceArn, tags: { site: 'leeds' } }));
    const leeds = names(all.slice(0, 3));
    expect(await search({ SearchFilter: { TagFilter: { TagCondition: { TagKey: 'site', TagValue: 'leeds' } } } })).toEqual(leeds);
    expect(await search({ SearchFilter: { UserAttributeFilter: { TagCondition: { TagKey: 'site', TagValue: 'leeds' } } } })).toEqual(leeds);
    const agent = idOf(demoProfileArn('Agent'));
    const both = await search({ SearchCriteria: { AndConditions: [
      { StringCondition: { FieldName: 'SecurityProfileId', ComparisonType: 'EXACT', Value: agent } },
      { OrConditions: [{ StringCondition: { FieldName: 'Username', ComparisonType: 'STARTS_WITH', Value: 'a' } }, { StringCondition: { FieldName: 'Username', ComparisonType: 'STARTS_WITH', Value: 'b' } }] },
    ] } });
    expect(both).toEqual(names(all.filter((u) => (u.SecurityProfileArns as string[]).includes(demoProfileArn('Agent')) && /^[ab]/i.test(String(u.Username)))));
    expect(both.length).toBeGreaterThan(0);

    const unknown = await refused(connect.send(new SearchUsersCommand({ InstanceId, SearchCriteria: { AndConditions: [{ StringCondition: { FieldName: 'Email', ComparisonType: 'EXACT', Value: 'x' } }] } })));
    expect(unknown.message).toMatch(/SearchCriteria.AndConditions.1.StringCondition.FieldName "Email" is not supported/);
    expect((await refused(connect.send(new SearchUsersCommand({ InstanceId, SearchCriteria: { HierarchyGroupCondition: { Value: parentId, HierarchyGroupMatchType: 'NEAR' as never } } })))).name).toBe('InvalidParameterException');
  });

  it('UpdateUserSecurityProfiles replaces the whole set (1–10 ids, known ones); DescribeUser shows it; DeleteSecurityProfile waits until nobody holds it', async () => {
    const user = users().find((u) => (u.SecurityProfileArns as string[]).length === 1 && (u.SecurityProfileArns as string[])[0] === demoProfileArn('Agent'))!;
    const UserId = idOf(String(user.UserArn));
    const made = await connect.send(new CreateSecurityProfileCommand({ InstanceId, SecurityProfileName: 'Held Briefly', Permissions: ['BasicAgentAccess'] }));
    const ids = [made.SecurityProfileId!, idOf(demoProfileArn('Agent'))];
    expect((await refused(connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId, SecurityProfileIds: [] })))).message).toMatch(/Member must have length greater than or equal to 1/);
    expect((await refused(connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId, SecurityProfileIds: Array.from({ length: 11 }, (_, i) => `p${i}`) })))).message).toMatch(/Member must have length less than or equal to 10/);
    expect((await refused(connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId, SecurityProfileIds: ['nope'] })))).name).toBe('ResourceNotFoundException');
    await connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId, SecurityProfileIds: ids }));
    expect((await connect.send(new DescribeUserCommand({ InstanceId, UserId }))).User?.SecurityProfileIds).toEqual(ids);
    const inUse = await refused(connect.send(new DeleteSecurityProfileCommand({ InstanceId, SecurityProfileId: made.SecurityProfileId! })));
    expect(inUse).toMatchObject({ name: 'ResourceInUseException', status: 409 });
    await connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId, SecurityProfileIds: [idOf(demoProfileArn('Agent'))] }));
    await connect.send(new DeleteSecurityProfileCommand({ InstanceId, SecurityProfileId: made.SecurityProfileId! }));
    expect((await refused(connect.send(new DescribeUserCommand({ InstanceId, UserId: 'nobody' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('flow modules', () => {
  it('ListContactFlowModules: MaxResults range-checked and honoured, the state filter with its enum', async () => {
    const first = await connect.send(new ListContactFlowModulesCommand({ InstanceId, MaxResults: 1 }));
    expect(first.ContactFlowModulesSummaryList).toHaveLength(1);
    expect(first.NextToken).toBeDefined();
    expect((await connect.send(new ListContactFlowModulesCommand({ InstanceId, ContactFlowModuleState: 'ARCHIVED' }))).ContactFlowModulesSummaryList).toEqual([]);
    expect((await refused(connect.send(new ListContactFlowModulesCommand({ InstanceId, MaxResults: 1001 })))).name).toBe('InvalidParameterException');
    expect((await refused(connect.send(new ListContactFlowModulesCommand({ InstanceId, ContactFlowModuleState: 'GONE' as never })))).message).toMatch(/enum value set: \[ACTIVE, ARCHIVED\]/);
  });
});

describe('faults and budgets', () => {
  it('failNext reaches every served operation; --real-limits throttles the 6th DescribeSecurityProfile of a burst', async () => {
    emulator.failNext('DescribeSecurityProfile', 1, { exception: 'InternalServiceException' });
    const SecurityProfileId = idOf(demoProfileArn('Agent'));
    expect(await refused(connect.send(new DescribeSecurityProfileCommand({ InstanceId, SecurityProfileId })))).toMatchObject({ name: 'InternalServiceException', status: 500 });
    emulator.setFaults({ realLimits: true });
    try {
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => connect.send(new DescribeSecurityProfileCommand({ InstanceId, SecurityProfileId })).then(() => 'ok', (e: Error) => e.name)));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
      expect(outcomes).toContain('ThrottlingException');
    } finally {
      emulator.setFaults({ realLimits: false });
    }
  });
});

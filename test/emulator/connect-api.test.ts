// The emulator's Connect API (REST JSON) beside Cloud Control, driven by the real Connect client:
// SearchUsers over the demo users, AWS::Connect::User through Cloud Control, and the writes that
// Cloud Control's schema refuses (UpdateSecurityProfile, TagResource, UntagResource).
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { ConnectClient, SearchUsersCommand, TagResourceCommand, UntagResourceCommand, UpdateSecurityProfileCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE, USER_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { clientFor, CREDENTIALS, errorOf } from './helpers.js';

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

const instanceId = demoInstanceArn().split('/').pop()!;
const idOf = (arn: string) => arn.split('/').pop()!;
type User = { UserArn: string; Username: string; SecurityProfileArns: string[]; HierarchyGroupArn?: string };
const users = () => emulator.listModels('us-east-1', USER_TYPE).filter((u) => String(u.InstanceArn) === demoInstanceArn()) as unknown as User[];

describe('demo users', () => {
  it('a few hundred across the instances; most agents hold one profile, leads two or three, nobody more than 10', () => {
    const all = ['us-east-1', 'eu-west-2'].flatMap((r) => emulator.listModels(r, USER_TYPE)) as unknown as User[];
    expect(all.length).toBeGreaterThan(200);
    const counts = all.map((u) => u.SecurityProfileArns.length);
    expect(counts.filter((n) => n === 1).length / all.length).toBeGreaterThan(0.8);
    expect(counts.some((n) => n === 3)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
    expect(new Set(all.map((u) => u.UserArn)).size).toBe(all.length);
  });

  it('acme-apac has about 600 users across its sites (moves at scale): some hold several, some ten', () => {
    const apac = emulator.listModels('ap-southeast-2', USER_TYPE) as unknown as User[];
    expect(apac.length).toBeGreaterThanOrEqual(580);
    const counts = apac.map((u) => u.SecurityProfileArns.length);
    expect(counts.filter((n) => n === 10).length).toBe(10);
    expect(counts.filter((n) => n >= 3 && n < 10).length).toBeGreaterThan(20);
    expect(Math.max(...counts)).toBe(10);
    expect(new Set(apac.map((u) => u.Username)).size).toBe(apac.length);
  });

  it('built-in profiles are held, QualityAnalyst is not', () => {
    const held = new Set(users().flatMap((u) => u.SecurityProfileArns));
    for (const name of ['Admin', 'Agent', 'CallCenterManager', 'Tier 1 Support', 'Team Leads']) expect(held.has(demoProfileArn(name))).toBe(true);
    expect(held.has(demoProfileArn('QualityAnalyst'))).toBe(false);
  });
});

describe('SearchUsers', () => {
  it('the holders of a profile, by SecurityProfileId, paged, with ApproximateTotalCount', async () => {
    const profile = demoProfileArn('Agent');
    const expected = users().filter((u) => u.SecurityProfileArns.includes(profile)).map((u) => u.Username).sort();
    const seen: string[] = [];
    let token: string | undefined;
    let total: number | undefined;
    do {
      const page = await connect.send(new SearchUsersCommand({
        InstanceId: instanceId,
        MaxResults: 25,
        NextToken: token,
        SearchCriteria: { StringCondition: { FieldName: 'SecurityProfileId', ComparisonType: 'EXACT', Value: idOf(profile) } },
      }));
      for (const u of page.Users ?? []) {
        expect(u.SecurityProfileIds).toContain(idOf(profile));
        expect(u.IdentityInfo?.FirstName).toBeTruthy();
        seen.push(u.Username!);
      }
      total = page.ApproximateTotalCount;
      token = page.NextToken;
    } while (token);
    expect(seen.sort()).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(25);
  });

  it('refuses MaxResults above 500 and an unknown field with InvalidParameterException; an unknown instance is ResourceNotFoundException', async () => {
    expect((await errorOf(connect.send(new SearchUsersCommand({ InstanceId: instanceId, MaxResults: 501 })))).name).toBe('InvalidParameterException');
    const bad = await errorOf(connect.send(new SearchUsersCommand({ InstanceId: instanceId, SearchCriteria: { StringCondition: { FieldName: 'Shoe', Value: 'x', ComparisonType: 'EXACT' } } })));
    expect(bad.name).toBe('InvalidParameterException');
    expect((await errorOf(connect.send(new SearchUsersCommand({ InstanceId: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('AWS::Connect::User through Cloud Control', () => {
  it('lists (InstanceArn required, identifiers only) and reads SecurityProfileArns', async () => {
    const cc = clientFor(emulator);
    const missing = await errorOf(cc.send(new ListResourcesCommand({ TypeName: USER_TYPE })));
    expect(missing.message).toMatch(/InstanceArn/);
    const page = await cc.send(new ListResourcesCommand({ TypeName: USER_TYPE, ResourceModel: JSON.stringify({ InstanceArn: demoInstanceArn() }) }));
    const first = page.ResourceDescriptions![0]!;
    expect(JSON.parse(first.Properties!)).toEqual({ UserArn: first.Identifier });
    const read = await cc.send(new GetResourceCommand({ TypeName: USER_TYPE, Identifier: first.Identifier }));
    const model = JSON.parse(read.ResourceDescription!.Properties!) as User;
    expect(model.SecurityProfileArns.length).toBeGreaterThan(0);
    expect(model).not.toHaveProperty('Password');
  });
});

describe('UpdateSecurityProfile, TagResource, UntagResource', () => {
  it('saves a console-made profile that Cloud Control refuses, bumping LastModifiedTime; tags by key', async () => {
    const arn = demoProfileArn('Supervisors (EMEA)');
    const before = emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)!;
    await connect.send(new UpdateSecurityProfileCommand({
      InstanceId: instanceId,
      SecurityProfileId: idOf(arn),
      Description: 'Saved through the Connect API',
      Permissions: ['BasicAgentAccess', 'Users.View'],
      AllowedAccessControlTags: { region: 'emea', department: 'support', shift: 'day', floor: '2' },
    }));
    const after = emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)!;
    expect(after.Description).toBe('Saved through the Connect API');
    expect(after.Permissions).toEqual(['BasicAgentAccess', 'Users.View']);
    expect(after.AllowedAccessControlTags).toHaveLength(4);
    expect(after.TagRestrictedResources).toEqual(before.TagRestrictedResources);
    expect(Number(after.LastModifiedTime)).toBeGreaterThan(Number(before.LastModifiedTime));

    await connect.send(new TagResourceCommand({ resourceArn: arn, tags: { 'Cost Center': 'cc-7200', owner: 'emea ops' } }));
    await connect.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    const tags = (emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)!.Tags as { Key: string; Value: string }[]);
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({ 'Cost Center': 'cc-7200', owner: 'emea ops' });

    // Cloud Control still reads it.
    const read = await clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn }));
    expect(JSON.parse(read.ResourceDescription!.Properties!).Description).toBe('Saved through the Connect API');
  });

  it("Connect's own rules: more than 4 access-control tags or a 251-character description are refused and nothing changes", async () => {
    const arn = demoProfileArn('Billing & Collections');
    const before = emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn);
    const tags = await errorOf(connect.send(new UpdateSecurityProfileCommand({ InstanceId: instanceId, SecurityProfileId: idOf(arn), AllowedAccessControlTags: { a: '1', b: '2', c: '3', d: '4', e: '5' } })));
    expect(tags.name).toBe('InvalidParameterException');
    expect(tags.message).toMatch(/AllowedAccessControlTags/);
    const long = await errorOf(connect.send(new UpdateSecurityProfileCommand({ InstanceId: instanceId, SecurityProfileId: idOf(arn), Description: 'x'.repeat(251) })));
    expect(long.message).toMatch(/Description/);
    expect(emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)).toEqual(before);
    expect((await errorOf(connect.send(new UpdateSecurityProfileCommand({ InstanceId: instanceId, SecurityProfileId: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('--real-limits', () => {
  it('SearchUsers has its own budget of 2/s, burst 5: the 6th in a burst is a ThrottlingException', async () => {
    const e = await startEmulator({ asyncDelayMs: 0, realLimits: true });
    const c = new ConnectClient({ endpoint: e.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      for (let i = 0; i < 5; i += 1) await c.send(new SearchUsersCommand({ InstanceId: instanceId }));
      expect((await errorOf(c.send(new SearchUsersCommand({ InstanceId: instanceId })))).name).toBe('ThrottlingException');
    } finally {
      c.destroy();
      await e.close();
    }
  });
});

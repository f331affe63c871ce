import {
  GetResourceCommand,
  InvalidRequestException,
  ListResourcesCommand,
  paginateListResources,
  ResourceNotFoundException,
  TypeNotFoundException,
} from '@aws-sdk/client-cloudcontrol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogue from '../../data/connect-permissions.json' with { type: 'json' };
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { validateProfile } from '../../src/domain/profile/validate.js';
import { demoInstanceArn, demoProfileArn, DEMO_REGION_NAMES, DEMO_UNKNOWN_PERMISSION, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { clientFor, errorOf } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0, profiles: 60 });
});
afterAll(async () => {
  await emulator.close();
});

const model = (arn = demoInstanceArn()): string => JSON.stringify({ InstanceArn: arn });
const CONSOLE_MADE = ['Supervisors (EMEA)', 'Billing & Collections', 'Retention Desk'];

async function listAll(typeName: string, region = 'us-east-1', resourceModel?: string): Promise<{ Identifier?: string | undefined; Properties?: string | undefined }[]> {
  const items = [];
  for await (const page of paginateListResources({ client: clientFor(emulator, region) }, { TypeName: typeName, ResourceModel: resourceModel })) {
    items.push(...(page.ResourceDescriptions ?? []));
  }
  return items;
}

describe('instances', () => {
  it('lists the instances of a region without a model, and gets one', async () => {
    const items = await listAll(INSTANCE_TYPE);
    const aliases = items.map((i) => JSON.parse(i.Properties ?? '{}').InstanceAlias);
    expect(aliases).toEqual(['acme-support', 'acme-sales']);
    const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: INSTANCE_TYPE, Identifier: demoInstanceArn() }));
    const props = JSON.parse(got.ResourceDescription?.Properties ?? '{}');
    expect(props).toMatchObject({ Arn: demoInstanceArn(), InstanceAlias: 'acme-support', InstanceStatus: 'ACTIVE' });
  });

  it('list items carry what the Instance list handler returns, CreatedTime without a fractional part', async () => {
    const [item] = await listAll(INSTANCE_TYPE);
    const props = JSON.parse(item?.Properties ?? '{}');
    expect(Object.keys(props).sort()).toEqual(['Arn', 'Attributes', 'CreatedTime', 'Id', 'IdentityManagementType', 'InstanceAlias', 'InstanceStatus', 'ServiceRole']);
    expect(props.CreatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(typeof props.Attributes.InboundCalls).toBe('boolean');
  });

  it('lists an instance that is not ACTIVE, with its status', async () => {
    const items = await listAll(INSTANCE_TYPE, 'ca-central-1');
    expect(items.map((i) => JSON.parse(i.Properties ?? '{}'))).toEqual([expect.objectContaining({ InstanceAlias: 'acme-canada', InstanceStatus: 'CREATION_FAILED' })]);
  });

  it('has several regions, one of them without instances, and keeps regions apart', async () => {
    expect(DEMO_REGION_NAMES.length).toBeGreaterThanOrEqual(3);
    expect(await listAll(INSTANCE_TYPE, 'us-west-2')).toEqual([]);
    const emea = await listAll(INSTANCE_TYPE, 'eu-west-2');
    expect(emea.map((i) => i.Identifier)).toEqual([demoInstanceArn('eu-west-2')]);
    // A us-east-1 profile is not visible from eu-west-2.
    const error = await errorOf(clientFor(emulator, 'eu-west-2').send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent') })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('security profiles', () => {
  it('lists across pages with stable tokens; MaxResults is ignored', async () => {
    const client = clientFor(emulator);
    const first = await client.send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model(), MaxResults: 5 }));
    expect(first.ResourceDescriptions).toHaveLength(25);
    expect(first.NextToken).toBeDefined();
    const again = await client.send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model(), NextToken: first.NextToken }));
    const twice = await client.send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model(), NextToken: first.NextToken }));
    expect(twice.ResourceDescriptions).toEqual(again.ResourceDescriptions);
    const all = await listAll(SECURITY_PROFILE_TYPE, 'us-east-1', model());
    expect(all).toHaveLength(4 + 11 + 3 + 60);
    expect(new Set(all.map((i) => i.Identifier)).size).toBe(all.length);
  });

  it('list items carry only the primary identifier by default, for profiles and hierarchy groups', async () => {
    const items = await listAll(SECURITY_PROFILE_TYPE, 'us-east-1', model());
    for (const item of items) expect(JSON.parse(item.Properties ?? '{}')).toEqual({ SecurityProfileArn: item.Identifier });
    const groups = await listAll(HIERARCHY_GROUP_TYPE, 'us-east-1', model());
    for (const item of groups) expect(JSON.parse(item.Properties ?? '{}')).toEqual({ UserHierarchyGroupArn: item.Identifier });
  });

  it('--list-properties summary and full', async () => {
    emulator.setFaults({ listProperties: 'summary' });
    const [item] = await listAll(SECURITY_PROFILE_TYPE, 'us-east-1', model());
    expect(Object.keys(JSON.parse(item?.Properties ?? '{}')).sort()).toEqual(
      ['InstanceArn', 'LastModifiedRegion', 'LastModifiedTime', 'SecurityProfileArn', 'SecurityProfileName'],
    );
    emulator.setFaults({ listProperties: 'full' });
    const full = await listAll(SECURITY_PROFILE_TYPE, 'us-east-1', model());
    expect(JSON.parse(full[0]?.Properties ?? '{}').Permissions.length).toBeGreaterThan(100);
    emulator.setFaults({ listProperties: 'summary', pageSize: 7 });
    const small = await clientFor(emulator).send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model() }));
    expect(small.ResourceDescriptions).toHaveLength(7);
    emulator.setFaults({ pageSize: 25, listProperties: 'identifiers' });
  });

  it('reads show absent list properties as [], and accept the identifier as JSON', async () => {
    const arn = demoProfileArn('Tier 2 Escalations');
    expect(emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)?.AllowedFlowModules).toBeUndefined();
    for (const identifier of [arn, JSON.stringify({ SecurityProfileArn: arn })]) {
      const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: identifier }));
      const props = JSON.parse(got.ResourceDescription?.Properties ?? '{}');
      expect(props).toMatchObject({ SecurityProfileArn: arn, AllowedFlowModules: [], Applications: [], HierarchyRestrictedResources: [], AllowedAccessControlTags: [] });
      expect(got.ResourceDescription?.Identifier).toBe(arn);
    }
    const wrongKey = await errorOf(clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: JSON.stringify({ Arn: arn }) })));
    expect(wrongKey.name).toBe('ValidationException');
  });

  it('--time-unit ms emits LastModifiedTime in milliseconds, in reads and lists', async () => {
    const arn = demoProfileArn('Agent');
    const seconds = emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, arn)?.LastModifiedTime as number;
    emulator.setFaults({ timeUnit: 'ms', listProperties: 'summary' });
    try {
      const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn }));
      expect(JSON.parse(got.ResourceDescription?.Properties ?? '{}').LastModifiedTime).toBe(seconds * 1000);
      const items = await listAll(SECURITY_PROFILE_TYPE, 'us-east-1', model());
      expect(JSON.parse(items.find((i) => i.Identifier === arn)?.Properties ?? '{}').LastModifiedTime).toBe(seconds * 1000);
    } finally {
      emulator.setFaults({ timeUnit: 's', listProperties: 'identifiers' });
    }
  });

  it('gets the whole model as a JSON string; demo data is valid and uses real permission names', async () => {
    const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Team Leads') }));
    expect(typeof got.ResourceDescription?.Properties).toBe('string');
    const props = JSON.parse(got.ResourceDescription?.Properties ?? '{}');
    expect(props).toMatchObject({ SecurityProfileName: 'Team Leads', InstanceArn: demoInstanceArn(), HierarchyRestrictedResources: ['User'] });
    const known = new Set((catalogue as { name: string }[]).map((p) => p.name));
    for (const region of DEMO_REGION_NAMES) {
      for (const m of emulator.listModels(region, SECURITY_PROFILE_TYPE)) {
        // The console-made ones hold values the Cloud Control schema refuses; every other is valid.
        const refused = validateProfile(m, 'stored').length > 0;
        expect(refused, String(m.SecurityProfileName)).toBe(CONSOLE_MADE.includes(String(m.SecurityProfileName)));
        // Every name is real but one, kept in acme-apac for `spex lint`'s unknown-permission rule.
        for (const p of (m.Permissions as string[]) ?? []) expect(known.has(p) || p === DEMO_UNKNOWN_PERMISSION, p).toBe(true);
      }
    }
    // acme-support and its neighbour acme-sales hold the same console-made profiles.
    for (const instance of [demoInstanceArn(), demoInstanceArn('us-east-1', 'acme-sales')]) {
      const refusedHere = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === instance && validateProfile(m, 'stored').length > 0);
      expect(refusedHere.map((m) => m.SecurityProfileName).sort()).toEqual([...CONSOLE_MADE].sort());
    }
    expect((emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, demoProfileArn('Supervisors (EMEA)'))?.AllowedAccessControlTags as unknown[]).length).toBe(3);
    const names = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).map((m) => m.SecurityProfileName);
    expect(names).toEqual(expect.arrayContaining(['Admin', 'Agent', 'CallCenterManager', 'QualityAnalyst']));
  });

  it('is deterministic: a second emulator holds the same data', async () => {
    const other = await startEmulator({ asyncDelayMs: 0, profiles: 60 });
    try {
      expect(other.listModels('us-east-1', SECURITY_PROFILE_TYPE)).toEqual(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE));
    } finally {
      await other.close();
    }
  });

  it.each([
    ['no model', undefined, /required key \[InstanceArn\]/],
    ['a model without InstanceArn', '{}', /required key \[InstanceArn\]/],
    ['a bare instance id', JSON.stringify({ InstanceArn: 'aaaaaaaa-bbbb' }), /InstanceArn/],
    ['not JSON', '{', /InstanceArn/],
  ])('refuses a list with %s: InvalidRequestException naming InstanceArn', async (_n, resourceModel, message) => {
    for (const typeName of [SECURITY_PROFILE_TYPE, HIERARCHY_GROUP_TYPE]) {
      const error = await errorOf(clientFor(emulator).send(new ListResourcesCommand({ TypeName: typeName, ResourceModel: resourceModel })));
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect(error.$metadata?.httpStatusCode).toBe(400);
      expect(error.message).toMatch(message);
    }
  });

  it('refuses a list for an instance that does not exist, and a foreign NextToken', async () => {
    const missing = demoInstanceArn().replace(/.{4}$/, '0000');
    const error = await errorOf(clientFor(emulator).send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model(missing) })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata?.httpStatusCode).toBe(404);
    const bad = await errorOf(clientFor(emulator).send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: model(), NextToken: 'garbage' })));
    expect(bad).toBeInstanceOf(InvalidRequestException);
  });

  it('unknown identifiers give ResourceNotFoundException (404)', async () => {
    const error = await errorOf(clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: `${demoInstanceArn()}/security-profile/nope` })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata?.httpStatusCode).toBe(404);
    expect(error.message).toMatch(/HandlerErrorCode: NotFound/);
  });
});

describe('hierarchy groups and other types', () => {
  it('lists hierarchy groups of an instance and gets one', async () => {
    emulator.setFaults({ listProperties: 'summary' });
    const items = await listAll(HIERARCHY_GROUP_TYPE, 'us-east-1', model());
    emulator.setFaults({ listProperties: 'identifiers' });
    const names = items.map((i) => JSON.parse(i.Properties ?? '{}').Name);
    expect(names).toContain('Support floor');
    const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: HIERARCHY_GROUP_TYPE, Identifier: items[2]?.Identifier }));
    expect(JSON.parse(got.ResourceDescription?.Properties ?? '{}').ParentGroupArn).toBe(items[0]?.Identifier);
  });

  it('unknown types give TypeNotFoundException (404)', async () => {
    const error = await errorOf(clientFor(emulator).send(new ListResourcesCommand({ TypeName: 'AWS::Connect::Queue' })));
    expect(error).toBeInstanceOf(TypeNotFoundException);
    expect(error.$metadata?.httpStatusCode).toBe(404);
    const get = await errorOf(clientFor(emulator).send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'x' })));
    expect(get).toBeInstanceOf(TypeNotFoundException);
  });
});

// Several accounts in one emulator: a 12-digit access key id selects that account, any other key the
// default one; each account has its own instances, profiles and requests, kept in the state file.
import { CloudControlClient, CreateResourceCommand, GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { DEMO_ACCOUNT_ID, DEMO_DEV_ONLY_PERMISSION, DEMO_PLATFORM_ACCOUNT_ID, type Emulator, instanceArnFor, startEmulator } from '../../src/emulator/index.js';
import { waitForRequest } from './helpers.js';

let emulator: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const client = (e: Emulator, accessKeyId: string, region = 'us-east-1'): CloudControlClient =>
  new CloudControlClient({ endpoint: e.url, region, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });

async function aliases(c: CloudControlClient): Promise<string[]> {
  const out = await c.send(new ListResourcesCommand({ TypeName: INSTANCE_TYPE }));
  return (out.ResourceDescriptions ?? []).map((d) => String(JSON.parse(d.Properties ?? '{}').InstanceAlias)).sort();
}

async function profile(c: CloudControlClient, instanceArn: string, name: string): Promise<Record<string, unknown> | undefined> {
  const list = await c.send(new ListResourcesCommand({ TypeName: SECURITY_PROFILE_TYPE, ResourceModel: JSON.stringify({ InstanceArn: instanceArn }) }));
  for (const d of list.ResourceDescriptions ?? []) {
    const got = await c.send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: d.Identifier! }));
    const model = JSON.parse(got.ResourceDescription?.Properties ?? '{}') as Record<string, unknown>;
    if (model.SecurityProfileName === name) return model;
  }
  return undefined;
}

describe('emulator accounts', () => {
  it('a 12-digit access key id selects its account; other keys get the default account', async () => {
    emulator = await startEmulator({ data: 'demo' });
    expect(await aliases(client(emulator, 'AKIDANYTHING'))).toEqual(['acme-sales', 'acme-support']);
    expect(await aliases(client(emulator, DEMO_ACCOUNT_ID))).toEqual(['acme-sales', 'acme-support']);
    expect(await aliases(client(emulator, DEMO_PLATFORM_ACCOUNT_ID))).toEqual(['acme-prod']);
    expect(await aliases(client(emulator, DEMO_PLATFORM_ACCOUNT_ID, 'us-west-2'))).toEqual(['acme-dev']);
    // An account nobody has used yet is empty, as a fresh AWS account is.
    expect(await aliases(client(emulator, '999999999999'))).toEqual([]);
    expect(emulator.requests.map((r) => r.account)).toEqual([DEMO_ACCOUNT_ID, DEMO_ACCOUNT_ID, DEMO_PLATFORM_ACCOUNT_ID, DEMO_PLATFORM_ACCOUNT_ID, '999999999999']);
  });

  it('the platform account drifts as the demo says: a permission only in dev, a profile only in each, one group path with two ids', async () => {
    emulator = await startEmulator({ data: 'demo' });
    const dev = instanceArnFor('us-west-2', 'acme-dev', DEMO_PLATFORM_ACCOUNT_ID);
    const prod = instanceArnFor('us-east-1', 'acme-prod', DEMO_PLATFORM_ACCOUNT_ID);
    const devClient = client(emulator, DEMO_PLATFORM_ACCOUNT_ID, 'us-west-2');
    const prodClient = client(emulator, DEMO_PLATFORM_ACCOUNT_ID);
    expect((await profile(devClient, dev, 'Tier 1 Support'))?.Permissions).toContain(DEMO_DEV_ONLY_PERMISSION);
    expect((await profile(prodClient, prod, 'Tier 1 Support'))?.Permissions).not.toContain(DEMO_DEV_ONLY_PERMISSION);
    expect(await profile(devClient, dev, 'Fraud Investigators')).toBeUndefined();
    expect(await profile(prodClient, prod, 'Fraud Investigators')).toBeDefined();
    expect(await profile(prodClient, prod, 'Night Leads')).toBeUndefined();
    const devLeads = await profile(devClient, dev, 'Team Leads');
    const prodLeads = await profile(prodClient, prod, 'Team Leads');
    expect(devLeads?.AllowedAccessControlHierarchyGroupId).not.toEqual(prodLeads?.AllowedAccessControlHierarchyGroupId);
  });

  it('each account keeps its own changes, and the state file keeps them all', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spex-accounts-'));
    const statePath = join(dir, 'state.json');
    emulator = await startEmulator({ data: 'demo', statePath, asyncDelayMs: 0 });
    const prod = instanceArnFor('us-east-1', 'acme-prod', DEMO_PLATFORM_ACCOUNT_ID);
    const c = client(emulator, DEMO_PLATFORM_ACCOUNT_ID);
    const out = await c.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: prod, SecurityProfileName: 'Night Desk', Permissions: ['BasicAgentAccess'] }) }));
    expect((await waitForRequest(c, out.ProgressEvent!.RequestToken!)).OperationStatus).toBe('SUCCESS');
    // The default account cannot see the other account's instance.
    await expect(profile(client(emulator, 'AKIDOTHER'), prod, 'Night Desk')).rejects.toThrow(/Instance not found/);
    await emulator.close();
    emulator = await startEmulator({ data: 'demo', statePath });
    expect(await profile(client(emulator, DEMO_PLATFORM_ACCOUNT_ID), prod, 'Night Desk')).toBeDefined();
    expect(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).map((m) => m.SecurityProfileName)).toContain('Night Desk');
    expect(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).map((m) => m.SecurityProfileName)).not.toContain('Night Desk');
  });
});

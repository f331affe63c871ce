// The fleet headless commands through the real entry point, against one emulator holding two
// accounts (a 12-digit access key id selects one) in three regions. The accounts are AWS profiles of
// a config file each with its own credentials, region and endpoint_url; a third profile's
// credentials fail. Checked: spex fleet's rows and exit code, --fleet and --all-profiles, drift's
// cells against the emulator's data, promote's plans (id mapping, a blocked group), the production
// confirmation, and an apply stopped with kill -9 that resumes without applying anything twice.
import { CloudControlClient, CreateResourceCommand, ListResourceRequestsCommand } from '@aws-sdk/client-cloudcontrol';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { HIERARCHY_GROUP_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { DEMO_DEV_ONLY_PERMISSION, DEMO_PLATFORM_ACCOUNT_ID, type Emulator, instanceArnFor, startEmulator } from '../../src/emulator/index.js';
import { memoryIo } from '../helpers/memory-io.js';
import { spawnSpex } from '../emulator/spawn.js';

let emulator: Emulator;
let dir: string;
const DEV = instanceArnFor('us-west-2', 'acme-dev', DEMO_PLATFORM_ACCOUNT_ID);
const PROD = instanceArnFor('us-east-1', 'acme-prod', DEMO_PLATFORM_ACCOUNT_ID);
const REGIONS = 'us-east-1,us-west-2,eu-west-2';

function writeAwsFiles(): void {
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile main]', 'region = us-east-1', `endpoint_url = ${emulator.url}`,
      '[profile platform]', 'region = us-west-2', `endpoint_url = ${emulator.url}`,
      // Credentials that fail: a credential process that exits 1.
      '[profile broken]', 'region = us-east-1', `endpoint_url = ${emulator.url}`, 'credential_process = /bin/false',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'credentials'), ['[main]', 'aws_access_key_id = AKIDMAIN', 'aws_secret_access_key = x', '[platform]', `aws_access_key_id = ${DEMO_PLATFORM_ACCOUNT_ID}`, 'aws_secret_access_key = x'].join('\n'));
  mkdirSync(join(dir, 'config-dir'), { recursive: true });
  writeFileSync(join(dir, 'config-dir', 'config.json'), JSON.stringify({ fleets: { acme: ['main', 'platform'] }, production: ['platform:acme-prod'] }));
}

const env = (): NodeJS.ProcessEnv => ({
  AWS_CONFIG_FILE: join(dir, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  SPEX_CONFIG_DIR: join(dir, 'config-dir'),
  SPEX_STATE_DIR: join(dir, 'state'),
  SPEX_CACHE_DIR: 'off',
});

async function run(name: string, ...args: string[]) {
  const io = memoryIo({ env: env() });
  const code = await runCommand(name, args, io);
  return { code, out: io.out(), err: io.err() };
}

const mutations = () => emulator.requests.filter((r) => ['CreateResource', 'UpdateResource', 'DeleteResource'].includes(r.operation));
const prodProfile = (name: string) => emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.InstanceArn === PROD && m.SecurityProfileName === name);
const groupId = (instanceArn: string, region: string, name: string): string =>
  String(emulator.listModels(region, HIERARCHY_GROUP_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((g) => g.InstanceArn === instanceArn && g.Name === name)?.UserHierarchyGroupArn).split('/').at(-1)!;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, data: 'demo', asyncDelayMs: 0 });
  dir = mkdtempSync(join(tmpdir(), 'spex-fleet-'));
  writeAwsFiles();
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('spex fleet', () => {
  it('lists account × region × instance with ids, aliases, statuses and counts; a profile whose credentials fail has its own row', async () => {
    const { code, out, err } = await run('fleet', '--profile', 'main,platform,broken', '--region', REGIONS, '--output', 'json');
    expect(code).toBe(1);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    const instances = rows.filter((r) => r.arn !== undefined);
    expect(instances.map((r) => `${String(r.profile)} ${String(r.region)} ${String(r.alias)}`)).toEqual([
      'main us-east-1 acme-support',
      'main us-east-1 acme-sales',
      'main eu-west-2 acme-emea',
      // In the order --region gives the regions.
      'platform us-east-1 acme-prod',
      'platform us-west-2 acme-dev',
    ]);
    const prod = instances.find((r) => r.alias === 'acme-prod')!;
    expect(prod).toMatchObject({ accountId: DEMO_PLATFORM_ACCOUNT_ID, arn: PROD, status: 'ACTIVE', production: true });
    expect(prod.profileCount).toBe(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).filter((m) => m.InstanceArn === PROD).length);
    expect(instances.find((r) => r.alias === 'acme-support')).toMatchObject({ accountId: '123456789012', production: false });
    const broken = rows.filter((r) => r.profile === 'broken');
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ region: null, error: { kind: 'credentials' } });
    expect(err).toContain('spex: broken:');
    // The broken account sent nothing: its credentials failed before any request.
    expect(emulator.requests.some((r) => r.account !== '123456789012' && r.account !== DEMO_PLATFORM_ACCOUNT_ID)).toBe(false);
  });

  it('--fleet takes a saved set from config.json and --all-profiles every profile; an unknown name is a usage error', async () => {
    const saved = await run('fleet', '--fleet', 'acme', '--region', 'us-west-2', '--output', 'json');
    expect(saved.code).toBe(0);
    expect((JSON.parse(saved.out) as { alias: string }[]).map((r) => r.alias)).toEqual(['acme-dev']);
    const all = await run('fleet', '--all-profiles', '--region', 'us-west-2', '--output', 'json');
    expect((JSON.parse(all.out) as { profile: string }[]).map((r) => r.profile)).toEqual(['platform', 'broken']);
    const unknown = await run('fleet', '--fleet', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--fleet nope: no such fleet in config.json (fleets: acme)');
    const missing = await run('fleet', '--profile', 'main,typo');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no AWS profile 'typo'");
    // One account likewise: refused before anything is sent, naming the profiles there are.
    emulator.clearRequests();
    const one = await run('instances', '--profile', 'typo', '--region', 'us-east-1');
    expect(one.code).toBe(2);
    expect(one.err).toContain("spex: no AWS profile 'typo' in the config or credentials files (profiles: main, platform, broken)");
    expect(emulator.requests).toEqual([]);
  });

  it('prints a table with the production marker', async () => {
    const { out } = await run('fleet', '--fleet', 'acme', '--region', REGIONS, '--output', 'table');
    expect(out).toMatch(/platform \[PROD\]\s+210987654321\s+us-east-1\s+acme-prod\s+ACTIVE/);
    expect(out).toMatch(/^main\s+123456789012\s+us-east-1\s+acme-support\s+ACTIVE\s+\d+/m);
  });
});

describe('spex drift', () => {
  it('compares each profile with the baseline: a permission only in dev, an AI agent only dev allows, one profile only in each, one group path under two ids the same', async () => {
    const { code, out, err } = await run('drift', '--profile', 'platform', '--region', 'us-east-1,us-west-2', '--baseline', 'platform:acme-dev', '--output', 'json');
    expect(err).not.toMatch(/cannot|failed|error/i);
    expect(code).toBe(2);
    const doc = JSON.parse(out) as { baseline: string; profiles: { name: string; cells: Record<string, { state: string; count?: number; changes?: string[] }> }[] };
    expect(doc.baseline).toBe('platform:acme-dev');
    const cell = (name: string) => doc.profiles.find((p) => p.name === name)?.cells['platform:acme-prod'];
    // Against the data: the permissions one has and the other not.
    const perms = (arn: string, region: string) => new Set(emulator.listModels(region, SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.InstanceArn === arn && m.SecurityProfileName === 'Tier 1 Support')!.Permissions as string[]);
    const dev = perms(DEV, 'us-west-2');
    const prod = perms(PROD, 'us-east-1');
    const differing = [...dev].filter((p) => !prod.has(p)).length + [...prod].filter((p) => !dev.has(p)).length;
    // …and the AI agents it allows, by name: both allow “Order status assistant” (two ARNs, one name), only dev the refund helper.
    expect(cell('Tier 1 Support')).toEqual({ state: 'differs', count: differing + 1, changes: [expect.stringContaining(DEMO_DEV_ONLY_PERMISSION), '− allowed AI agent “Refund helper”'] });
    expect(groupId(DEV, 'us-west-2', 'Support floor')).not.toBe(groupId(PROD, 'us-east-1', 'Support floor'));
    expect(cell('Team Leads')).toEqual({ state: 'same' });
    expect(cell('Flow Designers')).toMatchObject({ state: 'differs', count: 1, changes: [expect.stringMatching(/^Description: /)] });
    expect(cell('Night Leads')).toEqual({ state: 'missing' });
    expect(cell('Fraud Investigators')).toEqual({ state: 'extra' });
    expect(doc.profiles.find((p) => p.name === 'Admin')?.cells['platform:acme-prod']).toEqual({ state: 'same' });
  });

  it('a flow module counts by its name (two ids, one name); without Connect, by id', async () => {
    const modules = (arn: string, region: string) => (emulator.listModels(region, SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.InstanceArn === arn && m.SecurityProfileName === 'Flow Designers')!.AllowedFlowModules as { FlowModuleId: string }[]).map((m) => m.FlowModuleId);
    expect(modules(DEV, 'us-west-2')).not.toEqual(modules(PROD, 'us-east-1'));
    const args = ['--profile', 'platform', '--region', 'us-east-1,us-west-2', '--baseline', 'platform:acme-dev', '--profile-name', 'Flow Designers', '--output', 'json'];
    const byName = JSON.parse((await run('drift', ...args)).out) as { profiles: { cells: Record<string, { count?: number; changes?: string[] }> }[] };
    expect(byName.profiles[0]!.cells['platform:acme-prod']!.changes).toEqual([expect.stringMatching(/^Description: /)]);
    emulator.clearRequests();
    const byId = JSON.parse((await run('drift', ...args, '--cloudcontrol-only')).out) as typeof byName;
    expect(byId.profiles[0]!.cells['platform:acme-prod']!.count).toBe(3);
    // The list gave ARNs only: each profile was read once for its name, and the one asked for not again.
    const profiles = [DEV, PROD].map((arn) => emulator.listModels(arn === DEV ? 'us-west-2' : 'us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).filter((m) => m.InstanceArn === arn).length);
    expect(emulator.requests.filter((r) => r.operation === 'GetResource' && r.typeName === SECURITY_PROFILE_TYPE)).toHaveLength(profiles[0]! + profiles[1]!);
  });

  it('prints the matrix and exits 0 when the named profiles do not drift', async () => {
    const { code, out } = await run('drift', '--profile', 'platform', '--region', 'us-east-1,us-west-2', '--profile-name', 'Team Leads', '--profile-name', 'Admin', '--output', 'table');
    expect(code).toBe(0);
    expect(out).toMatch(/PROFILE\s+platform:acme-prod \(baseline\)\s+platform:acme-dev/);
    const drifted = await run('drift', '--profile', 'platform', '--region', 'us-east-1,us-west-2', '--baseline', 'platform:acme-dev', '--profile-name', 'Admin', '--output', 'table');
    expect(drifted.out).toMatch(/PROFILE\s+platform:acme-dev \(baseline\)\s+platform:acme-prod/);
    expect(out).toMatch(/Team Leads\s+=\s+=/);
    expect(out).toContain('0 of 2 profiles drift from platform:acme-prod.');
  });
});

// drift and promote exit 2 for a finding (drift; changes in a dry run): every error of theirs, a usage
// error too, exits 1, so CI never reads a mistake as a finding. fleet's usage errors stay 2.
describe('usage and failure exit codes', () => {
  it.each([
    [['drift', '--profile', 'platform,', '--region', 'us-west-2'], 1, 'drift needs two instances or more; the fleet has 1 ACTIVE'],
    [['drift', '--profile', 'platform,', '--region', 'us-east-1,us-west-2', '--baseline', 'platform:nope'], 1, '--baseline platform:nope: no such instance'],
    [['promote', '--to', 'platform:acme-prod', '--profile-name', 'Agent'], 1, 'promote needs --from PROFILE:INSTANCE'],
    [['promote', '--from', 'platform:acme-dev', '--profile-name', 'Agent'], 1, 'promote needs --to PROFILE:INSTANCE'],
    [['promote', '--from', 'platform:acme-dev', '--to', 'platform:acme-prod'], 1, 'promote needs --profile-name NAME'],
    [['promote', '--from', 'platform:acme-dev', '--to', 'platform:acme-dev', '--profile-name', 'Agent', '--region', 'us-west-2'], 1, '--to platform:acme-dev is the source instance itself'],
    [['promote', '--from', 'platform:acme-dev', '--to', 'platform:acme-prod', '--profile-name', 'Nobody', '--region', 'us-east-1,us-west-2'], 1, "No security profile 'Nobody' in platform:acme-dev"],
    [['promote', '--from', 'platform:acme-dev', '--to', 'platform:acme-prod', '--profile-name', 'Agent', '--map', 'oops'], 1, '--map takes SOURCE-PATH=TARGET-PATH'],
    [['fleet', '--region', 'mars-1', '--profile', 'platform,'], 2, '--region: mars-1 is not a region where Amazon Connect is offered'],
  ])('%j exits %i', async (args, exit, message) => {
    const { code, err } = await run(...(args as [string, ...string[]]));
    expect(err).toContain(message);
    expect(code).toBe(exit);
  });
});

describe('spex promote', () => {
  const PROMOTE = ['--from', 'platform:acme-dev', '--to', 'platform:acme-prod', '--profile-name', 'Tier 1 Support', '--profile-name', 'Night Leads', '--region', 'us-east-1,us-west-2'];
  beforeEach(() => emulator.clearRequests());

  it('a group the target lacks blocks the target, naming the choices; nothing is sent', async () => {
    const { code, out, err } = await run('promote', ...PROMOTE, '--output', 'table');
    expect(code).toBe(1);
    expect(out).toContain('[PRODUCTION] platform:acme-prod');
    expect(out).toContain('~ update “Tier 1 Support”');
    expect(out).toContain(`+ Contact Search · View (${DEMO_DEV_ONLY_PERMISSION})`);
    expect(out).toContain('BLOCKED: “Night Leads” is restricted to the hierarchy group "Americas/Support floor/Night shift"');
    expect(out).toContain('the target has: "Americas/Support floor", "Americas", "Americas/Sales floor", "EMEA"');
    expect(err).toContain('platform:acme-prod is blocked');
    expect(mutations()).toEqual([]);
  });

  it('--dry-run with a mapping: the plan per target in JSON, with the id mapping by path; exit 2, nothing sent', async () => {
    const { code, out } = await run('promote', ...PROMOTE, '--map', 'Americas/Support floor/Night shift=Americas/Support floor', '--dry-run', '--output', 'json');
    expect(code).toBe(2);
    const plan = JSON.parse(out) as { targets: { key: string; production: boolean; steps: { action: string; name: string; request: unknown }[]; mapping: { profile: string; what: string; from: string; to: string }[]; blocked: unknown[] }[] };
    const target = plan.targets[0]!;
    expect(target).toMatchObject({ key: 'platform:acme-prod', production: true, blocked: [] });
    expect(target.steps.map((s) => `${s.action} ${s.name}`)).toEqual(['update Tier 1 Support', 'create Night Leads']);
    const night = target.mapping.find((m) => m.profile === 'Night Leads')!;
    expect(night.to).toContain(groupId(PROD, 'us-east-1', 'Support floor'));
    expect(JSON.stringify(target.steps[1]!.request)).toContain(groupId(PROD, 'us-east-1', 'Support floor'));
    expect(mutations()).toEqual([]);
  });

  it("a target at its profile quota stops the promote before anything is sent, saying how full it is", async () => {
    const held = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).filter((m) => m.InstanceArn === PROD).length;
    emulator.setFaults({ profileQuota: held });
    try {
      const { code, out, err } = await run('promote', ...PROMOTE, '--map', 'Americas/Support floor/Night shift=Americas/Support floor', '--output', 'table');
      expect(code).toBe(1);
      expect(`${out}${err}`, `${out}${err}`).toContain(`the instance holds ${held} of its ${held} security profiles; the plan creates 1, so it would hold ${held + 1}.`);
      expect(mutations()).toEqual([]);
    } finally {
      emulator.setFaults({ profileQuota: 100 });
    }
  });

  it('a production target needs --confirm-production; then applies, reads every target again and exits 0', async () => {
    const args = [...PROMOTE, '--skip-unmapped', '--yes'];
    const refused = await run('promote', ...args);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('platform:acme-prod is production (config.json "production"): add --confirm-production');
    expect(mutations()).toEqual([]);
    const { code, err } = await run('promote', ...args, '--confirm-production');
    expect(code).toBe(0);
    expect(err).toContain('platform:acme-prod: 2 applied, 0 failed; read again: it matches');
    expect(prodProfile('Tier 1 Support')?.Permissions).toContain(DEMO_DEV_ONLY_PERMISSION);
    // Skipped: the group and its restriction were left out.
    expect(prodProfile('Night Leads')).toMatchObject({ SecurityProfileName: 'Night Leads' });
    expect(prodProfile('Night Leads')?.AllowedAccessControlHierarchyGroupId).toBeUndefined();
    expect(prodProfile('Night Leads')?.HierarchyRestrictedResources).toBeUndefined();
    // Run again: nothing to do.
    emulator.clearRequests();
    const again = await run('promote', ...args, '--confirm-production');
    expect(again.code).toBe(0);
    expect(again.err).toContain('every target already matches');
    expect(mutations()).toEqual([]);
  });
});

describe('production follows the account', () => {
  /** The environment's own key pair (no --profile), with its own config.json. */
  const envWith = (production: string[], accessKeyId: string): NodeJS.ProcessEnv => {
    const configDir = mkdtempSync(join(dir, 'prod-config-'));
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ production }));
    return { ...env(), SPEX_CONFIG_DIR: configDir, SPEX_CACHE_DIR: join(configDir, 'cache'), AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'x' };
  };
  const runWith = async (environment: NodeJS.ProcessEnv, ...args: string[]) => {
    const io = memoryIo({ env: environment });
    const code = await runCommand(args[0]!, [...args.slice(1), '--endpoint-url', emulator.url, '--region', 'us-east-1'], io);
    return { code, err: io.err() };
  };
  const prodArn = () => String(prodProfile('Flow Designers')?.SecurityProfileArn);

  it.each([
    ['the profile marks the whole account', ['platform']],
    ['the profile marks the instance', ['platform:acme-prod']],
    ['the account id itself', [DEMO_PLATFORM_ACCOUNT_ID]],
  ])('%s: a write through environment credentials of that account is refused without --confirm-production', async (_what, production) => {
    const environment = envWith(production, DEMO_PLATFORM_ACCOUNT_ID);
    const before = mutations().length;
    const description = `reached another way: ${production.join(' ')}`;
    const refused = await runWith(environment, 'update', prodArn(), '--description', description);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`acme-prod (account ${DEMO_PLATFORM_ACCOUNT_ID}) is production (config.json "production" marks its account): add --confirm-production`);
    expect(mutations().length).toBe(before);
    const confirmed = await runWith(environment, 'update', prodArn(), '--description', description, '--confirm-production');
    expect(confirmed.code, confirmed.err).toBe(0);
  });

  it('another account is not production; the account learned is remembered (no second look-up)', async () => {
    const environment = envWith(['platform'], 'AKIDMAIN');
    const main = String(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).find((m) => m.SecurityProfileName === 'Flow Designers')?.SecurityProfileArn);
    const first = await runWith(environment, 'update', main, '--description', 'not production');
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(readFileSync(join(environment.SPEX_CACHE_DIR!, 'accounts.json'), 'utf8'))).toEqual({ platform: DEMO_PLATFORM_ACCOUNT_ID });
    emulator.clearRequests();
    expect((await runWith(environment, 'update', main, '--description', 'still not')).code).toBe(0);
    expect(emulator.requests.filter((r) => r.account === DEMO_PLATFORM_ACCOUNT_ID)).toEqual([]);
  });

  it('an entry whose account cannot be learned fails closed: refused, saying why, until --confirm-production', async () => {
    const environment = envWith(['broken'], 'AKIDMAIN');
    const main = String(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).find((m) => m.SecurityProfileName === 'Flow Designers')?.SecurityProfileArn);
    const refused = await runWith(environment, 'update', main, '--description', 'unknown');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/cannot tell whether acme-support \(account \d{12}\) is production: config\.json "production" names 'broken', whose account spex could not learn/);
    expect((await runWith(environment, 'update', main, '--description', 'unknown', '--confirm-production')).code).toBe(0);
  });
});

describe('spex promote of a console-made profile', () => {
  it('a profile the Cloud Control schema refuses is planned and saved through the Connect API', async () => {
    const support = instanceArnFor('us-east-1', 'acme-support');
    const sales = instanceArnFor('us-east-1', 'acme-sales');
    const emea = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).find((m) => m.InstanceArn === support && m.SecurityProfileName === 'Supervisors (EMEA)')!;
    emulator.modifyProfile('us-east-1', String(emea.SecurityProfileArn), (m) => void (m.Permissions = [...(m.Permissions as string[]), 'Cases.Delete']));
    emulator.clearRequests();
    const args = ['--from', 'main:acme-support', '--to', 'main:acme-sales', '--profile-name', 'Supervisors (EMEA)', '--region', 'us-east-1'];
    const plan = await run('promote', ...args, '--dry-run', '--output', 'table');
    expect(plan.err).not.toMatch(/cannot|already matches/);
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('(Cases.Delete)');
    expect(plan.out).toMatch(/request: \{"Connect":\[\{"operation":"UpdateSecurityProfile","http":"POST \/security-profiles\//);
    const { code, err } = await run('promote', ...args, '--yes');
    expect(code).toBe(0);
    expect(err).toContain('main:acme-sales: 1 applied, 0 failed; read again: it matches');
    expect(emulator.requests.filter((r) => r.operation === 'UpdateSecurityProfile')).toHaveLength(1);
    expect(mutations()).toEqual([]);
    const after = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).find((m) => m.InstanceArn === sales && m.SecurityProfileName === 'Supervisors (EMEA)')!;
    expect(after.Permissions).toContain('Cases.Delete');
  });
});

describe('spex fleet, a region that errs', () => {
  it('has its own row; the other regions are listed', async () => {
    emulator.failNext('ListResources', 1, { exception: 'AccessDeniedException', message: 'User is not authorized to perform cloudformation:ListResources in us-east-1' });
    const { code, out } = await run('fleet', '--profile', 'platform,', '--region', 'us-east-1,us-west-2', '--output', 'json');
    expect(code).toBe(1);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(rows).toEqual([
      { profile: 'platform', accountId: null, region: 'us-east-1', error: { kind: 'access-denied', message: expect.stringContaining('Access denied for ListResources') } },
      expect.objectContaining({ region: 'us-west-2', alias: 'acme-dev' }),
    ]);
  });
});

describe('spex promote, stopped and resumed', () => {
  async function requestCount(client: CloudControlClient): Promise<number> {
    let n = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new ListResourceRequestsCommand({ ...(token ? { NextToken: token } : {}) }));
      n += page.ResourceRequestStatusSummaries?.length ?? 0;
      token = page.NextToken;
    } while (token);
    return n;
  }

  it('kill -9 halfway; the next run resumes with the same client tokens and nothing is applied twice', async () => {
    const journals = join(dir, 'state', 'promotions');
    const args = ['--from', 'platform:acme-dev', '--to', 'platform:acme-prod', '--profile-name', 'Flow Designers', '--profile-name', 'Supervisors', '--region', 'us-east-1,us-west-2', '--yes', '--confirm-production'];
    // Two steps: an update (dev reworded a description) and a create (a profile only in dev).
    const flows = emulator.listModels('us-west-2', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).find((m) => m.SecurityProfileName === 'Flow Designers')!;
    emulator.modifyProfile('us-west-2', String(flows.SecurityProfileArn), (m) => void (m.Description = 'Reworded in dev'), DEMO_PLATFORM_ACCOUNT_ID);
    const devClient = new CloudControlClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: DEMO_PLATFORM_ACCOUNT_ID, secretAccessKey: 'x' } });
    const prodClient = new CloudControlClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: DEMO_PLATFORM_ACCOUNT_ID, secretAccessKey: 'x' } });
    await devClient.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: DEV, SecurityProfileName: 'Supervisors', Permissions: ['BasicAgentAccess', 'ManagerListenIn'] }) }));
    const before = await requestCount(prodClient);
    // The first step's request stays IN_PROGRESS for a while: the process is killed meanwhile.
    emulator.setFaults({ asyncDelayMs: 2500 });
    emulator.clearRequests();
    const child = spawnSpex(['promote', ...args], env());
    try {
      await waitFor(() => mutations().length > 0, () => `no mutation sent; stderr: ${child.stderr()}`);
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
    }
    const [journal] = readdirSync(journals).map((f) => JSON.parse(readFileSync(join(journals, f), 'utf8')) as { steps: { status: string; clientToken: string }[] });
    expect(journal!.steps.map((s) => s.status)).toEqual(['sent', 'pending']);
    emulator.setFaults({ asyncDelayMs: 0 });
    // Another promotion is told of it, and how to resume it.
    const other = await run('promote', '--from', 'platform:acme-dev', '--to', 'platform:acme-prod', '--profile-name', 'Agent', '--region', 'us-east-1,us-west-2', '--dry-run');
    expect(other.err).toContain('spex: note: an unfinished promotion of');
    expect(other.err).toContain('“Flow Designers”, “Supervisors” from platform:acme-dev to platform:acme-prod; the same spex promote resumes it');
    const { code, err } = await run('promote', ...args);
    expect(err).toContain('resuming the unfinished promotion');
    expect(err).toContain('platform:acme-prod: 2 applied, 0 failed; read again: it matches');
    expect(code).toBe(0);
    // The first step was sent twice, with the same client token; Cloud Control started one request for it.
    const sent = mutations().map((r) => String(r.body.ClientToken));
    expect(new Set(sent)).toEqual(new Set(journal!.steps.map((s) => s.clientToken)));
    expect(sent.filter((t) => t === journal!.steps[0]!.clientToken).length).toBe(2);
    expect(await requestCount(prodClient)).toBe(before + 2);
    expect(prodProfile('Flow Designers')?.Description).toBe('Reworded in dev');
    expect(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE, DEMO_PLATFORM_ACCOUNT_ID).filter((m) => m.InstanceArn === PROD && m.SecurityProfileName === 'Supervisors')).toHaveLength(1);
    expect(readdirSync(journals)).toEqual([]);
  });
});

async function waitFor(done: () => boolean, why: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

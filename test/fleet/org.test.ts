// `--org`: the fleet found through AWS Organizations, through the SDK against the emulator's demo
// organisation. From the management account: ListAccounts, a role assumed in each ACTIVE account (the
// management account read with its own credentials), an account without the role and a SUSPENDED one
// each on its own row; a role that demands an ExternalId. The emulator answers as the API references
// say: ListAccounts only from the management account, 1–20 a page; AssumeRole refuses a missing role or
// a wrong ExternalId with AccessDenied, and checks the session name and duration.
import { ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ orgAccounts: 2 });
});
afterAll(async () => backend.close());

interface Row {
  profile: string;
  accountId: string | null;
  unit?: string;
  alias?: string | null;
  production?: boolean;
  error?: { message: string };
}

async function fleet(...args: string[]) {
  return command('fleet', args);
}

async function command(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  // TEST_CREDENTIALS's key selects the demo's first account: the organisation's management account.
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, SPEX_CACHE_DIR: 'off', ...env } });
  const code = await runCommand(name, [...args, '--endpoint-url', backend.emulator.url, '--output', 'json'], io);
  return { code, rows: code === 2 && name === 'fleet' ? [] : (JSON.parse(io.out() || '[]') as Row[]), err: io.err(), out: io.out() };
}

describe('--org', () => {
  it('lists the accounts, assumes the role in each ACTIVE one, and gives a missing role and a SUSPENDED account a row each', async () => {
    const { code, rows, err } = await fleet('--org', '--region', 'us-east-1,us-west-2');
    expect(code).toBe(1); // two accounts could not be read
    const byProfile = (p: string) => rows.filter((r) => r.profile === p);
    expect(byProfile('acme').map((r) => r.alias)).toEqual(expect.arrayContaining(['acme-support', 'acme-sales']));
    expect(byProfile('acme-platform').map((r) => r.accountId)).toEqual(expect.arrayContaining(['210987654321']));
    expect(byProfile('acme-platform').map((r) => r.alias)).toEqual(expect.arrayContaining(['acme-prod', 'acme-dev']));
    expect(byProfile('acme-research').map((r) => r.error?.message)).toEqual([expect.stringMatching(/could not assume arn:aws:iam::333333333333:role\/OrganizationAccountAccessRole \(AccessDenied\)/)]);
    expect(byProfile('acme-legacy').map((r) => r.error?.message)).toEqual(['account 444444444444 is SUSPENDED: listed, not read']);
    expect(err).toContain('acme-research');
    // The role was assumed in the member accounts, in sessions that say spex; the management account used its own key.
    const assumed = backend.emulator.requests.filter((r) => r.operation === 'AssumeRole');
    expect(assumed.length).toBe(4); // acme-platform, acme-research, retail-001, retail-002
  });

  it('a role that demands an ExternalId: refused without it, taken with --external-id', async () => {
    const without = await fleet('--org', '--org-role', 'SpexAudit', '--region', 'us-east-1');
    expect(without.rows.find((r) => r.profile === 'acme-platform')?.error?.message).toMatch(/could not assume arn:aws:iam::210987654321:role\/SpexAudit \(AccessDenied\)/);
    const withId = await fleet('--org', '--org-role', 'SpexAudit', '--external-id', 'spex-audit', '--region', 'us-east-1');
    expect(withId.rows.filter((r) => r.profile === 'acme-platform' && r.error === undefined).map((r) => r.alias)).toEqual(['acme-prod']);
  });

  it('--org-unit keeps the accounts of an OU (nested ones too), --org-account by id or name; each row says its OU', async () => {
    const platform = await fleet('--org', '--org-unit', 'Platform', '--region', 'us-east-1');
    expect([...new Set(platform.rows.map((r) => r.profile))].sort()).toEqual(['acme-platform', 'acme-research']);
    expect(platform.rows.find((r) => r.profile === 'acme-research')?.unit).toBe('Platform/Research');
    expect(platform.rows.find((r) => r.profile === 'acme-platform')?.unit).toBe('Platform');
    const research = await fleet('--org', '--org-unit', 'Platform/Research', '--region', 'us-east-1');
    expect([...new Set(research.rows.map((r) => r.profile))]).toEqual(['acme-research']);
    // The generated accounts have an instance each, in us-west-2 (retail-001) and eu-west-2 (retail-002).
    const retail = await fleet('--org', '--org-account', 'retail-*,210987654321', '--region', 'us-east-1,us-west-2,eu-west-2');
    expect([...new Set(retail.rows.map((r) => r.profile))].sort()).toEqual(['acme-platform', 'retail-001', 'retail-002']);
    expect(retail.rows.find((r) => r.profile === 'retail-002')?.alias).toBe('retail-002');
    expect(retail.rows.find((r) => r.profile === 'retail-001')?.unit).toBe('Retail');
    const none = await fleet('--org', '--org-unit', 'Nowhere', '--region', 'us-east-1');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--org-unit Nowhere: no account of the organisation matches \(6 accounts; OUs: .*Retail/);
  });

  it('production by account id or by OU, and an organisation fleet saved in config.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spex-org-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ production: ['ou:Retail', '210987654321'], fleets: { audit: { org: { role: 'SpexAudit', externalId: 'spex-audit', units: ['Platform'], regions: ['us-east-1'] } } } }));
      const saved = await command('fleet', ['--fleet', 'audit'], { SPEX_CONFIG_DIR: dir });
      // SpexAudit with its ExternalId, in the Platform OU only: acme-platform read, acme-research has no such role.
      expect(saved.rows.filter((r) => r.error === undefined).map((r) => r.alias)).toEqual(['acme-prod']);
      expect(saved.rows.find((r) => r.profile === 'acme-platform')?.production).toBe(true);
      expect(saved.rows.find((r) => r.profile === 'acme-research')?.error?.message).toMatch(/SpexAudit/);
      const retail = await command('fleet', ['--org', '--org-unit', 'Retail,Root', '--region', 'us-east-1'], { SPEX_CONFIG_DIR: dir });
      expect(retail.rows.filter((r) => r.profile === 'acme').every((r) => r.production === false)).toBe(true);
      // The flag wins over the saved fleet's units.
      const flagWins = await command('fleet', ['--fleet', 'audit', '--org-unit', 'Root', '--org-role', 'OrganizationAccountAccessRole'], { SPEX_CONFIG_DIR: dir });
      expect([...new Set(flagWins.rows.map((r) => r.profile))]).toEqual(['acme']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GetCallerIdentity names the assumed role and its session', async () => {
    const sts = new STSClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/SpexAudit', RoleSessionName: 'spex-alice', ExternalId: 'spex-audit' }))).Credentials!;
      const as = new STSClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
      const who = await as.send(new GetCallerIdentityCommand({}));
      as.destroy();
      expect(who.Account).toBe('210987654321');
      expect(who.Arn).toBe('arn:aws:sts::210987654321:assumed-role/SpexAudit/spex-alice');
      expect(who.UserId).toMatch(/^AROA[0-9A-F]+:spex-alice$/);
    } finally {
      sts.destroy();
    }
  });

  it('the emulator walks the tree: ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent (ParentNotFoundException for an unknown parent)', async () => {
    const org = new OrganizationsClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const root = (await org.send(new ListRootsCommand({}))).Roots![0]!;
      const units = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root.Id! }))).OrganizationalUnits!;
      expect(units.map((u) => u.Name).sort()).toEqual(['Legacy', 'Platform', 'Retail']);
      const platform = units.find((u) => u.Name === 'Platform')!;
      expect((await org.send(new ListAccountsForParentCommand({ ParentId: platform.Id! }))).Accounts!.map((a) => a.Name)).toEqual(['acme-platform']);
      const nested = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: platform.Id! }))).OrganizationalUnits!;
      expect(nested.map((u) => u.Name)).toEqual(['Research']);
      expect((await org.send(new ListAccountsForParentCommand({ ParentId: root.Id! }))).Accounts!.map((a) => a.Name)).toEqual(['acme']);
      const missing = await org.send(new ListAccountsForParentCommand({ ParentId: 'ou-ac01-00000000' })).catch((e: Error) => e);
      expect((missing as Error).name).toBe('ParentNotFoundException');
    } finally {
      org.destroy();
    }
  });

  it('the emulator: ListAccounts only from the management account, 1–20 a page; AssumeRole checks the session name and duration', async () => {
    const client = (key: string) => new OrganizationsClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: { accessKeyId: key, secretAccessKey: 'x' }, maxAttempts: 1 });
    const management = client(TEST_CREDENTIALS.accessKeyId);
    const member = client('210987654321');
    try {
      const page = await management.send(new ListAccountsCommand({ MaxResults: 3 }));
      expect(page.Accounts?.map((a) => a.Name)).toEqual(['acme', 'acme-platform', 'acme-research']);
      expect(page.NextToken).toBeDefined();
      expect(((await management.send(new ListAccountsCommand({ MaxResults: 21 })).catch((e: Error) => e)) as Error).name).toBe('InvalidInputException');
      expect(((await member.send(new ListAccountsCommand({})).catch((e: Error) => e)) as Error).name).toBe('AccessDeniedException');
    } finally {
      management.destroy();
      member.destroy();
    }
    const sts = new STSClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const ok = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/OrganizationAccountAccessRole', RoleSessionName: 'spex-test', DurationSeconds: 900 }));
      expect(ok.Credentials?.AccessKeyId).toBe('210987654321');
      expect(ok.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/OrganizationAccountAccessRole/spex-test');
      const short = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/OrganizationAccountAccessRole', RoleSessionName: 'x', DurationSeconds: 900 })).catch((e: Error) => e);
      expect((short as Error).name).toBe('ValidationError');
      const brief = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::210987654321:role/OrganizationAccountAccessRole', RoleSessionName: 'spex-test', DurationSeconds: 60 })).catch((e: Error) => e);
      expect((brief as Error).name).toBe('ValidationError');
    } finally {
      sts.destroy();
    }
  });
});

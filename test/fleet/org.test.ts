// `--org`: the fleet found through AWS Organizations, through the SDK against the emulator's demo
// organisation. From the management account: ListAccounts, a role assumed in each ACTIVE account (the
// management account read with its own credentials), an account without the role and a SUSPENDED one
// each on its own row; a role that demands an ExternalId. The emulator answers as the API references
// say: ListAccounts only from the management account, 1–20 a page; AssumeRole refuses a missing role or
// a wrong ExternalId with AccessDenied, and checks the session name and duration.
import { OrganizationsClient, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ orgAccounts: 2 });
});
afterAll(async () => backend.close());

async function fleet(...args: string[]) {
  // TEST_CREDENTIALS's key selects the demo's first account: the organisation's management account.
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
  const code = await runCommand('fleet', [...args, '--endpoint-url', backend.emulator.url, '--output', 'json'], io);
  return { code, rows: code === 2 ? [] : (JSON.parse(io.out()) as { profile: string; accountId: string | null; alias?: string | null; error?: { message: string } }[]), err: io.err() };
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

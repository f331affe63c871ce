import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runCommand } from '../../src/commands/index.js';
import { demoInstanceArn, demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, withEmulator } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

describe('read commands', () => {
  const backend = withEmulator();
  const env = () => ({
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: backend().emulator.url,
  });
  const run = async (args: string[], options: Parameters<typeof memoryIo>[0] = {}) => {
    const io = memoryIo({ env: env(), ...options });
    const [name, ...rest] = args;
    const code = await runCommand(name!, rest, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('regions prints the Connect regions (JSON when piped)', async () => {
    const { code, out } = await run(['regions']);
    expect(code).toBe(0);
    const regions = JSON.parse(out) as { code: string; name: string }[];
    expect(regions.find((r) => r.code === 'us-east-1')?.name).toBe('US East (N. Virginia)');
  });

  it('instances prints a table on a terminal and JSON when piped', async () => {
    const table = await run(['instances'], { stdoutTTY: true });
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ALIAS\s+ID\s+STATUS\s+ARN/);
    expect(table.out).toContain('acme-support');
    const json = await run(['instances']);
    expect((JSON.parse(json.out) as { alias: string }[]).map((i) => i.alias)).toEqual(['acme-support', 'acme-sales']);
  });

  it.each([
    ['alias', 'acme-support'],
    ['id', demoInstanceArn().split('/').pop()!],
    ['ARN', demoInstanceArn()],
  ])('list --instance accepts an %s', async (_kind, ref) => {
    const { code, out } = await run(['list', '--instance', ref]);
    expect(code).toBe(0);
    const names = (JSON.parse(out) as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Admin', 'Tier 1 Support']));
  });

  it('list with an unknown instance fails with the instances it knows', async () => {
    const { code, err } = await run(['list', '--instance', 'nope']);
    expect(code).toBe(1);
    expect(err).toContain("No instance 'nope'");
    expect(err).toContain('acme-support');
  });

  it('list without --instance is a usage error', async () => {
    const { code, err } = await run(['list']);
    expect(code).toBe(2);
    expect(err).toContain('--instance is required');
  });

  it('get prints the profile as YAML, and as a table with grouped permissions', async () => {
    const arn = demoProfileArn('Tier 1 Support');
    const yaml = await run(['get', arn, '--output', 'yaml']);
    expect(yaml.code).toBe(0);
    expect(YAML.parse(yaml.out)).toMatchObject({ SecurityProfileArn: arn, SecurityProfileName: 'Tier 1 Support' });
    const table = await run(['get', arn, '--output', 'table']);
    expect(table.out).toMatch(/^Name\s+Tier 1 Support$/m);
    expect(table.out).toMatch(/^Tags\s+.*team=support/m);
  });

  it('renders hostile server text inert in tables and escaped in JSON', async () => {
    const arn = demoProfileArn('Workforce Planning');
    const evil = 'Plans\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u001b]8;;http://evil\u0007link\u001b]8;;\u0007\u202e';
    backend().emulator.modifyProfile('us-east-1', arn, (m) => {
      m.Description = evil;
      m.SecurityProfileName = 'Work\u001b[2Jforce\u001b]0;pwned\u0007';
      m.Tags = [{ Key: 'x\u001b[31m', Value: 'y\u009b2J' }];
      m.Permissions = [...(m.Permissions as string[]), 'Evil\u001b[1;1H\u001b[2KPerm'];
    });
    const table = await run(['get', arn, '--output', 'table']);
    expect(table.code).toBe(0);
    expect(table.out).toContain('Plans\uFFFDlink\uFFFD');
    expect(table.out).toContain('Evil\uFFFDPerm');
    expect(table.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const list = await run(['list', '--instance', 'acme-support', '--output', 'table']);
    expect(list.out).toMatch(/^Work\uFFFDforce\uFFFD\s/m);
    expect(list.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const json = await run(['get', arn, '--output', 'json']);
    expect(json.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(json.out).toContain('\\u001b[2J');
    expect((JSON.parse(json.out) as { Description: string }).Description).toBe(evil);
  });

  it('requests lists recent requests', async () => {
    const { code, out } = await run(['requests']);
    expect(code).toBe(0);
    expect(Array.isArray(JSON.parse(out))).toBe(true);
  });

  it('iam-policy prints the policy; --read-only leaves out mutations', async () => {
    const full = JSON.parse((await run(['iam-policy'])).out) as { Statement: { Action: string[] }[] };
    const actions = full.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(expect.arrayContaining(['cloudformation:ListResources', 'cloudformation:UpdateResource', 'connect:UpdateSecurityProfile']));
    const ro = JSON.parse((await run(['iam-policy', '--read-only'])).out) as { Statement: { Action: string[] }[] };
    const roActions = ro.Statement.flatMap((s) => s.Action);
    expect(roActions).toContain('cloudformation:GetResource');
    expect(roActions.some((a) => /Create|Update|Delete/.test(a) && a.startsWith('cloudformation:'))).toBe(false);
  });

  it('iam-policy --org: the management account reads the tree and assumes the role; the role trusts it with the ExternalId', async () => {
    const org = JSON.parse((await run(['iam-policy', '--org', '--org-role', 'SpexAudit', '--external-id', 'spex-audit', '--read-only'])).out) as {
      management: { Statement: { Action: string[]; Resource: string }[] };
      memberRole: { name: string; trustPolicy: { Statement: { Condition?: unknown }[] }; permissions: { Statement: { Action: string[] }[] } };
    };
    expect(org.management.Statement.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['organizations:ListAccounts', 'organizations:ListRoots', 'sts:AssumeRole']));
    expect(org.management.Statement.find((s) => s.Action.includes('sts:AssumeRole'))?.Resource).toBe('arn:aws:iam::*:role/SpexAudit');
    expect(org.memberRole.name).toBe('SpexAudit');
    expect(org.memberRole.trustPolicy.Statement[0]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'spex-audit' } });
    expect(org.memberRole.permissions.Statement.flatMap((s) => s.Action)).toContain('cloudformation:GetResource');
    expect(org.memberRole.permissions.Statement.flatMap((s) => s.Action)).not.toContain('cloudformation:UpdateResource');
  });

  it.each([
    [['list', '--bogus']],
    [['get']],
    [['get', 'a', 'b']],
    [['instances', '--output', 'xml']],
    [['instances', '--concurrency', 'many']],
    [['nope']],
  ])('usage errors exit 2: %j', async (args) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain('usage: spex');
  });

  it('without a region it says how to give one (exit 2)', async () => {
    const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
    expect(await runCommand('instances', [], io)).toBe(2);
    expect(io.err()).toContain('--region');
  });

  it('takes credentials from the given environment', async () => {
    const saved = process.env.AWS_EC2_METADATA_DISABLED;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...noKeys } = env();
      const io = memoryIo({ env: noKeys });
      expect(await runCommand('instances', [], io)).toBe(1);
      expect(io.err()).toContain('AWS_PROFILE');
      expect((await run(['instances'])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
      else process.env.AWS_EC2_METADATA_DISABLED = saved;
    }
  });

  it('--debug logs requests to stderr without the secret key', async () => {
    const { code, err } = await run(['instances', '--debug', '--endpoint-url', backend().emulator.url, '--region', 'us-east-1']);
    expect(code).toBe(0);
    expect(err).toMatch(/spex debug: ListResources us-east-1 200/);
    expect(err).not.toContain(TEST_CREDENTIALS.secretAccessKey === 'test' ? 'Authorization' : TEST_CREDENTIALS.secretAccessKey);
  });
});

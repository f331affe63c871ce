// Profiles as code through the real entry point against the emulator: export writes spex's YAML
// (console words as comments, the hierarchy group by its path); plan compares a file with an
// instance, in console words and the exact requests, with terraform's exit codes; files that are
// wrong get one clear error with file, line and column, and nothing is sent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { runCommand } from '../../src/commands/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
let dir: string;
beforeAll(async () => {
  backend = await startTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'spex-as-code-'));
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(name: string, ...args: string[]) {
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
  const code = await runCommand(name, [...args, '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
  return { code, out: io.out(), err: io.err() };
}
const mutations = () => backend.emulator.requests.filter((r) => ['CreateResource', 'UpdateResource', 'DeleteResource'].includes(r.operation));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('spex export', () => {
  it('writes YAML for people: a header, permissions grouped and labelled, tags as maps, the group by its path', async () => {
    const path = join(dir, 'support.yaml');
    const { code, err } = await run('export', '--instance', 'acme-support', '--name', 'Team Leads', '--file', path);
    expect(code).toBe(0);
    expect(err).toContain('wrote 1 profile to');
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# spex \S+ export of arn:aws:connect:us-east-1:/);
    expect(text).toContain('# Users and permissions');
    expect(text).toContain('- Users.View # Users · View');
    expect(text).toMatch(/Tags:\n\s+cost-center: cc-1001\n\s+team: support/);
    expect(text).toMatch(/AllowedAccessControlHierarchyGroup:\n\s+path: Americas\/Support floor\n\s+id: [0-9a-f-]+/);
    const json = await run('export', '--instance', 'acme-support', '--name', 'Team Leads', '--format', 'json');
    expect(JSON.parse(json.out)).toEqual(YAML.parse(text));
  });
});

describe('spex plan', () => {
  it('an export planned against its own instance has nothing to do (exit 0); against another instance the group maps by its path', async () => {
    const path = join(dir, 'all.yaml');
    await run('export', '--instance', 'acme-support', '--file', path);
    const same = await run('plan', '-f', path, '--instance', 'acme-support', '--output', 'json');
    expect(same.code).toBe(0);
    expect(JSON.parse(same.out).summary).toMatch(/^0 to create, 0 to update, 0 to delete, \d+ unchanged$/);
    const leads = join(dir, 'leads.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Team Leads', '--name', 'Workforce Planning', '--file', leads);
    const other = await run('plan', '-f', leads, '--instance', 'acme-sales', '--output', 'json');
    const steps = JSON.parse(other.out).steps as { action: string; name: string; request?: { CreateResource?: { DesiredState: { AllowedAccessControlHierarchyGroupId?: string } } } }[];
    const sales = await backend.spex.forRegion('us-east-1').listHierarchyGroups(backend.emulator.listModels('us-east-1', 'AWS::Connect::Instance').map((i) => String(i.Arn)).find((a) => a !== backend.instanceArn)!);
    const floor = sales.find((g) => g.name === 'Support floor')!;
    const leadsStep = steps.find((s) => s.name === 'Team Leads')!;
    // Either the same already (unchanged), or created with the other instance's group id.
    if (leadsStep.action === 'create') expect(leadsStep.request!.CreateResource!.DesiredState.AllowedAccessControlHierarchyGroupId).toBe(floor.id);
    else expect(leadsStep.action).toBe('unchanged');
    expect(mutations()).toHaveLength(0);
  });

  it('a change in the file: exit 2, the change in console words and the exact patch; nothing is sent', async () => {
    const path = join(dir, 'changed.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Workforce Planning', '--file', path);
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { Permissions: string[]; Description: string }[] };
    doc.profiles[0]!.Permissions = [...new Set([...doc.profiles[0]!.Permissions, 'Users.Edit', 'Users.View'])];
    doc.profiles[0]!.Description = 'Plans and forecasts';
    writeFileSync(path, YAML.stringify(doc));
    const { code, out } = await run('plan', '-f', path, '--instance', 'acme-support', '--output', 'table');
    expect(code).toBe(2);
    expect(out).toContain('~ update “Workforce Planning”');
    expect(out).toContain('+ Users · Edit (Users.Edit)');
    expect(out).toContain('Description: "Forecasts, capacity plans and agent schedules" → "Plans and forecasts"');
    expect(out).toMatch(/request: \{"UpdateResource":\{"Identifier":"arn:aws:connect:[^"]+","PatchDocument":\[\{"op":"test"/);
    expect(out).toContain('Plan: 0 to create, 1 to update, 0 to delete, 0 unchanged.');
    expect(mutations()).toHaveLength(0);
  });

  it('--prune adds the deletes of profiles the file leaves out', async () => {
    const path = join(dir, 'one.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Agent', '--file', path);
    const { code, out } = await run('plan', '-f', path, '--instance', 'acme-support', '--prune', '--output', 'json');
    expect(code).toBe(2);
    const steps = JSON.parse(out).steps as { action: string; name: string }[];
    expect(steps.filter((s) => s.action === 'delete').map((s) => s.name)).toContain('Workforce Planning');
    expect(steps.find((s) => s.name === 'Agent')!.action).toBe('unchanged');
  });

  it.each([
    ['an unknown field', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: A\n    Permisions: [Users.View]\n', /bad\.yaml:4:5: profiles\/0 must NOT have additional properties \(Permisions\)/],
    ['a duplicate name', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: A\n  - SecurityProfileName: A\n', /bad\.yaml:5:26: profiles\/1\/SecurityProfileName "A" is also profile 1: each name once/],
    ['a file for another type', 'kind: aws/cloudformation\nversion: 1\nprofiles: []\n', /bad\.yaml:1:7: kind must be equal to constant \("spex\/security-profiles"\).*this is not a spex profiles file/s],
    ['broken YAML', 'kind: spex/security-profiles\nprofiles:\n  - SecurityProfileName: [A\n', /bad\.yaml:\d+:\d+: not valid YAML or JSON/],
    ['a custom YAML tag', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: !Ref A\n', /bad\.yaml:4:26: the tag !Ref is not allowed/],
  ])('%s gets one clear error with file, line and column; exit 1 (2 would read as changes), no usage text, nothing read or sent', async (_what, text, message) => {
    const path = file('bad.yaml', text);
    const before = backend.emulator.requests.length;
    for (const command of ['plan', 'apply']) {
      const { code, err } = await run(command, '-f', path, '--instance', 'acme-support');
      expect(code).toBe(1);
      expect(err).toMatch(message);
      expect(err).not.toContain('Usage');
    }
    expect(backend.emulator.requests.length).toBe(before);
  });

  it('a typo in a permission name is refused with file, line and column and "did you mean", nothing sent; --allow-unknown sends it', async () => {
    const path = file('typo.yaml', 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: Typo Desk\n    Permissions:\n      - Queues.View\n      - Queues.Veiw\n');
    const before = mutations().length;
    for (const command of ['plan', 'apply']) {
      const { code, err } = await run(command, '-f', path, '--instance', 'acme-support', ...(command === 'apply' ? ['--yes'] : []));
      expect(code).toBe(1);
      expect(err).toMatch(/typo\.yaml:7:9: Typo Desk: 'Queues\.Veiw' .*did you mean .*Queues\.View.*--allow-unknown sends it as written/);
    }
    expect(mutations().length).toBe(before);
    const allowed = await run('plan', '-f', path, '--instance', 'acme-support', '--allow-unknown', '--output', 'table');
    expect(allowed.code).toBe(2);
    expect(allowed.out).toContain('Queues.Veiw');
    // A name the catalogue does not know that the profile already holds is not a change: an export of it plans clean.
    const agent = String(backend.emulator.listModels('us-east-1', 'AWS::Connect::SecurityProfile').find((m) => m.InstanceArn === backend.instanceArn && m.SecurityProfileName === 'Agent')?.SecurityProfileArn);
    backend.emulator.modifyProfile('us-east-1', agent, (m) => {
      m.Permissions = [...(m.Permissions as string[]), 'Legacy.WallboardAccess'];
    });
    try {
      const whole = join(dir, 'agent.yaml');
      await run('export', '--instance', 'acme-support', '--name', 'Agent', '--file', whole);
      expect((await run('plan', '-f', whole, '--instance', 'acme-support')).code).toBe(0);
    } finally {
      backend.emulator.modifyProfile('us-east-1', agent, (m) => {
        m.Permissions = (m.Permissions as string[]).filter((p) => p !== 'Legacy.WallboardAccess');
      });
    }
  });

  it('usage errors of plan exit 1 (its 2 means changes), and an unknown command or profile name suggests the closest', async () => {
    const noFile = await run('plan', '--instance', 'acme-support');
    expect(noFile.code).toBe(1);
    expect(noFile.err).toContain('plan needs -f FILE');
    const io = memoryIo({ env: {} });
    expect(await runCommand('lst', [], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'lst'; did you mean 'list'?");
    const named = await run('export', '--instance', 'acme-support', '--name', 'Team Lead');
    expect(named.code).toBe(1);
    expect(named.err).toContain("No security profile 'Team Lead' in that instance; did you mean 'Team Leads'?");
  });

  it('a file over the size limit is refused before it is read, naming the limit; --max-file-size raises it', async () => {
    const path = file('big.yaml', `kind: spex/security-profiles\nversion: 1\nprofiles: []\n# ${'x'.repeat(11 * 1024 * 1024)}\n`);
    const before = backend.emulator.requests.length;
    const refused = await run('plan', '-f', path, '--instance', 'acme-support');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('big.yaml: the file is larger than the limit of 10 MB; nothing was read (--max-file-size MB raises it)');
    expect(backend.emulator.requests.length).toBe(before);
    const raised = await run('plan', '-f', path, '--instance', 'acme-support', '--max-file-size', '12', '--output', 'json');
    expect(raised.code, raised.err).toBe(0);
    const bad = await run('plan', '-f', path, '--instance', 'acme-support', '--max-file-size', 'lots');
    // A usage error of plan exits 1: its 2 means "changes".
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--max-file-size must be a whole number of megabytes from 1 to 1024');
    const fromFile = await run('create', '--instance', 'acme-support', '--from-file', path, '--max-file-size', '1');
    expect(fromFile.code).toBe(1);
    expect(fromFile.err).toContain('the file is larger than the limit of 1 MB');
  });
});

describe('spex apply', () => {
  const profilesIn = (instanceArn: string) => (backend.emulator.listModels('us-east-1', 'AWS::Connect::SecurityProfile') as unknown as { InstanceArn: string; SecurityProfileName: string; Description?: string; SecurityProfileArn: string }[]).filter((p) => p.InstanceArn === instanceArn);
  const salesArn = () => backend.emulator.listModels('us-east-1', 'AWS::Connect::Instance').map((i) => String(i.Arn)).find((a) => a !== backend.instanceArn)!;

  it('applies an export to another instance (ids mapped by name), then plan has nothing to do; a saved plan run again applies nothing twice', async () => {
    const path = join(dir, 'promote.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Compliance Auditors', '--name', 'Outbound Campaigns', '--file', path);
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { SecurityProfileName: string }[] };
    doc.profiles.forEach((p) => (p.SecurityProfileName = `${p.SecurityProfileName} (promoted)`.replace(/[()]/g, '')));
    writeFileSync(path, YAML.stringify(doc));
    const saved = join(dir, 'promote-plan.json');
    const planned = await run('plan', '-f', path, '--instance', 'acme-sales', '--save', saved, '--output', 'json');
    expect(planned.code).toBe(2);
    const refused = await run('apply', '-f', path, '--instance', 'acme-sales');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('refusing to apply without --yes');
    const applied = await run('apply', '-f', path, '--instance', 'acme-sales', '--yes');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('Applied: 2 to create, 0 to update, 0 to delete, 0 unchanged.');
    expect(profilesIn(salesArn()).filter((p) => p.SecurityProfileName.endsWith('promoted'))).toHaveLength(2);
    expect((await run('plan', '-f', path, '--instance', 'acme-sales')).code).toBe(0);
    // The plan saved before the apply, applied again: the same client tokens, so nothing new is made.
    const again = await run('apply', saved, '--yes');
    expect(again.code).toBe(0);
    expect(profilesIn(salesArn()).filter((p) => p.SecurityProfileName.endsWith('promoted'))).toHaveLength(2);
  });

  it('a plan past the instance quota: plan warns in words, apply refuses before anything is sent', async () => {
    const path = join(dir, 'quota.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Compliance Auditors', '--file', path);
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { SecurityProfileName: string }[] };
    doc.profiles.forEach((p) => (p.SecurityProfileName = 'Quota Probe'));
    writeFileSync(path, YAML.stringify(doc));
    const held = profilesIn(salesArn()).length;
    backend.emulator.setFaults({ profileQuota: held });
    try {
      const before = mutations().length;
      const planned = await run('plan', '-f', path, '--instance', 'acme-sales');
      expect(planned.code).toBe(2);
      expect(planned.err).toContain(`warning: the instance holds ${held} of its ${held} security profiles; the plan creates 1, so it would hold ${held + 1}.`);
      const applied = await run('apply', '-f', path, '--instance', 'acme-sales', '--yes');
      expect(applied.code).toBe(1);
      expect(applied.err).toMatch(/the instance holds \d+ of its \d+ security profiles; the plan creates 1, so it would hold \d+\. Delete profiles nobody holds, or raise the quota \(Service Quotas, Amazon Connect, L-F325A715\)\. Nothing was sent\./);
      expect(mutations().length).toBe(before);
    } finally {
      backend.emulator.setFaults({ profileQuota: 100 });
    }
  });

  it('an apply stopped halfway resumes without applying anything twice (counted in the request log)', async () => {
    const path = join(dir, 'halfway.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Flow Designers', '--name', 'Reporting Analysts', '--file', path);
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { SecurityProfileName: string }[] };
    doc.profiles.forEach((p) => (p.SecurityProfileName = `${p.SecurityProfileName} copy`));
    writeFileSync(path, YAML.stringify(doc));
    const saved = join(dir, 'halfway-plan.json');
    await run('plan', '-f', path, '--instance', 'acme-sales', '--save', saved);
    const creates = () => backend.emulator.requests.filter((r) => r.operation === 'CreateResource' && r.status === 200);
    const copies = () => profilesIn(salesArn()).filter((p) => p.SecurityProfileName.endsWith(' copy'));
    const before = creates().length;
    // One of the two creates is refused on the way (the service is unavailable): one is done, one is not.
    backend.emulator.failNext('CreateResource', 1, { exception: 'ServiceUnavailableException' });
    const first = await run('apply', saved, '--yes');
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/1 of 2 steps failed/);
    expect(copies()).toHaveLength(1);
    // Run again, the same saved plan: the done step's token brings back its request; the other is sent.
    const second = await run('apply', saved, '--yes');
    expect(second.code).toBe(0);
    expect(copies().map((p) => p.SecurityProfileName).sort()).toEqual(['Flow Designers copy', 'Reporting Analysts copy']);
    // Three answered creates in all (the done one, then its token again, then the other): two profiles, none twice.
    expect(creates().length - before).toBe(3);
    expect(new Set(creates().slice(before).map((r) => (r.body as { ClientToken?: string }).ClientToken)).size).toBe(2);
  });

  it('a profile changed between plan and apply is refused and reported, not overwritten', async () => {
    const path = join(dir, 'guarded.yaml');
    await run('export', '--instance', 'acme-support', '--name', 'Reporting Analysts', '--file', path);
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { profiles: { Description: string }[] };
    doc.profiles[0]!.Description = 'From the file';
    writeFileSync(path, YAML.stringify(doc));
    const saved = join(dir, 'guarded-plan.json');
    expect((await run('plan', '-f', path, '--instance', 'acme-support', '--save', saved)).code).toBe(2);
    const arn = profilesIn(backend.instanceArn).find((p) => p.SecurityProfileName === 'Reporting Analysts')!.SecurityProfileArn;
    backend.emulator.modifyProfile('us-east-1', arn, (m) => void (m.Description = 'Changed by someone else'));
    const { code, err } = await run('apply', saved, '--yes');
    expect(code).toBe(1);
    expect(err).toMatch(/1 of 1 steps failed:\n\s+update “Reporting Analysts”:/);
    expect(profilesIn(backend.instanceArn).find((p) => p.SecurityProfileName === 'Reporting Analysts')!.Description).toBe('Changed by someone else');
  });
});

describe('spex export --format cloudformation', () => {
  const hasCfnLint = spawnSync('sh', ['-c', 'command -v cfn-lint']).status === 0;

  it('says what CloudFormation cannot express, naming profile and field, and exits 3 unless --allow-loss', async () => {
    const lossy = await run('export', '--instance', 'acme-support', '--format', 'cloudformation');
    expect(lossy.code).toBe(3);
    expect(lossy.out).toBe('');
    expect(lossy.err).toContain('spex: warning: Supervisors (EMEA): SecurityProfileName: CloudFormation refuses this name');
    expect(lossy.err).toContain('spex: warning: Retention Desk: Tags (Cost Center): a tag key CloudFormation refuses');
    const path = join(dir, 'template.yaml');
    const kept = await run('export', '--instance', 'acme-support', '--format', 'cloudformation', '--allow-loss', '--file', path);
    expect(kept.code).toBe(0);
    const template = YAML.parse(readFileSync(path, 'utf8')) as { Parameters: Record<string, { Default: string }>; Resources: Record<string, { Type: string; Properties: { SecurityProfileName: string; InstanceArn: unknown; AllowedAccessControlHierarchyGroupId?: unknown } }> };
    const names = Object.values(template.Resources).map((r) => r.Properties.SecurityProfileName);
    expect(names).toContain('Team Leads');
    expect(names).not.toContain('Supervisors (EMEA)');
    expect(Object.values(template.Resources).every((r) => r.Type === 'AWS::Connect::SecurityProfile')).toBe(true);
    expect(template.Parameters.InstanceArn!.Default).toBe(backend.instanceArn);
    const leads = Object.values(template.Resources).find((r) => r.Properties.SecurityProfileName === 'Team Leads')!;
    expect(leads.Properties.AllowedAccessControlHierarchyGroupId).toEqual({ Ref: 'HierarchyGroupAmericasSupportFloor' });
  });

  it.runIf(hasCfnLint)('the template passes cfn-lint (skipped where cfn-lint, a Python package, is not installed)', async () => {
    const path = join(dir, 'lint-me.yaml');
    await run('export', '--instance', 'acme-support', '--format', 'cloudformation', '--allow-loss', '--file', path);
    const result = spawnSync('cfn-lint', [path], { encoding: 'utf8' });
    // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational.
    expect(result.status! & 6, result.stdout + result.stderr).toBe(0);
  });
});

describe('spex export --format terraform-awscc | terraform-aws', () => {
  it('awscc: every field, an import block per profile, HCL that parses; a name Cloud Control refuses is left out, exit 3 unless --allow-loss', async () => {
    const lossy = await run('export', '--instance', 'acme-support', '--format', 'terraform-awscc');
    expect(lossy.code).toBe(3);
    expect(lossy.err).toContain('spex: warning: Supervisors (EMEA): SecurityProfileName: awscc (Cloud Control) refuses this name');
    expect(lossy.err).toContain('spex: warning: Retention Desk: Tags (Cost Center): a tag key awscc (Cloud Control) refuses');
    const { code, out } = await run('export', '--instance', 'acme-support', '--format', 'terraform-awscc', '--allow-loss');
    expect(code).toBe(0);
    const parsed = (await parseHcl('main.tf', out)) as { resource: { awscc_connect_security_profile: Record<string, [Record<string, unknown>]> }; import: { to: string; id: string }[] };
    const leads = parsed.resource.awscc_connect_security_profile.team_leads![0];
    expect(leads).toMatchObject({ security_profile_name: 'Team Leads', instance_arn: backend.instanceArn, hierarchy_restricted_resources: ['User'], tags: expect.arrayContaining([{ key: 'team', value: 'support' }]) });
    expect(typeof leads.allowed_access_control_hierarchy_group_id).toBe('string');
    const ai = parsed.resource.awscc_connect_security_profile.ai_agent_builders![0];
    expect(ai.granular_access_control_configuration).toMatchObject({ data_table_access_control_configuration: { primary_attribute_access_control_configuration: { primary_attribute_values: [expect.objectContaining({ attribute_name: 'Region' })] } } });
    expect(parsed.import.find((i) => i.to === '${awscc_connect_security_profile.team_leads}')!.id).toMatch(/^arn:aws:connect:us-east-1:\d{12}:instance\/.+\/security-profile\//);
    expect(Object.keys(parsed.resource.awscc_connect_security_profile)).toHaveLength(parsed.import.length);
  });

  it('the standard aws resource: only name, description, permissions and tags; each field it lacks is named, exit 3 unless --allow-loss', async () => {
    const lossy = await run('export', '--instance', 'acme-support', '--format', 'terraform-aws');
    expect(lossy.code).toBe(3);
    expect(lossy.err).toContain('spex: warning: Team Leads: AllowedAccessControlHierarchyGroupId: the standard aws_connect_security_profile has no such argument');
    expect(lossy.err).toContain('spex: warning: Tier 1 Support: AllowedAccessControlTags:');
    const { code, out } = await run('export', '--instance', 'acme-support', '--format', 'terraform-aws', '--allow-loss', '--name', 'Team Leads');
    expect(code).toBe(0);
    const parsed = (await parseHcl('main.tf', out)) as { resource: { aws_connect_security_profile: Record<string, [Record<string, unknown>]> }; import: { id: string }[] };
    const leads = parsed.resource.aws_connect_security_profile.team_leads![0];
    expect(leads).toMatchObject({ name: 'Team Leads', instance_id: backend.instanceArn.split('/').pop(), tags: { team: 'support', 'cost-center': 'cc-1001' } });
    expect(leads).not.toHaveProperty('hierarchy_restricted_resources');
    expect(parsed.import[0]!.id).toMatch(/^[0-9a-f-]+:[0-9a-f-]+$/);
  });
});

describe('the demo estate', () => {
  it("a whole export of acme-support applies cleanly to acme-sales (groups mapped by path), and then plans nothing to do", async () => {
    const fresh = await startTestBackend();
    try {
      const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey };
      const go = async (name: string, ...args: string[]) => {
        const io = memoryIo({ env });
        const code = await runCommand(name, [...args, '--endpoint-url', fresh.emulator.url, '--region', 'us-east-1'], io);
        return { code, out: io.out(), err: io.err() };
      };
      const path = join(dir, 'estate.yaml');
      expect((await go('export', '--instance', 'acme-support', '--file', path)).code).toBe(0);
      const planned = await go('plan', '-f', path, '--instance', 'acme-sales', '--output', 'json');
      expect(planned.code, planned.err).toBe(2);
      const applied = await go('apply', '-f', path, '--instance', 'acme-sales', '--yes');
      expect(applied.code, applied.err).toBe(0);
      expect((await go('plan', '-f', path, '--instance', 'acme-sales')).code).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

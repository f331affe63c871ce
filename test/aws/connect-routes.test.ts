// Profiles Cloud Control's schema refuses are created and deleted through the Connect API, as they are
// already updated through it; Connect's own rules (its name pattern) refuse before anything is sent;
// the instance's quota is reported in words on both routes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectNameIssue } from '../../src/domain/profile/connect-plan.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { startTestBackend, type TestBackend, sent } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const FOUR_TAGS = [
  { Key: 'Team', Value: 'a' },
  { Key: 'Cost Center', Value: 'b' },
  { Key: 'Site', Value: 'c' },
  { Key: 'Tier', Value: 'd' },
];
const writes = (b: TestBackend) => ['CreateResource', 'DeleteResource', 'CreateSecurityProfile', 'DeleteSecurityProfile'].flatMap((op) => sent(b, op));

describe('create and delete through the Connect API', () => {
  it('a profile with four access-control tags (the schema allows two) is created with CreateSecurityProfile, read back, and deleted with DeleteSecurityProfile', async () => {
    backend = await startTestBackend();
    const service = backend.spex.forRegion(backend.region);
    const outcome = await service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Four Tag Desk', Permissions: ['BasicAgentAccess'], AllowedAccessControlTags: FOUR_TAGS, TagRestrictedResources: ['User'] }).done;
    expect(outcome.ok).toBe(true);
    expect(sent(backend, 'CreateResource')).toHaveLength(0);
    expect(sent(backend, 'CreateSecurityProfile')).toHaveLength(1);
    expect(outcome.status?.note).toMatch(/created through the Connect API/);
    const arn = outcome.ok ? outcome.identifier! : '';
    expect(outcome.ok && outcome.model?.AllowedAccessControlTags).toEqual(expect.arrayContaining(FOUR_TAGS));

    const current = backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn) as unknown as SecurityProfile;
    const deleted = await service.deleteProfile(arn, { current }).done;
    expect(deleted.ok).toBe(true);
    expect(sent(backend, 'DeleteSecurityProfile')).toHaveLength(1);
    expect(sent(backend, 'DeleteResource')).toHaveLength(0);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)).toBeUndefined();
  });

  it('a name with parentheses is refused before sending: Connect\'s CreateSecurityProfile has the same name rule as the schema', async () => {
    backend = await startTestBackend();
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Night (EMEA)', Permissions: ['BasicAgentAccess'] }).done;
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'validation', field: 'SecurityProfileName' });
    expect(!outcome.ok && outcome.error.message).toMatch(/SecurityProfileName: may contain only letters, digits, spaces, _ @ and -/);
    expect(writes(backend)).toEqual([]);
    // The domain's own wording of Connect's rule, for the Connect route's check.
    expect(connectNameIssue('Night (EMEA)')).toMatch(/takes only letters, digits, spaces, _, @ and - \("\(" is not one; names like that are made in the console only\)/);
    expect(connectNameIssue('Night EMEA')).toBeUndefined();
  });

  it('a duplicate tag key, a 51st tag, a tag key "aws:…" stay refused by the schema (Connect refuses them too): nothing sent', async () => {
    backend = await startTestBackend();
    const service = backend.spex.forRegion(backend.region);
    for (const Tags of [[{ Key: 'a b', Value: '1' }, { Key: 'a b', Value: '2' }], Array.from({ length: 51 }, (_, i) => ({ Key: `k ${i}`, Value: 'v' })), [{ Key: 'aws:x y', Value: 'v' }]]) {
      const outcome = await service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Tag Probe', Tags }).done;
      expect(outcome.ok).toBe(false);
    }
    expect(writes(backend)).toEqual([]);
  });

  it('with --cloudcontrol-only the same profile is refused with the schema rule, nothing sent', async () => {
    backend = await startTestBackend({ spex: { cloudControlOnly: true } });
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Four Tag Desk', AllowedAccessControlTags: FOUR_TAGS }).done;
    expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'validation' });
    expect(!outcome.ok && outcome.error.message).toMatch(/AllowedAccessControlTags/);
    expect(writes(backend)).toEqual([]);
  });

  it('spex create from the command line takes the Connect route and says so', async () => {
    backend = await startTestBackend();
    const { code, out, err } = await runAgainst(backend, ['create', '--instance', backend.instanceArn, '--name', 'Spaced Tags', '--permission', 'BasicAgentAccess', '--tag', 'Cost Center=cc-1', '--output', 'json']);
    expect(code, err).toBe(0);
    expect(err).toMatch(/the profile goes through the Connect API \(CreateSecurityProfile\): Cloud Control refuses its values/);
    expect(sent(backend, 'CreateSecurityProfile')).toHaveLength(1);
    expect(JSON.parse(out)).toMatchObject({ SecurityProfileName: 'Spaced Tags' });
  });
});

describe('plan and apply of a new profile only Connect takes', () => {
  it('plan shows the CreateSecurityProfile request; apply creates it through Connect; plan then has nothing to do', async () => {
    backend = await startTestBackend();
    const dir = mkdtempSync(join(tmpdir(), 'spex-connect-plan-'));
    try {
      const file = join(dir, 'p.yaml');
      writeFileSync(file, 'kind: spex/security-profiles\nversion: 1\nprofiles:\n  - SecurityProfileName: Spaced Plan\n    Permissions:\n      - BasicAgentAccess\n    Tags:\n      Cost Center: cc-1\n');
      const planned = await runAgainst(backend, ['plan', '-f', file, '--instance', backend.instanceArn, '--output', 'json']);
      expect(planned.code, planned.err).toBe(2);
      const step = (JSON.parse(planned.out) as { steps: { action: string; request: { Connect?: { operation: string; body: Record<string, unknown> }[] } }[] }).steps.find((s) => s.action === 'create')!;
      expect(step.request.Connect?.[0]).toMatchObject({ operation: 'CreateSecurityProfile', body: { SecurityProfileName: 'Spaced Plan', Tags: { 'Cost Center': 'cc-1' } } });
      const applied = await runAgainst(backend, ['apply', '-f', file, '--instance', backend.instanceArn, '--yes']);
      expect(applied.code, applied.err).toBe(0);
      expect(sent(backend, 'CreateSecurityProfile')).toHaveLength(1);
      expect(sent(backend, 'CreateResource')).toHaveLength(0);
      expect((await runAgainst(backend, ['plan', '-f', file, '--instance', backend.instanceArn])).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading through the Connect API', () => {
  it("a read Cloud Control's handler refuses (model validation of console-made values) is read through Describe and the List* calls, field for field", async () => {
    backend = await startTestBackend();
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Supervisors (EMEA)');
    const viaCloudControl = await service.getProfile(arn);
    backend.emulator.failNext('GetResource', 1, { exception: 'GeneralServiceException', message: 'Model validation failed (#/SecurityProfileName: failed validation constraint for keyword [pattern])' });
    const viaConnect = await service.getProfile(arn);
    for (const op of ['DescribeSecurityProfile', 'ListSecurityProfilePermissions', 'ListSecurityProfileApplications', 'ListSecurityProfileFlowModules']) expect(sent(backend, op), op).toHaveLength(1);
    const comparable = (p: SecurityProfile) => ({ ...p, Permissions: [...(p.Permissions ?? [])].sort(), Tags: [...(p.Tags ?? [])].sort((a, b) => a.Key.localeCompare(b.Key)), AllowedAccessControlTags: [...(p.AllowedAccessControlTags ?? [])].sort((a, b) => a.Key.localeCompare(b.Key)) });
    expect(comparable(viaConnect)).toEqual(comparable(viaCloudControl));
  });

  it('a read that is not found is not retried through Connect', async () => {
    backend = await startTestBackend();
    const error = await backend.spex.forRegion(backend.region).getProfile(`${backend.instanceArn}/security-profile/00000000-0000-0000-0000-000000000000`).catch((e: { error: unknown }) => e.error);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect(sent(backend, 'DescribeSecurityProfile')).toHaveLength(0);
  });
});

describe('the quota, in words', () => {
  it.each([
    ['Cloud Control', {}, 'CreateResource'],
    ['the Connect API', { AllowedAccessControlTags: FOUR_TAGS }, 'CreateSecurityProfile'],
  ])('a create past the instance quota through %s says the instance is full and how to go on', async (_route, extra, operation) => {
    backend = await startTestBackend();
    const count = backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).filter((p) => p.InstanceArn === backend!.instanceArn).length;
    backend.emulator.setFaults({ profileQuota: count });
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'One Too Many', Permissions: ['BasicAgentAccess'], ...extra }).done;
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toMatch(new RegExp(`^(CreateSecurityProfile failed: )?The instance is at its quota of security profiles, so nothing was created \\(.*holds ${count} of its ${count} security profiles.*\\)\\. Delete a profile nobody holds, or raise the quota`));
    expect(sent(backend, operation).length).toBeGreaterThan(0);
  });
});

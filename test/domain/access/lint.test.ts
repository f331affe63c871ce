// The least-privilege rules, table-driven: each rule on a profile that breaks it and on one that does
// not, and the instance-wide rules (duplicate, quota, multi-tag-restricted).
import { describe, expect, it } from 'vitest';
import { failsAt, lintProfiles, type RuleId } from '../../../src/domain/access/lint.js';
import { toSarif } from '../../../src/domain/access/sarif.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/i-1';
let n = 0;
const profile = (name: string, extra: Partial<SecurityProfile> = {}): SecurityProfile => ({
  InstanceArn: INSTANCE,
  SecurityProfileArn: `${INSTANCE}/security-profile/p-${++n}`,
  SecurityProfileName: name,
  Permissions: ['BasicAgentAccess'],
  ...extra,
});
const rulesOf = (p: SecurityProfile): RuleId[] => lintProfiles({ profiles: [p], users: [] }).findings.map((f) => f.rule);

describe('lint rules, one profile at a time', () => {
  it.each<[RuleId, Partial<SecurityProfile>, Partial<SecurityProfile>]>([
    ['escalation', { Permissions: ['Users.Edit', 'Users.View'] }, { Permissions: ['Users.View'] }],
    ['escalation', { Permissions: ['SecurityProfiles.Create', 'SecurityProfiles.View'] }, { Permissions: ['SecurityProfiles.View'] }],
    ['view-missing', { Permissions: ['Queues.Edit'] }, { Permissions: ['Queues.Edit', 'Queues.View'] }],
    ['tag-restriction-leak', { Permissions: ['Queues.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }], TagRestrictedResources: ['Queue'] }, { Permissions: ['Queues.View', 'Users.View', 'SecurityProfiles.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }], TagRestrictedResources: ['Queue', 'User', 'SecurityProfile'] }],
    ['restricted-without-view', { Permissions: ['BasicAgentAccess'], HierarchyRestrictedResources: ['User'] }, { Permissions: ['Users.View'], HierarchyRestrictedResources: ['User'] }],
    ['empty', { Permissions: [] }, { Permissions: ['BasicAgentAccess'] }],
    ['unknown-permission', { Permissions: ['Users.Veiw'] }, { Permissions: ['Users.View'] }],
    ['not-cloud-control-safe', { SecurityProfileName: 'Supervisors (EMEA)' }, { SecurityProfileName: 'Supervisors EMEA' }],
  ])('%s: found where it applies, not where it does not', (rule, bad, good) => {
    expect(rulesOf(profile('P', bad))).toContain(rule);
    expect(rulesOf(profile('P', good))).not.toContain(rule);
  });

  it('Admin may hold what raises privilege; the evidence names the permissions', () => {
    expect(rulesOf(profile('Admin', { Permissions: ['Users.Edit', 'Users.View'] }))).not.toContain('escalation');
    const [found] = lintProfiles({ profiles: [profile('Leads', { Permissions: ['Users.Edit', 'Users.View', 'SecurityProfiles.Edit', 'SecurityProfiles.View'] })], users: [] }).findings.filter((f) => f.rule === 'escalation');
    expect(found).toMatchObject({ severity: 'high', profile: 'Leads', evidence: ['Users.Edit', 'SecurityProfiles.Edit'] });
    expect(found!.why).toMatch(/grant themselves Admin/);
  });
});

describe('lint rules over the instance', () => {
  it('duplicate names both profiles; quota warns above 80% of the default, and says the default was assumed', () => {
    const a = profile('A', { Permissions: ['Users.View', 'Queues.View'] });
    const b = profile('B', { Permissions: ['Queues.View', 'Users.View'] });
    const { findings } = lintProfiles({ profiles: [a, b, profile('C')], users: [] });
    expect(findings.filter((f) => f.rule === 'duplicate').map((f) => [f.profile, f.evidence])).toEqual([
      ['A', ['same as B']],
      ['B', ['same as A']],
    ]);
    const many = Array.from({ length: 81 }, (_, i) => profile(`P${i}`, { Permissions: [`Users.View`, i % 2 ? 'Queues.View' : 'Prompts.View', `Custom.${i}`] }));
    const result = lintProfiles({ profiles: many, users: [] });
    expect(result.findings.find((f) => f.rule === 'quota')).toMatchObject({ severity: 'medium', evidence: ['81 of 100 profiles (81%), the default quota'] });
    expect(result.notes.join('\n')).toContain('the default 100 profiles per instance is assumed');
    expect(lintProfiles({ profiles: many, users: [], quota: { limit: 200, source: 'service-quotas' } }).findings.some((f) => f.rule === 'quota')).toBe(false);
  });

  it('multi-tag-restricted: a user holding a tag-restricted profile beside an unrestricted one; skipped, said so, without holders', () => {
    const restricted = profile('Sales only', { Permissions: ['Users.View', 'SecurityProfiles.View'], AllowedAccessControlTags: [{ Key: 'dept', Value: 'sales' }], TagRestrictedResources: ['User', 'SecurityProfile'] });
    const open = profile('Agent');
    const user = (username: string, held: SecurityProfile[]) => ({ arn: `${INSTANCE}/agent/${username}`, username, securityProfileArns: held.map((p) => p.SecurityProfileArn!) });
    const { findings } = lintProfiles({ profiles: [restricted, open], users: [user('ana', [restricted, open]), user('bo', [restricted])] });
    expect(findings.filter((f) => f.rule === 'multi-tag-restricted')).toEqual([
      expect.objectContaining({ severity: 'high', profile: 'Sales only', evidence: ['ana also holds Agent (unrestricted)'] }),
    ]);
    const unknown = lintProfiles({ profiles: [restricted, open] });
    expect(unknown.findings.some((f) => f.rule === 'multi-tag-restricted')).toBe(false);
    expect(unknown.notes.join('\n')).toContain('multi-tag-restricted: who holds which profile is not known');
  });

  it('sorts by severity; --fail-on decides; SARIF carries every finding with its level', () => {
    const result = lintProfiles({ profiles: [profile('Z', { Permissions: [] }), profile('Y', { Permissions: ['Users.Create', 'Users.View'] })], users: [] });
    expect(result.findings[0]!.severity).toBe('high');
    expect(failsAt(result.findings, 'high')).toBe(true);
    expect(failsAt(result.findings.filter((f) => f.severity === 'low'), 'medium')).toBe(false);
    expect(failsAt(result.findings.filter((f) => f.severity === 'low'), 'low')).toBe(true);
    const sarif = toSarif(result, '0.1.0') as { version: string; runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual(result.findings.map((f) => [f.rule, { high: 'error', medium: 'warning', low: 'note' }[f.severity]]));
  });
});

describe('the CloudFormation export', () => {
  it('keeps two access-control tags, says which it left out, and leaves out a profile whose name CloudFormation refuses', async () => {
    const { toCloudFormation } = await import('../../../src/domain/as-code/export-cloudformation.js');
    const three = profile('Regional', { AllowedAccessControlTags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '3' }], TagRestrictedResources: ['User'] });
    const { template, losses } = toCloudFormation([three, profile('Bad (name)')], INSTANCE, []);
    const resources = Object.values((template as { Resources: Record<string, { Properties: { SecurityProfileName: string; AllowedAccessControlTags?: unknown[] } }> }).Resources);
    expect(resources.map((r) => r.Properties.SecurityProfileName)).toEqual(['Regional']);
    expect(resources[0]!.Properties.AllowedAccessControlTags).toHaveLength(2);
    expect(losses).toEqual([
      expect.objectContaining({ profile: 'Bad (name)', field: 'SecurityProfileName' }),
      expect.objectContaining({ profile: 'Regional', field: 'AllowedAccessControlTags', why: 'CloudFormation takes at most 2; c=3 left out' }),
    ]);
  });
});

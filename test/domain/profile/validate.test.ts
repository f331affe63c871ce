import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { validateProfile, validationMessage, type ValidationIssue } from '../../../src/domain/profile/validate.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111';
const ARN = `${INSTANCE}/security-profile/eeeeeeee-ffff-0000-1111-222222222222`;
const base = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ InstanceArn: INSTANCE, SecurityProfileName: 'Supervisors', ...extra });
const times = (n: number, f: (i: number) => unknown): unknown[] => Array.from({ length: n }, (_, i) => f(i));
const tag = (Key: string, Value = 'v'): { Key: string; Value: string } => ({ Key, Value });

function only(issues: ValidationIssue[]): ValidationIssue {
  expect(issues, validationMessage(issues)).toHaveLength(1);
  return issues[0]!;
}

describe('the validator compiled ahead of time', () => {
  it('is what the registry schema compiles to now (node scripts/profile-validator.mjs regenerates it)', () => {
    const fresh = execFileSync(process.execPath, ['scripts/profile-validator.mjs', '--print'], { encoding: 'utf8' });
    expect(readFileSync('src/domain/profile/generated/profile-validator.js', 'utf8')).toBe(fresh);
  });
});

describe('validateProfile: valid models', () => {
  it.each([
    ['minimal', base()],
    ['everything', base({
      Description: 'Floor supervisors',
      Permissions: ['BasicAgentAccess', 'Users.View'],
      Tags: [tag('team', 'ops'), tag('a+b=c.d_e:f/g-1')],
      AllowedAccessControlTags: [tag('dept')],
      TagRestrictedResources: ['User'],
      HierarchyRestrictedResources: ['User'],
      AllowedAccessControlHierarchyGroupId: 'abc-123',
      Applications: [{ Namespace: 'app.example', ApplicationPermissions: ['ACCESS'], Type: 'MCP' }],
      AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: 'm-1' }],
      GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: {
        PrimaryAttributeValues: [{ AccessType: 'ALLOW', AttributeName: 'Région ñ 1', Values: ['EMEA', 'NA'] }] } } },
    })],
    ['name with spaces, @ _ -', base({ SecurityProfileName: 'Tier 1 @ night_shift-2' })],
    ['empty description', base({ Description: '' })],
    ['500 permissions', base({ Permissions: times(500, (i) => `P${i}`) })],
    ['tag value of 256 chars', base({ Tags: [tag('k', 'x'.repeat(256))] })],
  ])('%s', (_name, model) => {
    expect(validateProfile(model, 'create')).toEqual([]);
  });

  it('accepts read-only properties in stored mode only', () => {
    const stored = base({ SecurityProfileArn: ARN, LastModifiedTime: 1767225600.5, LastModifiedRegion: 'us-east-1' });
    expect(validateProfile(stored, 'stored')).toEqual([]);
    const issues = validateProfile(stored, 'create');
    expect(issues.map((i) => [i.field, i.rule])).toEqual([
      ['SecurityProfileArn', 'readOnly'],
      ['LastModifiedTime', 'readOnly'],
      ['LastModifiedRegion', 'readOnly'],
    ]);
  });
});

describe('validateProfile: each rule names the field and the rule', () => {
  it.each<[string, unknown, string, string, RegExp]>([
    ['not an object', [], '', 'type', /must be a JSON object/],
    ['missing name', { InstanceArn: INSTANCE }, 'SecurityProfileName', 'required', /SecurityProfileName: is required/],
    ['missing instance', { SecurityProfileName: 'x' }, 'InstanceArn', 'required', /InstanceArn: is required/],
    ['name pattern', base({ SecurityProfileName: 'a/b' }), 'SecurityProfileName', 'pattern', /may contain only letters, digits, spaces, _ @ and - \(got "a\/b"\)/],
    ['name empty', base({ SecurityProfileName: '' }), 'SecurityProfileName', 'minLength', /must not be empty/],
    ['name too long', base({ SecurityProfileName: 'n'.repeat(128) }), 'SecurityProfileName', 'maxLength', /at most 127 characters \(got 128\)/],
    ['name wrong type', base({ SecurityProfileName: 5 }), 'SecurityProfileName', 'type', /must be a string \(got a number\)/],
    ['instance ARN pattern', base({ InstanceArn: 'i-123' }), 'InstanceArn', 'pattern', /Connect instance ARN/],
    ['description too long', base({ Description: 'd'.repeat(251) }), 'Description', 'maxLength', /at most 250 characters \(got 251\)/],
    ['too many permissions', base({ Permissions: times(501, (i) => `P${i}`) }), 'Permissions', 'maxItems', /Permissions: at most 500 items \(got 501\)/],
    ['duplicate permission', base({ Permissions: ['A', 'B', 'A'] }), 'Permissions', 'uniqueItems', /items must be unique \("A" appears twice\)/],
    ['empty permission', base({ Permissions: [''] }), 'Permissions/0', 'minLength', /Permissions\/0: must not be empty/],
    ['permission too long', base({ Permissions: ['p'.repeat(129)] }), 'Permissions/0', 'maxLength', /at most 128/],
    ['too many tags', base({ Tags: times(51, (i) => tag(`k${i}`)) }), 'Tags', 'maxItems', /at most 50 items/],
    ['duplicate tag key', base({ Tags: [tag('team', 'a'), tag('x'), tag('team', 'b')] }), 'Tags', 'uniqueItems', /Tags: items must be unique \(Key "team" appears twice\)/],
    ['identical tags', base({ Tags: [tag('team'), tag('team')] }), 'Tags', 'uniqueItems', /Key "team" appears twice/],
    ['tag key aws: prefix', base({ Tags: [tag('aws:owner')] }), 'Tags/0/Key', 'pattern', /must not start with aws:/],
    ['tag key with space', base({ Tags: [tag('cost center')] }), 'Tags/0/Key', 'pattern', /no spaces/],
    ['tag key empty', base({ Tags: [tag('')] }), 'Tags/0/Key', 'minLength', /must not be empty/],
    ['tag key too long', base({ Tags: [tag('k'.repeat(129))] }), 'Tags/0/Key', 'maxLength', /at most 128/],
    ['tag value too long', base({ Tags: [tag('k', 'v'.repeat(257))] }), 'Tags/0/Value', 'maxLength', /at most 256/],
    ['tag without value', base({ Tags: [{ Key: 'k' }] }), 'Tags/0/Value', 'required', /Tags\/0\/Value: is required/],
    ['unknown tag member', base({ Tags: [{ Key: 'k', Value: 'v', Extra: 1 }] }), 'Tags/0/Extra', 'additionalProperties', /is not a known property/],
    ['too many access-control tags', base({ AllowedAccessControlTags: times(5, (i) => tag(`k${i}`)) }), 'AllowedAccessControlTags', 'maxItems', /at most 4 items \(got 5\)/],
    ['too many tag-restricted resources', base({ TagRestrictedResources: times(11, (i) => `R${i}`) }), 'TagRestrictedResources', 'maxItems', /at most 10/],
    ['too many hierarchy-restricted resources', base({ HierarchyRestrictedResources: times(11, (i) => `R${i}`) }), 'HierarchyRestrictedResources', 'maxItems', /at most 10/],
    ['hierarchy group id pattern', base({ AllowedAccessControlHierarchyGroupId: 'a_b' }), 'AllowedAccessControlHierarchyGroupId', 'pattern', /letters, digits and -/],
    ['unknown property', base({ Colour: 'red' }), 'Colour', 'additionalProperties', /Colour: is not a known property/],
    ['application type enum', base({ Applications: [{ Namespace: 'n', Type: 'WEB' }] }), 'Applications/0/Type', 'enum', /must be one of MCP, THIRD_PARTY_APPLICATION \(got "WEB"\)/],
    ['application namespace empty', base({ Applications: [{ Namespace: '' }] }), 'Applications/0/Namespace', 'minLength', /must not be empty/],
    ['application permissions max', base({ Applications: [{ Namespace: 'n', ApplicationPermissions: times(51, (i) => `A${i}`) }] }), 'Applications/0/ApplicationPermissions', 'maxItems', /at most 50/],
    ['too many applications', base({ Applications: times(11, (i) => ({ Namespace: `n${i}` })) }), 'Applications', 'maxItems', /at most 10/],
    ['duplicate applications', base({ Applications: [{ Namespace: 'n' }, { Namespace: 'n' }] }), 'Applications', 'uniqueItems', /Namespace "n" appears twice/],
    ['flow module id too long', base({ AllowedFlowModules: [{ FlowModuleId: 'f'.repeat(129) }] }), 'AllowedFlowModules/0/FlowModuleId', 'maxLength', /at most 128/],
    ['too many flow modules', base({ AllowedFlowModules: times(11, (i) => ({ FlowModuleId: `f${i}` })) }), 'AllowedFlowModules', 'maxItems', /at most 10/],
    ['granular: access type enum', base({ GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [{ AccessType: 'DENY' }] } } } }),
      'GranularAccessControlConfiguration/DataTableAccessControlConfiguration/PrimaryAttributeAccessControlConfiguration/PrimaryAttributeValues/0/AccessType', 'enum', /must be one of ALLOW/],
    ['granular: attribute name prefix', base({ GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [{ AttributeName: 'connect:x' }] } } } }),
      'GranularAccessControlConfiguration/DataTableAccessControlConfiguration/PrimaryAttributeAccessControlConfiguration/PrimaryAttributeValues/0/AttributeName', 'pattern', /must not start with aws: or connect:/],
    ['granular: too many values', base({ GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [{ Values: ['a', 'b', 'c'] }] } } } }),
      'GranularAccessControlConfiguration/DataTableAccessControlConfiguration/PrimaryAttributeAccessControlConfiguration/PrimaryAttributeValues/0/Values', 'maxItems', /at most 2 items \(got 3\)/],
    ['granular: empty values list', base({ GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: [] } } } }),
      'GranularAccessControlConfiguration/DataTableAccessControlConfiguration/PrimaryAttributeAccessControlConfiguration/PrimaryAttributeValues', 'minItems', /at least 1 item \(got 0\)/],
    ['granular: unknown member', base({ GranularAccessControlConfiguration: { Other: {} } }), 'GranularAccessControlConfiguration/Other', 'additionalProperties', /not a known property/],
  ])('%s', (_name, model, field, rule, message) => {
    const issue = only(validateProfile(model, 'stored'));
    expect(issue.field).toBe(field);
    expect(issue.rule).toBe(rule);
    expect(issue.message).toMatch(message);
  });

  it('keeps the Tag Key pattern as AWS wrote it: +-= is a range, so digits and , ; < pass', () => {
    expect(validateProfile(base({ Tags: [tag('a1,b;c<d')] }), 'create')).toEqual([]);
    expect(only(validateProfile(base({ Tags: [tag('a>b')] }), 'create')).rule).toBe('pattern');
  });

  it('reports every problem at once, and joins them one a line', () => {
    const issues = validateProfile({ SecurityProfileName: 'a/b', Description: 'd'.repeat(251), Extra: true }, 'create');
    expect(issues.map((i) => i.field).sort()).toEqual(['Description', 'Extra', 'InstanceArn', 'SecurityProfileName']);
    expect(validationMessage(issues).split('\n')).toHaveLength(4);
  });

  it('cuts long values in messages', () => {
    const issue = only(validateProfile(base({ SecurityProfileName: '/'.repeat(100) }), 'create'));
    expect(issue.message.length).toBeLessThan(200);
  });
});

// Property tests: generated valid models validate clean; one mutation breaking one rule is refused
// and the issue names the field it broke.
const nameChars = fc.constantFrom(...'abcXYZ019 _@-'.split(''));
const keyChars = fc.constantFrom(...'abcXYZ019+-=._:/'.split(''));
const tagArb = fc.record({ Key: fc.string({ unit: keyChars, minLength: 1, maxLength: 20 }).filter((k) => !k.startsWith('aws:')), Value: fc.string({ maxLength: 30 }) });
const modelArb = fc.record(
  {
    InstanceArn: fc.constant(INSTANCE),
    SecurityProfileName: fc.string({ unit: nameChars, minLength: 1, maxLength: 127 }),
    Description: fc.string({ maxLength: 250 }),
    Permissions: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 30 }),
    Tags: fc.uniqueArray(tagArb, { maxLength: 8, selector: (t) => t.Key }),
    AllowedAccessControlTags: fc.uniqueArray(tagArb, { maxLength: 4, selector: (t) => t.Key }),
    TagRestrictedResources: fc.uniqueArray(fc.constantFrom('User', 'Queue', 'RoutingProfile', 'SecurityProfile'), { maxLength: 4 }),
    Applications: fc.uniqueArray(fc.record({ Namespace: fc.string({ minLength: 1, maxLength: 30 }), Type: fc.constantFrom('MCP', 'THIRD_PARTY_APPLICATION') }), { maxLength: 3, selector: (a) => a.Namespace }),
  },
  { requiredKeys: ['InstanceArn', 'SecurityProfileName'] },
);

type Mutation = [field: string, (m: Record<string, unknown>) => void];
const mutations: Mutation[] = [
  ['SecurityProfileName', (m) => { m.SecurityProfileName = `${String(m.SecurityProfileName)}!`; }],
  ['SecurityProfileName', (m) => { delete m.SecurityProfileName; }],
  ['SecurityProfileName', (m) => { m.SecurityProfileName = 'x'.repeat(128); }],
  ['Description', (m) => { m.Description = 'd'.repeat(251); }],
  ['Permissions', (m) => { m.Permissions = times(501, (i) => `P${i}`); }],
  ['Tags/0/Key', (m) => { m.Tags = [{ Key: 'aws:x', Value: '' }]; }],
  ['AllowedAccessControlTags', (m) => { m.AllowedAccessControlTags = times(5, (i) => tag(`k${i}`)); }],
  ['Applications/0/Type', (m) => { m.Applications = [{ Namespace: 'n', Type: 'NOPE' }]; }],
  ['Unknown', (m) => { m.Unknown = 1; }],
  ['LastModifiedTime', (m) => { m.LastModifiedTime = 1; }],
];

describe('validateProfile: properties', () => {
  it('generated valid models validate clean', () => {
    fc.assert(fc.property(modelArb, (model) => {
      expect(validateProfile(model, 'create')).toEqual([]);
    }), { numRuns: 200 });
  });

  it('a single mutation is refused, naming the field it broke', () => {
    fc.assert(fc.property(modelArb, fc.constantFrom(...mutations), (model, [field, mutate]) => {
      const copy = structuredClone(model) as Record<string, unknown>;
      mutate(copy);
      const issues = validateProfile(copy, 'create');
      expect(issues.map((i) => i.field)).toEqual([field]);
      expect(issues[0]!.message.startsWith(`${field}: `)).toBe(true);
    }), { numRuns: 200 });
  });
});

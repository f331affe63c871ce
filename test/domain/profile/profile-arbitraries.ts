// fast-check arbitraries that produce schema-shaped security profiles, and "after" drafts that mix a
// profile's own values (reordered, with keys shuffled) with other values, so that equal and unequal
// pairs both come up often.
import fc from 'fast-check';
import { getCatalogue } from '../../../src/domain/permissions/permissions.js';
import type { SecurityProfile, SecurityProfileDraft, Tag } from '../../../src/domain/profile/security-profile.js';

export const INSTANCE_ARN = 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555';
const CATALOGUE_NAMES = getCatalogue().flatMap((g) => g.permissions.map((p) => p.name));
const PERMISSION_NAMES = [...CATALOGUE_NAMES.slice(0, 40), 'Custom.Unknown', 'Legacy.Thing.Edit'];
const RESOURCES = ['User', 'SecurityProfile', 'Queue', 'RoutingProfile', 'Hierarchy', 'ContactFlow'];

const tagKey = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._:/=+-]{0,8}$/);
const tag: fc.Arbitrary<Tag> = fc.record({ Key: tagKey, Value: fc.string({ maxLength: 8 }) });
const tags = (max: number) => fc.uniqueArray(tag, { maxLength: max, selector: (t) => t.Key });
const smallSet = <T>(values: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: max });

const application = fc.record(
  {
    Namespace: fc.constantFrom('app.one', 'app.two', 'mcp.tools', 'x'),
    ApplicationPermissions: smallSet(['Read', 'Write', 'Admin', 'ACCESS'], 4),
    Type: fc.constantFrom('MCP' as const, 'THIRD_PARTY_APPLICATION' as const),
  },
  { requiredKeys: ['Namespace'] },
);
const flowModule = fc.record({ Type: fc.constantFrom('MCP', 'FLOW'), FlowModuleId: fc.constantFrom('fm-1', 'fm-2', 'fm-3') });
const granular = fc.record({
  DataTableAccessControlConfiguration: fc.record({
    PrimaryAttributeAccessControlConfiguration: fc.record({
      PrimaryAttributeValues: fc.uniqueArray(
        // Values: 1 or 2 items, as the schema requires, so generated profiles are valid models too.
        fc.record({ AccessType: fc.constant('ALLOW' as const), AttributeName: fc.constantFrom('Dept', 'Region'), Values: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 2 }) }),
        { minLength: 1, maxLength: 2, selector: (v) => v.AttributeName },
      ),
    }),
  }),
});

/** The writable, optional part of a profile. */
const writable = fc.record(
  {
    Description: fc.string({ maxLength: 20 }),
    Permissions: smallSet(PERMISSION_NAMES, 12),
    Tags: tags(4),
    AllowedAccessControlTags: tags(4),
    TagRestrictedResources: smallSet(RESOURCES, 4),
    HierarchyRestrictedResources: smallSet(RESOURCES, 4),
    AllowedAccessControlHierarchyGroupId: fc.stringMatching(/^[a-f0-9-]{1,12}$/),
    Applications: fc.uniqueArray(application, { maxLength: 3, selector: (a) => a.Namespace }),
    AllowedFlowModules: fc.uniqueArray(flowModule, { maxLength: 3, selector: (m) => `${m.Type}/${m.FlowModuleId}` }),
    GranularAccessControlConfiguration: granular,
  },
  { requiredKeys: [] },
);

/** A profile as the server returns it, read-only properties included. */
export const serverProfile: fc.Arbitrary<SecurityProfile> = writable.map((w) => ({
  InstanceArn: INSTANCE_ARN,
  SecurityProfileName: 'Agent-Tier 2',
  SecurityProfileArn: `${INSTANCE_ARN}/security-profile/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
  LastModifiedTime: 1_790_000_000,
  LastModifiedRegion: 'us-east-1',
  ...w,
}));

/** Same meaning, different order: every array reversed/rotated, every object's keys reversed. */
export function reorder<T>(value: T, seed: number): T {
  if (Array.isArray(value)) {
    const items = value.map((v) => reorder(v, seed));
    const k = items.length > 0 ? seed % items.length : 0;
    return [...items.slice(k), ...items.slice(0, k)].reverse() as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v, seed)])) as T;
  }
  return value;
}

type Choice = 'keep' | 'reorder' | 'other' | 'drop';

/** A pair (before, after) where each property of `after` is kept, reordered, taken from another profile, or dropped. */
export const profilePair: fc.Arbitrary<{ before: SecurityProfile; after: SecurityProfileDraft }> = fc
  .tuple(serverProfile, serverProfile, fc.array(fc.constantFrom<Choice>('keep', 'keep', 'reorder', 'other', 'drop'), { minLength: 12, maxLength: 12 }), fc.nat())
  .map(([before, other, choices, seed]) => {
    const after: Record<string, unknown> = { InstanceArn: before.InstanceArn, SecurityProfileName: before.SecurityProfileName };
    const keys = [...new Set([...Object.keys(before), ...Object.keys(other)])].filter(
      (k) => !['InstanceArn', 'SecurityProfileName', 'SecurityProfileArn', 'LastModifiedTime', 'LastModifiedRegion'].includes(k),
    );
    keys.forEach((key, i) => {
      const choice = choices[i % choices.length]!;
      const mine = (before as unknown as Record<string, unknown>)[key];
      const theirs = (other as unknown as Record<string, unknown>)[key];
      const value = choice === 'keep' ? mine : choice === 'reorder' ? reorder(mine, seed) : choice === 'other' ? theirs : undefined;
      if (value !== undefined) after[key] = structuredClone(value);
    });
    return { before, after: after as unknown as SecurityProfileDraft };
  });

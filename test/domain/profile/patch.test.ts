import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpexError } from '../../../src/domain/service/errors.js';
import { applyPatch, buildPatch, changedProperties, profilesEqual } from '../../../src/domain/profile/patch.js';
import { CREATE_ONLY_PROPERTIES, READ_ONLY_PROPERTIES, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../../../src/domain/profile/security-profile.js';
import { INSTANCE_ARN, profilePair, reorder, serverProfile } from './profile-arbitraries.js';

const base: SecurityProfile = {
  InstanceArn: INSTANCE_ARN,
  SecurityProfileName: 'Agent',
  SecurityProfileArn: `${INSTANCE_ARN}/security-profile/abc`,
  LastModifiedTime: 1_790_000_000,
  LastModifiedRegion: 'us-east-1',
  Description: 'Front line',
  Permissions: ['BasicAgentAccess', 'OutboundCallAccess', 'Users.View'],
  Tags: [
    { Key: 'team', Value: 'ops' },
    { Key: 'env', Value: 'prod' },
  ],
};

const forbidden = new Set<string>([...READ_ONLY_PROPERTIES, ...CREATE_ONLY_PROPERTIES].map((p) => `/${p}`));

describe('buildPatch: examples', () => {
  it('is empty for an unchanged draft, and for the same sets in another order', () => {
    expect(buildPatch(base, toDraft(base))).toEqual([]);
    const reordered = { ...toDraft(base), Permissions: ['Users.View', 'BasicAgentAccess', 'OutboundCallAccess'], Tags: [{ Value: 'prod', Key: 'env' }, { Key: 'team', Value: 'ops' }] };
    expect(buildPatch(base, reordered)).toEqual([]);
  });

  it('replaces a changed permission set whole with add, guarded by a test of the original', () => {
    const after = { ...toDraft(base), Permissions: ['BasicAgentAccess', 'Users.View', 'Users.Edit'] };
    expect(buildPatch(base, after)).toEqual([
      { op: 'test', path: '/Permissions', value: ['BasicAgentAccess', 'OutboundCallAccess', 'Users.View'] },
      { op: 'add', path: '/Permissions', value: ['BasicAgentAccess', 'Users.View', 'Users.Edit'] },
    ]);
  });

  it('adds a property absent before without a test (RFC 6902 cannot assert absence)', () => {
    const before: SecurityProfile = { ...base };
    delete before.Description;
    const ops = buildPatch(before, { ...toDraft(before), Description: 'new' });
    expect(ops).toEqual([{ op: 'add', path: '/Description', value: 'new' }]);
  });

  it('removes only a property present before, after testing it', () => {
    const { Description: _d, ...after } = toDraft(base);
    expect(buildPatch(base, after)).toEqual([
      { op: 'test', path: '/Description', value: 'Front line' },
      { op: 'remove', path: '/Description' },
    ]);
    // A member set to undefined (as a spread leaves it) counts as absent.
    expect(buildPatch(base, { ...after, Description: undefined } as unknown as SecurityProfileDraft)).toHaveLength(2);
    // Absent on both sides: nothing to do.
    expect(buildPatch(after as SecurityProfile, after)).toEqual([]);
  });

  it('leaves out tests when guard is false', () => {
    const ops = buildPatch(base, { ...toDraft(base), Description: 'x', Tags: [] }, { guard: false });
    expect(ops).toEqual([
      { op: 'add', path: '/Description', value: 'x' },
      { op: 'add', path: '/Tags', value: [] },
    ]);
  });

  it('refuses a draft that renames the profile or moves it to another instance', () => {
    expect(() => buildPatch(base, { ...toDraft(base), SecurityProfileName: 'Agent2' })).toThrow(
      'SecurityProfileName cannot be changed after creation; clone the profile to rename it',
    );
    try {
      buildPatch(base, { ...toDraft(base), InstanceArn: `${INSTANCE_ARN}0` });
      expect.unreachable();
    } catch (error) {
      expect(isSpexError(error) && error.error.kind).toBe('not-updatable');
      expect(isSpexError(error) && error.error.field).toBe('InstanceArn');
    }
  });

  it('never touches read-only properties, even when the draft carries different values', () => {
    const after = { ...base, SecurityProfileArn: 'other', LastModifiedTime: 1, LastModifiedRegion: 'eu-west-2' };
    expect(buildPatch(base, after)).toEqual([]);
  });

  it('escapes unusual property names as JSON pointers', () => {
    const after = { ...toDraft(base), 'a/b~c': 1 } as unknown as SecurityProfile;
    expect(buildPatch(base, after)).toEqual([{ op: 'add', path: '/a~1b~0c', value: 1 }]);
  });

  it('compares nested application permissions as a set', () => {
    const before = { ...base, Applications: [{ Namespace: 'ns', ApplicationPermissions: ['A', 'B'] }] };
    expect(buildPatch(before, { ...toDraft(before), Applications: [{ ApplicationPermissions: ['B', 'A'], Namespace: 'ns' }] })).toEqual([]);
    expect(buildPatch(before, { ...toDraft(before), Applications: [{ Namespace: 'ns', ApplicationPermissions: ['A'] }] })).toHaveLength(2);
  });

  it('keeps the order of granular access values, which the schema does not declare unordered', () => {
    const values = [
      { AttributeName: 'Dept', Values: ['a'] },
      { AttributeName: 'Region', Values: ['b'] },
    ];
    const g = (v: typeof values) => ({ DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: { PrimaryAttributeValues: v } } });
    const before = { ...base, GranularAccessControlConfiguration: g(values) };
    expect(buildPatch(before, { ...toDraft(before), GranularAccessControlConfiguration: g([...values].reverse()) })).toHaveLength(2);
  });

  it('lists the changed properties in schema order', () => {
    expect(changedProperties(base, { ...toDraft(base), Tags: [], Description: 'y' })).toEqual(['Description', 'Tags']);
  });
});

describe('buildPatch: properties', () => {
  it('applied to before, gives a model equal to after (as sets), keeping read-only values', () => {
    fc.assert(
      fc.property(profilePair, ({ before, after }) => {
        const result = applyPatch(before, buildPatch(before, after));
        expect(profilesEqual(result, after)).toBe(true);
        expect(result.SecurityProfileArn).toBe(before.SecurityProfileArn);
        expect(result.LastModifiedTime).toBe(before.LastModifiedTime);
      }),
    );
  });

  it('precedes each change of an existing property with a test of its value as read', () => {
    fc.assert(
      fc.property(profilePair, ({ before, after }) => {
        const ops = buildPatch(before, after);
        ops.forEach((op, i) => {
          if (op.op === 'test') return;
          const was = (before as unknown as Record<string, unknown>)[op.path.slice(1)];
          if (was === undefined) expect(ops[i - 1]?.path === op.path && ops[i - 1]?.op === 'test').toBe(false);
          else expect(ops[i - 1]).toEqual({ op: 'test', path: op.path, value: was });
        });
      }),
    );
  });

  it('uses only add, remove and test, and never a read-only or create-only path', () => {
    fc.assert(
      fc.property(profilePair, fc.boolean(), ({ before, after }, guard) => {
        for (const op of buildPatch(before, after, { guard })) {
          expect(['add', 'remove', 'test']).toContain(op.op);
          expect(forbidden.has(op.path)).toBe(false);
          if (!guard) expect(op.op).not.toBe('test');
        }
      }),
    );
  });

  it('is empty exactly when the two mean the same', () => {
    fc.assert(
      fc.property(profilePair, ({ before, after }) => {
        expect(buildPatch(before, after).length === 0).toBe(profilesEqual(before, after));
      }),
    );
    // Reordering sets (and object keys) alone never produces a patch. GranularAccessControlConfiguration's
    // arrays keep their order (no `insertionOrder: false` in the schema), so they are left as they are.
    fc.assert(
      fc.property(serverProfile, fc.nat(), (p, seed) => {
        expect(buildPatch(p, toDraft({ ...reorder(p, seed), GranularAccessControlConfiguration: p.GranularAccessControlConfiguration } as SecurityProfile))).toEqual([]);
      }),
    );
  });

  it('is refused when the server changed a property the patch changes, and applies when it changed another', () => {
    fc.assert(
      fc.property(profilePair, ({ before, after }) => {
        const ops = buildPatch(before, after);
        const changed = ops.filter((o) => o.op !== 'test').map((o) => o.path.slice(1));
        const present = changed.filter((key) => (before as unknown as Record<string, unknown>)[key] !== undefined);
        fc.pre(present.length > 0);
        // Someone else changes any one property this save changes (and that existed): the whole patch is refused.
        for (const key of present) {
          const server = { ...before, [key]: key === 'Description' ? `${before.Description}!` : [] };
          if (profilesEqual(server, before)) continue;
          let failure: unknown;
          try {
            applyPatch(server, ops);
          } catch (error) {
            failure = error;
          }
          expect((failure as Error | undefined)?.name, `change to ${key} not detected`).toBe('TEST_OPERATION_FAILED');
        }
      }),
    );
    // A concurrent change to a property this save leaves alone survives the save.
    const ops = buildPatch(base, { ...toDraft(base), Permissions: ['Users.View'] });
    const server = { ...base, Description: 'changed by someone else' };
    expect(applyPatch(server, ops)).toMatchObject({ Description: 'changed by someone else', Permissions: ['Users.View'] });
  });
});

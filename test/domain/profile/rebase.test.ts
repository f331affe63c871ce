import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profilesEqual } from '../../../src/domain/profile/patch.js';
import { rebaseDraft } from '../../../src/domain/profile/rebase.js';
import { type SecurityProfile, toDraft } from '../../../src/domain/profile/security-profile.js';
import { INSTANCE_ARN, profilePair } from './profile-arbitraries.js';

const original: SecurityProfile = {
  InstanceArn: INSTANCE_ARN,
  SecurityProfileName: 'Agent',
  SecurityProfileArn: `${INSTANCE_ARN}/security-profile/x`,
  LastModifiedTime: 1,
  Description: 'd',
  Permissions: ['BasicAgentAccess', 'Queues.View'],
  Tags: [{ Key: 'env', Value: 'prod' }],
};

describe('rebaseDraft', () => {
  it('merges permission changes made on both sides', () => {
    const current = { ...original, LastModifiedTime: 2, Permissions: ['BasicAgentAccess', 'Queues.View', 'Prompts.View'] };
    const draft = { ...toDraft(original), Permissions: ['BasicAgentAccess', 'Users.Edit', 'Users.View'] };
    const result = rebaseDraft(original, current, draft);
    expect([...result.draft.Permissions!].sort()).toEqual(['BasicAgentAccess', 'Prompts.View', 'Users.Edit', 'Users.View']);
    expect(result.conflicts).toEqual([]);
    expect(result.theirChanges.map((c) => c.label)).toEqual(['+ Prompts · View (Prompts.View)']);
  });

  it('keeps the server change to a property the user did not touch, and the user change to one the server did not', () => {
    const current = { ...original, Description: 'theirs' };
    const result = rebaseDraft(original, current, { ...toDraft(original), Tags: [] });
    expect(result.draft).toMatchObject({ Description: 'theirs', Tags: [] });
    expect(result.draft).not.toHaveProperty('SecurityProfileArn');
    expect(result.conflicts).toEqual([]);
  });

  it('reports a conflict and keeps the draft value when both changed the same field differently', () => {
    const result = rebaseDraft(original, { ...original, Description: 'theirs' }, { ...toDraft(original), Description: 'mine' });
    expect(result.draft.Description).toBe('mine');
    expect(result.conflicts).toEqual(['Description']);
  });

  it('reports a tag set to different values on both sides, keeping the draft value once', () => {
    const current = { ...original, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'a', Value: '1' }] };
    const result = rebaseDraft(original, current, { ...toDraft(original), Tags: [{ Key: 'env', Value: 'test' }] });
    expect(result.draft.Tags).toEqual([{ Key: 'a', Value: '1' }, { Key: 'env', Value: 'test' }]);
    expect(result.conflicts).toEqual(['Tags']);
  });

  it('gives the draft when the server did not change, and the server model when the draft did not', () => {
    fc.assert(
      fc.property(profilePair, ({ before, after }) => {
        expect(profilesEqual(rebaseDraft(before, before, after).draft, after)).toBe(true);
        expect(profilesEqual(rebaseDraft(before, { ...before, ...after }, toDraft(before)).draft, { ...before, ...after })).toBe(true);
      }),
    );
  });
});

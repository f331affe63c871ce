import { describe, expect, it } from 'vitest';
import { changeReach, type ConnectUser, holderCounts, holdersRefusal, reachSentence } from '../../../src/domain/access/holders.js';

const P = 'arn:aws:connect:us-east-1:111122223333:instance/i/security-profile/p';
const AGENT = 'arn:aws:connect:us-east-1:111122223333:instance/i/security-profile/agent';
const LEAD = 'arn:aws:connect:us-east-1:111122223333:instance/i/security-profile/lead';
const user = (username: string, ...arns: string[]): ConnectUser => ({ arn: `u/${username}`, username, firstName: username.toUpperCase(), lastName: 'X', securityProfileArns: arns });
const perms: Record<string, Set<string>> = { [AGENT]: new Set(['BasicAgentAccess', 'Queues.View']), [LEAD]: new Set(['Queues.Edit', 'Queues.View']) };

describe('changeReach', () => {
  const holders = [user('a', P), user('b', P, AGENT), user('c', P, LEAD), user('d', P, AGENT, LEAD)];
  it.each([
    // permission, change, users reached, sole (removes: from no other profile; adds: did not have it)
    ['Queues.Edit', 'removes', 4, 2],
    ['Queues.View', 'removes', 4, 1],
    ['Users.Edit', 'adds', 4, 4],
    ['BasicAgentAccess', 'adds', 4, 2],
  ] as const)('%s %s: %i users, %i sole', (permission, change, users, sole) => {
    const reach = changeReach(P, change === 'removes' ? { added: [], removed: [permission] } : { added: [permission], removed: [] }, holders, (arn) => perms[arn]);
    expect(reach.permissions).toEqual([{ permission, change, users, sole }]);
    expect(reach.unknownProfiles).toEqual([]);
  });

  it('names the other profiles whose permissions are not known yet', () => {
    const reach = changeReach(P, { added: [], removed: ['Queues.Edit'] }, holders, (arn) => (arn === AGENT ? perms[arn] : undefined));
    expect(reach.unknownProfiles).toEqual([LEAD]);
  });

  it('says it in a sentence', () => {
    expect(reachSentence({ permission: 'Queues.Purge', change: 'removes', users: 7, sole: 3 })).toBe('Queues.Purge: 3 of the 7 holders lose it; 4 have it from another profile');
    expect(reachSentence({ permission: 'Queues.Edit', change: 'removes', users: 37, sole: 1 })).toBe('Queues.Edit: 1 of the 37 holders loses it; 36 have it from another profile');
    expect(reachSentence({ permission: 'Users.Edit', change: 'adds', users: 2, sole: 2 })).toBe('Users.Edit: all 2 holders gain it');
    expect(reachSentence({ permission: 'Users.View', change: 'adds', users: 5, sole: 4 })).toBe('Users.View: 4 of the 5 holders gain it; 1 has it already, from another profile');
    expect(reachSentence({ permission: 'Users.Edit', change: 'removes', users: 1, sole: 1 })).toBe('Users.Edit: its 1 holder loses it');
  });
});

describe('holders', () => {
  it('counts holders per profile, once per user', () => {
    const counts = holderCounts({ users: [user('a', P, P), user('b', P, AGENT)] });
    expect(counts.get(P)).toBe(2);
    expect(counts.get(AGENT)).toBe(1);
    expect(counts.get(LEAD)).toBeUndefined();
  });

  it('the delete refusal names up to ten holders and the count, and says what to do', () => {
    const many = Array.from({ length: 12 }, (_, i) => user(`u${i}`, P));
    const text = holdersRefusal('Tier 1', many);
    expect(text).toMatch(/^Tier 1 is held by 12 users: U0 X \(u0\), .*U9 X \(u9\) and 2 more\./);
    expect(text).not.toContain('u10');
    expect(text).toContain('assign those users other profiles first');
    expect(holdersRefusal('Tier 1', many.slice(0, 1))).toContain('held by 1 user: U0 X (u0). Connect refuses to delete a profile in use: assign that user');
  });
});

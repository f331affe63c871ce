import { describe, expect, it } from 'vitest';
import { changeReach, MAX_PROFILES_PER_USER, planAssignment, reachGroups, reachSentence, sameProfiles } from '../../../src/domain/access/assignments.js';
import type { ConnectUser } from '../../../src/domain/access/holders.js';
import type { SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const arn = (id: string) => `arn:aws:connect:us-east-1:1:instance/i/security-profile/${id}`;
const user = (login: string, ...ids: string[]): ConnectUser => ({ arn: `arn:aws:connect:us-east-1:1:instance/i/agent/${login}`, username: login, securityProfileArns: ids.map(arn) });
const profile = (id: string, name: string, permissions: string[], extra: Partial<SecurityProfile> = {}): SecurityProfile => ({ InstanceArn: 'i', SecurityProfileArn: arn(id), SecurityProfileName: name, Permissions: permissions, ...extra });

describe('planning who holds what', () => {
  it('each user gets a whole new set; none or more than ten is blocked with the reason; already so is left alone', () => {
    const eleven = Array.from({ length: MAX_PROFILES_PER_USER }, (_, i) => `p${i}`);
    const plan = planAssignment([user('ana', 'a', 'b'), user('bo', 'a'), user('cy', 'b', 'z'), user('dee', ...eleven)], { remove: [arn('a')], add: [arn('z')] });
    expect(plan.changes.map((c) => [c.login, c.after.map((a) => a.split('/').pop())])).toEqual([
      ['ana', ['b', 'z']],
      ['bo', ['z']],
    ]);
    expect(plan.unchanged).toEqual(['cy']);
    expect(plan.blocked).toEqual([{ login: 'dee', reason: `would hold 11 security profiles (Connect allows ${MAX_PROFILES_PER_USER})` }]);
    const none = planAssignment([user('eve', 'a')], { remove: [arn('a')] });
    expect(none.blocked[0]?.reason).toMatch(/no security profile/);
  });

  it('a replacement goes to the users an edit would leave with none, and to no one else', () => {
    const plan = planAssignment([user('alone', 'a'), user('two', 'a', 'b')], { remove: [arn('a')], replacement: arn('r') });
    expect(plan.blocked).toEqual([]);
    expect(plan.changes.map((c) => [c.login, c.after])).toEqual([
      ['alone', [arn('r')]],
      ['two', [arn('b')]],
    ]);
  });

  it('compares sets by id, whatever the order or form (ARN or id)', () => {
    expect(sameProfiles([arn('a'), arn('b')], ['b', 'a'])).toBe(true);
    expect(sameProfiles([arn('a')], ['a', 'b'])).toBe(false);
  });

  it('what a change takes and gives, in the console words, with implied Views and restrictions; grouped, largest first', () => {
    const profiles = new Map([
      [arn('agent'), profile('agent', 'Agent', ['BasicAgentAccess'])],
      [arn('lead'), profile('lead', 'Lead', ['Users.Edit', 'Queues.View'])],
      [arn('tagged'), profile('tagged', 'Tagged', ['Users.View'], { AllowedAccessControlTags: [{ Key: 'team', Value: 'a' }], TagRestrictedResources: ['User'] })],
    ]);
    const [toLead, toTagged] = planAssignment([user('ana', 'agent'), user('bo', 'agent', 'lead')], { add: [arn('lead')], remove: [] }).changes.concat(
      planAssignment([user('cy', 'agent', 'lead')], { remove: [arn('lead')], add: [arn('tagged')] }).changes,
    );
    const gained = changeReach(toLead!, profiles);
    expect(gained.gain).toContain('Users · Edit');
    expect(gained.gain).toContain('Users · View'); // implied by Edit, as the console grants it
    expect(gained.escalation).toEqual(['Users.Edit']);
    const moved = changeReach(toTagged!, profiles);
    expect(moved.lose).toContain('Users · Edit');
    expect(moved.restricted).toEqual(['User by tags']);
    const groups = reachGroups([toLead!, toLead!, toTagged!], profiles);
    expect(groups.map((g) => g.logins.length)).toEqual([2, 1]);
    expect(reachSentence(groups[0]!)).toMatch(/^2 users: ⚠ can now grant themselves Admin \(Users\.Edit; spex lint: escalation\); gain /);
  });
});

// The promote session's reducer as a pure function: targets, the review with a blocked group, the
// production question, and one apply.
import { describe, expect, it } from 'vitest';
import type { FleetRow } from '../../src/domain/fleet/fleet-row.js';
import type { HierarchyGroup, SecurityProfile } from '../../src/domain/profile/security-profile.js';
import type { KeyState } from '../../src/keys/key-spec.js';
import { initialPromoteState, type PromoteState, type PromoteWorld, promoteCandidates, promotePlans, promoteReducer } from '../../src/state/promote-reducer.js';

const row = (profile: string, alias: string, production = false): FleetRow => ({
  profile,
  accountId: '210987654321',
  region: 'us-east-1',
  instance: { arn: `arn:aws:connect:us-east-1:210987654321:instance/${alias}`, id: alias, alias, status: 'ACTIVE' },
  production,
});
const DEV = row('acme-platform', 'acme-dev');
const PROD = row('acme-platform', 'acme-prod', true);
const STAGE = row('acme-platform', 'acme-stage');
const group = (id: string, name: string): HierarchyGroup => ({ arn: `arn:group/${id}`, id, name });
const source: SecurityProfile = { InstanceArn: DEV.instance!.arn, SecurityProfileName: 'Tier 1', Permissions: ['Users.View'], AllowedAccessControlHierarchyGroupId: 'g-emea' };
const candidates = promoteCandidates([DEV, PROD, STAGE], DEV);
const NONE: KeyState = {};
const keyOf = (k: string): [string, KeyState] => (k === '\r' ? ['', { return: true }] : k === 'esc' ? ['', { escape: true }] : [k, NONE]);
const press = (state: PromoteState, world: PromoteWorld, ...keys: string[]): PromoteState =>
  keys.reduce((s, k) => {
    const [input, key] = keyOf(k);
    return promoteReducer(s, { type: 'promote/key', input, key, world });
  }, state);

describe('promote reducer', () => {
  it('candidates are the ACTIVE instances but the source', () => {
    expect(candidates.map((r) => r.instance?.alias)).toEqual(['acme-prod', 'acme-stage']);
  });

  it('targets: Space chooses, Enter reads only with one chosen, Esc closes without a summary', () => {
    const world = { candidates, isProduction: false };
    const s0 = initialPromoteState({ source: DEV, names: ['Tier 1'] });
    expect(press(s0, world, '\r').step.kind).toBe('targets');
    const s1 = press(s0, world, 'j', ' ', '\r');
    expect([...s1.chosen]).toEqual(['acme-platform:acme-stage']);
    expect(s1.step.kind).toBe('reading');
    expect(press(s0, world, 'esc').closed).toEqual({ summary: undefined });
  });

  it("targets: / filters them by account, OU, region or alias, a chooses every one shown (again: none of them), Esc clears the filter", () => {
    const retail = (n: number, region: string): FleetRow => ({ ...row(`retail-${n}`, `retail-${n}`), region, unit: 'Retail' });
    const rows = [DEV, retail(1, 'us-east-1'), retail(2, 'eu-west-2'), retail(3, 'eu-west-2')];
    const world = { candidates: promoteCandidates(rows, DEV), isProduction: false };
    const s0 = initialPromoteState({ source: DEV, names: ['Tier 1'] });
    const filtered = press(s0, world, '/', ...'eu-west', '\r');
    expect(filtered.filter).toBe('eu-west');
    expect(filtered.isFiltering).toBe(false);
    const all = press(filtered, world, 'a');
    expect([...all.chosen].sort()).toEqual(['retail-2:retail-2', 'retail-3:retail-3']);
    expect(press(all, world, 'a').chosen.size).toBe(0);
    // Space acts on the row under the cursor among those shown.
    expect([...press(filtered, world, 'j', ' ').chosen]).toEqual(['retail-3:retail-3']);
    const cleared = press(press(s0, world, '/', ...'retail'), world, 'esc');
    expect(cleared.filter).toBe('');
    expect(press(press(s0, world, '/', ...'Retail', '\r'), world, 'a').chosen.size).toBe(3);
  });

  it('review: a group the target lacks blocks y until m maps it (nearest first) or s skips it; production asks twice', () => {
    const world = { candidates, isProduction: true };
    let s = initialPromoteState({ source: DEV, names: ['Tier 1'], targets: [PROD] });
    expect(s.step.kind).toBe('reading');
    const read = {
      source: { profiles: [source], groups: [group('g-emea', 'EMEA')], modules: undefined },
      targets: new Map([['acme-platform:acme-prod', { profiles: [], groups: [group('t-amer', 'AMER'), group('t-emea2', 'EMEA-2')], modules: undefined }]]),
    };
    s = promoteReducer(s, { type: 'promote/read', read });
    expect(s.step.kind).toBe('review');
    expect(promotePlans(s, candidates)[0]!.blocked).toHaveLength(1);
    expect(press(s, world, 'y').step.kind).toBe('review');
    const mapped = press(s, world, 'm');
    expect(mapped.choices).toEqual([{ path: 'EMEA', action: 'map', to: expect.any(String) }]);
    const again = press(mapped, world, 'm');
    expect(again.choices[0]).not.toEqual(mapped.choices[0]);
    const skipped = press(s, world, 's');
    expect(skipped.choices).toEqual([{ path: 'EMEA', action: 'skip' }]);
    const armed = press(skipped, world, 'y');
    expect([armed.isArmed, armed.step.kind]).toEqual([true, 'review']);
    expect(press(armed, world, 'esc').isArmed).toBe(false);
    const applying = press(armed, world, 'y');
    expect(applying.step.kind).toBe('applying');
    // Keys while applying do nothing; the end closes with the first summary line.
    expect(press(applying, world, 'y', 'esc')).toEqual(applying);
    const done = promoteReducer(applying, { type: 'promote/done', lines: ['acme-platform:acme-prod: 1 applied', '  ✓ read again: it matches'] });
    expect(press(done, world, '\r').closed).toEqual({ summary: 'acme-platform:acme-prod: 1 applied' });
  });

  it('nothing to send: y closes saying every target already matches', () => {
    const world = { candidates, isProduction: false };
    let s = initialPromoteState({ source: DEV, names: ['Tier 1'], targets: [STAGE] });
    const { AllowedAccessControlHierarchyGroupId: _group, ...same } = source;
    s = promoteReducer(s, { type: 'promote/read', read: { source: { profiles: [same], groups: [], modules: undefined }, targets: new Map([['acme-platform:acme-stage', { profiles: [{ ...same, InstanceArn: STAGE.instance!.arn }], groups: [], modules: undefined }]]) } });
    expect(press(s, world, 'y').closed?.summary).toBe('Every target already matches; nothing was sent.');
  });
});

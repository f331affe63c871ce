import { describe, expect, it } from 'vitest';
import type { ProfileSummary, SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { filterHint, parseFilter } from '../../src/state/filter.js';
import { createShownProfilesSelector, needsAllDetails, selectShownProfiles, type DetailLookup } from '../../src/state/selectors.js';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/i-1';
const arn = (n: string): string => `${INSTANCE}/security-profile/${n}`;
const rows: ProfileSummary[] = [
  { arn: arn('a'), name: 'Agent', lastModifiedTime: 300 },
  { arn: arn('b'), name: 'admin', lastModifiedTime: 100 },
  { arn: arn('c'), name: 'Tier 2', lastModifiedTime: 200 },
  { arn: arn('d'), name: 'Tier 10', lastModifiedTime: 400 },
];
const details: Record<string, SecurityProfile> = {
  [arn('a')]: { InstanceArn: INSTANCE, SecurityProfileName: 'Agent', Description: 'Handles calls', Permissions: ['BasicAgentAccess'] },
  [arn('b')]: { InstanceArn: INSTANCE, SecurityProfileName: 'admin', Permissions: ['Users.Edit', 'Users.View', 'BasicAgentAccess'] },
  [arn('c')]: { InstanceArn: INSTANCE, SecurityProfileName: 'Tier 2', Description: 'Escalations', Permissions: ['Users.View'] },
};
const lookup: DetailLookup = (a) => details[a];
const names = (list: readonly ProfileSummary[]): (string | undefined)[] => list.map((r) => r.name);
const byName = { key: 'name', isDescending: false } as const;

describe('parseFilter', () => {
  it('splits words and perm: terms, lower-cased', () => {
    expect(parseFilter('  Tier  perm:Users.Edit perm: ')).toEqual({ words: ['tier'], permissions: [{ text: 'Users.Edit', names: ['users.edit'] }] });
    expect(parseFilter('')).toEqual({ words: [], permissions: [] });
  });

  it('reads perm: terms as admins write them: labels joined or quoted, in any order, and prefixes', () => {
    const names = (text: string): string[] => parseFilter(text).permissions.flatMap((t) => t.names);
    expect(names('perm:edit-users')).toEqual(['users.edit']);
    expect(names('perm:"Users – Edit"')).toEqual(['users.edit']);
    expect(names('perm:"edit users" tier')).toEqual(['users.edit']);
    expect(parseFilter('perm:"edit users" tier').words).toEqual(['tier']);
    expect(names('perm:users.ed')).toEqual(['users.edit', 'users.editpermission']);
    expect(parseFilter('perm:users.ed').permissions[0]!.hint).toMatch(/matches 2 permissions: Users.Edit, Users.EditPermission; any of them counts/);
  });

  it('says "did you mean" for a misspelt permission and still matches it as typed', () => {
    const [term] = parseFilter('perm:Usres.Edit').permissions;
    expect(term!.hint).toMatch(/Usres.Edit is not a permission spex knows \(did you mean Users.Edit\?\)/);
    expect(term!.names).toEqual(['usres.edit']);
    expect(filterHint('perm:Users.Edit tier')).toBeUndefined();
  });
});

describe('selectShownProfiles', () => {
  it('sorts names case-insensitively and numerically', () => {
    expect(names(selectShownProfiles(rows, '', byName, lookup))).toEqual(['admin', 'Agent', 'Tier 2', 'Tier 10']);
    expect(names(selectShownProfiles(rows, '', { key: 'name', isDescending: true }, lookup))).toEqual(['Tier 10', 'Tier 2', 'Agent', 'admin']);
  });

  it('filters on name, and on description where the detail is loaded', () => {
    expect(names(selectShownProfiles(rows, 'TIER', byName, lookup))).toEqual(['Tier 2', 'Tier 10']);
    expect(names(selectShownProfiles(rows, 'calls', byName, lookup))).toEqual(['Agent']);
    expect(names(selectShownProfiles(rows, 'tier escal', byName, lookup))).toEqual(['Tier 2']);
  });

  it('perm: keeps profiles granting the permission (exact, case-insensitive, prefix, label, or prefix*)', () => {
    expect(names(selectShownProfiles(rows, 'perm:users.edit', byName, lookup))).toEqual(['admin']);
    expect(names(selectShownProfiles(rows, 'perm:Users.View', byName, lookup))).toEqual(['admin', 'Tier 2']);
    expect(names(selectShownProfiles(rows, 'perm:Users.*', byName, lookup))).toEqual(['admin', 'Tier 2']);
    // A prefix of an API name, or the console's words, name the same permissions.
    expect(names(selectShownProfiles(rows, 'perm:Users.Vi', byName, lookup))).toEqual(['admin', 'Tier 2']);
    expect(names(selectShownProfiles(rows, 'perm:"edit users"', byName, lookup))).toEqual(['admin']);
    expect(names(selectShownProfiles(rows, 'perm:Users.Delete', byName, lookup))).toEqual([]);
    // Tier 10 has no detail yet: it cannot match until it is loaded.
    expect(names(selectShownProfiles(rows, 'perm:BasicAgentAccess tier', byName, lookup))).toEqual([]);
  });

  it('sorts by permission count with unknown counts last, and by modified time', () => {
    expect(names(selectShownProfiles(rows, '', { key: 'permissions', isDescending: true }, lookup))).toEqual(['admin', 'Agent', 'Tier 2', 'Tier 10']);
    expect(names(selectShownProfiles(rows, '', { key: 'permissions', isDescending: false }, lookup))).toEqual(['Agent', 'Tier 2', 'admin', 'Tier 10']);
    expect(names(selectShownProfiles(rows, '', { key: 'modified', isDescending: true }, lookup))).toEqual(['Tier 10', 'Agent', 'Tier 2', 'admin']);
  });

  it('knows when every detail is needed', () => {
    expect(needsAllDetails('perm:Users.Edit', byName)).toBe(true);
    expect(needsAllDetails('tier', { key: 'permissions', isDescending: false })).toBe(true);
    expect(needsAllDetails('tier', byName)).toBe(false);
  });
});

describe('createShownProfilesSelector', () => {
  it('returns the same array until rows, filter, sort or relevant details change', () => {
    const select = createShownProfilesSelector();
    let calls = 0;
    const counting: DetailLookup = (a) => {
      calls++;
      return lookup(a);
    };
    const input = { rows, filterText: '', sort: byName, lookup: counting, detailsVersion: 1 };
    const first = select(input);
    const before = calls;
    // A new details version does not matter to an unfiltered name sort with known names.
    expect(select({ ...input, detailsVersion: 2 })).toBe(first);
    expect(select({ ...input, sort: { key: 'name', isDescending: false } })).toBe(first);
    expect(calls).toBe(before);
    const filtered = select({ ...input, filterText: 'tier' });
    expect(filtered).not.toBe(first);
    expect(select({ ...input, filterText: 'tier' })).toBe(filtered);
    // With a filter, new details may change the answer.
    expect(select({ ...input, filterText: 'tier', detailsVersion: 3 })).not.toBe(filtered);
    expect(select({ ...input, rows: rows.slice(1) })).toHaveLength(3);
  });
});

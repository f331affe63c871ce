// A plain search that finds nothing, but whose words name a permission, points at perm:.
import { describe, expect, it } from 'vitest';
import { permHint } from '../../src/state/filter.js';

const all = (count: number) => () => ({ count, of: 20, total: 20 });

describe('permHint', () => {
  it('names the perm: term to type and how many profiles grant it', () => {
    expect(permHint('edit users', 0, all(2))).toBe('edit users: no profile is named so — perm:"edit users" finds the 2 that grant Users.Edit');
    expect(permHint('Users.Edit', 0, all(3))).toBe('users.edit: no profile is named so — perm:users.edit finds the 3 that grant Users.Edit');
  });
  it('while details are still being read, says how far it got', () => {
    expect(permHint('edit users', 0, () => ({ count: 1, of: 5, total: 20 }))).toBe('edit users: no profile is named so — perm:"edit users" finds those that grant Users.Edit (1 of the 5 read so far)');
  });
  it('says nothing when something is shown, when perm: is already used, or when the words name no permission', () => {
    expect(permHint('edit users', 1, all(2))).toBeUndefined();
    expect(permHint('perm:edit-users', 0, all(2))).toBeUndefined();
    expect(permHint('zebra crossing', 0, all(2))).toBeUndefined();
  });
});

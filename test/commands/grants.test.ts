// `spex list --grants P`: the profiles that grant every named permission, checked against the data;
// permissions by API name or console words; unknown ones refused with suggestions before any call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePermission } from '../../src/domain/permissions/permissions.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { runAgainst } from '../reliability/support/run.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());

const run = (args: string[]) => runAgainst(backend, args);
const granting = (...perms: string[]) =>
  (backend.emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE) as { InstanceArn: string; SecurityProfileName: string; Permissions?: string[] }[])
    .filter((p) => p.InstanceArn === backend.instanceArn && perms.every((x) => (p.Permissions ?? []).includes(x)))
    .map((p) => p.SecurityProfileName)
    .sort();

describe('resolvePermission', () => {
  it.each([
    ['Users.Edit', 'Users.Edit'],
    ['users.edit', 'Users.Edit'],
    ['Users – Edit', 'Users.Edit'],
    ['edit users', 'Users.Edit'],
  ])('%s → %s', (typed, name) => {
    expect(resolvePermission(typed)).toEqual({ ok: true, name });
  });
  it('a misspelling says did you mean; a word that fits many lists them', () => {
    const typo = resolvePermission('Usres.Edit');
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.message).toContain('did you mean Users.Edit');
    const many = resolvePermission('edit');
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.message).toMatch(/matches \d+ permissions/);
  });
});

describe('spex list --grants', () => {
  it('lists exactly the profiles that grant every named permission, read through the details', async () => {
    const { code, out, err } = await run(['list', '--instance', 'acme-support', '--grants', 'Users.Edit', '--grants', 'security profiles view', '--output', 'json']);
    expect(code).toBe(0);
    const names = (JSON.parse(out) as { name: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(granting('Users.Edit', 'SecurityProfiles.View'));
    expect(names.length).toBeGreaterThan(0);
    expect(err).toMatch(/details \(to find who grants Users\.Edit \+ SecurityProfiles\.View\) \d+\/\d+/);
  });

  it('an unknown permission is a usage error with a suggestion, before anything is sent', async () => {
    backend.emulator.clearRequests();
    const { code, err } = await run(['list', '--instance', 'acme-support', '--grants', 'Usres.Edit']);
    expect(code).toBe(2);
    expect(err).toContain("--grants: 'Usres.Edit' is not a permission spex knows (did you mean Users.Edit");
    expect(backend.emulator.requests).toHaveLength(0);
  });
});

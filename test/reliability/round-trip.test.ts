// Property tests against the emulator, through the real SDK: valid models round-trip (create, then get
// returns the same model, as sets); invalid ones are refused by spex's validator and by the emulator,
// naming the same field; and buildPatch + UpdateResource leaves exactly `after` on the server.
import { CreateResourceCommand, type CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesEqual } from '../../src/domain/profile/patch.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile, type SecurityProfileDraft, toDraft } from '../../src/domain/profile/security-profile.js';
import { validateProfile } from '../../src/domain/profile/validate.js';
import { profilePair, serverProfile } from '../domain/profile/profile-arbitraries.js';
import { clientFor, errorOf } from '../emulator/helpers.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';

let backend: TestBackend;
let client: CloudControlClient;
beforeAll(async () => {
  backend = await startTestBackend();
  // A first call through spex, whose client factory turns off the SDK's Node-version notice.
  await backend.spex.forRegion(backend.region).listInstances();
  client = clientFor(backend.emulator, backend.region);
});
afterAll(async () => {
  client.destroy();
  await backend.close();
});

let serial = 0;
/** A generated profile moved into the emulator's instance, under a name not used yet. */
function placed(profile: SecurityProfile | SecurityProfileDraft): SecurityProfileDraft {
  const draft = toDraft(profile);
  return { ...draft, InstanceArn: backend.instanceArn, SecurityProfileName: `Round Trip ${serial++}` };
}

const service = () => backend.spex.forRegion(backend.region);

describe('schema validator against the emulator', () => {
  it('valid models round-trip: what create stored and get returns equals what was sent (as sets)', async () => {
    await fc.assert(
      fc.asyncProperty(serverProfile, async (generated) => {
        const draft = placed(generated);
        expect(validateProfile(draft, 'create')).toEqual([]);
        const outcome = await service().createProfile(draft).done;
        if (!outcome.ok) throw new Error(outcome.error.message);
        const read = await service().getProfile(outcome.identifier!);
        expect(profilesEqual(read, draft)).toBe(true);
        expect(profilesEqual(outcome.model!, draft)).toBe(true);
        expect(validateProfile(read, 'stored')).toEqual([]);
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  type Break = [field: string, (m: Record<string, unknown>) => void];
  const breaks: Break[] = [
    ['SecurityProfileName', (m) => { m.SecurityProfileName = `${String(m.SecurityProfileName)}/x`; }],
    ['SecurityProfileName', (m) => { m.SecurityProfileName = 'n'.repeat(128); }],
    ['Description', (m) => { m.Description = 'd'.repeat(251); }],
    ['Permissions', (m) => { m.Permissions = Array.from({ length: 501 }, (_, i) => `P${i}`); }],
    ['Permissions', (m) => { m.Permissions = ['Users.View', 'Users.View']; }],
    ['Tags', (m) => { m.Tags = [{ Key: 'team', Value: 'a' }, { Key: 'team', Value: 'b' }]; }],
    ['Tags/0/Key', (m) => { m.Tags = [{ Key: 'aws:owner', Value: 'x' }]; }],
    ['Tags/0/Value', (m) => { m.Tags = [{ Key: 'k', Value: 'v'.repeat(257) }]; }],
    ['AllowedAccessControlTags', (m) => { m.AllowedAccessControlTags = Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })); }],
    ['Applications/0/Type', (m) => { m.Applications = [{ Namespace: 'n', Type: 'WEB' }]; }],
    ['Colour', (m) => { m.Colour = 'red'; }],
  ];

  it('a read-only property in a new model is refused by spex before sending; AWS (and the emulator) would silently drop it', async () => {
    const model = { InstanceArn: backend.instanceArn, SecurityProfileName: 'RO check', LastModifiedTime: 1 };
    const outcome = await service().createProfile(model).done;
    expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'validation', field: 'LastModifiedTime' });
    const started = await client.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify(model) }));
    expect(started.ProgressEvent?.OperationStatus).toBe('IN_PROGRESS');
  });

  it('invalid models are refused by spex before sending and by the emulator, naming the same field', async () => {
    await fc.assert(
      fc.asyncProperty(serverProfile, fc.constantFrom(...breaks), async (generated, [field, breakIt]) => {
        const model = placed(generated) as unknown as Record<string, unknown>;
        breakIt(model);
        const fields = validateProfile(model, 'create').map((i) => i.field);
        expect(fields).toEqual([field]);
        const before = backend.emulator.requests.filter((r) => r.operation === 'CreateResource').length;
        const outcome = await service().createProfile(model as unknown as SecurityProfileDraft).done;
        expect(!outcome.ok && outcome.error).toMatchObject({ kind: 'validation', field });
        expect(backend.emulator.requests.filter((r) => r.operation === 'CreateResource')).toHaveLength(before);
        // The same model sent straight to the emulator, past spex's check.
        const error = await errorOf(client.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify(model) })));
        expect(error.name).toBe('ValidationException');
        // In AWS's words: `#/Description: expected maxLength…` or `#: extraneous key [Colour]…`.
        expect(error.message.includes(`#/${field}: `) || error.message.includes(`[${field}]`)).toBe(true);
        expect(backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).some((m) => m.SecurityProfileName === model.SecurityProfileName)).toBe(false);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});

describe('patch builder against the emulator', () => {
  it('buildPatch + UpdateResource leaves exactly `after` on the server', async () => {
    await fc.assert(
      fc.asyncProperty(profilePair, async ({ before, after }) => {
        const created = await service().createProfile(placed(before)).done;
        if (!created.ok) throw new Error(created.error.message);
        const arn = created.identifier!;
        const stored = await service().getProfile(arn);
        const wanted = { ...toDraft(after), InstanceArn: stored.InstanceArn, SecurityProfileName: stored.SecurityProfileName };
        const outcome = await service().updateProfile(arn, stored, wanted).done;
        if (!outcome.ok) throw new Error(outcome.error.message);
        const server = backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn) as unknown as SecurityProfile;
        expect(profilesEqual(server, wanted)).toBe(true);
        expect(server.SecurityProfileArn).toBe(arn);
      }),
      { numRuns: 25, seed: 2026 },
    );
  });
});

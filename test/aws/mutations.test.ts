import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../src/aws/index.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend } from '../helpers/emulator.js';

let backend: TestBackend;
beforeEach(async () => {
  backend = await startTestBackend();
});
afterEach(async () => {
  await backend.close();
});

const profilesNamed = (name: string): Record<string, unknown>[] =>
  backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).filter((m) => m.SecurityProfileName === name);
const sent = (operation: string) => backend.emulator.requests.filter((r) => r.operation === operation);

describe('createProfile', () => {
  it('polls to SUCCESS, reports each status change and returns the new model', async () => {
    const service = backend.spex.forRegion(backend.region);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Night Shift', Description: 'After hours', Permissions: ['BasicAgentAccess'] });
    const seen: RequestStatus[] = [];
    op.onStatus((s) => seen.push(s));
    const outcome = await op.done;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.model).toMatchObject({ SecurityProfileName: 'Night Shift', Permissions: ['BasicAgentAccess'] });
    expect(outcome.identifier).toMatch(/\/security-profile\//);
    expect(seen.at(-1)?.status).toBe('SUCCESS');
    expect(op.current()?.status).toBe('SUCCESS');
    expect(profilesNamed('Night Shift')).toHaveLength(1);
    const creates = sent('CreateResource');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body.ClientToken).toBe(op.clientToken);
  });

  it('refuses an invalid model before sending, naming the field and the rule', async () => {
    const op = backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'bad/name!' });
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ kind: 'validation', field: 'SecurityProfileName', rule: 'pattern' });
    expect(outcome.error.message).toContain('SecurityProfileName');
    expect(sent('CreateResource')).toHaveLength(0);
  });

  it.each([
    ['AccessDenied', 'access-denied'],
    ['AlreadyExists', 'conflict'],
    ['NotFound', 'not-found'],
    ['ResourceConflict', 'conflict'],
    ['InvalidRequest', 'operation-failed'],
    ['ServiceInternalError', 'operation-failed'],
  ])('ends FAILED with %s as a typed error carrying the code and the message', async (code, kind) => {
    backend.emulator.failNext('CreateResource', 1, { handlerErrorCode: code, message: `handler says \u001b[2Jno (${code})` });
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Doomed' }).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ kind, handlerErrorCode: code });
    expect(outcome.error.message).toContain(`handler says \uFFFDno (${code})`);
    expect(outcome.error.message).not.toContain('\u001b');
    expect(outcome.status?.status).toBe('FAILED');
    expect(profilesNamed('Doomed')).toHaveLength(0);
  });

  it('retries a request that ended FAILED with Throttling as a new request, visibly', async () => {
    backend.emulator.failNext('CreateResource', 2, { handlerErrorCode: 'Throttling' });
    const op = backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Retried' });
    const notes: string[] = [];
    op.onStatus((s) => s.note && notes.push(s.note));
    const outcome = await op.done;
    expect(outcome.ok).toBe(true);
    expect(notes.filter((n) => /retrying with a new request/.test(n))).toHaveLength(2);
    const tokens = sent('CreateResource').map((r) => r.body.ClientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    expect(profilesNamed('Retried')).toHaveLength(1);
  });

  it('gives up after a few throttled requests with a clear sentence', async () => {
    backend.emulator.failNext('CreateResource', 10, { handlerErrorCode: 'Throttling' });
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Never' }).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('throttled');
    expect(outcome.error.message).toMatch(/throttled/i);
    expect(sent('CreateResource')).toHaveLength(4);
    expect(profilesNamed('Never')).toHaveLength(0);
  });

  it.each([
    ['ConcurrentOperationException', /still in progress/],
    ['ClientTokenConflictException', /client token/],
  ])('maps a synchronous %s to a conflict', async (exception, text) => {
    backend.emulator.failNext('CreateResource', 1, { exception });
    const outcome = await backend.spex.forRegion(backend.region).createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Clash' }).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('conflict');
    expect(outcome.error.message).toMatch(text);
    expect(profilesNamed('Clash')).toHaveLength(0);
  });
});

describe('updateProfile', () => {
  const arn = demoProfileArn('Workforce Planning');

  it('sends a guarded patch and returns the updated model', async () => {
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    const extra = ['Users.View', 'Queues.View', 'BasicAgentAccess'].find((p) => !before.Permissions?.includes(p))!;
    const after = { ...before, Description: 'Forecasts only', Permissions: [...(before.Permissions ?? []), extra] };
    const outcome = await service.updateProfile(arn, before, after).done;
    expect(outcome.ok ? 'ok' : outcome.error.message).toBe('ok');
    if (!outcome.ok) return;
    expect(outcome.model).toMatchObject({ Description: 'Forecasts only' });
    const patch = JSON.parse(String(sent('UpdateResource')[0]!.body.PatchDocument)) as { op: string; path: string }[];
    expect(patch.filter((p) => p.op === 'test').map((p) => p.path)).toEqual(expect.arrayContaining(['/Description', '/Permissions']));
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)).toMatchObject({ Description: 'Forecasts only' });
  });

  it('refuses a lost update: someone else changed the same field since it was read', async () => {
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    backend.emulator.modifyProfile(backend.region, arn, (m) => {
      m.Description = 'Changed by a colleague';
    });
    const outcome = await service.updateProfile(arn, before, { ...before, Description: 'Mine' }).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('conflict');
    expect(outcome.error.message).toMatch(/changed by someone else/);
    expect(outcome.error.field).toBe('Description');
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)?.Description).toBe('Changed by a colleague');
  });

  it('is not fooled by a set the server now lists in another order: the edit goes through once re-guarded', async () => {
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    const permissions = before.Permissions ?? [];
    expect(permissions.length).toBeGreaterThan(1);
    backend.emulator.modifyProfile(backend.region, arn, (m) => {
      m.Permissions = [...permissions].reverse();
    });
    const extra = ['Prompts.View', 'Queues.View', 'Users.View'].find((p) => !permissions.includes(p))!;
    const wanted = [...permissions.slice(1), extra];
    const outcome = await service.updateProfile(arn, before, { ...before, Permissions: wanted }).done;
    expect(outcome.ok ? 'ok' : outcome.error.message).toBe('ok');
    const stored = backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)?.Permissions as string[];
    expect([...stored].sort()).toEqual([...new Set(wanted)].sort());
    expect(sent('UpdateResource')).toHaveLength(2);
  });

  it('refuses a change of a create-only property and an invalid result without sending', async () => {
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    const renamed = await service.updateProfile(arn, before, { ...before, SecurityProfileName: 'Renamed' }).done;
    expect(!renamed.ok && renamed.error.kind).toBe('not-updatable');
    const tooLong = await service.updateProfile(arn, before, { ...before, Description: 'x'.repeat(251) }).done;
    expect(!tooLong.ok && tooLong.error).toMatchObject({ kind: 'validation', field: 'Description', rule: 'maxLength' });
    expect(sent('UpdateResource')).toHaveLength(0);
  });

  it('sends nothing when nothing changed', async () => {
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    const outcome = await service.updateProfile(arn, before, { ...before }).done;
    expect(outcome.ok).toBe(true);
    expect(sent('UpdateResource')).toHaveLength(0);
  });
});

describe('deleteProfile', () => {
  it('deletes and reports SUCCESS', async () => {
    const arn = demoProfileArn('Reporting Analysts');
    const outcome = await backend.spex.forRegion(backend.region).deleteProfile(arn).done;
    expect(outcome).toMatchObject({ ok: true, identifier: arn });
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)).toBeUndefined();
  });

  it('reports a profile in use as a conflict and keeps it', async () => {
    const arn = demoProfileArn('Tier 1 Support');
    const outcome = await backend.spex.forRegion(backend.region).deleteProfile(arn).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    // AWS says InvalidRequest (ResourceInUseException in the message); spex says what it means.
    expect(outcome.error).toMatchObject({ kind: 'conflict', handlerErrorCode: 'InvalidRequest' });
    expect(outcome.error.message).toMatch(/^The profile is assigned to users, and Connect will not delete a profile that users hold; nothing was deleted\./);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)).toBeDefined();
  });
});

describe('read-only mode', () => {
  it('refuses create, update, delete and cancel at the service layer, sending nothing', async () => {
    const service = backend.makeSpex({ readOnly: true }).forRegion(backend.region);
    const arn = demoProfileArn('Workforce Planning');
    const before: SecurityProfile = await service.getProfile(arn);
    const outcomes = await Promise.all([
      service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Nope' }).done,
      service.updateProfile(arn, before, { ...before, Description: 'Nope' }).done,
      service.deleteProfile(arn).done,
    ]);
    for (const o of outcomes) expect(!o.ok && o.error.kind).toBe('read-only');
    await expect(service.cancelRequest('abc')).rejects.toMatchObject({ error: { kind: 'read-only' } });
    expect(backend.emulator.requests.map((r) => r.operation)).toEqual(['GetResource', 'ListSecurityProfileAIAgents']);
    expect(service.readOnly).toBe(true);
  });
});

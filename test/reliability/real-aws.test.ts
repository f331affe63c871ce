// spex against the emulator's strict defaults, which follow shared/reference/real-aws-notes.md: throttles
// in AWS's odd shapes, in-use deletes, re-reads after SUCCESS, profiles Cloud Control refuses,
// millisecond timestamps, instances that are not ACTIVE, and AWS's validation wording.
import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE, type SecurityProfile, toDraft } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { profileState, runAgainst, sent } from './support/run.js';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const stored = (b: TestBackend, arn: string) => b.emulator.getModel(b.region, SECURITY_PROFILE_TYPE, arn) as unknown as SecurityProfile;

describe('throttles in any shape are throttles', () => {
  it('reads under Connect’s real budgets (400 GeneralServiceException about the rate) are retried and all succeed', async () => {
    backend = await startTestBackend({ realLimits: true, spex: { maxAttempts: 8 } });
    const retries: string[] = [];
    const service = backend.makeSpex({ maxAttempts: 8, onRetry: (e) => retries.push(e.reason) }).forRegion(backend.region);
    const arns = backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === backend!.instanceArn).map((m) => String(m.SecurityProfileArn)).slice(0, 9);
    const loader = service.createDetailLoader();
    const profiles = await Promise.all(arns.map((arn) => loader.load(arn)));
    expect(profiles.map((p) => p.SecurityProfileArn)).toEqual(arns);
    // The burst of 5 went through; the rest met GeneralServiceException and were retried as throttles.
    expect(sent(backend, 'GetResource').some((r) => r.errorType === 'GeneralServiceException')).toBe(true);
    expect(retries.length).toBeGreaterThan(0);
    expect(new Set(retries)).toEqual(new Set(['throttled']));
    loader.dispose();
  });

  it('a GeneralServiceException that is not about a rate is reported in plain words, not as validation, and not retried', async () => {
    backend = await startTestBackend({ spex: { maxAttempts: 3 } });
    backend.emulator.failNext('GetResource', 1, { exception: 'GeneralServiceException', message: 'Connect could not read the profile (Service: Connect, Status Code: 500)' });
    const error = await backend.spex.forRegion(backend.region).getProfile(demoProfileArn('Agent')).catch((e: { error: unknown }) => e.error);
    expect(error).toMatchObject({ kind: 'service', code: 'GeneralServiceException' });
    expect((error as { message: string }).message).toMatch(/^Amazon Connect failed during GetResource of .*: Connect could not read the profile/);
    expect(sent(backend, 'GetResource')).toHaveLength(1);
  });

  it('an update that ends FAILED with GeneralServiceException about the rate is sent again as a new request, shown on stderr', async () => {
    backend = await startTestBackend();
    const arn = demoProfileArn('Workforce Planning');
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'GeneralServiceException', message: 'Rate exceeded (Service: Connect, Status Code: 429)' });
    const { code, err } = await runAgainst(backend, ['update', arn, '--description', 'After the throttle']);
    expect(code).toBe(0);
    expect(err).toMatch(/Throttled by AWS; retrying with a new request \(2 of 4\)/);
    expect(sent(backend, 'UpdateResource')).toHaveLength(2);
    expect(stored(backend, arn).Description).toBe('After the throttle');
  });

  it('under --real-limits, a burst of creates whose handlers meet an empty budget all end up created', async () => {
    // spex's own poll schedule: the retries of a throttled request back off from it (600 ms, 1.2 s …).
    backend = await startTestBackend({ realLimits: true, spex: { maxAttempts: 6, pollSchedule: { firstMs: 300, maxMs: 2000 } } });
    const service = backend.spex.forRegion(backend.region);
    const ops = Array.from({ length: 7 }, (_, i) => service.createProfile({ InstanceArn: backend!.instanceArn, SecurityProfileName: `Budget ${i}`, Permissions: ['BasicAgentAccess'] }));
    const outcomes = await Promise.all(ops.map((op) => op.done));
    expect(outcomes.map((o) => o.ok)).toEqual(Array(7).fill(true));
    const names = backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).map((m) => m.SecurityProfileName);
    for (let i = 0; i < 7; i++) expect(names.filter((n) => n === `Budget ${i}`)).toHaveLength(1);
  });
});

describe('after SUCCESS, the profile is re-read', () => {
  it('the outcome holds the re-read (fresh LastModifiedTime), not the SUCCESS model', async () => {
    backend = await startTestBackend();
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Reporting Analysts');
    const before = await service.getProfile(arn);
    const outcome = await service.updateProfile(arn, before, { ...toDraft(before), Description: 'Re-read me' }).done;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.status.resourceModel?.LastModifiedTime).toBe(before.LastModifiedTime);
    expect(outcome.model?.LastModifiedTime).toBe(stored(backend, arn).LastModifiedTime);
    expect(outcome.model!.LastModifiedTime!).toBeGreaterThan(before.LastModifiedTime!);
    expect(outcome.warnings).toBeUndefined();
  });

  it('warns when what the server holds differs from what was asked (a cleared field that stayed), on stderr too', async () => {
    backend = await startTestBackend({ handlerKeeps: ['AllowedAccessControlHierarchyGroupId'] });
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Team Leads');
    const before = await service.getProfile(arn);
    const { AllowedAccessControlHierarchyGroupId: _cleared, ...rest } = toDraft(before);
    const outcome = await service.updateProfile(arn, before, rest).done;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.model?.AllowedAccessControlHierarchyGroupId).toBe(before.AllowedAccessControlHierarchyGroupId);
    expect(outcome.warnings).toEqual([
      `The save succeeded, but Amazon Connect holds other values than were asked for: AllowedAccessControlHierarchyGroupId (asked none, holds ${JSON.stringify(before.AllowedAccessControlHierarchyGroupId)}).`,
    ]);
    // The same through the headless command: an empty --description removes it, the handler keeps it.
    backend.emulator.setFaults({ handlerKeeps: ['Description'] });
    const { code, err } = await runAgainst(backend, ['update', demoProfileArn('Tier 2 Escalations'), '--description', '']);
    expect(code).toBe(0);
    expect(err).toMatch(/^spex: warning: The save succeeded, but Amazon Connect holds other values than were asked for: Description \(asked none, holds "Escalation desk/m);
  });
});

describe('profiles the Cloud Control schema refuses', () => {
  it('on Cloud Control alone, update refuses before sending, with the sentence naming the value, and changes nothing', async () => {
    backend = await startTestBackend();
    const before = profileState(backend);
    const only = ['--cloudcontrol-only'];
    const { code, err } = await runAgainst(backend, ['update', demoProfileArn('Supervisors (EMEA)'), '--description', 'x', ...only]);
    expect(code).toBe(1);
    expect(err).toContain('Cloud Control cannot change this profile: Name "Supervisors (EMEA)" has "(", which Cloud Control refuses; Tag key "Cost Center" has " " (a space), which Cloud Control refuses. The Connect API could save it, but spex runs on Cloud Control alone here. Nothing was sent.');
    const tag = await runAgainst(backend, ['update', demoProfileArn('Retention Desk'), '--add-permission', 'Users.View', ...only]);
    expect(tag.err).toContain('Tag key "Cost Center" has " " (a space), which Cloud Control refuses');
    const amp = await runAgainst(backend, ['update', demoProfileArn('Billing & Collections'), '--description', 'x', ...only]);
    expect(amp.err).toContain('Name "Billing & Collections" has "&", which Cloud Control refuses');
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
    expect(sent(backend, 'UpdateSecurityProfile')).toHaveLength(0);
    expect(profileState(backend)).toBe(before);
  });

  it('with the Connect API, update saves it there (said on stderr): UpdateSecurityProfile, TagResource, UntagResource; --dry-run shows them', async () => {
    backend = await startTestBackend();
    const arn = demoProfileArn('Retention Desk');
    const dry = await runAgainst(backend, ['update', arn, '--add-permission', 'Users.View', '--tag', 'Cost Center=cc-6300', '--untag', 'team', '--dry-run', '--output', 'json']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.out) as { route: string; requests: { operation: string; body: Record<string, unknown> }[] };
    expect(plan.route).toBe('connect');
    expect(plan.requests.map((r) => r.operation)).toEqual(['UpdateSecurityProfile', 'TagResource', 'UntagResource']);
    expect(plan.requests[1]!.body.tags).toEqual({ 'Cost Center': 'cc-6300' });
    expect(sent(backend, 'UpdateSecurityProfile')).toHaveLength(0);

    const { code, err } = await runAgainst(backend, ['update', arn, '--add-permission', 'Users.View', '--tag', 'Cost Center=cc-6300', '--untag', 'team']);
    expect(code).toBe(0);
    expect(err).toContain('the change goes through the Connect API (UpdateSecurityProfile, TagResource, UntagResource)');
    const after = stored(backend, arn);
    expect(after.Permissions).toContain('Users.View');
    expect(after.Tags).toEqual([{ Key: 'Cost Center', Value: 'cc-6300' }]);
    expect(sent(backend, 'UpdateResource')).toHaveLength(0);
    // Only the fields that changed went in the UpdateSecurityProfile body.
    expect(Object.keys(sent(backend, 'UpdateSecurityProfile')[0]!.body).sort()).toEqual(['InstanceId', 'Permissions', 'SecurityProfileId']);
  });

  it('Connect refusing UpdateSecurityProfile (access denied): the save fails with a sentence, and nothing changed', async () => {
    backend = await startTestBackend();
    const arn = demoProfileArn('Billing & Collections');
    const before = profileState(backend);
    backend.emulator.failNext('UpdateSecurityProfile', 1, { exception: 'AccessDeniedException', message: 'not authorized to perform connect:UpdateSecurityProfile' });
    const { code, err } = await runAgainst(backend, ['update', arn, '--description', 'Denied']);
    expect(code).toBe(1);
    expect(err).toMatch(/UpdateSecurityProfile failed: .*Nothing was changed\./);
    expect(profileState(backend)).toBe(before);
  });

  it('a lost update stays impossible: changed meanwhile, the Connect path refuses, says what changed, and sends nothing', async () => {
    backend = await startTestBackend();
    const arn = demoProfileArn('Supervisors (EMEA)');
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    backend.emulator.modifyProfile(backend.region, arn, (m) => {
      m.Description = 'Changed by a colleague';
    });
    const extra = ['Queues.Create', 'Users.Create', 'Prompts.Create'].find((p) => !(before.Permissions ?? []).includes(p))!;
    const outcome = await service.updateProfile(arn, before, { ...toDraft(before), Permissions: [...(before.Permissions ?? []), extra] }).done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({ kind: 'conflict', rule: 'test' });
    expect(outcome.error.message).toMatch(/Someone changed this profile since you opened it \(Description.*Changed by a colleague.*\); nothing was sent/);
    expect(sent(backend, 'UpdateSecurityProfile')).toHaveLength(0);
    expect(stored(backend, arn).Permissions).not.toContain(extra);
  });
});

describe('dates, instances and AWS wording', () => {
  it('LastModifiedTime in milliseconds shows the same date as in seconds', async () => {
    backend = await startTestBackend({ listProperties: 'summary' });
    const arn = demoProfileArn('Agent');
    const inSeconds = await runAgainst(backend, ['get', arn, '--output', 'json']);
    const listSeconds = await runAgainst(backend, ['list', '--instance', 'acme-support', '--output', 'table'], { stdoutTTY: true });
    backend.emulator.setFaults({ timeUnit: 'ms' });
    const inMs = await runAgainst(backend, ['get', arn, '--output', 'json']);
    const listMs = await runAgainst(backend, ['list', '--instance', 'acme-support', '--output', 'table'], { stdoutTTY: true });
    expect(JSON.parse(inMs.out).LastModifiedTime).toBe(JSON.parse(inSeconds.out).LastModifiedTime);
    expect(listMs.out).toBe(listSeconds.out);
    expect(listMs.out).toMatch(/Agent\s+2025-03-06 23:00 UTC/);
  });

  it('an instance that is not ACTIVE is listed with its status and cannot be opened', async () => {
    backend = await startTestBackend();
    const canada = await runAgainst({ ...backend, region: 'ca-central-1' }, ['instances', '--output', 'json']);
    expect(JSON.parse(canada.out)).toEqual([expect.objectContaining({ alias: 'acme-canada', status: 'CREATION_FAILED' })]);
    const opened = await runAgainst({ ...backend, region: 'ca-central-1' }, ['list', '--instance', 'acme-canada']);
    expect(opened.code).toBe(1);
    expect(opened.err).toBe('spex: Instance acme-canada is CREATION_FAILED: its creation failed, so it has no security profiles.\n');
  });

  it('a refusal in AWS’s schema words becomes spex’s sentence naming the field and the rule', async () => {
    backend = await startTestBackend();
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'InvalidRequest', message: 'Model validation failed (#/Description: expected maxLength: 250, actual: 251)' });
    const { code, err } = await runAgainst(backend, ['update', demoProfileArn('Agent'), '--description', 'short']);
    expect(code).toBe(1);
    expect(err.split('\n').at(-2)).toBe('spex: The update was refused: Description: at most 250 characters (got 251).');
  });
});

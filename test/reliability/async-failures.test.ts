// Asynchronous failures with each handler error code, a request stuck IN_PROGRESS past the wait,
// ConcurrentOperationException and ClientTokenConflictException: a clear sentence through the service
// and the headless commands (exit 1, message on stderr), and no change in the emulator's state.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { realSleep } from '../../src/aws/tracked-operation.js';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { type TestBackend, startTestBackend, waitFor } from '../helpers/emulator.js';
import { profileState, runAgainst, sent } from './support/run.js';

const CODES: [code: string, sentence: RegExp][] = [
  ['AccessDenied', /^spex: The (create|update|delete) was denied \(.*\)\. The caller needs cloudformation:\w+Resource, .*connect:\w+SecurityProfile/m],
  ['AlreadyExists', /^spex: The (create|update|delete) failed \(AlreadyExists\): /m],
  ['NotFound', /^spex: The (create|update|delete) failed: not found \(/m],
  ['ResourceConflict', /^spex: The (create|update|delete) failed \(ResourceConflict\): /m],
  ['InvalidRequest', /^spex: The (create|update|delete) failed \(InvalidRequest\): /m],
  ['ServiceInternalError', /^spex: The (create|update|delete) failed \(ServiceInternalError\): /m],
];

const COMMANDS: [name: string, operation: string, args: string[]][] = [
  ['create', 'CreateResource', ['create', '--instance', 'acme-support', '--name', 'Never Made', '--permission', 'BasicAgentAccess']],
  ['update', 'UpdateResource', ['update', demoProfileArn('Workforce Planning'), '--description', 'Never written']],
  ['delete', 'DeleteResource', ['delete', demoProfileArn('Reporting Analysts'), '--yes']],
];

describe('each handler error code through the headless commands', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  const cases = COMMANDS.flatMap(([name, operation, args]) => CODES.map(([code, sentence]) => [name, code, operation, args, sentence] as const));
  it.each(cases)('%s ending FAILED with %s: exit 1, a sentence on stderr, nothing changed', async (name, code, operation, args, sentence) => {
    const message = `${code} says no (Service: Connect)`;
    backend.emulator.failNext(operation, 1, { handlerErrorCode: code, message });
    const before = profileState(backend);
    const { code: exit, out, err } = await runAgainst(backend, args);
    expect(exit).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(sentence);
    expect(err).toContain(message);
    expect(err).toMatch(new RegExp(`^${name.toUpperCase()} FAILED · request [0-9a-f-]{36} · ${code} · `, 'm'));
    expect(profileState(backend)).toBe(before);
  });
});

describe('a request stuck IN_PROGRESS past the wait', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    // 'never': the default ('sometimes', seeded at random) would make the cancelled create apply now and then.
    backend = await startTestBackend({ asyncDelayMs: 60_000, cancelApplies: 'never' });
  });
  afterEach(async () => {
    await backend.close();
  });

  it('the outcome says so with the token; `spex requests` shows it later; it can be cancelled, not under --read-only', async () => {
    let fakeNow = Date.now();
    const service = backend
      .makeSpex({ sleep: async (ms, signal) => { fakeNow += ms; await realSleep(1, signal); }, now: () => fakeNow, pollSchedule: { firstMs: 1000, maxMs: 5000 } })
      .forRegion(backend.region);
    const op = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Stuck' }, { timeoutMs: 15_000 });
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const token = outcome.error.requestToken!;
    expect(outcome.error.kind).toBe('timeout');
    expect(outcome.error.message).toMatch(new RegExp(`^Still (PENDING|IN_PROGRESS) after \\d+ s; request ${token} goes on \\(\`spex requests\` shows it\\)\\.$`));

    const listed = await runAgainst(backend, ['requests', '--output', 'table'], { stdoutTTY: true });
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`CREATE\\s+(PENDING|IN_PROGRESS)\\s.*${token}`));

    const refused = await runAgainst(backend, ['requests', '--cancel', token, '--read-only']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('spex: spex runs with --read-only: cancel refused; nothing was sent.\n');
    expect(sent(backend, 'CancelResourceRequest')).toHaveLength(0);

    // The cancel passes through CANCEL_IN_PROGRESS; spex says a change under way may still apply,
    // follows the request to its end, and prints how it ended.
    const cancelled = await runAgainst(backend, ['requests', '--cancel', token]);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.out)).toMatchObject({ requestToken: token, status: 'CANCEL_COMPLETE', operation: 'CREATE' });
    expect(cancelled.err).toMatch(/^Cancel requested\. A change already under way at Amazon Connect may still apply/);
    expect(cancelled.err).toMatch(/was cancelled\. A change already under way at Amazon Connect may still have been applied/);
    expect(backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE).some((m) => m.SecurityProfileName === 'Stuck')).toBe(false);

    // A second cancel is not sent: the request has ended, and spex says how.
    const cancels = sent(backend, 'CancelResourceRequest').length;
    const again = await runAgainst(backend, ['requests', '--cancel', token]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out)).toMatchObject({ status: 'CANCEL_COMPLETE' });
    expect(again.err).toMatch(/had already ended \(CANCEL_COMPLETE\); nothing was cancelled/);
    expect(sent(backend, 'CancelResourceRequest')).toHaveLength(cancels);
    const unknown = await runAgainst(backend, ['requests', '--cancel', 'no-such-token']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^spex: No such request: /);
  });

  it('ConcurrentOperationException: a second change while one is in flight is refused in plain words, nothing changed', async () => {
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Reporting Analysts');
    const inFlight = service.deleteProfile(arn);
    await waitFor(() => inFlight.current() !== undefined, 'the delete to start');
    const before = profileState(backend);
    const { code, err } = await runAgainst(backend, ['update', arn, '--description', 'Meanwhile']);
    expect(code).toBe(1);
    expect(err).toBe(`spex: Another operation on ${arn} is still in progress; wait for it to finish and try again.\n`);
    const viaService = await service.updateProfile(arn, await service.getProfile(arn), { ...(await service.getProfile(arn)), Description: 'Meanwhile' }).done;
    expect(!viaService.ok && viaService.error).toMatchObject({ kind: 'conflict', code: 'ConcurrentOperationException', retryable: true });
    expect(profileState(backend)).toBe(before);
    await service.cancelRequest(inFlight.current()!.requestToken);
    expect((await inFlight.done).ok).toBe(false);
    expect(backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, arn)).toBeDefined();
  });
});

describe('ClientTokenConflictException', () => {
  it('a client token reused for a different request is refused; the second profile is not created', async () => {
    const backend = await startTestBackend();
    try {
      const service = backend.spex.forRegion(backend.region);
      const first = service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Token Owner' });
      expect((await first.done).ok).toBe(true);
      const before = profileState(backend);
      const second = await service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Token Thief' }, { clientToken: first.clientToken }).done;
      expect(second.ok).toBe(false);
      if (second.ok) return;
      expect(second.error).toMatchObject({ kind: 'conflict', code: 'ClientTokenConflictException' });
      expect(second.error.message).toMatch(new RegExp(`^The request's client token was already used for a different request: The client token ${first.clientToken} was already used`));
      expect(profileState(backend)).toBe(before);
      // A request that already succeeded cannot be cancelled: the command says how it ended.
      const late = await runAgainst(backend, ['requests', '--cancel', first.current()!.requestToken]);
      expect(late.code).toBe(1);
      expect(late.err).toContain(`request ${first.current()!.requestToken} had already ended (SUCCESS); nothing was cancelled.`);
    } finally {
      await backend.close();
    }
  });
});

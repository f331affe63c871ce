// useOperation driving real tracked operations against the emulator, seen through a harness that
// prints the hook's state.
import { Text } from 'ink';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import type { OperationAction, UseOperation } from '../../src/hooks/use-operation.js';
import { retryClientToken, useOperation } from '../../src/hooks/use-operation.js';
import { createOperationLog, inFlightReport, type OperationLog } from '../../src/state/operation-log.js';
import { SECURITY_PROFILE_TYPE, type SecurityProfile } from '../../src/domain/profile/security-profile.js';
import { demoProfileArn } from '../../src/emulator/index.js';
import { renderTui } from '../helpers/render-tui.js';
import { backendPerTest } from '../helpers/tui-backend.js';

const backend = backendPerTest();

let hook: UseOperation | undefined;

function Harness({ action, log }: { readonly action: OperationAction; readonly log: OperationLog }) {
  const op = useOperation({ log, tickMs: 20 });
  // eslint-disable-next-line react-hooks/globals -- the test reads the hook from outside the component, which is what it tests
  hook = op;
  useEffect(() => {
    op.start(action, 'Save “Tier 2 Escalations”');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- Started once, like a screen that opens on "saving".
  }, []);
  return <Text>{`phase=${op.phase} status=${op.status?.status ?? '-'} run=${op.run} ok=${op.outcome ? String(op.outcome.ok) : '-'}`}</Text>;
}

const ARN = () => demoProfileArn('Tier 2 Escalations', backend.instanceArn);

async function updateAction(): Promise<OperationAction> {
  const service = backend.spex.forRegion(backend.region);
  const before = await service.getProfile(ARN());
  const after = { ...before, Description: 'Updated through useOperation' };
  return (options) => service.updateProfile(ARN(), before, after, options);
}

describe('useOperation', () => {
  it('runs an update to SUCCESS and records it in the session log', async () => {
    const log = createOperationLog();
    const tui = renderTui(<Harness action={await updateAction()} log={log} />);
    await tui.waitForFrame('phase=succeeded status=SUCCESS run=1 ok=true');
    expect(tui.frames.some((f) => f.includes('phase=running'))).toBe(true);
    const model = backend.emulator.getModel(backend.region, SECURITY_PROFILE_TYPE, ARN()) as unknown as SecurityProfile;
    expect(model.Description).toBe('Updated through useOperation');
    expect(log.list()).toHaveLength(1);
    expect(log.list()[0]).toMatchObject({ kind: 'UPDATE', label: 'Save “Tier 2 Escalations”', outcome: { ok: true } });
    expect(log.inFlight()).toEqual([]);
  });

  it('retries a FAILED update as a new request, and the retry succeeds', async () => {
    backend.emulator.failNext('UpdateResource', 1, { handlerErrorCode: 'ServiceInternalError' });
    const log = createOperationLog();
    const tui = renderTui(<Harness action={await updateAction()} log={log} />);
    await tui.waitForFrame('phase=failed status=FAILED run=1 ok=false');
    const firstToken = hook!.clientToken;
    hook!.retry();
    await tui.waitForFrame('phase=succeeded status=SUCCESS run=2 ok=true');
    expect(hook!.clientToken).not.toBe(firstToken);
    expect(backend.emulator.requests.filter((r) => r.operation === 'UpdateResource')).toHaveLength(2);
    expect(log.list()).toHaveLength(2);
  });

  it('detach stops waiting; the request goes on and is reported as in flight', async () => {
    backend.emulator.setFaults({ asyncDelayMs: 60_000 });
    const log = createOperationLog();
    const tui = renderTui(<Harness action={await updateAction()} log={log} />);
    // Cloud Control's first answer is IN_PROGRESS (the emulator never says PENDING, as AWS does not).
    await tui.waitForFrame('phase=running status=IN_PROGRESS');
    hook!.detach();
    await tui.waitForFrame('phase=detached');
    expect(log.inFlight()).toHaveLength(1);
    const token = log.inFlight()[0]!.status!.requestToken;
    expect(inFlightReport(log)).toEqual([`Save “Tier 2 Escalations”: request ${token} was still ${log.inFlight()[0]!.status!.status} (see \`spex requests\`)`]);
  });

  it('reuses the client token only when it is unknown whether the request arrived', () => {
    const error = { kind: 'network' as const, message: 'connection reset', retryable: true };
    expect(retryClientToken({ clientToken: 't1', outcome: { ok: false, error } })).toBe('t1');
    expect(retryClientToken({ clientToken: 't1', outcome: { ok: false, error: { ...error, retryable: false } } })).toBeUndefined();
    const status = { requestToken: 'r1', operation: 'UPDATE' as const, status: 'FAILED' as const };
    expect(retryClientToken({ clientToken: 't1', outcome: { ok: false, status, error } })).toBeUndefined();
  });
});

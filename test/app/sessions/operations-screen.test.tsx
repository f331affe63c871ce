// The operations view against the emulator: a running request of this session is listed with the
// recent ones, and `c` cancels it.
import { describe, expect, it } from 'vitest';
import { OperationsScreen } from '../../../src/app/sessions/operations-screen.js';
import { createOperationLog } from '../../../src/state/operation-log.js';
import { demoProfileArn } from '../../../src/emulator/index.js';
import type { RequestStatus } from '../../../src/aws/types.js';
import { renderRaw, renderTui } from '../../helpers/render-tui.js';
import { backendPerTest } from '../../helpers/tui-backend.js';
import { settle, waitUntil } from '../../helpers/typing.js';

const backend = backendPerTest();

describe('OperationsScreen', () => {
  it('lists a running request of this session and cancels it', async () => {
    backend.emulator.setFaults({ asyncDelayMs: 60_000 });
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Workforce Planning', backend.instanceArn);
    const log = createOperationLog();
    const op = service.deleteProfile(arn);
    const entry = log.add({ kind: 'DELETE', label: 'Delete “Workforce Planning”', clientToken: op.clientToken, startedAt: Date.now() });
    op.onStatus((status) => log.update(entry.id, { status }));
    await waitUntil(() => op.current() !== undefined, 'the delete to be accepted');
    log.update(entry.id, { status: op.current()! });
    const token = op.current()!.requestToken;
    const tui = renderTui(
      <OperationsScreen
        log={log}
        listRequests={(options) => service.listRequests({}, options)}
        cancelRequest={(t) => service.cancelRequest(t)}
        followRequest={(t) => service.trackRequest(t).done}
        isActive
        height={16}
        width={140}
        onClose={() => undefined}
      />,
      { columns: 140, rows: 20 },
    );
    const frame = await settle(tui, `request ${token}`);
    expect(frame).toMatch(/•DELETE (PENDING|IN_PROGRESS)\s+Delete “Workforce Planning”/);
    await tui.press('c');
    // Cancel requested: a change under way may still apply, so the request is followed to its end.
    await settle(tui, `Request ${token}: CANCEL_IN_PROGRESS — Cancel requested. A change already under way`);
    await settle(tui, `Request ${token} was cancelled. A change already under way at Amazon Connect may still have been applied`);
    expect(backend.emulator.requests.filter((r) => r.operation === 'CancelResourceRequest')).toHaveLength(1);
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe('cancelled');
  });

  it('shows hostile request tokens, operations and statuses inert, also in what a cancel reports', async () => {
    // A server (or a proxy) can put anything in these fields: the SDK does not check its enums.
    const evil = '\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u202e';
    const now = Date.now();
    const odd = { requestToken: `odd${evil}one`, operation: `UPDATE${evil}`, status: `WEIRD${evil}`, eventTime: now } as unknown as RequestStatus;
    const running = { requestToken: `tok${evil}en`, operation: 'DELETE', status: 'IN_PROGRESS', eventTime: now - 1000 } as RequestStatus;
    const raw = renderRaw(
      <OperationsScreen
        log={createOperationLog()}
        listRequests={async () => [odd, running]}
        cancelRequest={async () => ({ ...running, status: `CANCEL_IN_PROGRESS${evil}`, statusMessage: 'on its way' }) as unknown as RequestStatus}
        isActive
        height={12}
        width={140}
        onClose={() => undefined}
      />,
    );
    try {
      await raw.waitFor('request tok\uFFFDen');
      await raw.press('c');
      await raw.waitFor('This request is WEIRD\uFFFD');
      await raw.press('j');
      await raw.press('c');
      await raw.waitFor('on its way');
      expect(raw.last()).toContain('Request tok\uFFFDen: CANCEL_IN_PROGRESS\uFFFD');
      expect(raw.output()).not.toMatch(/[\u001b\u0007\u009b\u009d\u202e]/);
    } finally {
      raw.unmount();
    }
  });
});

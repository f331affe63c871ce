// The operations view against the emulator: a running request of this session is listed with the
// recent ones, and `c` cancels it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationsScreen } from '../../../src/components/operation/operations-screen.js';
import { createOperationLog } from '../../../src/editor/operation-log.js';
import { demoProfileArn } from '../../../src/emulator/index.js';
import { type TestBackend, startTestBackend } from '../../helpers/emulator.js';
import { cleanupTui, renderTui } from '../../helpers/render-tui.js';
import { settle, waitUntil } from '../editor/typing.js';

let backend: TestBackend;
beforeEach(async () => {
  backend = await startTestBackend();
});
afterEach(async () => {
  cleanupTui();
  await backend.close();
});

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
        isActive
        height={16}
        onClose={() => undefined}
      />,
      { columns: 140, rows: 20 },
    );
    const frame = await settle(tui, `request ${token}`);
    expect(frame).toMatch(/•DELETE (PENDING|IN_PROGRESS)\s+Delete “Workforce Planning”/);
    await tui.press('c');
    await settle(tui, `Request ${token}: CANCEL_COMPLETE`);
    expect(backend.emulator.requests.filter((r) => r.operation === 'CancelResourceRequest')).toHaveLength(1);
    const outcome = await op.done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe('cancelled');
  });
});

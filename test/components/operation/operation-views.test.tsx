import { afterEach, describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../../src/aws/types.js';
import { OperationProgress } from '../../../src/components/operation/operation-progress.js';
import { OperationsView } from '../../../src/components/operation/operations-view.js';
import type { LoggedOperation } from '../../../src/state/operation-log.js';
import { operationRows } from '../../../src/state/operation-rows.js';
import type { OperationState } from '../../../src/hooks/use-operation.js';
import { keys } from '../../helpers/keys.js';
import { cleanupTui, renderRaw, renderTui } from '../../helpers/render-tui.js';
import { settle, waitUntil } from '../../helpers/typing.js';

afterEach(() => cleanupTui());

const NOW = 1_800_000_000_000;
const status = (token: string, s: RequestStatus['status'], extra: Partial<RequestStatus> = {}): RequestStatus => ({ requestToken: token, operation: 'UPDATE', status: s, eventTime: NOW - 120_000, ...extra });

describe('OperationProgress', () => {
  const noop = () => undefined;

  it('shows status, elapsed time and the request token while running', async () => {
    const op: OperationState = { phase: 'running', kind: 'UPDATE', status: status('req-1', 'IN_PROGRESS'), clientToken: 'ct', elapsedMs: 3200, run: 1 };
    const tui = renderTui(<OperationProgress title="Saving “Ops”" operation={op} isActive onDone={noop} onRetry={noop} onDetach={noop} onEdit={noop} />);
    const frame = await settle(tui, 'Saving “Ops”');
    expect(frame).toContain('IN_PROGRESS · 3 s · request req-1');
    expect(frame).toContain('Esc stop waiting');
    expect(frame).not.toContain('r retry');
  });

  it('after a save whose re-read differs from what was asked, the success says so, inert', async () => {
    const warning = 'The save succeeded, but Amazon Connect holds other values than were asked for: Description (asked none, holds "kept\u001b[2J").';
    const op: OperationState = {
      phase: 'succeeded',
      kind: 'UPDATE',
      elapsedMs: 1000,
      run: 1,
      status: status('req-2', 'SUCCESS'),
      outcome: { ok: true, status: status('req-2', 'SUCCESS'), warnings: [warning] },
    };
    const tui = renderTui(<OperationProgress title="Saving “Ops”" successText="Saved “Ops”" operation={op} isActive onDone={noop} onRetry={noop} onDetach={noop} />, { columns: 200 });
    const frame = await settle(tui, '✓ Saved “Ops”');
    expect(frame).toContain('! The save succeeded, but Amazon Connect holds other values than were asked for: Description (asked none, holds "kept\uFFFD").');
    expect(frame).not.toContain('\u001b');
  });

  it('shows a hostile status from the server inert', async () => {
    const evil = '\u001b]8;;http://evil.example/\u0007\u001b[2J\u202e';
    const op: OperationState = { phase: 'running', kind: 'UPDATE', status: status('req-1', `IN_PROGRESS${evil}` as RequestStatus['status']), clientToken: 'ct', elapsedMs: 3200, run: 1 };
    const raw = renderRaw(<OperationProgress title="Saving “Ops”" operation={op} isActive onDone={noop} onRetry={noop} onDetach={noop} />);
    try {
      expect(await raw.waitFor('request req-1')).toContain('IN_PROGRESS\uFFFD · 3 s');
      expect(raw.output()).not.toMatch(/[\u001b\u0007\u202e]/);
    } finally {
      raw.unmount();
    }
  });

  it('on a refused save because of a change on the server: what changed, and b to rebase', async () => {
    const events = { rebase: 0, retry: 0 };
    const op: OperationState = {
      phase: 'failed',
      kind: 'UPDATE',
      elapsedMs: 1000,
      run: 1,
      outcome: { ok: false, error: { kind: 'conflict', rule: 'test', field: 'Permissions', message: 'changed by someone else' } },
    };
    const tui = renderTui(
      <OperationProgress
        title="Saving “Ops”"
        operation={op}
        serverChange={{ status: 'ready', theirChanges: [{ kind: 'permission-added', property: 'Permissions', label: '+ Queues · View (Queues.View)' }], conflicts: [] }}
        isActive
        onDone={noop}
        onRetry={() => events.retry++}
        onDetach={noop}
        onEdit={noop}
        onRebase={() => events.rebase++}
      />,
    );
    const frame = await settle(tui, 'What changed there:');
    expect(frame).toContain('+ Queues · View (Queues.View)');
    expect(frame).toContain('b rebase');
    expect(frame).not.toContain('r retry');
    await tui.press('r');
    await tui.press('b');
    await waitUntil(() => events.rebase === 1, 'onRebase');
    expect(events.retry).toBe(0);
  });
});

describe('OperationsView', () => {
  const session: LoggedOperation[] = [
    { id: 1, kind: 'DELETE', label: 'Delete “Old”', clientToken: 'c1', startedAt: NOW - 60_000, status: status('req-s1', 'SUCCESS', { operation: 'DELETE' }), outcome: { ok: true, status: status('req-s1', 'SUCCESS') } },
    { id: 2, kind: 'UPDATE', label: 'Save “Ops”', clientToken: 'c2', startedAt: NOW - 5_000, status: status('req-s2', 'IN_PROGRESS', { eventTime: NOW - 5_000 }) },
  ];
  const recent: RequestStatus[] = [
    status('req-s2', 'IN_PROGRESS', { eventTime: NOW - 5_000 }),
    status('req-other', 'FAILED', { handlerErrorCode: 'AccessDenied', statusMessage: 'not allowed', identifier: `arn/security-profile/abc123` }),
  ];

  it('merges this session’s requests with the recent ones, newest session first', () => {
    const rows = operationRows(session, recent);
    expect(rows.map((r) => [r.requestToken, r.status, r.isThisRun, r.canCancel])).toEqual([
      ['req-s2', 'IN_PROGRESS', true, true],
      ['req-s1', 'SUCCESS', true, false],
      ['req-other', 'FAILED', false, false],
    ]);
    expect(rows[2]).toMatchObject({ subject: 'abc123', error: 'AccessDenied: not allowed' });
  });

  it('cancels only a running request', async () => {
    const cancelled: string[] = [];
    const tui = renderTui(
      <OperationsView session={session} recent={{ status: 'loaded', requests: recent }} nowMs={NOW} isActive height={14} width={140} onCancelRequest={(t) => cancelled.push(t)} onRefresh={() => undefined} onClose={() => undefined} />,
      { columns: 140, rows: 20 },
    );
    const frame = await settle(tui, 'Operations');
    expect(frame).toMatch(/UPDATE\s+IN_PROGRESS\s+Save “Ops”\s+just now\s+request req-s2/);
    expect(frame).toMatch(/UPDATE\s+FAILED\s+abc123\s+2 min ago\s+AccessDenied: not allowed/);
    await tui.press(keys.down);
    await tui.press('c');
    await settle(tui, 'This request is SUCCESS: only a running request can be cancelled');
    await tui.press(keys.up);
    await tui.press('c');
    await waitUntil(() => cancelled.length === 1, 'onCancelRequest');
    expect(cancelled).toEqual(['req-s2']);
  });

  it.each([60, 80, 120])('lines its rows up with the header at %i columns; narrow, the selected row\'s error is said below in full', async (width) => {
    const tui = renderTui(
      <OperationsView session={session} recent={{ status: 'loaded', requests: recent }} nowMs={NOW} isActive height={14} width={width} onRefresh={() => undefined} onClose={() => undefined} />,
      { columns: width, rows: 20 },
    );
    const frame = await settle(tui, 'Operations');
    const lines = frame.split('\n');
    const header = lines.find((l) => l.includes('STATUS'))!;
    const row = lines.find((l) => l.includes('abc123'))!;
    for (const column of ['STATUS', 'PROFILE', 'AGE']) {
      const at = header.indexOf(column);
      expect(at).toBeGreaterThan(0);
      // Each value starts under its heading, after a space.
      expect(row[at - 1]).toBe(' ');
      expect(row[at]).not.toBe(' ');
    }
    expect(lines.every((l) => l.length <= width)).toBe(true);
    if (width < 80) expect(header).not.toContain('ERROR');
    else expect(row).toContain('AccessDenied');
    // On the failed row, its error is said in full below, however narrow the column.
    await tui.press(keys.down, keys.down);
    await settle(tui, /✗ AccessDenied: not allowed$/m);
  });

  it('? shows its keys, Esc closes them, q quits', async () => {
    let quits = 0;
    let closes = 0;
    const tui = renderTui(
      <OperationsView session={session} recent={{ status: 'loaded', requests: recent }} nowMs={NOW} isActive height={14} width={100} onRefresh={() => undefined} onClose={() => closes++} onQuit={() => quits++} />,
      { columns: 100, rows: 20 },
    );
    await settle(tui, 'Operations');
    await tui.press('?');
    const help = await settle(tui, 'Keys — operations view');
    expect(help).toContain('Cancel the selected request while it runs');
    await tui.press(keys.escape);
    await settle(tui, 'ERROR / REQUEST');
    expect(closes).toBe(0);
    await tui.press('q');
    await waitUntil(() => quits === 1, 'onQuit');
  });
});

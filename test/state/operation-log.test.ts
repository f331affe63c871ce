// The report printed when spex quits with requests still running: server text in it is inert.
import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../src/aws/types.js';
import { createOperationLog, inFlightReport } from '../../src/state/operation-log.js';

describe('inFlightReport', () => {
  it('names each running request, with a hostile token and status made inert', () => {
    const log = createOperationLog();
    const evil = '\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u202e';
    const entry = log.add({ kind: 'DELETE', label: 'Delete “Ops”', clientToken: 'ct', startedAt: 0 });
    log.update(entry.id, { status: { requestToken: `tok${evil}en`, operation: 'DELETE', status: `IN_PROGRESS${evil}` } as unknown as RequestStatus });
    expect(inFlightReport(log)).toEqual(['Delete “Ops”: request tok\uFFFDen was still IN_PROGRESS\uFFFD (see `spex requests`)']);
  });
});

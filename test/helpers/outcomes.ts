// What a user must be told when a change may or may not have reached AWS: that, and the token to retry it with.
import { expect } from 'vitest';
import type { TrackedOperation } from '../../src/aws/types.js';

export async function expectUnknownOutcome(op: TrackedOperation): Promise<void> {
  const outcome = await op.done;
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.kind).toBe('network');
  expect(outcome.error.message).toContain('may or may not have happened');
  expect(outcome.error.message).toContain(op.clientToken);
}

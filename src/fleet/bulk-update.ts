// One change to many profiles, on the batch engine (journal.ts): each profile a guarded Cloud Control
// update with the client token its plan fixed, journalled in batches/, so the same change again resumes
// and applies nothing twice. Used by spex update --profile-name … and by `e` on marked profiles in the TUI.
import { createHash } from 'node:crypto';
import type { RegionService } from '../aws/types.js';
import { BULK_KIND, type BulkStep, type BulkUpdate } from '../domain/profile/bulk-edit.js';
import { MAY_STILL_APPLY, runJournal, unfinishedJournals } from './journal.js';

export function newBulkUpdate(key: string, steps: BulkStep[], now = new Date()): BulkUpdate {
  return { kind: BULK_KIND, key, id: createHash('sha256').update(key).digest('hex').slice(0, 16), createdAt: now.toISOString(), steps };
}

/** The unfinished run of the same change, if any. */
export function unfinishedBulk(dir: string, key: string): BulkUpdate | undefined {
  return unfinishedJournals<BulkUpdate>(dir, BULK_KIND).find((j) => j.key === key);
}

export function runBulkUpdate(journal: BulkUpdate, service: RegionService, dir: string | undefined, events: { onStep?: (step: BulkStep) => void; stop?: AbortSignal } = {}): Promise<BulkStep[]> {
  return runJournal(journal, {
    dir,
    ...(events.onStep ? { onStep: events.onStep } : {}),
    ...(events.stop ? { signal: events.stop } : {}),
    execute: async (step) => {
      const outcome = await service.updateProfile(step.arn, step.before, step.after, { clientToken: step.clientToken }).done;
      if (outcome.ok) return { status: 'done' };
      return { status: MAY_STILL_APPLY.has(outcome.error.kind) ? 'unknown' : 'failed', error: `${step.name}: ${outcome.error.message}` };
    },
  });
}

/** How a run ended, in lines and a summary; complete only if every profile was updated. */
export function bulkOutcome(journal: Pick<BulkUpdate, 'steps'>, again: string): { lines: string[]; isComplete: boolean; summary: string } {
  const failed = journal.steps.filter((s) => s.status === 'failed');
  const unsure = journal.steps.filter((s) => s.status === 'sent' || s.status === 'pending');
  const lines = [...failed, ...unsure].map((s) => `✗ ${s.error ?? `${s.name}: not sent`}`);
  if (unsure.length > 0) lines.push(`${unsure.length} not confirmed; ${again} to finish (the same client tokens: nothing is applied twice).`);
  const done = journal.steps.filter((s) => s.status === 'done').length;
  return { lines, isComplete: failed.length === 0 && unsure.length === 0, summary: `${done} of ${journal.steps.length} profile${journal.steps.length === 1 ? '' : 's'} updated${failed.length > 0 ? `, ${failed.length} refused` : ''}.` };
}

// A profiles plan's steps on the batch engine: each step sent as its create, update or delete with the
// client token its plan fixes (an update guarded by the plan's "before", a delete of a profile Cloud
// Control refuses going through Connect), and an apply's batch, run without a journal file: the same
// plan gives the same steps and tokens, so applying again sends nothing twice. Used by `spex apply`,
// the TUI's `A` and promotions.
import type { RegionService, TrackedOperation } from '../aws/types.js';
import type { PlanStep } from '../domain/as-code/profiles-plan.js';
import type { StepStatus } from '../domain/fleet/promotion-journal.js';

export function sendPlanStep(service: RegionService, step: PlanStep, clientToken: string): TrackedOperation {
  if (step.action === 'create') return service.createProfile(step.after!, { clientToken });
  if (step.action === 'update') return service.updateProfile(step.arn!, step.before!, step.after!, { clientToken });
  return service.deleteProfile(step.arn!, { clientToken, ...(step.before ? { current: step.before } : {}) });
}

/** An apply of a plan's changing steps, as a batch for runJournal (kept in memory). */
export function applyBatch(instanceArn: string, changing: readonly PlanStep[]): { kind: 'spex/apply'; id: string; createdAt: string; steps: { step: PlanStep; status: StepStatus; error?: string }[] } {
  return { kind: 'spex/apply', id: instanceArn, createdAt: new Date().toISOString(), steps: changing.map((step) => ({ step, status: 'pending' as const })) };
}

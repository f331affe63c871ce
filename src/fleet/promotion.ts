// A promotion being applied, on the batch engine (journal.ts): every target's steps with their client
// tokens, kept in a journal file (the state directory's `promotions/`) written around each step.
// If spex is stopped, the next run finds the journal and resumes: steps not known to be done are sent
// again with the same client token, which Cloud Control answers with the request it started then,
// so nothing is applied twice. Targets run in parallel (each its own account's and region's budget);
// a target's steps run one after another.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RegionService } from '../aws/types.js';
import { stepToken } from '../domain/as-code/profiles-plan.js';
import type { TargetPlan } from '../domain/fleet/promote.js';
import type { Promotion, PromotionStep, PromotionTarget, StepStatus } from '../domain/fleet/promotion-journal.js';
import { MAY_STILL_APPLY, runJournal, unfinishedJournals } from './journal.js';
import { sendPlanStep } from './plan-step.js';

export type { Promotion, PromotionStep, PromotionTarget, StepStatus };

export function newPromotion(source: PromotionTarget, names: readonly string[], targets: readonly PromotionTarget[], plans: readonly TargetPlan[], now = new Date()): Promotion {
  const from = source.key;
  const steps: PromotionStep[] = plans.flatMap((plan) =>
    plan.steps
      .filter((s) => s.action !== 'unchanged')
      .map((s) => ({ ...s, target: plan.key, instanceArn: plan.instanceArn, clientToken: stepToken(plan.instanceArn, s), status: 'pending' as const })),
  );
  const id = createHash('sha256').update(JSON.stringify([from, names, steps.map((s) => s.clientToken)])).digest('hex').slice(0, 16);
  return { kind: 'spex/promotion', id, createdAt: now.toISOString(), from, source, names: [...names], targets: [...targets], steps };
}

/** Where a fleet row's instance is, as a promotion keeps it. */
export function targetOf(row: { profile: string; region: string | undefined; instance?: { arn: string } | undefined }, key: string): PromotionTarget {
  return { key, profile: row.profile, region: row.region ?? '', instanceArn: row.instance?.arn ?? '' };
}

export function promotionsDir(stateDir: string): string {
  return join(stateDir, 'promotions');
}

export { isUnfinished, removeJournal, saveJournal } from './journal.js';

/** The unfinished promotions in the journal directory, oldest first; unreadable files are skipped. */
export function unfinishedPromotions(dir: string): Promotion[] {
  return unfinishedJournals<Promotion>(dir, 'spex/promotion');
}


export interface RunEvents {
  /** A step changed status (also after the journal was written). */
  onStep?: (step: PromotionStep) => void;
}

/** Applies every step not yet done, on the batch engine (journal.ts): each target a lane, each step sent with its client token. */
export async function runPromotion(promotion: Promotion, serviceFor: (target: PromotionTarget) => RegionService, journalDir: string | undefined, events: RunEvents = {}): Promise<PromotionStep[]> {
  const services = new Map(promotion.targets.map((t) => [t.key, serviceFor(t)]));
  return runJournal(promotion, {
    dir: journalDir,
    laneOf: (step) => step.target,
    ...(events.onStep ? { onStep: events.onStep } : {}),
    execute: async (step) => {
      const service = services.get(step.target)!;
      const outcome = await sendPlanStep(service, step, step.clientToken).done;
      if (outcome.ok) return { status: 'done' };
      // It may still apply: left as sent, so the next run sends it again with the same token.
      return { status: MAY_STILL_APPLY.has(outcome.error.kind) ? 'unknown' : 'failed', error: outcome.error.message };
    },
  });
}

// A promotion being applied: every target's steps with their client tokens, kept in a journal file
// (the state directory's `promotions/`) that is written before each step is sent and after it ends.
// If spex is stopped, the next run finds the journal and resumes: steps not known to be done are sent
// again with the same client token, which Cloud Control answers with the request it started then,
// so nothing is applied twice. Targets run in parallel (each its own account's and region's budget);
// a target's steps run one after another.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionService } from '../aws/types.js';
import { stepToken } from '../domain/as-code/profiles-plan.js';
import type { TargetPlan } from '../domain/fleet/promote.js';
import type { Promotion, PromotionStep, PromotionTarget, StepStatus } from '../domain/fleet/promotion-journal.js';

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

export function saveJournal(dir: string, promotion: Promotion): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${promotion.id}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(promotion, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function removeJournal(dir: string, id: string): void {
  rmSync(join(dir, `${id}.json`), { force: true });
}

/** Whether steps are left to send (or to confirm). */
export function isUnfinished(promotion: Promotion): boolean {
  return promotion.steps.some((s) => s.status === 'pending' || s.status === 'sent');
}

/** The unfinished promotions in the journal directory, oldest first; unreadable files are skipped. */
export function unfinishedPromotions(dir: string): Promotion[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: Promotion[] = [];
  for (const name of names) {
    try {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Promotion;
      if (value.kind === 'spex/promotion' && Array.isArray(value.steps) && isUnfinished(value)) out.push(value);
    } catch {
      // Not a journal spex can read: left alone.
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Outcomes after which the request may still apply: not failed, but not known to be done. */
const UNKNOWN_OUTCOME = new Set(['timeout', 'network', 'cancelled']);

export interface RunEvents {
  /** A step changed status (also after the journal was written). */
  onStep?: (step: PromotionStep) => void;
}

/** Applies every step not yet done; the journal is written around each step and removed when none is left. */
export async function runPromotion(promotion: Promotion, serviceFor: (target: PromotionTarget) => RegionService, journalDir: string | undefined, events: RunEvents = {}): Promise<PromotionStep[]> {
  const save = (): void => {
    if (journalDir !== undefined) saveJournal(journalDir, promotion);
  };
  save();
  await Promise.all(
    promotion.targets.map(async (target) => {
      const service = serviceFor(target);
      for (const step of promotion.steps.filter((s) => s.target === target.key)) {
        if (step.status === 'done' || step.status === 'failed') continue;
        step.status = 'sent';
        save();
        events.onStep?.(step);
        const options = { clientToken: step.clientToken };
        const operation =
          step.action === 'create'
            ? service.createProfile(step.after!, options)
            : step.action === 'update'
              ? service.updateProfile(step.arn!, step.before!, step.after!, options)
              : service.deleteProfile(step.arn!, { ...options, ...(step.before ? { current: step.before } : {}) });
        const outcome = await operation.done;
        if (outcome.ok) step.status = 'done';
        else if (UNKNOWN_OUTCOME.has(outcome.error.kind)) {
          // It may still apply: left as sent, so the next run sends it again with the same token.
          step.error = outcome.error.message;
        } else {
          step.status = 'failed';
          step.error = outcome.error.message;
        }
        save();
        events.onStep?.(step);
      }
    }),
  );
  if (journalDir !== undefined && !isUnfinished(promotion)) removeJournal(journalDir, promotion.id);
  return promotion.steps;
}

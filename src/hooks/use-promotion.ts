// The promote session's I/O: reading the source and the chosen targets when the session says
// "reading", running the promotion (journalled, fleet/promotion.ts) when it says "applying", and each
// target read again at the end. Results go back to the session's reducer (state/promote-reducer.ts);
// an abandoned session's answers are dropped (its AbortSignal).
import { type Dispatch, useEffect } from 'react';
import { type FleetRow, instanceKey } from '../domain/fleet/fleet-row.js';
import type { InstanceSide, MappingChoice } from '../domain/fleet/promote.js';
import { isSpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { Fleet } from '../fleet/fleet.js';
import { newPromotion, type Promotion, runPromotion, targetOf } from '../fleet/promotion.js';
import { readSide, serviceFor, serviceOf } from '../fleet/read.js';
import type { OperationLog } from '../state/operation-log.js';
import { loggedService } from './log-operation.js';
import { type PromoteAction, type PromoteState, planFor, promotePlans } from '../state/promote-reducer.js';

const messageOf = (error: unknown): string => (isSpexError(error) ? error.error.message : error instanceof Error ? error.message : String(error));

export function usePromotion(fleet: Fleet, state: PromoteState, dispatch: Dispatch<PromoteAction>, candidates: readonly FleetRow[], journalDir: string | undefined, log?: OperationLog): void {
  const { request, step } = state;
  const names = request.names ?? [];
  const targetRows = candidates.filter((r) => state.chosen.has(instanceKey(r)));

  // Reading: the source's named profiles and groups, and each target's (its own account and region).
  useEffect(() => {
    const source = request.source;
    if (step.kind !== 'reading' || source === undefined) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const from = await readSide(serviceOf(fleet, source), source.instance!.arn, { names });
        const targets = new Map<string, InstanceSide>();
        await Promise.all(targetRows.map(async (row) => targets.set(instanceKey(row), await readSide(serviceOf(fleet, row), row.instance!.arn, { names }))));
        if (!controller.signal.aborted) dispatch({ type: 'promote/read', read: { source: from, targets } });
      } catch (error) {
        if (!controller.signal.aborted) dispatch({ type: 'promote/failed', message: messageOf(error) });
      }
    })();
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading starts when the step becomes "reading"; the targets are fixed by then
  }, [step.kind]);

  // Applying: once, when the step becomes "applying" (the reducer lets only one y through).
  useEffect(() => {
    if (step.kind !== 'applying') return;
    const controller = new AbortController();
    const promotion = request.resume ?? newPromotion(targetOf(request.source!, instanceKey(request.source!)), names, targetRows.map((r) => targetOf(r, instanceKey(r))), promotePlans(state, candidates));
    dispatch({ type: 'promote/progress', steps: [...promotion.steps] });
    // The run is not cut short when the session goes: a step sent is followed to its end and journalled.
    const batch = `promote ${promotion.names.length === 1 ? `“${promotion.names[0]}”` : `${promotion.names.length} profiles`} from ${promotion.from}`;
    void runPromotion(promotion, (t) => loggedService(serviceFor(fleet, t), log, batch), journalDir, { onStep: () => !controller.signal.aborted && dispatch({ type: 'promote/progress', steps: [...promotion.steps] }) }).then(
      async (steps) => {
        const lines: string[] = [];
        for (const target of promotion.targets) {
          const mine = steps.filter((s) => s.target === target.key);
          const done = mine.filter((s) => s.status === 'done').length;
          const failed = mine.filter((s) => s.status === 'failed');
          lines.push(`${target.key}: ${done} applied${failed.length > 0 ? `, ${failed.length} failed` : ''}${mine.some((s) => s.status === 'sent') ? ', some not confirmed: R on the fleet screen resumes' : ''}`);
          for (const f of failed) lines.push(`  ✗ ${f.action} “${sanitizeLine(f.name)}”: ${sanitizeLine(f.error ?? '')}`);
          lines.push(`  ${await matchesNow(fleet, target.key, promotion, state.choices)}`);
        }
        if (!controller.signal.aborted) dispatch({ type: 'promote/done', lines });
      },
      (error: unknown) => !controller.signal.aborted && dispatch({ type: 'promote/failed', message: messageOf(error) }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the run starts once, when the step becomes "applying"
  }, [step.kind]);
}

/** Each target read again: does it now hold what the source has? */
async function matchesNow(fleet: Fleet, key: string, promotion: Promotion, choices: readonly MappingChoice[]): Promise<string> {
  const target = promotion.targets.find((t) => t.key === key);
  if (target === undefined) return 'not read again';
  try {
    const from = promotion.source;
    const [src, dst] = await Promise.all([readSide(serviceFor(fleet, from), from.instanceArn, { names: promotion.names }), readSide(serviceFor(fleet, target), target.instanceArn, { names: promotion.names })]);
    const again = planFor(src, key, target.instanceArn, dst, choices);
    const left = again.steps.filter((x) => x.action !== 'unchanged').length;
    return left === 0 && again.blocked.length === 0 ? '✓ read again: it matches' : `≠ read again: ${left} profile${left === 1 ? '' : 's'} still differ${again.blocked.length > 0 ? ' (a skipped or mapped field)' : ''}`;
  } catch (error) {
    return `could not read it again: ${messageOf(error)}`;
  }
}

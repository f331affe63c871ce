// Promote in the TUI: choose the targets (any account, any region), read each, then a plan per target
// in console words with the id mapping; a blocked group is chosen for here (s skips it, m maps it to
// the target's groups in turn). y applies (a production target asks once more), with one progress
// view per target and profile, journalled so a stopped spex resumes (R on the fleet screen). At the
// end: what changed where, what failed, and each target read again. State: state/promote-reducer.ts;
// I/O: hooks/use-promotion.ts; view: components/fleet/promote-view.tsx.
import { useEffect, useMemo, useReducer } from 'react';
import { PromoteView } from '../../components/fleet/promote-view.js';
import { type FleetRow, instanceKey } from '../../domain/fleet/fleet-row.js';
import { type Fleet, isProductionInstance } from '../../fleet/fleet.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { usePromotion } from '../../hooks/use-promotion.js';
import type { OperationLog } from '../../state/operation-log.js';
import { FLEET_KEYMAP, type FleetCommand } from '../../keys/fleet-keys.js';
import type { PromoteRequest } from '../../state/fleet-reducer.js';
import { changingSteps, chosenTargets, initialPromoteState, promoteCandidates, promoteModeOf, promotePlans, promoteReducer } from '../../state/promote-reducer.js';

export interface PromoteSessionProps {
  readonly fleet: Fleet;
  readonly rows: readonly FleetRow[];
  /** Where the profiles come from, and which (by name), maybe to which targets; or an unfinished promotion to resume. */
  readonly request: PromoteRequest;
  readonly journalDir: string | undefined;
  /** This session's requests: a promotion's writes are logged as part of it. */
  readonly log?: OperationLog;
  readonly width: number;
  readonly height: number;
  readonly onClose: (summary: string | undefined) => void;
}

export function PromoteSession({ fleet, rows, request, journalDir, log, width, height, onClose }: PromoteSessionProps) {
  const [state, dispatch] = useReducer(promoteReducer, request, initialPromoteState);
  const candidates = useMemo(() => promoteCandidates(rows, request.source), [rows, request.source]);
  usePromotion(fleet, state, dispatch, candidates, journalDir, log);
  const plans = useMemo(() => promotePlans(state, candidates), [state, candidates]);
  const blocked = plans.flatMap((p) => p.blocked);
  const changing = changingSteps(state, plans).length;
  // A resumed promotion's targets are production as config.json says now, not as the scan found them.
  const productionKeys = request.resume !== undefined ? request.resume.targets.filter((t) => isProductionTarget(fleet, t)).map((t) => t.key) : chosenTargets(state, candidates).filter((r) => r.production).map(instanceKey);
  const world = { candidates, isProduction: productionKeys.length > 0 };
  const mode = promoteModeOf(state.step, state.isFiltering);
  // Always listening (a step without keys ignores them): with Ink's input turned off while reading and
  // on again for the review, the first y after the plan was lost (test/app/fleet.test.tsx).
  useBurstInput((input, key) => dispatch({ type: 'promote/key', input, key, world }), { isActive: true });
  useEffect(() => {
    if (state.closed !== undefined) onClose(state.closed.summary);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the session ends once, when the reducer says so
  }, [state.closed]);
  // The footer: the keys that work at this step (a blocked plan is chosen for before y).
  const only: readonly FleetCommand[] | undefined = state.step.kind === 'review' ? (blocked.length > 0 ? ['promote.skip', 'promote.map', 'app.back'] : ['promote.apply', 'app.back']) : undefined;
  const hints = mode === undefined ? [] : FLEET_KEYMAP.footerHints(mode, only === undefined ? {} : { only });
  return <PromoteView state={state} candidates={candidates} plans={plans} changing={changing} productionKeys={productionKeys} hints={hints} width={width} height={height} />;
}

/** Whether a promotion's target is production (its alias is in the key: `profile:alias`). */
function isProductionTarget(fleet: Fleet, target: { key: string; profile: string; instanceArn: string }): boolean {
  const account = fleet.accounts.find((a) => a.profile === target.profile);
  const alias = target.key.slice(target.profile.length + 1);
  return account !== undefined && isProductionInstance(account, { arn: target.instanceArn, id: target.instanceArn.split('/').at(-1) ?? '', alias });
}

// The holders session's I/O: when the session says "reading", the request is made as the headless
// commands make it (domain/access/assignment-batch.ts: the same batches, the same keys, so an
// unfinished one is found again by either), the profiles it names are read through the detail loader,
// and the review goes back; when it says "running", the batch runs on the one engine
// (fleet/assignments.ts, journalled when a directory is given), with progress, stopping after the step
// in flight on Esc; at the end every user is read again. Results go to state/assign-reducer.ts.
import { type Dispatch, useEffect, useRef } from 'react';
import type { DetailLoader, RegionService } from '../aws/types.js';
import { type AssignmentBatch, type AssignmentRequest, assignmentOutcome, assignmentReview, assignRequest, moveRequest, type NamedProfile, NEW_PROFILE, newNameIssue, refusalOf, renameRequest, reviewedProfiles, userSteps } from '../domain/access/assignment-batch.js';
import { profileIdOf } from '../domain/access/assignments.js';
import { type ConnectUser, holderCounts, holdersWithAgents } from '../domain/access/holders.js';
import { isBuiltInProfileName, type SecurityProfile } from '../domain/profile/security-profile.js';
import { isSpexError } from '../domain/service/errors.js';
import { ASSIGNMENTS_KIND, currentHolderSets, newAssignmentBatch, runAssignments, unfinishedBatch } from '../fleet/assignments.js';
import { applyBulkEdit, bulkReview, parseBulkEdit, planBulk } from '../domain/profile/bulk-edit.js';
import { bulkOutcome, newBulkUpdate, runBulkUpdate, unfinishedBulk } from '../fleet/bulk-update.js';
import { unfinishedJournals } from '../fleet/journal.js';
import type { AssignAction, AssignState } from '../state/assign-reducer.js';
import type { OperationLog } from '../state/operation-log.js';
import { loggedService } from './log-operation.js';

export interface AssignmentWorld {
  readonly service: RegionService;
  readonly loader: DetailLoader | undefined;
  readonly instanceArn: string;
  /** Every user of the instance, as the shell's index has them. */
  readonly users: readonly ConnectUser[] | undefined;
  readonly profiles: readonly NamedProfile[];
  /** Where batches are journalled (state/batches); none: in memory only (the demo). */
  readonly batchDir: string | undefined;
  /** This session's requests: a batch's Cloud Control writes are logged as part of it. */
  readonly log?: OperationLog | undefined;
}

const messageOf = (error: unknown): string => (isSpexError(error) ? error.error.message : error instanceof Error ? error.message : String(error));
const quoted = (p: NamedProfile | undefined, arn: string): string => `“${p?.name ?? arn.split('/').pop() ?? arn}”`;

/** The unfinished holders' batches journalled for an instance, oldest first. */
export function unfinishedBatches(batchDir: string | undefined, instanceArn: string): AssignmentBatch[] {
  return batchDir === undefined ? [] : unfinishedJournals<AssignmentBatch>(batchDir, ASSIGNMENTS_KIND).filter((b) => b.instanceArn === instanceArn);
}

/** A batch planned and reviewed, ready to run: its review, and the run with its progress. */
interface Planned {
  readonly lines: readonly string[];
  readonly left: number;
  readonly refusal: string | undefined;
  /** Users the change would leave with no profile (blocked). */
  readonly leftWithNone?: number;
  /** The steps the progress counts (users, or profiles), done or failed so far, of all. */
  readonly progress: () => { done: number; total: number; failed: string[] };
  readonly run: (onStep: () => void, stop: AbortSignal) => Promise<{ lines: string[]; isComplete: boolean; summary: string }>;
}

export function useAssignment(world: AssignmentWorld, state: AssignState, dispatch: Dispatch<AssignAction>): void {
  const planned = useRef<Planned | undefined>(undefined);
  const stop = useRef<AbortController | undefined>(undefined);
  const { step } = state;

  useEffect(() => {
    if (step.kind !== 'reading') return;
    const controller = new AbortController();
    void (async () => {
      try {
        const onRead = (done: number, total: number): void => {
          if (!controller.signal.aborted) dispatch({ type: 'assign/reading', done, total });
        };
        const plan = state.intent.kind === 'bulk' ? await planBulkChange(world, state, state.intent.profileArns, controller.signal) : await planAssignmentBatch(world, state, controller.signal, onRead);
        if (controller.signal.aborted) return;
        planned.current = plan;
        dispatch({ type: 'assign/planned', lines: plan.lines, left: plan.left, refusal: plan.refusal, ...(plan.leftWithNone ? { leftWithNone: plan.leftWithNone } : {}) });
      } catch (error) {
        if (!controller.signal.aborted) dispatch({ type: 'assign/failed', message: messageOf(error) });
      }
    })();
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reading starts when the step becomes "reading"; what it reads is fixed by then
  }, [step.kind]);

  // Running: once, when the step becomes "running" (the reducer lets one y through). The run is not cut
  // short when the session goes: a step sent is followed to its end and journalled.
  useEffect(() => {
    const plan = planned.current;
    if (step.kind !== 'running' || plan === undefined) return;
    const controller = new AbortController();
    stop.current = controller;
    let isGone = false;
    const progress = (): void => {
      if (!isGone) dispatch({ type: 'assign/progress', ...plan.progress() });
    };
    progress();
    plan
      .run(progress, controller.signal)
      .then((outcome) => !isGone && dispatch({ type: 'assign/done', ...outcome }))
      // Something may have been sent: the end says what stopped it, and the journal keeps the rest.
      .catch((error: unknown) => !isGone && dispatch({ type: 'assign/done', lines: [`✗ ${messageOf(error)}`], isComplete: false, summary: `Stopped: ${messageOf(error)}` }));
    return () => {
      isGone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the run starts once, when the step becomes "running"
  }, [step.kind]);

  // Esc while running: no step after the one in flight.
  const isStopping = step.kind === 'running' && step.isStopping;
  useEffect(() => {
    if (isStopping) stop.current?.abort();
  }, [isStopping]);
}

const failures = (steps: readonly { status: string; error?: string }[]): string[] => steps.flatMap((s) => (s.status === 'failed' && s.error ? [s.error] : []));

/** Who holds what: the request as the matching command makes it, its batch (or the unfinished one), the review, the run and the users read again. */
async function planAssignmentBatch(world: AssignmentWorld, state: AssignState, signal: AbortSignal, onRead: (done: number, total: number) => void): Promise<Planned> {
  const { request, resumed } = await requestOf(world, state, signal);
  const batch =
    resumed ??
    (world.batchDir ? unfinishedBatch(world.batchDir, request.key) : undefined) ??
    newAssignmentBatch(request.what, request.key, world.service.region, world.instanceArn, request.plan.changes, {
      ...(request.deleteAfter ? { deleteAfter: request.deleteAfter } : {}),
      ...(request.createFirst ? { createFirst: request.createFirst.draft } : {}),
    });
  const profiles = new Map<string, SecurityProfile>();
  const wanted = reviewedProfiles(batch.steps);
  let read = 0;
  onRead(0, wanted.length);
  await Promise.all(
    wanted.map(async (arn) => {
      const profile = await readProfile(world, arn, signal).catch(() => undefined);
      if (profile !== undefined) profiles.set(arn, profile);
      onRead(++read, wanted.length);
    }),
  );
  return {
    lines: assignmentReview(request, batch, profiles, (n) => world.service.timeLeft(n), { listed: 200 }),
    left: batch.steps.filter((s) => s.status === 'pending' || s.status === 'sent').length,
    refusal: refusalOf(request),
    leftWithNone: request.plan.blocked.filter((b) => b.reason.includes('no security profile')).length,
    progress: () => {
      const users = userSteps(batch.steps);
      return { done: users.filter((s) => s.status === 'done' || s.status === 'failed').length, total: users.length, failed: failures(batch.steps) };
    },
    run: async (onStep, stop) => {
      await runAssignments(batch, loggedService(world.service, world.log, batch.what), world.batchDir, { onStep, stop });
      const current = await currentHolderSets(world.service, world.instanceArn).catch(() => new Map<string, readonly string[]>());
      const outcome = assignmentOutcome(batch, request.plan, current, world.batchDir ? 'B in the profile table resumes it' : 'start the same change again');
      return { lines: [batch.what, ...outcome.lines, outcome.summary], isComplete: outcome.isComplete, summary: outcome.summary };
    },
  };
}

/** One change to the marked profiles: each read in full, a guarded step each (the same change again finds an unfinished run), the review with reach. */
async function planBulkChange(world: AssignmentWorld, state: AssignState, arns: readonly string[], signal: AbortSignal): Promise<Planned> {
  const [add = '', remove = '', tags = '', untag = ''] = state.fields;
  const parsed = parseBulkEdit({ add, remove, tags, untag });
  if ('issue' in parsed) throw new Error(parsed.issue);
  const targets = await Promise.all(arns.map((arn) => readProfile(world, arn, signal)));
  const key = JSON.stringify(['bulk', world.instanceArn, [...arns].sort(), parsed.edit]);
  const resumed = world.batchDir ? unfinishedBulk(world.batchDir, key) : undefined;
  const { steps, unchanged } = resumed ? { steps: resumed.steps, unchanged: [] } : planBulk(world.instanceArn, targets, (before) => applyBulkEdit(before, parsed.edit));
  const journal = resumed ?? newBulkUpdate(key, steps);
  const counts = world.users === undefined ? undefined : holderCounts({ users: world.users });
  const holders = (arn: string): number | undefined => (counts === undefined ? undefined : (counts.get(arn) ?? 0));
  return {
    lines: bulkReview(steps, unchanged, holders, resumed !== undefined),
    left: steps.filter((s) => s.status === 'pending' || s.status === 'sent').length,
    refusal: undefined,
    progress: () => ({ done: journal.steps.filter((s) => s.status === 'done' || s.status === 'failed').length, total: journal.steps.length, failed: failures(journal.steps) }),
    run: async (onStep, stop) => {
      await runBulkUpdate(journal, loggedService(world.service, world.log, `one change to ${arns.length} profiles`), world.batchDir, { onStep, stop });
      const outcome = bulkOutcome(journal, 'the same change again resumes it');
      return { lines: [...outcome.lines, outcome.summary], isComplete: outcome.isComplete, summary: outcome.summary };
    },
  };
}

const readProfile = (world: AssignmentWorld, arn: string, signal: AbortSignal): Promise<SecurityProfile> => (world.loader ? world.loader.load(arn, { signal }) : world.service.getProfile(arn, { signal }));

/** The request the session asks for, as the matching headless command would make it. */
async function requestOf(world: AssignmentWorld, state: AssignState, signal: AbortSignal): Promise<{ request: AssignmentRequest; resumed?: AssignmentBatch }> {
  const { intent } = state;
  const { instanceArn, profiles } = world;
  const named = (arn: string): NamedProfile => profiles.find((p) => p.arn === arn) ?? { arn };
  const usersOf = (arns: readonly string[]): ConnectUser[] => {
    if (world.users === undefined) throw new Error('the users of the instance are not read yet: try again in a moment');
    return arns.map((arn) => {
      const user = world.users!.find((u) => u.arn === arn);
      if (user === undefined) throw new Error(`a marked user is no longer in the instance (${arn.split('/').pop() ?? arn})`);
      return user;
    });
  };
  const holdersOf = async (arn: string): Promise<ConnectUser[]> => {
    const list = await world.service.listHolders(arn, { signal });
    if (!list.complete) throw new Error(`who holds ${quoted(named(arn), arn)} is unknown (${list.note ?? 'the user list cannot be trusted'}); nothing was planned`);
    // Its users and its AI agents: a move, a rename and a move-then-delete take them all.
    return holdersWithAgents(list);
  };
  switch (intent.kind) {
    case 'add':
      return { request: assignRequest(instanceArn, profiles, usersOf(intent.userArns), [state.chosen!], []) };
    case 'remove':
      return { request: assignRequest(instanceArn, profiles, usersOf(intent.userArns), [], [intent.profileArn], state.chosen) };
    case 'move': {
      const from = named(intent.profileArn);
      if (intent.thenDelete && isBuiltInProfileName(from.name ?? '')) throw new Error(`${quoted(from, from.arn)} is a built-in security profile; spex does not delete built-in profiles`);
      const all = intent.userArns === 'all';
      const users = all ? await holdersOf(intent.profileArn) : usersOf(intent.userArns);
      return { request: moveRequest(instanceArn, profiles, from, named(state.chosen!), users, all ? [] : users.map((u) => u.username), intent.thenDelete) };
    }
    case 'edit': {
      const [user] = usersOf([intent.userArn]);
      const set = state.checked ?? user!.securityProfileArns;
      const has = (list: readonly string[], arn: string): boolean => list.some((a) => profileIdOf(a) === profileIdOf(arn));
      return { request: assignRequest(instanceArn, profiles, [user!], set.filter((a) => !has(user!.securityProfileArns, a)), user!.securityProfileArns.filter((a) => !has(set, a))) };
    }
    case 'rename': {
      const to = state.text.trim();
      const issue = newNameIssue(to);
      if (issue !== undefined) throw new Error(`The new name: ${issue}`);
      if (profiles.some((p) => p.name?.toLowerCase() === to.toLowerCase())) throw new Error(`The instance already has a profile named “${to}”`);
      const profile = await (world.loader ? world.loader.load(intent.profileArn, { signal }) : world.service.getProfile(intent.profileArn, { signal }));
      if (isBuiltInProfileName(profile.SecurityProfileName)) throw new Error(`“${profile.SecurityProfileName}” is a built-in security profile; spex does not rename built-in profiles`);
      return { request: renameRequest(instanceArn, profiles, profile, to, await holdersOf(intent.profileArn)) };
    }
    case 'bulk':
      throw new Error('a bulk change is not a change of holders');
    case 'resume': {
      const batch = unfinishedBatches(world.batchDir, instanceArn).find((b) => b.id === intent.batchId);
      if (batch === undefined) throw new Error('That batch is finished or gone: nothing to resume');
      const created = batch.steps.find((s) => s.kind === 'create');
      const deleted = batch.steps.find((s) => s.kind === 'delete');
      const copyOf = created && deleted ? await (world.loader ? world.loader.load(deleted.arn, { signal }) : world.service.getProfile(deleted.arn, { signal })).catch(() => undefined) : undefined;
      const request: AssignmentRequest = {
        what: batch.what,
        key: batch.key,
        instanceArn,
        // The copy by the name the user steps use (NEW_PROFILE) and, once created, by its ARN.
        named: created ? [...profiles, ...[...new Set([NEW_PROFILE, created.createdArn ?? NEW_PROFILE])].map((arn) => ({ arn, name: created.draft.SecurityProfileName }))] : profiles,
        plan: { changes: userSteps(batch.steps), unchanged: [], blocked: [] },
        ...(deleted ? { deleteAfter: { arn: deleted.arn, name: deleted.name } } : {}),
        ...(created && copyOf ? { createFirst: { draft: created.draft, copyOf } } : {}),
      };
      return { request, resumed: batch };
    }
  }
}

/** The instance's oldest unfinished holders' batch, told to the shell when the instance opens and whenever a session closes. */
export function useUnfinishedBatch(batchDir: string | undefined, instanceArn: string | undefined, isIdle: boolean, onFound: (batch: { id: string; what: string; done: number; total: number } | undefined) => void): void {
  useEffect(() => {
    if (!isIdle || instanceArn === undefined || batchDir === undefined) return;
    const [oldest] = unfinishedBatches(batchDir, instanceArn);
    const users = oldest === undefined ? [] : userSteps(oldest.steps);
    onFound(oldest === undefined ? undefined : { id: oldest.id, what: oldest.what, done: users.filter((s) => s.status === 'done').length, total: users.length });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read again when the instance changes or a session ends, not when the callback does
  }, [batchDir, instanceArn, isIdle]);
}

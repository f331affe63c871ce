// Changing who holds which profile, on the batch engine (journal.ts): one step per user, each a whole
// set of profiles. Each step is guarded: just before sending, the user's current set is read
// (DescribeUser, on its own budget) and must be the plan's "before"; a user someone changed meanwhile
// is refused and reported, never overwritten; a user already holding the plan's "after" (a resumed
// run whose step had been sent) is done without sending again. Journals live in the state
// directory's `batches/`; the same command run again resumes an unfinished one.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RegionService } from '../aws/types.js';
import { profileIdOf, sameProfiles, type UserChange } from '../domain/access/assignments.js';
import { ASSIGNMENTS_KIND, type AssignmentBatch, type AssignmentStep, type CreateStep, type DeleteStep, NEW_PROFILE, resolvedSet, type UserStep, userSteps } from '../domain/access/assignment-batch.js';
import { isSpexError } from '../domain/service/errors.js';
import { isAgentArn } from '../domain/access/ai-agents.js';
import type { SecurityProfileDraft } from '../domain/profile/security-profile.js';
import { MAY_STILL_APPLY, runJournal, type StepResult, unfinishedJournals } from './journal.js';

export { ASSIGNMENTS_KIND, NEW_PROFILE, resolvedSet, userSteps };
export type { AssignmentBatch, AssignmentStep, CreateStep, DeleteStep, UserStep };

export function batchesDir(stateDir: string): string {
  return join(stateDir, 'batches');
}

export function newAssignmentBatch(
  what: string,
  key: string,
  region: string,
  instanceArn: string,
  changes: readonly UserChange[],
  options: { now?: Date; deleteAfter?: { arn: string; name: string }; createFirst?: SecurityProfileDraft } = {},
): AssignmentBatch {
  const now = options.now ?? new Date();
  const create = options.createFirst;
  const steps: AssignmentStep[] = [
    ...(create ? [{ kind: 'create' as const, draft: create, clientToken: `spex-${createHash('sha256').update(JSON.stringify([key, create])).digest('hex').slice(0, 40)}`, status: 'pending' as const }] : []),
    ...changes.map((c) => ({ ...c, kind: 'user' as const, status: 'pending' as const })),
    ...(options.deleteAfter ? [{ kind: 'delete' as const, ...options.deleteAfter, status: 'pending' as const }] : []),
  ];
  const id = createHash('sha256').update(JSON.stringify([key, steps.map((s) => (s.kind === 'user' ? [s.userArn, s.after] : s.kind === 'delete' ? [s.arn] : [s.clientToken]))])).digest('hex').slice(0, 16);
  return { kind: ASSIGNMENTS_KIND, id, createdAt: now.toISOString(), what, key, region, instanceArn, steps };
}

/** The unfinished batch the same command left, if any. */
/** Who holds what now, users and AI agents, by ARN: every holder read again at the end of a run. */
export async function currentHolderSets(service: RegionService, instanceArn: string): Promise<Map<string, readonly string[]>> {
  const [index, agents] = await Promise.all([service.loadUsers(instanceArn), service.listAiAgents(instanceArn).catch(() => undefined)]);
  return new Map<string, readonly string[]>([...index.users.map((u) => [u.arn, u.securityProfileArns] as const), ...(agents ?? []).map((a) => [a.arn, a.profileArns] as const)]);
}

export function unfinishedBatch(dir: string, key: string): AssignmentBatch | undefined {
  return unfinishedJournals<AssignmentBatch>(dir, ASSIGNMENTS_KIND).find((b) => b.key === key);
}

/** A user step is guarded by a fresh read, so a throttled or retryable failure is sent again on resume too. */
const UNKNOWN_KINDS: ReadonlySet<string> = new Set([...MAY_STILL_APPLY, 'throttled']);

const userIdOf = (userArn: string): string => userArn.split('/').pop() ?? userArn;

export async function runAssignments(batch: AssignmentBatch, service: RegionService, dir: string | undefined, events: { onStep?: (step: AssignmentStep) => void; signal?: AbortSignal; stop?: AbortSignal } = {}): Promise<AssignmentStep[]> {
  const resolved = (arns: readonly string[]): string[] | undefined => resolvedSet(batch, arns);
  const execute = async (step: AssignmentStep): Promise<StepResult> => {
    if (step.kind === 'delete') return deleteLast(step);
    if (step.kind === 'create') return createFirst(step);
    const before = resolved(step.before);
    const after = resolved(step.after);
    if (before === undefined || after === undefined) return { status: 'failed', error: `${step.login} was not moved: the new profile was not created` };
    const userId = userIdOf(step.userArn);
    try {
      if (isAgentArn(step.userArn)) return await agentStep(step.userArn, step.login, before, after);
      const current = await service.userProfileIds(batch.instanceArn, userId, events.signal ? { signal: events.signal } : {});
      if (sameProfiles(current, after)) return { status: 'done' };
      if (!sameProfiles(current, before)) {
        return { status: 'failed', error: `${step.login} was changed by someone else since the plan (now holds ${current.length} profile${current.length === 1 ? '' : 's'}, not the ${step.before.length} planned from): left as it is` };
      }
      await service.setUserProfileIds(batch.instanceArn, userId, after.map(profileIdOf), events.signal ? { signal: events.signal } : {});
      return { status: 'done' };
    } catch (error) {
      const known = isSpexError(error) ? error.error : undefined;
      const message = known?.message ?? (error instanceof Error ? error.message : String(error));
      const unsure = known === undefined || UNKNOWN_KINDS.has(known.kind) || known.retryable === true;
      return { status: unsure ? 'unknown' : 'failed', error: `${step.login}: ${message}` };
    }
  };
  /** An AI agent's step, guarded the same way: its profiles read now must be the plan's "before"; then what it gains and loses. */
  const agentStep = async (agentArn: string, login: string, before: readonly string[], after: readonly string[]): Promise<StepResult> => {
    const options = events.signal ? { signal: events.signal } : {};
    const current = await service.aiAgentProfileArns(batch.instanceArn, agentArn, options);
    if (sameProfiles(current, after)) return { status: 'done' };
    if (!sameProfiles(current, before)) return { status: 'failed', error: `${login} was changed by someone else since the plan (now holds ${current.length} profile${current.length === 1 ? '' : 's'}, not the ${before.length} planned from): left as it is` };
    const has = (list: readonly string[], arn: string): boolean => list.some((a) => profileIdOf(a) === profileIdOf(arn));
    const gains = after.filter((arn) => !has(current, arn));
    const loses = current.filter((arn) => !has(after, arn));
    if (gains.length > 0) await service.changeAiAgentProfiles(batch.instanceArn, agentArn, 'add', gains, options);
    if (loses.length > 0) await service.changeAiAgentProfiles(batch.instanceArn, agentArn, 'remove', loses, options);
    return { status: 'done' };
  };
  /** The copy under the new name, with a client token fixed by the plan: sent again on resume, it is created once. */
  const createFirst = async (step: CreateStep): Promise<StepResult> => {
    const outcome = await service.createProfile(step.draft, { clientToken: step.clientToken, ...(events.signal ? { signal: events.signal } : {}) }).done;
    if (outcome.ok) {
      const arn = outcome.model?.SecurityProfileArn ?? outcome.identifier;
      if (arn === undefined) return { status: 'unknown', error: `“${step.draft.SecurityProfileName}” was created but the service did not say its ARN` };
      step.createdArn = arn;
      return { status: 'done' };
    }
    const unsure = UNKNOWN_KINDS.has(outcome.error.kind) || outcome.error.retryable === true;
    return { status: unsure ? 'unknown' : 'failed', error: `“${step.draft.SecurityProfileName}” was not created: ${outcome.error.message}` };
  };
  /** The delete, only if every user was moved: a profile still held cannot be deleted, and must not lose its users' way back. */
  const deleteLast = async (step: DeleteStep): Promise<StepResult> => {
    const notMoved = userSteps(batch.steps).filter((s) => s.status !== 'done').length;
    if (notMoved > 0) return { status: 'failed', error: `“${step.name}” was not deleted: ${notMoved} user${notMoved === 1 ? ' was' : 's were'} not moved` };
    const outcome = await service.deleteProfile(step.arn, events.signal ? { signal: events.signal } : {}).done;
    if (outcome.ok || outcome.error.kind === 'not-found') return { status: 'done' };
    const unsure = UNKNOWN_KINDS.has(outcome.error.kind) || outcome.error.retryable === true;
    return { status: unsure ? 'unknown' : 'failed', error: `“${step.name}” was not deleted: ${outcome.error.message}` };
  };
    // `stop`: no step after the one in flight (which ends as AWS answers); `signal` also cancels that one.
  const stop = events.stop ?? events.signal;
  return runJournal(batch, { dir, execute, ...(events.onStep ? { onStep: events.onStep } : {}), ...(stop ? { signal: stop } : {}) });
}

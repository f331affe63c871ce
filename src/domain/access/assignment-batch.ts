// A batch that changes who holds which profile, as it is planned, journalled and reviewed — the same
// for the headless commands (move-holders, assign, rename) and the TUI's holders screen: the request
// (what, the users' plan, and the key that finds an unfinished run of it again), its steps (a rename's
// create first, one whole set per user, a delete last), and the review in words. The TUI builds the
// same keys as the commands, so a batch stopped in one is resumed by the other. fleet/assignments.ts
// runs it. Pure.
import type { ConnectUser } from './holders.js';
import { type SecurityProfile, type SecurityProfileDraft, toDraft } from '../profile/security-profile.js';
import type { StepStatus } from '../fleet/promotion-journal.js';
import { connectNameIssue } from '../profile/connect-plan.js';
import { validateProfile, validationMessage } from '../profile/validate.js';
import { type AssignmentPlan, planAssignment, reachGroups, reachSentence, sameProfiles, type UserChange } from './assignments.js';

export const ASSIGNMENTS_KIND = 'spex/assignments';

/** How the user steps of a rename name the profile not created yet. */
export const NEW_PROFILE = 'arn:spex:new-profile/NEW';

interface Journalled {
  status: StepStatus;
  error?: string;
}

/** One user's whole new set. */
export interface UserStep extends Journalled, UserChange {
  readonly kind: 'user';
}

/** The profile deleted once every user step is done (move-holders --delete): last, and only then. */
export interface DeleteStep extends Journalled {
  readonly kind: 'delete';
  readonly arn: string;
  readonly name: string;
}

/**
 * A rename's first step: the copy under the new name (Connect has no rename: the name is create-only).
 * Until it is done the user steps name it by NEW_PROFILE; its ARN is kept here once created.
 */
export interface CreateStep extends Journalled {
  readonly kind: 'create';
  readonly draft: SecurityProfileDraft;
  readonly clientToken: string;
  createdArn?: string;
}

export type AssignmentStep = CreateStep | UserStep | DeleteStep;

export interface AssignmentBatch {
  readonly kind: typeof ASSIGNMENTS_KIND;
  readonly id: string;
  readonly createdAt: string;
  /** What the batch does, in words ("move the holders of “A” to “B”"). */
  readonly what: string;
  /** The command and its arguments that made it: the same command again resumes it. */
  readonly key: string;
  readonly region: string;
  readonly instanceArn: string;
  steps: AssignmentStep[];
}

export const userSteps = (steps: readonly AssignmentStep[]): UserStep[] => steps.filter((s): s is UserStep => s.kind === 'user');

/** A set with a rename's new profile named by its ARN, once created (undefined before). */
export function resolvedSet(batch: Pick<AssignmentBatch, 'steps'>, arns: readonly string[]): string[] | undefined {
  const created = batch.steps.find((s): s is CreateStep => s.kind === 'create')?.createdArn;
  if (arns.includes(NEW_PROFILE) && created === undefined) return undefined;
  return arns.map((a) => (a === NEW_PROFILE ? created! : a));
}

export interface NamedProfile {
  readonly arn: string;
  readonly name?: string | undefined;
}

/** A change of holders, planned: what the review says and the batch is made of. */
export interface AssignmentRequest {
  readonly what: string;
  readonly key: string;
  readonly instanceArn: string;
  /** The profiles the review names (a rename's copy as NEW_PROFILE). */
  readonly named: readonly NamedProfile[];
  readonly plan: AssignmentPlan;
  /** The profile deleted last, once every holder is moved (move-holders --delete, a rename). */
  readonly deleteAfter?: { arn: string; name: string };
  /** A rename: the copy under the new name, created first (the user steps name it NEW_PROFILE). */
  readonly createFirst?: { draft: SecurityProfileDraft; copyOf: SecurityProfile };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoted = (p: NamedProfile): string => `“${p.name ?? p.arn.split('/').pop() ?? p.arn}”`;

/** Move users (all of `holders`, or the `logins` among them) from one profile to another; maybe delete it after. */
export function moveRequest(instanceArn: string, named: readonly NamedProfile[], from: NamedProfile, to: NamedProfile, users: readonly ConnectUser[], logins: readonly string[], thenDelete: boolean): AssignmentRequest {
  return {
    what: `move ${plural(users.length, 'holder')} of ${quoted(from)} to ${quoted(to)}${thenDelete ? ', then delete it' : ''}`,
    key: JSON.stringify(['move-holders', instanceArn, from.arn, to.arn, [...logins].sort(), thenDelete]),
    instanceArn,
    named,
    plan: planAssignment(users, { remove: [from.arn], add: [to.arn] }),
    ...(thenDelete ? { deleteAfter: { arn: from.arn, name: from.name ?? from.arn } } : {}),
  };
}

/** Give `add` and take away `remove` (ARNs) from the named users; `replacement` goes to those it would leave with none. */
export function assignRequest(instanceArn: string, named: readonly NamedProfile[], users: readonly ConnectUser[], add: readonly string[], remove: readonly string[], replacement?: string): AssignmentRequest {
  const nameOf = (arn: string): NamedProfile => named.find((p) => p.arn === arn) ?? { arn };
  const words = [...(add.length > 0 ? [`give ${add.map((a) => quoted(nameOf(a))).join(', ')}`] : []), ...(remove.length > 0 ? [`take away ${remove.map((r) => quoted(nameOf(r))).join(', ')}`] : [])];
  return {
    what: `${words.join(' and ')} for ${plural(users.length, 'user')}${replacement !== undefined ? ` (those left with none get ${quoted(nameOf(replacement))})` : ''}`,
    key: JSON.stringify(['assign', instanceArn, users.map((u) => u.username).sort(), [...add], [...remove], ...(replacement !== undefined ? [replacement] : [])]),
    instanceArn,
    named,
    plan: planAssignment(users, { add, remove, ...(replacement !== undefined ? { replacement } : {}) }),
  };
}

/** A rename: a copy of every field under the new name, every holder moved to it, the old one deleted. */
export function renameRequest(instanceArn: string, named: readonly NamedProfile[], profile: SecurityProfile, to: string, holders: readonly ConnectUser[]): AssignmentRequest {
  const from = profile.SecurityProfileName;
  const arn = profile.SecurityProfileArn ?? '';
  const draft: SecurityProfileDraft = { ...toDraft(profile), SecurityProfileName: to };
  return {
    what: `rename “${from}” to “${to}”: create “${to}” (a copy of every field), move its ${plural(holders.length, 'holder')} to it, then delete “${from}”`,
    key: JSON.stringify(['rename', instanceArn, arn, to]),
    instanceArn,
    named: [...named, { arn: NEW_PROFILE, name: to }],
    plan: planAssignment(holders, { remove: [arn], add: [NEW_PROFILE] }),
    deleteAfter: { arn, name: from },
    createFirst: { draft, copyOf: profile },
  };
}

/** The profiles (ARNs) whose permissions the review needs: every one a user holds before or after. */
export function reviewedProfiles(steps: readonly AssignmentStep[]): string[] {
  return [...new Set(userSteps(steps).flatMap((s) => [...s.before, ...s.after]))].filter((arn) => arn !== NEW_PROFILE);
}

/**
 * The review, a line each: what the batch does, the groups of users by what they lose and gain, the
 * blocked users, the first users before → after, the delete, and what is left to send at what pace.
 * `byArn`: the profiles read in full (a rename's copy is added here as NEW_PROFILE).
 */
export function assignmentReview(request: AssignmentRequest, batch: Pick<AssignmentBatch, 'what' | 'steps'>, profiles: ReadonlyMap<string, SecurityProfile>, timeLeft: (n: number) => string | undefined, options: { listed?: number } = {}): string[] {
  const byArn = new Map(profiles);
  const nameOf = (arn: string): string => request.named.find((p) => p.arn === arn)?.name ?? byArn.get(arn)?.SecurityProfileName ?? arn.split('/').pop() ?? arn;
  if (request.createFirst) byArn.set(NEW_PROFILE, { ...request.createFirst.copyOf, SecurityProfileArn: NEW_PROFILE, SecurityProfileName: request.createFirst.draft.SecurityProfileName });
  const { steps } = batch;
  const users = userSteps(steps);
  const blocked = request.plan.blocked;
  const lines = [batch.what];
  const first = steps.find((s) => s.kind === 'create');
  if (first !== undefined) lines.push(`  first “${first.draft.SecurityProfileName}” is created${first.status === 'done' ? ' (done)' : ''}: the same permissions, tags, restrictions and settings`);
  const done = users.filter((s) => s.status === 'done').length;
  if (done > 0) lines.push(`An unfinished run: ${done} of ${users.length} users done; the rest are sent now, each checked first (nothing is applied twice).`);
  for (const group of reachGroups(users.filter((s) => s.status !== 'done'), byArn)) lines.push(`  ${reachSentence(group)} (${group.logins.slice(0, 5).join(', ')}${group.logins.length > 5 ? `, … ${group.logins.length - 5} more` : ''})`);
  for (const b of blocked) lines.push(`  ✗ ${b.login}: ${b.reason} — skipped`);
  if (request.plan.unchanged.length > 0) lines.push(`  ${plural(request.plan.unchanged.length, 'user')} already so: left as they are`);
  const listed = options.listed ?? 20;
  for (const s of users.slice(0, listed)) lines.push(`    ${s.login}: ${s.before.map(nameOf).join(', ')} → ${s.after.map(nameOf).join(', ')}${s.status === 'done' ? ' (done)' : ''}`);
  if (users.length > listed) lines.push(`    … ${users.length - listed} more (--output json lists every one)`);
  const last = steps.find((s) => s.kind === 'delete');
  if (last !== undefined) lines.push(blocked.length > 0 ? `  then “${last.name}” is NOT deleted: ${plural(blocked.length, 'holder')} cannot be moved (above)` : `  then “${last.name}” is deleted, last, and only if every holder was moved`);
  const left = users.filter((s) => s.status !== 'done').length;
  lines.push(left === 0 ? (last !== undefined && last.status !== 'done' ? `Every holder is moved; “${last.name}” is deleted next. Nothing has been sent yet.` : 'Nothing to send.') : `${plural(left, 'user')} to change, one request each at AWS's pace (${timeLeft(left) ?? 'under a minute'}). Nothing has been sent yet.`);
  return lines;
}

/** Whether the batch may run: a delete whose holders cannot all be moved is refused before anything is sent. */
export function refusalOf(request: AssignmentRequest): string | undefined {
  const blocked = request.plan.blocked.length;
  if (request.deleteAfter !== undefined && blocked > 0) return `“${request.deleteAfter.name}” cannot be deleted: ${plural(blocked, 'holder')} cannot be moved (above). Nothing was sent.`;
  return undefined;
}

/** Why a rename's new name cannot be: Connect has no rename, so the copy is created through Connect's rules for names, whatever route it takes. */
export function newNameIssue(to: string): string | undefined {
  const issues = validateProfile({ InstanceArn: 'arn:aws:connect:us-east-1:000000000000:instance/x', SecurityProfileName: to }, 'create').filter((i) => i.field === 'SecurityProfileName');
  return connectNameIssue(to) ?? (issues.length > 0 ? validationMessage(issues) : undefined);
}

/**
 * How a run ended, after every user was read again (`current`: user ARN → the profiles they hold now):
 * what failed, what is not confirmed, who does not hold what was sent; complete only if every change is
 * in effect and nobody was skipped. `again`: how to finish an unconfirmed run ("run the same command again").
 */
export function assignmentOutcome(batch: Pick<AssignmentBatch, 'steps'>, plan: Pick<AssignmentPlan, 'blocked'>, current: ReadonlyMap<string, readonly string[]>, again: string): { lines: string[]; isComplete: boolean; summary: string } {
  const users = userSteps(batch.steps);
  const last = batch.steps.find((s): s is DeleteStep => s.kind === 'delete');
  const failed = batch.steps.filter((s) => s.status === 'failed');
  const unsure = batch.steps.filter((s) => s.status === 'sent' || s.status === 'pending');
  const lines = failed.map((s) => `✗ ${s.error ?? (s.kind === 'user' ? s.login : s.kind === 'delete' ? s.name : s.draft.SecurityProfileName)}`);
  if (unsure.length > 0) lines.push(`${unsure.length} not sent or not confirmed${unsure[0]!.error ? ` (${unsure[0]!.error})` : ''}; ${again} to finish (each is checked first).`);
  const notInEffect = users.filter((s) => s.status === 'done' && !sameProfiles(current.get(s.userArn) ?? [], resolvedSet(batch, s.after) ?? s.after));
  for (const s of notInEffect) lines.push(`≠ ${s.login}: read again, does not hold what was sent`);
  const done = users.filter((s) => s.status === 'done').length - notInEffect.length;
  const summary = `${done} of ${plural(users.length, 'user')} changed and read again${failed.length > 0 ? `, ${failed.length} refused` : ''}${plan.blocked.length > 0 ? `, ${plan.blocked.length} blocked (skipped)` : ''}${last?.status === 'done' ? `; “${last.name}” deleted` : ''}.`;
  return { lines, summary, isComplete: failed.length === 0 && unsure.length === 0 && notInEffect.length === 0 && plan.blocked.length === 0 };
}

// `spex move-holders --from A --to B [--user LOGIN…]` and `spex assign --user LOGIN… [--add P…]
// [--remove Q…]`: who holds which profile, changed at AWS's pace with one review first. The review says
// per group of users what they lose and gain in the console's words and which users are blocked (none or
// more than ten profiles) and skipped; then one batch (fleet/assignments.ts) sends a guarded whole-set
// write per user, journalled, so the same command run again resumes; then the users are read again:
// exit 0 only if every change is in effect.
import type { RegionService } from '../aws/index.js';
import type { AssignmentPlan } from '../domain/access/assignments.js';
import { type AssignmentRequest, assignmentOutcome, assignmentReview, assignRequest, moveRequest, newNameIssue, refusalOf, renameRequest, reviewedProfiles } from '../domain/access/assignment-batch.js';
import { agentAsHolder, type ConnectUser, holdersWithAgents } from '../domain/access/holders.js';
import type { AiAgentInfo } from '../domain/access/ai-agents.js';
import { isBuiltInProfileName, type ProfileSummary, type SecurityProfile } from '../domain/profile/security-profile.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { stateDir } from '../drafts/draft-store.js';
import { type AssignmentBatch, batchesDir, currentHolderSets, newAssignmentBatch, runAssignments, unfinishedBatch, userSteps } from '../fleet/assignments.js';
import { didYouMean, EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { confirmYes } from './ask.js';
import { type CommandContext, list, str } from './context.js';
import { toJson } from './output.js';
import { createProgress } from './progress.js';
import { profileNamed, readAllProfiles, resolveInstance, withNames } from './resolve.js';

/** Exit 2 from --dry-run: there are changes (as plan and promote --dry-run). */
const EXIT_CHANGES = 2;

/** The users named by --user (logins), among `users`; an unknown login is an error naming the closest ones. */
function usersNamed(users: readonly ConnectUser[], logins: readonly string[], among: string): ConnectUser[] {
  return logins.map((login) => {
    const user = users.find((u) => u.username === login) ?? users.find((u) => u.username.toLowerCase() === login.toLowerCase());
    if (user === undefined) throw new SpexError({ kind: 'not-found', message: `--user: no user '${sanitizeLine(login)}' ${among}${didYouMean(login, users.map((u) => u.username))}` });
    return user;
  });
}

/** The AI agents named by --ai-agent (names or ARNs); unknown names are an error naming the closest. */
function agentsNamed(agents: readonly AiAgentInfo[] | undefined, names: readonly string[]): ConnectUser[] {
  if (names.length === 0) return [];
  if (agents === undefined) throw new SpexError({ kind: 'not-found', message: '--ai-agent: the AI agents could not be read (Amazon Q in Connect: wisdom:ListAssistants, wisdom:ListAIAgents)' });
  return names.map((name) => {
    const agent = agents.find((a) => a.arn === name || a.name.toLowerCase() === name.toLowerCase());
    if (agent === undefined) throw new SpexError({ kind: 'not-found', message: `--ai-agent: no AI agent '${sanitizeLine(name)}' in that instance${didYouMean(name, agents.map((a) => a.name))}` });
    return agentAsHolder(agent);
  });
}

async function namedProfiles(ctx: CommandContext, service: RegionService, instanceArn: string): Promise<ProfileSummary[]> {
  const listed: ProfileSummary[] = [];
  for await (const page of service.listProfiles(instanceArn)) listed.push(...page);
  return withNames(service, listed, ctx.io);
}

export async function moveHoldersCommand(ctx: CommandContext): Promise<number> {
  const from = str(ctx.values, 'from');
  const to = str(ctx.values, 'to');
  if (from === undefined || to === undefined) throw new UsageError('move-holders needs --from PROFILE and --to PROFILE (ARN, id or name, with --instance)');
  return run(ctx, async (service, instanceArn) => {
    const named = await namedProfiles(ctx, service, instanceArn);
    const source = profileNamed(named, from, '--from');
    const target = profileNamed(named, to, '--to');
    if (source.arn === target.arn) throw new UsageError('--from and --to name the same profile');
    const remove = ctx.values.delete === true;
    if (remove && list(ctx.values, 'user').length > 0) throw new UsageError('--delete moves every holder first: it cannot be used with --user');
    if (remove && isBuiltInProfileName(source.name ?? '')) throw new UsageError(`'${sanitizeLine(source.name ?? from)}' is a built-in security profile; spex does not delete built-in profiles`);
    const holders = await service.listHolders(source.arn);
    if (!holders.complete) throw new SpexError({ kind: 'validation', message: `who holds “${sanitizeLine(source.name ?? from)}” is unknown (${holders.note ?? 'the user list cannot be trusted'}); nothing was planned` });
    const logins = list(ctx.values, 'user');
    // Its users and its AI agents alike: each moved by its own guarded step.
    const every = holdersWithAgents(holders);
    const users = logins.length > 0 ? usersNamed(every, logins, `holds “${sanitizeLine(source.name ?? from)}”`) : every;
    return moveRequest(instanceArn, named, source, target, users, logins.length > 0 ? users.map((u) => u.username) : [], remove);
  });
}

export async function renameCommand(ctx: CommandContext): Promise<number> {
  const ref = ctx.positionals[0];
  const to = str(ctx.values, 'to');
  if (ref === undefined || to === undefined) throw new UsageError('rename needs the profile and its new name: spex rename PROFILE --to NEW-NAME --instance I');
  const nameIssue = newNameIssue(to);
  if (nameIssue !== undefined) throw new UsageError(`--to: ${nameIssue}`);
  return run(ctx, async (service, instanceArn) => {
    const named = await namedProfiles(ctx, service, instanceArn);
    const source = profileNamed(named, ref, 'rename');
    const name = source.name ?? ref;
    if (isBuiltInProfileName(name)) throw new UsageError(`'${sanitizeLine(name)}' is a built-in security profile; spex does not rename built-in profiles`);
    if (named.some((p) => p.name?.toLowerCase() === to.toLowerCase())) throw new SpexError({ kind: 'conflict', message: `--to: the instance already has a profile named '${sanitizeLine(to)}'` });
    const [profile, holders] = await Promise.all([service.getProfile(source.arn), service.listHolders(source.arn)]);
    if (!holders.complete) throw new SpexError({ kind: 'validation', message: `who holds “${sanitizeLine(name)}” is unknown (${holders.note ?? 'the user list cannot be trusted'}); nothing was planned` });
    return renameRequest(instanceArn, named, profile, to, holdersWithAgents(holders));
  });
}

export async function assignCommand(ctx: CommandContext): Promise<number> {
  const logins = list(ctx.values, 'user');
  const adds = list(ctx.values, 'add');
  const removes = list(ctx.values, 'remove');
  const agentNames = list(ctx.values, 'ai-agent');
  if (logins.length === 0 && agentNames.length === 0) throw new UsageError('assign needs --user LOGIN (once per user) or --ai-agent NAME (once per AI agent)');
  if (adds.length === 0 && removes.length === 0) throw new UsageError('assign needs --add PROFILE or --remove PROFILE (ARN, id or name)');
  return run(ctx, async (service, instanceArn) => {
    const named = await namedProfiles(ctx, service, instanceArn);
    const add = adds.map((ref) => profileNamed(named, ref, '--add').arn);
    const remove = removes.map((ref) => profileNamed(named, ref, '--remove').arn);
    const [index, agents] = await Promise.all([service.loadUsers(instanceArn), agentNames.length > 0 ? service.listAiAgents(instanceArn) : Promise.resolve(undefined)]);
    const users = [...usersNamed(index.users, logins, 'in that instance'), ...agentsNamed(agents, agentNames)];
    return assignRequest(instanceArn, named, users, add, remove);
  });
}

/** Review, confirm, run (or resume), read again: shared by move-holders and assign. */
async function run(ctx: CommandContext, request: (service: RegionService, instanceArn: string) => Promise<AssignmentRequest>): Promise<number> {
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const dir = batchesDir(stateDir(ctx.io.env));
  const asked = await request(service, instanceArn);
  const resumed = unfinishedBatch(dir, asked.key);
  const batch =
    resumed ??
    newAssignmentBatch(asked.what, asked.key, service.region, instanceArn, asked.plan.changes, {
      ...(asked.deleteAfter ? { deleteAfter: asked.deleteAfter } : {}),
      ...(asked.createFirst ? { createFirst: asked.createFirst.draft } : {}),
    });
  const review = await reviewLines(ctx, service, asked, batch);
  if (ctx.output === 'json') ctx.io.stdout.write(toJson({ kind: 'spex/assignment-plan', what: asked.what, changes: batch.steps, blocked: asked.plan.blocked, unchanged: asked.plan.unchanged, resumed: resumed !== undefined }));
  // Every line is server text somewhere (names, logins, permission names spex does not know): made inert.
  else ctx.io.stdout.write(`${review.map((line) => sanitizeLine(line)).join('\n')}\n`);
  const left = batch.steps.filter((s) => s.status !== 'done' && s.status !== 'failed');
  if (ctx.values['dry-run'] === true) return left.length > 0 ? EXIT_CHANGES : EXIT_OK;
  if (left.length === 0) return asked.plan.blocked.length > 0 ? EXIT_FAILURE : EXIT_OK;
  // A delete with holders who cannot be moved would only fail at the end: refused now, nothing sent.
  const refusal = refusalOf(asked);
  if (refusal !== undefined) {
    ctx.io.stderr.write(`spex: ${sanitizeLine(refusal)}\n`);
    return EXIT_FAILURE;
  }
  await ctx.confirmProduction(service, instanceArn);
  if (!(await confirmYes(ctx, `Change ${left.length} user${left.length === 1 ? '' : 's'}' security profiles? Type yes: `, 'change who holds security profiles'))) {
    ctx.io.stderr.write('Not applied; nothing was sent.\n');
    return EXIT_FAILURE;
  }
  const progress = createProgress(ctx.io, 'users', userSteps(left).length, (n) => service.timeLeft(n));
  await runAssignments(batch, service, dir, { onStep: (s) => s.kind === 'user' && s.status !== 'sent' && progress.step() });
  progress.done();
  return report(ctx, service, batch, asked.plan);
}

async function reviewLines(ctx: CommandContext, service: RegionService, asked: AssignmentRequest, batch: AssignmentBatch): Promise<string[]> {
  const names = reviewedProfiles(batch.steps).flatMap((arn) => asked.named.find((p) => p.arn === arn)?.name ?? []);
  const details: SecurityProfile[] = names.length > 0 ? await readAllProfiles(service, asked.instanceArn, ctx.io, 'details', names) : [];
  const byArn = new Map(details.flatMap((p) => (p.SecurityProfileArn ? [[p.SecurityProfileArn, p] as const] : [])));
  return assignmentReview(asked, batch, byArn, (n) => service.timeLeft(n));
}

/** After the run: what failed, then every user read again; exit 0 only if every change is in effect. */
async function report(ctx: CommandContext, service: RegionService, batch: AssignmentBatch, plan: AssignmentPlan): Promise<number> {
  const outcome = assignmentOutcome(batch, plan, await currentHolderSets(service, batch.instanceArn), 'run the same command again');
  for (const line of [...outcome.lines, outcome.summary]) ctx.io.stderr.write(`spex: ${sanitizeLine(line)}\n`);
  return outcome.isComplete ? EXIT_OK : EXIT_FAILURE;
}

// `spex update --profile-name A --profile-name B … | --grants P | --all` with update's own flags: one
// change applied to many profiles with one review. Each profile's change in the console's words and
// its reach in users; profiles the change leaves as they are listed as unchanged; a change that creates
// a high finding said and asked about. Then one batch (fleet/journal.ts): each profile a guarded
// Cloud Control update with a client token fixed by the plan, journalled in batches/, so the same
// command run again resumes and applies nothing twice.
import { createHash } from 'node:crypto';
import type { RegionService } from '../aws/index.js';
import { findingChanges, findingSentence } from '../domain/access/lint.js';
import { stepToken } from '../domain/as-code/profiles-plan.js';
import { buildPatch } from '../domain/profile/patch.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import type { SecurityProfile, SecurityProfileDraft } from '../domain/profile/security-profile.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { stateDir } from '../drafts/draft-store.js';
import { batchesDir } from '../fleet/assignments.js';
import { type Journal, type JournalStep, MAY_STILL_APPLY, runJournal, unfinishedJournals } from '../fleet/journal.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { confirmYes } from './ask.js';
import { type CommandContext, list, str } from './context.js';
import { editedDraft } from './profile-edit.js';
import { toJson } from './output.js';
import { createProgress } from './progress.js';
import { grantsOf } from './read-commands.js';
import { readAllProfiles, resolveInstance } from './resolve.js';

const KIND = 'spex/bulk-update';

interface BulkStep extends JournalStep {
  name: string;
  arn: string;
  before: SecurityProfile;
  after: SecurityProfileDraft;
  clientToken: string;
}

interface BulkUpdate extends Journal<BulkStep> {
  readonly kind: typeof KIND;
  readonly key: string;
}


export async function bulkUpdateCommand(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError('update names one profile, or several with --profile-name, --grants or --all: not both');
  if (str(ctx.values, 'from-file') !== undefined) throw new UsageError('--from-file updates one profile; with several, give the change as flags (--add-permission, --tag …)');
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const names = list(ctx.values, 'profile-name');
  const grants = await grantsOf(ctx);
  const all = await readAllProfiles(service, instanceArn, ctx.io, 'details', names.length > 0 ? names : undefined);
  const missing = names.filter((n) => !all.some((p) => p.SecurityProfileName === n));
  if (missing.length > 0) throw new SpexError({ kind: 'not-found', message: `--profile-name: no security profile ${missing.map((m) => `'${sanitizeLine(m)}'`).join(', ')} in that instance` });
  const targets = all.filter((p) => grants.every((g) => p.Permissions?.includes(g)));
  if (targets.length === 0) throw new SpexError({ kind: 'not-found', message: `no profile of that instance grants ${grants.join(' + ')}` });
  // The same change to the same profiles is the same batch, however it is printed or confirmed.
  const defining = ['profile-name', 'grants', 'all', 'add-permission', 'remove-permission', 'description', 'tag', 'untag', 'no-implied', 'allow-unknown'];
  const key = JSON.stringify(['update', instanceArn, defining.map((flag) => [flag, ctx.values[flag]])]);
  const dir = batchesDir(stateDir(ctx.io.env));
  const resumed = unfinishedJournals<BulkUpdate>(dir, KIND).find((j) => j.key === key);
  const steps: BulkStep[] = resumed?.steps ?? plan(ctx, instanceArn, targets);
  const unchanged = targets.filter((t) => !steps.some((s) => s.arn === t.SecurityProfileArn)).map((t) => t.SecurityProfileName);
  const holders = await holdersByArn(service, instanceArn);
  const lines = review(steps, unchanged, holders, resumed !== undefined);
  if (ctx.output === 'json') ctx.io.stdout.write(toJson({ kind: 'spex/bulk-update-plan', changes: steps.map((s) => ({ name: s.name, arn: s.arn, changes: describeChanges(s.before, s.after).map((c) => c.label), users: holders(s.arn), status: s.status })), unchanged }));
  else ctx.io.stdout.write(`${lines.map((l) => sanitizeLine(l)).join('\n')}\n`);
  const left = steps.filter((s) => s.status === 'pending' || s.status === 'sent');
  if (ctx.values['dry-run'] === true || left.length === 0) return EXIT_OK;
  if (ctx.readOnly) throw new SpexError({ kind: 'read-only', message: 'spex runs with --read-only: update refused. Nothing was sent.' });
  // As a single update: a change that creates a high finding is said, and asked about (or --yes).
  const risky = left.flatMap((s) => findingChanges(s.before, { ...s.after }).created.filter((f) => f.severity === 'high'));
  for (const f of risky) ctx.io.stderr.write(`spex: warning: high: ${sanitizeLine(findingSentence(f))}\n`);
  await ctx.confirmProduction(service, instanceArn);
  if (!(await confirmYes(ctx, `Update ${left.length} profile${left.length === 1 ? '' : 's'}${risky.length > 0 ? ' (with the high findings above)' : ''}? Type yes: `, 'update several profiles'))) {
    ctx.io.stderr.write('Not applied; nothing was sent.\n');
    return EXIT_FAILURE;
  }
  const journal: BulkUpdate = resumed ?? { kind: KIND, key, id: createHash('sha256').update(key).digest('hex').slice(0, 16), createdAt: new Date().toISOString(), steps };
  const progress = createProgress(ctx.io, 'profiles', left.length, (n) => service.timeLeft(n));
  await runJournal(journal, {
    dir,
    onStep: (s) => s.status !== 'sent' && progress.step(),
    execute: async (step) => {
      const outcome = await service.updateProfile(step.arn, step.before, step.after, { clientToken: step.clientToken }).done;
      if (outcome.ok) return { status: 'done' };
      return { status: MAY_STILL_APPLY.has(outcome.error.kind) ? 'unknown' : 'failed', error: `${step.name}: ${outcome.error.message}` };
    },
  });
  progress.done();
  const failed = journal.steps.filter((s) => s.status === 'failed');
  const unsure = journal.steps.filter((s) => s.status === 'sent');
  for (const s of [...failed, ...unsure]) ctx.io.stderr.write(`spex: ✗ ${sanitizeLine(s.error ?? s.name)}\n`);
  if (unsure.length > 0) ctx.io.stderr.write(`spex: ${unsure.length} not confirmed; run the same command again to finish (the same client tokens: nothing is applied twice).\n`);
  const done = journal.steps.filter((s) => s.status === 'done').length;
  ctx.io.stderr.write(`spex: ${done} of ${journal.steps.length} profiles updated${failed.length > 0 ? `, ${failed.length} refused` : ''}.\n`);
  return failed.length === 0 && unsure.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

/** Each target's change; profiles it leaves as they are get no step. */
function plan(ctx: CommandContext, instanceArn: string, targets: readonly SecurityProfile[]): BulkStep[] {
  return targets.flatMap((before, i) => {
    const after = editedDraft(ctx, before, undefined, i === 0);
    const patch = buildPatch(before, after, { guard: true });
    if (!patch.some((op) => op.op !== 'test')) return [];
    const arn = before.SecurityProfileArn!;
    const clientToken = stepToken(instanceArn, { action: 'update', name: before.SecurityProfileName, arn, changes: [], request: patch });
    return [{ name: before.SecurityProfileName, arn, before, after, clientToken, status: 'pending' as const }];
  });
}

/** How many users hold a profile (one SearchUsers pass), for the reach; undefined for each when users cannot be read. */
async function holdersByArn(service: RegionService, instanceArn: string): Promise<(arn: string) => number | undefined> {
  const index = await service.loadUsers(instanceArn, { allowSlow: false }).catch(() => undefined);
  if (index === undefined) return () => undefined;
  const counts = new Map<string, number>();
  for (const user of index.users) for (const arn of user.securityProfileArns) counts.set(arn, (counts.get(arn) ?? 0) + 1);
  return (arn) => counts.get(arn) ?? 0;
}

function review(steps: readonly BulkStep[], unchanged: readonly string[], holders: (arn: string) => number | undefined, resumed: boolean): string[] {
  const lines = [`Update ${steps.length} profile${steps.length === 1 ? '' : 's'}:`];
  if (resumed) lines.push(`An unfinished run of this command: ${steps.filter((s) => s.status === 'done').length} of ${steps.length} done; the rest are sent with the same client tokens (nothing is applied twice).`);
  for (const s of steps) {
    const users = holders(s.arn);
    lines.push(`  “${s.name}”${users === undefined ? '' : ` — reaches ${users} user${users === 1 ? '' : 's'}`}${s.status === 'done' ? ' (done)' : ''}`);
    for (const change of describeChanges(s.before, s.after)) lines.push(`    ${change.label.trim()}`);
  }
  if (unchanged.length > 0) lines.push(`Unchanged (the change does nothing to them): ${unchanged.join(', ')}`);
  lines.push(steps.some((s) => s.status !== 'done') ? 'Nothing has been sent yet.' : 'Nothing to send.');
  return lines;
}

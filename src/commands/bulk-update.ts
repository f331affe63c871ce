// `spex update --profile-name A --profile-name B … | --grants P | --all` with update's own flags: one
// change applied to many profiles with one review. Each profile's change in the console's words and
// its reach in users; profiles the change leaves as they are listed as unchanged; a change that creates
// a high finding said and asked about. Then one batch (fleet/journal.ts): each profile a guarded
// Cloud Control update with a client token fixed by the plan, journalled in batches/, so the same
// command run again resumes and applies nothing twice.
import type { RegionService } from '../aws/index.js';
import { holderCounts } from '../domain/access/holders.js';
import { type BulkStep, bulkFindings, bulkReview, planBulk } from '../domain/profile/bulk-edit.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { stateDir } from '../drafts/draft-store.js';
import { batchesDir } from '../fleet/assignments.js';
import { bulkOutcome, newBulkUpdate, runBulkUpdate, unfinishedBulk } from '../fleet/bulk-update.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { confirmYes } from './ask.js';
import { type CommandContext, list, str } from './context.js';
import { editedDraft } from './profile-edit.js';
import { toJson } from './output.js';
import { createProgress } from './progress.js';
import { grantsOf } from './read-commands.js';
import { readAllProfiles, resolveInstance } from './resolve.js';

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
  const resumed = unfinishedBulk(dir, key);
  const steps: BulkStep[] = resumed?.steps ?? planBulk(instanceArn, targets, (before, i) => editedDraft(ctx, before, undefined, i === 0)).steps;
  const unchanged = targets.filter((t) => !steps.some((s) => s.arn === t.SecurityProfileArn)).map((t) => t.SecurityProfileName);
  const holders = await holdersByArn(service, instanceArn);
  const lines = bulkReview(steps, unchanged, holders, resumed !== undefined);
  if (ctx.output === 'json') ctx.io.stdout.write(toJson({ kind: 'spex/bulk-update-plan', changes: steps.map((s) => ({ name: s.name, arn: s.arn, changes: describeChanges(s.before, s.after).map((c) => c.label), users: holders(s.arn), status: s.status })), unchanged }));
  else ctx.io.stdout.write(`${lines.map((l) => sanitizeLine(l)).join('\n')}\n`);
  const left = steps.filter((s) => s.status === 'pending' || s.status === 'sent');
  if (ctx.values['dry-run'] === true || left.length === 0) return EXIT_OK;
  if (ctx.readOnly) throw new SpexError({ kind: 'read-only', message: 'spex runs with --read-only: update refused. Nothing was sent.' });
  // As a single update: a change that creates a high finding is said, and asked about (or --yes).
  const risky = left.flatMap((s) => bulkFindings(s));
  await ctx.confirmProduction(service, instanceArn);
  if (!(await confirmYes(ctx, `Update ${left.length} profile${left.length === 1 ? '' : 's'}${risky.length > 0 ? ' (with the high findings above)' : ''}? Type yes: `, 'update several profiles'))) {
    ctx.io.stderr.write('Not applied; nothing was sent.\n');
    return EXIT_FAILURE;
  }
  const journal = resumed ?? newBulkUpdate(key, steps);
  const progress = createProgress(ctx.io, 'profiles', left.length, (n) => service.timeLeft(n));
  await runBulkUpdate(journal, service, dir, { onStep: (s) => s.status !== 'sent' && progress.step() });
  progress.done();
  const outcome = bulkOutcome(journal, 'run the same command again');
  for (const line of [...outcome.lines, outcome.summary]) ctx.io.stderr.write(`spex: ${sanitizeLine(line)}\n`);
  return outcome.isComplete ? EXIT_OK : EXIT_FAILURE;
}

/** How many users hold a profile (one SearchUsers pass), for the reach; undefined for each when users cannot be read. */
async function holdersByArn(service: RegionService, instanceArn: string): Promise<(arn: string) => number | undefined> {
  const index = await service.loadUsers(instanceArn, { allowSlow: false }).catch(() => undefined);
  if (index === undefined) return () => undefined;
  const counts = holderCounts(index);
  return (arn) => counts.get(arn) ?? 0;
}

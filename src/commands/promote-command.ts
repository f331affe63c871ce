// `spex promote --from dev:acme-dev --profile-name Agent [--profile-name …] --to prod:acme-prod[,…]`:
// the named profiles carried from one instance to others (any account, any region). The plan per
// target goes to stdout (text, or JSON with --output json): create, update or unchanged, each change
// in console words with the exact request, and the id mapping. A hierarchy group the target lacks
// blocks it until chosen (--map "PATH=TARGET-PATH", --map "PATH=" or --skip-unmapped to leave it out).
// Then, after a yes (--yes), every target's steps run as tracked operations with progress on stderr,
// journalled so a stopped run resumes with the same client tokens; at the end each target is read
// again. Exit 0 when every target then matches, 2 for a --dry-run with changes, 1 otherwise.
import { SpexError } from '../domain/service/errors.js';
import { type MappingChoice, parseMapping, promotePlan, type PromoteTarget, type TargetPlan, targetPlanText } from '../domain/fleet/promote.js';
import { planCounts } from '../domain/as-code/profiles-plan.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { stateDir } from '../drafts/draft-store.js';
import { countProfiles, type Fleet, type FleetRow, findFleetInstance, instanceKey, scanFleet } from '../fleet/fleet.js';
import { activeFleetRows, shownFleetRows } from '../domain/fleet/fleet-row.js';
import { newPromotion, type Promotion, type PromotionStep, promotionsDir, runPromotion, targetOf, unfinishedPromotions } from '../fleet/promotion.js';
import { readSide, serviceFor, serviceOf } from '../fleet/read.js';
import { didYouMean, EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { EXIT_CHANGES } from './as-code.js';
import { type CommandContext, list, str } from './context.js';
import { toJson, writeTerminal } from './output.js';
import { onStderr } from './resolve.js';
import { ask } from './ask.js';

function refsOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

interface Resolved {
  source: FleetRow;
  targets: FleetRow[];
}

function resolve(rows: readonly FleetRow[], from: string, to: readonly string[], filter: string | undefined): Resolved {
  const found = findFleetInstance(rows, from);
  if (found.problem !== undefined) throw new UsageError(`--from ${found.problem}`);
  if (filter !== undefined) {
    // Every ACTIVE instance the words match (the fleet screen's filter), the source aside.
    const targets = activeFleetRows(shownFleetRows(rows, filter)).filter((r) => r.instance!.arn !== found.row.instance!.arn);
    if (targets.length === 0) throw new UsageError(`--to-filter ${filter}: no ACTIVE instance of the fleet but the source matches (spex fleet lists them)`);
    return { source: found.row, targets };
  }
  const targets = to.map((ref) => {
    const t = findFleetInstance(rows, ref);
    if (t.problem !== undefined) throw new UsageError(`--to ${t.problem}`);
    if (t.row.instance!.arn === found.row.instance!.arn) throw new UsageError(`--to ${ref} is the source instance itself`);
    return t.row;
  });
  return { source: found.row, targets };
}

/** A target as promotePlan takes it: its profiles of these names, its groups and flow modules. */
async function readTarget(ctx: CommandContext, fleet: Fleet, row: FleetRow, names: readonly string[]): Promise<Omit<PromoteTarget, 'key' | 'instanceArn'>> {
  const service = serviceOf(fleet, row);
  // The target's count and quota (one Connect summary list and one Service Quotas read): a plan past it stops here.
  const [side, quota, held] = await Promise.all([
    readSide(service, row.instance!.arn, { ...onStderr(ctx.io), what: `${instanceKey(row)} details`, names }),
    service.profileQuota().catch(() => undefined),
    row.profileCount ?? countProfiles(service, row.instance!.arn).catch(() => undefined),
  ]);
  return { current: side.profiles, groups: side.groups, modules: side.modules, agents: side.agents, held, quota };
}

export async function promoteCommand(ctx: CommandContext): Promise<number> {
  const from = str(ctx.values, 'from');
  const to = refsOf(str(ctx.values, 'to'));
  const toFilter = str(ctx.values, 'to-filter');
  const names = list(ctx.values, 'profile-name');
  if (from === undefined) throw new UsageError('promote needs --from PROFILE:INSTANCE (the instance to copy from; spex fleet lists them)');
  if (to.length > 0 && toFilter !== undefined) throw new UsageError('promote takes --to or --to-filter, not both');
  if (to.length === 0 && toFilter === undefined) throw new UsageError('promote needs --to PROFILE:INSTANCE[,PROFILE:INSTANCE…] or --to-filter WORDS (the instances to carry the profiles to)');
  if (names.length === 0) throw new UsageError('promote needs --profile-name NAME (once per profile to carry)');
  let choices: MappingChoice[];
  try {
    choices = parseMapping(list(ctx.values, 'map'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dryRun = ctx.values['dry-run'] === true;
  if (ctx.readOnly && !dryRun) throw new SpexError({ kind: 'read-only', message: 'spex runs with --read-only: promote refused; nothing was sent (--dry-run shows the plan).' });
  // Without --profile/--fleet/--all-profiles, the accounts are the ones --from and --to name.
  if (ctx.values.profile === undefined && ctx.values.fleet === undefined && ctx.values['all-profiles'] !== true && ctx.values.org !== true && ctx.values.sso === undefined && ctx.values.demo !== true && ctx.values['demo-state'] === undefined) {
    const accounts = [...new Set([from, ...to].filter((r) => !r.startsWith('arn:') && r.includes(':')).map((r) => r.slice(0, r.indexOf(':'))))];
    if (accounts.length > 0) ctx.values.profile = accounts.length === 1 ? `${accounts[0]},` : accounts.join(',');
  }
  const fleet = await ctx.fleet();
  const rows = await scanFleet(fleet, { countProfiles: false });
  const { source, targets } = resolve(rows, from, to, toFilter);
  const journalDir = promotionsDir(stateDir(ctx.io.env));
  const targetKeys = targets.map(instanceKey);

  // An unfinished run of the same promotion is resumed as it was planned, with its client tokens.
  const left = unfinishedPromotions(journalDir);
  const unfinished = left.find((p) => p.from === instanceKey(source) && same(p.names, names) && same(p.targets.map((t) => t.key), targetKeys));
  for (const other of left.filter((p) => p !== unfinished)) {
    // Another promotion stopped halfway: said, so it is not forgotten (the same command resumes it).
    ctx.io.stderr.write(`spex: note: an unfinished promotion of ${other.createdAt}: ${other.names.map((n) => `“${sanitizeLine(n)}”`).join(', ')} from ${sanitizeLine(other.from)} to ${other.targets.map((t) => sanitizeLine(t.key)).join(', ')}; the same spex promote resumes it (R on the TUI's fleet screen)\n`);
  }
  let promotion: Promotion;
  if (unfinished !== undefined && !dryRun) {
    const done = unfinished.steps.filter((s) => s.status === 'done').length;
    ctx.io.stderr.write(`spex: resuming the unfinished promotion of ${unfinished.createdAt}: ${done} of ${unfinished.steps.length} steps done; the rest are sent again with the same client tokens.\n`);
    for (const step of unfinished.steps) writeTerminal(ctx.io, `  ${step.status.padEnd(7)} ${sanitizeLine(step.target)} ${step.action} “${sanitizeLine(step.name)}”\n`);
    promotion = unfinished;
  } else {
    const { profiles: sourceProfiles, groups: sourceGroups, modules: sourceModules, agents: sourceAgents } = await readSide(serviceOf(fleet, source), source.instance!.arn, { ...onStderr(ctx.io), what: `${instanceKey(source)} details`, names });
    const missing = names.filter((n) => !sourceProfiles.some((p) => p.SecurityProfileName === n));
    if (missing.length > 0) throw new SpexError({ kind: 'not-found', message: `No security profile ${missing.map((m) => `'${sanitizeLine(m)}'`).join(', ')} in ${sanitizeLine(instanceKey(source))}${didYouMean(missing[0]!, sourceProfiles.map((p) => p.SecurityProfileName))}` });
    const plans: TargetPlan[] = [];
    for (const target of targets) {
      const read = await readTarget(ctx, fleet, target, names);
      const plan = promotePlan(sourceProfiles, sourceGroups, { key: instanceKey(target), instanceArn: target.instance!.arn, ...read }, choices, sourceModules, sourceAgents);
      if (plan.blocked.length > 0 && ctx.values['skip-unmapped'] === true) {
        const skip = plan.blocked.map((b): MappingChoice => ({ path: b.path, action: 'skip' }));
        plans.push(promotePlan(sourceProfiles, sourceGroups, { key: instanceKey(target), instanceArn: target.instance!.arn, ...read }, [...choices, ...skip], sourceModules, sourceAgents));
      } else plans.push(plan);
    }
    if (ctx.output === 'json' || ctx.output === 'yaml') {
      ctx.io.stdout.write(toJson({ kind: 'spex/promote-plan', from: instanceKey(source), profiles: names, targets: plans.map((p, i) => ({ ...p, production: targets[i]!.production })) }));
    } else for (const [i, plan] of plans.entries()) writeTerminal(ctx.io, targetPlanText(plan, targets[i]!.production));
    const blocked = plans.filter((p) => p.blocked.length > 0 || p.problems.length > 0);
    if (blocked.length > 0) {
      ctx.io.stderr.write(`spex: ${blocked.map((p) => p.key).join(', ')} ${blocked.length === 1 ? 'is' : 'are'} blocked: choose for each value above (--map, --skip-unmapped); nothing was sent.\n`);
      return EXIT_FAILURE;
    }
    const changing = plans.flatMap((p) => p.steps).filter((s) => s.action !== 'unchanged');
    if (changing.length === 0) {
      ctx.io.stderr.write('spex: every target already matches; nothing to do.\n');
      return EXIT_OK;
    }
    if (dryRun) return EXIT_CHANGES;
    promotion = newPromotion(targetOf(source, instanceKey(source)), names, targets.map((t) => targetOf(t, instanceKey(t))), plans);
  }

  // Production targets ask once more: by flag in scripts, by typing the target's name on a terminal.
  const production = targets.filter((t) => t.production && promotion.steps.some((s) => s.target === instanceKey(t)));
  if (production.length > 0 && ctx.values['confirm-production'] !== true) {
    const keys = production.map(instanceKey);
    if (!ctx.io.stdin.isTTY) throw new UsageError(`${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} production (config.json "production"): add --confirm-production to write to ${keys.length === 1 ? 'it' : 'them'}`);
    const typed = await ask(ctx, `${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} PRODUCTION. Type ${keys.length === 1 ? 'its' : 'their'} name${keys.length === 1 ? '' : 's'} (${keys.join(',')}) to go on: `);
    if (typed !== keys.join(',')) {
      ctx.io.stderr.write('Not applied; nothing was sent.\n');
      return EXIT_FAILURE;
    }
  }
  if (ctx.values.yes !== true) {
    if (!ctx.io.stdin.isTTY) throw new UsageError('refusing to promote without --yes: stdin is not a terminal to confirm on');
    const answer = await ask(ctx, `Apply ${promotion.steps.length} change${promotion.steps.length === 1 ? '' : 's'} to ${targetKeys.join(', ')}? Type yes: `);
    if (answer.toLowerCase() !== 'yes') {
      ctx.io.stderr.write('Not applied; nothing was sent.\n');
      return EXIT_FAILURE;
    }
  }
  const steps = await runPromotion(
    promotion,
    (t) => serviceFor(fleet, t),
    journalDir,
    { onStep: (s) => ctx.io.stderr.write(`spex: ${s.target}: ${s.action} “${sanitizeLine(s.name)}” ${stepWord(s)}\n`) },
  );
  return summarise(ctx, fleet, source, targets, names, choices, steps);
}

function stepWord(step: PromotionStep): string {
  if (step.status === 'sent') return step.error ? `not confirmed (${sanitizeLine(step.error)}): run the same promote again to resume` : 'sent';
  if (step.status === 'failed') return `failed: ${sanitizeLine(step.error ?? '')}`;
  return step.status;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/** What changed where and what failed, then each target read again: exit 0 only if all match. */
async function summarise(ctx: CommandContext, fleet: Fleet, source: FleetRow, targets: readonly FleetRow[], names: readonly string[], choices: readonly MappingChoice[], steps: readonly PromotionStep[]): Promise<number> {
  const { profiles: sourceProfiles, groups: sourceGroups, modules: sourceModules, agents: sourceAgents } = await readSide(serviceOf(fleet, source), source.instance!.arn, { ...onStderr(ctx.io), what: `${instanceKey(source)} details, again`, names });
  let allMatch = true;
  for (const target of targets) {
    const key = instanceKey(target);
    const mine = steps.filter((s) => s.target === key);
    const count = (st: string): number => mine.filter((s) => s.status === st).length;
    const read = await readTarget(ctx, fleet, target, names);
    const skip = ctx.values['skip-unmapped'] === true ? promotePlan(sourceProfiles, sourceGroups, { key, instanceArn: target.instance!.arn, ...read }, choices, sourceModules, sourceAgents).blocked.map((b): MappingChoice => ({ path: b.path, action: 'skip' })) : [];
    const again = promotePlan(sourceProfiles, sourceGroups, { key, instanceArn: target.instance!.arn, ...read }, [...choices, ...skip], sourceModules, sourceAgents);
    const left = again.steps.filter((s) => s.action !== 'unchanged');
    const matches = left.length === 0 && again.blocked.length === 0;
    allMatch &&= matches;
    ctx.io.stderr.write(`spex: ${key}: ${count('done')} applied, ${count('failed')} failed${count('sent') > 0 ? `, ${count('sent')} not confirmed` : ''}; read again: ${matches ? 'it matches' : `still differs (${planCounts(again.steps)})`}\n`);
    for (const s of mine.filter((x) => x.status === 'failed')) ctx.io.stderr.write(`  ${s.action} “${sanitizeLine(s.name)}”: ${sanitizeLine(s.error ?? '')}\n`);
  }
  return allMatch ? EXIT_OK : EXIT_FAILURE;
}

// Security profiles as code: `spex export` writes an instance's profiles as one YAML (or JSON)
// document of spex's own format (domain/as-code/profiles-file.ts); `spex plan -f FILE` compares a file with an
// instance and prints what would change, in console words and as the exact requests, with exit codes
// as `terraform plan -detailed-exitcode` has them: 0 nothing to do, 2 changes, 1 error.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { SpexError } from '../domain/service/errors.js';
import { cloudFormationJson, cloudFormationYaml, toCloudFormation } from '../domain/as-code/export-cloudformation.js';
import type { ExportLoss } from '../domain/as-code/export-shape.js';
import { toTerraform } from '../domain/as-code/export-terraform.js';
import { profilesYaml, toProfilesFile } from '../domain/as-code/profiles-file.js';
import { inertJson, sanitizeLine } from '../domain/text/sanitize.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { didYouMean, EXIT_FAILURE, EXIT_OK, parseMaxFileSize, readBoundedText, UsageError } from '../io.js';
import { VERSION } from '../version.js';
import { type CommandContext, list, str } from './context.js';
import { toJson, toYaml, writeError, writeTerminal } from './output.js';
import { DEFAULT_PROFILE_QUOTA, quotaShortfall } from '../domain/access/quota.js';
import { waitForOperation } from './progress.js';
import { parseProfilesDocument, planCounts, planSteps, ProfilesFileError, type PlanStep, stepToken } from '../domain/as-code/profiles-plan.js';
import { readAllProfiles, resolveInstance } from './resolve.js';
import { counted } from '../domain/text/format.js';
import { confirmYes } from './ask.js';
import { runJournal } from '../fleet/journal.js';
import { applyBatch, sendPlanStep } from '../fleet/plan-step.js';

/** Exit status of `plan` when there are changes (`terraform plan -detailed-exitcode`). */
export const EXIT_CHANGES = 2;
/** Exit status of an export that would lose values the target cannot express (without --allow-loss). */
export const EXIT_LOSS = 3;

export async function exportCommand(ctx: CommandContext): Promise<number> {
  const format = str(ctx.values, 'format') ?? 'yaml';
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got '${format}')`);
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const names = list(ctx.values, 'name');
  const [all, groups] = await Promise.all([readAllProfiles(await ctx.service(), instanceArn, ctx.io), service.listHierarchyGroups(instanceArn).catch(() => [])]);
  const chosen = names.length === 0 ? all : all.filter((p) => names.includes(p.SecurityProfileName));
  const missing = names.filter((n) => !all.some((p) => p.SecurityProfileName === n));
  if (missing.length > 0) throw new SpexError({ kind: 'not-found', message: `No security profile ${missing.map((n) => `'${sanitizeLine(n)}'`).join(', ')} in that instance${didYouMean(missing[0]!, all.map((p) => p.SecurityProfileName))}` });
  if (format === 'cloudformation' || format === 'cloudformation-json') return writeCloudFormation(ctx, chosen, instanceArn, groups, format === 'cloudformation-json');
  if (format === 'terraform-awscc' || format === 'terraform-aws') {
    const { hcl, losses } = toTerraform(chosen, format);
    return writeExport(ctx, hcl, losses, format === 'terraform-aws' ? 'the standard Terraform resource' : 'awscc');
  }
  const file = toProfilesFile(chosen, groups);
  const header = ` spex ${VERSION} export of ${instanceArn}\n (${service.region}) at ${new Date().toISOString()}: ${file.profiles.length} profile${file.profiles.length === 1 ? '' : 's'}.\n Check it against an instance with: spex plan -f FILE --instance I`;
  const text = format === 'json' ? toJson(file) : profilesYaml(file, header);
  const target = str(ctx.values, 'file');
  if (target === undefined) ctx.io.stdout.write(text);
  else {
    await writeFile(target, text);
    ctx.io.stderr.write(`spex: wrote ${counted(file.profiles.length, 'profile')} to ${target}\n`);
  }
  return EXIT_OK;
}

const EXPORT_FORMATS: readonly string[] = ['yaml', 'json', 'cloudformation', 'cloudformation-json', 'terraform-awscc', 'terraform-aws'];

async function writeCloudFormation(ctx: CommandContext, profiles: SecurityProfile[], instanceArn: string, groups: Parameters<typeof toCloudFormation>[2], json: boolean): Promise<number> {
  const { template, losses } = toCloudFormation(profiles, instanceArn, groups);
  return writeExport(ctx, json ? cloudFormationJson(template) : cloudFormationYaml(template), losses, 'CloudFormation');
}

/** Writes an export for another tool, unless it loses values and --allow-loss was not given (exit 3). */
async function writeExport(ctx: CommandContext, text: string, losses: readonly ExportLoss[], target: string): Promise<number> {
  for (const loss of losses) ctx.io.stderr.write(`spex: warning: ${sanitizeLine(loss.profile)}: ${loss.field}: ${loss.why}\n`);
  if (losses.length > 0 && ctx.values['allow-loss'] !== true) {
    ctx.io.stderr.write(`spex: ${losses.length} value${losses.length === 1 ? '' : 's'} ${target} cannot express; nothing written (--allow-loss writes the rest)\n`);
    return EXIT_LOSS;
  }
  return writeText(ctx, text);
}

async function writeText(ctx: CommandContext, text: string): Promise<number> {
  const target = str(ctx.values, 'file');
  if (target === undefined) ctx.io.stdout.write(text);
  else await writeFile(target, text);
  return EXIT_OK;
}

/**
 * Reads and checks a profiles file. What is wrong with it is an error (exit 1, with file, line and
 * column, no usage text), never exit 2: `plan` exits 2 for "changes", and CI must not read a broken
 * file as a pending change. A file over the size limit is refused before it is read.
 */
export async function readProfilesFile(path: string, limit?: number): Promise<ReturnType<typeof parseProfilesDocument>> {
  const text = await readBoundedText(path, limit);
  try {
    return parseProfilesDocument(text, path);
  } catch (error) {
    if (error instanceof ProfilesFileError) throw new SpexError({ kind: 'validation', field: path, message: error.message });
    throw error;
  }
}

/** A plan saved by `plan --save`: read within the size limit, as JSON; what is wrong is an error (exit 1). */
async function readSavedPlan(path: string, limit: number | undefined): Promise<{ kind?: string; instanceArn?: string; steps?: PlanStep[]; file?: string }> {
  const text = await readBoundedText(path, limit);
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value) : {};
  } catch {
    throw new SpexError({ kind: 'validation', field: path, message: `${path}: not a plan saved by spex plan --save (not JSON)` });
  }
}

/** The plan of a profiles file against an instance, read now. */
async function makePlan(ctx: CommandContext, path: string, knownInstance?: string): Promise<{ instanceArn: string; steps: PlanStep[]; held: number }> {
  const { file, locate } = await readProfilesFile(path, parseMaxFileSize(str(ctx.values, 'max-file-size')));
  const service = await ctx.service();
  const instanceArn = knownInstance ?? (await resolveInstance(service, str(ctx.values, 'instance')));
  const [current, groups] = await Promise.all([readAllProfiles(await ctx.service(), instanceArn, ctx.io), service.listHierarchyGroups(instanceArn).catch(() => [])]);
  const { steps, problems } = planSteps(file, instanceArn, current, groups, ctx.values.prune === true, { allowUnknown: ctx.values['allow-unknown'] === true, locate });
  if (problems.length > 0) throw new SpexError({ kind: 'validation', message: `the plan cannot be made; nothing would be sent:\n${problems.map((p) => `  ${sanitizeLine(p)}`).join('\n')}` });
  return { instanceArn, steps, held: current.length };
}

/** Whether the plan fits the instance's quota: a sentence when it does not (the quota read, else AWS's default). */
async function quotaProblem(ctx: CommandContext, steps: readonly PlanStep[], held: number): Promise<string | undefined> {
  const creates = steps.filter((s) => s.action === 'create').length;
  if (creates === 0) return undefined;
  const read = await (await ctx.service()).profileQuota().catch(() => undefined);
  return quotaShortfall(held, read ?? DEFAULT_PROFILE_QUOTA, creates, steps.filter((s) => s.action === 'delete').length, read === undefined);
}

function planText(steps: readonly PlanStep[], path: string): string {
  const out: string[] = [];
  const changing = steps.filter((s) => s.action !== 'unchanged');
  for (const step of changing) {
    out.push(`${step.action === 'create' ? '+ create' : step.action === 'delete' ? '− delete' : '~ update'} “${sanitizeLine(step.name)}”`);
    for (const change of step.changes) out.push(`    ${change}`);
    out.push(`    request: ${inertJson(step.request)}`);
  }
  out.push(changing.length === 0 ? `Nothing to do: the instance matches ${path} (${counted(steps.length, 'profile')}).` : `Plan: ${planCounts(steps)}.`);
  return `${out.join('\n')}\n`;
}

export async function planCommand(ctx: CommandContext): Promise<number> {
  const path = str(ctx.values, 'file');
  if (path === undefined) throw new UsageError('plan needs -f FILE (a spex profiles file: spex export writes one)');
  const { instanceArn, steps, held } = await makePlan(ctx, path);
  const changing = steps.filter((s) => s.action !== 'unchanged');
  // A plan past the quota is still shown (it is what the file asks); apply refuses it before sending.
  const full = await quotaProblem(ctx, steps, held);
  if (full !== undefined) writeError(ctx.io, `warning: ${full}; apply would refuse this plan.`);
  const doc = { kind: 'spex/plan', instanceArn, file: path, summary: planCounts(steps), steps };
  const saved = str(ctx.values, 'save');
  if (saved !== undefined) await writeFile(saved, toJson(doc));
  if (ctx.output === 'json' || ctx.output === 'yaml') ctx.io.stdout.write(ctx.output === 'json' ? toJson(doc) : await toYaml(doc));
  else writeTerminal(ctx.io, planText(steps, path));
  return changing.length === 0 ? EXIT_OK : EXIT_CHANGES;
}

/**
 * `spex apply -f FILE --instance I` (or `spex apply plan.json`): the plan, a question (unless --yes),
 * then each step as a tracked operation: updates carry the plan's guards, so a profile changed since
 * the plan was made is refused rather than overwritten. At the end the instance is read again: exit 0
 * only if it then matches the file.
 */
export async function applyCommand(ctx: CommandContext): Promise<number> {
  if (ctx.readOnly) throw new SpexError({ kind: 'read-only', message: 'spex runs with --read-only: apply refused; nothing was sent.' });
  const savedPlan = ctx.positionals[0];
  const path = str(ctx.values, 'file');
  if ((savedPlan === undefined) === (path === undefined)) throw new UsageError('apply takes -f FILE (a profiles file) or a saved plan (spex plan --save plan.json), one of them');
  let instanceArn: string;
  let steps: PlanStep[];
  let checkAgainst = path;
  if (savedPlan !== undefined) {
    const doc = await readSavedPlan(savedPlan, parseMaxFileSize(str(ctx.values, 'max-file-size')));
    // The file the plan was made from, to check the instance against at the end (when it is still there).
    if (typeof doc.file === 'string' && existsSync(doc.file)) checkAgainst = doc.file;
    if (doc.kind !== 'spex/plan' || typeof doc.instanceArn !== 'string' || !Array.isArray(doc.steps)) throw new SpexError({ kind: 'validation', field: savedPlan, message: `${savedPlan}: not a plan saved by spex plan --save` });
    ({ instanceArn } = doc as { instanceArn: string });
    steps = doc.steps;
  } else {
    let held: number;
    ({ instanceArn, steps, held } = await makePlan(ctx, path!));
    const full = await quotaProblem(ctx, steps, held);
    if (full !== undefined) throw new SpexError({ kind: 'conflict', message: `${full}. Nothing was sent.` });
  }
  const changing = steps.filter((s) => s.action !== 'unchanged');
  ctx.io.stderr.write(planText(steps, path ?? savedPlan!));
  if (changing.length === 0) return EXIT_OK;
  await ctx.confirmProduction(await ctx.service(), instanceArn);
  if (!(await confirmYes(ctx, `Apply ${planCounts(changing)} to ${instanceArn}? Type yes: `, 'apply'))) {
    ctx.io.stderr.write('Not applied; nothing was sent.\n');
    return EXIT_FAILURE;
  }
  const service = await ctx.service();
  const failed: string[] = [];
  // On the batch engine, without a journal file: the plan and its client tokens are what makes a rerun
  // apply nothing twice (the same file planned again gives the same steps and tokens).
  await runJournal(applyBatch(instanceArn, changing), {
    dir: undefined,
    execute: async ({ step }) => {
      const operation = sendPlanStep(service, step, stepToken(instanceArn, step));
      try {
        await waitForOperation(ctx.io, operation);
        ctx.io.stderr.write(`spex: ${step.action}d “${sanitizeLine(step.name)}”\n`);
        return { status: 'done' };
      } catch (error) {
        const message = error instanceof SpexError ? error.error.message : (error as Error).message;
        failed.push(`${step.action} “${sanitizeLine(step.name)}”: ${sanitizeLine(message)}`);
        return { status: 'failed', error: message };
      }
    },
  });
  if (failed.length > 0) {
    ctx.io.stderr.write(`spex: ${failed.length} of ${changing.length} steps failed:\n${failed.map((f) => `  ${f}`).join('\n')}\n`);
    return EXIT_FAILURE;
  }
  // Read again: done only when the instance matches what was asked.
  if (checkAgainst !== undefined) {
    const again = await makePlan(ctx, checkAgainst, instanceArn);
    const left = again.steps.filter((s) => s.action !== 'unchanged');
    if (left.length > 0) {
      ctx.io.stderr.write(`spex: applied, but the instance still differs from ${checkAgainst}: ${planCounts(again.steps)}\n`);
      return EXIT_FAILURE;
    }
  }
  ctx.io.stdout.write(`Applied: ${planCounts(changing)}.\n`);
  return EXIT_OK;
}

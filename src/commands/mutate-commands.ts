// create, update and delete: validated before anything is sent, waited for with progress on stderr,
// and refused outright under --read-only.
import { inertJson, shellQuote } from '../domain/text/sanitize.js';
import type { RegionService } from '../aws/index.js';
import { SpexError } from '../domain/service/errors.js';
import { holdersRefusal, isHeld } from '../domain/access/holders.js';
import { cloudControlRefusalText } from '../domain/profile/cloud-control-safe.js';
import { applyPatch, buildPatch } from '../domain/profile/patch.js';
import { connectIssues, connectTakesAll, connectUpdateRequests } from '../domain/profile/connect-plan.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import { isBuiltInProfileName, type SecurityProfile, type SecurityProfileDraft } from '../domain/profile/security-profile.js';
import { validateProfile, validationMessage } from '../domain/profile/validate.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseMaxFileSize, UsageError } from '../io.js';
import { type CommandContext, list, str } from './context.js';
import { draftFromFile, parseTag, permissionArgOptions, resolvePermissionArgs, setTags, withImpliedViews } from './edits.js';
import { editedDraft, isBulkUpdate } from './profile-edit.js';
import { profileFields } from './profile-fields.js';
import { profileArnOf, requireProfileRef, resolveInstance } from './resolve.js';
import { renderFields, write, writeError } from './output.js';
import { findingChanges, findingSentence } from '../domain/access/lint.js';
import { readProfileFile } from './profile-file.js';
import { waitForOperation } from './progress.js';
import { ask } from './ask.js';

function refuseReadOnly(ctx: CommandContext, what: string): void {
  if (ctx.readOnly) throw new SpexError({ kind: 'read-only', message: `spex runs with --read-only: ${what} refused; nothing was sent.` });
}

function validationFailure(issues: ReturnType<typeof validateProfile>): SpexError {
  const first = issues[0];
  return new SpexError({ kind: 'validation', message: `nothing was sent:\n${validationMessage(issues)}`, ...(first ? { field: first.field, rule: first.rule } : {}) });
}

const warnTo = (ctx: CommandContext) => (line: string) => writeError(ctx.io, `warning: ${line}`);
const noteTo = (ctx: CommandContext) => (line: string) => ctx.io.stderr.write(`spex: note: ${line}\n`);

export async function createCommand(ctx: CommandContext): Promise<number> {
  refuseReadOnly(ctx, 'create');
  const file = str(ctx.values, 'from-file');
  const base = file ? draftFromFile(await readProfileFile(file, parseMaxFileSize(str(ctx.values, 'max-file-size'))), file) : {};
  const service = await ctx.service();
  const instanceRef = str(ctx.values, 'instance');
  const draft: Record<string, unknown> = { ...base };
  if (instanceRef !== undefined || draft.InstanceArn === undefined) draft.InstanceArn = await resolveInstance(service, instanceRef);
  const name = str(ctx.values, 'name');
  if (name !== undefined) draft.SecurityProfileName = name;
  if (draft.SecurityProfileName === undefined) throw new UsageError('create needs --name (or SecurityProfileName in --from-file)');
  const description = str(ctx.values, 'description');
  if (description !== undefined) draft.Description = description;
  const options = permissionArgOptions(ctx.values);
  const fromBase = (draft.Permissions as string[] | undefined) ?? [];
  const typed = resolvePermissionArgs(list(ctx.values, 'permission'), 'permission', options, warnTo(ctx));
  const permissions = withImpliedViews(typed, new Set(fromBase), options, noteTo(ctx));
  if (permissions.length > 0) draft.Permissions = [...new Set([...fromBase, ...permissions])];
  const tags = list(ctx.values, 'tag').map(parseTag);
  if (tags.length > 0) draft.Tags = setTags(draft.Tags as SecurityProfileDraft['Tags'], tags, []);
  const issues = validateProfile(draft, 'create');
  // What only Cloud Control refuses is created through Connect, whose own rules the service checks.
  const throughConnect = connectTakesAll(issues, draft as unknown as SecurityProfileDraft) && service.canSaveThroughConnect();
  if (issues.length > 0 && !throughConnect) throw validationFailure(issues);
  if (throughConnect) noteTo(ctx)('the profile goes through the Connect API (CreateSecurityProfile): Cloud Control refuses its values');
  await ctx.confirmProduction(service, String(draft.InstanceArn));
  const outcome = await waitForOperation(ctx.io, service.createProfile(draft as unknown as SecurityProfileDraft));
  const model = outcome.model;
  await write(ctx.io, ctx.output, model ?? { identifier: outcome.identifier }, () =>
    model ? `Created.\n${profileFields(model)}` : `Created ${outcome.identifier ?? ''}\n`,
  );
  return EXIT_OK;
}

/**
 * The profile as update's flags change it (--add/--remove-permission with implied Views, --description,
 * --tag/--untag, --from-file); `say`: whether notes and warnings reach stderr (a bulk update says them once).
 */
export async function updateCommand(ctx: CommandContext): Promise<number> {
  // Several profiles at once (--profile-name …, --grants P, --all): one review, one batch.
  if (isBulkUpdate(ctx)) return (await import('./bulk-update.js')).bulkUpdateCommand(ctx);
  requireProfileRef(ctx, 'update');
  const dryRun = ctx.values['dry-run'] === true;
  if (!dryRun) refuseReadOnly(ctx, 'update');
  const file = str(ctx.values, 'from-file');
  const fromFile = file ? draftFromFile(await readProfileFile(file, parseMaxFileSize(str(ctx.values, 'max-file-size'))), file) : undefined;
  const service = await ctx.service();
  const arn = await profileArnOf(ctx, service, 'update');
  const before = await service.getProfile(arn);
  const after = editedDraft(ctx, before, fromFile);
  const patch = buildPatch(before, after, { guard: true });
  const changes = describeChanges(before, after).map((c) => c.label);
  const refusal = patch.some((op) => op.op !== 'test') ? cloudControlRefusalText(before) : undefined;
  if (refusal) {
    // Cloud Control validates the whole profile on every change: the profile's own values are the
    // problem. Connect's own API takes them, so the change goes there when it may.
    if (!service.canSaveThroughConnect()) {
      throw new SpexError({ kind: 'validation', message: `${refusal} The Connect API could save it, but spex runs on Cloud Control alone here. Nothing was sent.` });
    }
    const issues = connectIssues(after);
    if (issues.length > 0) throw new SpexError({ kind: 'validation', message: `${issues.join('; ')}. Nothing was sent.` });
    const requests = connectUpdateRequests(before, after);
    ctx.io.stderr.write(`spex: note: ${refusal.replace(/\.$/, '')}; the change goes through the Connect API (${requests.map((r) => r.operation).join(', ')}).\n`);
    if (dryRun) {
      await write(ctx.io, ctx.output, { arn, changes, route: 'connect', requests }, () =>
        `${changes.join('\n')}\n\nConnect API requests (not sent):\n${requests.map((r) => `${r.http}\n${inertJson(r.body, 2)}`).join('\n')}\n`,
      );
      return EXIT_OK;
    }
  } else {
    const result = applyPatch(before, patch);
    const issues = validateProfile(result, 'stored');
    if (issues.length > 0) throw validationFailure(issues);
  }
  if (dryRun) {
    await write(ctx.io, ctx.output, { arn, changes, patch }, () =>
      `${changes.length ? changes.join('\n') : 'No changes.'}\n\nPatch (not sent):\n${inertJson(patch, 2)}\n`,
    );
    return EXIT_OK;
  }
  if (!patch.some((op) => op.op !== 'test')) {
    ctx.io.stderr.write('No changes; nothing was sent.\n');
    await write(ctx.io, ctx.output, before, () => 'No changes; nothing was sent.\n');
    return EXIT_OK;
  }
  // As the TUI's review: a change that creates a high finding is said, and asked about (or --yes).
  const risky = findingChanges(before, { ...after }).created.filter((f) => f.severity === 'high');
  if (risky.length > 0) {
    for (const f of risky) writeError(ctx.io, `warning: high: ${findingSentence(f)}`);
    if (ctx.values.yes !== true) {
      if (!ctx.io.stdin.isTTY) throw new SpexError({ kind: 'validation', message: 'the change creates a high finding (above); --yes saves it anyway. Nothing was sent.' });
      const answer = await ask(ctx, 'Save it anyway? Type yes: ');
      if (answer.trim().toLowerCase() !== 'yes') {
        writeError(ctx.io, 'not saved; nothing was sent.');
        return EXIT_FAILURE;
      }
    }
  }
  await ctx.confirmProduction(service, instanceOfArn(arn));
  const outcome = await waitForOperation(ctx.io, service.updateProfile(arn, before, after));
  const model = outcome.model ?? (await service.getProfile(arn));
  await write(ctx.io, ctx.output, model, () => `Updated.\n${changes.join('\n')}\n`);
  return EXIT_OK;
}

/**
 * The delete guard: Connect refuses to delete a profile that users hold, so ask who holds it first and
 * refuse, naming them, before anything is sent. When nobody can say (the user list is not to be
 * trusted), say so and let Connect decide.
 */
async function refuseHeld(ctx: CommandContext, service: RegionService, arn: string, name: string): Promise<void> {
  const list = await service.listHolders(arn);
  if (isHeld(list)) {
    const move = `spex move-holders --instance ${shellQuote(instanceOfArn(arn))} --from ${shellQuote(name)} --to PROFILE --delete`;
    throw new SpexError({ kind: 'conflict', message: `${holdersRefusal(name, list.holders, 10, list.agents)} Nothing was deleted. To move them to another profile and then delete it, in one batch: ${move}` });
  }
  if (!list.complete) ctx.io.stderr.write(`spex: note: ${list.note ?? 'who holds it is unknown'}; Connect refuses the delete if anyone does.\n`);
}

export async function deleteCommand(ctx: CommandContext): Promise<number> {
  requireProfileRef(ctx, 'delete');
  refuseReadOnly(ctx, 'delete');
  const service = await ctx.service();
  const arn = await profileArnOf(ctx, service, 'delete');
  const profile: SecurityProfile = await service.getProfile(arn);
  const name = profile.SecurityProfileName;
  if (isBuiltInProfileName(name)) {
    throw new SpexError({ kind: 'validation', message: `'${name}' is a built-in security profile; spex does not delete built-in profiles.` });
  }
  await ctx.confirmProduction(service, instanceOfArn(arn));
  if (ctx.values.yes !== true) {
    if (!ctx.io.stdin.isTTY) {
      writeError(ctx.io, `refusing to delete '${name}' without --yes: stdin is not a terminal to confirm on.`);
      return EXIT_USAGE;
    }
    const typed = await ask(ctx, `Delete security profile '${name}'? Type its name to confirm: `);
    if (typed.trim() !== name) {
      writeError(ctx.io, 'the name did not match; nothing was deleted.');
      return EXIT_FAILURE;
    }
  }
  await refuseHeld(ctx, service, arn, name);
  const outcome = await waitForOperation(ctx.io, service.deleteProfile(arn, { current: profile }));
  await write(ctx.io, ctx.output, { deleted: arn, name, requestToken: outcome.status.requestToken }, () =>
    renderFields([
      ['Deleted', name],
      ['ARN', arn],
    ]),
  );
  return EXIT_OK;
}

/** The instance ARN a profile ARN belongs to. */
function instanceOfArn(profileArn: string): string {
  return profileArn.replace(/\/security-profile\/.*$/, '');
}

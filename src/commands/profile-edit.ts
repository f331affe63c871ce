// What update's flags do to a profile, for one profile (spex update P) and for many (bulk-update.ts).
import type { SecurityProfile, SecurityProfileDraft } from '../domain/profile/security-profile.js';
import { toDraft } from '../domain/profile/security-profile.js';
import { type CommandContext, list, str } from './context.js';
import { editPermissions, parseTag, permissionArgOptions, resolvePermissionArgs, setTags, withImpliedViews } from './edits.js';
import { writeError } from './output.js';

const warnTo = (ctx: CommandContext) => (line: string) => writeError(ctx.io, `warning: ${line}`);
const noteTo = (ctx: CommandContext) => (line: string) => ctx.io.stderr.write(`spex: note: ${line}\n`);

/** Whether update names several profiles (--profile-name, --grants, --all) rather than one. */
export function isBulkUpdate(ctx: CommandContext): boolean {
  return list(ctx.values, 'profile-name').length > 0 || list(ctx.values, 'grants').length > 0 || ctx.values.all === true;
}

export function editedDraft(ctx: CommandContext, before: SecurityProfile, fromFile?: Partial<SecurityProfileDraft>, say = true): SecurityProfileDraft {
  const after: SecurityProfileDraft = { ...toDraft(before), ...(fromFile ?? {}) };
  const description = str(ctx.values, 'description');
  // An empty --description removes it.
  if (description !== undefined) {
    if (description === '') delete after.Description;
    else after.Description = description;
  }
  const warn = say ? warnTo(ctx) : () => undefined;
  const options = permissionArgOptions(ctx.values);
  const granted = new Set(after.Permissions ?? []);
  const add = withImpliedViews(resolvePermissionArgs(list(ctx.values, 'add-permission'), 'add-permission', options, warn), granted, options, say ? noteTo(ctx) : () => undefined);
  // A name the profile holds is removed as it is spelt there, known to the catalogue or not.
  const removeTyped = list(ctx.values, 'remove-permission');
  const remove = [
    ...removeTyped.filter((p) => granted.has(p)),
    ...resolvePermissionArgs(
      removeTyped.filter((p) => !granted.has(p)),
      'remove-permission',
      options,
      () => undefined,
    ),
  ];
  if (add.length + remove.length > 0) {
    const permissions = editPermissions(after.Permissions, { add, remove }, warn);
    if (permissions) after.Permissions = permissions;
    else delete after.Permissions;
  }
  const setTagList = list(ctx.values, 'tag').map(parseTag);
  const untag = list(ctx.values, 'untag');
  if (setTagList.length + untag.length > 0) {
    const tags = setTags(after.Tags, setTagList, untag);
    if (tags) after.Tags = tags;
    else delete after.Tags;
  }
  return after;
}


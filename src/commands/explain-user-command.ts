// `spex explain-user <login|user-id> --instance I`: every permission a user has, which of their
// profiles grants it, the restrictions that really apply once their profiles combine, and the Views
// the console grants implicitly (domain/access/explain-user.ts).
import { SpexError } from '../domain/service/errors.js';
import { explainUser, explanationLines } from '../domain/access/explain-user.js';
import { rankSuggestions } from '../domain/permissions/permission-search.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { SecurityProfile } from '../domain/profile/security-profile.js';
import { UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { createProgress } from './progress.js';
import { resolveInstance } from './resolve.js';
import { groupPath } from '../domain/as-code/profiles-file.js';

export async function explainUserCommand(ctx: CommandContext): Promise<number> {
  const wanted = ctx.positionals[0];
  if (!wanted) throw new UsageError('explain-user needs a user: their login or user id, with --instance');
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  let progress: ReturnType<typeof createProgress> | undefined;
  const index = await service
    .loadUsers(instanceArn, {
      allowSlow: true,
      onProgress: (done, total) => {
        progress ??= createProgress(ctx.io, 'users (AWS::Connect::User, one read each)', total);
        if (done > 0) progress.step();
      },
    })
    .finally(() => progress?.done());
  const lower = wanted.toLowerCase();
  const user = index.users.find((u) => u.username.toLowerCase() === lower || u.arn.split('/').pop() === wanted);
  if (!user) {
    const close = rankSuggestions(wanted, index.users.map((u) => u.username), 3);
    throw new SpexError({ kind: 'not-found', message: `No user '${sanitizeLine(wanted)}' in that instance${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}${index.complete ? '' : `; ${index.note ?? 'the user list could not be trusted'}`}.` });
  }
  // A profile that cannot be read is listed as missing in the explanation, not guessed at.
  const read = await Promise.all(user.securityProfileArns.map((arn) => service.getProfile(arn).then((p) => [arn, p] as const, () => undefined)));
  const profiles = new Map(read.filter((r): r is readonly [string, SecurityProfile] => r !== undefined));
  const groups = await service.listHierarchyGroups(instanceArn).catch(() => []);
  const groupName = (id: string): string | undefined => groupPath(id, groups);
  const explanation = explainUser(user, profiles);
  await write(ctx.io, ctx.output, explanation, () => `${explanationLines(explanation, groupName).map(sanitizeLine).join('\n')}\n`);
  return 0;
}

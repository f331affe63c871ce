// `spex users <profile>`: who holds a profile (ARN, id or name with --instance), with each user's
// hierarchy group and the other profiles they hold. SearchUsers where Connect allows it, else
// AWS::Connect::User through Cloud Control (slower, with progress on stderr).
import { fullName, type HolderList } from '../domain/access/holders.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { createProgress } from './progress.js';
import { resolveProfileRef } from './resolve.js';
import { groupPath } from '../domain/as-code/profiles-file.js';

export function routeNote(list: Pick<HolderList, 'route' | 'complete' | 'note'>): string | undefined {
  if (!list.complete) return `who holds it is unknown: ${list.note ?? 'the user list could not be trusted'}`;
  return list.route === 'cloud-control' ? 'holders read through AWS::Connect::User (Cloud Control), one read per user' : undefined;
}

export async function usersCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const { arn, profiles } = await resolveProfileRef(service, ctx.io, ctx.positionals[0], str(ctx.values, 'instance'));
  const instanceArn = arn.replace(/\/security-profile\/.*$/, '');
  let progress: ReturnType<typeof createProgress> | undefined;
  const [list, groups] = await Promise.all([
    service.listHolders(arn, {
      onProgress: (done, total) => {
        progress ??= createProgress(ctx.io, 'users (AWS::Connect::User, one read each)', total);
        if (done > 0) progress.step();
      },
    }),
    service.listHierarchyGroups(instanceArn).catch(() => []),
  ]).finally(() => progress?.done());
  const note = routeNote(list);
  if (note) ctx.io.stderr.write(`spex: note: ${note}.\n`);
  const names = new Map(profiles.map((p) => [p.arn, p.name ?? p.arn.split('/').pop() ?? p.arn]));
  // By the path of names from the top, as the TUI, export, drift and promote name groups.
  const groupNames = new Map(groups.map((g) => [g.arn, groupPath(g.id, groups) ?? g.name ?? g.id]));
  const rows = list.holders.map((u) => ({
    username: u.username,
    name: fullName(u),
    arn: u.arn,
    hierarchyGroup: u.hierarchyGroupArn === undefined ? undefined : (groupNames.get(u.hierarchyGroupArn) ?? u.hierarchyGroupArn.split('/').pop()),
    otherProfiles: u.securityProfileArns.filter((a) => a !== arn).map((a) => names.get(a) ?? a.split('/').pop() ?? a),
  }));
  // AI agents hold profiles too (Amazon Q in Connect): listed after the users, by name.
  const agents = (list.agents ?? []).map((a) => ({ name: a.name, arn: a.arn, otherProfiles: a.profileArns.filter((p) => p !== arn).map((p) => names.get(p) ?? p.split('/').pop() ?? p) }));
  const doc = { profile: { arn, name: names.get(arn) }, count: rows.length, complete: list.complete, route: list.route, users: rows, aiAgents: agents };
  const agentLines = (t: Parameters<Parameters<typeof write>[3]>[0]): string =>
    agents.length === 0
      ? ''
      : `\n${t.renderTable(agents, [
          { header: 'AI AGENT', value: (r) => r.name },
          { header: 'ARN', value: (r) => r.arn, max: 120 },
          { header: 'OTHER PROFILES', value: (r) => r.otherProfiles.join(', '), max: 80 },
        ])}${agents.length} AI agent${agents.length === 1 ? '' : 's'} hold${agents.length === 1 ? 's' : ''} it too.\n`;
  await write(ctx.io, ctx.output, doc, (t) =>
    (rows.length === 0
      ? list.complete
        ? `${agents.length > 0 ? 'No user holds' : 'Nobody holds'} ${names.get(arn) ?? arn}.\n`
        : `Who holds ${names.get(arn) ?? arn} is unknown.\n`
      : t.renderTable(rows, [
          { header: 'USERNAME', value: (r) => r.username },
          { header: 'NAME', value: (r) => r.name },
          { header: 'HIERARCHY GROUP', value: (r) => r.hierarchyGroup },
          { header: 'OTHER PROFILES', value: (r) => r.otherProfiles.join(', '), max: 80 },
        ]) + `${rows.length} user${rows.length === 1 ? '' : 's'} hold ${names.get(arn) ?? arn}.\n`) + agentLines(t),
  );
  return 0;
}

// The commands that only read: regions, instances, list, get, requests, iam-policy.
import type { RegionService } from '../cloudcontrol/index.js';
import { SpexError } from '../domain/errors.js';
import { formatAbsoluteTime } from '../domain/format.js';
import { buildIamPolicy } from '../domain/iam-policy.js';
import { groupPermissions, permissionLabel } from '../domain/permissions.js';
import { CONNECT_REGIONS } from '../domain/regions.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { ConnectInstance, ProfileSummary, SecurityProfile } from '../domain/security-profile.js';
import { UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { renderFields, renderTable, write } from './output.js';

/** --instance as an ARN, an instance id or an alias. */
export async function resolveInstance(service: RegionService, ref: string | undefined): Promise<string> {
  if (!ref) throw new UsageError('--instance is required (an instance ARN, id or alias; `spex instances` lists them)');
  if (ref.startsWith('arn:')) return ref;
  const instances = await service.listInstances();
  const match = instances.find((i) => i.id === ref) ?? instances.find((i) => i.alias === ref) ?? instances.find((i) => i.alias?.toLowerCase() === ref.toLowerCase());
  if (!match) {
    const known = instances.map((i) => i.alias ?? i.id).join(', ') || 'none';
    throw new SpexError({ kind: 'not-found', message: `No instance '${ref}' in ${service.region} (instances: ${known}).` });
  }
  return match.arn;
}

export function requireArn(ctx: CommandContext, what: string): string {
  const arn = ctx.positionals[0];
  if (!arn) throw new UsageError(`${what} needs the profile ARN (spex list --instance I shows them)`);
  if (!arn.startsWith('arn:')) throw new UsageError(`'${arn}' is not an ARN: ${what} takes a security profile ARN`);
  return arn;
}

export async function regionsCommand(ctx: CommandContext): Promise<number> {
  const rows = CONNECT_REGIONS.map((r) => ({ code: r.code, name: r.name }));
  write(ctx.io, ctx.output, rows, () =>
    renderTable(rows, [
      { header: 'REGION', value: (r) => r.code },
      { header: 'NAME', value: (r) => r.name },
    ]),
  );
  return 0;
}

export async function instancesCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const instances = await service.listInstances();
  write(ctx.io, ctx.output, instances, () =>
    instances.length === 0
      ? `No Amazon Connect instances in ${service.region}.\n`
      : renderTable<ConnectInstance>(instances, [
          { header: 'ALIAS', value: (i) => i.alias },
          { header: 'ID', value: (i) => i.id },
          { header: 'STATUS', value: (i) => i.status },
          { header: 'ARN', value: (i) => i.arn, max: 120 },
        ]),
  );
  return 0;
}

export async function listCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const all: ProfileSummary[] = [];
  for await (const page of service.listProfiles(instanceArn)) all.push(...page);
  write(ctx.io, ctx.output, all, () =>
    renderTable(all, [
      { header: 'NAME', value: (p) => p.name },
      { header: 'LAST MODIFIED', value: (p) => (p.lastModifiedTime ? formatAbsoluteTime(p.lastModifiedTime) : undefined) },
      { header: 'ARN', value: (p) => p.arn, max: 160 },
    ]),
  );
  return 0;
}

export function profileFields(p: SecurityProfile): string {
  const tags = (list: { Key: string; Value: string }[] | undefined): string | undefined =>
    list?.length ? list.map((t) => `${t.Key}=${t.Value}`).join(', ') : undefined;
  const head = renderFields([
    ['Name', p.SecurityProfileName],
    ['ARN', p.SecurityProfileArn],
    ['Instance', p.InstanceArn],
    ['Description', p.Description],
    ['Last modified', p.LastModifiedTime ? `${formatAbsoluteTime(p.LastModifiedTime)}${p.LastModifiedRegion ? ` (${p.LastModifiedRegion})` : ''}` : undefined],
    ['Tags', tags(p.Tags)],
    ['Access tags', tags(p.AllowedAccessControlTags)],
    ['Tag-restricted', p.TagRestrictedResources?.join(', ')],
    ['Hierarchy-restricted', p.HierarchyRestrictedResources?.join(', ')],
    ['Hierarchy group', p.AllowedAccessControlHierarchyGroupId],
    ['Applications', p.Applications?.map((a) => `${a.Namespace ?? '?'} (${(a.ApplicationPermissions ?? []).join(', ')})`).join('; ')],
    ['Flow modules', p.AllowedFlowModules?.map((m) => m.FlowModuleId ?? '?').join(', ')],
    ['Permissions', String(p.Permissions?.length ?? 0)],
  ]);
  const groups = groupPermissions(p.Permissions ?? []).map(
    (g) => `  ${g.group}\n${g.items.map((i) => `    ${sanitizeLine(i.info ? `${permissionLabel(i.name)} (${i.name})` : i.name)}`).join('\n')}`,
  );
  return `${head}${groups.length ? `${groups.join('\n')}\n` : ''}`;
}

export async function getCommand(ctx: CommandContext): Promise<number> {
  const arn = requireArn(ctx, 'get');
  const service = await ctx.service();
  const profile = await service.getProfile(arn);
  write(ctx.io, ctx.output, profile, () => profileFields(profile));
  return 0;
}

export async function requestsCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const requests = await service.listRequests();
  write(ctx.io, ctx.output, requests, () =>
    requests.length === 0
      ? 'No recent requests for security profiles.\n'
      : renderTable(requests, [
          { header: 'TIME', value: (r) => (r.eventTime ? formatAbsoluteTime(r.eventTime / 1000) : undefined) },
          { header: 'OPERATION', value: (r) => r.operation },
          { header: 'STATUS', value: (r) => r.status },
          { header: 'ERROR', value: (r) => r.handlerErrorCode },
          { header: 'RESOURCE', value: (r) => r.identifier, max: 100 },
          { header: 'REQUEST', value: (r) => r.requestToken },
          { header: 'MESSAGE', value: (r) => r.statusMessage, max: 80 },
        ]),
  );
  return 0;
}

export async function iamPolicyCommand(ctx: CommandContext): Promise<number> {
  // The flag doubles as the policy's mode here: `spex iam-policy --read-only` is the read-only policy.
  const policy = buildIamPolicy({ readOnly: ctx.readOnly });
  write(ctx.io, ctx.output === 'yaml' ? 'yaml' : 'json', policy, () => '');
  return 0;
}

// The commands that only read: regions, instances, list, get, requests, iam-policy. What only `get`
// and `iam-policy` need (the permission catalogue) is imported when they run: `list` is mostly
// start-up, and start-up is mostly loading code.
import type { RegionService } from '../aws/index.js';
import { SpexError } from '../domain/service/errors.js';
import { CONNECT_REGIONS } from '../domain/service/regions.js';
import type { ConnectInstance, ProfileSummary } from '../domain/profile/security-profile.js';
import { UsageError } from '../io.js';
import { type CommandContext, list, str } from './context.js';
import { write } from './output.js';
import { onStderr, profileArnOf, requireProfileRef, resolveInstance, withNames } from './resolve.js';
import { readDetails } from '../fleet/read-profiles.js';
import { counted } from '../domain/text/format.js';

export async function regionsCommand(ctx: CommandContext): Promise<number> {
  const rows = CONNECT_REGIONS.map((r) => ({ code: r.code, name: r.name }));
  await write(ctx.io, ctx.output, rows, (t) =>
    t.renderTable(rows, [
      { header: 'REGION', value: (r) => r.code },
      { header: 'NAME', value: (r) => r.name },
    ]),
  );
  return 0;
}

export async function instancesCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const instances = await service.listInstances();
  await write(ctx.io, ctx.output, instances, (t) =>
    instances.length === 0
      ? `No Amazon Connect instances in ${service.region}.\n`
      : t.renderTable<ConnectInstance>(instances, [
          { header: 'ALIAS', value: (i) => i.alias },
          { header: 'ID', value: (i) => i.id },
          { header: 'STATUS', value: (i) => i.status },
          { header: 'ARN', value: (i) => i.arn, max: 120 },
        ]),
  );
  return 0;
}

/** --grants: permissions as typed (API names or console labels) → catalogue names; a usage error names the choices. */
export async function grantsOf(ctx: CommandContext): Promise<string[]> {
  const typed = list(ctx.values, 'grants');
  if (typed.length === 0) return [];
  const { resolvePermission } = await import('../domain/permissions/permissions.js');
  return typed.map((t) => {
    const match = resolvePermission(t);
    if (!match.ok) throw new UsageError(`--grants: ${match.message}`);
    return match.name;
  });
}

/**
 * The profiles that grant every one of `permissions`: every detail is read (through the loader, so at
 * the service's concurrency and within AWS's budgets), with progress and time left on stderr.
 */
async function granting(service: RegionService, rows: ProfileSummary[], permissions: string[], io: CommandContext['io']): Promise<ProfileSummary[]> {
  const keep = new Set<string>();
  const failed = await readDetails(service, rows, `details (to find who grants ${permissions.join(' + ')})`, onStderr(io), (row, profile) => {
    const has = new Set(profile.Permissions ?? []);
    if (permissions.every((p) => has.has(p))) keep.add(row.arn);
    row.name ??= profile.SecurityProfileName;
  });
  if (failed > 0) throw new SpexError({ kind: 'service', message: `${failed} of ${counted(rows.length, 'profile')} could not be read, so who grants ${permissions.join(' + ')} is not known for them.` });
  return rows.filter((r) => keep.has(r.arn));
}

export async function listCommand(ctx: CommandContext): Promise<number> {
  const permissions = await grantsOf(ctx);
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const listed: ProfileSummary[] = [];
  for await (const page of service.listProfiles(instanceArn)) listed.push(...page);
  const all = permissions.length > 0 ? await granting(service, listed, permissions, ctx.io) : await withNames(service, listed, ctx.io);
  await write(ctx.io, ctx.output, all, (t) =>
    t.renderTable(all, [
      { header: 'NAME', value: (p) => p.name },
      { header: 'LAST MODIFIED', value: (p) => (p.lastModifiedTime ? t.formatAbsoluteTime(p.lastModifiedTime) : undefined) },
      { header: 'ARN', value: (p) => p.arn, max: 160 },
    ]),
  );
  return 0;
}

export async function getCommand(ctx: CommandContext): Promise<number> {
  requireProfileRef(ctx, 'get');
  const service = await ctx.service();
  const arn = await profileArnOf(ctx, service, 'get');
  const [profile, { profileFields }] = await Promise.all([service.getProfile(arn), import('./profile-fields.js')]);
  // The allowed AI agents' names, where Amazon Q in Connect gives them (only when there are some to name).
  const agents = profile.AllowedAIAgents?.length ? await service.listAiAgents(profile.InstanceArn).catch(() => undefined) : undefined;
  await write(ctx.io, ctx.output, profile, () => profileFields(profile, (a) => agents?.find((x) => x.arn === a)?.name));
  return 0;
}

export async function requestsCommand(ctx: CommandContext): Promise<number> {
  const service = await ctx.service();
  const requests = await service.listRequests();
  await write(ctx.io, ctx.output, requests, (t) =>
    requests.length === 0
      ? 'No recent requests for security profiles.\n'
      : t.renderTable(requests, [
          { header: 'TIME', value: (r) => (r.eventTime ? t.formatAbsoluteTime(r.eventTime / 1000) : undefined) },
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

/** `spex cache clear`: empties the detail cache (the next visit reads every detail again). */
export async function cacheCommand(ctx: CommandContext): Promise<number> {
  if (ctx.positionals[0] !== 'clear') throw new UsageError('cache takes one action: spex cache clear');
  const { cacheDir, clearCache } = await import('../cache/detail-cache.js');
  const dir = cacheDir(ctx.io.env);
  if (dir === undefined) {
    ctx.io.stderr.write('spex: no cache directory (SPEX_CACHE_DIR=off, or no HOME): nothing to clear.\n');
    return 0;
  }
  const removed = clearCache(dir);
  await write(ctx.io, ctx.output, { cleared: dir, instances: removed }, () => `Cleared ${removed} cached instance${removed === 1 ? '' : 's'} from ${dir}.\n`);
  return 0;
}

export async function iamPolicyCommand(ctx: CommandContext): Promise<number> {
  // The flag doubles as the policy's mode here: `spex iam-policy --read-only` is the read-only policy.
  const { buildIamPolicy, buildOrgPolicies, DEFAULT_ORG_ROLE } = await import('../domain/service/iam-policy.js');
  // --org: the management account's policy, and the member role's trust and permissions.
  const policy =
    ctx.values.org === true
      ? buildOrgPolicies({ readOnly: ctx.readOnly, role: str(ctx.values, 'org-role') ?? DEFAULT_ORG_ROLE, externalId: str(ctx.values, 'external-id') })
      : buildIamPolicy({ readOnly: ctx.readOnly });
  ctx.io.stderr.write('spex: note: the statements whose Sid starts with Optional are for who holds a profile; without them spex works and says holders are unknown.\n');
  await write(ctx.io, ctx.output === 'yaml' ? 'yaml' : 'json', policy, () => '');
  return 0;
}

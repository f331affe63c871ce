// How a command finds what it names: an instance by ARN, id or alias; a profile by ARN, id or name;
// and the readers with their progress on stderr. Shared by every command that takes --instance.
import type { RegionService } from '../aws/index.js';
import { SpexError } from '../domain/service/errors.js';
import type { ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import { instanceClosedReason } from '../domain/service/instances.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { didYouMean, UsageError } from '../io.js';
import { namesOf, type ReadOptions, readProfiles } from '../fleet/read-profiles.js';
import { type CommandContext, str } from './context.js';
import { createProgress } from './progress.js';

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
  const closed = instanceClosedReason(match);
  if (closed) throw new SpexError({ kind: 'validation', field: 'instance', rule: 'status', message: closed });
  return match.arn;
}

/** A command's progress and warnings on stderr, for the shared readers in fleet/read-profiles.ts. */
export function onStderr(io: CommandContext['io']): ReadOptions {
  return { progress: (what, total, timeLeft) => createProgress(io, what, total, timeLeft), warn: (line) => void io.stderr.write(`${line}\n`) };
}

/**
 * Every profile of an instance in full (lint, export, plan), with progress on stderr; a profile that
 * cannot be read stops it: nothing is reported or written from part of an instance.
 */
export function readAllProfiles(service: RegionService, instanceArn: string, io: CommandContext['io'], what = 'details', names?: readonly string[], onProgress?: (done: number, total: number) => void): Promise<SecurityProfile[]> {
  return readProfiles(service, instanceArn, { ...onStderr(io), what, ...(names ? { names } : {}), ...(onProgress ? { onProgress } : {}) });
}

/** Fills in the names a list left out (fleet/read-profiles.ts), with progress on stderr. */
export function withNames(service: RegionService, rows: ProfileSummary[], io: CommandContext['io']): Promise<ProfileSummary[]> {
  return namesOf(service, rows, onStderr(io));
}

/** The profile a command names: its ARN, or its id or name with --instance. Usage errors before any call. */
export function requireProfileRef(ctx: CommandContext, what: string): string {
  const ref = ctx.positionals[0];
  if (!ref) throw new UsageError(`${what} needs a profile: its ARN, or its id or name with --instance (spex list --instance I shows them)`);
  if (!ref.startsWith('arn:') && str(ctx.values, 'instance') === undefined) {
    throw new UsageError(`'${ref}' is not an ARN: give --instance too, to find the profile by id or name there`);
  }
  return ref;
}

/** The ARN of the profile a command names (reads the instance's list when given an id or name). */
export async function profileArnOf(ctx: CommandContext, service: RegionService, what: string): Promise<string> {
  const ref = requireProfileRef(ctx, what);
  if (ref.startsWith('arn:')) return ref;
  return (await resolveProfileRef(service, ctx.io, ref, str(ctx.values, 'instance'))).arn;
}

/** A profile named by ARN, by id or by name (id and name need --instance). */
export async function resolveProfileRef(service: RegionService, io: CommandContext['io'], ref: string | undefined, instance: string | undefined): Promise<{ arn: string; profiles: ProfileSummary[] }> {
  if (!ref) throw new UsageError('users needs a profile: its ARN, or its id or name with --instance');
  const instanceArn = ref.startsWith('arn:') ? ref.replace(/\/security-profile\/.*$/, '') : await resolveInstance(service, instance);
  const listed: ProfileSummary[] = [];
  for await (const page of service.listProfiles(instanceArn)) listed.push(...page);
  if (ref.startsWith('arn:')) return { arn: ref, profiles: listed };
  const byId = listed.find((p) => p.arn.split('/').pop() === ref);
  if (byId) return { arn: byId.arn, profiles: listed };
  const named = await withNames(service, listed, io);
  const match = matchProfile(named, ref);
  if (!match) throw new SpexError({ kind: 'not-found', message: `No security profile '${sanitizeLine(ref)}' in that instance${didYouMean(ref, knownNames(named))} (spex list --instance ${instance ?? '…'} lists them).` });
  return { arn: match.arn, profiles: named };
}

/** A listed profile by ARN, id or name (a name exactly, else ignoring case). */
export function matchProfile(named: readonly ProfileSummary[], ref: string): ProfileSummary | undefined {
  return named.find((p) => p.arn === ref) ?? named.find((p) => p.arn.split('/').pop() === ref) ?? named.find((p) => p.name === ref) ?? named.find((p) => p.name?.toLowerCase() === ref.toLowerCase());
}

const knownNames = (named: readonly ProfileSummary[]): string[] => named.flatMap((p) => (p.name === undefined ? [] : [p.name]));

/** matchProfile, or a not-found error naming the flag and the closest names. */
export function profileNamed(named: readonly ProfileSummary[], ref: string, flag: string): ProfileSummary {
  const found = matchProfile(named, ref);
  if (found === undefined) throw new SpexError({ kind: 'not-found', message: `${flag}: no security profile '${sanitizeLine(ref)}' in that instance${didYouMean(ref, knownNames(named))}` });
  return found;
}

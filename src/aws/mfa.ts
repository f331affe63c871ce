// A profile that assumes a role with MFA (`role_arn` and `mfa_serial`, from `source_profile`), as the
// AWS CLI handles it: the code is asked for once, and the session is cached (in spex's cache dir, keyed
// as the AWS CLI keys its own: the sha1 of the AssumeRole arguments but the session name, as Python's
// json.dumps with sorted keys writes them) so the next run does not ask until it ends. Other profiles
// (credential_process, source_profile chains without MFA, SSO) are left to the SDK's own chain.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SpexError } from '../domain/service/errors.js';
import { fileOptions } from './files.js';
import { loadDefaultProvider } from './client.js';
import { assumeRole } from './organizations.js';
import { isFresh, renewing } from './renewing.js';

/** Asks for the code the device shows now (a terminal prompt, `--mfa-code`, or a refusal). */
export type MfaCodeSource = (device: string, profile: string) => Promise<string>;

export interface MfaRole {
  profile: string;
  roleArn: string;
  device: string;
  sourceProfile: string;
  externalId?: string | undefined;
  durationSeconds?: number | undefined;
  sessionName?: string | undefined;
}

/** The profile's role and MFA device, when it assumes a role with MFA from another profile. */
export async function mfaRoleOf(profile: string, env: NodeJS.ProcessEnv): Promise<MfaRole | undefined> {
  const files = await loadSharedConfigFiles({ ...fileOptions(env), ignoreCache: true }).catch(() => undefined);
  const p = files?.configFile?.[profile] ?? files?.credentialsFile?.[profile];
  if (p?.role_arn === undefined || p.mfa_serial === undefined || p.source_profile === undefined) return undefined;
  const duration = p.duration_seconds === undefined ? undefined : Number(p.duration_seconds);
  return { profile, roleArn: p.role_arn, device: p.mfa_serial, sourceProfile: p.source_profile, externalId: p.external_id, durationSeconds: Number.isInteger(duration) ? duration : undefined, sessionName: p.role_session_name };
}

/** The AWS CLI's cache key for these AssumeRole arguments (botocore AssumeRoleCredentialFetcher._create_cache_key). */
export function cliCacheKey(role: MfaRole): string {
  const args: Record<string, unknown> = { RoleArn: role.roleArn, SerialNumber: role.device };
  if (role.externalId !== undefined) args.ExternalId = role.externalId;
  if (role.durationSeconds !== undefined) args.DurationSeconds = role.durationSeconds;
  // Python's json.dumps(args, sort_keys=True): ", " and ": " between items.
  const text = `{${Object.keys(args).sort().map((k) => `${JSON.stringify(k)}: ${JSON.stringify(args[k])}`).join(', ')}}`;
  return createHash('sha1').update(text).digest('hex');
}

interface Cached {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: string };
}

/** Credentials of the role, from the cached session while it lasts, else AssumeRole with a fresh code. */
export function mfaRoleCredentials(role: MfaRole, o: { env: NodeJS.ProcessEnv; region: string; endpoint?: string | undefined; cacheDir?: string | undefined; code?: MfaCodeSource | undefined }): AwsCredentialIdentityProvider {
  const file = o.cacheDir === undefined ? undefined : join(o.cacheDir, 'cli-sessions', `${cliCacheKey(role)}.json`);
  const fromCache = async (): Promise<AwsCredentialIdentity | undefined> => {
    if (file === undefined) return undefined;
    try {
      const c = (JSON.parse(await readFile(file, 'utf8')) as Cached).Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) return undefined;
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}) };
    } catch {
      return undefined;
    }
  };
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const cached = await fromCache();
    if (cached !== undefined && isFresh(cached)) return cached;
    if (o.code === undefined) throw new SpexError({ kind: 'credentials', message: `profile ${role.profile} needs an MFA code from ${role.device}: pass --mfa-code, or run on a terminal to be asked` });
    const tokenCode = (await o.code(role.device, role.profile)).trim();
    // STS's model: TokenCode is six digits. Said before anything is sent.
    if (!/^\d{6}$/.test(tokenCode)) throw new SpexError({ kind: 'credentials', message: `--mfa-code: an MFA code is 6 digits (${role.device})` });
    const defaultProvider = await loadDefaultProvider();
    const source = defaultProvider({ profile: role.sourceProfile, ...fileOptions(o.env) });
    const settings = { region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}), credentials: source, maxAttempts: 3, requestTimeoutMs: 15_000, now: Date.now };
    const input = {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? `spex-${role.profile.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64),
      SerialNumber: role.device,
      TokenCode: tokenCode,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
      ...(role.durationSeconds ? { DurationSeconds: role.durationSeconds } : {}),
    };
    const { credentials: c, assumedRoleUser } = await assumeRole(settings, input, `profile ${role.profile}: could not assume ${role.roleArn} with MFA`);
    if (file !== undefined) {
      // The AWS CLI's own cache shape.
      await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
      const body = { Credentials: { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: c.expiration?.toISOString() }, AssumedRoleUser: assumedRoleUser };
      await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(body), { mode: 0o600 });
      await rename(`${file}.${process.pid}.tmp`, file);
    }
    return c;
  };
  return renewing(assume).provider;
}

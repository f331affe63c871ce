// The AWS accounts of a fleet, as the AWS shared config and credentials files name them: each
// profile with its own region, `endpoint_url` and credentials, read as the SDK reads them
// (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE from the given environment, not process.env).
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { loadDefaultProvider } from './client.js';
import { fileOptions } from './files.js';
import { type MfaCodeSource, mfaRoleCredentials, mfaRoleOf } from './mfa.js';
import { type SsoLoginAsk, ssoAwareCredentials } from './sso.js';

export { fileOptions };

/** A profile of the shared files, as spex uses it for one account of a fleet. */
export interface AccountProfile {
  /** The profile's name ("default", "dev", …). */
  name: string;
  /** Its `region`, when it has one. */
  region: string | undefined;
  /** Its `endpoint_url` (the standard per-profile setting), when it has one. */
  endpoint: string | undefined;
  /** It assumes a role with MFA (`role_arn`, `mfa_serial`, `source_profile`): its code is asked for. */
  assumesRoleWithMfa?: true;
}

/** Sections of the config file that are not profiles. */
const NOT_PROFILES = /^(sso-session|services)\./;

/** Every profile of the config and credentials files, in file order (config first), each once. */
export async function readAccountProfiles(env: NodeJS.ProcessEnv): Promise<AccountProfile[]> {
  let files: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    files = await loadSharedConfigFiles({ ...fileOptions(env), ignoreCache: true });
  } catch {
    return [];
  }
  const names = [...new Set([...Object.keys(files.configFile ?? {}), ...Object.keys(files.credentialsFile ?? {})])].filter((n) => !NOT_PROFILES.test(n));
  return names.map((name) => {
    const config = files.configFile?.[name] ?? {};
    const creds = files.credentialsFile?.[name] ?? {};
    const region = config.region ?? creds.region;
    const endpoint = config.endpoint_url ?? creds.endpoint_url;
    const mfa = config.role_arn !== undefined && config.mfa_serial !== undefined && config.source_profile !== undefined;
    return { name, region: region || undefined, endpoint: endpoint || undefined, ...(mfa ? { assumesRoleWithMfa: true as const } : {}) };
  });
}

/** The profile's credentials, resolved on first use by the SDK's own chain for that profile. */
export function profileCredentials(
  profile: string,
  env: NodeJS.ProcessEnv,
  mfa?: { code?: MfaCodeSource | undefined; region: string; endpoint?: string | undefined; cacheDir?: string | undefined },
  askSsoLogin?: SsoLoginAsk,
): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    provider ??= (async () => {
      // A role assumed with MFA: asked once, the session cached (aws/mfa.ts).
      const role = mfa === undefined ? undefined : await mfaRoleOf(profile, env);
      if (role !== undefined) return mfaRoleCredentials(role, { env, ...mfa! });
      const defaultProvider = await loadDefaultProvider();
      // A named profile: the SDK skips the environment's key pair, as the AWS CLI's --profile does.
      // An SSO profile whose session has ended says so, naming `aws sso login` (and the TUI offers it).
      return ssoAwareCredentials(defaultProvider({ profile, ...fileOptions(env) }), profile, env, askSsoLogin);
    })();
    return (await provider)();
  };
}

/** A profile's `endpoint_url` in the shared files, when it has one (the SDK honours it too). */
export async function profileEndpoint(profile: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return (await readAccountProfiles(env)).find((p) => p.name === profile)?.endpoint;
}

/**
 * The account a profile of the shared files reaches, when the files say so without a call: the account
 * in its `role_arn` (an assumed role lives in the account it is assumed into), or its `sso_account_id`.
 */
export async function profileAccountHint(profile: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let files: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    files = await loadSharedConfigFiles({ ...fileOptions(env), ignoreCache: true });
  } catch {
    return undefined;
  }
  const config = files.configFile?.[profile] ?? {};
  const fromRole = /^arn:[^:]+:iam::(\d{12}):role\//.exec(config.role_arn ?? '')?.[1];
  const sso = config.sso_account_id;
  return fromRole ?? (sso !== undefined && /^\d{12}$/.test(sso) ? sso : undefined);
}

// Where requests go and as whom: region, credentials and endpoint, with the AWS CLI's precedence.
// Environment values are read from the `env` passed in (not process.env), so commands run in tests
// with an in-memory environment resolve exactly what they were given.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { loadConfig, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { fileOptions, profileEndpoint } from './accounts.js';
import { cacheDir } from '../cache/detail-cache.js';
import { type MfaCodeSource, mfaRoleCredentials, mfaRoleOf } from './mfa.js';
import { type SsoLoginAsk, ssoAwareCredentials } from './sso.js';

export interface ConnectionFlags {
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
  /** Asks for an MFA code when the profile assumes a role with MFA (aws/mfa.ts). */
  mfaCode?: MfaCodeSource | undefined;
  /** Offers `aws sso login` when an SSO profile's session has ended (the TUI's prompt; aws/sso.ts). */
  askSsoLogin?: SsoLoginAsk | undefined;
}

export interface Connection {
  region: string | undefined;
  /** Where the region came from, for messages ("--region", "AWS_REGION", "profile default", …). */
  regionSource: string | undefined;
  profile: string | undefined;
  endpoint: string | undefined;
  /** The Connect API endpoint: AWS_ENDPOINT_URL_CONNECT, else the one above (an emulator serves both). */
  connectEndpoint: string | undefined;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The profile assumes a role with MFA (the code is asked for when the credentials are first resolved). */
  needsMfa?: boolean;
}

/** Credentials straight from the given environment, when it holds a key pair. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): AwsCredentialIdentity | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return env.AWS_SESSION_TOKEN ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN } : { accessKeyId, secretAccessKey };
}

export function endpointFromEnv(flags: Pick<ConnectionFlags, 'endpointUrl'>, env: NodeJS.ProcessEnv): string | undefined {
  return flags.endpointUrl || env.AWS_ENDPOINT_URL_CLOUDCONTROL || env.AWS_ENDPOINT_URL || undefined;
}

/** The region configured for a profile in the shared config file, or undefined. */
export async function profileRegion(profile: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const value = await loadConfig(
      // Only the file selector: the environment variables were already consulted from `env`.
      { ...NODE_REGION_CONFIG_OPTIONS, environmentVariableSelector: () => undefined, default: () => undefined as unknown as string },
      {
        ...(profile === undefined ? {} : { profile }),
        ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
        ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
      },
    )();
    return value || undefined;
  } catch {
    return undefined;
  }
}

export async function resolveConnection({
  flags,
  env,
}: {
  flags: ConnectionFlags;
  env: NodeJS.ProcessEnv;
}): Promise<Connection> {
  const profile = flags.profile || env.AWS_PROFILE || undefined;
  let region: string | undefined;
  let regionSource: string | undefined;
  if (flags.region) [region, regionSource] = [flags.region, '--region'];
  else if (env.AWS_REGION) [region, regionSource] = [env.AWS_REGION, 'AWS_REGION'];
  else if (env.AWS_DEFAULT_REGION) [region, regionSource] = [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'];
  else {
    region = await profileRegion(profile, env);
    if (region) regionSource = `profile ${profile ?? 'default'}`;
  }
  // An explicit --profile beats key pairs in the environment, as in the AWS CLI.
  const fromEnv = flags.profile ? undefined : credentialsFromEnv(env);
  // The flag, then the environment, then the profile's own endpoint_url, as the SDK orders them.
  const endpoint = endpointFromEnv(flags, env) ?? (await profileEndpoint(profile ?? 'default', env));
  // A role assumed with MFA: asked once, the session cached as the AWS CLI caches it.
  const mfa = fromEnv === undefined ? await mfaRoleOf(profile ?? 'default', env) : undefined;
  const credentials =
    fromEnv ?? (mfa !== undefined ? mfaRoleCredentials(mfa, { env, region: region ?? 'us-east-1', endpoint, cacheDir: cacheDir(env), code: flags.mfaCode }) : ssoAwareCredentials(defaultProvider({ ...(profile ? { profile } : {}), ...fileOptions(env) }), profile, env, flags.askSsoLogin));
  return { region, regionSource, profile, endpoint, connectEndpoint: env.AWS_ENDPOINT_URL_CONNECT || undefined, credentials, ...(mfa !== undefined ? { needsMfa: true } : {}) };
}

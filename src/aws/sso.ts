// IAM Identity Center (`--sso NAME`), as the AWS CLI v2 reads it: NAME is an `sso-session` of the AWS
// config, or a profile with `sso_session` (or the older `sso_start_url`). The token `aws sso login`
// cached is read from ~/.aws/sso/cache/<sha1>.json (sha1 of the session's name, or of the start URL for
// an older profile); an expired one is said with the command that renews it, before any call. Then the
// portal API: ListAccounts, ListAccountRoles and GetRoleCredentials (with the bearer token).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { SpexError } from '../domain/service/errors.js';
import { shellQuote } from '../domain/text/sanitize.js';
import { fileOptions } from './files.js';
import { type ClientSettings, clientConfig, commonJs } from './client.js';
import { allPages } from './pages.js';
import { type Renewing, renewing } from './renewing.js';

export interface SsoSource {
  /** What the user named (`--sso NAME`). */
  name: string;
  /** `sso-session NAME` or `profile NAME`, for messages. */
  what: string;
  startUrl: string;
  /** The portal's region (`sso_region`). */
  region: string;
  /** What the token cache's file name hashes. */
  cacheKey: string;
  /** The command that renews the token (a name that is not one plain word is quoted, as for a shell). */
  login: string;
  /** The profile's `sso_role_name`, when NAME is a profile. */
  roleName?: string | undefined;
}

export interface SsoToken {
  accessToken: string;
  expiresAt: Date;
}

const problem = (message: string): SpexError => new SpexError({ kind: 'credentials', message });

/** The SSO settings NAME stands for in the AWS config. */
export async function readSsoSource(name: string, env: NodeJS.ProcessEnv): Promise<SsoSource> {
  const files = await loadSharedConfigFiles({ ...fileOptions(env), ignoreCache: true }).catch(() => undefined);
  const config: Record<string, Record<string, string | undefined> | undefined> = files?.configFile ?? {};
  const session = config[`sso-session.${name}`];
  const profile = config[name];
  const sessionName = session !== undefined ? name : profile?.sso_session;
  if (sessionName !== undefined) {
    const s = config[`sso-session.${sessionName}`];
    if (s?.sso_start_url === undefined || s.sso_region === undefined) throw problem(`--sso ${name}: the AWS config has no [sso-session ${sessionName}] with sso_start_url and sso_region`);
    return { name, what: session !== undefined ? `sso-session ${name}` : `profile ${name}`, startUrl: s.sso_start_url, region: s.sso_region, cacheKey: sessionName, login: `aws sso login --sso-session ${shellQuote(sessionName)}`, roleName: profile?.sso_role_name };
  }
  if (profile?.sso_start_url !== undefined && profile.sso_region !== undefined) {
    return { name, what: `profile ${name}`, startUrl: profile.sso_start_url, region: profile.sso_region, cacheKey: profile.sso_start_url, login: `aws sso login --profile ${shellQuote(name)}`, roleName: profile.sso_role_name };
  }
  const sessions = Object.keys(config).filter((k) => k.startsWith('sso-session.')).map((k) => k.slice('sso-session.'.length));
  throw problem(`--sso ${name}: no sso-session or SSO profile of that name in the AWS config${sessions.length > 0 ? ` (sso-sessions: ${sessions.join(', ')})` : ''}`);
}

/** Where the AWS CLI caches the token of a session (or start URL). */
export function ssoTokenPath(cacheKey: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? (env === process.env ? homedir() : '');
  return join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(cacheKey).digest('hex')}.json`);
}

/** The cached token, if it is there and has not expired; otherwise an error naming the login command. */
export async function readSsoToken(source: SsoSource, env: NodeJS.ProcessEnv, now = Date.now()): Promise<SsoToken> {
  let value: { accessToken?: unknown; expiresAt?: unknown };
  try {
    value = JSON.parse(await readFile(ssoTokenPath(source.cacheKey, env), 'utf8')) as typeof value;
  } catch {
    throw problem(`no IAM Identity Center token for ${source.what} (${source.startUrl}): run \`${source.login}\``);
  }
  const expiresAt = new Date(typeof value.expiresAt === 'string' ? value.expiresAt : '');
  if (typeof value.accessToken !== 'string' || value.accessToken === '' || Number.isNaN(expiresAt.getTime())) throw problem(`the IAM Identity Center token cached for ${source.what} is not readable: run \`${source.login}\``);
  if (expiresAt.getTime() <= now) throw problem(`the IAM Identity Center session of ${source.what} expired at ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: run \`${source.login}\``);
  return { accessToken: value.accessToken, expiresAt };
}

type SsoModule = typeof import('@aws-sdk/client-sso');

async function portal(settings: ClientSettings): Promise<{ mod: SsoModule; client: InstanceType<SsoModule['SSOClient']> }> {
  const mod = commonJs(await import('@aws-sdk/client-sso'), 'SSOClient');
  return { mod, client: new mod.SSOClient(clientConfig(settings)) };
}

/** A portal error in the person's words: an expired or withdrawn token says how to renew it. */
function portalError(error: unknown, source: SsoSource, what: string): SpexError {
  if (error instanceof SpexError) return error;
  const name = (error as { name?: string }).name ?? 'Error';
  if (name === 'UnauthorizedException') return problem(`IAM Identity Center refused the token of ${source.what} (${what}): run \`${source.login}\``);
  return problem(`IAM Identity Center ${what} failed (${name}): ${String((error as Error).message ?? '').slice(0, 300)}`);
}

/** Every account the person may use (the portal's ListAccounts, every page). */
export async function listSsoAccounts(settings: ClientSettings, source: SsoSource, token: SsoToken): Promise<{ id: string; name: string }[]> {
  const { mod, client } = await portal(settings);
  try {
    const accounts = await allPages(async (t) => {
      const page = await client.send(new mod.ListAccountsCommand({ accessToken: token.accessToken, maxResults: 100, ...(t ? { nextToken: t } : {}) }));
      return { items: page.accountList, next: page.nextToken };
    });
    return accounts.map((a) => ({ id: a.accountId ?? '', name: a.accountName ?? a.accountId ?? '' }));
  } catch (error) {
    throw portalError(error, source, 'ListAccounts');
  } finally {
    client.destroy();
  }
}

/** The roles the person may take in an account (ListAccountRoles, every page). */
export async function listSsoRoles(settings: ClientSettings, source: SsoSource, token: SsoToken, accountId: string): Promise<string[]> {
  const { mod, client } = await portal(settings);
  try {
    const roles = await allPages(async (t) => {
      const page = await client.send(new mod.ListAccountRolesCommand({ accessToken: token.accessToken, accountId, maxResults: 100, ...(t ? { nextToken: t } : {}) }));
      return { items: page.roleList, next: page.nextToken };
    });
    return roles.flatMap((r) => (r.roleName ? [r.roleName] : []));
  } catch (error) {
    throw portalError(error, source, `ListAccountRoles of ${accountId}`);
  } finally {
    client.destroy();
  }
}

/**
 * Asks the person to sign in again (`command`, for `what`): settles once they have, or refuses; or
 * undefined when nobody can be asked (the error naming the command is then the answer).
 */
export type SsoLoginAsk = (what: string, command: string) => Promise<void> | undefined;

/** `askLogin` for `what`, one ask at a time: callers while it is open share it (undefined: nobody to ask). */
function oneSignIn(askLogin: SsoLoginAsk | undefined, what: string, command: string): () => Promise<void> | undefined {
  let open: Promise<void> | undefined;
  return () => {
    if (open !== undefined) return open;
    const asked = askLogin?.(what, command);
    if (asked === undefined) return undefined;
    const shared = asked.finally(() => {
      if (open === shared) open = undefined;
    });
    open = shared;
    return shared;
  };
}

/**
 * The session's token as `aws sso login` leaves it in the cache, read again when it has ended or the
 * portal refuses it: a login made in another terminal while spex runs (the error says which command)
 * is taken up by the next renewal, without starting spex again. When the cache has nothing better,
 * `askLogin` (the TUI's prompt) may offer the command; every renewal waiting then shares that one ask.
 */
export function ssoTokens(source: SsoSource, env: NodeJS.ProcessEnv, first: SsoToken, askLogin?: SsoLoginAsk) {
  let held = first;
  const reread = async (): Promise<SsoToken> => (held = await readSsoToken(source, env));
  const asking = oneSignIn(askLogin, source.what, source.login);
  /** After the cache had nothing usable: a sign-in, if one can be asked for, then the cache again. */
  const signIn = (): Promise<SsoToken> | undefined => asking()?.then(reread);
  return {
    current: async (): Promise<SsoToken> => (held.expiresAt.getTime() <= Date.now() ? reread().catch((failure: unknown) => signIn() ?? Promise.reject(failure as Error)) : held),
    /** After the portal refused `used`: the cache's token when it is another one (after a sign-in, if one is asked for). */
    renewed: async (used: SsoToken): Promise<SsoToken | undefined> => {
      const other = (token: SsoToken | undefined): SsoToken | undefined => (token !== undefined && token.accessToken !== used.accessToken ? token : undefined);
      return other(await reread().catch(() => undefined)) ?? other(await signIn());
    },
  };
}
export type SsoTokens = ReturnType<typeof ssoTokens>;

/**
 * An SSO profile's credentials as the SDK resolves them (it reads the token `aws sso login` cached, and
 * refreshes it where it can), with an ended session, or none signed in, said in spex's words, naming
 * the command that renews it, rather than the SDK's "could not load credentials from any providers".
 * When someone can be asked (the TUI's prompt), the sign-in is offered first, then the SDK asked again;
 * every resolution waiting shares the one ask. A profile that is not an SSO one is left as it was.
 */
export function ssoAwareCredentials(inner: AwsCredentialIdentityProvider, profile: string | undefined, env: NodeJS.ProcessEnv, askLogin?: SsoLoginAsk): AwsCredentialIdentityProvider {
  const name = profile ?? 'default';
  const what = `profile ${name}`;
  const command = `aws sso login --profile ${shellQuote(name)}`;
  let isSso: Promise<boolean> | undefined;
  /** The SDK's refusal, when the profile is an SSO one (sso_session or sso_start_url in the config). */
  const refusedForSso = async (error: unknown): Promise<boolean> => {
    const kind = (error as { name?: unknown } | null)?.name;
    if (kind !== 'CredentialsProviderError' && kind !== 'TokenProviderError') return false;
    return (isSso ??= readSsoSource(name, env).then(() => true, () => false));
  };
  const said = async (error: unknown): Promise<unknown> => ((await refusedForSso(error)) ? problem(`the IAM Identity Center session of ${what} has ended, or was never signed in to: run \`${command}\``) : error);
  const signIn = oneSignIn(askLogin, what, command);
  return async (props) => {
    try {
      return await inner(props);
    } catch (error) {
      if (!(await refusedForSso(error))) throw error;
      const asked = signIn();
      if (asked === undefined) throw await said(error);
      await asked;
      try {
        return await inner(props);
      } catch (again) {
        throw await said(again);
      }
    }
  };
}

/** A role's credentials in an account (GetRoleCredentials), fetched again before they end. */
export function ssoRoleCredentials(settings: ClientSettings, source: SsoSource, tokens: SsoTokens, accountId: string, roleName: string): Renewing {
  return renewing(async () => {
    const { mod, client } = await portal(settings);
    const get = (token: SsoToken) => client.send(new mod.GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId, roleName }));
    try {
      const token = await tokens.current();
      const out = await get(token).catch(async (error: unknown) => {
        const renewed = (error as { name?: string }).name === 'UnauthorizedException' ? await tokens.renewed(token) : undefined;
        if (renewed === undefined) throw error;
        return get(renewed);
      });
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) throw problem(`IAM Identity Center gave no credentials for ${roleName} in ${accountId}`);
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}), ...(c.expiration ? { expiration: new Date(c.expiration) } : {}) };
    } catch (error) {
      throw portalError(error, source, `GetRoleCredentials ${roleName} in ${accountId}`);
    } finally {
      client.destroy();
    }
  });
}

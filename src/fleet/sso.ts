// `--sso NAME`: a fleet of the accounts a person may use through IAM Identity Center. The token `aws sso
// login` cached (an expired one is said with the command that renews it, before any call), then the
// portal's ListAccounts, and in each account the role `--sso-role` names (else the profile's
// sso_role_name, else the account's only role) through GetRoleCredentials. An account without that role
// has one row naming the roles it has. `--org-account` filters the accounts by id or name.
import { listSsoAccounts, listSsoRoles, plainSettings, readSsoSource, readSsoToken, type SsoLoginAsk, ssoRoleCredentials, ssoTokens } from '../aws/index.js';
import type { Settings } from '../config/settings.js';
import type { Fleet } from './fleet.js';
import type { FleetSpexOptions } from './open.js';
import { chooseMembers, memberFleet, type OrgFlags } from './org.js';

export interface SsoFlags extends Pick<OrgFlags, 'regions' | 'noCache' | 'accounts'> {
  /** `--sso NAME`: an sso-session, or a profile with SSO settings. */
  name: string;
  /** `--sso-role NAME`. */
  role?: string | undefined;
  /** The Connect region to start from (else the portal's). */
  region?: string | undefined;
  endpoint?: string | undefined;
  /** Offers `aws sso login` when the session ends while spex runs (the TUI's prompt). */
  askLogin?: SsoLoginAsk | undefined;
}

export async function openSsoFleet(flags: SsoFlags, env: NodeJS.ProcessEnv, settings: Settings, common: FleetSpexOptions): Promise<Fleet> {
  const source = await readSsoSource(flags.name, env);
  const token = await readSsoToken(source, env);
  // The portal answers in the session's own region; no AWS credentials are sent to it (a bearer token is).
  const portal = plainSettings({ region: source.region, endpoint: flags.endpoint, credentials: { accessKeyId: 'none', secretAccessKey: 'none' } });
  const listed = await listSsoAccounts(portal, source, token);
  const members = chooseMembers(listed.map((a) => ({ ...a, status: 'ACTIVE' })), false, flags);
  const wanted = flags.role ?? source.roleName;
  // Renewed roles take up a login made elsewhere while spex runs, or offer one (aws/sso.ts ssoTokens).
  const tokens = ssoTokens(source, env, token, flags.askLogin);
  return memberFleet(members, { region: flags.region ?? source.region, endpoint: flags.endpoint, env, settings, common, flags }, async (m) => {
    let role = wanted;
    if (role === undefined) {
      const roles = await listSsoRoles(portal, source, token, m.id);
      if (roles.length !== 1) return `account ${m.id} has ${roles.length === 0 ? 'no role for you' : `the roles ${roles.join(', ')}`}: choose one with --sso-role`;
      role = roles[0]!;
    }
    const credentials = ssoRoleCredentials(portal, source, tokens, m.id, role);
    const failed = await credentials.first().then(() => false, () => true);
    if (!failed) return credentials.provider;
    // A role the person does not have there: the row names the ones they have.
    const roles = await listSsoRoles(portal, source, token, m.id).catch(() => undefined);
    return roles === undefined || roles.includes(role) ? credentials.provider : `account ${m.id}: no role ${role} for you here (${roles.length > 0 ? `roles: ${roles.join(', ')}` : 'no roles'})`;
  });
}

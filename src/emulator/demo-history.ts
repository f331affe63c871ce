// The demo's CloudTrail: three months of changes to acme-support's profiles by several people, so
// `spex history` and the TUI's `h` have a story to tell. A pipeline's role through Cloud Control, an IAM
// user through the Connect API, admins on the admin website (Connect's service-linked role, the session
// named by the Connect user's id, real-aws-notes "CloudTrail"), one of them through emergency access
// (an id that is no user), spex itself; assignments that give and take Tier 1 Support; and the change
// that gave CallCenterManager, a non-admin profile, the permissions to edit users (lint's escalation).
// Each profile's last seeded change is its LastModifiedTime, and each user's last set is the one held.
// Times count back from `today` (midnight UTC), so two emulators started the same day hold the same data.
import type { Trail } from './cloudtrail.js';
import { instanceArnFor } from './demo-data.js';
import { stableUuid } from './demo-ids.js';
import type { Model, Store } from './store.js';

const DAY = 86_400_000;
const CLI_AGENT = 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard';
const CONSOLE_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 (Amazon Connect admin website, console)';
const SPEX_AGENT = 'aws-sdk-js/3.1136.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.18.0 api/cloudcontrol#3.1136.0 m/E,N spex';

type Identity = { identity: Record<string, unknown>; userAgent: string; username: string; accessKeyId: string };

function role(account: string, roleName: string, session: string, userAgent: string): Identity {
  const accessKeyId = `ASIA${stableUuid(`${roleName}/${session}`).replace(/-/g, '').slice(0, 16).toUpperCase()}`;
  return {
    identity: {
      type: 'AssumedRole',
      principalId: `AROA${stableUuid(roleName).replace(/-/g, '').slice(0, 17).toUpperCase()}:${session}`,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`,
      accountId: account,
      accessKeyId,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role/${roleName.startsWith('AWSServiceRole') ? 'aws-service-role/connect.amazonaws.com/' : ''}${roleName}`, accountId: account, userName: roleName } },
    },
    userAgent,
    username: session,
    accessKeyId,
  };
}

/** The admin website acting for a Connect user: Connect's service-linked role, the session named by the user's id. */
const adminWebsite = (account: string, connectUserId: string): Identity => role(account, 'AWSServiceRoleForAmazonConnect_a1b2c3d4e5', connectUserId, CONSOLE_AGENT);

export function seedDemoHistory(trail: Trail, store: Store, account: string, today: number): void {
  const region = 'us-east-1';
  const instanceArn = instanceArnFor(region, 'acme-support');
  const instance = store.instanceOf(region, instanceArn);
  if (instance === undefined) return;
  const InstanceId = instanceArn.split('/').pop() ?? '';
  const profile = (name: string): Model => [...instance.profiles.values()].find((e) => e.model.SecurityProfileName === name)!.model;
  const idOf = (arn: unknown): string => String(arn).split('/').pop() ?? '';
  const users = [...instance.users.values()].map((e) => e.model);
  const holding = (arn: unknown) => users.filter((u) => (u.SecurityProfileArns as string[]).includes(String(arn)));
  const adminArn = profile('Admin').SecurityProfileArn;
  const admin = holding(adminArn)[0]!;
  const pipeline = role(account, 'PlatformDeploy', 'github-actions-8841', `${CLI_AGENT} command/cloudcontrol.update-resource`);
  const okafor = { identity: { type: 'IAMUser', principalId: 'AIDAOKAFOR0000000001', arn: `arn:aws:iam::${account}:user/m.okafor`, accountId: account, accessKeyId: 'AKIAOKAFOR0000000001', userName: 'm.okafor' }, userAgent: `${CLI_AGENT} command/connect.update-security-profile`, username: 'm.okafor', accessKeyId: 'AKIAOKAFOR0000000001' };
  const spexUser = role(account, 'ConnectAdmins', 'priya', SPEX_AGENT);
  const website = adminWebsite(account, idOf(admin.UserArn));
  const emergency = adminWebsite(account, stableUuid('demo/emergency-access'));
  const at = (days: number): number => today + DAY / 2 - days * DAY - (days % 7) * 3_600_000;
  const put = (who: Identity, days: number, operation: string, request: Record<string, unknown>): void => trail.add(account, region, { operation, request, time: at(days), ...who });
  const touched = (p: Model, days: number): void => {
    p.LastModifiedTime = Math.floor(at(days) / 1000);
  };
  const without = (p: Model, ...names: string[]): string[] => (p.Permissions as string[]).filter((n) => !names.includes(n));
  const patch = (p: Model, ops: unknown[]) => ({ TypeName: 'AWS::Connect::SecurityProfile', Identifier: String(p.SecurityProfileArn), PatchDocument: JSON.stringify(ops) });

  const manager = profile('CallCenterManager');
  const tier1 = profile('Tier 1 Support');
  const tier2 = profile('Tier 2 Escalations');
  const leads = profile('Team Leads');
  // The pipeline sets CallCenterManager without the user-editing permissions, and Tier 2 without StopContact.
  put(pipeline, 83, 'UpdateResource', patch(manager, [{ op: 'replace', path: '/Permissions', value: without(manager, 'Users.Edit', 'Users.Create', 'Users.EditPermission') }]));
  put(pipeline, 71, 'UpdateResource', patch(tier2, [{ op: 'replace', path: '/Permissions', value: without(tier2, 'StopContact.Enabled') }]));
  put(okafor, 62, 'UpdateSecurityProfile', { InstanceId, SecurityProfileId: idOf(tier1.SecurityProfileArn), Description: tier1.Description });
  touched(tier1, 62);
  // Tier 1 Support: one user gains it, another loses it (their whole sets replaced on the admin website).
  const gainer = holding(tier1.SecurityProfileArn).find((u) => (u.SecurityProfileArns as string[]).length > 1);
  const loser = users.find((u) => u !== admin && !(u.SecurityProfileArns as string[]).some((a) => a === tier1.SecurityProfileArn || a === adminArn) && (u.SecurityProfileArns as string[]).length < 10);
  if (gainer) {
    put(website, 45, 'UpdateUserSecurityProfiles', { InstanceId, UserId: idOf(gainer.UserArn), SecurityProfileIds: (gainer.SecurityProfileArns as string[]).filter((a) => a !== tier1.SecurityProfileArn).map(idOf) });
    put(website, 20, 'UpdateUserSecurityProfiles', { InstanceId, UserId: idOf(gainer.UserArn), SecurityProfileIds: (gainer.SecurityProfileArns as string[]).map(idOf) });
  }
  if (loser) {
    put(website, 50, 'UpdateUserSecurityProfiles', { InstanceId, UserId: idOf(loser.UserArn), SecurityProfileIds: [...(loser.SecurityProfileArns as string[]), String(tier1.SecurityProfileArn)].map(idOf) });
    put(website, 12, 'UpdateUserSecurityProfiles', { InstanceId, UserId: idOf(loser.UserArn), SecurityProfileIds: (loser.SecurityProfileArns as string[]).map(idOf) });
  }
  // The escalation: an admin on the website gives CallCenterManager the permissions to edit users.
  put(website, 34, 'UpdateSecurityProfile', { InstanceId, SecurityProfileId: idOf(manager.SecurityProfileArn), Permissions: manager.Permissions });
  touched(manager, 34);
  // Emergency access (the id is no user of the instance) gives Tier 2 Escalations StopContact.
  put(emergency, 9, 'UpdateSecurityProfile', { InstanceId, SecurityProfileId: idOf(tier2.SecurityProfileArn), Permissions: tier2.Permissions });
  touched(tier2, 9);
  // spex, three days ago, through Cloud Control.
  put(spexUser, 3, 'UpdateResource', patch(leads, [{ op: 'test', path: '/Description', value: 'Leads' }, { op: 'replace', path: '/Description', value: leads.Description }]));
  touched(leads, 3);
}

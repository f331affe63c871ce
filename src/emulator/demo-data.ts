// Deterministic demo data: the same regions, instances, ids and profiles on every start, so a demo
// (and a test) can name them. Ids are derived from names by hashing, not drawn at random.
import { ALL_PERMISSIONS, BUILT_IN_PERMISSIONS, CUSTOM_PERMISSIONS } from './demo-permissions.js';
import { addDemoAiAgents, addDemoUsers } from './demo-users.js';
import { stableUuid } from './demo-ids.js';
import { seededRandom } from './faults.js';
import type { InstanceState, Model, Store } from './store.js';

export const DEMO_ACCOUNT_ID = '123456789012';

/** Regions with their instance aliases; us-west-2 has none, as a region without Connect would. */
export const DEMO_REGIONS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['acme-support', 'acme-sales'],
  'eu-west-2': ['acme-emea'],
  'ap-southeast-2': ['acme-apac'],
  'ca-central-1': ['acme-canada'],
  'us-west-2': [],
};

/** Instances that are not ACTIVE: listed, as the Instance list handler lists them, with no profiles. */
const NOT_ACTIVE: Readonly<Record<string, string>> = { 'acme-canada': 'CREATION_FAILED' };

export const DEMO_REGION_NAMES = Object.keys(DEMO_REGIONS);

/** 2026-01-01T00:00:00Z: demo timestamps count back from here. */
const EPOCH = 1_767_225_600;

/**
 * The demo's second account (an access key id of these 12 digits selects it): the platform team's
 * dev and prod instances, whose profiles drift as an estate's do (see loadPlatformDemoData).
 */
export const DEMO_PLATFORM_ACCOUNT_ID = '210987654321';
export const DEMO_PLATFORM_REGIONS: Readonly<Record<string, readonly string[]>> = { 'us-west-2': ['acme-dev'], 'us-east-1': ['acme-prod'] };

export function instanceArnFor(region: string, alias: string, account = DEMO_ACCOUNT_ID): string {
  const seed = account === DEMO_ACCOUNT_ID ? `instance/${region}/${alias}` : `instance/${account}/${region}/${alias}`;
  return `arn:aws:connect:${region}:${account}:instance/${stableUuid(seed)}`;
}

/** The ARN of a demo instance: by default the first one (acme-support in us-east-1). */
export function demoInstanceArn(region = 'us-east-1', alias?: string): string {
  const name = alias ?? DEMO_REGIONS[region]?.[0];
  if (!name) throw new Error(`the demo data has no instance in ${region}`);
  return instanceArnFor(region, name);
}

/** Every instance's flow modules: the same names, an id of its own in each instance (as Connect gives). */
const FLOW_MODULE_NAMES = ['Authenticate caller', 'Collect payment'] as const;

export function demoFlowModules(instanceArn: string): { id: string; name: string }[] {
  return FLOW_MODULE_NAMES.map((name) => ({ id: stableUuid(`${instanceArn}/module/${name}`), name }));
}

export interface CustomProfile {
  name: string;
  description: string;
  permissions: keyof typeof CUSTOM_PERMISSIONS;
  extra?: (instanceArn: string, groupId: (name: string) => string) => Model;
}

const TEAM = (team: string, cost: string): Model => ({ Tags: [{ Key: 'team', Value: team }, { Key: 'cost-center', Value: cost }] });

export const CUSTOM: CustomProfile[] = [
  { name: 'Tier 1 Support', description: 'Front-line agents: voice, chat and cases', permissions: 'tier1',
    extra: () => ({ ...TEAM('support', 'cc-1001'), AllowedAccessControlTags: [{ Key: 'department', Value: 'support' }], TagRestrictedResources: ['User', 'Queue'] }) },
  { name: 'Tier 2 Escalations', description: 'Escalation desk: may take over any contact and manage case files', permissions: 'tier2',
    extra: () => TEAM('support', 'cc-1002') },
  { name: 'Team Leads', description: 'Leads see their own hierarchy group only', permissions: 'leads',
    extra: (_i, group) => ({ ...TEAM('support', 'cc-1001'), HierarchyRestrictedResources: ['User'], AllowedAccessControlHierarchyGroupId: group('Support floor') }) },
  { name: 'Workforce Planning', description: 'Forecasts, capacity plans and agent schedules', permissions: 'workforce',
    extra: () => TEAM('wfm', 'cc-2040') },
  { name: 'Reporting Analysts', description: 'Build, schedule and share metrics reports', permissions: 'reporting',
    extra: () => TEAM('analytics', 'cc-3100') },
  { name: 'Flow Designers', description: 'Edit and publish flows, modules, prompts and bots', permissions: 'flows',
    extra: (instanceArn) => ({ ...TEAM('platform', 'cc-4200'), AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: demoFlowModules(instanceArn)[0]!.id }] }) },
  { name: 'Supervisors - Night Shift', description: 'Night supervisors: monitoring without user administration', permissions: 'night',
    extra: () => ({ ...TEAM('support', 'cc-1003'), AllowedAccessControlTags: [{ Key: 'shift', Value: 'night' }], TagRestrictedResources: ['User'] }) },
  { name: 'Outbound Campaigns', description: 'Run outbound campaigns and place calls', permissions: 'campaigns',
    extra: () => TEAM('sales', 'cc-5000') },
  { name: 'Compliance Auditors', description: 'Read-only access to recordings, transcripts and change history', permissions: 'compliance',
    extra: () => ({ ...TEAM('legal', 'cc-9000'), Applications: [{ Namespace: 'compliance-suite.acme.example', ApplicationPermissions: ['ACCESS', 'EXPORT'], Type: 'THIRD_PARTY_APPLICATION' }] }) },
  { name: 'Contractors - restricted', description: 'Seasonal contractors: basic softphone only', permissions: 'contractors',
    extra: () => ({ Tags: [{ Key: 'team', Value: 'support' }, { Key: 'contract', Value: 'seasonal' }], AllowedAccessControlTags: [{ Key: 'vendor', Value: 'external' }], TagRestrictedResources: ['User', 'Queue', 'RoutingProfile'] }) },
  { name: 'AI Agent Builders', description: 'Configure Amazon Q in Connect agents, prompts and guardrails', permissions: 'ai',
    extra: () => ({ ...TEAM('platform', 'cc-4210'),
      // An MCP server's permissions are its tool names; "*" allows every tool (spex lint's agent-every-tool).
      Applications: [{ Namespace: 'mcp.knowledge.acme.example', ApplicationPermissions: ['READ'], Type: 'MCP' }, { Namespace: 'mcp.orders.acme.example', ApplicationPermissions: ['*'], Type: 'MCP' }],
      GranularAccessControlConfiguration: { DataTableAccessControlConfiguration: { PrimaryAttributeAccessControlConfiguration: {
        PrimaryAttributeValues: [{ AccessType: 'ALLOW', AttributeName: 'Region', Values: ['EMEA', 'NA'] }] } } } }) },
];

/**
 * Profiles made in the Connect console with values Connect accepts and the Cloud Control schema
 * refuses (real-aws-notes "Writes", source): any Cloud Control update of them fails validation.
 */
const CONSOLE_MADE: CustomProfile[] = [
  { name: 'Supervisors (EMEA)', description: 'Made in the console: EMEA floor supervisors', permissions: 'night',
    // Three access-control tags: the Connect API allows 4, and so (since July 2026) does the schema.
    extra: () => ({ Tags: [{ Key: 'team', Value: 'support' }, { Key: 'Cost Center', Value: 'cc-7100' }],
      AllowedAccessControlTags: [{ Key: 'region', Value: 'emea' }, { Key: 'department', Value: 'support' }, { Key: 'shift', Value: 'day' }],
      TagRestrictedResources: ['User', 'Queue'] }) },
  { name: 'Billing & Collections', description: 'Made in the console: payment queries and collections calls', permissions: 'tier1',
    extra: () => TEAM('finance', 'cc-6100') },
  { name: 'Retention Desk', description: 'Made in the console: save desk for cancellations', permissions: 'tier2',
    extra: () => ({ Tags: [{ Key: 'Cost Center', Value: 'cc-6200' }, { Key: 'team', Value: 'sales' }] }) },
];

/**
 * acme-apac is the estate's untidy instance, so that every rule of `spex lint` has something to find
 * in the demo: a profile that edits what it cannot view, one that grants nothing, one with a name the
 * catalogue does not know, and (with its site profiles) more than 80% of the 100-profile quota.
 */
const UNTIDY_ALIAS = 'acme-apac';
/** The first instance's neighbour in us-east-1. */
const SIBLING_ALIAS = 'acme-sales';
/** The one permission name in the demo that the catalogue does not know, on purpose. */
export const DEMO_UNKNOWN_PERMISSION = 'Legacy.WallboardAccess';
const UNTIDY: { name: string; description: string; permissions: string[] }[] = [
  { name: 'Queue Editors', description: 'Edits queues (granted through the API, without the View the console adds)', permissions: ['Queues.Edit', 'BasicAgentAccess'] },
  { name: 'Unused - delete me', description: 'Left over from a migration; grants nothing', permissions: [] },
  { name: 'Legacy Wallboard', description: 'A permission name from an old wallboard integration', permissions: ['AccessMetrics', DEMO_UNKNOWN_PERMISSION] },
];
/** Site profiles in acme-apac: with the rest, above 80 of the 100-profile quota. */
const UNTIDY_SITES = 75;
const SITE_EXTRAS = ['OutboundCallAccess', 'AudioDeviceSettings.Access', 'MyContacts.View', 'VideoContact.Access', 'RestrictTaskCreation.Access', 'ContactSearch.View', 'Queues.View'];

/** Names of the demo profiles whose values the Cloud Control schema refuses. */
export const DEMO_CONSOLE_MADE_NAMES: readonly string[] = CONSOLE_MADE.map((p) => p.name);

const GROUPS: [name: string, parent?: string][] = [['Americas'], ['EMEA'], ['Support floor', 'Americas'], ['Sales floor', 'Americas'], ['Night shift', 'Support floor']];

const BUILT_IN_DESCRIPTIONS: Record<string, string> = {
  Admin: 'Administrators: full access to the instance',
  Agent: 'Agents: handle contacts in the Contact Control Panel',
  CallCenterManager: 'Managers: users, routing, metrics and monitoring',
  QualityAnalyst: 'Quality analysts: metrics, recordings and evaluations',
};

export function loadDemoData(store: Store, generated = 0): void {
  let first = true;
  for (const [region, aliases] of Object.entries(DEMO_REGIONS)) {
    store.region(region);
    aliases.forEach((alias, index) => {
      const instance = addDemoInstance(store, region, alias, index);
      if (NOT_ACTIVE[alias]) return;
      const customs = first
        ? [...CUSTOM, ...CONSOLE_MADE]
        : [
            ...CUSTOM.filter((_, i) => (i + index + region.length) % 3 === 0),
            // The first instance's neighbour holds the same console-made profiles, as an estate copied by
            // hand would: a whole export of acme-support then applies to acme-sales (spex plan, apply).
            ...(region === 'eu-west-2' ? CONSOLE_MADE.slice(0, 1) : alias === SIBLING_ALIAS ? CONSOLE_MADE : []),
          ];
      addProfiles(store, region, instance, customs);
      if (alias === UNTIDY_ALIAS) addUntidy(store, region, instance);
      addDemoUsers(store, instance, alias, first);
      addDemoAiAgents(store, instance, alias);
      if (first) addGenerated(store, region, instance, generated);
      first = false;
    });
  }
}

export function addDemoInstance(store: Store, region: string, alias: string, index: number, account = DEMO_ACCOUNT_ID, groups = GROUPS): InstanceState {
  const arn = instanceArnFor(region, alias, account);
  const id = arn.split('/').at(-1) ?? '';
  const instance = store.addInstance(region, {
    Arn: arn,
    Id: id,
    InstanceAlias: alias,
    IdentityManagementType: index === 0 ? 'CONNECT_MANAGED' : 'SAML',
    InstanceStatus: NOT_ACTIVE[alias] ?? 'ACTIVE',
    // Java's Instant.toString: no fractional part when it is zero (real-aws-notes "Listing").
    CreatedTime: new Date((EPOCH - 400 * 86_400 + index * 86_400 * 30) * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    ServiceRole: `arn:aws:iam::${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_${id.slice(0, 8)}`,
    Attributes: { InboundCalls: true, OutboundCalls: index === 0, ContactflowLogs: true, ContactLens: true, EarlyMedia: true },
    Tags: [{ Key: 'environment', Value: account === DEMO_ACCOUNT_ID || alias.endsWith('-prod') ? 'production' : 'development' }],
  });
  for (const [name, parent] of groups) {
    const group: Model = { InstanceArn: arn, UserHierarchyGroupArn: `${arn}/agent-group/${stableUuid(`${arn}/group/${name}`)}`, Name: name };
    if (parent) group.ParentGroupArn = `${arn}/agent-group/${stableUuid(`${arn}/group/${parent}`)}`;
    store.addGroup(instance, group);
  }
  return instance;
}

function profileBase(region: string, instanceArn: string, name: string, age: number): Model {
  return {
    SecurityProfileArn: `${instanceArn}/security-profile/${stableUuid(`${instanceArn}/profile/${name}`)}`,
    InstanceArn: instanceArn,
    SecurityProfileName: name,
    LastModifiedTime: EPOCH - age,
    LastModifiedRegion: region,
  };
}

export function addProfiles(store: Store, region: string, instance: InstanceState, customs: CustomProfile[]): void {
  const arn = String(instance.entry.model.Arn);
  const groupId = (name: string): string => stableUuid(`${arn}/group/${name}`);
  for (const [i, name] of Object.keys(BUILT_IN_PERMISSIONS).entries()) {
    const model: Model = { ...profileBase(region, arn, name, 300 * 86_400 + i * 3600), Description: BUILT_IN_DESCRIPTIONS[name], Permissions: BUILT_IN_PERMISSIONS[name] };
    store.addProfile(instance, model);
  }
  customs.forEach((custom, i) => {
    const model: Model = {
      ...profileBase(region, arn, custom.name, (customs.length - i) * 5 * 86_400 + i * 1234),
      Description: custom.description,
      Permissions: CUSTOM_PERMISSIONS[custom.permissions],
      ...custom.extra?.(arn, groupId),
    };
    store.addProfile(instance, model);
  });
}

function addUntidy(store: Store, region: string, instance: InstanceState): void {
  const arn = String(instance.entry.model.Arn);
  // Legacy Wallboard still allows an AI agent deleted long ago (spex lint's agent-allowance-unused).
  const gone = { Arn: `arn:aws:wisdom:${region}:${arn.split(':')[4] ?? ''}:ai-agent/${stableUuid(`${arn}/assistant`)}/${stableUuid(`${arn}/deleted-agent`)}`, Type: 'THIRD_PARTY' };
  UNTIDY.forEach((p, i) =>
    store.addProfile(instance, { ...profileBase(region, arn, p.name, 40 * 86_400 + i * 777), Description: p.description, Permissions: p.permissions, ...(p.name === 'Legacy Wallboard' ? { AllowedAIAgents: [gone] } : {}) }),
  );
  for (let i = 1; i <= UNTIDY_SITES; i += 1) {
    const site = `Site ${String(i).padStart(2, '0')} agents`;
    // Each site's agents: the softphone, and the site's own mix of Contact Control Panel extras (one
    // mix per site, so no two sites are duplicates).
    const extras = SITE_EXTRAS.filter((_, bit) => (i >> bit) & 1);
    store.addProfile(instance, { ...profileBase(region, arn, site, 20 * 86_400 + i * 311), Description: `Agents of site ${i}`, Permissions: ['BasicAgentAccess', ...extras] });
  }
}

/** `--profiles N`: many plain profiles for scale, with a few permissions each. */
function addGenerated(store: Store, region: string, instance: InstanceState, count: number): void {
  const arn = String(instance.entry.model.Arn);
  const random = seededRandom(42);
  const width = String(count).length;
  for (let i = 1; i <= count; i += 1) {
    const name = `Generated profile ${String(i).padStart(width, '0')}`;
    const permissions = new Set<string>();
    const n = 3 + Math.floor(random() * 10);
    while (permissions.size < n) permissions.add(ALL_PERMISSIONS[Math.floor(random() * ALL_PERMISSIONS.length)] ?? 'BasicAgentAccess');
    store.addProfile(instance, {
      ...profileBase(region, arn, name, 86_400 + i * 61),
      Description: `Generated for scale (${i} of ${count})`,
      Permissions: [...permissions],
    });
  }
}

/** The ARN a demo profile of this name has in a demo instance (default: the first instance). */
export function demoProfileArn(name: string, instanceArn = demoInstanceArn()): string {
  return `${instanceArn}/security-profile/${stableUuid(`${instanceArn}/profile/${name}`)}`;
}

/** A permission the platform team added in dev and has not yet carried to prod. */
export const DEMO_DEV_ONLY_PERMISSION = 'ContactSearch.View';

/**
 * The second account: acme-dev (us-west-2) and acme-prod (us-east-1), as a platform team keeps them.
 * They drift as real estates do: Tier 1 Support gained a permission in dev not yet in prod; Flow
 * Designers' description was reworded in prod; Team Leads is restricted to the same hierarchy group
 * by path ("Americas/Support floor"), a different id in each (the same, for drift and promote);
 * Night Leads exists only in dev and is restricted to a group prod lacks (promoting it is blocked
 * until the user chooses); Fraud Investigators exists only in prod.
 */
export function loadPlatformDemoData(store: Store): void {
  const account = DEMO_PLATFORM_ACCOUNT_ID;
  for (const [region, aliases] of Object.entries(DEMO_PLATFORM_REGIONS)) {
    store.region(region);
    for (const alias of aliases) {
      const isDev = alias === 'acme-dev';
      const instance = addDemoInstance(store, region, alias, 0, account, isDev ? GROUPS : GROUPS.filter(([name]) => name !== 'Night shift'));
      const tier1 = CUSTOM.find((c) => c.name === 'Tier 1 Support')!;
      const flows = CUSTOM.find((c) => c.name === 'Flow Designers')!;
      const leads = CUSTOM.find((c) => c.name === 'Team Leads')!;
      const customs: CustomProfile[] = [tier1, leads, isDev ? flows : { ...flows, description: 'Edit and publish flows, modules, prompts and bots (change-managed in prod)' }];
      addProfiles(store, region, instance, customs);
      const arn = String(instance.entry.model.Arn);
      const groupId = (name: string): string => stableUuid(`${arn}/group/${name}`);
      if (isDev) {
        const t1 = [...instance.profiles.values()].find((e) => e.model.SecurityProfileName === 'Tier 1 Support')!;
        t1.model.Permissions = [...(t1.model.Permissions as string[]).filter((p) => p !== DEMO_DEV_ONLY_PERMISSION), DEMO_DEV_ONLY_PERMISSION];
        store.addProfile(instance, { ...profileBase(region, arn, 'Night Leads', 3 * 86_400), Description: 'Night-shift leads: their own group only',
          Permissions: CUSTOM_PERMISSIONS.leads, HierarchyRestrictedResources: ['User'], AllowedAccessControlHierarchyGroupId: groupId('Night shift') });
      } else {
        // prod's Tier 1 Support lacks the permission dev added.
        const t1 = [...instance.profiles.values()].find((e) => e.model.SecurityProfileName === 'Tier 1 Support')!;
        t1.model.Permissions = (t1.model.Permissions as string[]).filter((p) => p !== DEMO_DEV_ONLY_PERMISSION);
        store.addProfile(instance, { ...profileBase(region, arn, 'Fraud Investigators', 60 * 86_400), Description: 'Fraud team: contact search and recordings',
          Permissions: ['BasicAgentAccess', 'ContactSearch.View', 'RedactedData.View'] });
      }
      addDemoUsers(store, instance, alias, false);
      addDemoAiAgents(store, instance, alias);
    }
  }
}

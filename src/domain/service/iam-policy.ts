// The IAM actions spex needs. Cloud Control calls the resource handlers with the caller's own
// credentials (no role ARN is passed), so a caller needs both `cloudformation:<Operation>` and every
// permission the type's schema lists for that handler. Taken from the schemas in data/, never typed by
// hand, so the policy follows the schemas when they are refreshed.

import securityProfileSchema from '../../../data/aws-connect-securityprofile.schema.json' with { type: 'json' };
import instanceSchema from '../../../data/aws-connect-instance.schema.json' with { type: 'json' };
import hierarchyGroupSchema from '../../../data/aws-connect-userhierarchygroup.schema.json' with { type: 'json' };
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../profile/security-profile.js';

export type HandlerOperation = 'list' | 'read' | 'create' | 'update' | 'delete';

interface SchemaWithHandlers {
  typeName: string;
  handlers?: Partial<Record<HandlerOperation, { permissions?: string[] }>>;
}

const SCHEMAS: Record<string, SchemaWithHandlers> = {
  [SECURITY_PROFILE_TYPE]: securityProfileSchema,
  [INSTANCE_TYPE]: instanceSchema,
  [HIERARCHY_GROUP_TYPE]: hierarchyGroupSchema,
};

/** The Cloud Control API operation that runs each handler. */
const CLOUD_CONTROL_OPERATION: Record<HandlerOperation, string> = {
  list: 'ListResources',
  read: 'GetResource',
  create: 'CreateResource',
  update: 'UpdateResource',
  delete: 'DeleteResource',
};
const HANDLER_OF: Record<string, HandlerOperation> = Object.fromEntries(
  Object.entries(CLOUD_CONTROL_OPERATION).map(([handler, op]) => [op, handler as HandlerOperation]),
);

/** The permissions the schema of `typeName` lists for one handler (empty for an unknown type). */
export function handlerPermissions(typeName: string, operation: HandlerOperation): string[] {
  return [...(SCHEMAS[typeName]?.handlers?.[operation]?.permissions ?? [])];
}

function sortedUnique(actions: Iterable<string>): string[] {
  return [...new Set(actions)].sort();
}

/**
 * The IAM actions an operation needs, for an access-denied message. `operation` is a handler name
 * (`update`) or a Cloud Control operation name (`UpdateResource`). Mutations also need
 * `GetResourceRequestStatus` (spex polls them to the end); an update also needs the read handler's
 * permissions, because Cloud Control reads the current model to apply the patch to it.
 * Throws for an operation name it does not know.
 */
export function requiredActionsFor(operation: HandlerOperation | (string & NonNullable<unknown>), typeName: string): string[] {
  const handler = (Object.hasOwn(CLOUD_CONTROL_OPERATION, operation) ? operation : Object.hasOwn(HANDLER_OF, operation) ? HANDLER_OF[operation] : undefined) as
    | HandlerOperation
    | undefined;
  if (handler === undefined) throw new Error(`Unknown operation: ${operation}`);
  const actions = [`cloudformation:${CLOUD_CONTROL_OPERATION[handler]}`, ...handlerPermissions(typeName, handler)];
  if (handler === 'create' || handler === 'update' || handler === 'delete') actions.push('cloudformation:GetResourceRequestStatus');
  if (handler === 'update') actions.push(...handlerPermissions(typeName, 'read'));
  return sortedUnique(actions);
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string;
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/**
 * The least-privilege identity policy for spex. Read-only: list and read the three types, and watch
 * request status (the operations view). Otherwise also create, update and delete security profiles
 * and cancel their requests. Resource is `*` because Cloud Control actions do not support
 * resource-level permissions and the Connect list actions are scoped to instances spex discovers.
 */
export function buildIamPolicy({ readOnly }: { readOnly: boolean }): IamPolicyDocument {
  const cloudControlRead = ['ListResources', 'GetResource', 'GetResourceRequestStatus', 'ListResourceRequests'];
  const cloudControlWrite = ['CreateResource', 'UpdateResource', 'DeleteResource', 'CancelResourceRequest'];
  const reads = [SECURITY_PROFILE_TYPE, INSTANCE_TYPE, HIERARCHY_GROUP_TYPE].flatMap((type) => [
    ...handlerPermissions(type, 'list'),
    ...handlerPermissions(type, 'read'),
  ]);
  const writes = (['create', 'update', 'delete'] as const).flatMap((op) => handlerPermissions(SECURITY_PROFILE_TYPE, op));
  const byService = (actions: string[], service: string) => actions.filter((a) => a.startsWith(`${service}:`));
  const others = (actions: string[]) => actions.filter((a) => !a.startsWith('connect:'));

  const statements: PolicyStatement[] = [
    { Sid: 'CloudControlRead', Effect: 'Allow', Action: sortedUnique(cloudControlRead.map((a) => `cloudformation:${a}`)), Resource: '*' },
    { Sid: 'ConnectRead', Effect: 'Allow', Action: sortedUnique(byService(reads, 'connect')), Resource: '*' },
  ];
  // Listing instances through Cloud Control runs the instance handler, which describes its directory.
  const otherReads = sortedUnique(others(reads));
  if (otherReads.length > 0) statements.push({ Sid: 'ConnectInstanceDirectoryRead', Effect: 'Allow', Action: otherReads, Resource: '*' });
  // Optional: who holds a profile. Connect's SearchUsers first; where it is denied, AWS::Connect::User
  // through Cloud Control (its handlers call ListUsers and DescribeUser). Without either, spex works
  // and says holders are unknown. (ListSecurityProfiles is in ConnectRead: the list handler needs it;
  // UpdateSecurityProfile, TagResource and UntagResource, which save console-made profiles directly,
  // are in ConnectSecurityProfileWrite: the update handler needs them.)
  statements.push(
    { Sid: 'OptionalConnectApiHolders', Effect: 'Allow', Action: ['connect:SearchUsers'], Resource: '*' },
    { Sid: 'OptionalUsersThroughCloudControl', Effect: 'Allow', Action: ['connect:DescribeUser', 'connect:ListUsers'], Resource: '*' },
    // Optional: flow modules' names, so drift and promote match AllowedFlowModules by name across
    // instances (without it, by id, and the plan says to check the target has the module).
    { Sid: 'OptionalFlowModuleNames', Effect: 'Allow', Action: ['connect:ListContactFlowModules'], Resource: '*' },
    // Optional: the security-profile quota for `spex lint` (without it, AWS's default of 100, said so).
    { Sid: 'OptionalServiceQuotas', Effect: 'Allow', Action: ['servicequotas:GetServiceQuota'], Resource: '*' },
    // Optional: a profile's history (spex history): CloudTrail's management events.
    { Sid: 'OptionalHistory', Effect: 'Allow', Action: ['cloudtrail:LookupEvents'], Resource: '*' },
    // Optional: AI agents (Amazon Q in Connect) as holders, by name, and a profile's AllowedAIAgents,
    // which only the Connect API reads (without them: holders are the users alone, the field not shown).
    { Sid: 'OptionalAiAgents', Effect: 'Allow', Action: ['connect:ListEntitySecurityProfiles', 'connect:ListSecurityProfileAIAgents', 'wisdom:ListAIAgents', 'wisdom:ListAssistants'], Resource: '*' },
  );
  if (!readOnly) {
    statements.push(
      { Sid: 'CloudControlWrite', Effect: 'Allow', Action: sortedUnique(cloudControlWrite.map((a) => `cloudformation:${a}`)), Resource: '*' },
      { Sid: 'ConnectSecurityProfileWrite', Effect: 'Allow', Action: sortedUnique(writes), Resource: '*' },
      // Optional: moving and assigning holders (spex move-holders, assign, rename): each user's set read
      // fresh (connect:DescribeUser, in OptionalUsersThroughCloudControl above), then replaced whole.
      { Sid: 'OptionalAssignHolders', Effect: 'Allow', Action: ['connect:UpdateUserSecurityProfiles'], Resource: '*' },
      // Optional: AI agents' profiles (spex assign --ai-agent, and moves that take a profile's agents along).
      { Sid: 'OptionalAssignAiAgents', Effect: 'Allow', Action: ['connect:AssociateSecurityProfiles', 'connect:DisassociateSecurityProfiles'], Resource: '*' },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The role `--org` assumes in each account unless `--org-role` names another (Organizations creates it in the accounts it makes). */
export const DEFAULT_ORG_ROLE = 'OrganizationAccountAccessRole';

/**
 * `spex iam-policy --org`: what an organisation needs. The management (or delegated administrator)
 * account's identity reads the tree and assumes the member role; the member role trusts that account
 * (with the ExternalId, when one is given) and holds the policy above.
 */
export function buildOrgPolicies({ readOnly, role, externalId }: { readOnly: boolean; role: string; externalId?: string | undefined }) {
  const management: IamPolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      // The tree (ListRoots, …ForParent) gives each account's OU; ListAccounts alone serves when it is refused.
      { Sid: 'ReadTheOrganisation', Effect: 'Allow', Action: ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'organizations:ListAccountsForParent', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListRoots'], Resource: '*' },
      { Sid: 'AssumeTheMemberRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: `arn:aws:iam::*:role/${role}` },
    ],
  };
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SpexFromTheManagementAccount',
        Effect: 'Allow',
        // The management account's id is the reader's to fill in: spex prints the policy without asking AWS.
        Principal: { AWS: 'arn:aws:iam::MANAGEMENT_ACCOUNT_ID:root' },
        Action: 'sts:AssumeRole',
        ...(externalId !== undefined ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
      },
    ],
  };
  return { management, memberRole: { name: role, trustPolicy: trust, permissions: buildIamPolicy({ readOnly }) } };
}

// The security profile model as Cloud Control returns it (AWS::Connect::SecurityProfile), plus the
// summaries, instances and hierarchy groups spex shows around it. Pure: no I/O.

export const SECURITY_PROFILE_TYPE = 'AWS::Connect::SecurityProfile';
export const INSTANCE_TYPE = 'AWS::Connect::Instance';
export const HIERARCHY_GROUP_TYPE = 'AWS::Connect::UserHierarchyGroup';
export const USER_TYPE = 'AWS::Connect::User';

export const BUILT_IN_PROFILE_NAMES = ['Admin', 'Agent', 'CallCenterManager', 'QualityAnalyst'] as const;

export interface Tag {
  Key: string;
  Value: string;
}

export interface Application {
  Namespace?: string;
  ApplicationPermissions?: string[];
  Type?: 'MCP' | 'THIRD_PARTY_APPLICATION';
}

export interface FlowModule {
  Type?: string;
  FlowModuleId?: string;
}

/** An AI agent a profile allows (Connect's AIAgent: Agent-to-Agent authorization; Type THIRD_PARTY). */
export interface AllowedAIAgent {
  Arn?: string;
  Type?: string;
}

export interface PrimaryAttributeValue {
  AccessType?: 'ALLOW';
  AttributeName?: string;
  Values?: string[];
}

export interface GranularAccessControlConfiguration {
  DataTableAccessControlConfiguration?: {
    PrimaryAttributeAccessControlConfiguration?: {
      PrimaryAttributeValues?: PrimaryAttributeValue[];
    };
  };
}

/** The full model, as GetResource returns it in `Properties` (and as DesiredState carries it). */
export interface SecurityProfile {
  InstanceArn: string;
  SecurityProfileName: string;
  Description?: string;
  Permissions?: string[];
  Tags?: Tag[];
  AllowedAccessControlTags?: Tag[];
  TagRestrictedResources?: string[];
  HierarchyRestrictedResources?: string[];
  AllowedAccessControlHierarchyGroupId?: string;
  Applications?: Application[];
  AllowedFlowModules?: FlowModule[];
  GranularAccessControlConfiguration?: GranularAccessControlConfiguration;
  /**
   * Connect's only (the Cloud Control schema lacks it): read with ListSecurityProfileAIAgents and written
   * with UpdateSecurityProfile, even for profiles Cloud Control otherwise handles. Absent: not read.
   */
  AllowedAIAgents?: AllowedAIAgent[];
  /** Read-only. */
  SecurityProfileArn?: string;
  /** Read-only: epoch seconds. */
  LastModifiedTime?: number;
  /** Read-only. */
  LastModifiedRegion?: string;
}

/** The writable model: what a create sends and what an edit changes. */
export type SecurityProfileDraft = Omit<SecurityProfile, 'SecurityProfileArn' | 'LastModifiedTime' | 'LastModifiedRegion'>;

export const READ_ONLY_PROPERTIES = ['SecurityProfileArn', 'LastModifiedTime', 'LastModifiedRegion'] as const;
export const CREATE_ONLY_PROPERTIES = ['SecurityProfileName', 'InstanceArn'] as const;
/** Fields only the Connect API reads and writes (the Cloud Control schema lacks them); compared as sets. */
export const CONNECT_ONLY_PROPERTIES = ['AllowedAIAgents'] as const;
/** Arrays the schema marks `insertionOrder: false` + `uniqueItems`: compared and patched as sets. */
export const SET_PROPERTIES = [
  'Permissions',
  'Tags',
  'AllowedAccessControlTags',
  'TagRestrictedResources',
  'HierarchyRestrictedResources',
  'Applications',
  'AllowedFlowModules',
] as const;

/** One row of a list: what ListResources gave (at least the ARN), filled in by details later. */
export interface ProfileSummary {
  arn: string;
  /** Absent when the list handler returned identifiers only. */
  name?: string;
  instanceArn?: string;
  lastModifiedTime?: number;
  lastModifiedRegion?: string;
}

export interface ConnectInstance {
  arn: string;
  id: string;
  alias?: string;
  status?: string;
  createdTime?: string;
  identityManagementType?: string;
}

export interface HierarchyGroup {
  arn: string;
  id: string;
  name?: string;
  parentGroupArn?: string;
}

/** A flow module of an instance, by its id and name (AllowedFlowModules names modules by id). */
export interface FlowModuleName {
  id: string;
  name: string;
}

export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  instanceId?: string | undefined;
  /** The id after `/security-profile/` or `/agent-group/`. */
  resourceId?: string | undefined;
}

const ARN_RE = /^arn:(aws[-a-z0-9]*):connect:([-a-z0-9]*):([0-9]{12}):instance\/([-a-zA-Z0-9]+)(?:\/[a-z-]+\/([-a-zA-Z0-9]+))?$/;

export function parseConnectArn(arn: string): ParsedArn | undefined {
  const m = ARN_RE.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, account: m[3]!, instanceId: m[4], resourceId: m[5] };
}

export function isBuiltInProfileName(name: string | undefined): boolean {
  return name !== undefined && (BUILT_IN_PROFILE_NAMES as readonly string[]).includes(name);
}

/** Parses the `Properties` JSON string of a security profile. Throws on non-JSON or non-object. */
export function parseProfileProperties(properties: string): SecurityProfile {
  const value: unknown = JSON.parse(properties);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Properties is not a JSON object');
  }
  return value as SecurityProfile;
}

/** The writable part of a model, without read-only properties. */
export function toDraft(profile: SecurityProfile): SecurityProfileDraft {
  const { SecurityProfileArn: _a, LastModifiedTime: _t, LastModifiedRegion: _r, ...draft } = profile;
  return draft;
}

/** A kept version of a profile as a draft of it: the version's values under the profile's own name and instance (what going back sends). */
export function versionAsDraft(version: SecurityProfile, of: Pick<SecurityProfile, 'InstanceArn' | 'SecurityProfileName'>): SecurityProfileDraft {
  return { ...toDraft(version), InstanceArn: of.InstanceArn, SecurityProfileName: of.SecurityProfileName };
}

// The security-profile operations of the Connect API, over the same store as Cloud Control. Inputs
// arrive bound and checked against the model (model.ts); what is here is what the model cannot say:
// names unique per instance, the quota, no delete while users hold a profile, and the answers' shapes.
import { randomUUID } from 'node:crypto';
import { demoFlowModules } from '../demo-data.js';
import { createRefusal, deleteRefusal } from '../profile-rules.js';
import type { InstanceState, Model } from '../store.js';
import { type ConnectCall, idOf, instanceOf, page, profileOf, spend, stamp, tagList, tagMapOf } from './common.js';
import { ConnectError } from './errors.js';

const timeFields = (model: Model): Record<string, unknown> => ({
  ...(typeof model.LastModifiedTime === 'number' ? { LastModifiedTime: model.LastModifiedTime } : {}),
  ...(typeof model.LastModifiedRegion === 'string' ? { LastModifiedRegion: model.LastModifiedRegion } : {}),
});

/** ListSecurityProfiles: Id, Arn, Name and the LastModified fields of every profile, paged (100 by default). */
export function listSecurityProfiles(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  spend(call);
  const { items, NextToken } = page(call, [...instance.profiles.values()]);
  return {
    SecurityProfileSummaryList: items.map(({ model }) => ({ Id: idOf(model.SecurityProfileArn), Arn: model.SecurityProfileArn, Name: model.SecurityProfileName, ...timeFields(model) })),
    ...(NextToken ? { NextToken } : {}),
  };
}

/** DescribeSecurityProfile: the base fields only (real-aws-notes: permissions, applications, flow modules and AI agents come from the List* calls). */
export function describeSecurityProfile(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const { arn, model } = profileOf(call, instance);
  spend(call);
  return {
    SecurityProfile: {
      Id: idOf(arn),
      OrganizationResourceId: instance.entry.model.Id,
      Arn: arn,
      SecurityProfileName: model.SecurityProfileName,
      ...(typeof model.Description === 'string' ? { Description: model.Description } : {}),
      Tags: tagMapOf(model.Tags),
      AllowedAccessControlTags: tagMapOf(model.AllowedAccessControlTags),
      TagRestrictedResources: model.TagRestrictedResources ?? [],
      HierarchyRestrictedResources: model.HierarchyRestrictedResources ?? [],
      ...(typeof model.AllowedAccessControlHierarchyGroupId === 'string' ? { AllowedAccessControlHierarchyGroupId: model.AllowedAccessControlHierarchyGroupId } : {}),
      ...(model.GranularAccessControlConfiguration !== undefined ? { GranularAccessControlConfiguration: model.GranularAccessControlConfiguration } : {}),
      ...timeFields(model),
    },
  };
}

/** ListSecurityProfilePermissions / …Applications / …FlowModules: one list field of a profile, paged. */
function listField(field: string, answer: string) {
  return (call: ConnectCall): Record<string, unknown> => {
    const instance = instanceOf(call);
    const { model } = profileOf(call, instance);
    spend(call);
    const all = Array.isArray(model[field]) ? (model[field] as unknown[]) : [];
    const { items, NextToken } = page(call, all);
    return { [answer]: items, ...(NextToken ? { NextToken } : {}), ...timeFields(model) };
  };
}
export const listSecurityProfilePermissions = listField('Permissions', 'Permissions');
export const listSecurityProfileApplications = listField('Applications', 'Applications');
export const listSecurityProfileFlowModules = listField('AllowedFlowModules', 'AllowedFlowModules');
export const listSecurityProfileAIAgents = listField('AllowedAIAgents', 'AllowedAIAgents');

/** The fields a Create or Update sets, in the store's (Cloud Control's) shape. */
function fieldsOf(input: Record<string, unknown>): Model {
  const out: Model = {};
  for (const name of ['Description', 'Permissions', 'TagRestrictedResources', 'HierarchyRestrictedResources', 'Applications', 'AllowedFlowModules', 'AllowedAIAgents', 'GranularAccessControlConfiguration']) {
    if (input[name] !== undefined) out[name] = structuredClone(input[name]);
  }
  if (input.AllowedAccessControlTags !== undefined) out.AllowedAccessControlTags = tagList(input.AllowedAccessControlTags as Record<string, string>);
  if (input.AllowedAccessControlHierarchyGroupId !== undefined) out.AllowedAccessControlHierarchyGroupId = input.AllowedAccessControlHierarchyGroupId;
  return out;
}

/** Refuses a flow module the instance does not have (the model says only its type; the id must name one). */
function checkFlowModules(instance: InstanceState, modules: unknown): void {
  if (!Array.isArray(modules)) return;
  const known = new Set((instance.flowModules ?? demoFlowModules(String(instance.entry.model.Arn))).map((m) => m.id));
  for (const m of modules as { FlowModuleId?: string }[]) {
    if (m.FlowModuleId !== undefined && !known.has(m.FlowModuleId)) throw new ConnectError('InvalidParameterException', `Flow module not found: ${m.FlowModuleId.slice(0, 80)}`, 400);
  }
}

/** CreateSecurityProfile: the model's name rule (CreateSecurityProfileName's pattern), one name per instance, the quota. */
export function createSecurityProfile(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const instanceArn = String(instance.entry.model.Arn);
  const name = String(call.input.SecurityProfileName);
  const refusal = createRefusal(instance, name, call.ctx.profileQuota);
  // CreateSecurityProfile's errors: DuplicateResourceException (409), LimitExceededException (429).
  if (refusal?.kind === 'duplicate') throw new ConnectError('DuplicateResourceException', refusal.message, 409);
  if (refusal) throw new ConnectError('LimitExceededException', refusal.message, 429);
  checkFlowModules(instance, call.input.AllowedFlowModules);
  spend(call);
  const arn = `${instanceArn}/security-profile/${randomUUID()}`;
  const model: Model = { InstanceArn: instanceArn, SecurityProfileArn: arn, SecurityProfileName: name, ...fieldsOf(call.input) };
  if (call.input.Tags !== undefined) model.Tags = tagList(call.input.Tags as Record<string, string>);
  stamp(call, model);
  call.ctx.store.addProfile(instance, model);
  call.ctx.changed();
  return { SecurityProfileId: idOf(arn), SecurityProfileArn: arn };
}

/** UpdateSecurityProfile: replaces each field it is sent (real-aws-notes: list fields are replaced whole). */
export function updateSecurityProfile(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const found = profileOf(call, instance);
  checkFlowModules(instance, call.input.AllowedFlowModules);
  spend(call);
  const next = { ...structuredClone(found.model), ...fieldsOf(call.input) };
  if (next.AllowedAccessControlHierarchyGroupId === '') delete next.AllowedAccessControlHierarchyGroupId;
  stamp(call, next);
  found.entry.model = next;
  call.ctx.changed();
  return {};
}

/** DeleteSecurityProfile: refused with ResourceInUseException (409) while users hold the profile. */
export function deleteSecurityProfile(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const { arn } = profileOf(call, instance);
  spend(call);
  const refusal = deleteRefusal(instance, arn);
  if (refusal) throw new ConnectError('ResourceInUseException', refusal.message, 409, { ResourceId: arn } /* the model's ResourceType enum has no security profile: left out */);
  instance.profiles.delete(arn);
  call.ctx.changed();
  return {};
}

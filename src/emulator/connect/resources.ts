// Tags of taggable resources (security profiles and users, as the model's resourceArn allows) and
// the instance's flow modules.
import { demoFlowModules } from '../demo-data.js';
import type { Model } from '../store.js';
import { type ConnectCall, instanceOf, page, spend, tagList, tagMapOf } from './common.js';
import { invalidParameter, notFound } from './errors.js';

function tagged(call: ConnectCall): { entry: { model: Model } } {
  const arn = String(call.input.resourceArn ?? '');
  const instance = call.ctx.store.instanceOf(call.region, arn);
  const entry = instance?.profiles.get(arn) ?? instance?.users.get(arn);
  if (!entry) throw notFound(`Resource not found: ${arn.slice(0, 120)}`);
  return { entry };
}

export function listTagsForResource(call: ConnectCall): Record<string, unknown> {
  const { entry } = tagged(call);
  spend(call);
  return { tags: tagMapOf(entry.model.Tags) };
}

/** TagResource: 1–50 tags in the call (the model's TagMap); a resource holds at most 50 (Tagging quota). */
export function tagResource(call: ConnectCall): Record<string, unknown> {
  const { entry } = tagged(call);
  const tags = new Map(Object.entries(tagMapOf(entry.model.Tags)));
  for (const [k, v] of Object.entries(call.input.tags as Record<string, string>)) tags.set(k, v);
  if (tags.size > 50) throw invalidParameter(`A resource may have at most 50 tags (this would make ${tags.size})`);
  spend(call);
  entry.model = { ...entry.model, Tags: tagList(Object.fromEntries(tags)) };
  call.ctx.changed();
  return {};
}

/** UntagResource: 1–50 keys, none beginning aws: (the model's TagKeyList and TagKey). */
export function untagResource(call: ConnectCall): Record<string, unknown> {
  const { entry } = tagged(call);
  const keys = new Set(call.input.tagKeys as string[]);
  spend(call);
  entry.model = { ...entry.model, Tags: ((entry.model.Tags ?? []) as { Key: string }[]).filter((t) => !keys.has(t.Key)) };
  call.ctx.changed();
  return {};
}

/** ListContactFlowModules: the instance's modules (all ACTIVE), the `state` filter, 100 a page by default. */
export function listContactFlowModules(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  spend(call);
  const arn = String(instance.entry.model.Arn);
  const state = call.input.ContactFlowModuleState;
  const all = (instance.flowModules ?? demoFlowModules(arn)).filter(() => state === undefined || state === 'ACTIVE');
  const { items, NextToken } = page(call, all);
  return { ContactFlowModulesSummaryList: items.map((m) => ({ Id: m.id, Arn: `${arn}/flow-module/${m.id}`, Name: m.name, State: 'ACTIVE' })), ...(NextToken ? { NextToken } : {}) };
}

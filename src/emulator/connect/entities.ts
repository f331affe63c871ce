// The security profiles of an entity other than a user: AI agents of Amazon Q in Connect
// (AssociateSecurityProfiles, DisassociateSecurityProfiles, ListEntitySecurityProfiles; Connect API
// model 2017-08-08). The API reference says the only supported EntityType is AI_AGENT (the model's enum
// also has USER: refused here, users go through UpdateUserSecurityProfiles); an entity the instance does
// not know is ResourceNotFoundException; a set is 1–10 profiles (the model's SecurityProfiles shape),
// and an agent may hold at most 10 in all (as a user: the less kind reading where AWS is silent).
import type { InstanceState, Model } from '../store.js';
import { type ConnectCall, idOf, instanceOf, page, spend } from './common.js';
import { invalidParameter, notFound } from './errors.js';

/** Connect's bound on the profiles an entity holds (SecurityProfiles: 1–10 per call; 10 in all, as users). */
const MAX_HELD = 10;

function agentOf(call: ConnectCall, instance: InstanceState): { model: Model } {
  // API reference (AssociateSecurityProfiles): "Only supported type is AI_AGENT."
  if (call.input.EntityType !== 'AI_AGENT') throw invalidParameter(`EntityType ${String(call.input.EntityType).slice(0, 40)} is not supported here: only AI_AGENT (a user's profiles: UpdateUserSecurityProfiles)`);
  const arn = String(call.input.EntityArn ?? '');
  const entry = instance.aiAgents.get(arn);
  if (!entry) throw notFound(`AI agent not found: ${arn.slice(0, 200)}`);
  return entry;
}

/** The profiles (ARNs) the call's SecurityProfiles name; an id the instance lacks is ResourceNotFoundException. */
function profilesNamed(call: ConnectCall, instance: InstanceState): string[] {
  const byId = new Map([...instance.profiles.keys()].map((arn) => [idOf(arn), arn]));
  const ids = (call.input.SecurityProfiles as { Id?: string }[]).map((p) => String(p.Id ?? ''));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw notFound(`Security profile not found: ${missing.map((id) => id.slice(0, 80)).join(', ')}`);
  return [...new Set(ids.map((id) => byId.get(id)!))];
}

export function associateSecurityProfiles(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const agent = agentOf(call, instance);
  const adding = profilesNamed(call, instance);
  const held = (agent.model.SecurityProfileArns as string[] | undefined) ?? [];
  const next = [...new Set([...held, ...adding])];
  if (next.length > MAX_HELD) throw invalidParameter(`An AI agent holds at most ${MAX_HELD} security profiles (${next.length} asked)`);
  spend(call);
  agent.model = { ...agent.model, SecurityProfileArns: next };
  call.ctx.changed();
  return {};
}

export function disassociateSecurityProfiles(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const agent = agentOf(call, instance);
  const removing = new Set(profilesNamed(call, instance));
  spend(call);
  agent.model = { ...agent.model, SecurityProfileArns: ((agent.model.SecurityProfileArns as string[] | undefined) ?? []).filter((arn) => !removing.has(arn)) };
  call.ctx.changed();
  return {};
}

export function listEntitySecurityProfiles(call: ConnectCall): Record<string, unknown> {
  const instance = instanceOf(call);
  const agent = agentOf(call, instance);
  spend(call);
  // The model's SecurityProfileItem has the Id only.
  const { items, NextToken } = page(call, ((agent.model.SecurityProfileArns as string[] | undefined) ?? []).map((arn) => ({ Id: idOf(arn) })));
  return { SecurityProfiles: items, ...(NextToken ? { NextToken } : {}) };
}

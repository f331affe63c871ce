// Rules Connect applies to a profile however it is reached (Cloud Control's handler or the Connect
// API): one name per instance, the instance's profile quota, and no delete while someone holds it.
// Each path words the refusal as its own API does.
import { aiAgentHoldersOf, holdersOf, type InstanceState } from './store.js';

export type Refusal = { kind: 'duplicate' | 'quota' | 'in-use'; message: string; holders?: number };

/** Why a profile named `name` cannot be created in the instance, or undefined. */
export function createRefusal(instance: InstanceState, name: string, quota: number): Refusal | undefined {
  for (const entry of instance.profiles.values()) {
    if (entry.model.SecurityProfileName === name) return { kind: 'duplicate', message: `A security profile named "${name}" already exists in this instance` };
  }
  // Service Quotas L-F325A715 "Security profiles per instance" (real-aws-notes "Limits": 100 by default).
  if (instance.profiles.size >= quota) {
    return { kind: 'quota', message: `The instance holds ${instance.profiles.size} of its ${quota} security profiles (quota L-F325A715, "Security profiles per instance")` };
  }
  return undefined;
}

/** Why the profile cannot be deleted (users still hold it), or undefined. */
export function deleteRefusal(instance: InstanceState, arn: string): Refusal | undefined {
  const holders = holdersOf(instance, arn).length;
  // AWS is silent on deleting a profile an AI agent holds; the less kind reading: refused as for users.
  const agents = aiAgentHoldersOf(instance, arn).length;
  if (holders + agents === 0) return undefined;
  const who = [...(holders > 0 ? [`${holders} user${holders === 1 ? '' : 's'}`] : []), ...(agents > 0 ? [`${agents} AI agent${agents === 1 ? '' : 's'}`] : [])].join(' and ');
  return { kind: 'in-use', holders: holders + agents, message: `Security profile ${arn.split('/').pop()} is assigned to ${who} and cannot be deleted` };
}

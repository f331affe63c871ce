// Promote plans, pure: per target create/update/unchanged with the exact request, the hierarchy group
// mapped by its path to the target's id, a path the target lacks blocking until skipped or mapped.
import { describe, expect, it } from 'vitest';
import { nearestFirst, parseMapping, promotePlan, targetPlanText, widensAccess } from '../../../src/domain/fleet/promote.js';
import type { HierarchyGroup, SecurityProfile } from '../../../src/domain/profile/security-profile.js';

const DEV = 'arn:aws:connect:us-west-2:210987654321:instance/dev';
const PROD = 'arn:aws:connect:us-east-1:210987654321:instance/prod';
const g = (instance: string, id: string, name: string, parent?: string): HierarchyGroup => ({ arn: `${instance}/agent-group/${id}`, id, name, ...(parent ? { parentGroupArn: `${instance}/agent-group/${parent}` } : {}) });
const devGroups = [g(DEV, 'd1', 'Americas'), g(DEV, 'd2', 'Support floor', 'd1'), g(DEV, 'd3', 'Night shift', 'd2')];
const prodGroups = [g(PROD, 'p1', 'Americas'), g(PROD, 'p2', 'Support floor', 'p1')];
const p = (instance: string, name: string, extra: Partial<SecurityProfile> = {}): SecurityProfile => ({ InstanceArn: instance, SecurityProfileName: name, SecurityProfileArn: `${instance}/security-profile/${name}`, Permissions: ['BasicAgentAccess'], ...extra });

const source = [
  p(DEV, 'Agent', { Permissions: ['BasicAgentAccess', 'ContactSearch.View'] }),
  p(DEV, 'Leads', { AllowedAccessControlHierarchyGroupId: 'd2', HierarchyRestrictedResources: ['User'] }),
  p(DEV, 'Night', { AllowedAccessControlHierarchyGroupId: 'd3', HierarchyRestrictedResources: ['User'] }),
];
const target = { key: 'platform:prod', instanceArn: PROD, groups: prodGroups, current: [p(PROD, 'Agent'), p(PROD, 'Leads', { AllowedAccessControlHierarchyGroupId: 'p2', HierarchyRestrictedResources: ['User'] })] };

describe('promotePlan', () => {
  it('maps the group by path, updates what differs, leaves what matches, and blocks a path the target lacks', () => {
    const plan = promotePlan(source, devGroups, target);
    expect(plan.steps.map((s) => `${s.action} ${s.name}`)).toEqual(['update Agent', 'unchanged Leads']);
    expect(plan.steps[0]!.changes).toEqual(['+ Contact Search · View (ContactSearch.View)']);
    expect(plan.steps[0]!.request).toEqual({ UpdateResource: { Identifier: `${PROD}/security-profile/Agent`, PatchDocument: expect.arrayContaining([expect.objectContaining({ op: 'add', path: '/Permissions' })]) } });
    expect(plan.mapping).toEqual([{ profile: 'Leads', what: 'hierarchy group', from: 'Americas/Support floor (d2)', to: 'Americas/Support floor (p2)' }]);
    expect(plan.blocked).toEqual([{ profile: 'Night', field: 'AllowedAccessControlHierarchyGroupId', path: 'Americas/Support floor/Night shift', candidates: ['Americas/Support floor', 'Americas'] }]);
    expect(targetPlanText(plan, true)).toContain('[PRODUCTION] platform:prod');
  });

  it('a mapping choice carries the group to the chosen path, by the target id', () => {
    const plan = promotePlan(source, devGroups, target, parseMapping(['Americas/Support floor/Night shift=Americas']));
    expect(plan.blocked).toEqual([]);
    const night = plan.steps.find((s) => s.name === 'Night')!;
    expect(night.action).toBe('create');
    expect(night.request).toEqual({ CreateResource: { DesiredState: expect.objectContaining({ InstanceArn: PROD, AllowedAccessControlHierarchyGroupId: 'p1', HierarchyRestrictedResources: ['User'] }) } });
    expect(plan.mapping.find((m) => m.profile === 'Night')?.to).toBe('Americas (p1): chosen; wider: "Americas" includes every group under it, not only "Americas/Support floor/Night shift"');
  });

  it('skipping leaves the group and its restriction out', () => {
    const plan = promotePlan(source, devGroups, target, parseMapping(['Americas/Support floor/Night shift=']));
    const night = plan.steps.find((s) => s.name === 'Night')!;
    const desired = (night.request as { CreateResource: { DesiredState: SecurityProfile } }).CreateResource.DesiredState;
    expect(desired.AllowedAccessControlHierarchyGroupId).toBeUndefined();
    expect(desired.HierarchyRestrictedResources).toBeUndefined();
  });

  it('the groups offered for a missing one come nearest first, and a choice of its parent says it widens access', () => {
    expect(nearestFirst('Americas/Support floor/Night shift', ['EMEA', 'Americas', 'Americas/Sales floor', 'Americas/Support floor'])).toEqual(['Americas/Support floor', 'Americas', 'Americas/Sales floor', 'EMEA']);
    expect(widensAccess('Americas/Support floor/Night shift', 'Americas/Support floor')).toBe(true);
    expect(widensAccess('Americas/Support floor/Night shift', 'Americas/Sales floor')).toBe(false);
  });

  it("a target at its quota stops the plan with the count in words; unknown counts or quotas do not (the send reports it)", () => {
    const flows = [p(DEV, 'Quota One', {}), p(DEV, 'Quota Two', {})];
    const full = promotePlan(flows, devGroups, { ...target, current: [], held: 99, quota: 100 });
    expect(full.problems).toContain('the instance holds 99 of its 100 security profiles; the plan creates 2, so it would hold 101. Delete profiles nobody holds, or raise the quota (Service Quotas, Amazon Connect, L-F325A715)');
    expect(promotePlan(flows, devGroups, { ...target, current: [], held: 98, quota: 100 }).problems).toEqual([]);
    expect(promotePlan(flows, devGroups, { ...target, current: [], held: 99 }).problems).toEqual([]);
  });

  it('flow modules go by name to the target id; a name the target lacks blocks it until skipped or mapped', () => {
    const flows = [p(DEV, 'Flows', { AllowedFlowModules: [{ Type: 'MCP', FlowModuleId: 'dm1' }, { Type: 'MCP', FlowModuleId: 'dm2' }] })];
    const sourceModules = [{ id: 'dm1', name: 'Authenticate' }, { id: 'dm2', name: 'Collect payment' }];
    const withModules = { ...target, current: [], modules: [{ id: 'pm1', name: 'Authenticate' }, { id: 'pm9', name: 'Payments v2' }] };
    const blocked = promotePlan(flows, devGroups, withModules, [], sourceModules);
    expect(blocked.blocked).toEqual([{ profile: 'Flows', field: 'AllowedFlowModules', path: 'Collect payment', candidates: ['Authenticate', 'Payments v2'] }]);
    expect(targetPlanText(blocked, false)).toContain('allows the flow module "Collect payment", which platform:prod does not have');
    const mapped = promotePlan(flows, devGroups, withModules, parseMapping(['Collect payment=Payments v2']), sourceModules);
    const desired = (mapped.steps[0]!.request as { CreateResource: { DesiredState: SecurityProfile } }).CreateResource.DesiredState;
    expect(desired.AllowedFlowModules).toEqual([{ Type: 'MCP', FlowModuleId: 'pm1' }, { Type: 'MCP', FlowModuleId: 'pm9' }]);
    const skipped = promotePlan(flows, devGroups, withModules, parseMapping(['Collect payment=']), sourceModules);
    expect((skipped.steps[0]!.request as { CreateResource: { DesiredState: SecurityProfile } }).CreateResource.DesiredState.AllowedFlowModules).toEqual([{ Type: 'MCP', FlowModuleId: 'pm1' }]);
    // Without the target's names: the id is kept, and the plan says to check it.
    const unknown = promotePlan(flows, devGroups, { ...target, current: [] }, [], sourceModules);
    expect(unknown.blocked).toEqual([]);
    expect(unknown.mapping.find((m) => m.what === 'flow module')?.to).toContain("spex could not read the target's module names");
  });

  it('allowed AI agents go by name to the target ARN; a name the target lacks blocks it until skipped or mapped; without names the ARN is kept', () => {
    const agent = (instance: string, id: string, name: string) => ({ arn: `arn:aws:wisdom:us-east-1:210987654321:ai-agent/${instance}/${id}`, name, profileArns: [] });
    const devAgents = [agent('dev', 'a1', 'Order status assistant'), agent('dev', 'a2', 'Refund helper')];
    const prodAgents = [agent('prod', 'b1', 'Order status assistant'), agent('prod', 'b9', 'Refunds v2')];
    const calling = [p(DEV, 'Callers', { AllowedAIAgents: devAgents.map((a) => ({ Arn: a.arn, Type: 'THIRD_PARTY' })) })];
    const withAgents = { ...target, current: [p(PROD, 'Callers', { AllowedAIAgents: [] })], agents: prodAgents };
    const blocked = promotePlan(calling, devGroups, withAgents, [], undefined, devAgents);
    expect(blocked.blocked).toEqual([{ profile: 'Callers', field: 'AllowedAIAgents', path: 'Refund helper', candidates: ['Order status assistant', 'Refunds v2'] }]);
    expect(targetPlanText(blocked, false)).toContain('“Callers” allows the AI agent "Refund helper", which platform:prod does not have');
    expect(targetPlanText(blocked, false)).toContain("--map 'Refund helper=TARGET-NAME'");
    const mapped = promotePlan(calling, devGroups, withAgents, parseMapping(['Refund helper=Refunds v2']), undefined, devAgents);
    const step = mapped.steps[0]!;
    expect(step.action).toBe('update');
    // Cloud Control cannot carry them: the plan's request is Connect's UpdateSecurityProfile alone.
    expect(step.request).toEqual({ Connect: [expect.objectContaining({ operation: 'UpdateSecurityProfile', body: expect.objectContaining({ AllowedAIAgents: [{ Arn: prodAgents[0]!.arn, Type: 'THIRD_PARTY' }, { Arn: prodAgents[1]!.arn, Type: 'THIRD_PARTY' }] }) })] });
    expect(step.changes).toEqual(['+ allowed AI agent “Order status assistant”', '+ allowed AI agent “Refunds v2”']);
    const skipped = promotePlan(calling, devGroups, withAgents, parseMapping(['Refund helper=']), undefined, devAgents);
    expect((skipped.steps[0]!.after as SecurityProfile).AllowedAIAgents).toEqual([{ Arn: prodAgents[0]!.arn, Type: 'THIRD_PARTY' }]);
    const unknown = promotePlan(calling, devGroups, { ...withAgents, agents: undefined }, [], undefined, devAgents);
    expect(unknown.blocked).toEqual([]);
    expect(unknown.mapping.find((m) => m.what === 'allowed AI agent')?.to).toContain("spex could not read the target's AI agents");
  });

  it('--map needs FROM=TO', () => {
    expect(() => parseMapping(['nothing'])).toThrow(/SOURCE-PATH=TARGET-PATH/);
  });
});

// A profile's AllowedAIAgents, the field the Cloud Control schema lacks: read with
// ListSecurityProfileAIAgents beside every GetResource, written with Connect's UpdateSecurityProfile
// (alone when nothing else changed, after the Cloud Control save otherwise, after a create too), and
// refused before anything is sent when the Connect API cannot be used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AI_AGENT_MODELS, demoProfileArn } from '../../src/emulator/index.js';
import { startTestBackend, type TestBackend, sent } from '../helpers/emulator.js';

let backend: TestBackend;
beforeEach(async () => {
  backend = await startTestBackend();
});
afterEach(async () => {
  await backend.close();
});

const agentArn = (name: string): string => String(backend.emulator.listModels(backend.region, AI_AGENT_MODELS).find((a) => a.Name === name)?.AIAgentArn);
const ops = () => backend.emulator.requests.map((r) => r.operation).filter((o) => /Update|Create/.test(o));

describe('AllowedAIAgents through the Connect API', () => {
  it('is read with every profile, and an edit of it alone is one UpdateSecurityProfile, re-read', async () => {
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Tier 1 Support');
    const before = await service.getProfile(arn);
    expect(before.AllowedAIAgents).toEqual([{ Arn: agentArn('Order status assistant'), Type: 'THIRD_PARTY' }]);
    const both = [...before.AllowedAIAgents!, { Arn: agentArn('Supervisor copilot'), Type: 'THIRD_PARTY' }];
    const outcome = await service.updateProfile(arn, before, { ...before, AllowedAIAgents: both }).done;
    expect(outcome.ok && outcome.model?.AllowedAIAgents).toEqual(both);
    expect(outcome.status?.note).toMatch(/allowed AI agents sent through the Connect API/);
    expect(ops()).toEqual(['UpdateSecurityProfile']);
    expect(sent(backend, 'UpdateSecurityProfile')[0]!.body).toMatchObject({ AllowedAIAgents: both });
  });

  it('with other fields: Cloud Control saves them, then Connect the agents; a create carries them the same way', async () => {
    const service = backend.spex.forRegion(backend.region);
    const arn = demoProfileArn('Tier 1 Support');
    const before = await service.getProfile(arn);
    const outcome = await service.updateProfile(arn, before, { ...before, Description: 'Now with no agents', AllowedAIAgents: [] }).done;
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.model).toMatchObject({ Description: 'Now with no agents', AllowedAIAgents: [] });
    expect(outcome.ok && outcome.warnings).toBeUndefined();
    expect(ops()).toEqual(['UpdateResource', 'UpdateSecurityProfile']);
    expect(JSON.parse(String(sent(backend, 'UpdateResource')[0]!.body.PatchDocument))).not.toContainEqual(expect.objectContaining({ path: '/AllowedAIAgents' }));

    const allowed = [{ Arn: agentArn('Order status assistant'), Type: 'THIRD_PARTY' }];
    const created = await service.createProfile({ InstanceArn: backend.instanceArn, SecurityProfileName: 'Agent callers', Permissions: ['BasicAgentAccess'], AllowedAIAgents: allowed }).done;
    expect(created.ok && created.model?.AllowedAIAgents).toEqual(allowed);
    expect(JSON.parse(String(sent(backend, 'CreateResource')[0]!.body.DesiredState))).not.toHaveProperty('AllowedAIAgents');
  });

  it('without the Connect API an edit of the agents is refused naming the field, and nothing is sent; a wrong type is refused by Connect’s rules', async () => {
    const ccOnly = backend.makeSpex({ cloudControlOnly: true }).forRegion(backend.region);
    const arn = demoProfileArn('Tier 1 Support');
    const before = await ccOnly.getProfile(arn);
    expect(before.AllowedAIAgents).toBeUndefined();
    const outcome = await ccOnly.updateProfile(arn, before, { ...before, AllowedAIAgents: [{ Arn: agentArn('Supervisor copilot'), Type: 'THIRD_PARTY' }] }).done;
    expect(!outcome.ok && outcome.error).toMatchObject({ field: 'AllowedAIAgents', message: expect.stringMatching(/only the Connect API sets it.*Nothing was sent/) });
    // A draft that does not mention the field leaves it alone.
    expect((await ccOnly.updateProfile(arn, before, { ...before, Description: 'cc only' }).done).ok).toBe(true);
    const service = backend.spex.forRegion(backend.region);
    const read = await service.getProfile(arn);
    expect(read.AllowedAIAgents).toHaveLength(1);
    const wrong = await service.updateProfile(arn, read, { ...read, AllowedAIAgents: [{ Arn: agentArn('Supervisor copilot'), Type: 'FIRST_PARTY' }] }).done;
    expect(!wrong.ok && wrong.error.message).toMatch(/AllowedAIAgents: type "FIRST_PARTY" is not one Connect knows/);
    expect(sent(backend, 'UpdateSecurityProfile')).toHaveLength(0);
  });
});

describe('AI agents as holders', () => {
  it('are listed through Amazon Q in Connect with the profiles each holds, kept per instance, and given or relieved of profiles', async () => {
    const service = backend.spex.forRegion(backend.region);
    const agents = await service.listAiAgents(backend.instanceArn);
    expect(agents?.map((a) => a.name).sort()).toEqual(['Order status assistant', 'Supervisor copilot']);
    const copilot = agents!.find((a) => a.name === 'Supervisor copilot')!;
    expect(copilot.profileArns).toEqual([demoProfileArn('CallCenterManager')]);
    await service.listAiAgents(backend.instanceArn);
    expect(sent(backend, 'ListAssistants')).toHaveLength(1);
    await service.changeAiAgentProfiles(backend.instanceArn, copilot.arn, 'add', [demoProfileArn('QualityAnalyst')]);
    const after = await service.listAiAgents(backend.instanceArn);
    expect(after!.find((a) => a.arn === copilot.arn)!.profileArns.sort()).toEqual([demoProfileArn('CallCenterManager'), demoProfileArn('QualityAnalyst')].sort());
    await service.changeAiAgentProfiles(backend.instanceArn, copilot.arn, 'remove', [demoProfileArn('QualityAnalyst')]);
    expect((await service.listAiAgents(backend.instanceArn, { fresh: true }))!.find((a) => a.arn === copilot.arn)!.profileArns).toEqual([demoProfileArn('CallCenterManager')]);
    expect(await backend.makeSpex({ cloudControlOnly: true }).forRegion(backend.region).listAiAgents(backend.instanceArn)).toBeUndefined();
  });

  it('a refusal by Amazon Q in Connect turns the reading off, said once, instead of failing', async () => {
    const notes: string[] = [];
    const service = backend.makeSpex({ onConnectUnavailable: (_r, why) => notes.push(why) }).forRegion(backend.region);
    backend.emulator.failNext('ListAssistants', 1, { exception: 'AccessDeniedException' });
    expect(await service.listAiAgents(backend.instanceArn)).toBeUndefined();
    expect(notes.join('\n')).toMatch(/Amazon Q in Connect refused spex \(AccessDeniedException\)/);
  });
});

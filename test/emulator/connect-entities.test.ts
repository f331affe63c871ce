// AI agents as holders of security profiles in the emulator's Connect API (AssociateSecurityProfiles,
// DisassociateSecurityProfiles, ListEntitySecurityProfiles; EntityType AI_AGENT), through the AWS SDK
// v3 client: the demo's agents, the model's bounds, unknown entities and profiles, and a profile an AI
// agent holds refused for deletion through Connect and through Cloud Control.
import { DeleteResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { AssociateSecurityProfilesCommand, ConnectClient, DeleteSecurityProfileCommand, DisassociateSecurityProfilesCommand, ListEntitySecurityProfilesCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AI_AGENT_MODELS, demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';
import { clientFor, CREDENTIALS, errorOf, PROFILE, waitForRequest } from './helpers.js';

let emulator: Emulator;
let connect: ConnectClient;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0 });
  connect = new ConnectClient({ endpoint: emulator.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  connect.destroy();
  await emulator.close();
});

const InstanceId = demoInstanceArn().split('/').pop()!;
const idOf = (arn: string) => arn.split('/').pop()!;
const agents = () => emulator.listModels('us-east-1', AI_AGENT_MODELS).filter((a) => a.InstanceArn === demoInstanceArn()) as { AIAgentArn: string; Name: string; SecurityProfileArns: string[] }[];
const held = async (EntityArn: string) => ((await connect.send(new ListEntitySecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn }))).SecurityProfiles ?? []).map((p) => `${demoInstanceArn()}/security-profile/${p.Id}`).sort();

describe('AI agents holding security profiles', () => {
  it('the demo has AI agents in acme-support, one holding CallCenterManager; ListEntitySecurityProfiles lists what each holds', async () => {
    const copilot = agents().find((a) => a.Name === 'Supervisor copilot')!;
    expect(copilot.AIAgentArn).toMatch(/^arn:aws:wisdom:us-east-1:\d{12}:ai-agent\//);
    expect(await held(copilot.AIAgentArn)).toEqual([demoProfileArn('CallCenterManager')]);
  });

  it('associate adds, disassociate takes away; unknown profiles and agents, USER and more than ten are refused and change nothing', async () => {
    const agent = agents().find((a) => a.Name === 'Order status assistant')!;
    const before = await held(agent.AIAgentArn);
    await connect.send(new AssociateSecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: agent.AIAgentArn, SecurityProfiles: [{ Id: idOf(demoProfileArn('QualityAnalyst')) }] }));
    expect(await held(agent.AIAgentArn)).toEqual([...before, demoProfileArn('QualityAnalyst')].sort());
    await connect.send(new DisassociateSecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: agent.AIAgentArn, SecurityProfiles: [{ Id: idOf(demoProfileArn('QualityAnalyst')) }] }));
    expect(await held(agent.AIAgentArn)).toEqual(before);
    const missingProfile = await errorOf(connect.send(new AssociateSecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: agent.AIAgentArn, SecurityProfiles: [{ Id: 'nope' }] })));
    expect(missingProfile.name).toBe('ResourceNotFoundException');
    const missingAgent = await errorOf(connect.send(new ListEntitySecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: `${agent.AIAgentArn}x` })));
    expect(missingAgent.name).toBe('ResourceNotFoundException');
    const user = await errorOf(connect.send(new ListEntitySecurityProfilesCommand({ InstanceId, EntityType: 'USER', EntityArn: agent.AIAgentArn })));
    expect(user.name).toBe('InvalidParameterException');
    // The model's SecurityProfiles: 1–10 per call.
    const none = await errorOf(connect.send(new AssociateSecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: agent.AIAgentArn, SecurityProfiles: [] })));
    expect(none.message).toMatch(/SecurityProfiles.*length greater than or equal to 1/);
    expect(await held(agent.AIAgentArn)).toEqual(before);
  });

  it('a profile an AI agent holds is not deleted, through Connect or Cloud Control, and says so', async () => {
    const refused = await errorOf(connect.send(new DeleteSecurityProfileCommand({ InstanceId, SecurityProfileId: idOf(demoProfileArn('AI Agent Builders')) })));
    expect(refused.name).toBe('ResourceInUseException');
    expect(refused.message).toContain('1 AI agent');
    const cc = clientFor(emulator);
    try {
      const started = await cc.send(new DeleteResourceCommand({ TypeName: PROFILE, Identifier: demoProfileArn('AI Agent Builders') }));
      const status = await waitForRequest(cc, started.ProgressEvent!.RequestToken!);
      expect(status?.OperationStatus).toBe('FAILED');
      expect(status?.StatusMessage).toContain('cannot be deleted');
    } finally {
      cc.destroy();
    }
    expect(emulator.getModel('us-east-1', 'AWS::Connect::SecurityProfile', demoProfileArn('AI Agent Builders'))).toBeDefined();
  });
});

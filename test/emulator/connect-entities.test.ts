// AI agents as holders of security profiles in the emulator's Connect API (AssociateSecurityProfiles,
// DisassociateSecurityProfiles, ListEntitySecurityProfiles; EntityType AI_AGENT), through the AWS SDK
// v3 client: the demo's agents, the model's bounds, unknown entities and profiles, and a profile an AI
// agent holds refused for deletion through Connect and through Cloud Control; a profile's AllowedAIAgents
// (Connect only: Cloud Control neither shows nor loses them); Amazon Q in Connect's ListAssistants and
// ListAIAgents, which name the agents.
import { DeleteResourceCommand, GetResourceCommand, UpdateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import {
  AssociateSecurityProfilesCommand,
  ConnectClient,
  DeleteSecurityProfileCommand,
  DisassociateSecurityProfilesCommand,
  ListEntitySecurityProfilesCommand,
  ListSecurityProfileAIAgentsCommand,
  UpdateSecurityProfileCommand,
} from '@aws-sdk/client-connect';
import { ListAIAgentsCommand, ListAssistantsCommand, QConnectClient } from '@aws-sdk/client-qconnect';
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

describe("a profile's AllowedAIAgents and Amazon Q in Connect's agents", () => {
  const tier1 = () => idOf(demoProfileArn('Tier 1 Support'));
  const allowed = async () => (await connect.send(new ListSecurityProfileAIAgentsCommand({ InstanceId, SecurityProfileId: tier1() }))).AllowedAIAgents ?? [];

  it('ListAssistants and ListAIAgents name the agents; a page is at most 100, an ARN is not an assistant id', async () => {
    const q = new QConnectClient({ endpoint: emulator.url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
    try {
      const assistants = (await q.send(new ListAssistantsCommand({}))).assistantSummaries ?? [];
      expect(assistants.length).toBeGreaterThan(0);
      const names = [];
      for (const a of assistants) names.push(...((await q.send(new ListAIAgentsCommand({ assistantId: a.assistantId! }))).aiAgentSummaries ?? []).map((x) => `${x.name}=${x.aiAgentArn}`));
      for (const agent of agents()) expect(names).toContain(`${agent.Name}=${agent.AIAgentArn}`);
      expect((await errorOf(q.send(new ListAssistantsCommand({ maxResults: 101 })))).name).toBe('ValidationException');
      expect((await errorOf(q.send(new ListAIAgentsCommand({ assistantId: assistants[0]!.assistantArn! })))).name).toBe('ValidationException');
      expect((await errorOf(q.send(new ListAIAgentsCommand({ assistantId: '00000000-0000-4000-8000-000000000000' })))).name).toBe('ResourceNotFoundException');
    } finally {
      q.destroy();
    }
  });

  it('UpdateSecurityProfile sets AllowedAIAgents, ListSecurityProfileAIAgents reads them; Cloud Control neither shows nor drops them; a wrong Type is refused', async () => {
    const order = agents().find((a) => a.Name === 'Order status assistant')!;
    expect((await allowed()).map((a) => a.Arn)).toEqual([order.AIAgentArn]);
    const copilot = agents().find((a) => a.Name === 'Supervisor copilot')!;
    await connect.send(new UpdateSecurityProfileCommand({ InstanceId, SecurityProfileId: tier1(), AllowedAIAgents: [{ Arn: order.AIAgentArn, Type: 'THIRD_PARTY' }, { Arn: copilot.AIAgentArn, Type: 'THIRD_PARTY' }] }));
    expect((await allowed()).map((a) => a.Arn)).toEqual([order.AIAgentArn, copilot.AIAgentArn]);
    const cc = clientFor(emulator);
    try {
      const read = await cc.send(new GetResourceCommand({ TypeName: PROFILE, Identifier: demoProfileArn('Tier 1 Support') }));
      expect(JSON.parse(read.ResourceDescription!.Properties!)).not.toHaveProperty('AllowedAIAgents');
      const started = await cc.send(new UpdateResourceCommand({ TypeName: PROFILE, Identifier: demoProfileArn('Tier 1 Support'), PatchDocument: JSON.stringify([{ op: 'replace', path: '/Description', value: 'through Cloud Control' }]) }));
      expect((await waitForRequest(cc, started.ProgressEvent!.RequestToken!))?.OperationStatus).toBe('SUCCESS');
    } finally {
      cc.destroy();
    }
    expect((await allowed()).length).toBe(2);
    const wrong = await errorOf(connect.send(new UpdateSecurityProfileCommand({ InstanceId, SecurityProfileId: tier1(), AllowedAIAgents: [{ Arn: order.AIAgentArn, Type: 'FIRST_PARTY' as 'THIRD_PARTY' }] })));
    expect(wrong.name).toBe('InvalidParameterException');
    expect((await allowed()).length).toBe(2);
  });
});

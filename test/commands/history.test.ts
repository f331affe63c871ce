// A profile's history from CloudTrail, through the SDK against the emulator: writes by another identity
// (its own access key) through the Connect API, a Cloud Control update, an assignment and an AI agent
// given the profile each appear in `spex history` with who, through what and what changed; CloudTrail's
// LookupEvents rules (one lookup attribute, 1–50 a page) are the emulator's too.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { AssociateSecurityProfilesCommand, ConnectClient, UpdateSecurityProfileCommand, UpdateUserSecurityProfilesCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.js';
import { AI_AGENT_MODELS, demoProfileArn } from '../../src/emulator/index.js';
import { TEST_CREDENTIALS, type TestBackend, startTestBackend } from '../helpers/emulator.js';
import { memoryIo } from '../helpers/memory-io.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend.close());

const OTHER = { accessKeyId: 'AKIDAUDITOR', secretAccessKey: 'x' };
const idOf = (arn: string) => arn.split('/').pop()!;

async function history(...args: string[]) {
  const io = memoryIo({ env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey } });
  const code = await runCommand('history', [...args, '--endpoint-url', backend.emulator.url, '--region', 'us-east-1'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('spex history', () => {
  it('lists each change to a profile, newest first: who (the identity of the access key), through what, and what changed', async () => {
    const arn = demoProfileArn('Reporting Analysts');
    const InstanceId = idOf(backend.instanceArn);
    const connect = new ConnectClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: OTHER, maxAttempts: 1 });
    try {
      await connect.send(new UpdateSecurityProfileCommand({ InstanceId, SecurityProfileId: idOf(arn), Description: 'changed by the auditor' }));
      const user = backend.emulator.listModels('us-east-1', 'AWS::Connect::User').find((u) => u.InstanceArn === backend.instanceArn)!;
      await connect.send(new UpdateUserSecurityProfilesCommand({ InstanceId, UserId: idOf(String(user.UserArn)), SecurityProfileIds: [idOf(arn)] }));
      const agent = backend.emulator.listModels('us-east-1', AI_AGENT_MODELS).find((a) => a.InstanceArn === backend.instanceArn)!;
      await connect.send(new AssociateSecurityProfilesCommand({ InstanceId, EntityType: 'AI_AGENT', EntityArn: String(agent.AIAgentArn), SecurityProfiles: [{ Id: idOf(arn) }] }));
    } finally {
      connect.destroy();
    }
    // And one through spex (Cloud Control), by the default identity.
    const service = backend.spex.forRegion(backend.region);
    const before = await service.getProfile(arn);
    expect((await service.updateProfile(arn, before, { ...before, Permissions: [...(before.Permissions ?? []), 'Users.View'] }).done).ok).toBe(true);
    // A change to another profile is not in this one's history.
    const other = await service.getProfile(demoProfileArn('Flow Designers'));
    await service.updateProfile(other.SecurityProfileArn!, other, { ...other, Description: 'elsewhere' }).done;

    const { code, out, err } = await history('Reporting Analysts', '--instance', 'acme-support', '--output', 'json');
    expect(code).toBe(0);
    expect(err).toContain('the newest changes may not be here yet');
    const { entries } = JSON.parse(out) as { entries: { who: string; through: string; event: string; what: string[] }[] };
    expect(entries.map((e) => e.event)).toEqual(['UpdateResource', 'AssociateSecurityProfiles', 'UpdateUserSecurityProfiles', 'UpdateSecurityProfile']);
    expect(entries[3]).toMatchObject({ who: expect.stringMatching(/:user\/user-AKIDAUDITOR$/), through: 'Connect API', what: ['Description set to "changed by the auditor"'] });
    expect(entries[2]!.what[0]).toMatch(/^user \S+ now holds it/);
    expect(entries[1]!.what[0]).toMatch(/^AI agent \S+ was given it/);
    expect(entries[0]).toMatchObject({ through: 'Cloud Control', what: [expect.stringMatching(/^permissions set to \d+: .*Users · View/)] });
    expect(entries[0]!.who).not.toBe(entries[3]!.who);
  });

  it("CloudTrail's rules: one lookup attribute a call, 1–50 events a page, newest first", async () => {
    const trail = new CloudTrailClient({ endpoint: backend.emulator.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const two = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'EventName', AttributeValue: 'b' }] })).catch((e: Error) => e);
      expect((two as Error).name).toBe('InvalidLookupAttributesException');
      const big = await trail.send(new LookupEventsCommand({ MaxResults: 51 })).catch((e: Error) => e);
      expect((big as Error).name).toBe('InvalidMaxResultsException');
      const page = await trail.send(new LookupEventsCommand({ MaxResults: 2 }));
      expect(page.Events).toHaveLength(2);
      expect(page.NextToken).toBeDefined();
      expect(page.Events![0]!.EventTime!.getTime()).toBeGreaterThanOrEqual(page.Events![1]!.EventTime!.getTime());
    } finally {
      trail.destroy();
    }
  });
});

import { CreateResourceCommand, GetResourceCommand, ListResourceRequestsCommand, paginateListResources, UpdateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { demoInstanceArn, demoProfileArn, type Emulator, StateFileError, startEmulator } from '../../src/emulator/index.js';
import { clientFor, waitForRequest } from './helpers.js';

let dir: string;
let emulator: Emulator | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spex-state-'));
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('--state FILE', () => {
  it('keeps profiles, changes and requests across restarts', async () => {
    const statePath = join(dir, 'state.json');
    emulator = await startEmulator({ asyncDelayMs: 0, statePath });
    const client = clientFor(emulator);
    const created = await client.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: 'Kept' }) }));
    const done = await waitForRequest(client, created.ProgressEvent!.RequestToken!);
    const updated = await client.send(new UpdateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: demoProfileArn('Agent'), PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'persisted' }]) }));
    await waitForRequest(client, updated.ProgressEvent!.RequestToken!);
    const before = emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE);
    await emulator.close();

    emulator = await startEmulator({ asyncDelayMs: 0, statePath, profiles: 50 });
    expect(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE)).toEqual(before);
    expect(emulator.getModel('us-east-1', SECURITY_PROFILE_TYPE, done.Identifier!)?.SecurityProfileName).toBe('Kept');
    const requests = await clientFor(emulator).send(new ListResourceRequestsCommand({}));
    expect(requests.ResourceRequestStatusSummaries?.map((r) => r.Operation)).toEqual(['UPDATE', 'CREATE']);
    // New entries still list after the loaded ones (sequence numbers continue).
    const again = await clientFor(emulator).send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: 'Later' }) }));
    await waitForRequest(clientFor(emulator), again.ProgressEvent!.RequestToken!);
    expect(emulator.listModels('us-east-1', SECURITY_PROFILE_TYPE).filter((m) => m.InstanceArn === demoInstanceArn()).at(-1)?.SecurityProfileName).toBe('Later');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('writes the file at start, with modifyProfile changes too', async () => {
    const statePath = join(dir, 'state.json');
    emulator = await startEmulator({ asyncDelayMs: 0, statePath, data: 'empty' });
    expect(JSON.parse(readFileSync(statePath, 'utf8')).format).toBe('spex-emulator-state');
    await emulator.close();
    emulator = await startEmulator({ asyncDelayMs: 0, statePath: join(dir, 'demo.json') });
    emulator.modifyProfile('us-east-1', demoProfileArn('Agent'), (m) => {
      m.Description = 'by someone else';
    });
    expect(readFileSync(join(dir, 'demo.json'), 'utf8')).toContain('by someone else');
  });

  it('pages instances 10 at a time, as Connect’s ListInstances does, whatever the page size', async () => {
    const statePath = join(dir, 'state.json');
    const instances = Array.from({ length: 23 }, (_, i) => ({
      seq: i + 1,
      model: { Arn: `arn:aws:connect:us-east-1:123456789012:instance/i-${i}`, Id: `i-${i}`, InstanceAlias: `inst-${i}`, InstanceStatus: 'ACTIVE' },
      groups: [],
      inUse: [],
      profiles: [],
    }));
    writeFileSync(statePath, JSON.stringify({ format: 'spex-emulator-state', version: 1, regions: { 'us-east-1': { requests: [], instances } } }));
    emulator = await startEmulator({ statePath, asyncDelayMs: 0, pageSize: 50 });
    const sizes: number[] = [];
    for await (const page of paginateListResources({ client: clientFor(emulator) }, { TypeName: 'AWS::Connect::Instance' })) sizes.push(page.ResourceDescriptions?.length ?? 0);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('loads profiles made in the console that the Cloud Control schema refuses; they stay refused for updates', async () => {
    const statePath = join(dir, 'state.json');
    const instance = 'arn:aws:connect:us-east-1:123456789012:instance/console';
    const arn = `${instance}/security-profile/p1`;
    writeFileSync(statePath, JSON.stringify({ format: 'spex-emulator-state', version: 1, regions: { 'us-east-1': { requests: [], instances: [
      { seq: 1, model: { Arn: instance, Id: 'console', InstanceStatus: 'ACTIVE' }, groups: [], inUse: [], profiles: [
        { seq: 2, model: { SecurityProfileArn: arn, InstanceArn: instance, SecurityProfileName: 'Night & Weekend', Tags: [{ Key: 'Cost Center', Value: '1' }] } }] }] } } }));
    emulator = await startEmulator({ statePath, asyncDelayMs: 0 });
    const got = await clientFor(emulator).send(new GetResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn }));
    expect(JSON.parse(got.ResourceDescription!.Properties!).SecurityProfileName).toBe('Night & Weekend');
    const error = await clientFor(emulator).send(new UpdateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, Identifier: arn, PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'x' }]) })).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^Model validation failed \(#: 2 schema violations found/);
  });

  it.each([
    ['not JSON', '{"format":"spex-emulator-state", "regions": {'],
    ['another JSON file', '{"name":"package"}'],
    ['an invalid profile inside', JSON.stringify({ format: 'spex-emulator-state', version: 1, regions: { 'us-east-1': { requests: [], instances: [
      { seq: 1, model: { Arn: 'arn:aws:connect:us-east-1:123456789012:instance/x' }, groups: [], inUse: [], profiles: [{ seq: 2, model: { SecurityProfileName: 'a/b' } }] }] } } })],
    ['a profile Connect could never hold', JSON.stringify({ format: 'spex-emulator-state', version: 3, regions: { 'us-east-1': { requests: [], instances: [
      { seq: 1, model: { Arn: 'arn:aws:connect:us-east-1:123456789012:instance/x' }, groups: [], users: [], profiles: [{ seq: 2, model: { SecurityProfileArn: 'arn:aws:connect:us-east-1:123456789012:instance/x/security-profile/p', SecurityProfileName: 'Flows', AllowedFlowModules: [{ Type: 'LAMBDA', FlowModuleId: 'm' }] } }] }] } } })],
  ])('a corrupt file (%s) stops the start with a clear message and is never overwritten', async (_name, content) => {
    const statePath = join(dir, 'state.json');
    writeFileSync(statePath, content);
    const error = await startEmulator({ statePath }).then(
      (e) => {
        emulator = e;
        throw new Error('started on a corrupt state file');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(/cannot use state file .*state\.json.*will not overwrite it/);
    expect(readFileSync(statePath, 'utf8')).toBe(content);
    if (content.includes('LAMBDA')) expect((error as Error).message).toMatch(/profile "Flows" in us-east-1 holds what Connect cannot: Value 'LAMBDA' at 'AllowedFlowModules.1.member.Type'.*\[MCP\]/);
  });
});

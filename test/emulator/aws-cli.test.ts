// Any AWS client can use the emulator: the AWS CLI lists and gets against it.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstanceArn, demoProfileArn, type Emulator, startEmulator } from '../../src/emulator/index.js';

const run = promisify(execFile);
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ asyncDelayMs: 0, pageSize: 10 });
});
afterAll(async () => {
  await emulator.close();
});

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run('aws', ['cloudcontrol', ...args, '--endpoint-url', emulator.url, '--region', 'us-east-1', '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '' },
    timeout: 30_000,
  });
  return JSON.parse(stdout);
}

// Skipped when no `aws` is on the PATH: the check needs the real AWS CLI (v1 or v2).
describe.skipIf(!hasAws)('AWS CLI against the emulator (skipped: no `aws` on the PATH)', () => {
  it('lists instances, lists profiles across pages, and gets one', async () => {
    const instances = (await aws('list-resources', '--type-name', 'AWS::Connect::Instance')) as { ResourceDescriptions: { Identifier: string }[] };
    expect(instances.ResourceDescriptions.map((d) => d.Identifier)).toContain(demoInstanceArn());
    const profiles = (await aws('list-resources', '--type-name', 'AWS::Connect::SecurityProfile', '--resource-model', JSON.stringify({ InstanceArn: demoInstanceArn() }))) as {
      ResourceDescriptions: { Identifier: string }[];
    };
    // The CLI follows NextToken itself: 15 profiles over pages of 10.
    expect(profiles.ResourceDescriptions).toHaveLength(15);
    const got = (await aws('get-resource', '--type-name', 'AWS::Connect::SecurityProfile', '--identifier', demoProfileArn('Agent'))) as {
      ResourceDescription: { Properties: string };
    };
    expect(JSON.parse(got.ResourceDescription.Properties).SecurityProfileName).toBe('Agent');
    expect(emulator.requests.filter((r) => r.operation === 'ListResources').length).toBe(3);
  });
});

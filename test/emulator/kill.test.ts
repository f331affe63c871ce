// kill -9 while the emulator writes its state file: the file always loads afterwards, holding every
// change that was acknowledged before the kill (the old state or the new one, never half of one).
import { CloudControlClient, CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { validateProfile } from '../../src/domain/profile/validate.js';
import { DEMO_ACCOUNT_ID, DEMO_CONSOLE_MADE_NAMES, demoInstanceArn } from '../../src/emulator/index.js';
import { readState } from '../../src/emulator/persistence.js';
import { CREDENTIALS, waitForRequest } from './helpers.js';
import { type Spawned, spawnSpex, waitForUrl } from './spawn.js';

let dir: string | undefined;
let spawned: Spawned | undefined;
afterEach(async () => {
  if (spawned && spawned.child.exitCode === null && spawned.child.signalCode === null) {
    spawned.child.kill('SIGKILL');
    await spawned.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function profileNames(statePath: string): string[] {
  const store = readState(statePath, DEMO_ACCOUNT_ID)?.get(DEMO_ACCOUNT_ID);
  if (!store) throw new Error('no state file');
  const instance = store.regions.get('us-east-1')?.instances.get(demoInstanceArn());
  const models = [...(instance?.profiles.values() ?? [])].map((e) => e.model);
  for (const model of models) if (!DEMO_CONSOLE_MADE_NAMES.includes(String(model.SecurityProfileName))) expect(validateProfile(model, 'stored')).toEqual([]);
  return models.map((m) => String(m.SecurityProfileName));
}

describe('state file under kill -9', () => {
  it('always loads, with every acknowledged write, after kills at random moments', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spex-kill-'));
    const statePath = join(dir, 'state.json');
    // Bounded: a few kills, each after a random number of acknowledged writes, mid-way through the next.
    const plan = fc.sample(fc.integer({ min: 1, max: 6 }), { numRuns: 5, seed: 99 });
    const acknowledged: string[] = [];
    for (const [round, writesBeforeKill] of plan.entries()) {
      // Many profiles make each write take a few milliseconds, so kills land inside writes too.
      spawned = spawnSpex(['emulator', '--port', '0', '--async-delay', '0', '--state', statePath, '--profiles', '3000']);
      const url = await waitForUrl(spawned, 15_000);
      expect(profileNames(statePath)).toEqual(expect.arrayContaining(acknowledged));
      const client = new CloudControlClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
      let inRound = 0;
      let killed = false;
      let writerEnded = false;
      const writer = (async () => {
        for (let i = 0; !killed; i += 1) {
          const name = `Kill ${round} ${i}`;
          try {
            const started = await client.send(new CreateResourceCommand({ TypeName: SECURITY_PROFILE_TYPE, DesiredState: JSON.stringify({ InstanceArn: demoInstanceArn(), SecurityProfileName: name }) }));
            const done = await waitForRequest(client, started.ProgressEvent!.RequestToken!);
            if (done.OperationStatus === 'SUCCESS') {
              acknowledged.push(name);
              inRound += 1;
            }
          } catch {
            return; // the server is gone
          }
        }
      })().finally(() => {
        writerEnded = true;
      });
      while (inRound < writesBeforeKill && !writerEnded) await new Promise((resolve) => setTimeout(resolve, 1));
      expect(writerEnded, `the emulator stopped answering: ${spawned.stderr()}`).toBe(false);
      // The next create is on its way: kill now.
      spawned.child.kill('SIGKILL');
      killed = true;
      expect((await spawned.exited).signal).toBe('SIGKILL');
      await writer;
      client.destroy();
      const names = profileNames(statePath);
      expect(names).toEqual(expect.arrayContaining(acknowledged));
      expect(names.length).toBeGreaterThanOrEqual(18 + 3000 + acknowledged.length);
      expect(names.length).toBeLessThanOrEqual(18 + 3000 + acknowledged.length + 1);
    }
  }, 120_000);
});

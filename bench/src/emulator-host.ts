// The emulator in a process of its own, driven over IPC by the bench. In-process, its 50 ms latency
// timers and request parsing would wait behind the app's renders on the same event loop, which a
// real Cloud Control endpoint never does.
import { INSTANCE_TYPE, SECURITY_PROFILE_TYPE } from '../../src/domain/profile/security-profile.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { BENCH_REGION } from './region.js';

export interface HostReady {
  type: 'ready';
  url: string;
  instanceArn: string;
  total: number;
}

export type HostCall =
  | { id: number; op: 'requests' }
  | { id: number; op: 'clearRequests' }
  | { id: number; op: 'resetStats' }
  | { id: number; op: 'maxConcurrent'; operation: string }
  | { id: number; op: 'profileArns' }
  | { id: number; op: 'modify'; arns: string[] }
  | { id: number; op: 'give'; region: string; instanceAlias: string; profileName: string; count: number }
  | { id: number; op: 'history'; region: string; instanceAlias: string; profileName: string; count: number; days: number }
  | { id: number; op: 'limits'; realLimits: boolean }
  | { id: number; op: 'close' };

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
  const emulator: Emulator = await startEmulator({ port: 0, data: 'demo', asyncDelayMs: 0, ...options });
  const instances = emulator.listModels(BENCH_REGION, INSTANCE_TYPE) as { Arn?: string }[];
  const instanceArn = instances[0]?.Arn ?? '';
  const total = emulator.listModels(BENCH_REGION, SECURITY_PROFILE_TYPE).filter((p) => p.InstanceArn === instanceArn).length;
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  process.on('message', (raw) => {
    const call = raw as HostCall;
    void (async () => {
      switch (call.op) {
        case 'requests':
          // Bodies stay here: the bench reads operations, identifiers, statuses and times.
          return send({ id: call.id, result: emulator.requests.map(({ body: _body, ...rest }) => rest) });
        case 'clearRequests':
          emulator.clearRequests();
          return send({ id: call.id, result: null });
        case 'resetStats':
          emulator.resetStats();
          return send({ id: call.id, result: null });
        case 'limits':
          emulator.setFaults({ realLimits: call.realLimits });
          return send({ id: call.id, result: null });
        case 'maxConcurrent':
          return send({ id: call.id, result: emulator.maxConcurrent(call.operation) });
        case 'profileArns':
          // Straight from the store: a throttled bench must not need a call to know its profiles.
          return send({
            id: call.id,
            result: emulator
              .listModels(BENCH_REGION, SECURITY_PROFILE_TYPE)
              .filter((p) => p.InstanceArn === instanceArn)
              .map((p) => String(p.SecurityProfileArn)),
          });
        case 'modify':
          // "Someone else" saves these profiles: their LastModifiedTime moves on.
          for (const arn of call.arns) emulator.modifyProfile(BENCH_REGION, arn, (m) => void (m.Description = `Changed by someone else at ${Date.now()}`));
          return send({ id: call.id, result: null });
        case 'give': {
          // Set-up, straight in the store (no API call, no rate): the first `count` users of the instance hold the profile.
          const instance = (emulator.listModels(call.region, INSTANCE_TYPE) as { Arn?: string; InstanceAlias?: string }[]).find((i) => i.InstanceAlias === call.instanceAlias);
          const profile = emulator.listModels(call.region, SECURITY_PROFILE_TYPE).find((p) => p.InstanceArn === instance?.Arn && p.SecurityProfileName === call.profileName);
          if (instance?.Arn === undefined || profile === undefined) return send({ id: call.id, result: 0 });
          const users = emulator.listModels(call.region, 'AWS::Connect::User').filter((u) => u.InstanceArn === instance.Arn && (u.SecurityProfileArns as string[]).length < 10).slice(0, call.count);
          for (const u of users) {
            emulator.modifyModel(call.region, 'AWS::Connect::User', String(u.UserArn), (m) => {
              const held = m.SecurityProfileArns as string[];
              if (!held.includes(String(profile.SecurityProfileArn))) m.SecurityProfileArns = [...held, String(profile.SecurityProfileArn)];
            });
          }
          return send({ id: call.id, result: users.length });
        }
        case 'history': {
          // Set-up: `count` writes CloudTrail holds, spread over the last `days` (by another caller), one
          // in five a change to the profile, the rest to the instance's other profiles.
          const instance = (emulator.listModels(call.region, INSTANCE_TYPE) as { Arn?: string; Id?: string; InstanceAlias?: string }[]).find((i) => i.InstanceAlias === call.instanceAlias);
          const profiles = emulator.listModels(call.region, SECURITY_PROFILE_TYPE).filter((p) => p.InstanceArn === instance?.Arn);
          const target = profiles.find((p) => p.SecurityProfileName === call.profileName);
          if (instance?.Id === undefined || target === undefined) return send({ id: call.id, result: 0 });
          const others = profiles.filter((p) => p !== target);
          const idOf = (arn: unknown): string => String(arn).split('/').pop() ?? '';
          for (let i = 0; i < call.count; i++) {
            const p = i % 5 === 0 ? target : others[i % others.length]!;
            const time = Date.now() - ((i + 1) / call.count) * call.days * 86_400_000;
            if (i % 2 === 0) emulator.recordEvent(call.region, 'UpdateSecurityProfile', { InstanceId: instance.Id, SecurityProfileId: idOf(p.SecurityProfileArn), Description: `change ${i}` }, time);
            else emulator.recordEvent(call.region, 'TagResource', { resourceArn: p.SecurityProfileArn, tags: { change: String(i) } }, time);
          }
          return send({ id: call.id, result: call.count });
        }
        case 'close':
          await emulator.close();
          send({ id: call.id, result: null });
          process.disconnect?.();
          return undefined;
      }
    })();
  });
  // The bench going away takes the emulator with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: emulator.url, instanceArn, total } satisfies HostReady);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

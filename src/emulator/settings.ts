// The emulator's options checked and filled in with their defaults (strict, as AWS is, unless asked).
import { CLOUD_CONTROL_REAL_RPS } from './connect-limits.js';
import type { EmulatorOptions } from './types.js';

function checkOptions(o: EmulatorOptions): void {
  const bad = (name: string, rule: string): never => {
    throw new RangeError(`${name}: ${rule}`);
  };
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) bad('port', 'an integer from 0 to 65535');
  if (o.profiles !== undefined && !(Number.isInteger(o.profiles) && o.profiles >= 0)) bad('profiles', 'a whole number');
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) bad('failRate', 'between 0 and 1');
  if (o.pageSize !== undefined && !(Number.isInteger(o.pageSize) && o.pageSize >= 1)) bad('pageSize', 'a whole number of at least 1');
}

/** The options with their defaults; a bad one throws (RangeError naming it) before anything starts. */
export function emulatorSettings(options: EmulatorOptions) {
  checkOptions(options);
  return {
    latencyMs: options.latencyMs ?? 0,
    // AWS's default is 100 (real-aws-notes "Limits"); `profiles: N` stands for an account whose quota was raised to hold them.
    profileQuota: options.profileQuota ?? (options.profiles ? Math.ceil((options.profiles + 200) / 100) * 100 : 100),
    throttleRps: options.throttleRps ?? (options.realLimits ? CLOUD_CONTROL_REAL_RPS : 0),
    failRate: options.failRate ?? 0,
    asyncDelayMs: options.asyncDelayMs ?? 300,
    listProperties: options.listProperties ?? 'identifiers',
    userList: options.userList ?? 'full',
    pageSize: options.pageSize ?? 25,
    realLimits: options.realLimits ?? false,
    timeUnit: options.timeUnit ?? 's',
    cancelApplies: options.cancelApplies ?? 'sometimes',
    handlerKeeps: options.handlerKeeps ?? [],
    trailDelayMs: options.trailDelayMs ?? 0,
  };
}

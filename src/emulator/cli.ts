// `spex emulator`: runs the local Cloud Control endpoint until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { EXIT_FAILURE, EXIT_OK, type Io, UsageError } from '../io.js';
import { CLOUD_CONTROL_REAL_RPS } from './connect-limits.js';
import { startEmulator } from './emulator.js';
import type { EmulatorOptions } from './types.js';

export const EMULATOR_HELP = `spex emulator — a local Cloud Control endpoint serving AWS::Connect::* resources

Usage: spex emulator [options]

Accounts: a 12-digit access key id selects that account (any other key: 123456789012); the demo
data's second account, 210987654321, holds acme-dev and acme-prod.

Options:
  --host H                   address to bind (default 127.0.0.1, loopback only; any other address
                             warns: the endpoint checks no signatures)
  --port N                   port (default 4599; 0 picks a free one)
  --data demo|empty          start with demo data (default) or with nothing
  --state FILE               keep the data in FILE across restarts
  --profiles N               add N generated profiles to the first demo instance
  --latency MS               answer every call after about MS milliseconds (a little jitter)
  --throttle RPS             allow RPS calls a second per account at Cloud Control's front door;
                             the rest get ThrottlingException
  --real-limits              AWS's default rates: Connect's own budgets behind the handlers (2 calls/s,
                             burst 5, per API, account and region; one GetResource spends one call of
                             each of its 4 Connect reads), surfacing as GeneralServiceException, and
                             Cloud Control's front door at ${CLOUD_CONTROL_REAL_RPS}/s
  --fail-rate P              fail a share P (0..1) of calls: Cloud Control's with ServiceInternalErrorException,
                             Connect's with a throttle, a 500, or the answer lost after the change is made
  --fault-seed S             seed for --fail-rate and jitter, to repeat a run exactly
  --async-delay MS           how long create/update/delete stay IN_PROGRESS (default 300)
  --trail-delay MS           how long CloudTrail takes to deliver an event to LookupEvents (default 0;
                             AWS takes minutes)
  --org-accounts N           N more accounts in the demo's organisation, retail-001… in the Retail OU,
                             each with an instance (Organizations from the management account
                             123456789012; STS AssumeRole into OrganizationAccountAccessRole, SpexAudit
                             with the ExternalId spex-audit, or SpexAdminMfa with the MFA code 123456;
                             the Identity Center portal knows the token sso-alice)
  --no-history               leave CloudTrail empty (the demo data comes with three months of changes
                             to acme-support's profiles, by several people, in it)
  --list-properties identifiers|summary|full
                             what each security-profile list item carries (default identifiers:
                             only the ARN, as AWS's handlers may; summary adds name and times)
  --user-list full|empty     what the AWS::Connect::User list handler returns (default full; empty,
                             as its handler has in some versions: holders then cannot be listed
                             through Cloud Control)
  --page-size N              ListResources page size (default 25; instances at most 10)
  --profile-quota N          security profiles per instance (L-F325A715): creating one more fails,
                             and Service Quotas' GetServiceQuota answers it (default 100, AWS's
                             default; with --profiles N, raised to hold them)
  --time-unit s|ms           LastModifiedTime in seconds (default) or milliseconds
  --cancel-applies never|sometimes|always
                             whether a cancelled change that already reached Connect applies anyway
                             (default sometimes, seeded by --fault-seed)
  -h, --help                 this help

Point any AWS client at it, e.g.
  aws cloudcontrol list-resources --type-name AWS::Connect::Instance --endpoint-url http://127.0.0.1:4599 --region us-east-1
`;

function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return n;
}

function numberFlag(name: string, value: string | undefined, min: number, max: number, exclusiveMin = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n > max || (exclusiveMin ? n <= min : n < min)) {
    throw new UsageError(`--${name}: must be a number ${exclusiveMin ? 'above' : 'from'} ${min}${max < Infinity ? ` to ${max}` : ''} (got ${JSON.stringify(value)})`);
  }
  return n;
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

export function parseEmulatorArgs(args: string[]): EmulatorOptions | 'help' {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      state: { type: 'string' },
      profiles: { type: 'string' },
      latency: { type: 'string' },
      throttle: { type: 'string' },
      'fail-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      'async-delay': { type: 'string' },
      'trail-delay': { type: 'string' },
      'no-history': { type: 'boolean' },
      'org-accounts': { type: 'string' },
      'list-properties': { type: 'string' },
      'user-list': { type: 'string' },
      'profile-quota': { type: 'string' },
      'page-size': { type: 'string' },
      'real-limits': { type: 'boolean' },
      'time-unit': { type: 'string' },
      'cancel-applies': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`emulator: unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host: must not be empty');
  if (values.state !== undefined && values.state.trim() === '') throw new UsageError('--state: must name a file');
  return {
    host: values.host ?? '127.0.0.1',
    port: intFlag('port', values.port, 0, 65535) ?? 4599,
    data: choice('data', values.data, ['demo', 'empty'] as const),
    statePath: values.state,
    profiles: intFlag('profiles', values.profiles, 0, 1_000_000),
    latencyMs: intFlag('latency', values.latency, 0, 600_000),
    throttleRps: numberFlag('throttle', values.throttle, 0, Infinity, true),
    failRate: numberFlag('fail-rate', values['fail-rate'], 0, 1),
    faultSeed: intFlag('fault-seed', values['fault-seed'], 0, 2 ** 32 - 1),
    asyncDelayMs: intFlag('async-delay', values['async-delay'], 0, 3_600_000),
    trailDelayMs: intFlag('trail-delay', values['trail-delay'], 0, 86_400_000),
    ...(values['no-history'] ? { history: false } : {}),
    orgAccounts: intFlag('org-accounts', values['org-accounts'], 0, 10_000),
    listProperties: choice('list-properties', values['list-properties'], ['summary', 'identifiers', 'full'] as const),
    userList: choice('user-list', values['user-list'], ['full', 'empty'] as const),
    pageSize: intFlag('page-size', values['page-size'], 1, 1000),
    profileQuota: intFlag('profile-quota', values['profile-quota'], 1, 100_000),
    ...(values['real-limits'] ? { realLimits: true } : {}),
    timeUnit: choice('time-unit', values['time-unit'], ['s', 'ms'] as const),
    cancelApplies: choice('cancel-applies', values['cancel-applies'], ['never', 'sometimes', 'always'] as const),
  };
}

/** 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

export async function runEmulatorCommand(args: string[], io: Io): Promise<number> {
  const options = parseEmulatorArgs(args);
  if (options === 'help') {
    io.stdout.write(EMULATOR_HELP);
    return EXIT_OK;
  }
  if (!isLoopback(options.host ?? '127.0.0.1')) {
    io.stderr.write(`spex emulator: warning: listening on ${options.host}, beyond this machine: this endpoint checks no signatures, so anyone who can reach it can read and change its data\n`);
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    // A corrupt state file or a port in use: say so in one line, no stack trace.
    const e = error as NodeJS.ErrnoException;
    const text = e.code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is already in use (try --port 0)` : e.message;
    io.stderr.write(`spex emulator: ${text}\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(`listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  return EXIT_OK;
}

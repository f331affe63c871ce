// The emulator's public API: what tests and `spex --demo` code against.
import type { InjectedFailure } from './faults.js';

export type { InjectedFailure } from './faults.js';

// Every option may be given as undefined: "not given", as a parsed command line has it.
export interface EmulatorOptions {
  /** Default 127.0.0.1: loopback only unless asked. */
  host?: string | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default 'demo'. */
  data?: 'demo' | 'empty' | undefined;
  /** Keep the data in this file across restarts. */
  statePath?: string | undefined;
  /** Extra generated profiles in the first demo instance. */
  profiles?: number | undefined;
  latencyMs?: number | undefined;
  throttleRps?: number | undefined;
  /** 0..1: share of calls failing with ServiceInternalErrorException. */
  failRate?: number | undefined;
  faultSeed?: number | undefined;
  /** How long create/update/delete stay IN_PROGRESS. Default 300. */
  asyncDelayMs?: number | undefined;
  /** What each security-profile and hierarchy-group list item carries. Default 'identifiers', as AWS's handlers may. */
  listProperties?: 'summary' | 'identifiers' | 'full' | undefined;
  /** What the AWS::Connect::User list handler returns. Default 'full'; 'empty' as its handler has in some versions (real-aws-notes "Listing"). */
  userList?: 'full' | 'empty' | undefined;
  /** What Service Quotas answers for Connect's security profiles per instance (default 100, AWS's default). */
  profileQuota?: number | undefined;
  /** ListResources page size. Default 25 (instances: at most 10, as Connect's ListInstances). */
  pageSize?: number | undefined;
  /** Connect's per-API budgets behind the handlers, and Cloud Control's front door, at AWS's default rates. */
  realLimits?: boolean | undefined;
  /** The unit of LastModifiedTime on the wire. Default 's'. */
  timeUnit?: 's' | 'ms' | undefined;
  /** How often a cancelled change that already reached Connect applies anyway. Default 'sometimes' (seeded). */
  cancelApplies?: 'never' | 'sometimes' | 'always' | undefined;
  /** Properties the update handler leaves as they were when a patch removes them. Default none. */
  handlerKeeps?: string[] | undefined;
  /** How long CloudTrail takes to deliver an event to LookupEvents (AWS: minutes). Default 0. */
  trailDelayMs?: number | undefined;
  /** Accounts in the organisation beyond the demo's four (Organizations ListAccounts, STS AssumeRole; organization.ts). */
  orgAccounts?: number | undefined;
  /** Seed CloudTrail with the demo's three months of changes (demo-history.ts). Default: with demo data, unless a state file is loaded. */
  history?: boolean | undefined;
}

type Adjustable = 'userList' | 'profileQuota' | 'latencyMs' | 'throttleRps' | 'failRate' | 'asyncDelayMs' | 'listProperties' | 'pageSize' | 'realLimits' | 'timeUnit' | 'cancelApplies' | 'handlerKeeps' | 'trailDelayMs';

export interface RecordedRequest {
  /** The caller's account (a 12-digit access key id selects one; other keys are the default account's). */
  account: string;
  operation: string;
  region: string;
  typeName?: string | undefined;
  identifier?: string | undefined;
  body: Record<string, unknown>;
  status: number;
  errorType?: string | undefined;
  startedAt: number;
  endedAt: number;
}

export interface Emulator {
  url: string;
  port: number;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** The highest number of requests of an operation handled at the same time since the last reset. */
  maxConcurrent(operation?: string): number;
  resetStats(): void;
  /** A write CloudTrail holds as made at `time` (epoch ms) by another caller (default key AKIDSOMEONEELSE): tests and the bench. */
  recordEvent(region: string, operation: string, request: Record<string, unknown>, time: number, accessKeyId?: string, account?: string): void;
  /** exception → a synchronous error of that name/status; handlerErrorCode → the async request ends FAILED with it; count 0 takes back what is queued. */
  failNext(operation: string, count: number, failure: InjectedFailure): void;
  setFaults(faults: Partial<Pick<EmulatorOptions, Adjustable>>): void;
  /** Direct state access for tests: read a model, or change one as "someone else" would (bumps LastModifiedTime). */
  getModel(region: string, typeName: string, identifier: string, account?: string): Record<string, unknown> | undefined;
  modifyProfile(region: string, arn: string, change: (model: Record<string, unknown>) => void, account?: string): void;
  /** Change any stored model (an instance, a user, a hierarchy group) as "someone else" would. */
  modifyModel(region: string, typeName: string, identifier: string, change: (model: Record<string, unknown>) => void, account?: string): void;
  /** Set an instance's flow modules (names and ids) as ListContactFlowModules serves them. */
  setFlowModules(region: string, instanceArn: string, modules: { id: string; name: string }[], account?: string): void;
  listModels(region: string, typeName: string, account?: string): Record<string, unknown>[];
  close(): Promise<void>;
}

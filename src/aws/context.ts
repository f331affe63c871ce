// What every operation of one region shares: the client, error mapping, the read-only guard, the
// account seen so far and the detail loaders to invalidate after a mutation.
import {
  CancelResourceRequestCommand,
  type CloudControlClient,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { ConnectClient } from '@aws-sdk/client-connect';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { QConnectClient } from '@aws-sdk/client-qconnect';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { SpexError } from '../domain/service/errors.js';
import { type ErrorContext, defaultEndpoint, mapError } from './map-error.js';
import { accountOfArn } from './parse.js';
import type { PollSchedule, Sleep } from './tracked-operation.js';
import type { DetailLoader } from './types.js';
import { budgetsOf } from '../domain/service/rate-limits.js';
import type { RateBudget } from './rate-budget.js';
import type { DetailCache } from '../cache/detail-cache.js';
import type { VersionStore } from '../cache/versions.js';
import type { HistoryStore } from '../cache/history.js';

/** Any CloudControl command (the client's overloaded send() has no single parameter type). */
type Sendable = object;
type SdkCommand = Parameters<CloudControlClient['send']>[0];

/** A command's operation, by class (names do not survive bundling, classes do). */
function operationName(command: Sendable): string {
  if (command instanceof GetResourceCommand) return 'GetResource';
  if (command instanceof ListResourcesCommand) return 'ListResources';
  return mutationName(command) ?? 'Other';
}

/** The commands a read-only session never sends. */
function mutationName(command: Sendable): string | undefined {
  if (command instanceof CreateResourceCommand) return 'CreateResource';
  if (command instanceof UpdateResourceCommand) return 'UpdateResource';
  if (command instanceof DeleteResourceCommand) return 'DeleteResource';
  if (command instanceof CancelResourceRequestCommand) return 'CancelResourceRequest';
  return undefined;
}

export interface RegionContext {
  readonly region: string;
  readonly readOnly: boolean;
  readonly endpointLabel: string;
  readonly sleep: Sleep;
  readonly now: () => number;
  readonly schedule: PollSchedule;
  readonly concurrency: number;
  readonly loaders: Set<DetailLoader>;
  /** Aborted when the Spex closes: everything in flight stops. */
  readonly closed: AbortSignal;
  /** The caller's signal joined with `closed`. */
  signalFor(signal?: AbortSignal): AbortSignal;
  errorContext(operation: string, extra?: Partial<ErrorContext>): ErrorContext;
  /** Sends and maps any error to a SpexError. */
  send<O>(command: Sendable, ctx: Omit<ErrorContext, 'region' | 'endpoint'>, signal?: AbortSignal): Promise<O>;
  /** Sends and lets SDK errors through (mutations decide themselves whether the outcome is unknown). */
  sendRaw<O>(command: Sendable, signal?: AbortSignal): Promise<O>;
  noteArn(arn: string | undefined): void;
  account(): string | undefined;
  /**
   * The Amazon Connect client, for what Cloud Control does badly; undefined with --cloudcontrol-only or
   * once Connect refused spex (then `connectUnavailable` says why, once).
   */
  connect(): ConnectClient | undefined;
  /** The Service Quotas client, when spex has one. */
  quotas(): Promise<ServiceQuotasClient> | undefined;
  /** STS, for who the caller is (GetCallerIdentity: the access review's stamp). */
  sts(): Promise<STSClient> | undefined;
  /** CloudTrail, for a profile's history (LookupEvents). */
  cloudtrail(): Promise<CloudTrailClient> | undefined;
  /** The Amazon Q in Connect client (AI agents' names), unless Connect is off for this run. */
  qconnect(): Promise<QConnectClient> | undefined;
  /** Connect refused a call (access denied): from then on spex works on Cloud Control alone. */
  disableConnect(reason: string): void;
  connectUnavailable(): string | undefined;
  /** The Connect client for one API, unless that API (or Connect as a whole) refused spex. */
  connectApi(api: string): ConnectClient | undefined;
  /** One Connect API refused spex (access denied): said once; the others go on. */
  denyConnectApi(api: string, reason: string): void;
  /** Waits for AWS's budgets of a direct Connect API call (Cloud Control calls wait in send/sendRaw). */
  spend(api: string, signal?: AbortSignal): Promise<void>;
  /** The rate budget (undefined: no pacing, as against the unlimited local endpoint in tests). */
  readonly budget: RateBudget | undefined;
  /** Profile details kept between runs (undefined: --no-cache, the demo, tests). */
  readonly cache: DetailCache | undefined;
  /** The versions of each profile read (spex revert), when kept. */
  readonly versions: VersionStore | undefined;
  /** The CloudTrail events fetched before (spex history), when kept. */
  readonly history: HistoryStore | undefined;
  /** LastModifiedTime by profile ARN from Connect's summaries: what a cached detail is checked against. */
  readonly summaryTimes: Map<string, number>;
  /** Instances whose summaries were read (a profile of one missing from summaryTimes was not listed). */
  readonly summarised: Set<string>;
}

export function readOnlyError(what: string): SpexError {
  return new SpexError({ kind: 'read-only', message: `spex runs with --read-only: ${what} refused; nothing was sent.` });
}

export function createRegionContext(settings: {
  region: string;
  readOnly: boolean;
  endpoint: string | undefined;
  client: () => CloudControlClient;
  sleep: Sleep;
  now: () => number;
  schedule: PollSchedule;
  concurrency: number;
  closed: AbortSignal;
  connect?: (() => ConnectClient) | undefined;
  /** Service Quotas, for the security-profile quota (`spex lint`'s quota rule). */
  quotas?: (() => Promise<ServiceQuotasClient>) | undefined;
  qconnect?: (() => Promise<QConnectClient>) | undefined;
  sts?: (() => Promise<STSClient>) | undefined;
  cloudtrail?: (() => Promise<CloudTrailClient>) | undefined;
  onConnectUnavailable?: ((reason: string) => void) | undefined;
  budget?: RateBudget | undefined;
  cache?: DetailCache | undefined;
  versions?: VersionStore | undefined;
  history?: HistoryStore | undefined;
}): RegionContext {
  let account: string | undefined;
  let connectOff: string | undefined;
  const denied = new Set<string>();
  const signalFor = (signal?: AbortSignal): AbortSignal => (signal ? AbortSignal.any([signal, settings.closed]) : settings.closed);
  const endpointLabel = settings.endpoint ?? defaultEndpoint(settings.region);
  const errorContext = (operation: string, extra: Partial<ErrorContext> = {}): ErrorContext => ({
    operation,
    region: settings.region,
    endpoint: endpointLabel,
    ...extra,
  });
  const sendRaw = async <O>(command: Sendable, signal?: AbortSignal): Promise<O> => {
    // The last line of defence: whatever a caller does, a read-only session never sends a mutation.
    const mutation = settings.readOnly ? mutationName(command) : undefined;
    if (mutation) throw readOnlyError(mutation);
    const abortSignal = signalFor(signal);
    if (settings.budget) {
      const operation = operationName(command);
      const typeName = (command as { input?: { TypeName?: string } }).input?.TypeName;
      await settings.budget.take(budgetsOf(operation, typeName), abortSignal);
    }
    return (await settings.client().send(command as SdkCommand, { abortSignal })) as O;
  };
  return {
    region: settings.region,
    readOnly: settings.readOnly,
    endpointLabel,
    sleep: settings.sleep,
    now: settings.now,
    schedule: settings.schedule,
    concurrency: settings.concurrency,
    loaders: new Set(),
    closed: settings.closed,
    signalFor,
    errorContext,
    sendRaw,
    async send<O>(command: Sendable, ctx: Omit<ErrorContext, 'region' | 'endpoint'>, signal?: AbortSignal): Promise<O> {
      try {
        return await sendRaw<O>(command, signal);
      } catch (error) {
        throw mapError(error, errorContext(ctx.operation, ctx));
      }
    },
    noteArn(arn) {
      account ??= accountOfArn(arn);
    },
    account: () => account,
    connect: () => (connectOff === undefined ? settings.connect?.() : undefined),
    quotas: () => settings.quotas?.(),
    qconnect: () => (connectOff === undefined ? settings.qconnect?.() : undefined),
    sts: () => settings.sts?.(),
    cloudtrail: () => settings.cloudtrail?.(),
    disableConnect(reason) {
      if (connectOff !== undefined) return;
      connectOff = reason;
      settings.onConnectUnavailable?.(reason);
    },
    connectUnavailable: () => connectOff,
    budget: settings.budget,
    cache: settings.cache,
    versions: settings.versions,
    history: settings.history,
    summaryTimes: new Map(),
    summarised: new Set(),
    spend: async (api, signal) => {
      if (settings.budget) await settings.budget.take([api], signalFor(signal));
    },
    connectApi: (api) => (connectOff === undefined && !denied.has(api) ? settings.connect?.() : undefined),
    denyConnectApi(api, reason) {
      if (denied.has(api)) return;
      denied.add(api);
      settings.onConnectUnavailable?.(reason);
    },
  };
}

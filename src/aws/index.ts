// spex's Cloud Control layer: createSpex builds region services over one set of credentials and one
// endpoint. The only folder that imports @aws-sdk; everything it returns is a domain type.
import type { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { setMaxListeners } from 'node:events';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ConnectClient } from '@aws-sdk/client-connect';
import { type ClientSettings, createClient, createConnectClient, createQConnectClient, createQuotasClient, createStsClient, createCloudTrailClient, loadDefaultProvider } from './client.js';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { QConnectClient } from '@aws-sdk/client-qconnect';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { credentialsFromEnv } from './connection.js';
import { accountIdentity, pooledClient } from './pooled.js';
import { type RegionContext, createRegionContext } from './context.js';
import { createRegionService } from './region-service.js';
import { CLOUD_CONTROL_ALONE_COSTS } from './reads.js';
import { createRateBudget } from './rate-budget.js';
import type { BudgetStore, DetailCache } from '../cache/detail-cache.js';
import type { VersionStore } from '../cache/versions.js';
import type { HistoryStore } from '../cache/history.js';
import { DEFAULT_POLL_SCHEDULE, type PollSchedule, type Sleep, realSleep } from './tracked-operation.js';
import type { RegionService, RetryEvent, Spex } from './types.js';

export type * from './types.js';
export { type Connection, type ConnectionFlags, credentialsFromEnv, endpointFromEnv, resolveConnection } from './connection.js';
export { assumedRoleCredentials, callerIdentity, listOrgAccounts, type OrgMember } from './organizations.js';
export type { PollSchedule, Sleep } from './tracked-operation.js';

export interface SpexOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readOnly?: boolean;
  /** Attempts per request, first included (default 4). */
  maxAttempts?: number;
  /** Per-request timeout (default 15 s). */
  requestTimeoutMs?: number;
  /** Detail requests in flight at once (default 2). */
  concurrency?: number;
  pollSchedule?: PollSchedule;
  sleep?: Sleep;
  now?: () => number;
  /** Receives one line per HTTP request (no headers, no credentials). */
  debug?: (line: string) => void;
  /**
   * Told each time a request is retried after throttling or a transient fault (before the wait), so a
   * caller can show a "slowed down" note; the request itself still succeeds or fails as usual.
   */
  onRetry?: (event: RetryEvent) => void;
  /** Environment to take a key pair from when no credentials are given (default: the SDK chain). */
  env?: NodeJS.ProcessEnv;
  /**
   * The Amazon Connect API endpoint (`AWS_ENDPOINT_URL_CONNECT`); else `endpoint` when one is given (the
   * emulator serves both on one port), else AWS's.
   */
  connectEndpoint?: string;
  /** Cloud Control alone: no Connect API call (names then load per row). */
  cloudControlOnly?: boolean;
  /**
   * Pace every call to AWS's default rates (per account and region), so spex never provokes
   * throttling: a share (0 < F ≤ 1, `--rate-share`) of each budget, or false for none (the unlimited
   * local endpoint in tests and the demo). Default: 1 against AWS, none against an endpoint on this
   * machine (the local endpoint is unlimited unless started with --real-limits; give a share to pace it).
   */
  rateShare?: number | false;
  /** Profile details kept between runs, checked against Connect's summaries (see cache/detail-cache.ts). */
  cache?: DetailCache;
  /** Every version of a profile read, kept by LastModifiedTime (spex revert); none with --no-cache. */
  versions?: VersionStore;
  /** CloudTrail events fetched for spex history, so a second look asks only for newer ones. */
  history?: HistoryStore;
  /** Where the rate budgets were left by the previous process, and are left by this one on close. */
  budgetStore?: BudgetStore;
  /** Told once per region when Connect refuses spex and it falls back to Cloud Control alone. */
  onConnectUnavailable?: (region: string, reason: string) => void;
}

/** An endpoint on this machine (the local emulator), where AWS's budgets do not apply by default. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_CONCURRENCY = 2;

/** The settings of a call made outside a Spex (the organisation's accounts, a role assumed). */
export function plainSettings(o: { region: string; endpoint?: string | undefined; credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider }): ClientSettings {
  return { region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}), credentials: o.credentials, maxAttempts: DEFAULT_MAX_ATTEMPTS, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, now: Date.now };
}

export function createSpex(options: SpexOptions = {}): Spex {
  const clients = new Map<string, CloudControlClient>();
  const connectClients = new Map<string, ConnectClient>();
  const closing = new AbortController();
  // Every request in flight listens on this one signal; many at once is expected, not a leak.
  setMaxListeners(0, closing.signal);
  const contexts: RegionContext[] = [];
  const services = new Map<string, RegionService>();
  const now = options.now ?? Date.now;
  const readOnly = options.readOnly ?? false;
  const rateShare = options.rateShare ?? (isLocalEndpoint(options.endpoint) ? false : 1);
  let credentials = options.credentials ?? (options.env ? credentialsFromEnv(options.env) : undefined);
  if (!credentials) {
    // Resolved lazily so building a Spex never touches AWS configuration by itself.
    let provider: AwsCredentialIdentityProvider | undefined;
    credentials = async () => {
      if (!provider) {
        const defaultProvider = await loadDefaultProvider();
        provider = defaultProvider(options.profile ? { profile: options.profile } : {});
      }
      return provider();
    };
  }
  const resolvedCredentials = credentials;
  // Every request of this Spex through a pooled client is signed as this (aws/pooled.ts).
  const identity = accountIdentity(credentials);

  /** The settings both clients of a region share: credentials, retries, timeouts, debug log. */
  const settingsFor = (region: string, endpoint: string | undefined): ClientSettings => ({
    region,
    ...(endpoint ? { endpoint } : {}),
    credentials: resolvedCredentials,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.debug ? { debug: options.debug } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    now,
  });

  /** One client per region and kind, made on first use. */
  function cached<C>(cache: Map<string, C>, region: string, make: () => C): C {
    let client = cache.get(region);
    if (!client) {
      client = make();
      cache.set(region, client);
    }
    return client;
  }
  const clientFor = (region: string): CloudControlClient => cached(clients, region, () => pooledClient('cloudcontrol', settingsFor(region, options.endpoint), identity, createClient));
  const quotasClients = new Map<string, Promise<ServiceQuotasClient>>();
  const quotasFor = (region: string): Promise<ServiceQuotasClient> => cached(quotasClients, region, () => createQuotasClient(settingsFor(region, options.endpoint)));
  const trailClients = new Map<string, Promise<CloudTrailClient>>();
  const trailFor = (region: string): Promise<CloudTrailClient> => cached(trailClients, region, () => createCloudTrailClient(settingsFor(region, options.endpoint)));
  const stsClients = new Map<string, Promise<STSClient>>();
  const stsFor = (region: string): Promise<STSClient> => cached(stsClients, region, () => createStsClient(settingsFor(region, options.endpoint)));
  const qconnectClients = new Map<string, Promise<QConnectClient>>();
  const qconnectFor = (region: string): Promise<QConnectClient> => cached(qconnectClients, region, () => createQConnectClient(settingsFor(region, options.connectEndpoint ?? options.endpoint)));
  const connectFor = (region: string): ConnectClient =>
    cached(connectClients, region, () => pooledClient('connect', settingsFor(region, options.connectEndpoint ?? options.endpoint), identity, createConnectClient));

  /** Destroys and forgets the clients of one region, or of every region. */
  const dropClients = (region: string | undefined): void => {
    // Cloud Control's and Connect's clients are made at once; the others load their SDK first.
    for (const map of [clients, connectClients, quotasClients, qconnectClients, stsClients, trailClients] as Map<string, { destroy(): void } | Promise<{ destroy(): void }>>[]) {
      for (const [r, client] of map) {
        if (region !== undefined && r !== region) continue;
        map.delete(r);
        if (client instanceof Promise) void client.then((c) => c.destroy(), () => undefined);
        else client.destroy();
      }
    }
  };

  return {
    defaultRegion: options.region,
    readOnly,
    endpoint: options.endpoint,
    forRegion(region) {
      let service = services.get(region);
      if (!service) {
        const ctx = createRegionContext({
          region,
          readOnly,
          endpoint: options.endpoint,
          client: () => clientFor(region),
          sleep: options.sleep ?? realSleep,
          now,
          schedule: options.pollSchedule ?? DEFAULT_POLL_SCHEDULE,
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          closed: closing.signal,
          connect: options.cloudControlOnly ? undefined : () => connectFor(region),
          quotas: () => quotasFor(region),
          qconnect: options.cloudControlOnly ? undefined : () => qconnectFor(region),
          sts: () => stsFor(region),
          cloudtrail: () => trailFor(region),
          onConnectUnavailable: options.onConnectUnavailable ? (reason) => options.onConnectUnavailable?.(region, reason) : undefined,
          cache: options.cache,
          versions: options.versions,
          history: options.history,
          budget: rateShare === false ? undefined : createRateBudget({ share: rateShare, now, sleep: options.sleep ?? realSleep, carried: options.budgetStore?.load(region) }),
        });
        contexts.push(ctx);
        if (options.cloudControlOnly) options.onConnectUnavailable?.(region, `--cloudcontrol-only: ${CLOUD_CONTROL_ALONE_COSTS}`);
        service = createRegionService(ctx);
        services.set(region, service);
      }
      return service;
    },
    release(region) {
      // A region found empty: its clients go (the region's service makes them again when next asked).
      dropClients(region);
    },
    close() {
      closing.abort();
      options.cache?.flush();
      options.versions?.flush();
      for (const ctx of contexts) if (ctx.budget) options.budgetStore?.save(ctx.region, ctx.budget.snapshot());
      for (const ctx of contexts) for (const loader of [...ctx.loaders]) loader.dispose();
      dropClients(undefined);
      services.clear();
    },
  };
}
export { listSsoAccounts, listSsoRoles, readSsoSource, readSsoToken, type SsoLoginAsk, type SsoSource, type SsoToken, ssoAwareCredentials, ssoRoleCredentials, ssoTokenPath, ssoTokens } from './sso.js';
export type { Renewing } from './renewing.js';
export { type MfaCodeSource, mfaRoleOf } from './mfa.js';

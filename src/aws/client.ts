// One CloudControlClient per region, built with spex's retry, timeout and debug-log settings.
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { ConnectClient } from '@aws-sdk/client-connect';
import type { QConnectClient } from '@aws-sdk/client-qconnect';
import type { STSClient } from '@aws-sdk/client-sts';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RequestSigner, RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { SharedAgentHandler, fromEnvironment, sharedAgents } from './shared.js';
import { isThrottleSignal } from '../domain/service/service-signals.js';
import type { RetryEvent } from './types.js';

export interface ClientSettings {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per request including the first (SDK retries throttling, 5xx and transport faults). */
  maxAttempts: number;
  requestTimeoutMs: number;
  debug?: (line: string) => void;
  /** Told before each retry the SDK makes (throttling or a transient fault). */
  onRetry?: (event: RetryEvent) => void;
  now: () => number;
}

/** Exponential backoff with full jitter, 200 ms doubling to a 5 s cap. */
export function retryBackoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5000, 200 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** spex's backoff: what the SDK waits before a retry (the adaptive rate limiter may wait longer). */
const SPEX_BACKOFF = {
  computeNextBackoffDelay: (attempt: number) => retryBackoffMs(attempt),
  setDelayBase: () => {},
};

/**
 * The SDK's adaptive retry strategy: besides backing off, it measures how fast AWS accepts requests
 * and holds later requests of the same client back to that rate, so a throttled instance (Connect
 * allows a few calls a second) slows spex down instead of failing its reads once the retries run out.
 * It also tells a listener each time a retry is coming — the only place that knows a read is being
 * slowed down rather than failing — so the UI can say so while it waits. The SDK sleeps inside
 * refreshRetryTokenForRetry, so the listener is told before, when a retry is due (a retryable fault with
 * attempts left); the rare refusal for lack of retry capacity then ends in the error as usual.
 */
export class SpexRetryStrategy extends AdaptiveRetryStrategy {
  constructor(
    private readonly attempts: number,
    private readonly region: string,
    private readonly notify?: (event: RetryEvent) => void,
  ) {
    super(attempts, { backoff: SPEX_BACKOFF });
  }

  override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo) {
    const retryable = errorInfo.errorType === 'THROTTLING' || errorInfo.errorType === 'TRANSIENT';
    const attempt = token.getRetryCount() + 2;
    if (this.notify && retryable && attempt <= this.attempts) {
      try {
        this.notify({ region: this.region, reason: errorInfo.errorType === 'THROTTLING' ? 'throttled' : 'transient', attempt });
      } catch {
        // A listener's failure must not turn a retry into an error.
      }
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

type HandleArgs = Parameters<NodeHttpHandler['handle']>;

/**
 * Logs one line per HTTP attempt: operation, region, status, duration and the resource it names.
 * It reads only the target header and a few body fields, so signatures and credentials never reach
 * the log (the SDK logger is not used: it can print whole inputs and outputs).
 */
class LoggedHttpHandler extends SharedAgentHandler {
  constructor(
    options: ConstructorParameters<typeof NodeHttpHandler>[0],
    private readonly region: string,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {
    super(options);
  }

  override async handle(...args: HandleArgs): ReturnType<NodeHttpHandler['handle']> {
    const [request] = args;
    const started = this.now();
    const target = String(request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '');
    const operation = target.split('.').pop() || 'request';
    const about = describeBody(request.body);
    try {
      const result = await super.handle(...args);
      const status = result.response.statusCode;
      const errorType = headerValue(result.response.headers, 'x-amzn-errortype')?.split(':')[0];
      this.write(`${operation} ${this.region} ${status}${errorType ? ` ${errorType}` : ''} ${this.now() - started}ms${about}`);
      return result;
    } catch (error) {
      const e = error as { code?: string; name?: string };
      this.write(`${operation} ${this.region} error ${e.code ?? e.name ?? 'Error'} ${this.now() - started}ms${about}`);
      throw error;
    }
  }

  private write(line: string): void {
    this.log(sanitizeLine(`spex debug: ${line}`));
  }
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function describeBody(body: unknown): string {
  // From the bytes, not Buffer.from(body): the SDK's body adapter warns on stderr when valueOf is called.
  const text =
    typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : undefined;
  if (text === undefined) return '';
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const parts = ['TypeName', 'Identifier', 'RequestToken']
      .map((k) => parsed[k])
      .filter((v): v is string => typeof v === 'string');
    return parts.length ? ` ${parts.join(' ')}` : '';
  } catch {
    return '';
  }
}

/** The Amazon Connect client, with the same credentials, retries, timeouts and debug log. */
export function createConnectClient(settings: ClientSettings, signer?: RequestSigner): ConnectClient {
  const client = new ConnectClient(clientConfig(settings, signer));
  markThrottles(client);
  return client;
}

/** The Service Quotas client (one call: the security-profile quota), with the same settings. */
export async function createQuotasClient(settings: ClientSettings): Promise<ServiceQuotasClient> {
  const { ServiceQuotasClient: Client } = await loadServiceQuotas();
  return new Client(clientConfig(settings));
}

/** The Amazon Q in Connect client (the names of AI agents), with the same settings; loaded on first use. */
export async function createQConnectClient(settings: ClientSettings): Promise<QConnectClient> {
  const { QConnectClient: Client } = await loadQConnect();
  // @aws-sdk/client-qconnect 3.828 (the newest the registry has) sits on an older smithy; the handler and
  // retry strategy of the others work with it the same (test/aws/ai-agents.test.ts drives it).
  return new Client(clientConfig(settings));
}

/** CloudTrail (LookupEvents: a profile's history), with the same settings; loaded on first use. */
export async function createCloudTrailClient(settings: ClientSettings): Promise<CloudTrailClient> {
  const { CloudTrailClient: Client } = await loadCloudTrail();
  return new Client(clientConfig(settings));
}

export async function loadCloudTrail(): Promise<typeof import('@aws-sdk/client-cloudtrail')> {
  return commonJs(await import('@aws-sdk/client-cloudtrail'), 'CloudTrailClient');
}

/** STS (GetCallerIdentity: who the caller is), with the same settings; loaded on first use. */
export async function createStsClient(settings: ClientSettings): Promise<STSClient> {
  const { STSClient: Client } = await loadSts();
  return new Client(clientConfig(settings));
}

export async function loadSts(): Promise<typeof import('@aws-sdk/client-sts')> {
  return commonJs(await import('@aws-sdk/client-sts'), 'STSClient');
}

/** The Amazon Q in Connect SDK, loaded only when AI agents are read (CommonJS: maybe under `default`). */
export async function loadQConnect(): Promise<typeof import('@aws-sdk/client-qconnect')> {
  return commonJs(await import('@aws-sdk/client-qconnect'), 'QConnectClient');
}

/**
 * The Service Quotas SDK, loaded only when a quota is asked for (spex lint): no other command pays for
 * it. It is CommonJS: loaded from the bundle by Node's ESM loader, its exports may sit under `default`.
 */
export async function loadServiceQuotas(): Promise<typeof import('@aws-sdk/client-service-quotas')> {
  return commonJs(await import('@aws-sdk/client-service-quotas'), 'ServiceQuotasClient');
}

/**
 * A CommonJS module as Node's ESM loader gives it from the bundle: its exports, or the same under
 * `default` (told by whether `key` is there).
 */
export function commonJs<M extends object>(mod: M, key: keyof M): M {
  return (mod as Record<keyof M, unknown>)[key] !== undefined ? mod : ((mod as M & { default?: M }).default ?? mod);
}

/** The SDK's credential chain, loaded on first use (CommonJS too: its exports may sit under `default`). */
export async function loadDefaultProvider(): Promise<typeof import('@aws-sdk/credential-provider-node')['defaultProvider']> {
  const mod = (await import('@aws-sdk/credential-provider-node')) as typeof import('@aws-sdk/credential-provider-node') & { default?: typeof import('@aws-sdk/credential-provider-node') };
  return mod.defaultProvider ?? mod.default!.defaultProvider;
}

/**
 * What the Cloud Control and the Connect clients share: handler, timeouts, retries, debug log; and, for a
 * client pooled across accounts (aws/pooled.ts), the signer that signs each request as its account.
 */
export function clientConfig(settings: ClientSettings, signer?: RequestSigner) {
  // spex targets Node 20 on purpose; the SDK's multi-line notice about future Node 22 releases would
  // otherwise land on the stderr of every command and in the middle of the TUI.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const handlerOptions = {
    connectionTimeout: Math.min(settings.requestTimeoutMs, 5000),
    requestTimeout: settings.requestTimeoutMs,
    throwOnRequestTimeout: true,
    ...sharedAgents(),
  };
  const requestHandler = settings.debug
    ? new LoggedHttpHandler(handlerOptions, settings.region, settings.debug, settings.now)
    : new SharedAgentHandler(handlerOptions);
  return {
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
    ...fromEnvironment(),
    // As the strategy below (else each client would look AWS_RETRY_MODE up for itself).
    retryMode: 'adaptive',
    retryStrategy: new SpexRetryStrategy(settings.maxAttempts, settings.region, settings.onRetry),
    requestHandler,
    // Named in every request's User-Agent: CloudTrail records it, so `spex history` can tell spex's changes apart.
    customUserAgent: 'spex',
    ...(signer ? { signer } : {}),
  };
}

export function createClient(settings: ClientSettings, signer?: RequestSigner): CloudControlClient {
  const client = new CloudControlClient(clientConfig(settings, signer));
  markThrottles(client);
  return client;
}

/**
 * Connect's throttle reaches Cloud Control callers as a 400 GeneralServiceException whose message
 * speaks of the rate (real-aws-notes "Writes"): the SDK would take it for a final error. Marked as
 * throttling where the retry strategy reads it, it is retried with backoff and slows the adaptive
 * rate limiter down, as a ThrottlingException would. Runs between the retry middleware and the
 * deserializer, so it sees every attempt's error.
 */
export function markThrottles(client: CloudControlClient | ConnectClient): void {
  (client.middlewareStack as CloudControlClient['middlewareStack']).add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const e = error as { name?: string; message?: string; $retryable?: { throttling?: boolean } } | null;
        if (e && typeof e === 'object' && e.$retryable === undefined && isThrottleSignal(e.name, e.message)) e.$retryable = { throttling: true };
        throw error;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'spexMarkThrottles' },
  );
}

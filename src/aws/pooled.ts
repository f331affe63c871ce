// One Cloud Control and one Connect client per region (and settings) for every account of the process.
// A fleet scan of 200 accounts × 10 regions made 2,000 clients, each used for a call or two: building
// a client and its first request (its middleware, endpoint and signer caches) cost more CPU than the
// call itself. Pooled, each account's requests go through the region's client, each signed as its own
// account, through public parts of the SDK only:
// - the account's credentials ride on the command (`send` below);
// - a middleware just before the SDK's signing ties them to the HTTP request it signs;
// - the client's `signer` (a public option) signs each request with the credentials tied to it, and
//   refuses one with none.
// The pooled client's own credentials are a key no account has: were a request signed with them
// anyway, AWS would refuse it; it is never signed as another account. What else the accounts of a
// region share with the client: its adaptive retry rate limiter (a throttle in one account slows the
// region's next requests of the others too; each account's own budgets pace it first, rate-budget.ts).
// A scan of 200 accounts: a fifth less CPU, a quarter less memory (docs/performance.md, item 11).
// The SDK's `cacheMiddleware` must stay off for these clients: a cached handler keeps the context of
// the command it was first built for, so `commandInstance` below would name that command's account.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import { type AwsCredentialIdentity, type AwsCredentialIdentityProvider, type HandlerExecutionContext, type HttpRequest, type RequestSigner, type RequestSigningArguments, SMITHY_CONTEXT_KEY } from '@smithy/types';
import type { ClientSettings } from './client.js';

const IDENTITY = Symbol('spex.accountIdentity');
export const NO_ACCOUNT: AwsCredentialIdentity = { accessKeyId: 'SPEX-NO-ACCOUNT', secretAccessKey: 'none' };
const REFUSED = "spex: a request without its account's credentials was refused before it was sent";

interface PooledClient {
  send(command: object, ...rest: unknown[]): Promise<unknown>;
  destroy(): void;
  middlewareStack: { addRelativeTo(middleware: unknown, options: { relation: 'before'; toMiddleware: string; name: string }): void };
}

/** An account's credentials as the SDK would hold them: fetched again only as they near their end. */
export function accountIdentity(credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  return memoizeIdentityProvider(credentials, isIdentityExpired, doesIdentityRequireRefresh)!;
}

/** Who signs an HTTP request, and the scope the SDK chose for it (its auth option's name and region). */
interface Tied {
  identity: AwsCredentialIdentityProvider;
  region: unknown;
  service: unknown;
}
const signingAs = new WeakMap<object, Tied>();

/** Ties the credentials the command carries to its HTTP request (each attempt's), just before signing. */
const tieToRequest =
  (next: (args: { request: unknown }) => Promise<unknown>, context: HandlerExecutionContext) =>
  async (args: { request: unknown }): Promise<unknown> => {
    const smithy = context[SMITHY_CONTEXT_KEY];
    const identity = (smithy?.commandInstance as { [IDENTITY]?: AwsCredentialIdentityProvider } | undefined)?.[IDENTITY];
    if (identity === undefined || typeof args.request !== 'object' || args.request === null) throw new Error(REFUSED);
    const scope = smithy?.selectedHttpAuthScheme?.httpAuthOption.signingProperties;
    signingAs.set(args.request, { identity, region: scope?.region, service: scope?.name });
    return next(args);
  };

/** SigV4 with the credentials tied to the request: one SignatureV4 per account, scope (its signing-key cache). */
function accountSigner(): RequestSigner {
  const signers = new WeakMap<AwsCredentialIdentityProvider, Map<string, SignatureV4>>();
  return {
    sign(request: HttpRequest, options?: RequestSigningArguments): Promise<HttpRequest> {
      const tied = signingAs.get(request);
      // The endpoint's scope when it names one (AWS's endpoints do), else the auth option's.
      const region = options?.signingRegion ?? tied?.region;
      const service = options?.signingService ?? tied?.service;
      if (tied === undefined || typeof region !== 'string' || typeof service !== 'string') return Promise.reject(new Error(REFUSED));
      const { identity } = tied;
      const scope = `${region} ${service}`;
      let byScope = signers.get(identity);
      if (byScope === undefined) signers.set(identity, (byScope = new Map<string, SignatureV4>()));
      let signer = byScope.get(scope);
      if (signer === undefined) {
        signer = new SignatureV4({ credentials: identity, region, service, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
        byScope.set(scope, signer);
      }
      return signer.sign(request, { ...options, signingRegion: region, signingService: service });
    },
  };
}

interface Entry {
  client: PooledClient;
  users: number;
}
const pool = new Map<string, Entry>();

/** A number for each callback, so settings with the same callbacks share a client. */
const ids = new WeakMap<object, number>();
let nextId = 0;
const idOf = (f: object | undefined): string => (f === undefined ? '-' : String(ids.get(f) ?? (ids.set(f, ++nextId), nextId)));

/**
 * The region's pooled client of one kind, seen by one account: `send` signs as `identity`; `destroy`
 * lets the pooled client go once no account uses it. Made with `make` on first use.
 */
export function pooledClient<C extends object>(kind: string, settings: ClientSettings, identity: AwsCredentialIdentityProvider, make: (settings: ClientSettings, signer: RequestSigner) => C): C {
  const key = [kind, settings.region, settings.endpoint ?? '', settings.maxAttempts, settings.requestTimeoutMs, idOf(settings.debug), idOf(settings.onRetry), idOf(settings.now)].join('|');
  let entry = pool.get(key);
  if (entry === undefined) {
    const client = make({ ...settings, credentials: NO_ACCOUNT }, accountSigner()) as unknown as PooledClient;
    client.middlewareStack.addRelativeTo(tieToRequest, { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'spexSignAsAccount' });
    entry = { client, users: 0 };
    pool.set(key, entry);
  }
  const shared = entry;
  shared.users += 1;
  let released = false;
  // Everything else (config, middleware) is the pooled client's.
  const view = Object.create(shared.client) as PooledClient;
  view.send = (command, ...rest) => {
    (command as { [IDENTITY]?: AwsCredentialIdentityProvider })[IDENTITY] = identity;
    return shared.client.send(command, ...rest);
  };
  view.destroy = () => {
    if (released) return;
    released = true;
    shared.users -= 1;
    if (shared.users === 0 && pool.get(key) === shared) {
      pool.delete(key);
      shared.client.destroy();
    }
  };
  return view as unknown as C;
}

/** How many pooled clients there are (for tests). */
export const pooledCount = (): number => pool.size;

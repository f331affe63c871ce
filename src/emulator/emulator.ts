// startEmulator: the HTTP server, the store, the async requests, faults, the request log and the
// state file, put together.
import { handleServiceQuotas, serviceQuotasOperationOf } from './service-quotas.js';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HIERARCHY_GROUP_TYPE, INSTANCE_TYPE, SECURITY_PROFILE_TYPE, USER_TYPE } from '../domain/profile/security-profile.js';
import type { OperationContext } from './context.js';
import { CLOUD_CONTROL_REAL_RPS, ConnectBudgets } from './connect-limits.js';
import { DEMO_ACCOUNT_ID, DEMO_PLATFORM_ACCOUNT_ID, loadDemoData, loadPlatformDemoData } from './demo-data.js';
import { handlerFailure, ServiceError } from './errors.js';
import { Faults, seededRandom } from './faults.js';
import { findModel, getResource, listResources } from './operations-read.js';
import { cancelResourceRequest, createResource, deleteResource, getResourceRequestStatus, listResourceRequests, updateResource } from './operations-write.js';
import { readState, writeState } from './persistence.js';
import { defaultHandlerMessage, RequestBook } from './requests.js';
import { answerQuery, queryActionOf } from './query-protocol.js';
import { accountOf, type Call, type CallInfo, type OperationName, parseCall, readBody, regionOf, writeReply } from './server.js';
import { CONNECT_STATUS, ConnectError, connectOperationOf, handleConnect } from './connect/index.js';
import { Store } from './store.js';
import type { Emulator, EmulatorOptions, RecordedRequest } from './types.js';

const HANDLERS: Record<OperationName, (ctx: OperationContext, body: Record<string, unknown>) => Record<string, unknown>> = {
  ListResources: listResources,
  GetResource: getResource,
  CreateResource: createResource,
  UpdateResource: updateResource,
  DeleteResource: deleteResource,
  GetResourceRequestStatus: getResourceRequestStatus,
  ListResourceRequests: listResourceRequests,
  CancelResourceRequest: cancelResourceRequest,
};
const MUTATIONS = new Set(['CreateResource', 'UpdateResource', 'DeleteResource']);
const MAX_LOG = 100_000;
/** The request log's bound in body text: a loop of 2 MiB requests must not exhaust the heap (a ring: oldest go first). */
const MAX_LOG_BYTES = 64 * 1024 * 1024;
/** Strings longer than this in a logged body are cut (the request itself was handled whole). */
const MAX_LOGGED_STRING = 64 * 1024;

/** A body as the log keeps it: long strings cut, so one entry is at most a few hundred KiB; with its size. */
function loggedBody(body: Record<string, unknown>): { body: Record<string, unknown>; bytes: number } {
  let bytes = 0;
  const cut = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const kept = value.length > MAX_LOGGED_STRING ? `${value.slice(0, MAX_LOGGED_STRING)}…(${value.length} characters)` : value;
      bytes += kept.length * 2;
      return kept;
    }
    if (Array.isArray(value)) return value.map(cut);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)]));
    bytes += 8;
    return value;
  };
  return { body: cut(body) as Record<string, unknown>, bytes };
}

function checkOptions(o: EmulatorOptions): void {
  const bad = (name: string, rule: string): never => {
    throw new RangeError(`${name}: ${rule}`);
  };
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) bad('port', 'an integer from 0 to 65535');
  if (o.profiles !== undefined && !(Number.isInteger(o.profiles) && o.profiles >= 0)) bad('profiles', 'a whole number');
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) bad('failRate', 'between 0 and 1');
  if (o.pageSize !== undefined && !(Number.isInteger(o.pageSize) && o.pageSize >= 1)) bad('pageSize', 'a whole number of at least 1');
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options);
  const settings = {
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
  };
  const seed = options.faultSeed ?? Math.floor(Math.random() * 2 ** 32);
  const budgets = new ConnectBudgets(settings.realLimits, Date.now);
  const statePath = options.statePath;
  const isDemo = (options.data ?? 'demo') === 'demo';
  // A state file that cannot be read throws here, before anything could overwrite it.
  const loaded = statePath ? readState(statePath, DEMO_ACCOUNT_ID) : undefined;
  // One store and request book per account: an access key id of 12 digits selects its account.
  const accounts = new Map<string, { store: Store; book: RequestBook }>();
  const persist = (): void => {
    if (statePath) writeState(statePath, new Map([...accounts].map(([id, a]) => [id, a.store])), DEMO_ACCOUNT_ID);
  };
  const random = seededRandom(seed ^ 0x2545f491);
  const accountState = (id: string): { store: Store; book: RequestBook } => {
    let state = accounts.get(id);
    if (state === undefined) {
      let store = loaded?.get(id);
      if (store === undefined) {
        store = new Store();
        if (!loaded && isDemo && id === DEMO_ACCOUNT_ID) loadDemoData(store, options.profiles ?? 0);
        if (isDemo && id === DEMO_PLATFORM_ACCOUNT_ID) loadPlatformDemoData(store);
      }
      const book = new RequestBook(store, {
        now: Date.now,
        asyncDelayMs: () => settings.asyncDelayMs,
        changed: persist,
        account: id,
        budgets,
        cancelApplies: () => settings.cancelApplies,
        random,
        handlerKeeps: () => settings.handlerKeeps,
        profileQuota: () => settings.profileQuota,
      });
      state = { store, book };
      accounts.set(id, state);
    }
    return state;
  };
  for (const id of loaded?.keys() ?? []) accountState(id);
  accountState(DEMO_ACCOUNT_ID);
  if (isDemo) accountState(DEMO_PLATFORM_ACCOUNT_ID);
  /** The default account's store and book (what tests reach directly unless they name an account). */
  const of = (account: string | undefined) => accountState(account ?? DEMO_ACCOUNT_ID);
  const faults = new Faults(settings, seed, Date.now);
  if (!loaded) persist();


  const requests: RecordedRequest[] = [];
  /** Body bytes of each logged request, oldest first (parallel to `requests`), and their sum. */
  const logSizes: number[] = [];
  let logBytes = 0;
  const inFlight = new Map<string, number>();
  const maxSeen = new Map<string, number>();
  const enter = (op: string): void => {
    for (const key of [op, '*']) {
      const n = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, n);
      if (n > (maxSeen.get(key) ?? 0)) maxSeen.set(key, n);
    }
  };
  const leave = (op: string): void => {
    for (const key of [op, '*']) inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
  };

  const run = (call: Call, account: string): Record<string, unknown> => {
    faults.throttle(account);
    faults.randomFailure();
    const { store, book } = accountState(account);
    book.settle();
    const queued = faults.takeQueued(call.operation);
    let injected: OperationContext['injected'];
    if (queued && 'exception' in queued) {
      throw new ServiceError(queued.exception, queued.message ?? (queued.exception === 'ThrottlingException' ? 'Rate exceeded' : `${queued.exception} (injected)`));
    }
    if (queued) {
      const message = queued.message ?? defaultHandlerMessage(queued.handlerErrorCode);
      if (!MUTATIONS.has(call.operation)) throw handlerFailure(String(call.body.TypeName ?? ''), queued.handlerErrorCode, message, randomUUID());
      injected = { code: queued.handlerErrorCode, message };
    }
    const ctx: OperationContext = {
      region: call.region,
      account,
      store,
      book,
      listProperties: settings.listProperties,
      userList: settings.userList,
      pageSize: settings.pageSize,
      timeUnit: settings.timeUnit,
      budgets,
      injected,
    };
    return HANDLERS[call.operation](ctx, call.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = Date.now();
    const info: CallInfo = { operation: String(req.headers['x-amz-target'] ?? ''), region: '', body: {} };
    const account = accountOf(req.headers.authorization, DEMO_ACCOUNT_ID);
    let status = 200;
    let payload: unknown;
    let errorType: string | undefined;
    let close = false;
    let counted = false;
    let restJson = false;
    let json11 = false;
    let answered = false;
    try {
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        // The client went away mid-body: nobody to answer, nothing went wrong here.
        throw new ServiceError('RequestAborted', 'The client closed the connection before the request was complete', 499);
      }
      const queryAction = queryActionOf(req, raw);
      const quotasOp = queryAction === undefined ? serviceQuotasOperationOf(req) : undefined;
      const connectOp = queryAction === undefined && quotasOp === undefined ? connectOperationOf(req) : undefined;
      if (queryAction !== undefined) {
        info.operation = queryAction;
        info.region = regionOf(req.headers.authorization);
        const queued = faults.takeQueued(queryAction);
        if (queued && 'exception' in queued) throw new ServiceError(queued.exception, queued.message ?? `${queued.exception} (injected)`);
        status = answerQuery(res, queryAction, account, /Credential=([^/\s,]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '');
        answered = true;
      } else if (quotasOp !== undefined) {
        info.operation = quotasOp;
        enter(quotasOp);
        counted = true;
        const queued = faults.takeQueued(quotasOp);
        if (queued && 'exception' in queued) throw new ServiceError(queued.exception, queued.message ?? `${queued.exception} (injected)`);
        const answer = handleServiceQuotas(req, raw, quotasOp, settings.profileQuota, account);
        info.region = answer.region;
        info.body = answer.request;
        payload = answer.body;
        json11 = true;
      } else if (connectOp !== undefined) {
        info.operation = connectOp;
        enter(connectOp);
        counted = true;
        const delay = faults.delay();
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        const queued = faults.takeQueued(connectOp);
        if (queued && 'exception' in queued) throw new ConnectError(queued.exception, queued.message ?? `${queued.exception} (injected)`, CONNECT_STATUS[queued.exception] ?? 400);
        const { store, book } = accountState(account);
        book.settle();
        const answer = handleConnect(req, raw, { store, budgets, account, profileQuota: settings.profileQuota, changed: persist });
        info.region = answer.region;
        info.body = answer.request;
        payload = answer.body;
        restJson = true;
      } else {
        const call = parseCall(req, raw, info);
        enter(call.operation);
        counted = true;
        const delay = faults.delay();
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        payload = run(call, account);
      }
    } catch (error) {
      if (error instanceof ConnectError) {
        status = error.status;
        errorType = error.code;
        payload = { Message: error.message, ...error.extra };
        restJson = true;
      } else {
        const e = error instanceof ServiceError ? error : new ServiceError('InternalFailure', `The emulator failed: ${(error as Error)?.message ?? String(error)}`);
        status = e.status;
        errorType = e.code;
        payload = e.body();
        close = e.code === 'RequestEntityTooLargeException' || e.code === 'RequestAborted';
      }
    } finally {
      if (counted) leave(info.operation);
    }
    if (!res.destroyed && !answered) writeReply(res, status, payload, errorType, close, restJson ? 'application/json' : json11 ? 'application/x-amz-json-1.1' : undefined);
    if (close) res.on('finish', () => req.destroy());
    const { body, bytes } = loggedBody(info.body);
    // A test may have emptied the log (clearRequests): the sizes follow it.
    if (requests.length < logSizes.length) {
      logSizes.length = 0;
      logBytes = 0;
    }
    logSizes.push(bytes);
    logBytes += bytes;
    requests.push({
      account,
      operation: info.operation,
      region: info.region,
      typeName: typeof body.TypeName === 'string' ? body.TypeName : undefined,
      identifier: typeof body.Identifier === 'string' ? body.Identifier : undefined,
      body,
      status,
      errorType,
      startedAt,
      endedAt: Date.now(),
    });
    let drop = requests.length > MAX_LOG ? requests.length - MAX_LOG / 2 : 0;
    let dropped = logSizes.slice(0, drop).reduce((a, b) => a + b, 0);
    while (logBytes - dropped > MAX_LOG_BYTES && drop < requests.length - 1) dropped += logSizes[drop++]!;
    if (drop > 0) {
      requests.splice(0, drop);
      logSizes.splice(0, drop);
      logBytes -= dropped;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    maxConcurrent: (operation) => maxSeen.get(operation ?? '*') ?? 0,
    resetStats: () => {
      maxSeen.clear();
      for (const [key, n] of inFlight) maxSeen.set(key, n);
    },
    failNext: (operation, count, failure) => faults.failNext(operation, count, failure),
    setFaults: (change) => {
      for (const [key, value] of Object.entries(change)) if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
      if (change.realLimits !== undefined) {
        budgets.enabled = change.realLimits;
        budgets.reset();
        if (change.throttleRps === undefined) settings.throttleRps = change.realLimits ? CLOUD_CONTROL_REAL_RPS : 0;
      }
      if (change.throttleRps !== undefined || change.realLimits !== undefined) faults.resetBuckets();
    },
    getModel: (region, typeName, identifier, account) => {
      const { store, book } = of(account);
      book.settle();
      const model = findModel({ store, region }, typeName, identifier);
      return model ? structuredClone(model) : undefined;
    },
    modifyProfile: (region, arn, change, account) => {
      const { store, book } = of(account);
      book.settle();
      const found = store.findProfile(region, arn);
      if (!found) throw new Error(`no profile ${arn} in ${region}`);
      const next = structuredClone(found.entry.model);
      change(next);
      const previous = Number(found.entry.model.LastModifiedTime ?? 0);
      next.LastModifiedTime = Math.max(Date.now() / 1000, Math.round(previous * 1000 + 1) / 1000);
      next.LastModifiedRegion = region;
      found.entry.model = next;
      persist();
    },
    modifyModel: (region, typeName, identifier, change, account) => {
      const { store, book } = of(account);
      book.settle();
      const model = findModel({ store, region }, typeName, identifier);
      if (!model) throw new Error(`no ${typeName} ${identifier} in ${region}`);
      change(model);
      persist();
    },
    setFlowModules: (region, instanceArn, modules, account) => {
      const { store } = of(account);
      const instance = store.regions.get(region)?.instances.get(instanceArn);
      if (!instance) throw new Error(`no instance ${instanceArn} in ${region}`);
      instance.flowModules = modules.map((m) => ({ ...m }));
    },
    listModels: (region, typeName, account) => {
      const { store, book } = of(account);
      book.settle();
      const instances = [...(store.regions.get(region)?.instances.values() ?? [])];
      if (typeName === INSTANCE_TYPE) return instances.map((i) => structuredClone(i.entry.model));
      if (typeName === SECURITY_PROFILE_TYPE) return instances.flatMap((i) => [...i.profiles.values()].map((e) => structuredClone(e.model)));
      if (typeName === HIERARCHY_GROUP_TYPE) return instances.flatMap((i) => [...i.groups.values()].map((e) => structuredClone(e.model)));
      if (typeName === USER_TYPE) return instances.flatMap((i) => [...i.users.values()].map((e) => structuredClone(e.model)));
      return [];
    },
    close: async () => {
      for (const a of accounts.values()) a.book.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

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
import { Concurrency, RequestLog } from './request-log.js';
import { emulatorSettings } from './settings.js';
import { answerQuery, queryActionOf } from './query-protocol.js';
import { answerPortal, portalOperationOf } from './sso-portal.js';
import { Trail } from './cloudtrail.js';
import { seedDemoHistory } from './demo-history.js';
import { demoOrganization } from './organization.js';
import { loadRetailDemoData } from './demo-org-data.js';
import { accountOf, type Call, type CallInfo, type OperationName, parseCall, readBody, regionOf, writeReply } from './server.js';
import { CONNECT_STATUS, ConnectError, connectOperationOf, handleConnect } from './connect/index.js';
import { AI_AGENT_MODELS, Store } from './store.js';
import type { Emulator, EmulatorOptions } from './types.js';

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
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings = emulatorSettings(options);
  const seed = options.faultSeed ?? Math.floor(Math.random() * 2 ** 32), statePath = options.statePath;
  const budgets = new ConnectBudgets(settings.realLimits, Date.now);
  const isDemo = (options.data ?? 'demo') === 'demo';
  // A state file that cannot be read throws here, before anything could overwrite it.
  const loaded = statePath ? readState(statePath, DEMO_ACCOUNT_ID) : undefined;
  // One store and request book per account: an access key id of 12 digits selects its account.
  const accounts = new Map<string, { store: Store; book: RequestBook }>();
  const persist = (): void => {
    if (statePath) writeState(statePath, new Map([...accounts].map(([id, a]) => [id, a.store])), DEMO_ACCOUNT_ID);
  };
  const random = seededRandom(seed ^ 0x2545f491), org = demoOrganization(options.orgAccounts ?? 0);
  const accountState = (id: string): { store: Store; book: RequestBook } => {
    let state = accounts.get(id);
    if (state === undefined) {
      let store = loaded?.get(id);
      if (store === undefined) {
        store = new Store();
        if (!loaded && isDemo && id === DEMO_ACCOUNT_ID) loadDemoData(store, options.profiles ?? 0);
        if (isDemo && id === DEMO_PLATFORM_ACCOUNT_ID) loadPlatformDemoData(store);
        if (isDemo) loadRetailDemoData(store, id, org);
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
  const faults = new Faults(settings, seed, Date.now), trail = new Trail(Date.now, () => settings.trailDelayMs);
  if (isDemo && !loaded && options.history !== false) seedDemoHistory(trail, of(undefined).store, DEMO_ACCOUNT_ID, Math.floor(Date.now() / 86_400_000) * 86_400_000);
  if (!loaded) persist();
  const log = new RequestLog();
  const concurrency = new Concurrency(), { requests } = log;
  // --latency: every call pays its round trip (counted as in flight meanwhile), whichever service it is for.
  const pause = (ms = faults.delay()): Promise<unknown> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
  const enter = async (op: string): Promise<void> => void (concurrency.enter(op), await pause()), leave = (op: string): void => concurrency.leave(op);
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
    /** --fail-rate: the request is carried out, then the connection dropped without an answer. */
    let dropAnswer = false;
    try {
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        // The client went away mid-body: nobody to answer, nothing went wrong here.
        throw new ServiceError('RequestAborted', 'The client closed the connection before the request was complete', 499);
      }
      const queryAction = queryActionOf(req, raw) ?? portalOperationOf(req);
      const quotasOp = queryAction === undefined ? serviceQuotasOperationOf(req) : undefined;
      const connectOp = queryAction === undefined && quotasOp === undefined ? connectOperationOf(req) : undefined;
      if (queryAction !== undefined) {
        info.operation = queryAction;
        info.region = req.method === 'GET' ? '' : regionOf(req.headers.authorization); // the portal (GET) is not signed: a bearer token
        await pause();
        const queued = faults.takeQueued(queryAction);
        if (queued && 'exception' in queued) throw new ServiceError(queued.exception, queued.message ?? `${queued.exception} (injected)`);
        if (req.method === 'GET') ({ status, errorType } = answerPortal(req, res, queryAction, org, Date.now()));
        else status = answerQuery(res, queryAction, account, /Credential=([^/\s,]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '', raw, org, req.headers['x-amz-security-token'] as string | undefined);
        answered = true;
      } else if (quotasOp !== undefined) {
        info.operation = quotasOp;
        await enter(quotasOp);
        counted = true;
        const queued = faults.takeQueued(quotasOp);
        if (queued && 'exception' in queued) throw new ServiceError(queued.exception, queued.message ?? `${queued.exception} (injected)`);
        const answer = handleServiceQuotas(req, raw, quotasOp, settings.profileQuota, account, (region, body) => trail.lookup(account, region, body, budgets.enabled), org);
        info.region = answer.region;
        info.body = answer.request;
        payload = answer.body;
        json11 = true;
      } else if (connectOp !== undefined) {
        info.operation = connectOp;
        await enter(connectOp);
        counted = true;
        const queued = faults.takeQueued(connectOp);
        if (queued && 'exception' in queued) throw new ConnectError(queued.exception, queued.message ?? `${queued.exception} (injected)`, CONNECT_STATUS[queued.exception] ?? 400);
        const fault = faults.connectFault();
        if (fault === 'throttle') throw new ConnectError('ThrottlingException', 'Rate exceeded (injected by --fail-rate)', 429);
        if (fault === 'error') throw new ConnectError('InternalServiceException', 'Internal service error (injected by --fail-rate)', 500);
        dropAnswer = fault === 'drop';
        const { store, book } = accountState(account);
        book.settle();
        const answer = handleConnect(req, raw, { store, budgets, account, profileQuota: settings.profileQuota, changed: persist });
        info.region = answer.region;
        info.body = answer.request;
        payload = answer.body;
        restJson = true;
      } else {
        const call = parseCall(req, raw, info);
        await enter(call.operation);
        counted = true;
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
    if (dropAnswer && status < 400) {
      log.record({ account, operation: info.operation, region: info.region, status: 0, errorType: 'AnswerDropped', startedAt, endedAt: Date.now() }, info.body);
      res.destroy();
      return;
    }
    if (!res.destroyed && !answered) writeReply(res, status, payload, errorType, close, restJson ? 'application/json' : json11 ? 'application/x-amz-json-1.1' : undefined);
    if (close) res.on('finish', () => req.destroy());
    log.record({ account, operation: info.operation, region: info.region, status, errorType, startedAt, endedAt: Date.now() }, info.body);
    if (status < 400) trail.record(account, info.region, info.operation, info.body, /Credential=([^/\s,]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '', String(req.headers['user-agent'] ?? ''));
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
  const port = (server.address() as AddressInfo).port, shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests,
    clearRequests: () => log.clear(),
    maxConcurrent: (operation) => concurrency.max(operation), resetStats: () => concurrency.reset(),
    recordEvent: (region, operation, request, time, accessKeyId, account) => trail.record(account ?? DEMO_ACCOUNT_ID, region, operation, request, accessKeyId ?? 'AKIDSOMEONEELSE', 'aws-cli/2.17.0', time),
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
      // Not a Cloud Control type: the AI agents that hold profiles (Amazon Q in Connect), for tests.
      if (typeName === AI_AGENT_MODELS) return instances.flatMap((i) => [...i.aiAgents.values()].map((e) => ({ ...structuredClone(e.model), InstanceArn: i.entry.model.Arn })));
      return [];
    },
    close: async () => {
      for (const a of accounts.values()) a.book.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

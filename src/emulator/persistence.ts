// --state FILE: the emulator's data across restarts. Written after each change to a temporary file
// that is then renamed over the old one, so a kill at any moment leaves the old or the new state,
// never half of one. A file that cannot be read as state stops the start and is left untouched.
import { profileProblems } from './connect/model.js';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type Entry, type InstanceState, type RequestRecord, Store } from './store.js';

const FORMAT = 'spex-emulator-state';
const VERSION = 3;
/**
 * Version 1 kept a set of in-use profile ARNs instead of users; it loads with no users. Version 2
 * had one account; version 3 keeps the default account's regions where version 2 had them and the
 * other accounts under `accounts`.
 */
const READABLE = new Set([1, 2, VERSION]);

export class StateFileError extends Error {
  constructor(path: string, reason: string) {
    super(`cannot use state file ${path}: ${reason.replace(/\n/g, '; ')}. Fix or remove it; spex will not overwrite it.`);
    this.name = 'StateFileError';
  }
}

interface SavedInstance {
  seq: number;
  model: Record<string, unknown>;
  profiles: Entry[];
  groups: Entry[];
  users?: Entry[];
  aiAgents?: Entry[];
}

type SavedRegions = Record<string, { instances: SavedInstance[]; requests: RequestRecord[] }>;

interface SavedState {
  format: typeof FORMAT;
  version: number;
  regions: SavedRegions;
  /** Accounts other than the default one, by id. */
  accounts?: Record<string, SavedRegions>;
}

/** The emulator's stores by account id; `defaultAccount`'s is the one version 2 files held. */
export type Stores = ReadonlyMap<string, Store>;

export function serialize(stores: Stores, defaultAccount: string): string {
  const accounts: Record<string, SavedRegions> = {};
  for (const [id, store] of stores) if (id !== defaultAccount) accounts[id] = savedRegions(store);
  const state: SavedState = { format: FORMAT, version: VERSION, regions: savedRegions(stores.get(defaultAccount) ?? new Store()), ...(Object.keys(accounts).length > 0 ? { accounts } : {}) };
  return JSON.stringify(state);
}

function savedRegions(store: Store): SavedRegions {
  const regions: SavedRegions = {};
  for (const [name, region] of store.regions) {
    regions[name] = {
      instances: [...region.instances.values()].map((i: InstanceState) => ({
        seq: i.entry.seq,
        model: i.entry.model,
        profiles: [...i.profiles.values()],
        groups: [...i.groups.values()],
        users: [...i.users.values()],
        aiAgents: [...i.aiAgents.values()],
      })),
      requests: [...region.requests.values()],
    };
  }
  return regions;
}

export function writeState(path: string, stores: Stores, defaultAccount: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, serialize(stores, defaultAccount));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The stores held in the file by account, or undefined when there is no file yet. Throws StateFileError. */
export function readState(path: string, defaultAccount: string): Map<string, Store> | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StateFileError(path, (error as Error).message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(path, `not valid JSON (${(error as Error).message})`);
  }
  const state = value as Partial<SavedState> | null;
  if (state === null || typeof state !== 'object' || state.format !== FORMAT || !READABLE.has(Number(state.version))) {
    throw new StateFileError(path, `not a spex emulator state file (expected format "${FORMAT}" version ${VERSION})`);
  }
  if (state.regions === null || typeof state.regions !== 'object') throw new StateFileError(path, 'regions is missing');
  const stores = new Map([[defaultAccount, fromSaved(path, state.regions)]]);
  if (state.accounts !== undefined && (state.accounts === null || typeof state.accounts !== 'object')) throw new StateFileError(path, 'accounts is malformed');
  for (const [id, regions] of Object.entries(state.accounts ?? {})) {
    if (!/^\d{12}$/.test(id) || regions === null || typeof regions !== 'object') throw new StateFileError(path, `account ${id.slice(0, 20)} is malformed`);
    stores.set(id, fromSaved(path, regions));
  }
  return stores;
}

function fromSaved(path: string, regions: SavedRegions): Store {
  const store = new Store();
  for (const [name, saved] of Object.entries(regions)) {
    if (!saved || !Array.isArray(saved.instances) || !Array.isArray(saved.requests)) {
      throw new StateFileError(path, `region ${name} is malformed`);
    }
    const region = store.region(name);
    for (const inst of saved.instances) {
      if (!isEntry(inst) || typeof inst.model.Arn !== 'string' || !Array.isArray(inst.profiles) || !Array.isArray(inst.groups) || (inst.users !== undefined && !Array.isArray(inst.users))) {
        throw new StateFileError(path, `an instance in ${name} is malformed`);
      }
      const instance: InstanceState = { entry: { seq: inst.seq, model: inst.model }, profiles: new Map(), groups: new Map(), users: new Map(), aiAgents: new Map() };
      store.noteSeq(inst.seq);
      for (const p of inst.profiles) {
        if (!isEntry(p)) throw new StateFileError(path, `a profile in ${name} is malformed`);
        // Only what Connect itself insists on: a profile made in the console may hold values the Cloud
        // Control schema refuses (real-aws-notes "Writes"), and such a state must load.
        if (typeof p.model.SecurityProfileArn !== 'string' || typeof p.model.SecurityProfileName !== 'string' || p.model.SecurityProfileName === '') {
          throw new StateFileError(path, `a profile in ${name} has no SecurityProfileArn or SecurityProfileName`);
        }
        // The Connect model: a flow-module type outside its enum, an application without permissions… cannot be held.
        const problems = profileProblems(p.model);
        if (problems.length > 0) throw new StateFileError(path, `profile "${String(p.model.SecurityProfileName).slice(0, 80)}" in ${name} holds what Connect cannot: ${problems[0]}`);
        instance.profiles.set(String(p.model.SecurityProfileArn), p);
        store.noteSeq(p.seq);
      }
      for (const g of inst.groups) {
        if (!isEntry(g)) throw new StateFileError(path, `a hierarchy group in ${name} is malformed`);
        instance.groups.set(String(g.model.UserHierarchyGroupArn), g);
        store.noteSeq(g.seq);
      }
      for (const u of inst.users ?? []) {
        if (!isEntry(u) || typeof u.model.UserArn !== 'string') throw new StateFileError(path, `a user in ${name} is malformed`);
        instance.users.set(u.model.UserArn, u);
        store.noteSeq(u.seq);
      }
      for (const a of Array.isArray(inst.aiAgents) ? inst.aiAgents : []) {
        if (!isEntry(a) || typeof a.model.AIAgentArn !== 'string') throw new StateFileError(path, `an AI agent in ${name} is malformed`);
        instance.aiAgents.set(a.model.AIAgentArn, a);
        store.noteSeq(a.seq);
      }
      region.instances.set(inst.model.Arn, instance);
    }
    for (const r of saved.requests) {
      if (!r || typeof r.token !== 'string' || typeof r.status !== 'string' || typeof r.eventTime !== 'number') {
        throw new StateFileError(path, `a request in ${name} is malformed`);
      }
      region.requests.set(r.token, r);
      if (r.clientToken !== undefined) region.clientTokens.set(r.clientToken, r.token);
    }
  }
  return store;
}

function isEntry(value: unknown): value is Entry & { model: Record<string, unknown> } {
  const e = value as Partial<Entry> | null;
  return e !== null && typeof e === 'object' && typeof e.seq === 'number' && e.model !== null && typeof e.model === 'object' && !Array.isArray(e.model);
}

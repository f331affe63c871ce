// --state FILE: the emulator's data across restarts. Written after each change to a temporary file
// that is then renamed over the old one, so a kill at any moment leaves the old or the new state,
// never half of one. A file that cannot be read as state stops the start and is left untouched.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type Entry, type InstanceState, type RequestRecord, Store } from './store.js';

const FORMAT = 'spex-emulator-state';
const VERSION = 2;
/** Version 1 kept a set of in-use profile ARNs instead of users; it loads with no users. */
const READABLE = new Set([1, VERSION]);

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
}

interface SavedState {
  format: typeof FORMAT;
  version: number;
  regions: Record<string, { instances: SavedInstance[]; requests: RequestRecord[] }>;
}

export function serialize(store: Store): string {
  const regions: SavedState['regions'] = {};
  for (const [name, region] of store.regions) {
    regions[name] = {
      instances: [...region.instances.values()].map((i: InstanceState) => ({
        seq: i.entry.seq,
        model: i.entry.model,
        profiles: [...i.profiles.values()],
        groups: [...i.groups.values()],
        users: [...i.users.values()],
      })),
      requests: [...region.requests.values()],
    };
  }
  const state: SavedState = { format: FORMAT, version: VERSION, regions };
  return JSON.stringify(state);
}

export function writeState(path: string, store: Store): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, serialize(store));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The store held in the file, or undefined when there is no file yet. Throws StateFileError. */
export function readState(path: string): Store | undefined {
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
  return fromSaved(path, value);
}

function fromSaved(path: string, value: unknown): Store {
  const state = value as Partial<SavedState> | null;
  if (state === null || typeof state !== 'object' || state.format !== FORMAT || !READABLE.has(Number(state.version))) {
    throw new StateFileError(path, `not a spex emulator state file (expected format "${FORMAT}" version ${VERSION})`);
  }
  if (state.regions === null || typeof state.regions !== 'object') throw new StateFileError(path, 'regions is missing');
  const store = new Store();
  for (const [name, saved] of Object.entries(state.regions)) {
    if (!saved || !Array.isArray(saved.instances) || !Array.isArray(saved.requests)) {
      throw new StateFileError(path, `region ${name} is malformed`);
    }
    const region = store.region(name);
    for (const inst of saved.instances) {
      if (!isEntry(inst) || typeof inst.model.Arn !== 'string' || !Array.isArray(inst.profiles) || !Array.isArray(inst.groups) || (inst.users !== undefined && !Array.isArray(inst.users))) {
        throw new StateFileError(path, `an instance in ${name} is malformed`);
      }
      const instance: InstanceState = { entry: { seq: inst.seq, model: inst.model }, profiles: new Map(), groups: new Map(), users: new Map() };
      store.noteSeq(inst.seq);
      for (const p of inst.profiles) {
        if (!isEntry(p)) throw new StateFileError(path, `a profile in ${name} is malformed`);
        // Only what Connect itself insists on: a profile made in the console may hold values the Cloud
        // Control schema refuses (real-aws-notes "Writes"), and such a state must load.
        if (typeof p.model.SecurityProfileArn !== 'string' || typeof p.model.SecurityProfileName !== 'string' || p.model.SecurityProfileName === '') {
          throw new StateFileError(path, `a profile in ${name} has no SecurityProfileArn or SecurityProfileName`);
        }
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

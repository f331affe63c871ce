// The emulator's data, per region: Connect instances, each with its hierarchy groups and security
// profiles, plus the Cloud Control requests of the region. Maps keep insertion order, and every entry
// carries a sequence number, so list pages can resume after the last entry seen without re-sorting.
import type { PatchOp } from './patch-check.js';

export type Model = Record<string, unknown>;

export interface Entry {
  seq: number;
  model: Model;
}

export interface InstanceState {
  entry: Entry;
  profiles: Map<string, Entry>;
  groups: Map<string, Entry>;
  /** Users (AWS::Connect::User models): their SecurityProfileArns are what Connect refuses to delete. */
  users: Map<string, Entry>;
  /**
   * AI agents of Amazon Q in Connect that hold the instance's security profiles (AssociateSecurityProfiles,
   * EntityType AI_AGENT): models { AIAgentArn, Name, SecurityProfileArns }, by ARN.
   */
  aiAgents: Map<string, Entry>;
  /** The instance's flow modules when a test set them (else the demo's, derived from the instance ARN). */
  flowModules?: { id: string; name: string }[];
}

export type OperationName = 'CREATE' | 'UPDATE' | 'DELETE';
export type OperationStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'CANCEL_IN_PROGRESS' | 'CANCEL_COMPLETE';

export interface RequestRecord {
  token: string;
  operation: OperationName;
  typeName: string;
  /** Known at once for update/delete; for a create only once it succeeded. */
  identifier?: string | undefined;
  /** The ARN a create will give its profile. */
  plannedIdentifier?: string | undefined;
  status: OperationStatus;
  /** Epoch ms when the request was made. */
  eventTime: number;
  /** Epoch ms when a PENDING request is handed to the handler (IN_PROGRESS). */
  startAt?: number | undefined;
  /** Epoch ms when it ends (the handler "finishes"). */
  completeAt: number;
  /** Epoch ms when a CANCEL_IN_PROGRESS request ends CANCEL_COMPLETE. */
  cancelAt?: number | undefined;
  /** A cancelled request whose change had already reached Connect and is applied all the same. */
  cancelApplies?: boolean | undefined;
  /** The desired model as the handler saw it when the request was made (UPDATE: the patched model). */
  handlerModel?: Model | undefined;
  clientToken?: string | undefined;
  /** What the request asked for, to tell a retry from a different request with the same token. */
  fingerprint: string;
  desired?: Model | undefined;
  patch?: PatchOp[] | undefined;
  /** A failure injected by a test: the request ends FAILED with it. */
  injected?: { code: string; message: string } | undefined;
  errorCode?: string | undefined;
  statusMessage?: string | undefined;
}

export interface RegionState {
  instances: Map<string, InstanceState>;
  requests: Map<string, RequestRecord>;
  /** ClientToken → RequestToken. */
  clientTokens: Map<string, string>;
}

export class Store {
  readonly regions = new Map<string, RegionState>();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Keeps new sequence numbers above those loaded from a state file. */
  noteSeq(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = { instances: new Map(), requests: new Map(), clientTokens: new Map() };
      this.regions.set(name, state);
    }
    return state;
  }

  addInstance(region: string, model: Model): InstanceState {
    const instance: InstanceState = {
      entry: { seq: this.nextSeq(), model },
      profiles: new Map(),
      groups: new Map(),
      users: new Map(),
      aiAgents: new Map(),
    };
    this.region(region).instances.set(String(model.Arn), instance);
    return instance;
  }

  addProfile(instance: InstanceState, model: Model): void {
    instance.profiles.set(String(model.SecurityProfileArn), { seq: this.nextSeq(), model });
  }

  addGroup(instance: InstanceState, model: Model): void {
    instance.groups.set(String(model.UserHierarchyGroupArn), { seq: this.nextSeq(), model });
  }

  addUser(instance: InstanceState, model: Model): void {
    instance.users.set(String(model.UserArn), { seq: this.nextSeq(), model });
  }

  addAiAgent(instance: InstanceState, model: Model): void {
    instance.aiAgents.set(String(model.AIAgentArn), { seq: this.nextSeq(), model });
  }

  instanceOf(region: string, arn: string): InstanceState | undefined {
    const instanceArn = arn.replace(/\/(security-profile|agent-group|agent)\/.*$/, '');
    return this.regions.get(region)?.instances.get(instanceArn);
  }

  findProfile(region: string, arn: string): { instance: InstanceState; entry: Entry } | undefined {
    const instance = this.instanceOf(region, arn);
    const entry = instance?.profiles.get(arn);
    return instance && entry ? { instance, entry } : undefined;
  }
}

/** The users of an instance who hold a profile, in insertion order. */
export function holdersOf(instance: InstanceState, profileArn: string): Model[] {
  const out: Model[] = [];
  for (const { model } of instance.users.values()) {
    if (Array.isArray(model.SecurityProfileArns) && model.SecurityProfileArns.includes(profileArn)) out.push(model);
  }
  return out;
}

/** listModels' name for the AI agents that hold profiles (not a Cloud Control type). */
export const AI_AGENT_MODELS = 'spex::AIAgent';

/** The AI agents of an instance that hold a profile. */
export function aiAgentHoldersOf(instance: InstanceState, profileArn: string): Model[] {
  return [...instance.aiAgents.values()].map((e) => e.model).filter((m) => Array.isArray(m.SecurityProfileArns) && m.SecurityProfileArns.includes(profileArn));
}

/** One page of entries after `afterSeq`, in insertion order. */
export function pageOf(entries: Map<string, Entry>, afterSeq: number, size: number): { items: Entry[]; lastSeq?: number | undefined } {
  const items: Entry[] = [];
  let more = false;
  for (const entry of entries.values()) {
    if (entry.seq <= afterSeq) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(entry);
  }
  return { items, lastSeq: more ? items.at(-1)?.seq : undefined };
}

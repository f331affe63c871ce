// The contract between spex's Cloud Control layer and everything above it (TUI hooks, headless
// commands). Only domain types cross it; nothing here imports @aws-sdk.
import type { AiAgentInfo } from '../domain/access/ai-agents.js';
import type { TrailRecord } from '../domain/access/history.js';
import type { DomainError } from '../domain/service/errors.js';
import type { HolderList, UserIndex } from '../domain/access/holders.js';
export type { ConnectUser, HolderList, UserIndex } from '../domain/access/holders.js';
import type { OperationKind, OperationOutcome, OperationStatusValue, RequestStatus } from '../domain/service/operations.js';

export type { OperationKind, OperationOutcome, OperationStatusValue, RequestStatus } from '../domain/service/operations.js';
import type {
  ConnectInstance,
  FlowModuleName,
  HierarchyGroup,
  ProfileSummary,
  SecurityProfile,
  SecurityProfileDraft,
} from '../domain/profile/security-profile.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/** A create/update/delete in flight: polled until it ends, reporting every status change. */
export interface TrackedOperation {
  readonly kind: OperationKind;
  /**
   * One per user action; reused when the same action is retried after a transport failure. A request
   * that ended FAILED with Throttling is retried as a new request, so this then reads the new token.
   */
  readonly clientToken: string;
  /** The latest status seen (undefined until the first response arrives). */
  current(): RequestStatus | undefined;
  /** Called on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: RequestStatus) => void): () => void;
  /** Settles when the request ends (or waiting is given up); never rejects. */
  readonly done: Promise<OperationOutcome>;
  /** Stop waiting (the request itself goes on; see cancelRequest). */
  detach(): void;
}

export interface OperationOptions extends CallOptions {
  /** Give up waiting after this long (the request goes on server-side). Default 5 minutes. */
  timeoutMs?: number;
  /** Reuse a client token, to retry the same action after a transport failure. */
  clientToken?: string;
  /** trackRequest: what the request is, when the caller knows (else the first poll tells). */
  kind?: OperationKind;
  /** deleteProfile: the profile as read, so one Cloud Control refuses is deleted through Connect. */
  current?: SecurityProfile;
}

export interface RequestFilter {
  operations?: OperationKind[];
  statuses?: OperationStatusValue[];
}

export type DetailEntry =
  | { status: 'loading' }
  | { status: 'loaded'; profile: SecurityProfile }
  | { status: 'error'; error: DomainError };

/**
 * Loads full profiles (GetResource) for many ARNs: cached by ARN, at most `concurrency` requests in
 * flight, what the user looks at first, never the same ARN twice while cached.
 */
export interface DetailLoader {
  get(arn: string): DetailEntry | undefined;
  /** The rows on screen: fetched before anything else, replacing the previous visible set. */
  setVisible(arns: readonly string[]): void;
  /** Queue in the background (after the visible ones), e.g. for a `perm:` filter. */
  prefetch(arns: readonly string[]): void;
  /** Fetch one now (or return the cached one). */
  load(arn: string, options?: CallOptions): Promise<SecurityProfile>;
  /** Drop a cache entry (after a mutation) so the next request fetches it again. */
  invalidate(arn: string): void;
  /** Store a profile just read elsewhere (the re-read after a save), so it is not fetched again. */
  prime(arn: string, profile: SecurityProfile): void;
  /** Called with the ARN whose entry changed; returns an unsubscribe function. */
  subscribe(listener: (arn: string) => void): () => void;
  stats(): { inFlight: number; queued: number; fetched: number; maxInFlight: number };
  /** Abort everything in flight and forget the queue. */
  dispose(): void;
  /**
   * True while the profile shown is a cached copy not yet confirmed by AWS (Cloud Control alone: no
   * summaries to check it against, so it is read again in the background).
   */
  isUnconfirmed?(arn: string): boolean;
}

/** Everything spex does in one region. */
export interface RegionService {
  readonly region: string;
  readonly readOnly: boolean;
  listInstances(options?: CallOptions): Promise<ConnectInstance[]>;
  listHierarchyGroups(instanceArn: string, options?: CallOptions): Promise<HierarchyGroup[]>;
  /** The instance's flow modules by name (Connect's ListContactFlowModules); undefined without the Connect API. */
  listFlowModules(instanceArn: string, options?: CallOptions): Promise<FlowModuleName[] | undefined>;
  /**
   * The instance's AI agents (Amazon Q in Connect) and the profiles each holds; undefined when spex may
   * not read them. Read once per instance and kept; `fresh` reads again (after a change).
   */
  listAiAgents(instanceArn: string, options?: CallOptions & { fresh?: boolean }): Promise<AiAgentInfo[] | undefined>;
  /** The recorded writes of a profile's history (CloudTrail LookupEvents, since `since` epoch ms), newest first. */
  lookupWrites(options?: CallOptions & { since?: number }): Promise<TrailRecord[]>;
  /** The versions of a profile spex has read (kept by LastModifiedTime), oldest first; none without the cache. */
  profileVersions(arn: string): SecurityProfile[];
  /** Who the caller is (STS GetCallerIdentity's ARN); undefined when STS cannot say. */
  callerArn(options?: CallOptions): Promise<string | undefined>;
  /** The profiles (ARNs) one AI agent holds now (ListEntitySecurityProfiles): a batch step's guard. */
  aiAgentProfileArns(instanceArn: string, agentArn: string, options?: CallOptions): Promise<string[]>;
  /** Gives an AI agent profiles, or takes them away (Connect's Associate/DisassociateSecurityProfiles). */
  changeAiAgentProfiles(instanceArn: string, agentArn: string, change: 'add' | 'remove', profileArns: readonly string[], options?: CallOptions): Promise<void>;
  /** Streams pages as they arrive, so the first rows can show before the last page. */
  listProfiles(instanceArn: string, options?: CallOptions): AsyncIterable<ProfileSummary[]>;
  getProfile(arn: string, options?: CallOptions): Promise<SecurityProfile>;
  createDetailLoader(options?: { concurrency?: number }): DetailLoader;
  createProfile(desired: SecurityProfileDraft, options?: OperationOptions): TrackedOperation;
  updateProfile(
    arn: string,
    before: SecurityProfile,
    after: SecurityProfileDraft,
    options?: OperationOptions,
  ): TrackedOperation;
  deleteProfile(arn: string, options?: OperationOptions): TrackedOperation;
  /** Polls an existing request (e.g. one reported by listRequests) until it ends. */
  trackRequest(requestToken: string, options?: OperationOptions): TrackedOperation;
  listRequests(filter?: RequestFilter, options?: CallOptions): Promise<RequestStatus[]>;
  cancelRequest(requestToken: string, options?: CallOptions): Promise<RequestStatus>;
  /**
   * Every user of an instance with their profiles: Connect's SearchUsers (500 a page), or, where it is
   * refused, AWS::Connect::User through Cloud Control (one read per user, with progress).
   */
  loadUsers(instanceArn: string, options?: UserLoadOptions & { allowSlow?: true }): Promise<UserIndex>;
  loadUsers(instanceArn: string, options: UserLoadOptions): Promise<UserIndex | undefined>;
  /** The holders of one profile, asked fresh (for the delete guard and `spex users`). */
  listHolders(profileArn: string, options?: UserLoadOptions): Promise<HolderList>;
  /** The ids of the security profiles a user holds now (Connect's DescribeUser). */
  userProfileIds(instanceArn: string, userId: string, options?: CallOptions): Promise<string[]>;
  /** A Connect user's login from its id (DescribeUser): null when there is no such user, undefined without the Connect API. */
  userLogin(instanceArn: string, userId: string, options?: CallOptions): Promise<string | null | undefined>;
  /** Replaces a user's whole set of security profiles (UpdateUserSecurityProfiles: 1–10 ids); refused in read-only mode. */
  setUserProfileIds(instanceArn: string, userId: string, profileIds: readonly string[], options?: CallOptions): Promise<void>;
  /**
   * Connect's "security profiles per instance" quota from Service Quotas, or undefined when it cannot
   * be read (access denied, no such service where pointed): callers then assume AWS's default, and say so.
   */
  profileQuota(options?: CallOptions): Promise<number | undefined>;
  /**
   * Whether a profile whose values Cloud Control's schema refuses is saved through the Connect API
   * (UpdateSecurityProfile, TagResource, UntagResource); false with --cloudcontrol-only or once Connect
   * refused spex. updateProfile takes that route by itself.
   */
  canSaveThroughConnect(): boolean;
  /**
   * When spex is paced (AWS's budgets), how long `remaining` profile reads take at the rate ("about 30 s
   * left at AWS's 2 requests/s"); undefined when not paced.
   */
  readonly timeLeft: (remaining: number) => string | undefined;
  /** The account id seen in the ARNs returned so far (undefined until one was seen). */
  account(): string | undefined;
}

export interface UserLoadOptions extends CallOptions {
  /** Told as users are read on the slow route: done of total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * false: only the cheap route (SearchUsers); where it is not available, resolve to undefined rather
   * than read every user through Cloud Control. Default true.
   */
  allowSlow?: boolean;
}

/**
 * A request the SDK is about to send again after a throttling or transient fault, so a caller can
 * show a short "slowed down" note while reads still succeed (see SpexOptions.onRetry).
 */
export interface RetryEvent {
  region: string;
  /** Why the last attempt failed: AWS asked to slow down, or a 5xx, timeout or dropped connection. */
  reason: 'throttled' | 'transient';
  /** The attempt about to be made, after the SDK's backoff (2 for the first retry). */
  attempt: number;
}

/** Builds region services over one set of credentials and one endpoint. */
export interface Spex {
  /** The region from flags, environment or AWS config (undefined when none is configured). */
  readonly defaultRegion: string | undefined;
  readonly readOnly: boolean;
  /** Where requests go: a custom endpoint URL, or undefined for AWS itself. */
  readonly endpoint: string | undefined;
  forRegion(region: string): RegionService;
  /** Lets go of a region's clients (a fleet scan found nothing there); its service makes them again when asked. */
  release?(region: string): void;
  /** Release sockets; abort anything in flight. */
  close(): void;
}

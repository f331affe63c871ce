// Faults for demos and tests: latency with a little jitter, a token-bucket throttle per account,
// random internal errors from a seeded generator (the same seed fails the same calls), and failures
// a test queues for the next calls of an operation.
import { ServiceError } from './errors.js';

export type InjectedFailure = { exception: string; message?: string } | { handlerErrorCode: string; message?: string };

export interface FaultSettings {
  latencyMs: number;
  throttleRps: number;
  failRate: number;
}

/** mulberry32: small, fast and good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private readonly failRandom: () => number;
  private readonly jitterRandom: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly queued = new Map<string, { remaining: number; failure: InjectedFailure }[]>();

  constructor(
    readonly settings: FaultSettings,
    seed: number,
    private readonly now: () => number,
  ) {
    // Two streams, so jitter draws never shift which calls fail.
    this.failRandom = seededRandom(seed);
    this.jitterRandom = seededRandom(seed ^ 0x5bd1e995);
  }

  /** Milliseconds to wait before answering: the latency ± 10%. */
  delay(): number {
    const base = this.settings.latencyMs;
    if (base <= 0) return 0;
    return Math.max(0, Math.round(base * (0.9 + 0.2 * this.jitterRandom())));
  }

  /** Throws ThrottlingException when the account's bucket is empty. Burst = one second of rate. */
  throttle(account: string): void {
    const rps = this.settings.throttleRps;
    if (!(rps > 0)) return;
    const now = this.now();
    const capacity = Math.max(1, rps);
    const bucket = this.buckets.get(account) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rps);
    bucket.at = now;
    this.buckets.set(account, bucket);
    if (bucket.tokens < 1) throw new ServiceError('ThrottlingException', 'Rate exceeded');
    bucket.tokens -= 1;
  }

  /** Throws ServiceInternalErrorException for a seeded share of the calls. */
  randomFailure(): void {
    if (!(this.settings.failRate > 0)) return;
    if (this.failRandom() < this.settings.failRate) {
      throw new ServiceError('ServiceInternalErrorException', 'Internal service error (injected by --fail-rate)');
    }
  }

  /**
   * A Connect call's fault for a seeded share of the calls (the same --fail-rate): a throttle or a 500
   * before anything is done, or the answer lost after the change is made (the connection dropped), a
   * third each. AWS documents all three for Connect (ThrottlingException 429, InternalServiceException
   * 500; a client must treat a lost answer as unknown).
   */
  connectFault(): 'throttle' | 'error' | 'drop' | undefined {
    if (!(this.settings.failRate > 0) || this.failRandom() >= this.settings.failRate) return undefined;
    const kind = this.failRandom();
    return kind < 1 / 3 ? 'throttle' : kind < 2 / 3 ? 'error' : 'drop';
  }

  failNext(operation: string, count: number, failure: InjectedFailure): void {
    // A count of 0 takes back what is still queued for the operation.
    if (count <= 0) {
      this.queued.delete(operation);
      return;
    }
    const list = this.queued.get(operation) ?? [];
    list.push({ remaining: count, failure });
    this.queued.set(operation, list);
  }

  /** The failure queued for this call of the operation, if any (consumed). */
  takeQueued(operation: string): InjectedFailure | undefined {
    const list = this.queued.get(operation);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    return head.failure;
  }

  resetBuckets(): void {
    this.buckets.clear();
  }
}

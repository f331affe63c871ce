// One set of token buckets per account and region (one Spex is one set of credentials, so per Spex
// and region), at AWS's default rates (domain/service/rate-limits.ts): every call spex makes waits here for
// the budgets it will spend, so spex itself never provokes throttling. `share` (--rate-share) leaves
// the rest of each budget to the account's other tools and people. Waiting is abortable: work for a
// screen the user left gives its place up.
import { API_RATES, type Rate } from '../domain/service/rate-limits.js';
import type { Sleep } from './tracked-operation.js';

interface Bucket {
  rate: Rate;
  tokens: number;
  at: number;
}

const MARGIN = 0.95;

/** What is left of each budget at a moment (epoch ms), to carry over to the next spex process. */
export type BudgetSnapshot = Record<string, { fraction: number; at: number }>;

export interface RateBudget {
  /** Waits until every named budget has a token, then spends them together. */
  take(apis: readonly string[], signal?: AbortSignal): Promise<void>;
  /** Requests a second of an API at this share. */
  rpsOf(api: string): number;
  readonly share: number;
  /** Calls that had to wait, and for how long in all (ms): for the benchmark. */
  stats(): { waited: number; waitedMs: number };
  /** What is left of each budget now (for the next process: AWS's buckets outlive this one). */
  snapshot(): BudgetSnapshot;
}

export function createRateBudget(options: { share: number; now: () => number; sleep: Sleep; carried?: BudgetSnapshot | undefined }): RateBudget {
  const { share, now, sleep } = options;
  const buckets = new Map<string, Bucket>();
  let waited = 0;
  let waitedMs = 0;
  // Callers of the same budgets wait in line (nobody overtakes a waiting call); calls of other budgets
  // (a status poll beside a queue of detail reads) do not wait behind them.
  const queues = new Map<string, Promise<void>>();

  const bucketOf = (api: string): Bucket | undefined => {
    const base = API_RATES[api];
    if (!base) return undefined;
    let b = buckets.get(api);
    if (!b) {
      // 5% below the rate: requests can reach AWS closer together than they left (network jitter).
      const rate = { rps: base.rps * share * MARGIN, burst: Math.max(1, Math.floor(base.burst * share)) };
      // A budget a previous spex spent from is where it left it, refilled since (AWS's buckets do not
      // start full because a new process does).
      const carried = options.carried?.[api];
      const t = now();
      b = carried && carried.at <= t ? { rate, tokens: carried.fraction * rate.burst, at: carried.at } : { rate, tokens: rate.burst, at: t };
      refill(b, t);
      buckets.set(api, b);
    }
    return b;
  };
  const refill = (b: Bucket, t: number): void => {
    b.tokens = Math.min(b.rate.burst, b.tokens + ((t - b.at) / 1000) * b.rate.rps);
    b.at = t;
  };

  const takeNow = async (apis: readonly string[], signal?: AbortSignal): Promise<void> => {
    const list = apis.map(bucketOf).filter((b): b is Bucket => b !== undefined);
    let first = true;
    for (;;) {
      const t = now();
      for (const b of list) refill(b, t);
      const waitMs = Math.max(0, ...list.map((b) => (b.tokens >= 1 ? 0 : ((1 - b.tokens) / b.rate.rps) * 1000)));
      if (waitMs <= 0) {
        for (const b of list) b.tokens -= 1;
        return;
      }
      if (first) waited += 1;
      first = false;
      waitedMs += waitMs;
      await sleep(Math.ceil(waitMs), signal);
    }
  };

  return {
    share,
    take(apis, signal) {
      const key = apis.join(',');
      const turn = (queues.get(key) ?? Promise.resolve()).then(() => takeNow(apis, signal));
      // The next caller waits for this one's turn, not for its success.
      queues.set(key, turn.catch(() => undefined));
      return turn;
    },
    rpsOf: (api) => (API_RATES[api]?.rps ?? 2) * share,
    snapshot() {
      const t = now();
      const out: BudgetSnapshot = {};
      for (const [api, b] of buckets) {
        refill(b, t);
        out[api] = { fraction: b.tokens / b.rate.burst, at: t };
      }
      return out;
    },
    stats: () => ({ waited, waitedMs }),
  };
}

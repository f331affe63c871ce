// A fleet whose accounts are still being found (an organisation's tree read page by page): the
// accounts so far, told a batch at a time, and when every one is known (or why the rest is missing).
export interface FleetGrowth {
  /** Settles when every account is known; rejects when the rest could not be read (the accounts found stay). */
  readonly done: Promise<void>;
  /** Whether `done` has settled. */
  complete(): boolean;
  /** Resolves once the fleet holds more than `known` accounts, or once `done` settles. */
  more(known: number): Promise<void>;
}

/** Accounts told a batch at a time (add), then the end (end, or fail with why the rest is missing). */
export function growingAccounts<A>(): { accounts: A[]; growth: FleetGrowth; add(batch: readonly A[]): void; end(): void; fail(error: unknown): void } {
  const accounts: A[] = [];
  let settled = false;
  let waiting: (() => void)[] = [];
  const wake = (): void => {
    const now = waiting;
    waiting = [];
    for (const resolve of now) resolve();
  };
  let finish!: () => void;
  let failWith!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    failWith = reject;
  });
  // A failure is read by whoever awaits `done` (the scan says it on a row): never an unhandled one.
  done.catch(() => undefined);
  const settle = (): void => {
    settled = true;
    wake();
  };
  return {
    accounts,
    growth: {
      done,
      complete: () => settled,
      more: (known) => (settled || accounts.length > known ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    },
    add(batch) {
      if (settled || batch.length === 0) return;
      accounts.push(...batch);
      wake();
    },
    end() {
      if (settled) return;
      finish();
      settle();
    },
    fail(error) {
      if (settled) return;
      failWith(error);
      settle();
    },
  };
}

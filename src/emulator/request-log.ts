// What the emulator keeps of the requests it answered (tests read it: which operations, in what
// order, with what body), bounded so a long run cannot exhaust the heap; and how many of each
// operation were in flight at once.
import type { RecordedRequest } from './types.js';

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

export class RequestLog {
  /** Oldest first; a test may empty it (clear). */
  readonly requests: RecordedRequest[] = [];
  /** Body bytes of each logged request (parallel to `requests`), and their sum. */
  private readonly sizes: number[] = [];
  private bytes = 0;

  record(entry: Omit<RecordedRequest, 'body' | 'typeName' | 'identifier'>, given: Record<string, unknown>): void {
    const { body, bytes } = loggedBody(given);
    // A test may have emptied the log: the sizes follow it.
    if (this.requests.length < this.sizes.length) this.clear();
    this.sizes.push(bytes);
    this.bytes += bytes;
    this.requests.push({
      ...entry,
      typeName: typeof body.TypeName === 'string' ? body.TypeName : undefined,
      identifier: typeof body.Identifier === 'string' ? body.Identifier : undefined,
      body,
    });
    let drop = this.requests.length > MAX_LOG ? this.requests.length - MAX_LOG / 2 : 0;
    let dropped = this.sizes.slice(0, drop).reduce((a, b) => a + b, 0);
    while (this.bytes - dropped > MAX_LOG_BYTES && drop < this.requests.length - 1) dropped += this.sizes[drop++]!;
    if (drop > 0) {
      this.requests.splice(0, drop);
      this.sizes.splice(0, drop);
      this.bytes -= dropped;
    }
  }

  clear(): void {
    this.requests.length = 0;
    this.sizes.length = 0;
    this.bytes = 0;
  }
}

/** Requests in flight per operation (and '*' for all), and the most seen at once since the last reset. */
export class Concurrency {
  private readonly inFlight = new Map<string, number>();
  private readonly maxSeen = new Map<string, number>();

  enter(op: string): void {
    for (const key of [op, '*']) {
      const n = (this.inFlight.get(key) ?? 0) + 1;
      this.inFlight.set(key, n);
      if (n > (this.maxSeen.get(key) ?? 0)) this.maxSeen.set(key, n);
    }
  }

  leave(op: string): void {
    for (const key of [op, '*']) this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
  }

  max(op?: string): number {
    return this.maxSeen.get(op ?? '*') ?? 0;
  }

  reset(): void {
    this.maxSeen.clear();
    for (const [key, n] of this.inFlight) this.maxSeen.set(key, n);
  }
}

// Summaries of timing samples and the result record each bench item hands back to bench/run.mjs.

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length === 0
      ? Number.NaN
      : sorted.length % 2 === 1
        ? (sorted[Math.floor(mid)] ?? Number.NaN)
        : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { n: sorted.length, median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, p95: percentile(sorted, 95) };
}

/** One row of the printed table. `spread` says which spread to print: the range or the p95. */
export interface Metric {
  name: string;
  unit: 'ms' | 's' | 'MB' | 'calls' | 'x' | 'count' | 'B';
  summary: Summary;
  spread: 'range' | 'p95';
  /** The target as text, e.g. "≤ 150 ms". */
  target?: string;
  /** true/false when the metric has a target; undefined when it is context only. */
  pass?: boolean;
  note?: string;
}

export interface ItemResult {
  id: string;
  title: string;
  status: 'ok' | 'skipped' | 'unavailable' | 'error';
  metrics: Metric[];
  notes: string[];
  /** Extra numbers for results.json (request counts, sizes, settings). */
  details?: Record<string, unknown>;
}

/** A metric from a single observed value (counts, peaks). */
export function single(value: number): Summary {
  return { n: 1, median: value, min: value, max: value, p95: value };
}

export function metric(
  name: string,
  unit: Metric['unit'],
  samples: readonly number[] | Summary,
  options: { spread?: Metric['spread']; target?: string; pass?: (s: Summary) => boolean; note?: string | undefined } = {},
): Metric {
  const summary = Array.isArray(samples) ? summarize(samples as readonly number[]) : (samples as Summary);
  const m: Metric = { name, unit, summary, spread: options.spread ?? 'range' };
  if (options.target !== undefined) m.target = options.target;
  if (options.pass !== undefined) m.pass = options.pass(summary);
  if (options.note !== undefined) m.note = options.note;
  return m;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Polls a condition on the event loop (no fixed sleeps); throws with the description on timeout. */
export async function waitUntil(predicate: () => boolean, description: string, timeoutMs: number, describeState?: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${describeState ? `\n${describeState()}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

// The one batch engine: every multi-step write (promote, moving and assigning users) is a journal of
// steps, written to the state directory before each step is sent and after it ends, so a run that is
// stopped (Ctrl-C, a crash, kill -9) resumes with the same command and applies nothing twice. Each step
// is sent by the batch's own `execute`, which guards it (Cloud Control's client token, or a fresh read
// of what the step changes); calls wait on the account's rate budgets inside the service layer, so the
// pace is AWS's. Steps in one lane run one after another, lanes in parallel (a promotion's targets).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type StepStatus = 'pending' | 'sent' | 'done' | 'failed';

export interface JournalStep {
  status: StepStatus;
  error?: string;
}

export interface Journal<S extends JournalStep> {
  readonly kind: string;
  readonly id: string;
  readonly createdAt: string;
  steps: S[];
}

/** Outcomes after which a write may still apply: the step stays "sent" and the next run sends it again (guarded, or with its client token). */
export const MAY_STILL_APPLY: ReadonlySet<string> = new Set(['timeout', 'network', 'cancelled']);

/** How a step ended: done; refused or failed (final); or unknown (it may still apply: sent again on resume). */
export type StepResult = { status: 'done' } | { status: 'failed'; error: string } | { status: 'unknown'; error: string };

export interface RunOptions<S extends JournalStep> {
  /** Where the journal is kept; none: not kept (tests, a dry run). */
  readonly dir: string | undefined;
  readonly execute: (step: S) => Promise<StepResult>;
  /** Steps of one lane run in order; lanes run at once. Default: one lane. */
  readonly laneOf?: (step: S) => string;
  /** A step changed status (after the journal was written). */
  readonly onStep?: (step: S) => void;
  /** Stops after the step in flight; what is left stays in the journal for the next run. */
  readonly signal?: AbortSignal;
}

/** Written atomically (a temporary file renamed over it), readable by its owner only. */
export function saveJournal(dir: string, journal: Journal<JournalStep>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${journal.id}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function removeJournal(dir: string, id: string): void {
  rmSync(join(dir, `${id}.json`), { force: true });
}

/** Whether steps are left to send (or to confirm). */
export function isUnfinished(journal: Pick<Journal<JournalStep>, 'steps'>): boolean {
  return journal.steps.some((s) => s.status === 'pending' || s.status === 'sent');
}

/** The unfinished journals of a kind in a directory, oldest first; files spex cannot read are left alone. */
export function unfinishedJournals<J extends Journal<JournalStep>>(dir: string, kind: string): J[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: J[] = [];
  for (const name of names) {
    try {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8')) as J;
      if (value.kind === kind && Array.isArray(value.steps) && isUnfinished(value)) out.push(value);
    } catch {
      // Not a journal spex can read: left alone.
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Runs every step not yet done or failed; the journal is written around each step and removed when none is left. */
export async function runJournal<S extends JournalStep>(journal: Journal<S>, options: RunOptions<S>): Promise<S[]> {
  const save = (): void => {
    if (options.dir !== undefined) saveJournal(options.dir, journal);
  };
  save();
  const lanes = new Map<string, S[]>();
  for (const step of journal.steps) {
    const lane = options.laneOf?.(step) ?? '';
    lanes.set(lane, [...(lanes.get(lane) ?? []), step]);
  }
  await Promise.all(
    [...lanes.values()].map(async (steps) => {
      for (const step of steps) {
        if (step.status === 'done' || step.status === 'failed') continue;
        if (options.signal?.aborted === true) return;
        step.status = 'sent';
        save();
        options.onStep?.(step);
        let result: StepResult;
        try {
          result = await options.execute(step);
        } catch (error) {
          result = { status: 'unknown', error: error instanceof Error ? error.message : String(error) };
        }
        if (result.status === 'done') {
          step.status = 'done';
          delete step.error;
        } else {
          // Unknown: it may still apply, so it stays "sent" and the next run guards and sends it again.
          if (result.status === 'failed') step.status = 'failed';
          step.error = result.error;
        }
        save();
        options.onStep?.(step);
      }
    }),
  );
  if (options.dir !== undefined && !isUnfinished(journal)) removeJournal(options.dir, journal.id);
  return journal.steps;
}

// Reading an instance's profiles in full, for whatever needs every detail (lint, export, plan,
// drift, promote): listed, then each detail through one loader (the service's concurrency, within
// AWS's budgets). Progress and warnings go where the caller says: stderr for a command, a column's
// counter for the TUI, nowhere by default.
import type { RegionService } from '../aws/types.js';
import { SpexError } from '../domain/service/errors.js';
import type { ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import { counted } from '../domain/text/format.js';

export interface ProgressReport {
  step(): void;
  done(): void;
}

export interface ReadOptions {
  /** A progress report for `total` reads of `what` (a command's line on stderr). */
  progress?: (what: string, total: number, timeLeft: (remaining: number) => string | undefined) => ProgressReport;
  /** A warning a person should see. */
  warn?: (line: string) => void;
  /** Told after each detail (and once at the start): how many of how many. */
  onProgress?: (done: number, total: number) => void;
  what?: string;
  /** Only the profiles of these names (their details alone are read, once their names are known). */
  names?: readonly string[];
}

const SILENT: ProgressReport = { step() {}, done() {} };

/** Reads the details of `rows`; `each` is told every profile read. Returns how many failed. */
export async function readDetails(service: RegionService, rows: readonly ProfileSummary[], what: string, options: ReadOptions, each: (row: ProfileSummary, profile: SecurityProfile) => void): Promise<number> {
  const loader = service.createDetailLoader();
  const shown = options.progress?.(what, rows.length, (n) => service.timeLeft(n)) ?? SILENT;
  let done = 0;
  const step = (): void => {
    done += 1;
    shown.step();
    options.onProgress?.(done, rows.length);
  };
  options.onProgress?.(0, rows.length);
  let failed = 0;
  try {
    await Promise.all(
      rows.map((row) =>
        loader.load(row.arn).then(
          (profile) => {
            each(row, profile);
            step();
          },
          () => {
            failed += 1;
            step();
          },
        ),
      ),
    );
  } finally {
    loader.dispose();
    shown.done();
  }
  return failed;
}

/** Every profile of an instance (or those of `names`) in full; a profile that cannot be read stops it. */
export async function readProfiles(service: RegionService, instanceArn: string, options: ReadOptions = {}): Promise<SecurityProfile[]> {
  let rows: ProfileSummary[] = [];
  for await (const page of service.listProfiles(instanceArn)) rows.push(...page);
  const names = options.names !== undefined && options.names.length > 0 ? options.names : undefined;
  // Only the profiles asked for: names first (a list may give ARNs only), then just their details.
  // A detail read for its name is kept, never read twice.
  const profiles: SecurityProfile[] = [];
  const kept = new Set<string>();
  if (names !== undefined) {
    rows = (
      await namesOf(service, rows, options, (arn, profile) => {
        if (!names.includes(profile.SecurityProfileName)) return;
        kept.add(arn);
        profiles.push(profile);
      })
    ).filter((r) => r.name === undefined || names.includes(r.name));
  }
  const failed = await readDetails(service, rows.filter((r) => !kept.has(r.arn)), options.what ?? 'details', options, (_row, p) => profiles.push(p));
  if (failed > 0) throw new SpexError({ kind: 'service', message: `${failed} of ${counted(rows.length, 'profile')} could not be read; nothing is reported from part of an instance.` });
  return names !== undefined ? profiles.filter((p) => names.includes(p.SecurityProfileName)) : profiles;
}

/**
 * Fills in the names a list left out: a list item may carry the ARN alone (real-aws-notes
 * "Listing"), so each missing name costs a GetResource, at the service's capped concurrency.
 */
export async function namesOf(service: RegionService, rows: ProfileSummary[], options: ReadOptions = {}, each?: (arn: string, profile: SecurityProfile) => void): Promise<ProfileSummary[]> {
  const missing = rows.filter((r) => r.name === undefined);
  if (missing.length === 0) return rows;
  const named = new Map<string, ProfileSummary>();
  const { onProgress: _counted, ...quiet } = options;
  const failed = await readDetails(service, missing, 'names (the list gave ARNs only; one GetResource each)', quiet, (row, profile) => {
    named.set(row.arn, { ...row, name: profile.SecurityProfileName, ...(profile.LastModifiedTime !== undefined ? { lastModifiedTime: profile.LastModifiedTime } : {}) });
    each?.(row.arn, profile);
  });
  if (failed > 0) options.warn?.(`spex: warning: ${failed} of ${missing.length} names could not be read; those rows show no name.`);
  return rows.map((r) => named.get(r.arn) ?? r);
}

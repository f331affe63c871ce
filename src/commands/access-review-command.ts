// `spex access-review --instance I [--format csv,xlsx,json,html] [--out DIR]`: the report auditors ask
// for (domain/access/access-review.ts), written to a folder with a manifest of each file's SHA-256 so the
// evidence is tamper-evident; and `spex access-review --diff OLD NEW`: who gained or lost what between two.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RegionService } from '../aws/types.js';
import { ACCESS_REVIEW_KIND, type AccessReview, mergeReviews, reviewDiff } from '../domain/access/access-review.js';
import { pool, scanFleet } from '../fleet/fleet.js';
import { serviceOf } from '../fleet/read.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { SpexError } from '../domain/service/errors.js';
import { defaultReviewDir, REVIEW_FORMATS, type ReviewFormat, reviewDirIssue, takeAccessReview, writeAccessReview } from '../fleet/access-review.js';
import { EXIT_OK, UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { onStderr, resolveInstance } from './resolve.js';

const FORMATS = REVIEW_FORMATS;
/** Exit 2 from --diff: someone gained or lost something (as drift's drift). */
const EXIT_CHANGES = 2;

function formatsOf(ctx: CommandContext): ReviewFormat[] {
  const given = str(ctx.values, 'format');
  if (given === undefined) return [...FORMATS];
  const asked = given.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f !== '');
  const bad = asked.find((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad !== undefined || asked.length === 0) throw new UsageError(`--format for access-review takes ${FORMATS.join(', ')} (comma-separated), got '${sanitizeLine(given)}'`);
  return [...new Set(asked)] as ReviewFormat[];
}

export async function accessReviewCommand(ctx: CommandContext): Promise<number> {
  if (ctx.values.diff === true) return diffCommand(ctx);
  const formats = formatsOf(ctx);
  const out = str(ctx.values, 'out');
  const early = out === undefined ? undefined : reviewDirIssue(out);
  if (early !== undefined) throw new UsageError(`--out: ${early}`);
  const targets = await instancesToReview(ctx);
  // A few instances at a time: each service paces its own account's calls.
  const reviews: AccessReview[] = [];
  await pool([...targets.entries()], 4, async ([i, t]) => {
    const what = targets.length > 1 ? `details of ${t.label} (for the access review)` : 'details (for the access review)';
    reviews[i] = await takeAccessReview(t.service, t.arn, { ...onStderr(ctx.io), what });
  });
  const review = mergeReviews(reviews);
  const dir = out ?? defaultReviewDir(review);
  const files = await writeAccessReview(review, dir, formats);
  const people = review.holders.filter((h) => h.kind === 'user').length;
  for (const note of review.notes) ctx.io.stderr.write(`spex: note: ${sanitizeLine(note)}\n`);
  const where = review.instances.length > 1 ? `${review.instances.length} instances` : (review.instances[0]?.alias ?? review.instances[0]?.arn ?? '');
  await write(ctx.io, ctx.output, { dir, takenAt: review.takenAt, takenBy: review.takenBy ?? null, files }, () =>
    `Access review of ${sanitizeLine(where)} written to ${dir}: ${people} users, ${review.holders.length - people} AI agents, ${review.profiles.length} profiles, ${review.findings.length} findings.\n` +
    files.map((f) => `  ${f.file}  sha256 ${f.sha256}\n`).join('') +
    `  manifest.json and SHA256SUMS hold each file's SHA-256 (in the folder, sha256sum -c SHA256SUMS checks all ${files.length}).\n`,
  );
  return EXIT_OK;
}

/**
 * The instances to review: `--instance I` (or several, `--instance a,b`) of the account and region, or
 * with `--all-instances` every ACTIVE instance of the fleet (`--fleet NAME`, `--profile a,b`,
 * `--all-profiles`; else the one account, in the regions of `--region a,b`).
 */
async function instancesToReview(ctx: CommandContext): Promise<{ service: RegionService; arn: string; label: string }[]> {
  if (ctx.values['all-instances'] === true) {
    const fleet = await ctx.fleet();
    const rows = await scanFleet(fleet, { countProfiles: false });
    for (const row of rows.filter((r) => r.error)) ctx.io.stderr.write(`spex: ${sanitizeLine(row.profile)}${row.region ? ` ${row.region}` : ''}: ${sanitizeLine(row.error!.message)} (not in the review)\n`);
    const active = rows.filter((r) => r.instance !== undefined && (r.instance.status === undefined || r.instance.status === 'ACTIVE'));
    if (active.length === 0) throw new SpexError({ kind: 'not-found', message: 'no ACTIVE instance in the fleet to review (spex fleet lists them)' });
    return active.map((r) => ({ service: serviceOf(fleet, r), arn: r.instance!.arn, label: sanitizeLine(r.instance!.alias ?? r.instance!.arn) }));
  }
  const service = await ctx.service();
  const refs = (str(ctx.values, 'instance') ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const arns = await Promise.all((refs.length === 0 ? [undefined] : refs).map((ref) => resolveInstance(service, ref)));
  return [...new Set(arns)].map((arn) => ({ service, arn, label: arn.split('/').pop() ?? arn }));
}

/** A review as written: its JSON file, or the folder holding access-review.json. */
function readReview(path: string): AccessReview {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'access-review.json') : path;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpexError({ kind: 'validation', message: `${sanitizeLine(file)}: not an access review's JSON (${sanitizeLine((error as Error).message)}); write one with --format json` });
  }
  const review = value as Partial<AccessReview> | null;
  if (review === null || typeof review !== 'object' || review.kind !== ACCESS_REVIEW_KIND || !Array.isArray(review.holders)) {
    throw new SpexError({ kind: 'validation', message: `${sanitizeLine(file)}: not an access review (kind must be ${ACCESS_REVIEW_KIND})` });
  }
  return review as AccessReview;
}

async function diffCommand(ctx: CommandContext): Promise<number> {
  const [oldPath, newPath] = ctx.positionals;
  if (oldPath === undefined || newPath === undefined) throw new UsageError('access-review --diff needs two reviews: OLD NEW (each a review\'s folder or its access-review.json)');
  const [before, after] = [readReview(oldPath), readReview(newPath)];
  const changes = reviewDiff(before, after);
  await write(ctx.io, ctx.output, { from: before.takenAt, to: after.takenAt, changes }, (t) =>
    changes.length === 0
      ? `Nobody gained or lost anything between ${before.takenAt} and ${after.takenAt}.\n`
      : `${t.renderTable(changes, [
          { header: 'WHO', value: (c) => c.who },
          { header: 'KIND', value: (c) => c.kind },
          { header: 'CHANGE', value: (c) => c.change },
          { header: 'WHAT', value: (c) => c.what, max: 100 },
        ])}${changes.length} change${changes.length === 1 ? '' : 's'} between ${before.takenAt} and ${after.takenAt}.\n`,
  );
  return changes.length === 0 ? EXIT_OK : EXIT_CHANGES;
}

// `spex revert <profile> --instance I [--to TIME] [--dry-run] [--yes]`: a profile back to a version spex
// read before (kept by LastModifiedTime in the cache, cache/versions.ts). Without --to, the versions
// known, each with what differs from now. With --to, a normal guarded plan: the change in the console's
// words, whom it reaches, one question, then the update on the batch engine (a stable client token, so a
// second run sends nothing twice) and the profile read again. Never a blind overwrite: the update is
// guarded by the profile as read just now.
import { createHash } from 'node:crypto';
import { isHeld } from '../domain/access/holders.js';
import type { PlanStep } from '../domain/as-code/profiles-plan.js';
import { describeChanges } from '../domain/profile/profile-diff.js';
import { permissionLabel } from '../domain/permissions/permissions.js';
import { type SecurityProfile, versionAsDraft } from '../domain/profile/security-profile.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { runJournal } from '../fleet/journal.js';
import { applyBatch, sendPlanStep } from '../fleet/plan-step.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { confirmYes } from './ask.js';
import { type CommandContext, str } from './context.js';
import { waitForOperation } from './progress.js';
import { write } from './output.js';
import { resolveProfileRef } from './resolve.js';

const EXIT_CHANGES = 2;

const isoOf = (v: SecurityProfile): string => new Date((v.LastModifiedTime ?? 0) * 1000).toISOString();

/** TIME as the versions list shows it (2026-12-06 14:02:07 UTC), ISO 8601, or epoch seconds. */
function timeOf(text: string): number {
  const t = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text.replace(' UTC', 'Z').replace(' ', 'T'));
  if (!Number.isFinite(t)) throw new UsageError(`--to must be a time (as spex revert lists them, ISO 8601, or epoch seconds), got '${sanitizeLine(text)}'`);
  return t / 1000;
}

/** The kept version closest to TIME, within a second (the list gives each to the millisecond). */
function versionAt(ctx: CommandContext, current: SecurityProfile, versions: readonly SecurityProfile[], to: string): SecurityProfile {
  const wanted = timeOf(to);
  const version = [...versions].filter((v) => v.LastModifiedTime !== undefined && Math.abs(v.LastModifiedTime - wanted) < 1).sort((a, b) => Math.abs(a.LastModifiedTime! - wanted) - Math.abs(b.LastModifiedTime! - wanted))[0];
  if (version === undefined) {
    throw new SpexError({ kind: 'not-found', message: `No version of “${sanitizeLine(current.SecurityProfileName)}” from ${sanitizeLine(to)} is known (spex keeps the versions it has read; spex versions ${sanitizeLine(ctx.positionals[0] ?? '')} --instance … lists them)` });
  }
  return version;
}

/** The profile as read now and the versions kept of it. */
async function readVersions(ctx: CommandContext) {
  const service = await ctx.service();
  const { arn } = await resolveProfileRef(service, ctx.io, ctx.positionals[0], str(ctx.values, 'instance'));
  const current = await service.getProfile(arn);
  return { service, arn, current, versions: service.profileVersions(arn) };
}

/**
 * `spex versions <profile> [TIME [TIME2]]`: the versions spex keeps; with TIME, that version side by side
 * with the profile now (or with the version of TIME2), in the console's words.
 */
export async function versionsCommand(ctx: CommandContext): Promise<number> {
  const { current, versions } = await readVersions(ctx);
  const [, from, to] = ctx.positionals;
  if (from === undefined) return listVersions(ctx, current, versions);
  const left = versionAt(ctx, current, versions, from);
  const right = to === undefined ? current : versionAt(ctx, current, versions, to);
  const [l, r] = [isoOf(left).replace(/\.\d+Z$/, 'Z'), to === undefined ? 'now' : isoOf(right).replace(/\.\d+Z$/, 'Z')];
  const [a, b] = [new Set(left.Permissions ?? []), new Set(right.Permissions ?? [])];
  const rows = [...new Set([...a, ...b])].filter((p) => a.has(p) !== b.has(p)).sort().map((p) => ({ permission: permissionLabel(p), api: p, left: a.has(p), right: b.has(p) }));
  const others = describeChanges(left, versionAsDraft(right, left)).filter((c) => c.property !== 'Permissions').map((c) => c.label);
  await write(ctx.io, ctx.output, { profile: current.SecurityProfileArn, left: l, right: r, permissions: rows, otherFields: others }, (t) =>
    `“${sanitizeLine(current.SecurityProfileName)}”: ${l} ↔ ${r}, differences only\n` +
    (rows.length === 0 ? 'The permissions are the same.\n' : t.renderTable(rows, [
      { header: 'PERMISSION', value: (x) => x.permission, max: 60 },
      { header: 'API NAME', value: (x) => x.api },
      { header: l, value: (x) => (x.left ? '✓ yes' : '✗ no') },
      { header: r, value: (x) => (x.right ? '✓ yes' : '✗ no') },
    ])) +
    (others.length === 0 ? 'No other field differs.\n' : `Other fields, from ${l} to ${r}:\n${others.map((o) => `  ${o}\n`).join('')}`),
  );
  return EXIT_OK;
}

export async function revertCommand(ctx: CommandContext): Promise<number> {
  const { service, arn, current, versions } = await readVersions(ctx);
  const to = str(ctx.values, 'to');
  if (to === undefined) return listVersions(ctx, current, versions);
  const version = versionAt(ctx, current, versions, to);
  const after = versionAsDraft(version, current);
  const changes = describeChanges(current, after).map((c) => c.label);
  const when = isoOf(version);
  if (changes.length === 0) {
    ctx.io.stdout.write(`“${sanitizeLine(current.SecurityProfileName)}” is already as it was at ${when}: nothing to send.\n`);
    return EXIT_OK;
  }
  const holders = await service.listHolders(arn).catch(() => undefined);
  const reach = holders === undefined ? 'whom it reaches is unknown' : isHeld(holders) ? `it reaches ${holders.holders.length} user${holders.holders.length === 1 ? '' : 's'}${holders.agents?.length ? ` and ${holders.agents.length} AI agent${holders.agents.length === 1 ? '' : 's'}` : ''}` : 'nobody holds it';
  ctx.io.stdout.write(`Revert “${sanitizeLine(current.SecurityProfileName)}” to its version of ${when} (${reach}):\n${changes.map((c) => `  ${c}\n`).join('')}`);
  if (ctx.values['dry-run'] === true) return EXIT_CHANGES;
  await ctx.confirmProduction(service, current.InstanceArn);
  if (!(await confirmYes(ctx, `Send this update? Type yes: `, 'revert'))) {
    ctx.io.stderr.write('Not reverted; nothing was sent.\n');
    return EXIT_FAILURE;
  }
  const step: PlanStep = { action: 'update', name: current.SecurityProfileName, arn, changes, request: {}, before: current, after };
  const token = `spex-${createHash('sha256').update(JSON.stringify(['revert', arn, version.LastModifiedTime, current.LastModifiedTime])).digest('hex').slice(0, 40)}`;
  let failure: string | undefined;
  // On the batch engine, as apply's steps are; the token fixed by what is reverted from and to.
  await runJournal(applyBatch(current.InstanceArn, [step]), {
    dir: undefined,
    execute: async ({ step: s }) => {
      try {
        await waitForOperation(ctx.io, sendPlanStep(service, s, token));
        return { status: 'done' };
      } catch (error) {
        failure = error instanceof SpexError ? error.error.message : (error as Error).message;
        return { status: 'failed', error: failure };
      }
    },
  });
  if (failure !== undefined) {
    ctx.io.stderr.write(`spex: not reverted: ${sanitizeLine(failure)}\n`);
    return EXIT_FAILURE;
  }
  const again = await service.getProfile(arn);
  const left = describeChanges(again, after);
  ctx.io.stdout.write(left.length === 0 ? `Reverted: read again, it is as it was at ${when}.\n` : `Sent, but read again it still differs: ${left.map((c) => c.label).join('; ')}\n`);
  return left.length === 0 ? EXIT_OK : EXIT_FAILURE;
}

async function listVersions(ctx: CommandContext, current: SecurityProfile, versions: readonly SecurityProfile[]): Promise<number> {
  const rows = [...versions].reverse().map((v) => ({
    time: isoOf(v),
    permissions: v.Permissions?.length ?? 0,
    differs: describeChanges(current, versionAsDraft(v, current)).map((c) => c.label),
  }));
  await write(ctx.io, ctx.output, { profile: current.SecurityProfileArn, versions: rows }, (t) =>
    rows.length === 0
      ? 'spex has kept no version of it yet (it keeps each version it reads, in its cache; --no-cache keeps none).\n'
      : `${t.renderTable(rows, [
          { header: 'VERSION (LAST MODIFIED)', value: (r) => r.time },
          { header: 'PERMISSIONS', value: (r) => r.permissions },
          { header: 'FROM NOW, GOING BACK WOULD', value: (r) => (r.differs.length === 0 ? '(as it is now)' : r.differs.join('; ')), max: 100 },
        ])}spex revert … --to "TIME" plans going back to one (reviewed first; --dry-run shows it only).\n`,
  );
  return EXIT_OK;
}

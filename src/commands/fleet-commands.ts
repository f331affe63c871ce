// `spex fleet`: every account × region × instance of the fleet (commands/context.ts fleet()), with
// alias, status and profile count. A failing account or region has its own row and makes the exit
// status 1; the rest are listed all the same.
import { sanitizeLine } from '../domain/text/sanitize.js';
import { EXIT_FAILURE, EXIT_OK } from '../io.js';
import { type FleetRow, scanFleet } from '../fleet/fleet.js';
import { scanProgressText } from '../domain/fleet/fleet-row.js';
import type { CommandContext } from './context.js';
import { write } from './output.js';

/** One entry per instance (or per failure) for scripts. */
export function fleetEntry(row: FleetRow): Record<string, unknown> {
  if (row.instance === undefined) {
    return { profile: row.profile, accountId: row.accountId ?? null, ...(row.unit !== undefined ? { unit: row.unit } : {}), region: row.region ?? null, error: { kind: row.error?.kind, message: row.error?.message } };
  }
  return {
    accountId: row.accountId ?? null,
    profile: row.profile,
    ...(row.unit !== undefined ? { unit: row.unit } : {}),
    region: row.region,
    arn: row.instance.arn,
    alias: row.instance.alias ?? null,
    status: row.instance.status ?? null,
    profileCount: row.profileCount ?? null,
    production: row.production,
    ...(row.countError ? { countError: row.countError.message } : {}),
  };
}

export async function fleetCommand(ctx: CommandContext): Promise<number> {
  const fleet = await ctx.fleet();
  // On a terminal, how far the scan is ("143 of 200 accounts, 3 failed"), redrawn in place.
  const tty = ctx.io.stderr.isTTY === true && fleet.accounts.length > 1;
  const rows = await scanFleet(fleet, tty ? { onAccount: (_, p) => ctx.io.stderr.write(`\r\x1b[Kspex: ${scanProgressText(p)}`) } : {});
  if (tty) ctx.io.stderr.write('\n');
  const units = rows.some((r) => r.unit !== undefined);
  await write(ctx.io, ctx.output, rows.map(fleetEntry), (t) =>
    rows.length === 0
      ? `No Amazon Connect instances in ${fleet.accounts.length} account${fleet.accounts.length === 1 ? '' : 's'}.\n`
      : t.renderTable<FleetRow>(rows, [
          { header: 'AWS PROFILE', value: (r) => `${r.profile}${r.production ? ' [PROD]' : ''}` },
          { header: 'ACCOUNT', value: (r) => r.accountId },
          ...(units ? [{ header: 'OU', value: (r: FleetRow) => r.unit }] : []),
          { header: 'REGION', value: (r) => r.region ?? '(all)' },
          { header: 'INSTANCE', value: (r) => r.instance?.alias ?? r.instance?.id },
          { header: 'STATUS', value: (r) => (r.error ? `error: ${r.error.message}` : r.instance?.status), max: 100 },
          { header: 'PROFILES', value: (r) => (r.countError ? 'error' : r.profileCount) },
        ]),
  );
  const failed = rows.filter((r) => r.error !== undefined);
  for (const row of failed) ctx.io.stderr.write(`spex: ${sanitizeLine(row.profile)}${row.region ? ` ${row.region}` : ''}: ${sanitizeLine(row.error!.message)}\n`);
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

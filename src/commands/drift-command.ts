// `spex drift`: the fleet's profiles (matched by name) × its ACTIVE instances, each cell compared with
// the baseline instance (`--baseline profile:alias`, default the first): `=`, `≠N`, `–`, `+`. Exit 0
// when nothing drifts, 2 when something does (as `spex plan`), 1 on errors. `--output json` lists every
// cell with its differences in console words.
import { cellText, type DriftColumn, driftCount, DRIFT_LEGEND, driftMatrix, type DriftMatrix, rowSummary, rowSummaryText } from '../domain/fleet/drift.js';
import { SpexError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { type FleetRow, findFleetInstance, instanceKey, scanFleet } from '../fleet/fleet.js';
import { readFleetColumns, readSide } from '../fleet/read.js';
import type { CommandContext } from './context.js';
import { list, str } from './context.js';
import { EXIT_CHANGES } from './as-code.js';
import { write } from './output.js';
import { onStderr } from './resolve.js';
import { counted } from '../domain/text/format.js';

/** Instances past which the table gives each profile's summary rather than a cell per instance. */
const WIDE = 8;

/** The instances where a profile differs or is missing, the first few by name. */
function whereItDrifts(matrix: DriftMatrix, columns: readonly DriftColumn[], row: number): string {
  const keys = (matrix.cells[row] ?? []).flatMap((cell, i) => (i !== matrix.baseline && (cell.state === 'differs' || cell.state === 'missing') ? [`${columns[i]!.key} ${cellText(cell)}`] : []));
  return keys.length <= 4 ? keys.join(', ') : `${keys.slice(0, 4).join(', ')} and ${keys.length - 4} more (--output json lists all)`;
}

export function driftJson(matrix: DriftMatrix, columns: readonly DriftColumn[], rows: readonly FleetRow[]): Record<string, unknown> {
  return {
    baseline: columns[matrix.baseline]?.key,
    instances: rows.map((r, i) => ({ key: columns[i]?.key, profile: r.profile, accountId: r.accountId ?? null, region: r.region, arn: r.instance?.arn, alias: r.instance?.alias ?? null, ...(columns[i]?.error ? { error: columns[i].error } : {}) })),
    profiles: matrix.names.map((name, n) => ({
      name,
      summary: rowSummary(matrix, n),
      cells: Object.fromEntries(
        matrix.cells[n]!.map((cell, i) => [columns[i]!.key, cell.state === 'differs' ? { state: cell.state, count: cell.count, changes: cell.changes.map((c) => c.label) } : { state: cell.state }]),
      ),
    })),
    drifting: driftCount(matrix),
  };
}

export async function driftCommand(ctx: CommandContext): Promise<number> {
  const fleet = await ctx.fleet();
  const scanned = await scanFleet(fleet, { countProfiles: false });
  for (const row of scanned.filter((r) => r.error)) ctx.io.stderr.write(`spex: ${sanitizeLine(row.profile)}${row.region ? ` ${row.region}` : ''}: ${sanitizeLine(row.error!.message)}\n`);
  const rows = scanned.filter((r) => r.instance !== undefined && (r.instance.status === undefined || r.instance.status === 'ACTIVE'));
  if (rows.length < 2) throw new SpexError({ kind: 'not-found', message: `drift needs two instances or more; the fleet has ${rows.length} ACTIVE (spex fleet lists them)` });
  const ref = str(ctx.values, 'baseline');
  let baseline = 0;
  if (ref !== undefined) {
    const found = findFleetInstance(rows, ref);
    if (found.problem !== undefined) throw new UsageError(`--baseline ${found.problem}`);
    baseline = rows.indexOf(found.row);
  }
  const names = list(ctx.values, 'profile-name');
  const columns = await readFleetColumns(fleet, rows, instanceKey, (service, row, onProgress) => readSide(service, row.instance!.arn, { ...onStderr(ctx.io), what: `${instanceKey(row)} details`, names, onProgress }));
  const matrix = driftMatrix(columns, baseline, names);
  await write(ctx.io, ctx.output, driftJson(matrix, columns, rows), (t) => {
    // Past a few instances a row of cells cannot be read: each profile at a glance, then where it drifts.
    const wide = columns.length > WIDE;
    const table = wide ? t.renderTable(
      matrix.names.map((name, n) => ({ name, n })),
      [
        { header: 'PROFILE', value: (r: { name: string }) => r.name },
        { header: `ACROSS ${columns.length - 1} INSTANCES (BASELINE ${columns[baseline]!.key})`, value: (r: { n: number }) => rowSummaryText(rowSummary(matrix, r.n)) },
        { header: 'WHERE IT DRIFTS', value: (r: { n: number }) => whereItDrifts(matrix, columns, r.n), max: 80 },
      ],
    ) : t.renderTable(
      matrix.names.map((name, n) => ({ name, cells: matrix.cells[n]! })),
      // The baseline first, then the others in fleet order.
      [{ header: 'PROFILE', value: (r: { name: string }) => r.name }, ...[baseline, ...columns.keys()].filter((i, n, all) => all.indexOf(i) === n).map((i) => ({ header: `${columns[i]!.key}${i === baseline ? ' (baseline)' : ''}`, value: (r: { cells: DriftMatrix['cells'][number] }) => cellText(r.cells[i]!) }))],
    );
    return `${table}${DRIFT_LEGEND}\n${driftCount(matrix)} of ${counted(matrix.names.length, 'profile')} drift from ${columns[baseline]!.key}.\n`;
  });
  if (columns.some((c) => c.error !== undefined)) {
    for (const c of columns.filter((x) => x.error)) ctx.io.stderr.write(`spex: ${sanitizeLine(c.key)}: ${sanitizeLine(c.error!)}\n`);
    return EXIT_FAILURE;
  }
  return driftCount(matrix) > 0 ? EXIT_CHANGES : EXIT_OK;
}

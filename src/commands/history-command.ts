// `spex history <profile> --instance I [--days N]`: a profile's timeline from CloudTrail, newest first —
// when, who, through what, and what changed in the console's words where the event carries it
// (domain/access/history.ts). CloudTrail keeps 90 days of management events, and delivers them minutes
// after the call: the newest minutes may be missing, and the output says so.
import { sanitizeLine } from '../domain/text/sanitize.js';
import { readProfileHistory } from '../fleet/history.js';
import { UsageError } from '../io.js';
import { type CommandContext, str } from './context.js';
import { write } from './output.js';
import { resolveProfileRef } from './resolve.js';

export async function historyCommand(ctx: CommandContext): Promise<number> {
  const days = str(ctx.values, 'days');
  const n = days === undefined ? 90 : Number(days);
  if (!Number.isInteger(n) || n < 1 || n > 90) throw new UsageError(`--days must be a whole number from 1 to 90 (CloudTrail keeps 90 days), got '${sanitizeLine(String(days))}'`);
  const service = await ctx.service();
  const { arn, profiles } = await resolveProfileRef(service, ctx.io, ctx.positionals[0], str(ctx.values, 'instance'));
  const name = profiles.find((p) => p.arn === arn)?.name ?? arn.split('/').pop() ?? arn;
  const { entries, versions } = await readProfileHistory(service, { arn, name }, n);
  ctx.io.stderr.write('spex: note: CloudTrail delivers events minutes after the call: the newest changes may not be here yet.\n');
  const kept = versions.map((v) => new Date((v.LastModifiedTime ?? 0) * 1000).toISOString());
  await write(ctx.io, ctx.output, { profile: { arn, name }, days: n, entries, versions: kept }, (t) =>
    entries.length === 0
      ? `No change to ${sanitizeLine(name)} in CloudTrail's last ${n} days.\n`
      : `${t.renderTable(entries, [
          { header: 'TIME (UTC)', value: (e) => e.time.replace('T', ' ').replace(/\.\d+Z$/, '') },
          { header: 'WHO', value: (e) => e.who, max: 60 },
          { header: 'THROUGH', value: (e) => e.through },
          { header: 'WHAT', value: (e) => e.what.join('; '), max: 100 },
          { header: 'VERSION', value: (e) => (e.version === undefined ? '' : '● kept') },
        ])}${entries.length} change${entries.length === 1 ? '' : 's'} to ${sanitizeLine(name)} in the last ${n} days.\n${keptLine(kept)}`,
  );
  return 0;
}

/** The versions spex keeps, for revert and compare ("● kept" marks the changes they match). */
function keptLine(kept: readonly string[]): string {
  return kept.length === 0
    ? 'spex keeps no version of it yet (it keeps each version it reads).\n'
    : `spex keeps ${kept.length} version${kept.length === 1 ? '' : 's'} of it in full (spex versions shows and compares them; spex revert --to TIME goes back to one).\n`;
}

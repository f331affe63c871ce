// `spex lint --instance I [--output table|json|yaml|sarif] [--fail-on high|medium|low]`: every
// profile of an instance checked against the least-privilege rules of domain/access/lint.ts. Every detail is
// read through the same loader, budget and cache as `list --grants`; holders through SearchUsers (or
// not at all, said so). Exit 1 when a finding at or above --fail-on (default high) exists, 0 otherwise,
// 2 on usage errors: usable in CI.
import { failsAt, lintProfiles, SEVERITIES, type Severity } from '../domain/access/lint.js';
import { toSarif } from '../domain/access/sarif.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { VERSION } from '../version.js';
import { type CommandContext, str } from './context.js';
import { toJson, write } from './output.js';
import { readAllProfiles, resolveInstance } from './resolve.js';
import { counted } from '../domain/text/format.js';

function failOnOf(ctx: CommandContext): Severity {
  const given = str(ctx.values, 'fail-on') ?? 'high';
  if (!(SEVERITIES as readonly string[]).includes(given)) throw new UsageError(`--fail-on must be high, medium or low (got '${given}')`);
  return given as Severity;
}

export async function lintCommand(ctx: CommandContext): Promise<number> {
  const failOn = failOnOf(ctx);
  const service = await ctx.service();
  const instanceArn = await resolveInstance(service, str(ctx.values, 'instance'));
  const profiles = await readAllProfiles(service, instanceArn, ctx.io, 'details (to check every profile)');
  // Holders, for the rule that needs them: the fast route only; without it the rule says it was skipped.
  const index = await service.loadUsers(instanceArn, {}).catch(() => undefined);
  const users = index !== undefined && index.complete ? index.users : undefined;
  const limit = await service.profileQuota();
  const agents = await service.listAiAgents(instanceArn).catch(() => undefined);
  const result = lintProfiles({ profiles, ...(users ? { users } : {}), ...(agents ? { agents } : {}), ...(limit !== undefined ? { quota: { limit, source: 'service-quotas' as const } } : {}) });
  for (const note of result.notes) ctx.io.stderr.write(`spex: note: ${note}\n`);
  if (str(ctx.values, 'output') === 'sarif') ctx.io.stdout.write(toJson(toSarif(result, VERSION)));
  else {
    await write(ctx.io, ctx.output, { instanceArn, failOn, findings: result.findings, notes: result.notes }, (t) =>
      result.findings.length === 0
        ? `No findings in ${counted(profiles.length, 'profile')}.\n`
        : `${t.renderTable(result.findings, [
            { header: 'SEVERITY', value: (f) => f.severity },
            { header: 'RULE', value: (f) => f.rule },
            { header: 'PROFILE', value: (f) => sanitizeLine(f.profile) },
            { header: 'EVIDENCE', value: (f) => sanitizeLine(f.evidence.join('; ')), max: 90 },
          ])}\n${summary(result.findings)} in ${counted(profiles.length, 'profile')}. Why each rule matters: spex lint --help.\n`,
    );
  }
  return failsAt(result.findings, failOn) ? EXIT_FAILURE : EXIT_OK;
}

function summary(findings: readonly { severity: Severity }[]): string {
  return SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
}

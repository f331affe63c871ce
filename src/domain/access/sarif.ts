// The lint findings as SARIF 2.1.0 (`spex lint --output sarif`), for code-scanning dashboards.
import { type LintResult, RULES, type Severity } from './lint.js';

/** SARIF 2.1.0, for code-scanning dashboards: one result per finding, located at the profile. */
export function toSarif(result: LintResult, version: string): unknown {
  const level: Record<Severity, string> = { high: 'error', medium: 'warning', low: 'note' };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spex',
            version,
            rules: Object.values(RULES).map((r) => ({ id: r.id, shortDescription: { text: r.why }, defaultConfiguration: { level: level[r.severity] } })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          level: level[f.severity],
          message: { text: `${f.profile}: ${f.why} (${f.evidence.join('; ')})` },
          locations: [{ logicalLocations: [{ name: f.profile, fullyQualifiedName: f.arn ?? f.profile, kind: 'resource' }] }],
        })),
      },
    ],
  };
}

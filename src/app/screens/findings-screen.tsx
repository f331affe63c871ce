// `!`: the instance's least-privilege findings (spex lint's rules, domain/access/lint.ts), over every
// profile's detail (read in the background, through the loader and its budget) and, where known, who
// holds what. Findings of the profiles read so far show at once; the title says how many are left.
import { findingTarget } from '../../state/selectors.js';
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader } from '../../aws/types.js';
import type { PaneLine } from '../../components/pane-lines.js';
import { wrapText } from '../../components/pane-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { lintProfiles, SEVERITIES } from '../../domain/access/lint.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { ProfileSummary, SecurityProfile } from '../../domain/profile/security-profile.js';
import type { Users } from '../../hooks/use-user-index.js';
import type { Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';
import { counted } from '../../domain/text/format.js';

export interface FindingsScreenProps {
  readonly screen: Extract<Screen, { kind: 'findings' }>;
  readonly rows: readonly ProfileSummary[];
  readonly loader: DetailLoader | undefined;
  /** Changes when details arrive. */
  readonly detailsVersion: number;
  readonly users: Users;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

export function FindingsScreen({ screen, rows, loader, detailsVersion, users, width, height, dispatch }: FindingsScreenProps) {
  useEffect(() => {
    loader?.prefetch(rows.map((r) => r.arn));
  }, [loader, rows]);
  const { lines, title, targets } = useMemo(() => {
    const profiles: SecurityProfile[] = [];
    const arnByName = new Map<string, string>();
    for (const row of rows) {
      const entry = loader?.get(row.arn);
      if (entry?.status === 'loaded') {
        profiles.push(entry.profile);
        arnByName.set(entry.profile.SecurityProfileName, row.arn);
      }
    }
    const targets: (string | undefined)[] = [];
    const index = users.remote.status === 'success' && users.remote.data.complete ? users.remote.data : undefined;
    const result = lintProfiles({ profiles, ...(index ? { users: index.users } : {}) });
    const out: PaneLine[] = [];
    for (const f of result.findings) {
      const text = `${f.severity.padEnd(6)} ${f.rule}  ${sanitizeLine(f.profile)}: ${f.why} — ${sanitizeLine(f.evidence.join('; '))}`;
      // Continuation lines sit under the rule, 9 columns in: wrapped to fit there, never cut.
      const [first = '', ...rest] = wrapText(text, width - 12);
      out.push({ text: `  ${first}`, tone: f.severity === 'high' ? 'error' : f.severity === 'medium' ? 'warning' : 'muted' }, ...rest.map((t) => ({ text: `         ${t}` })));
      const arn = arnByName.get(f.profile);
      for (let i = 0; i <= rest.length; i++) targets.push(arn);
    }
    if (result.findings.length === 0) out.push({ text: profiles.length < rows.length ? '  Nothing found yet.' : '  No findings: every profile passes.', tone: 'muted' });
    out.push({ text: '' });
    for (const note of result.notes) out.push({ text: `  note: ${note}`, tone: 'muted' });
    const counts = SEVERITIES.map((s) => `${result.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
    const reading = profiles.length < rows.length ? ` — reading details ${profiles.length}/${rows.length}…` : '';
    // The counts are the point; the pointer to the rules' help only where it fits.
    const head = `Findings: ${counts} in ${counted(profiles.length, 'profile')}${reading}`;
    return { lines: out, targets, title: head.length + 38 <= width ? `${head} (spex lint --help explains the rules)` : head };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `detailsVersion` changes when details arrive: the findings must be taken again.
  }, [rows, loader, detailsVersion, users.remote, width]);
  useEffect(() => {
    dispatch({ type: 'findings/measured', lineCount: lines.length, targets });
  }, [lines.length, targets, dispatch]);
  // The finding Enter opens is marked ›.
  const marked = useMemo(() => {
    const at = findingTarget({ scroll: screen.scroll, targets });
    const i = at === undefined ? -1 : targets.findIndex((t, j) => j >= screen.scroll && t === at);
    return i < 0 ? lines : lines.map((l, j) => (j === i ? { ...l, text: `› ${l.text.slice(2)}` } : l));
  }, [lines, targets, screen.scroll]);
  return <ScrollPane title={title} lines={marked} scroll={screen.scroll} height={height} />;
}

// The instance's findings by profile, computed once for the screens that show them (the table's `!`,
// the status line, the detail's Findings), from the details loaded so far and, once they are read,
// who holds what (so a rule across profiles such as multi-tag-restricted counts everywhere alike).
import { useMemo } from 'react';
import type { DetailLoader } from '../aws/types.js';
import { type Finding, findingsByArn } from '../domain/access/lint.js';
import type { ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import type { Users } from './use-user-index.js';
import type { AiAgentInfo } from '../domain/access/ai-agents.js';

export interface InstanceFindings {
  of(arn: string): readonly Finding[];
  /** A high finding: the table marks the row `!`. */
  readonly isRisky: (arn: string) => boolean;
}

const NONE: readonly Finding[] = [];

export function useFindings(rows: readonly ProfileSummary[], loader: DetailLoader | undefined, detailsVersion: number, users: Users, agents?: readonly AiAgentInfo[]): InstanceFindings {
  return useMemo(() => {
    const profiles: SecurityProfile[] = [];
    for (const row of rows) {
      const entry = loader?.get(row.arn);
      if (entry?.status === 'loaded') profiles.push(entry.profile);
    }
    const index = users.remote.status === 'success' && users.remote.data.complete ? users.remote.data.users : undefined;
    const byArn = findingsByArn(profiles, index, agents);
    return {
      of: (arn) => byArn.get(arn) ?? NONE,
      isRisky: (arn) => (byArn.get(arn) ?? NONE).some((f) => f.severity === 'high'),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- detailsVersion: a detail arrived (the loader is the same object).
  }, [rows, loader, detailsVersion, users.remote, agents]);
}

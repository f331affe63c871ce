// The profile table with its explicit states: loading, error (with retry), empty, nothing matching.
import { ErrorMessage, EmptyMessage, LoadingMessage } from '../../components/message.js';
import { ProfileTable } from '../../components/profile-table.js';
import type { ProfileList } from '../../hooks/use-profile-list.js';
import type { ProfileView } from '../../hooks/use-profile-view.js';
import type { Users } from '../../hooks/use-user-index.js';
import type { ListView } from '../../state/app-state.js';
import { filterHint } from '../../state/filter.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type AiAgentInfo, agentHoldersOf } from '../../domain/access/ai-agents.js';

export interface ProfilesBodyProps {
  readonly profiles: ProfileList;
  readonly view: ProfileView;
  readonly list: ListView;
  readonly detailsVersion: number;
  readonly users: Users;
  /** The instance's AI agents: the holders column counts them beside the users ("75 · 2 AI"). */
  readonly agents?: readonly AiAgentInfo[] | undefined;
  /** Profiles with an unsaved draft. */
  readonly draftKeys: readonly string[];
  /** A high finding, as the instance's findings are computed: the row is marked !. */
  readonly isRisky?: (arn: string) => boolean;
  readonly width: number;
  readonly height: number;
}

export function ProfilesBody({ profiles, view, list, detailsVersion, users, agents, draftKeys, isRisky, width, height }: ProfilesBodyProps) {
  const { rows } = profiles;
  if (rows.length === 0) {
    if (profiles.status === 'error' && profiles.error !== undefined) {
      return <ErrorMessage title="Could not list the security profiles" error={profiles.error} retryKey="r" />;
    }
    if (profiles.status === 'done') return <EmptyMessage text="This instance has no security profiles." />;
    return <LoadingMessage text="Listing security profiles…" />;
  }
  if (view.shown.length === 0) {
    if (view.progress !== undefined && view.progress.done < view.progress.total) {
      return <LoadingMessage text="Checking profile details for the filter…" />;
    }
    const hint = filterHint(list.filter);
    return <EmptyMessage text={`No profile matches "${sanitizeLine(list.filter)}".${hint !== undefined ? ` ${hint}.` : ''} Esc clears the filter.`} />;
  }
  return (
    <ProfileTable
      rows={view.shown}
      cursor={list.cursor}
      top={list.top}
      height={height - 1}
      width={width}
      marked={list.marked}
      detailOf={view.detailOf}
      detailsVersion={detailsVersion}
      usersOf={users.countOf}
      {...(agents !== undefined && agents.some((a) => a.profileArns.length > 0) ? { agentsOf: (arn: string) => agentHoldersOf(agents, arn).length } : {})}
      isLoadingUsers={users.remote.status === 'loading'}
      hasDraft={(arn) => draftKeys.includes(arn)}
      isUnconfirmed={view.isUnconfirmed}
      {...(isRisky === undefined ? {} : { isRisky })}
    />
  );
}

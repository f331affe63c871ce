// The detail pane: loads the full profile through the detail loader (cached, so opening a row seen
// in the table costs nothing), then shows it in human form or as raw JSON.
import type { InstanceFindings } from '../../hooks/use-findings.js';
import { useEffect, useMemo, type Dispatch } from 'react';
import type { DetailLoader, RegionService } from '../../aws/types.js';
import { profileDetailLines, rawJsonLines } from '../../components/detail-lines.js';
import { heldByLines, type HolderNames, holderStatus } from '../../components/holder-lines.js';
import type { Users } from '../../hooks/use-user-index.js';
import { ErrorMessage, LoadingMessage } from '../../components/message.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { agentHoldersOf } from '../../domain/access/ai-agents.js';
import { useRemote } from '../../hooks/use-remote.js';
import type { Screen } from '../../state/app-state.js';
import type { Action } from '../../state/app-actions.js';

export interface DetailScreenProps {
  readonly screen: Extract<Screen, { kind: 'detail' }>;
  readonly loader: DetailLoader | undefined;
  readonly service: RegionService | undefined;
  readonly instanceAlias: string | undefined;
  readonly users: Users;
  readonly names: HolderNames;
  /** Permissions as a list or the console's grid (`m`). */
  readonly layout?: 'list' | 'grid';
  readonly width: number;
  readonly height: number;
  readonly now: () => Date;
  readonly dispatch: Dispatch<Action>;
  /** The instance's findings, so the detail says what the table's ! and the ! screen say. */
  readonly findings?: InstanceFindings;
}

export function DetailScreen({ screen, loader, instanceAlias, users, names, layout = 'list', width, height, now, dispatch, findings }: DetailScreenProps) {
  const { arn, reloadKey } = screen;
  const remote = useRemote(
    loader === undefined
      ? undefined
      : (signal) => {
          // `r` here means "fetch it again", not "show the cached copy".
          if (reloadKey > 0) loader.invalidate(arn);
          return loader.load(arn, { signal });
        },
    [loader, arn, reloadKey],
  );
  const profile = remote.status === 'success' ? remote.data : undefined;
  // The hierarchy group is stored as an id; its name comes with the instance's groups.
  const groupId = profile?.AllowedAccessControlHierarchyGroupId;
  const hierarchyGroupName = groupId === undefined ? undefined : names.groupName(groupId);
  const holders = users.holdersOf(arn);
  const status = holderStatus(users.remote, users.progress);
  const lines = useMemo(() => {
    if (profile === undefined) return [];
    if (screen.isRaw) return rawJsonLines(profile);
    const agents = agentHoldersOf(names.agents, arn).length;
    const heldBy = holders === undefined ? undefined : `${holders.length} user${holders.length === 1 ? '' : 's'}${agents > 0 ? ` and ${agents} AI agent${agents === 1 ? '' : 's'}` : ''} (below; u lists them all)`;
    return [...profileDetailLines(profile, { width, layout, now: now(), instanceAlias, hierarchyGroupName, heldBy, agents: names.agents, flowModuleName: names.flowModuleName, findings: findings?.of(arn) }), { text: '' }, ...heldByLines(arn, holders, status, names, width)];
  }, [profile, arn, screen.isRaw, layout, width, now, instanceAlias, hierarchyGroupName, holders, status, names, findings]);
  useEffect(() => {
    dispatch({ type: 'detail/measured', lineCount: lines.length });
  }, [lines.length, dispatch]);

  if (remote.status === 'error') return <ErrorMessage title="Could not load the profile" error={remote.error} retryKey="r" />;
  if (profile === undefined) return <LoadingMessage text="Loading the profile…" />;
  const title = `${sanitizeLine(profile.SecurityProfileName)}${screen.isRaw ? ' — raw JSON (v: human form)' : ' (v: raw JSON)'}`;
  return <ScrollPane title={title} lines={lines} scroll={screen.scroll} height={height} />;
}

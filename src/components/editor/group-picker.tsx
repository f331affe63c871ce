// Picks the access-control hierarchy group among the instance's groups (or none).
import { Box, Text } from 'ink';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { HierarchyGroup } from '../../domain/profile/security-profile.js';
import { groupPath } from '../../domain/as-code/profiles-file.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { useTone } from '../theme.js';

export interface GroupPickerProps {
  readonly groups: readonly HierarchyGroup[];
  /** 0 is "(none)", then the groups in order. */
  readonly cursor: number;
  readonly currentId: string | undefined;
  readonly height: number;
}

export function GroupPicker({ groups, cursor, currentId, height }: GroupPickerProps) {
  const tone = useTone();
  const options = [{ id: undefined as string | undefined, text: '(none: no hierarchy restriction group)' }, ...groups.map((g) => ({ id: g.id, text: `${sanitizeLine(groupPath(g.id, groups) ?? g.name ?? g.id)}  ${sanitizeLine(g.id)}` }))];
  const { start, end } = visibleWindow(options.length, cursor, Math.max(1, height - 1));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Choose the access-control hierarchy group</Text>
      {options.slice(start, end).map((o, i) => {
        const isCursor = start + i === cursor;
        const isCurrent = o.id === currentId || (o.id === undefined && (currentId === undefined || currentId === ''));
        return (
          <Box key={o.id ?? '(none)'}>
            <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
            <Text>{isCurrent ? '(•) ' : '( ) '}</Text>
            <Text wrap="truncate-end" {...(isCursor ? tone('selected') : {})}>
              {o.text}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

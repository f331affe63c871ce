// The instance picker: alias, id, status and creation time of the region's Connect instances.
import { Box, Text } from 'ink';
import { formatAbsoluteTime } from '../domain/text/format.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { useTone } from './theme.js';

export interface InstancePickerProps {
  readonly instances: readonly ConnectInstance[];
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly columns: number;
}

/** Cloud Control gives the creation time as an ISO string (or epoch seconds); shown as in the table. */
function createdText(created: string | undefined): string {
  if (created === undefined || created === '') return '—';
  const ms = /^\d+(\.\d+)?$/.test(created) ? Number(created) * 1000 : Date.parse(created);
  return Number.isFinite(ms) ? formatAbsoluteTime(Math.floor(ms / 1000)) : sanitizeLine(created);
}

/** Wide enough for CREATION_FAILED and CREATION_IN_PROGRESS's start: a status is never a colour alone. */
const STATUS_WIDTH = 16;

export function InstancePicker({ instances, cursor, top, height, columns }: InstancePickerProps) {
  const tone = useTone();
  const isWide = columns >= 90;
  const visible = instances.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0} />
        <Box width={24} flexShrink={1}>
          <Text {...tone('heading')}>Alias</Text>
        </Box>
        <Box width={isWide ? 38 : 14} flexShrink={1} marginLeft={1}>
          <Text {...tone('heading')}>Id</Text>
        </Box>
        <Box width={STATUS_WIDTH} flexShrink={0} marginLeft={1}>
          <Text {...tone('heading')}>Status</Text>
        </Box>
        <Box flexGrow={1} marginLeft={1}>
          <Text {...tone('heading')} wrap="truncate-end">
            Created
          </Text>
        </Box>
      </Box>
      {visible.map((instance, i) => {
        const isCursor = top + i === cursor;
        return (
          <Box key={instance.arn}>
            <Box width={2} flexShrink={0}>
              <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
            </Box>
            <Box width={24} flexShrink={1}>
              <Text {...(isCursor ? tone('selected') : {})} wrap="truncate-end">
                {sanitizeLine(instance.alias ?? '(no alias)')}
              </Text>
            </Box>
            <Box width={isWide ? 38 : 14} flexShrink={1} marginLeft={1}>
              <Text wrap="truncate-end">{sanitizeLine(instance.id)}</Text>
            </Box>
            <Box width={STATUS_WIDTH} flexShrink={0} marginLeft={1}>
              <Text wrap="truncate-end" {...tone(instance.status === 'ACTIVE' ? 'normal' : 'warning')}>
                {sanitizeLine(instance.status ?? '—')}
              </Text>
            </Box>
            <Box flexGrow={1} marginLeft={1}>
              <Text wrap="truncate-end" {...tone('muted')}>
                {createdText(instance.createdTime)}
              </Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

// The region picker: Connect regions with names and, as they arrive, how many instances each has.
import { Box, Text } from 'ink';
import type { ConnectRegion } from '../domain/service/regions.js';
import type { Remote } from '../state/remote.js';
import { errorText } from './message.js';
import { useTone } from './theme.js';

export interface RegionPickerProps {
  readonly regions: readonly ConnectRegion[];
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly filter: string;
  readonly counts: ReadonlyMap<string, Remote<number>>;
  /** The configured or last-used region, marked on its row. */
  readonly currentRegion?: string | undefined;
  readonly columns: number;
}

function countText(count: Remote<number> | undefined): { text: string; isError: boolean } {
  if (count === undefined || count.status === 'idle' || count.status === 'loading') return { text: '… counting', isError: false };
  if (count.status === 'error') return { text: `✗ ${errorText(count.error)}`, isError: true };
  return { text: count.data === 1 ? '1 instance' : `${count.data} instances`, isError: false };
}

export function RegionPicker({ regions, cursor, top, height, filter, counts, currentRegion, columns }: RegionPickerProps) {
  // The name gives way first on narrow terminals, so the count (or the error) stays readable.
  const nameWidth = Math.max(10, Math.min(34, columns - 2 - 16 - 16));
  const tone = useTone();
  const visible = regions.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" {...tone('muted')}>
        {'  '}Select a region{filter === '' ? ' (type to filter)' : ` matching "${filter}"`}
      </Text>
      {regions.length === 0 ? <Text>{'  '}∅ No Connect region matches &quot;{filter}&quot;. Esc clears the filter.</Text> : null}
      {visible.map((region, i) => {
        const index = top + i;
        const isCursor = index === cursor;
        const count = countText(counts.get(region.code));
        return (
          <Box key={region.code}>
            <Box width={2} flexShrink={0}>
              <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
            </Box>
            <Box width={16} flexShrink={0}>
              <Text {...(isCursor ? tone('selected') : {})} wrap="truncate-end">
                {region.code}
              </Text>
            </Box>
            <Box width={nameWidth} flexShrink={0}>
              <Text wrap="truncate-end">
                {region.name}
                {region.code === currentRegion ? ' (current)' : ''}
              </Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} marginLeft={1}>
              <Text wrap="truncate-end" {...tone(count.isError ? 'error' : 'muted')}>
                {count.text}
              </Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

// The profile table: only the rows that fit are rendered, each a memoised line, so ten thousand
// profiles cost no more per key press than twenty. Counts come from details as they load ("…").
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DomainError } from '../domain/errors.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { ProfileSummary, SecurityProfile } from '../domain/security-profile.js';
import { HEADER_CELLS, profileColumns, rowText, shortTime, type ProfileColumns, type RowCells } from './profile-columns.js';
import { useTone } from './theme.js';

/** What the table knows of a row's detail. */
export type RowDetail =
  | { status: 'loading' }
  | { status: 'loaded'; profile: SecurityProfile }
  | { status: 'error'; error: DomainError }
  | undefined;

export interface ProfileTableProps {
  readonly rows: readonly ProfileSummary[];
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly marked: readonly string[];
  readonly detailOf: (arn: string) => RowDetail;
  /** Changes when any detail arrives, so visible rows re-read `detailOf`. */
  readonly detailsVersion: number;
}

const LOADING = '…';
const FAILED = '✗';
const UNKNOWN = '·';

/** The id at the end of an ARN, for a row whose name is not known yet. */
function arnTail(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function rowCells(row: ProfileSummary, detail: RowDetail): RowCells {
  const profile = detail?.status === 'loaded' ? detail.profile : undefined;
  const pending = detail === undefined ? UNKNOWN : detail.status === 'loading' ? LOADING : FAILED;
  const name = row.name ?? profile?.SecurityProfileName;
  return {
    name: name !== undefined ? sanitizeLine(name) : `${LOADING} ${arnTail(row.arn)}`,
    description: profile !== undefined ? sanitizeLine(profile.Description ?? '') : detail?.status === 'error' ? `${FAILED} details failed` : pending,
    permissions: profile !== undefined ? String(profile.Permissions?.length ?? 0) : pending,
    tags: profile !== undefined ? String(profile.Tags?.length ?? 0) : pending,
    modified: shortTime(profile?.LastModifiedTime ?? row.lastModifiedTime),
  };
}

interface ProfileRowProps {
  readonly text: string;
  readonly isCursor: boolean;
  readonly isMarked: boolean;
  readonly isFailed: boolean;
}

const ProfileRow = memo(function ProfileRow({ text, isCursor, isMarked, isFailed }: ProfileRowProps) {
  const tone = useTone();
  return (
    <Box>
      <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
      <Text {...tone('marked')}>{isMarked ? '✓' : ' '}</Text>
      <Text> </Text>
      <Text wrap="truncate-end" {...(isCursor ? tone('selected') : isFailed ? tone('warning') : {})}>
        {text}
      </Text>
    </Box>
  );
});

function HeaderRow({ columns }: { readonly columns: ProfileColumns }) {
  const tone = useTone();
  return (
    <Text wrap="truncate-end" {...tone('heading')}>
      {' '.repeat(columns.prefix)}
      {rowText(HEADER_CELLS, columns)}
    </Text>
  );
}

export function ProfileTable({ rows, cursor, top, height, width, marked, detailOf }: ProfileTableProps) {
  const columns = profileColumns(width);
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <HeaderRow columns={columns} />
      {visible.map((row, i) => {
        const detail = detailOf(row.arn);
        return (
          <ProfileRow
            key={row.arn}
            text={rowText(rowCells(row, detail), columns)}
            isCursor={top + i === cursor}
            isMarked={marked.includes(row.arn)}
            isFailed={detail?.status === 'error'}
          />
        );
      })}
    </Box>
  );
}

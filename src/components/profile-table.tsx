// The profile table: only the rows that fit are rendered, each a memoised line, so ten thousand
// profiles cost no more per key press than twenty. Counts come from details as they load ("…").
import { Box, Text, Transform } from 'ink';
import { memo, useCallback, type ReactNode } from 'react';
import type { DomainError } from '../domain/service/errors.js';
import { cloudControlRefusals, REFUSED_MARK } from '../domain/profile/cloud-control-safe.js';
import { profileFindings } from '../domain/access/lint.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import { HEADER_CELLS, profileColumns, rowText, shortTime, type RowCells } from './profile-columns.js';
import { useTone, type ToneStyle } from './theme.js';

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
  /** Users who hold a profile: a number, or undefined while unknown. */
  readonly usersOf?: (arn: string) => number | undefined;
  /** AI agents that hold a profile (absent: none in the instance, or unknown): counted beside the users. */
  readonly agentsOf?: (arn: string) => number;
  /** The users are being read: an unknown count shows as loading rather than unknown. */
  readonly isLoadingUsers?: boolean;
  /** Profiles with an unsaved draft on disk, marked ✎. */
  readonly hasDraft?: (arn: string) => boolean;
  /** Cached details not yet confirmed by AWS, marked ≈ until the background read answers. */
  readonly isUnconfirmed?: (arn: string) => boolean;
  /** A high finding as the instance's findings are computed (hooks/use-findings.ts), marked !; else the profile's own rules. */
  readonly isRisky?: (arn: string) => boolean;
}

const LOADING = '…';
const FAILED = '✗';
const UNKNOWN = '·';
const REFUSED = REFUSED_MARK;
/** An unsaved draft of the profile is on disk (D goes to it). */
export const DRAFT = '✎';
/** A cached copy, possibly stale, being checked. */
export const UNCONFIRMED = '≈';
/** A high finding (least privilege). */
export const RISK = '!';

/** The id at the end of an ARN, for a row whose name is not known yet. */
function arnTail(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function rowCells(row: ProfileSummary, detail: RowDetail, users?: number | 'loading', hasDraft = false, isUnconfirmed = false, isRisky?: boolean, agents = 0): RowCells {
  const profile = detail?.status === 'loaded' ? detail.profile : undefined;
  const pending = detail === undefined ? UNKNOWN : detail.status === 'loading' ? LOADING : FAILED;
  const name = row.name ?? profile?.SecurityProfileName;
  // A profile Cloud Control cannot change (values its schema refuses) is marked; the detail says why.
  const refused = profile !== undefined && cloudControlRefusals(profile).length > 0 ? `${REFUSED} ` : '';
  // A profile with a high finding (spex lint's rules) is marked; the status line says which.
  const risky = profile !== undefined && (isRisky ?? profileFindings(profile).some((f) => f.severity === 'high')) ? `${RISK} ` : '';
  return {
    name: `${hasDraft ? `${DRAFT} ` : ''}${isUnconfirmed && profile !== undefined ? `${UNCONFIRMED} ` : ''}${name !== undefined ? `${risky}${refused}${sanitizeLine(name)}` : `${LOADING} ${arnTail(row.arn)}`}`,
    description: profile !== undefined ? sanitizeLine(profile.Description ?? '') : detail?.status === 'error' ? `${FAILED} details failed` : pending,
    permissions: profile !== undefined ? String(profile.Permissions?.length ?? 0) : pending,
    users: `${users === undefined ? UNKNOWN : users === 'loading' ? LOADING : String(users)}${agents > 0 ? ` · ${agents} AI` : ''}`,
    tags: profile !== undefined ? String(profile.Tags?.length ?? 0) : pending,
    modified: shortTime(profile?.LastModifiedTime ?? row.lastModifiedTime),
  };
}

interface ProfileRowProps {
  readonly text: string;
  readonly isCursor: boolean;
  readonly isMarked: boolean;
  readonly isFailed: boolean;
  readonly width: number;
}

/** A styled span, or the bare string when the tone has no style (no node for Ink to transform). */
function span(style: ToneStyle, text: string): ReactNode {
  return Object.keys(style).length === 0 ? text : <Text {...style}>{text}</Text>;
}

// The one-column glyphs a row can hold (loading, unknown, cut, no time, failed), and the ASCII that
// stands in for them while Ink lays the row out.
const STAND_INS: Readonly<Record<string, string>> = { '…': '.', '·': '.', '—': '-', '✗': 'x', '⊘': 'o', '✎': 'e', '≈': '~' };
const GLYPHS = /[…·—✗⊘✎≈]/g;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * A plain row whose only non-ASCII characters are the table's own glyphs. Ink measures every text
 * node's width on every frame, and string-width is ~300× slower on a line with one non-ASCII
 * character (it segments the whole line into graphemes) than on printable ASCII: a page of rows
 * still loading ("·  ·  ·") cost 2–4 ms a frame in measuring alone. So Ink lays out an ASCII stand-in
 * of the same width, and a <Transform> (which must not, and does not, change widths) swaps the
 * glyphs back in just before the line is drawn.
 */
function PlainRow({ line, width }: { readonly line: string; readonly width: number }) {
  const standIn = line.replace(GLYPHS, (glyph) => STAND_INS[glyph] ?? glyph);
  const swapBack = useCallback((drawn: string) => (drawn === standIn ? line : drawn), [standIn, line]);
  // (A <Transform> wraps rather than truncates: only a line that fits may take this way.)
  if (standIn === line || standIn.length >= width || !PRINTABLE_ASCII.test(standIn)) return <Text wrap="truncate-end">{line}</Text>;
  return (
    <Transform transform={swapBack}>
      <Text wrap="truncate-end">{standIn}</Text>
    </Transform>
  );
}

// One Ink text node per row (styled parts nested in it): every node costs Ink layout, measuring and
// a write per frame, and a row of plain text is most rows most of the time.
const ProfileRow = memo(function ProfileRow({ text, isCursor, isMarked, isFailed, width }: ProfileRowProps) {
  const tone = useTone();
  if (!isCursor && !isMarked && !isFailed) return <PlainRow line={`   ${text}`} width={width} />;
  return (
    <Text wrap="truncate-end">
      {isCursor ? span(tone('accent'), '›') : ' '}
      {isMarked ? span(tone('marked'), '✓') : ' '}
      {' '}
      {span(isCursor ? tone('selected') : isFailed ? tone('warning') : {}, text)}
    </Text>
  );
});

const HeaderRow = memo(function HeaderRow({ width, withAgents }: { readonly width: number; readonly withAgents: boolean }) {
  const tone = useTone();
  const columns = profileColumns(width, withAgents);
  return (
    <Text wrap="truncate-end" {...tone('heading')}>
      {' '.repeat(columns.prefix)}
      {rowText(HEADER_CELLS, columns)}
    </Text>
  );
});

export function ProfileTable({ rows, cursor, top, height, width, marked, detailOf, usersOf, agentsOf, isLoadingUsers = false, hasDraft, isUnconfirmed, isRisky }: ProfileTableProps) {
  const columns = profileColumns(width, agentsOf !== undefined);
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column">
      <HeaderRow width={width} withAgents={agentsOf !== undefined} />
      {visible.map((row, i) => {
        const detail = detailOf(row.arn);
        return (
          <ProfileRow
            // Keyed by place in the window: a page down updates the rows' text nodes in place
            // instead of unmounting a page of rows and mounting the next one.
            key={i}
            text={rowText(rowCells(row, detail, usersOf?.(row.arn) ?? (isLoadingUsers ? 'loading' : undefined), hasDraft?.(row.arn) ?? false, isUnconfirmed?.(row.arn) ?? false, isRisky?.(row.arn), agentsOf?.(row.arn)), columns)}
            isCursor={top + i === cursor}
            isMarked={marked.includes(row.arn)}
            isFailed={detail?.status === 'error'}
            width={width}
          />
        );
      })}
    </Box>
  );
}

// Column widths of the profile table for a terminal width: name and description share what the
// fixed columns leave; narrow terminals drop description, then modified time, then users, then
// tags. Pure.
import { formatAbsoluteTime, padEnd } from '../domain/text/format.js';

export interface ProfileColumns {
  /** Cursor marker, mark marker, space. */
  prefix: number;
  name: number;
  description: number;
  permissions: number;
  /** Users who hold the profile (0 when dropped). */
  users: number;
  tags: number;
  modified: number;
}

export const PREFIX_WIDTH = 3;
const PERMISSIONS_WIDTH = 5;
const TAGS_WIDTH = 4;
const USERS_WIDTH = 5;
const MODIFIED_WIDTH = 16;

/** With AI agents among the holders the column is wider: "75 · 2 AI". */
const USERS_AND_AGENTS_WIDTH = 10;

export function profileColumns(width: number, withAgents = false): ProfileColumns {
  const usersWidth = withAgents ? USERS_AND_AGENTS_WIDTH : USERS_WIDTH;
  const showModified = width >= 60;
  const showTags = width >= 44;
  const showUsers = width >= 52;
  const fixed =
    PREFIX_WIDTH + (PERMISSIONS_WIDTH + 1) + (showUsers ? usersWidth + 1 : 0) + (showTags ? TAGS_WIDTH + 1 : 0) + (showModified ? MODIFIED_WIDTH + 1 : 0);
  // One column spare: a line as wide as the terminal makes some terminals wrap early.
  const rest = Math.max(8, width - fixed - 1);
  // Below 40 columns of text the name gets them all: a cut-off description helps nobody.
  let name = rest;
  let description = 0;
  if (rest >= 40) {
    // At least 24: "Generated profile 001" and most names people give fit whole at 80 columns.
    name = Math.min(40, Math.max(24, Math.round(rest * 0.45)));
    description = rest - name - 1;
  }
  return {
    prefix: PREFIX_WIDTH,
    name,
    description,
    permissions: PERMISSIONS_WIDTH,
    users: showUsers ? usersWidth : 0,
    tags: showTags ? TAGS_WIDTH : 0,
    modified: showModified ? MODIFIED_WIDTH : 0,
  };
}

export interface RowCells {
  name: string;
  description: string;
  permissions: string;
  users: string;
  tags: string;
  modified: string;
}

/** `2026-11-26 06:57` (UTC, as in the header label). */
export function shortTime(epochSeconds: number | undefined): string {
  if (epochSeconds === undefined || !Number.isFinite(epochSeconds)) return '—';
  return formatAbsoluteTime(epochSeconds).replace(/ UTC$/, '');
}

/** One table line (without the prefix): cells cut and padded to their columns. */
export function rowText(cells: RowCells, columns: ProfileColumns): string {
  const parts = [padEnd(cells.name, columns.name)];
  if (columns.description > 0) parts.push(padEnd(cells.description, columns.description));
  parts.push(cells.permissions.padStart(columns.permissions).slice(-columns.permissions));
  if (columns.users > 0) parts.push(cells.users.padStart(columns.users).slice(-columns.users));
  if (columns.tags > 0) parts.push(cells.tags.padStart(columns.tags).slice(-columns.tags));
  if (columns.modified > 0) parts.push(padEnd(cells.modified, columns.modified));
  return parts.join(' ');
}

export const HEADER_CELLS: RowCells = {
  name: 'Name',
  description: 'Description',
  permissions: 'Perms',
  users: 'Users',
  tags: 'Tags',
  modified: 'Modified (UTC)',
};

// The operations view: this session's requests and the recent ones Cloud Control reports, with their
// status, error and age; `c` cancels a running one where Cloud Control allows it.
import type { RecentRequests } from '../../state/operation-state.js';
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { sanitizeLine } from '../../domain/sanitize.js';
import { editorFooterHints, resolveEditorCommand } from '../../keys/editor-keys.js';
import type { LoggedOperation } from '../../state/operation-log.js';
import { operationRows } from '../../state/operation-rows.js';
import { formatAge } from '../../domain/format.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { motionOfCommand, moveCursor } from '../../state/motion.js';
import { Footer } from '../footer.js';
import { useTone } from '../theme.js';

export type { RecentRequests } from '../../state/operation-state.js';

export interface OperationsViewProps {
  readonly session: readonly LoggedOperation[];
  readonly recent: RecentRequests;
  readonly nowMs: number;
  /** A line about the last cancel (sent, refused…). */
  readonly notice?: { tone: 'normal' | 'error'; text: string };
  readonly isActive: boolean;
  /** Rows and columns the view may use (from the shell's layout: views never measure the terminal). */
  readonly height: number;
  readonly width: number;
  readonly showHints?: boolean;
  /** Absent in read-only mode: no cancel key, no hint. */
  readonly onCancelRequest?: (requestToken: string) => void;
  readonly onRefresh: () => void;
  readonly onClose: () => void;
}

/** Fixed columns (CANCEL_IN_PROGRESS is the widest status); the profile column takes what is left, up to 34. */
const FIXED = { op: 7, status: 20, age: 12 };

function columnsFor(width: number): typeof FIXED & { subject: number } {
  return { ...FIXED, subject: Math.max(12, Math.min(34, width - 2 - FIXED.op - FIXED.status - FIXED.age - 20)) };
}

function cell(text: string, width: number): string {
  return (text.length < width ? text : `${text.slice(0, width - 2)}…`).padEnd(width);
}

export function OperationsView({ session, recent, nowMs, notice, isActive, height, width, showHints, onCancelRequest, onRefresh, onClose }: OperationsViewProps) {
  const tone = useTone();
  const total = Math.max(6, height);
  const COLUMNS = columnsFor(width);
  const rows = operationRows(session, recent.status === 'loaded' ? recent.requests : []);
  const [cursor, setCursor] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const listHeight = Math.max(1, total - 5);
  const at = Math.min(cursor, Math.max(0, rows.length - 1));
  // Keys can arrive faster than renders: the cursor moves in a ref first, so `c` cancels the row the
  // user moved to, never the one shown a frame ago.
  const cursorRef = useRef(0);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useInput(
    (input, key) => {
      const command = resolveEditorCommand('operations', input, key);
      const motion = motionOfCommand(command);
      const current = rowsRef.current;
      if (motion) {
        cursorRef.current = moveCursor(Math.min(cursorRef.current, Math.max(0, current.length - 1)), motion, current.length, listHeight);
        setCursor(cursorRef.current);
        setRefusal(undefined);
      } else if (command === 'operations.close') onClose();
      else if (command === 'operations.refresh') onRefresh();
      else if (command === 'operations.cancel-request' && onCancelRequest) {
        const row = current[Math.min(cursorRef.current, Math.max(0, current.length - 1))];
        if (row?.canCancel && row.requestToken) onCancelRequest(row.requestToken);
        else setRefusal(row ? `This request is ${sanitizeLine(row.status)}: only a running request can be cancelled` : 'No request selected');
      }
    },
    { isActive },
  );

  const { start, end } = visibleWindow(rows.length, at, listHeight);
  const line = refusal ? { tone: 'error' as const, text: refusal } : notice;
  return (
    <Box flexDirection="column">
      <Text bold>
        Operations <Text {...tone('muted')}>— this session’s requests, then recent ones for security profiles</Text>
      </Text>
      <Text {...tone('heading')} wrap="truncate-end">
        {'  '}
        {'OP'.padEnd(COLUMNS.op)}
        {'STATUS'.padEnd(COLUMNS.status)}
        {'PROFILE'.padEnd(COLUMNS.subject)}
        {'AGE'.padEnd(COLUMNS.age)}
        ERROR / REQUEST
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {rows.length === 0 ? <Text>∅ No requests yet{recent.status === 'loading' ? ' (loading recent ones…)' : ''}</Text> : null}
        {rows.slice(start, end).map((row, i) => {
          const isCursor = start + i === at;
          const tail = row.error ?? (row.requestToken ? `request ${sanitizeLine(row.requestToken)}` : '');
          return (
            <Box key={row.key}>
              <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
              <Text>{row.isThisRun ? '•' : ' '}</Text>
              <Text wrap="truncate-end" {...(isCursor ? tone('selected') : row.status === 'FAILED' || row.status === 'REFUSED' ? tone('error') : {})}>
                {cell(sanitizeLine(row.operation), COLUMNS.op)}
                {cell(sanitizeLine(row.status), COLUMNS.status)}
                {cell(row.subject, COLUMNS.subject)}
                {formatAge(row.at, nowMs).padEnd(COLUMNS.age)}
                {tail}
              </Text>
            </Box>
          );
        })}
      </Box>
      <Text wrap="truncate-end" {...tone('muted')}>
        • this session{recent.status === 'loading' ? ' · loading recent requests…' : ''}
        {recent.status === 'error' ? ` · recent requests could not be read: ${sanitizeLine(recent.message)}` : ''}
      </Text>
      <Text wrap="truncate-end" {...(line?.tone === 'error' ? tone('error') : {})}>
        {line ? `${line.tone === 'error' ? '✗ ' : ''}${line.text}` : ' '}
      </Text>
      {showHints === false ? null : <Footer hints={onCancelRequest ? editorFooterHints('operations') : editorFooterHints('operations', ['operations.refresh', 'operations.close'])} />}
    </Box>
  );
}

// The operations view: this session's requests and the recent ones Cloud Control reports, with their
// status, error and age; `c` cancels a running one where Cloud Control allows it.
import type { RecentRequests } from '../../state/operation-state.js';
import { Box, Text } from 'ink';
import { useInput } from '../input-gate.js';
import { useRef, useState } from 'react';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { editorFooterHints, resolveEditorCommand } from '../../keys/editor-keys.js';
import type { LoggedOperation } from '../../state/operation-log.js';
import { operationRows } from '../../state/operation-rows.js';
import { formatAge, padEnd } from '../../domain/text/format.js';
import { compactHelpEntries } from '../../keys/editor-keys.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { motionOfCommand, moveCursor } from '../../state/motion.js';
import { Footer } from '../footer.js';
import { useTone } from '../theme.js';

export type { RecentRequests } from '../../state/operation-state.js';

export interface OperationsViewProps {
  readonly session: readonly LoggedOperation[];
  readonly recent: RecentRequests;
  readonly nowMs: number;
  /** An instance's name (its alias where known) for the INSTANCE column. */
  readonly instanceName?: (instanceArn: string) => string;
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
  /** `q`: quit spex, as on every other screen. */
  readonly onQuit?: () => void;
}

/**
 * The columns at a width. Wide: CANCEL_IN_PROGRESS fits, and the error or request token follows.
 * Narrow (under 80): statuses in short words, and the error or token of the selected row goes on its
 * own line below instead of being cut to nothing. The profile column takes what is left, up to 34.
 */
function columnsFor(width: number): { op: number; status: number; age: number; subject: number; instance: number; tail: boolean } {
  const narrow = width < 80;
  const fixed = narrow ? { op: 7, status: 12, age: 11 } : { op: 7, status: 20, age: 12 };
  // The instance each request went to, from 100 columns (below, the selected row's line says it).
  const instance = width >= 100 ? 16 : 0;
  return { ...fixed, instance, subject: Math.max(10, Math.min(34, width - 2 - fixed.op - fixed.status - fixed.age - instance - (narrow ? 0 : 20))), tail: !narrow };
}

const SHORT_STATUS: Readonly<Record<string, string>> = { CANCEL_IN_PROGRESS: 'CANCELLING', CANCEL_COMPLETE: 'CANCELLED' };

function cell(text: string, width: number): string {
  return padEnd(text, width - 1) + ' ';
}

export function OperationsView({ session, recent, nowMs, instanceName, notice, isActive, height, width, showHints, onCancelRequest, onRefresh, onClose, onQuit }: OperationsViewProps) {
  const tone = useTone();
  const total = Math.max(6, height);
  const COLUMNS = columnsFor(width);
  const rows = operationRows(session, recent.status === 'loaded' ? recent.requests : [], instanceName);
  const [cursor, setCursor] = useState(0);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const listHeight = Math.max(1, total - 5);
  const at = Math.min(cursor, Math.max(0, rows.length - 1));
  // Keys can arrive faster than renders: the cursor moves in a ref first, so `c` cancels the row the
  // user moved to, never the one shown a frame ago.
  const cursorRef = useRef(0);
  const rowsRef = useRef(rows);
  // eslint-disable-next-line react-hooks/refs -- the latest value, read only by handlers outside render (keys, timers); render never reads it
  rowsRef.current = rows;

  useInput(
    (input, key) => {
      const command = resolveEditorCommand('operations', input, key);
      if (command === 'operations.help') {
        setHelpOpen((open) => !open);
        return;
      }
      if (command === 'operations.quit') {
        onQuit?.();
        return;
      }
      if (isHelpOpen) {
        if (command === 'operations.close') setHelpOpen(false);
        return;
      }
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
  const selected = rows[at];
  const where = selected && (COLUMNS.instance === 0 || selected.batch !== undefined) ? [selected.batch ? `part of: ${selected.batch}` : '', COLUMNS.instance === 0 && selected.instance ? `in ${selected.instance}` : ''].filter(Boolean).join(' · ') : '';
  const selectedTail = selected ? (selected.error ?? (where !== '' ? `${where}${selected.requestToken ? ` · request ${sanitizeLine(selected.requestToken)}` : ''}` : selected.requestToken ? `request ${sanitizeLine(selected.requestToken)}` : undefined)) : undefined;
  // Narrow: the selected row's error or token is said in full on the line below.
  // Wide: an error cut in its column is said in full there too.
  const showTail = selectedTail !== undefined && (!COLUMNS.tail || selected?.error !== undefined || where !== '');
  const line = refusal ? { tone: 'error' as const, text: refusal } : (notice ?? (showTail ? { tone: selected?.error ? ('error' as const) : ('normal' as const), text: selectedTail } : undefined));
  if (isHelpOpen) {
    return (
      <Box flexDirection="column">
        <Text bold>Keys — operations view (Esc or ? closes)</Text>
        <Box flexDirection="column" height={total - 2}>
          {compactHelpEntries('operations').map((e) => (
            <Text key={e.keys} wrap="truncate-end">
              {'  '}
              {e.keys.padEnd(12)} {e.help}
            </Text>
          ))}
        </Box>
        {showHints === false ? null : <Footer hints={editorFooterHints('operations', ['operations.help', 'operations.close'])} />}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Operations <Text {...tone('muted')}>— this session’s requests, then recent ones for security profiles</Text>
      </Text>
      <Text {...tone('heading')} wrap="truncate-end">
        {'  '}
        {'OP'.padEnd(COLUMNS.op)}
        {'STATUS'.padEnd(COLUMNS.status)}
        {'PROFILE'.padEnd(COLUMNS.subject)}
        {COLUMNS.instance > 0 ? 'INSTANCE'.padEnd(COLUMNS.instance) : ''}
        {'AGE'.padEnd(COLUMNS.age)}
        {COLUMNS.tail ? 'ERROR / REQUEST' : ''}
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {rows.length === 0 ? <Text>∅ No requests yet{recent.status === 'loading' ? ' (loading recent ones…)' : ''}</Text> : null}
        {rows.slice(start, end).map((row, i) => {
          const isCursor = start + i === at;
          const tail = row.error ?? (row.requestToken ? `request ${sanitizeLine(row.requestToken)}` : '');
          return (
            // One line, one text: texts of blanks alone can collapse into one column.
            <Text key={row.key} wrap="truncate-end">
              <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>
              {row.batch !== undefined ? '▸' : row.isThisRun ? '•' : ' '}
              <Text {...(isCursor ? tone('selected') : row.status === 'FAILED' || row.status === 'REFUSED' ? tone('error') : {})}>
                {cell(sanitizeLine(row.operation), COLUMNS.op)}
                {cell(sanitizeLine(COLUMNS.tail ? row.status : (SHORT_STATUS[row.status] ?? row.status)), COLUMNS.status)}
                {cell(row.subject, COLUMNS.subject)}
                {COLUMNS.instance > 0 ? cell(row.instance, COLUMNS.instance) : ''}
                {COLUMNS.tail ? cell(formatAge(row.at, nowMs), COLUMNS.age) : formatAge(row.at, nowMs)}
                {COLUMNS.tail ? tail : ''}
              </Text>
            </Text>
          );
        })}
      </Box>
      <Text wrap="truncate-end" {...tone('muted')}>
        • this session · ▸ part of an apply, a promotion or a batch{recent.status === 'loading' ? ' · loading recent requests…' : ''}
        {recent.status === 'error' ? ` · recent requests could not be read: ${sanitizeLine(recent.message)}` : ''}
      </Text>
      <Text wrap={COLUMNS.tail ? 'truncate-end' : 'wrap'} {...(line?.tone === 'error' ? tone('error') : {})}>
        {line ? `${line.tone === 'error' ? '✗ ' : ''}${line.text}` : ' '}
      </Text>
      {showHints === false ? null : <Footer hints={onCancelRequest ? editorFooterHints('operations') : editorFooterHints('operations', ['operations.refresh', 'operations.close'])} />}
    </Box>
  );
}

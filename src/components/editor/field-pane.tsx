// The other fields: name and instance (locked when editing, with the reason), description, the tag
// and resource lists, the hierarchy group and applications. List fields show their items and an
// "add" row. The row being edited shows the text being typed (the editor's reducer applies the keys).
import { Box, Text } from 'ink';
import type { EditorInput } from '../../state/editor/editor-state.js';
import { ITEM_FORMATS } from '../../state/editor/field-items.js';
import type { FieldRow } from '../../state/editor/field-rows.js';
import { visibleWindow } from '../../state/editor/permission-rows.js';
import { TextField } from '../text-field.js';
import { useTone } from '../theme.js';

export interface FieldPaneProps {
  readonly rows: readonly FieldRow[];
  readonly cursor: number;
  readonly height: number;
  readonly input: EditorInput;
  /** Top-level fields with a problem (a ✗ on their row). */
  readonly fieldsWithIssues: ReadonlySet<string>;
  readonly isActive: boolean;
}

const LABEL_WIDTH = 36;

function isEditingRow(input: EditorInput, row: FieldRow): boolean {
  if (input.kind !== 'field' || input.field !== row.field) return false;
  if (row.kind === 'item') return input.index === row.index;
  if (row.kind === 'add') return input.index === undefined;
  return row.kind === 'field';
}

export function FieldPane({ rows, cursor, height, input, fieldsWithIssues, isActive }: FieldPaneProps) {
  const tone = useTone();
  const { start, end } = visibleWindow(rows.length, cursor, height);
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(start, end).map((row, i) => {
        const isCursor = start + i === cursor;
        const editing = isEditingRow(input, row) && input.kind === 'field';
        const pointer = <Text {...tone('accent')}>{isCursor ? '›' : ' '}</Text>;
        const problem = (row.kind === 'field' || row.kind === 'list') && fieldsWithIssues.has(row.field) ? <Text {...tone('error')}>✗ </Text> : null;
        const changed = (row.kind === 'field' || row.kind === 'list') && row.isChanged ? <Text {...tone('marked')}>* </Text> : null;
        const key = row.kind === 'item' ? `${row.field}:${row.index}` : `${row.kind}:${row.field}`;
        const text =
          editing ? (
            <TextField value={input.text} {...(input.cursor !== undefined ? { cursor: input.cursor } : {})} isFocused={isActive} placeholder={row.kind === 'field' ? '' : ITEM_FORMATS[row.field]} />
          ) : null;
        if (row.kind === 'field' || row.kind === 'list') {
          const label = row.kind === 'list' ? `${row.label} (${row.count})` : row.label;
          return (
            <Box key={key}>
              {/* Fixed columns: a long value must not squeeze the pointer away. */}
              <Box width={2} flexShrink={0}>
                {pointer}
              </Box>
              <Box width={LABEL_WIDTH} flexShrink={0}>
                <Text wrap="truncate-end" {...(isCursor ? tone('selected') : tone('heading'))}>
                  {label}
                </Text>
              </Box>
              <Box flexShrink={0}>
                {changed}
                {problem}
              </Box>
              {text ??
                (row.kind === 'field' ? (
                  <Text wrap="truncate-end">
                    {row.value === '' ? <Text {...tone('muted')}>(none)</Text> : row.value}
                    {row.locked ? <Text {...tone('muted')}> (locked: {row.locked})</Text> : null}
                  </Text>
                ) : null)}
            </Box>
          );
        }
        return (
          <Box key={key} paddingLeft={4}>
            {pointer}
            <Text> </Text>
            {text ?? (
              <Text wrap="truncate-end" {...(isCursor ? tone('selected') : row.kind === 'add' ? tone('muted') : {})}>
                {row.kind === 'item' ? row.text : `+ add (${ITEM_FORMATS[row.field]})`}
              </Text>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

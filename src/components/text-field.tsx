// A line of text with a visible cursor. Presentational: the value and the cursor live in the owner's
// reducer (see editor/text-edit.ts), so typing fast never loses a key; this only draws them.
import { Text } from 'ink';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { useTone } from './theme.js';

export interface TextFieldProps {
  readonly value: string;
  /** Where the cursor is (default: after the last character). */
  readonly cursor?: number;
  readonly placeholder?: string;
  readonly isFocused: boolean;
}

export function TextField({ value, cursor = value.length, placeholder = '', isFocused }: TextFieldProps) {
  const tone = useTone();
  if (value === '') {
    if (!isFocused) return <Text {...tone('muted')}>{placeholder}</Text>;
    return (
      <Text>
        <Text inverse>{placeholder[0] ?? ' '}</Text>
        <Text {...tone('muted')}>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const at = Math.min(Math.max(0, cursor), value.length);
  if (!isFocused) return <Text wrap="truncate-end">{sanitizeLine(value)}</Text>;
  // One line, its end in view (where typing happens), however long the text.
  return (
    <Text wrap="truncate-start">
      {sanitizeLine(value.slice(0, at))}
      <Text inverse>{at < value.length ? sanitizeLine(value[at]!) : ' '}</Text>
      {sanitizeLine(value.slice(at + 1))}
    </Text>
  );
}

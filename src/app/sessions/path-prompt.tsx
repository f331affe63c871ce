// A path asked for in a session (A's file to apply, X's file to write): typed with the shell's editing
// keys, Tab completes it from the folder as a shell does (several matches: their common start, and
// the names listed), Enter takes it, Esc cancels.
import { readdirSync } from 'node:fs';
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { Footer } from '../../components/footer.js';
import { TextField } from '../../components/text-field.js';
import { useTone } from '../../components/theme.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { completePath } from '../../state/path-complete.js';
import { editText } from '../../state/text-edit.js';

export interface PathPromptProps {
  readonly title: string;
  /** What the field starts with (the file offered). */
  readonly initial: string;
  readonly placeholder: string;
  /** Under the field: what Enter does. */
  readonly note: string;
  readonly isActive: boolean;
  readonly onSubmit: (path: string) => void;
  readonly onCancel: () => void;
}

/** A folder's entries, folders with a trailing `/`; undefined when it cannot be read. */
function entriesOf(dir: string): string[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
  } catch {
    return undefined;
  }
}

export function PathPrompt({ title, initial, placeholder, note, isActive, onSubmit, onCancel }: PathPromptProps) {
  const tone = useTone();
  const [text, setText] = useState(initial);
  const [choices, setChoices] = useState<string[]>([]);
  // The latest text for keys that arrive before the next render.
  const textRef = useRef(initial);
  const set = (value: string): void => {
    textRef.current = value;
    setText(value);
  };
  useBurstInput(
    (input, key) => {
      if (key.escape) return onCancel();
      if (key.return) return onSubmit(textRef.current.trim());
      if (key.tab) {
        const completed = completePath(textRef.current, entriesOf);
        set(completed.text);
        setChoices(completed.choices);
        return;
      }
      const edited = editText({ text: textRef.current, cursor: textRef.current.length }, input, key);
      if (edited) {
        set(edited.text);
        setChoices([]);
      }
    },
    { isActive },
  );
  return (
    <Box flexDirection="column">
      <Text bold>{sanitizeLine(title)}</Text>
      <Box>
        <Text>File: </Text>
        <TextField value={text} isFocused={isActive} placeholder={placeholder} />
      </Box>
      {choices.length > 0 ? (
        <Text wrap="truncate-end" {...tone('muted')}>
          {sanitizeLine(`${choices.slice(0, 12).join('  ')}${choices.length > 12 ? `  … ${choices.length - 12} more` : ''}`)}
        </Text>
      ) : null}
      <Text {...tone('muted')}>{note}</Text>
      <Footer hints={[{ keys: 'Enter', help: 'ok' }, { keys: 'Tab', help: 'complete' }, { keys: 'Esc', help: 'cancel' }]} />
    </Box>
  );
}

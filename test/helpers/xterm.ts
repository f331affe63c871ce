// A real terminal emulator (@xterm/headless) for tests that check what reaches a terminal, and a
// fake TTY stdout that writes into one (or anywhere): Ink sizes its frames from `columns` and `rows`.
import { EventEmitter } from 'node:events';
import xterm from '@xterm/headless';

export const { Terminal } = xterm;
export type HeadlessTerminal = InstanceType<typeof Terminal>;

// A pty turns \n into \r\n (onlcr); the terminals here do the same (convertEol).
export class TtyOut extends EventEmitter {
  isTTY = true;
  constructor(
    private readonly sink: (data: string) => void,
    readonly columns = 120,
    readonly rows = 35,
  ) {
    super();
  }
  write(data: string): boolean {
    this.sink(data);
    return true;
  }
}

/** The terminal's visible screen, one line per row, trailing blanks trimmed. */
export function screenOf(term: HeadlessTerminal): string {
  const lines: string[] = [];
  const buffer = term.buffer.active;
  for (let i = 0; i < term.rows; i += 1) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/** Resolves once everything written so far has been parsed. */
export const flush = (term: HeadlessTerminal): Promise<void> => new Promise((resolve) => term.write('', resolve));

// Placeholder until the TUI lands (issue 4): `spex --demo` prints what the demo serves.
import type { Io } from '../io.js';

export async function runTuiCommand(_argv: string[], io: Io): Promise<number> {
  io.stderr.write('spex: the terminal UI is not built yet\n');
  return 1;
}

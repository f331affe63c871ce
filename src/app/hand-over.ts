// The terminal lent to another program while the app runs: `aws sso login`, offered when an IAM
// Identity Center session ends mid-run (app/credential-gate.tsx). The app stays mounted; its frames are
// followed but not written (frame-diff.ts), the normal screen and cooked input are the command's, and a
// Ctrl-C typed meanwhile is the command's alone. Then the alternate screen comes back with the app's
// latest frame drawn whole.
import type { FramePause } from './frame-diff.js';
import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from './terminal.js';

export interface HandOver {
  /** Runs `command` on the terminal; says why it failed (undefined when it succeeded). */
  readonly run: (command: string) => Promise<string | undefined>;
  /** True while the command has the terminal (a SIGINT then is the command's). */
  readonly isHandedOver: boolean;
}

export interface HandOverTerminal {
  /** The real terminal, for spex's own lines around the command. */
  readonly stdout: { write(text: string): unknown };
  /** Ink's stdout. */
  readonly frames: FramePause;
  readonly stdin: { readonly isRaw?: boolean | undefined; setRawMode?: ((mode: boolean) => unknown) | undefined };
}

export function handOver(terminal: HandOverTerminal, runCommand: (command: string) => Promise<string | undefined>): HandOver {
  let handed = false;
  return {
    get isHandedOver() {
      return handed;
    },
    run: async (command) => {
      if (handed) return 'another command has the terminal';
      handed = true;
      const { stdout, frames, stdin } = terminal;
      const wasRaw = stdin.isRaw === true;
      frames.pauseFrames();
      try {
        if (wasRaw) stdin.setRawMode?.(false);
        stdout.write(`${LEAVE_ALT_SCREEN}${SHOW_CURSOR}\nspex: running \`${command}\`; spex comes back when it ends.\n\n`);
        return await runCommand(command);
      } finally {
        if (wasRaw) stdin.setRawMode?.(true);
        stdout.write(`${ENTER_ALT_SCREEN}${HIDE_CURSOR}`);
        frames.resumeFrames();
        handed = false;
      }
    },
  };
}

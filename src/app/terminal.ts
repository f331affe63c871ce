// The terminal around the app: the alternate screen on start, and the normal screen and a visible
// cursor restored however the app ends (quit, SIGTERM, SIGHUP, an uncaught error).

export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const SHOW_CURSOR = '\u001B[?25h';
export const HIDE_CURSOR = '\u001B[?25l';

export interface TerminalSession {
  /** Idempotent: the first call restores, later calls do nothing. */
  restore(): void;
}

export function enterAlternateScreen(stdout: NodeJS.WritableStream): TerminalSession {
  stdout.write(ENTER_ALT_SCREEN);
  let isRestored = false;
  return {
    restore() {
      if (isRestored) return;
      isRestored = true;
      // Leave first, then show the cursor: visibility then applies to the screen the user is back on.
      stdout.write(`${LEAVE_ALT_SCREEN}${SHOW_CURSOR}`);
    },
  };
}

/** Exit statuses for signals, as shells report them (128 + signal number). */
export const SIGNAL_EXIT: Readonly<Record<'SIGTERM' | 'SIGHUP' | 'SIGINT', number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * OSC 52: sets the terminal's clipboard to `text` (xterm, iTerm2, kitty, WezTerm, Windows Terminal;
 * tmux with set-clipboard on). The text travels base64-encoded, so nothing in it can act on the
 * terminal; controls are dropped first all the same.
 */
export function osc52(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return `\u001B]52;c;${Buffer.from(clean, 'utf8').toString('base64')}\u0007`;
}

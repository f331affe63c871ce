// Frames that write only what changed. Ink (standard mode) redraws the whole frame on every update:
// it erases the previous frame's lines and writes every line again, about 2,900 bytes per cursor move at
// 120×35. Its own incremental mode leaves the screen garbled when the frame has a trailing newline
// (Ink 6.8: it moves the cursor up one line too few, so the screen scrolls by one line per frame).
//
// So spex gives Ink a stdout that understands Ink's frames: a write of "erase the previous N lines +
// the new frame" becomes, for each line that differs from the one on screen, "go to that row, write
// the line, erase to its end" — by absolute position, which the alternate screen (the frame starts at
// row 1) makes exact. Anything else Ink writes (cursor visibility, synchronized-output markers, a
// clear on resize) passes through; a write that is not understood makes the next frame a full redraw.
// After any sequence of frames, the screen is what a full redraw would show.
//
// Being the one writer to the terminal, it is also the last line of defence against server text: each
// line written keeps only its colours, and anything else keeps only Ink's own CSI sequences, so no OSC
// (clipboard, title, hyperlink), DCS or C1 control reaches the terminal even if a screen forgot to
// sanitise what it shows (domain/text/sanitize.ts#inertFrameLine).
import { inertFrameLine, inertTerminalWrite } from '../domain/text/sanitize.js';

const ESC = '\u001B[';
/** ansi-escapes' eraseLines(n): n × "erase line" with "cursor up" between, then "cursor to column 1". */
const ERASE_LINES = /^(?:\u001B\[2K(?:\u001B\[1A)?)+\u001B\[G/;
/** Cursor visibility and synchronized output: pass through, change nothing on screen. */
const HARMLESS = /^(?:\u001B\[\?(?:25|2026)[hl])+$/;

export interface FrameDiffStats {
  frames: number;
  bytes: number;
}

/** Ink's stdout stepping aside while another program has the terminal (app/hand-over.ts). */
export interface FramePause {
  /** Writes nothing more until `resumeFrames`; the frames Ink draws meanwhile are still followed. */
  readonly pauseFrames: () => void;
  /** Draws the latest frame whole (the screen was someone else's), then writes frames again. */
  readonly resumeFrames: () => void;
}

/** A stdout for Ink that writes only the changed lines of each frame (see above). */
export function frameDiffStdout<T extends NodeJS.WriteStream>(real: T, stats?: FrameDiffStats): T & FramePause {
  let onScreen: string[] | undefined;
  let paused = false;
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const out = translate(text);
    if (paused) {
      // Followed, not written: a callback Ink passed still hears the write is done.
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }
    if (stats) {
      stats.frames += 1;
      stats.bytes += Buffer.byteLength(out);
    }
    return (real.write as (c: string, ...r: unknown[]) => boolean)(out, ...rest);
  };
  const translate = (text: string): string => {
    if (HARMLESS.test(text)) return text;
    // Lines are compared as Ink drew them, and made inert only when written.
    const erase = ERASE_LINES.exec(text);
    // The first frame has nothing to erase: Ink writes it bare, at the top of the alternate screen.
    const frame = erase ? text.slice(erase[0].length) : onScreen === undefined && !text.includes('\u001B[2J') && !text.startsWith(ESC) ? text : undefined;
    if (frame === undefined) {
      // Not a frame as we know it (a clear on resize, …): passed on; the next frame is drawn whole.
      onScreen = undefined;
      return inertTerminalWrite(text);
    }
    return draw(frame.endsWith('\n') ? frame.slice(0, -1).split('\n') : frame.split('\n'));
  };
  /** The writes that turn the screen's frame into `lines`: the lines that differ, by absolute position. */
  const draw = (lines: string[]): string => {
    const parts: string[] = [];
    if (onScreen === undefined) parts.push(`${ESC}H${ESC}2J`);
    const before = onScreen ?? [];
    for (let i = 0; i < lines.length; i += 1) {
      if (before[i] === lines[i]) continue;
      parts.push(`${ESC}${i + 1};1H${inertFrameLine(lines[i]!)}${ESC}K`);
    }
    for (let i = lines.length; i < before.length; i += 1) parts.push(`${ESC}${i + 1};1H${ESC}2K`);
    // Park the cursor under the frame, where Ink's next "erase N lines" would assume it is.
    parts.push(`${ESC}${lines.length + 1};1H`);
    onScreen = lines;
    return parts.join('');
  };
  const pause: FramePause = {
    pauseFrames: () => void (paused = true),
    resumeFrames: () => {
      paused = false;
      const latest = onScreen;
      onScreen = undefined;
      // Nothing followed (a write not understood, a resize): Ink's next frame is drawn whole anyway.
      if (latest !== undefined) real.write(draw(latest));
    },
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'write') return write;
      if (prop === 'pauseFrames' || prop === 'resumeFrames') return pause[prop];
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as T & FramePause;
}

// Frames that write only what changed (src/app/frame-diff.ts), checked through a terminal emulator
// (@xterm/headless), not by eye: the app is rendered once, with Ink's own writes going to one terminal
// (a full redraw every frame) and the diffed writes to another; after 200 mixed keys, and at every
// pause on the way, both terminals show exactly the same screen. The bytes written are counted too.
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { frameDiffStdout, type FrameDiffStats } from '../../src/app/frame-diff.js';
import { ENTER_ALT_SCREEN } from '../../src/app/terminal.js';
import { FakeStdin } from '../helpers/fake-stdin.js';
import { flush, screenOf, Terminal, TtyOut } from '../helpers/xterm.js';
import { keys } from '../helpers/keys.js';
import { startTestBackend, type TestBackend } from '../helpers/emulator.js';
import { OPEN_LIST } from './editing-helpers.js';
import { appElement } from './render-app.js';

const COLUMNS = 120;
const ROWS = 35;

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('frames that write only what changed', () => {
  it('after 200 mixed keys the screen is what a full redraw shows, at every pause; a cursor move writes a few hundred bytes', async () => {
    backend = await startTestBackend();
    const full = new Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true });
    const diffed = new Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true });
    full.write(ENTER_ALT_SCREEN);
    diffed.write(ENTER_ALT_SCREEN);
    const stats: FrameDiffStats = { frames: 0, bytes: 0 };
    const diffStream = frameDiffStdout(new TtyOut((d) => diffed.write(d)) as unknown as NodeJS.WriteStream, stats);
    let raw = 0;
    const tee = new TtyOut((d) => {
      raw += Buffer.byteLength(d);
      full.write(d);
      diffStream.write(d);
    });
    const stdin = new FakeStdin();
    const instance = render(appElement(backend.spex, { initial: OPEN_LIST }), {
      stdout: tee as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new TtyOut(() => undefined) as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    const settle = async (ms = 40): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await flush(full);
      await flush(diffed);
    };
    // Until nothing has been written for a while: details and counts still arriving are not the key's.
    const quiet = async (): Promise<void> => {
      const until = Date.now() + 15_000;
      let last = raw;
      for (;;) {
        await settle(250);
        if (raw === last || Date.now() > until) return;
        last = raw;
      }
    };
    try {
      const until = Date.now() + 5000;
      while (!screenOf(full).includes('Tier 2 Escalations') && Date.now() < until) await settle(20);
      await quiet();
      expect(screenOf(diffed)).toBe(screenOf(full));

      // One cursor move: a couple of changed lines (and the counter), not the screen. The smallest of up
      // to three moves: on a busy machine a late background redraw can land inside one move's window.
      let perMove = Infinity;
      let rawMove = 0;
      for (let attempt = 0; attempt < 3 && perMove >= 500; attempt++) {
        const before = stats.bytes;
        const rawBefore = raw;
        stdin.write('j');
        await quiet();
        if (stats.bytes - before < perMove) [perMove, rawMove] = [stats.bytes - before, raw - rawBefore];
      }
      expect(perMove).toBeGreaterThan(0);
      expect(perMove).toBeLessThan(500);
      // Ink's own write of the same frame: the whole screen.
      expect(rawMove).toBeGreaterThan(perMove * 3);
      // One filter character.
      stdin.write('/');
      await quiet();
      const beforeChar = stats.bytes;
      stdin.write('T');
      await quiet();
      expect(stats.bytes - beforeChar).toBeLessThan(800);
      stdin.write(keys.escape);
      await settle(60);

      // 200 mixed keys: moves, filters, opening and leaving the detail, compare marks, help.
      const mix = ['j', 'j', 'k', keys.pageDown, keys.pageUp, 'G', 'g', '/', 'T', 'i', 'e', keys.backspace, keys.enter, keys.escape, keys.enter, 'j', 'j', keys.escape, ' ', 'j', ' ', '=', keys.escape, '?', keys.escape, 'N', 'M', '#', 'u', keys.escape];
      for (let i = 0; i < 200; i += 1) {
        stdin.write(mix[i % mix.length]!);
        await settle(15);
        // Compared when nothing more is being written (a write between the two terminals' flushes
        // would show one a frame ahead of the other).
        if (i % 10 === 9) {
          await quiet();
          expect(screenOf(diffed), `after key ${i + 1}`).toBe(screenOf(full));
        }
      }
      await quiet();
      expect(screenOf(diffed)).toBe(screenOf(full));
    } finally {
      instance.unmount();
    }
  }, 60_000);
});

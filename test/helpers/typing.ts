// Typing one character at a time, waiting for each character to show before the next, for the tests
// that assert each intermediate frame. (Text fields are reducer-backed, so keys written back to back
// are not lost either: test/app/read-only-hostile.test.tsx types that way.)
import type { TuiHandle } from './render-tui.js';
import { yieldTurn } from './render-tui.js';

export async function typeText(tui: TuiHandle, text: string): Promise<void> {
  // A trailing space does not change the (trimmed) frame: it goes with the next character.
  const chunks = text.match(/ *[^ ]| +$/g) ?? [];
  for (const chunk of chunks) await pressAndWaitForChange(tui, chunk);
}

export async function pressAndWaitForChange(tui: TuiHandle, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const before = tui.frame();
    await tui.press(key);
    await tui.waitForFrame((f) => f !== before);
    // The controlled input re-subscribes its key handler after the commit that showed the change.
    await yieldTurn();
    await yieldTurn();
  }
}

/** Waits for a frame, then lets the new screen's effects (its key handler) attach. */
export async function settle(tui: TuiHandle, match: Parameters<TuiHandle['waitForFrame']>[0]): Promise<string> {
  const frame = await tui.waitForFrame(match);
  await yieldTurn();
  await yieldTurn();
  return frame;
}

/** Waits for an asynchronous condition (a file on disk, a callback) without a fixed sleep. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await yieldTurn();
  }
}

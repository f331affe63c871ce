// The terminal lent to `aws sso login` while the app runs (src/app/hand-over.ts), checked through a
// terminal emulator (@xterm/headless): the command gets the normal screen and cooked input, the app's
// frames drawn meanwhile are followed but not written, and afterwards the alternate screen shows the
// app's latest frame, whole. Then the command itself, run for real (src/io.ts runOnTerminal) with a
// stand-in `aws` on PATH.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameDiffStdout } from '../../src/app/frame-diff.js';
import { handOver } from '../../src/app/hand-over.js';
import { ENTER_ALT_SCREEN } from '../../src/app/terminal.js';
import { runOnTerminal } from '../../src/io.js';
import { flush, screenOf, Terminal, TtyOut } from '../helpers/xterm.js';

/** Ink's "erase the previous N lines" before a frame (ansi-escapes' eraseLines). */
const erase = (n: number): string => `${'\u001B[2K\u001B[1A'.repeat(n - 1)}\u001B[2K\u001B[G`;
const dir = mkdtempSync(join(tmpdir(), 'spex-hand-over-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the terminal lent to a command', () => {
  it('gives the command the normal screen and cooked input, follows the frames drawn meanwhile without writing them, and draws the latest whole after', async () => {
    const term = new Terminal({ cols: 100, rows: 8, allowProposedApi: true, convertEol: true });
    const real = new TtyOut((d) => term.write(d), 100, 8);
    const frames = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    const modes: boolean[] = [];
    const stdin = Object.assign(new TtyOut(() => undefined), { isRaw: true, setRawMode: (mode: boolean) => modes.push((stdin.isRaw = mode)) });
    real.write(ENTER_ALT_SCREEN);
    frames.write('profiles\nAgent\n');
    await flush(term);
    expect(screenOf(term)).toMatch(/^profiles\nAgent\n/);
    const lent = handOver({ stdout: real, frames, stdin }, async (command) => {
      expect(lent.isHandedOver).toBe(true);
      expect(stdin.isRaw).toBe(false);
      // The command writes on the terminal; the app draws a frame meanwhile (a scan's rows arriving).
      real.write(`${command}: open the URL and enter the code\n`);
      frames.write(`${erase(3)}profiles\nAgent\nSupervisor\n`);
      await flush(term);
      expect(term.buffer.active.type).toBe('normal');
      const shown = screenOf(term);
      expect(shown).toContain('spex: running `aws sso login --sso-session acme`; spex comes back when it ends.');
      expect(shown).toContain('aws sso login --sso-session acme: open the URL and enter the code');
      expect(shown).not.toContain('Supervisor');
      return undefined;
    });
    await expect(lent.run('aws sso login --sso-session acme')).resolves.toBeUndefined();
    await flush(term);
    expect(lent.isHandedOver).toBe(false);
    expect(modes).toEqual([false, true]);
    expect(term.buffer.active.type).toBe('alternate');
    expect(screenOf(term)).toBe(['profiles', 'Agent', 'Supervisor', '', '', '', '', ''].join('\n'));
    // Frames are written again, as changes to the frame drawn whole.
    frames.write(`${erase(4)}profiles\nAgent\nSupervisor\nAuditor\n`);
    await flush(term);
    expect(screenOf(term)).toMatch(/^profiles\nAgent\nSupervisor\nAuditor\n/);
  });

  it('runs the command on the terminal and says how it ended', async () => {
    const calls = join(dir, 'calls');
    const aws = join(dir, 'aws');
    writeFileSync(aws, `#!/bin/sh\nprintf '[%s]' "$@" >> ${calls}\necho >> ${calls}\nexit "\${AWS_EXIT:-0}"\n`);
    chmodSync(aws, 0o755);
    const env = { PATH: `${dir}:${process.env.PATH ?? ''}` };
    await expect(runOnTerminal('aws sso login --sso-session acme', env)).resolves.toBeUndefined();
    // A session's name that is not one plain word is quoted in the command, and reaches it as one argument.
    await expect(runOnTerminal("aws sso login --sso-session 'acme eu'", env)).resolves.toBeUndefined();
    expect(readFileSync(calls, 'utf8')).toBe('[sso][login][--sso-session][acme]\n[sso][login][--sso-session][acme eu]\n');
    await expect(runOnTerminal('aws sso login --sso-session acme', { ...env, AWS_EXIT: '3' })).resolves.toBe('`aws sso login --sso-session acme` ended with status 3');
    await expect(runOnTerminal('aws sso login --sso-session acme', { PATH: join(dir, 'nowhere') })).resolves.toMatch(/^`aws sso login --sso-session acme` could not be started \(.*ENOENT/);
  });
});

// Hostile server text on every screen of the TUI, through the real terminal path: the fleet shell
// renders into spex's own writer (frame-diff, the one that reaches the terminal), and that writes into
// a real terminal emulator (@xterm/headless) whose parser records every title change, OSC 52
// clipboard write, hyperlink and other OSC it is asked to act on. The data carries hostile text in
// every field the server controls (test/fixtures/hostile.ts), the instance alias included. Every
// screen, modal and fleet view is visited: the routes below are keyed by the run-time lists of them
// (SCREEN_KINDS, MODAL_KINDS, FLEET_VIEW_KINDS), so a new one fails this test until it has a route.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { FLEET_VIEW_KINDS } from '../../src/state/fleet-reducer.js';
import { frameDiffStdout } from '../../src/app/frame-diff.js';
import { ENTER_ALT_SCREEN } from '../../src/app/terminal.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { type Demo, startDemo } from '../../src/demo.js';
import { MODAL_KINDS, SCREEN_KINDS } from '../../src/state/app-state.js';
import { demoInstanceArn, demoProfileArn } from '../../src/emulator/index.js';
import { FakeStdin } from '../helpers/fake-stdin.js';
import { flush, screenOf, Terminal, TtyOut } from '../helpers/xterm.js';
import { keys } from '../helpers/keys.js';
import { HOSTILE, HOSTILE_PROFILE, plantHostile } from '../fixtures/hostile.js';
import { FIXED_NOW } from './render-app.js';

const COLUMNS = 120;
const ROWS = 35;

let demo: Demo;
let dir: string;
beforeAll(async () => {
  demo = await startDemo({ asyncDelayMs: 0, spex: { pollSchedule: { firstMs: 5, maxMs: 50 }, maxAttempts: 1 } });
  dir = mkdtempSync(join(tmpdir(), 'spex-hostile-tui-'));
  plantHostile({ emulator: demo.emulator, region: 'us-east-1', instanceArn: demoInstanceArn() }, { alias: true });
  demo.emulator.modifyProfile('us-east-1', demoProfileArn('Tier 2 Escalations'), (m) => {
    m.Description = HOSTILE;
  });
});
afterAll(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The escape sequences spex's writer itself uses: colours, cursor moves and erasures, modes. */
const OWN_SEQUENCE = /^\u001b\[(?:[0-9;]*m|\d+;1H|H|K|2K|2J|3J|1A|G|\?(?:25|2026|1049)[hl])$/;

describe('hostile text on every screen of the TUI, on a real terminal', () => {
  it('no title, clipboard, hyperlink or other OSC is acted on, no C1 or bidi control is written, and the hostile names stay recognisable', async () => {
    const term = new Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true });
    const acted: string[] = [];
    term.onTitleChange((title) => acted.push(`title ${title}`));
    for (const id of [0, 1, 2, 4, 7, 8, 10, 11, 12, 52, 104, 133, 777, 1337]) {
      term.parser.registerOscHandler(id, (data) => {
        acted.push(`OSC ${id} ${data}`);
        return true;
      });
    }
    term.write(ENTER_ALT_SCREEN);
    let written = '';
    const stdout = frameDiffStdout(new TtyOut((d) => {
      written += d;
      term.write(d);
    }) as unknown as NodeJS.WriteStream);
    const stdin = new FakeStdin();
    const fleet = { accounts: demo.fleet().accounts.map((a) => ({ ...a, regions: ['us-east-1', 'us-west-2'] })), close: async () => undefined };
    const instance = render(
      <ThemeProvider isColor>
        <FleetShell fleet={fleet} initial={{}} now={() => FIXED_NOW} journalDir={join(dir, 'promotions')} />
      </ThemeProvider>,
      { stdout, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new TtyOut(() => undefined) as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false },
    );
    const screen = async (): Promise<string> => {
      await flush(term);
      return screenOf(term);
    };
    const waitFor = async (what: string | RegExp | ((text: string) => boolean), timeoutMs = 10_000): Promise<string> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const text = await screen();
        if (typeof what === 'string' ? text.includes(what) : typeof what === 'function' ? what(text) : what.test(text)) {
          // The effect that attaches the new screen's key handler runs after the commit that drew it.
          await new Promise((resolve) => setTimeout(resolve, 30));
          return text;
        }
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(what)}; screen:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    };
    const press = async (...input: string[]): Promise<void> => {
      for (const key of input) {
        stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, key === keys.escape ? 60 : 20));
      }
    };
    const seen: string[] = [];
    /** Selects a profile in the table by filtering for it (Esc then clears the filter and keeps the cursor on it). */
    const select = async (name: string): Promise<void> => {
      // A filter left applied shows as its own "/text" line: Esc clears it first.
      if ((await screen()).split('\n').some((l) => /^\/\S/.test(l))) {
        await press(keys.escape);
        await waitFor((t) => !t.split('\n').some((l) => /^\/\S/.test(l)));
      }
      await press('/', ...name.split(''), keys.enter);
      await waitFor(new RegExp(`›\\s+.*${name}`));
      await press(keys.escape);
      await waitFor(new RegExp(`›\\s+.*${name}`));
    };
    /** Esc, one at a time, until the profile table shows (an unsaved draft is discarded when asked). */
    const backToList = async (): Promise<string> => {
      for (let i = 0; i < 8; i++) {
        const text = await screen();
        if (text.includes('You have unsaved changes.')) await press('x');
        else if (text.includes('Modified (UTC)') && !/› Edit |Review the change|Keys — /.test(text)) return text;
        else await press(keys.escape);
        await new Promise((r) => setTimeout(r, 60));
      }
      return waitFor('Modified (UTC)');
    };
    /** Moves the row cursor (›) to the line matching `row`, one key at a time, each move seen on screen. */
    const cursorTo = async (row: RegExp): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        const lines = (await screen()).split('\n');
        const at = lines.findIndex((l) => l.startsWith('›'));
        const want = lines.findIndex((l) => row.test(l));
        if (want < 0) throw new Error(`no row ${String(row)} on screen:\n${lines.join('\n')}`);
        if (at === want) return;
        await press(want > at ? 'j' : 'k');
        const until = Date.now() + 2000;
        while ((await screen()).split('\n').findIndex((l) => l.startsWith('›')) === at && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the cursor did not reach ${String(row)}:\n${await screen()}`);
    };

    // Each route reaches its screen from where the one before left off, and names the text that shows it.
    const routes: { kind: string; go: () => Promise<string> }[] = [
      { kind: 'fleet:fleet', go: () => waitFor('ACTIVE instances in 2 accounts') },
      { kind: 'fleet:help', go: async () => (await press('?'), waitFor('Keys — ')) },
      { kind: 'fleet:drift', go: async () => (await press(keys.escape), await press('D'), waitFor('every instance read')) },
      { kind: 'fleet:cell', go: async () => (await press('j', keys.enter), waitFor(/difference|Not read yet|↔/)) },
      {
        kind: 'fleet:promote',
        go: async () => {
          // Night Leads is only in acme-dev: promoted to the hostile instance, it is blocked by a group
          // that instance lacks, and the candidates offered are the hostile groups.
          await press(keys.escape);
          if (!(await screen()).includes('every instance read')) {
            await press(keys.escape, 'D');
            await waitFor('every instance read');
          }
          for (let i = 0; i < 6; i++) await press('l');
          await press('b');
          for (let i = 0; i < 6; i++) await press('h');
          await waitFor(/◆ baseline: acme-platform:acme-dev · every instance read/);
          await cursorTo(/^[ ›] Night Leads\b/);
          await press(' ', 'P');
          // The candidates offered are the target's groups: hostile names, inert.
          const plan = await waitFor(/BLOCKED[\s\S]*Americas\uFFFD\$\(touch x\)/);
          await press('m');
          return plan + (await waitFor('+ create “Night Leads”'));
        },
      },
      {
        kind: 'fleet:instance',
        go: async () => {
          await press(keys.escape, keys.escape, keys.escape);
          await waitFor('ACTIVE instances in 2 accounts');
          await press(keys.escape, 'g');
          return (await press(keys.enter), waitFor('Modified (UTC)'));
        },
      },
      { kind: 'screen:list', go: () => waitFor('Modified (UTC)') },
      {
        kind: 'screen:detail',
        go: async () => {
          await press('/', ...'Evil'.split(''), keys.enter);
          await waitFor(/›\s+.*Evil/);
          return (await press(keys.enter), waitFor('Description:'));
        },
      },
      { kind: 'screen:holders', go: async () => (await press('u'), waitFor(/users? holds?|Who holds/)) },
      { kind: 'screen:explain', go: async () => (await press(keys.enter), waitFor(/can do|What .* can/)) },
      { kind: 'screen:findings', go: async () => (await press(keys.escape, keys.escape, keys.escape), await waitFor('Modified (UTC)'), await press('!'), waitFor(/finding/i)) },
      {
        kind: 'screen:compare',
        go: async () => {
          await press(keys.escape);
          await waitFor('Modified (UTC)');
          await press(' ', 'j', ' ', '=');
          return waitFor(/Permission|↔|compare/i);
        },
      },
      { kind: 'screen:history', go: async () => (await backToList(), await press('h'), waitFor(/History of .*changes? in 90 days/)) },
      { kind: 'modal:help', go: async () => (await backToList(), await press('?'), waitFor('Keys — ')) },
      {
        kind: 'modal:editor',
        go: async () => {
          await backToList();
          await select('Evil');
          await press('e');
          await waitFor('[Permissions]');
          await press(keys.tab);
          return waitFor('[Fields]');
        },
      },
      {
        kind: 'editor:review',
        go: async () => {
          // The hostile profile cannot be saved (Connect refuses its tag key, said above); one whose description is hostile can.
          await backToList();
          await select('Tier 2 Escalations');
          await press('e');
          await waitFor('[Permissions]');
          await press(keys.tab);
          await waitFor('[Fields]');
          await press(keys.tab, ' ', 's');
          return waitFor('Review the change');
        },
      },
      { kind: 'editor:request', go: async () => (await press('p'), waitFor(/request|PatchDocument|UpdateSecurityProfile/)) },
      { kind: 'modal:operations', go: async () => (await backToList(), await press('o'), waitFor('Operations —')) },
      { kind: 'modal:delete', go: async () => (await backToList(), await select('Evil'), await press('d'), waitFor(/users hold it|Type the profile’s name/)) },
      { kind: 'modal:clone-target', go: async () => (await backToList(), await press('C'), waitFor(/Clone into/)) },
      // Every profile name (the hostile ones too) in the holders session's pick.
      { kind: 'modal:assign', go: async () => (await backToList(), await press(':'), await waitFor('Users of the instance'), await press(keys.enter, '+'), waitFor('a security profile: which one?')) },
      { kind: 'modal:export-file', go: async () => (await backToList(), await press('X'), waitFor(/Export \d+ profiles? of/)) },
      { kind: 'modal:apply-file', go: async () => (await backToList(), await press('A'), waitFor(/profiles file|Apply/)) },
      { kind: 'screen:instances', go: async () => (await backToList(), await press(keys.escape), waitFor('Instances')) },
      { kind: 'screen:regions', go: async () => (await press(keys.escape), waitFor(/Region/)) },
    ];

    try {
      for (const route of routes) {
        const text = await route.go();
        seen.push(route.kind);
        // What was written so far: only spex's own sequences, no string, no C1, no bidi control.
        expect(written, route.kind).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(written, route.kind).not.toMatch(/\u001b[\]P_^X]/);
        for (const sequence of written.match(/\u001b\[[0-?]*[ -/]*[@-~]/g) ?? []) expect(sequence, `${route.kind}: ${JSON.stringify(sequence)}`).toMatch(OWN_SEQUENCE);
        expect(acted, route.kind).toEqual([]);
        expect(text.length, route.kind).toBeGreaterThan(0);
      }
      // The hostile names are still there to be read, inert.
      expect(written).toContain('Evil');
      expect(written).toContain('Twin');
    } finally {
      instance.unmount();
    }
    // Every screen, modal and fleet view had a route.
    const kinds = [...SCREEN_KINDS.map((k) => `screen:${k}`), ...MODAL_KINDS.map((k) => `modal:${k}`), ...FLEET_VIEW_KINDS.map((k) => `fleet:${k}`)];
    expect(kinds.filter((k) => !seen.includes(k))).toEqual([]);
    expect(HOSTILE_PROFILE).toBe('Team Leads');
  }, 120_000);
});

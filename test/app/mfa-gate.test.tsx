// An MFA code asked for while the app draws (a role's session ending an hour into a run): a masked
// prompt over the app naming the profile and the device, which holds the app's keys and keeps its
// state. Through the SDK against the emulator, whose SpexAdminMfa role demands MFA (the demo device's
// code is 123456): the fleet screen's scan of such a profile waits for the prompt, the code typed there
// assumes the role, and the scan ends with the account's instance.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Text } from 'ink';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { MfaGate } from '../../src/app/mfa-gate.js';
import { useInput } from '../../src/components/input-gate.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { openBackend } from '../../src/fleet/backend.js';
import { createMfaFeed } from '../../src/hooks/use-mfa-asks.js';
import { askMfaCode } from '../../src/io.js';
import { createSpex } from '../../src/aws/index.js';
import { backendPerFile } from '../helpers/tui-backend.js';
import { keys } from '../helpers/keys.js';
import { memoryIo } from '../helpers/memory-io.js';
import { renderTui } from '../helpers/render-tui.js';
import { FIXED_NOW } from './render-app.js';

const DEVICE = 'arn:aws:iam::123456789012:mfa/alice';
const file = backendPerFile({}, 'spex-mfa-gate-');
beforeAll(() => {
  writeFileSync(join(file.dir, 'credentials'), '[base]\naws_access_key_id = 123456789012\naws_secret_access_key = base-secret\n');
  writeFileSync(join(file.dir, 'config'), `[profile base]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/SpexAdminMfa\nmfa_serial = ${DEVICE}\nsource_profile = base\nregion = us-east-1\n`);
});

/** An app underneath: what it has heard of the keys. */
function Underneath() {
  const [heard, setHeard] = useState('');
  useInput((input) => setHeard((h) => h + input));
  return <Text>underneath heard [{heard}]</Text>;
}

function gate(feed: ReturnType<typeof createMfaFeed>) {
  return renderTui(
    <ThemeProvider isColor={false}>
      <MfaGate feed={feed}>
        <Underneath />
      </MfaGate>
    </ThemeProvider>,
    { columns: 100, rows: 30 },
  );
}

describe('an MFA code asked for over the app', () => {
  it('holds the keys of the app underneath, masks the code, refuses one that is not six digits, and gives the app back', async () => {
    const feed = createMfaFeed();
    const tui = gate(feed);
    await tui.press('a');
    await tui.waitForFrame('underneath heard [a]');
    const asked = feed.ask(DEVICE, 'admin');
    const prompt = await tui.waitForFrame('MFA code needed');
    expect(prompt).toContain(`Device: ${DEVICE}`);
    expect(prompt).toContain("MFA code needed: profile admin");
    expect(prompt).toContain("Its role's session has ended.");
    expect(prompt).not.toContain('underneath');
    await tui.type('12a');
    await tui.press(keys.enter);
    const refused = await tui.waitForFrame('An MFA code is 6 digits');
    expect(refused).toContain('(this is 3 characters, not all digits)');
    // Masked as typed: the code itself never reaches the screen.
    expect(refused).toContain('Code: •••');
    expect(tui.frames.join('')).not.toContain('12a');
    await tui.press(keys.backspace);
    await tui.type('3456');
    await tui.press(keys.enter);
    await expect(asked).resolves.toBe('123456');
    // The app is back, with its state, and heard none of the code.
    await tui.waitForFrame('underneath heard [a]');
    await tui.press('b');
    await tui.waitForFrame('underneath heard [ab]');
  });

  it('asks one at a time, says how many wait, and Esc or Ctrl-C refuse them saying so; an app that closes refuses the rest', async () => {
    const feed = createMfaFeed();
    const tui = gate(feed);
    const first = feed.ask(DEVICE, 'admin');
    const second = feed.ask('arn:aws:iam::123456789012:mfa/bob', 'ops');
    const third = feed.ask('arn:aws:iam::123456789012:mfa/carol', 'audit');
    // Refused while keys are pressed, before the expectations below look at them.
    for (const p of [first, second, third]) p.catch(() => undefined);
    expect(await tui.waitForFrame('2 more profiles wait')).toContain('profile admin');
    await tui.press(keys.escape);
    await expect(first).rejects.toThrow(`profile admin: no MFA code from ${DEVICE} was given (skipped with Esc); its requests are refused until one is`);
    expect(await tui.waitForFrame('1 more profile waits')).toContain('profile ops');
    await tui.press(keys.ctrlC);
    await expect(second).rejects.toThrow('profile ops: no MFA code');
    await expect(third).rejects.toThrow('profile audit: no MFA code');
    await tui.waitForFrame('underneath heard []');
    const late = feed.ask(DEVICE, 'admin');
    late.catch(() => undefined);
    await tui.waitForFrame('MFA code needed');
    tui.unmount();
    await expect(late).rejects.toThrow('(spex closed)');
  });

  it('a scan on the fleet screen waits for the code, which assumes the role through STS, and then shows the instance', async () => {
    const feed = createMfaFeed();
    const io = memoryIo({ stdinTTY: true });
    const env = { AWS_CONFIG_FILE: join(file.dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(file.dir, 'credentials'), SPEX_CACHE_DIR: join(file.dir, 'cache'), HOME: file.dir };
    // As app/run.ts asks once the app draws: over the app, never on the terminal.
    const opened = openBackend({ profile: 'admin', endpointUrl: file.backend.emulator.url, region: 'us-east-1' }, env, DEFAULT_SETTINGS, { askMfa: askMfaCode(io, () => true, feed.ask) });
    file.closeAfterTest(opened.close);
    const fleet = await opened.fleet();
    const before = file.backend.emulator.requests.filter((r) => r.operation === 'AssumeRole').length;
    const tui = renderTui(
      <ThemeProvider isColor={false}>
        <MfaGate feed={feed}>
          <FleetShell fleet={fleet} initial={{}} now={() => FIXED_NOW} journalDir={join(file.dir, 'promotions')} />
        </MfaGate>
      </ThemeProvider>,
      { columns: 130, rows: 40 },
    );
    expect(await tui.waitForFrame('MFA code needed', { timeoutMs: 10_000 })).toContain(DEVICE);
    await tui.type('123456');
    await tui.press(keys.enter);
    const done = await tui.waitForFrame(/acme-prod/, { timeoutMs: 10_000 });
    expect(done).not.toContain('MFA code needed');
    expect(file.backend.emulator.requests.filter((r) => r.operation === 'AssumeRole').length).toBe(before + 1);
    // The session kept as the AWS CLI keeps its own, for the next start; nothing was written on the terminal.
    expect(readdirSync(join(file.dir, 'cache', 'cli-sessions'))).toHaveLength(1);
    expect(io.err()).toBe('');
  });

  it('a save whose code is refused fails once, as a credentials error naming the profile and device, and keeps nothing half-done', async () => {
    const feed = createMfaFeed();
    const asked: string[] = [];
    // The prompt's user: Esc to the first ask.
    const off = feed.subscribe((asks) => {
      if (asks.length === 0) return;
      asked.push(asks[0]!.profile);
      feed.skip();
    });
    const env = { AWS_CONFIG_FILE: join(file.dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(file.dir, 'credentials'), SPEX_CACHE_DIR: join(file.dir, 'cache-save'), HOME: file.dir };
    const opened = openBackend({ profile: 'admin', endpointUrl: file.backend.emulator.url, region: 'us-east-1' }, env, DEFAULT_SETTINGS, { askMfa: askMfaCode(memoryIo({ stdinTTY: true }), () => true, feed.ask) });
    file.closeAfterTest(opened.close);
    // The profile as the account holds it, read with that account's own key (the emulator's key is the account).
    const reader = createSpex({ region: 'us-east-1', endpoint: file.backend.emulator.url, credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' }, rateShare: false });
    const readerService = reader.forRegion('us-east-1');
    const [instance] = await readerService.listInstances();
    let arn: string | undefined;
    for await (const page of readerService.listProfiles(instance!.arn)) arn ??= page.find((p) => p.name === 'Agent')?.arn;
    const before = await readerService.getProfile(arn!);
    reader.close();
    const updates = (): number => file.backend.emulator.requests.filter((r) => r.operation === 'UpdateResource').length;
    const sent = updates();
    const service = await opened.service();
    const outcome = await service.updateProfile(arn!, before, { ...before, Description: 'changed while the session had ended' }).done;
    off();
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({ kind: 'credentials', message: `profile admin: no MFA code from ${DEVICE} was given (skipped with Esc); its requests are refused until one is` });
    // Asked once: the refusal is not taken for a lost update and read again (which would ask again).
    expect(asked).toEqual(['admin']);
    expect(updates()).toBe(sent);
  });
});

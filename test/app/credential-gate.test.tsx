// What the credentials ask for while the app draws (a role's session ending an hour into a run): an MFA
// code, in a masked prompt over the app naming the profile and the device, or an IAM Identity Center
// sign-in, offering the command that renews the session. The prompt holds the app's keys and keeps its
// state. Through the SDK against the emulator, whose SpexAdminMfa role demands MFA (the demo device's
// code is 123456): the fleet screen's scan of such a profile waits for the prompt, the code typed there
// assumes the role, and the scan ends with the account's instance.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Text } from 'ink';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { FleetShell } from '../../src/app/fleet/fleet-shell.js';
import { CredentialGate } from '../../src/app/credential-gate.js';
import { useInput } from '../../src/components/input-gate.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { DEFAULT_SETTINGS } from '../../src/config/settings.js';
import { openBackend } from '../../src/fleet/backend.js';
import { createCredentialFeed } from '../../src/hooks/use-credential-asks.js';
import { askMfaCode } from '../../src/io.js';
import { createSpex } from '../../src/aws/index.js';
import { backendPerFile } from '../helpers/tui-backend.js';
import { keys } from '../helpers/keys.js';
import { memoryIo } from '../helpers/memory-io.js';
import { renderTui } from '../helpers/render-tui.js';
import { FIXED_NOW } from './render-app.js';

const DEVICE = 'arn:aws:iam::123456789012:mfa/alice';
const file = backendPerFile({}, 'spex-credential-gate-');
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

function gate(feed: ReturnType<typeof createCredentialFeed>, runCommand?: (command: string) => Promise<string | undefined>) {
  return renderTui(
    <ThemeProvider isColor={false}>
      <CredentialGate feed={feed} runCommand={runCommand}>
        <Underneath />
      </CredentialGate>
    </ThemeProvider>,
    { columns: 100, rows: 30 },
  );
}

describe('an MFA code asked for over the app', () => {
  it('holds the keys of the app underneath, masks the code, refuses one that is not six digits, and gives the app back', async () => {
    const feed = createCredentialFeed();
    const tui = gate(feed);
    await tui.press('a');
    await tui.waitForFrame('underneath heard [a]');
    const asked = feed.askCode(DEVICE, 'admin');
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
    const feed = createCredentialFeed();
    const tui = gate(feed);
    const first = feed.askCode(DEVICE, 'admin');
    const second = feed.askCode('arn:aws:iam::123456789012:mfa/bob', 'ops');
    const third = feed.askCode('arn:aws:iam::123456789012:mfa/carol', 'audit');
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
    const late = feed.askCode(DEVICE, 'admin');
    late.catch(() => undefined);
    await tui.waitForFrame('MFA code needed');
    tui.unmount();
    await expect(late).rejects.toThrow('(spex closed)');
  });

  it('an Identity Center sign-in over the app: Enter runs the command, a failure says why and stays, r takes a sign-in made elsewhere, Esc refuses naming the command', async () => {
    const feed = createCredentialFeed();
    const ran: string[] = [];
    const outcomes: (string | undefined)[] = ['`aws sso login --sso-session acme` ended with status 1', undefined];
    let finish: (() => void) | undefined;
    // The terminal lent to the command (app/hand-over.ts), here a stand-in that ends when the test says.
    const runCommand = (command: string) =>
      new Promise<string | undefined>((resolve) => {
        ran.push(command);
        finish = () => resolve(outcomes.shift());
      });
    const tui = gate(feed, runCommand);
    const command = 'aws sso login --sso-session acme';
    const first = feed.askLogin('sso-session acme', command);
    const prompt = await tui.waitForFrame('IAM Identity Center sign-in needed: sso-session acme');
    expect(prompt).toContain(command);
    expect(prompt).toContain('Enter runs the command here');
    expect(prompt).not.toContain('underneath');
    await tui.press(keys.enter);
    await tui.waitForFrame('Running it…');
    // Keys typed while the command has the terminal answer nothing, and do not reach the app.
    await tui.press(keys.enter);
    await tui.press('r');
    expect(ran).toEqual([command]);
    finish!();
    const failed = await tui.waitForFrame('ended with status 1.');
    expect(failed).not.toContain('Running it…');
    await tui.press(keys.enter);
    await tui.waitForFrame('Running it…');
    finish!();
    await expect(first).resolves.toBeUndefined();
    expect(ran).toEqual([command, command]);
    await tui.waitForFrame('underneath heard []');
    // A sign-in made in another terminal: r, and the credentials read the cache again.
    const second = feed.askLogin('sso-session acme', command);
    await tui.waitForFrame('sign-in needed');
    await tui.press('r');
    await expect(second).resolves.toBeUndefined();
    expect(ran).toHaveLength(2);
    const third = feed.askLogin('sso-session acme', command);
    third.catch(() => undefined);
    await tui.waitForFrame('sign-in needed');
    await tui.press(keys.escape);
    await expect(third).rejects.toThrow('the IAM Identity Center session of sso-session acme has ended and no new sign-in was made (skipped with Esc): run `aws sso login --sso-session acme`');
    await tui.waitForFrame('underneath heard []');
  });

  it('asks of both kinds wait in the order they came; the MFA prompt counts only the profiles waiting for a code', async () => {
    const feed = createCredentialFeed();
    const tui = gate(feed);
    const code = feed.askCode(DEVICE, 'admin');
    const login = feed.askLogin('sso-session acme', 'aws sso login --sso-session acme');
    code.catch(() => undefined);
    const prompt = await tui.waitForFrame('MFA code needed');
    expect(prompt).not.toContain('more profile');
    await tui.press(keys.escape);
    await expect(code).rejects.toThrow('profile admin: no MFA code');
    await tui.waitForFrame('sign-in needed: sso-session acme');
    await tui.press('r');
    await expect(login).resolves.toBeUndefined();
    await tui.waitForFrame('underneath heard []');
  });

  it('without a terminal to lend, the sign-in prompt says to run the command elsewhere and press r', async () => {
    const feed = createCredentialFeed();
    const tui = gate(feed);
    const asked = feed.askLogin('profile dev', 'aws sso login --profile dev');
    const prompt = await tui.waitForFrame('sign-in needed: profile dev');
    expect(prompt).toContain('Run it in another terminal, then press r.');
    expect(prompt).not.toContain('Enter');
    await tui.press(keys.enter);
    await tui.press('r');
    await expect(asked).resolves.toBeUndefined();
  });

  it('a scan on the fleet screen waits for the code, which assumes the role through STS, and then shows the instance', async () => {
    const feed = createCredentialFeed();
    const io = memoryIo({ stdinTTY: true });
    const env = { AWS_CONFIG_FILE: join(file.dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(file.dir, 'credentials'), SPEX_CACHE_DIR: join(file.dir, 'cache'), HOME: file.dir };
    // As app/run.ts asks once the app draws: over the app, never on the terminal.
    const opened = openBackend({ profile: 'admin', endpointUrl: file.backend.emulator.url, region: 'us-east-1' }, env, DEFAULT_SETTINGS, { askMfa: askMfaCode(io, () => true, feed.askCode) });
    file.closeAfterTest(opened.close);
    const fleet = await opened.fleet();
    const before = file.backend.emulator.requests.filter((r) => r.operation === 'AssumeRole').length;
    const tui = renderTui(
      <ThemeProvider isColor={false}>
        <CredentialGate feed={feed}>
          <FleetShell fleet={fleet} initial={{}} now={() => FIXED_NOW} journalDir={join(file.dir, 'promotions')} />
        </CredentialGate>
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
    const feed = createCredentialFeed();
    const asked: string[] = [];
    // The prompt's user: Esc to the first ask.
    const off = feed.subscribe((asks) => {
      if (asks.length === 0) return;
      asked.push((asks[0] as { profile: string }).profile);
      feed.skip();
    });
    const env = { AWS_CONFIG_FILE: join(file.dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(file.dir, 'credentials'), SPEX_CACHE_DIR: join(file.dir, 'cache-save'), HOME: file.dir };
    const opened = openBackend({ profile: 'admin', endpointUrl: file.backend.emulator.url, region: 'us-east-1' }, env, DEFAULT_SETTINGS, { askMfa: askMfaCode(memoryIo({ stdinTTY: true }), () => true, feed.askCode) });
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

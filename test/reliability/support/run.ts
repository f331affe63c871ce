// Runs a headless command against a test emulator, as a script would: flags for endpoint and region,
// a key pair in the environment, stdout and stderr captured.
import { runCommand } from '../../../src/commands/index.js';
import { SECURITY_PROFILE_TYPE } from '../../../src/domain/profile/security-profile.js';
import { TEST_CREDENTIALS, type TestBackend } from '../../helpers/emulator.js';
import { memoryIo } from '../../helpers/memory-io.js';

export interface CommandResult {
  code: number;
  out: string;
  err: string;
}

export async function runAgainst(
  backend: TestBackend,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdoutTTY?: boolean; endpoint?: string } = {},
): Promise<CommandResult> {
  const io = memoryIo({
    env: options.env ?? { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
    ...(options.stdoutTTY ? { stdoutTTY: true } : {}),
  });
  const [name, ...rest] = args;
  const code = await runCommand(name!, [...rest, '--endpoint-url', options.endpoint ?? backend.emulator.url, '--region', backend.region], io);
  return { code, out: io.out(), err: io.err() };
}

/** Everything the emulator holds for security profiles in the region, for "nothing changed" checks. */
export function profileState(backend: TestBackend): string {
  const models = backend.emulator.listModels(backend.region, SECURITY_PROFILE_TYPE);
  return JSON.stringify(models.sort((a, b) => String(a.SecurityProfileArn).localeCompare(String(b.SecurityProfileArn))));
}

export { sent } from '../../helpers/emulator.js';

/** Characters a terminal acts on (ESC and other C0 controls but \n, DEL, C1, bidi controls). */
export const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

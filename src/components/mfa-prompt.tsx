// The MFA code asked for over the app (app/credential-gate.tsx), when a role's session ends while spex runs:
// which profile and which device, the code masked as it is typed, what Esc does. Presentational.
import { Box, Text } from 'ink';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { Footer } from './footer.js';
import { TextField } from './text-field.js';
import { useTone } from './theme.js';

export interface MfaPromptProps {
  readonly device: string;
  readonly profile: string;
  /** How many characters are typed, and where the cursor is: only masks are drawn. */
  readonly typed: number;
  readonly cursor: number;
  /** Why the last Enter was refused. */
  readonly error: string | undefined;
  /** Asks waiting after this one (other profiles). */
  readonly more: number;
  readonly width: number;
}

export function MfaPrompt({ device, profile, typed, cursor, error, more, width }: MfaPromptProps) {
  const tone = useTone();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 100)}>
      <Text bold wrap="truncate-end">MFA code needed: profile {sanitizeLine(profile)}</Text>
      <Text wrap="wrap">Its role&apos;s session has ended. Type the code the device shows now.</Text>
      <Text wrap="truncate-end">
        Device: <Text {...tone('accent')}>{sanitizeLine(device)}</Text>
      </Text>
      <Box>
        <Text>Code: </Text>
        <TextField value={'•'.repeat(typed)} cursor={cursor} placeholder="6 digits" isFocused />
      </Box>
      {error !== undefined ? <Text {...tone('error')}>{error}</Text> : null}
      {more > 0 ? <Text {...tone('muted')}>{more === 1 ? '1 more profile waits' : `${more} more profiles wait`} for a code after this one.</Text> : null}
      <Text {...tone('muted')} wrap="wrap">This account&apos;s requests wait for the code.</Text>
      <Text {...tone('muted')} wrap="wrap">Esc refuses them (they fail, saying so); the next request asks again.</Text>
      <Footer hints={[{ keys: 'Enter', help: 'send' }, { keys: 'Esc', help: 'skip' }, { keys: 'Ctrl-C', help: 'skip every ask' }]} width={Math.min(width, 100) - 4} />
    </Box>
  );
}

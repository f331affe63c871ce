// A sign-in asked for over the app (app/credential-gate.tsx), when an IAM Identity Center session ends
// while spex runs: which session, the command that renews it, whether it is running or why it failed,
// what each key does. Presentational.
import { Box, Text } from 'ink';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { Footer } from './footer.js';
import { useTone } from './theme.js';

export interface SsoLoginPromptProps {
  /** `sso-session acme` or `profile dev`. */
  readonly what: string;
  readonly command: string;
  /** Whether spex can lend the terminal to the command (else it is run in another terminal). */
  readonly canRun: boolean;
  readonly running: boolean;
  /** Why the last run failed. */
  readonly failure: string | undefined;
  /** Asks waiting after this one. */
  readonly more: number;
  readonly width: number;
}

export function SsoLoginPrompt({ what, command, canRun, running, failure, more, width }: SsoLoginPromptProps) {
  const tone = useTone();
  const boxWidth = Math.min(width, 100);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={boxWidth}>
      <Text bold wrap="truncate-end">IAM Identity Center sign-in needed: {sanitizeLine(what)}</Text>
      <Text wrap="wrap">Its session has ended, so spex cannot get credentials through it. This renews it:</Text>
      <Text {...tone('accent')} wrap="truncate-end">
        {'  '}
        {sanitizeLine(command)}
      </Text>
      {running ? <Text {...tone('muted')}>Running it…</Text> : null}
      {failure !== undefined ? <Text {...tone('error')} wrap="wrap">{sanitizeLine(failure)}.</Text> : null}
      {more > 0 ? <Text {...tone('muted')}>{more === 1 ? '1 more ask waits' : `${more} more asks wait`} after this one.</Text> : null}
      <Text {...tone('muted')} wrap="wrap">
        Those accounts&apos; requests wait. {canRun ? 'Enter runs the command here: spex steps aside until it ends. Or run' : 'Run'} it in another terminal, then press r.
      </Text>
      <Text {...tone('muted')} wrap="wrap">Esc refuses them (they fail, saying so); the next request asks again.</Text>
      <Footer
        hints={[...(canRun ? [{ keys: 'Enter', help: 'run it here' }] : []), { keys: 'r', help: 'signed in elsewhere' }, { keys: 'Esc', help: 'skip' }, { keys: 'Ctrl-C', help: 'skip every ask' }]}
        width={boxWidth - 4}
      />
    </Box>
  );
}

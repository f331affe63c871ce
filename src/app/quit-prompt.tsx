// "Quit with unsaved changes?": asked over an editor whose draft differs from what was opened.
import { Box, Text } from 'ink';
import { Footer } from '../components/footer.js';
import { useTone } from '../components/theme.js';
import { footerHints } from '../keys/keymap.js';

export interface QuitPromptProps {
  /** Requests this session started that have not ended (reported with their tokens on quit). */
  readonly inFlight: number;
}

export function QuitPrompt({ inFlight }: QuitPromptProps) {
  const tone = useTone();
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text {...tone('warning')}>Quit with unsaved changes?</Text>
      <Text wrap="wrap">The draft stays on disk and is offered back when you open the profile again.</Text>
      {inFlight > 0 ? (
        <Text wrap="wrap">
          {inFlight} request{inFlight === 1 ? '' : 's'} still running will be listed with {inFlight === 1 ? 'its token' : 'their tokens'} after spex closes.
        </Text>
      ) : null}
      <Footer hints={footerHints('quit-confirm')} />
    </Box>
  );
}

// What an editing session shows before its component can open: loading what it needs, or why it
// could not. Esc (or Enter) closes it; the shell's own keys are off while a session is open.
import { Box, Text } from 'ink';
import { useInput } from '../components/input-gate.js';
import { ErrorMessage, LoadingMessage } from '../components/message.js';
import type { Remote } from '../state/remote.js';

export interface SessionWaitProps {
  readonly remote: Remote<unknown>;
  readonly loadingText: string;
  readonly errorTitle: string;
  readonly isActive: boolean;
  readonly onClose: () => void;
}

export function SessionWait({ remote, loadingText, errorTitle, isActive, onClose }: SessionWaitProps) {
  useInput(
    (_input, key) => {
      if (key.escape || key.return) onClose();
    },
    { isActive },
  );
  if (remote.status === 'error') {
    return (
      <Box flexDirection="column">
        <ErrorMessage title={errorTitle} error={remote.error} />
        <Text> Esc closes.</Text>
      </Box>
    );
  }
  return <LoadingMessage text={`${loadingText} (Esc cancels)`} />;
}

// Explicit loading, empty and error states for a screen body, each with a word and a marker.
import { Box, Text } from 'ink';
import type { DomainError } from '../domain/service/errors.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import { useTone } from './theme.js';

export function LoadingMessage({ text }: { readonly text: string }) {
  const tone = useTone();
  return (
    <Box paddingLeft={2} paddingTop={1}>
      <Text {...tone('muted')}>… {text}</Text>
    </Box>
  );
}

export function EmptyMessage({ text }: { readonly text: string }) {
  return (
    <Box paddingLeft={2} paddingTop={1}>
      <Text>∅ {text}</Text>
    </Box>
  );
}

/** One line for an error (`access denied: …`), for rows and status lines. */
export function errorText(error: DomainError): string {
  const kind = error.kind.replace(/-/g, ' ');
  return sanitizeLine(`${kind}: ${error.message}`);
}

export interface ErrorMessageProps {
  readonly title: string;
  readonly error: DomainError;
  /** The key that retries, e.g. `r`. */
  readonly retryKey?: string;
}

export function ErrorMessage({ title, error, retryKey }: ErrorMessageProps) {
  const tone = useTone();
  return (
    <Box flexDirection="column" paddingLeft={2} paddingTop={1}>
      <Text {...tone('error')} wrap="truncate-end">
        ✗ {title}
      </Text>
      <Text wrap="wrap">{errorText(error)}</Text>
      {error.code !== undefined ? <Text {...tone('muted')}>code: {sanitizeLine(error.code)}</Text> : null}
      {retryKey !== undefined ? (
        <Text>
          Press <Text bold>{retryKey}</Text> to retry.
        </Text>
      ) : null}
    </Box>
  );
}

// The second question before a write to a production instance (config.json "production"), and the
// gate's shape: the gate itself is a hook (hooks/production.tsx); views get it as a prop.
import { Text } from 'ink';
import { useTone } from './theme.js';

export interface ProductionGate {
  /** The production label of what is written to ("prod:acme-prod"), or undefined off production. */
  readonly label: string | undefined;
  /** Waiting for the second confirmation. */
  readonly isArmed: boolean;
  /** Runs `write` at once off production; on production, the first call arms, the second runs it. */
  pass(write: () => void): void;
  reset(): void;
}

/** Off production: every write passes at once. */
export const NO_PRODUCTION_GATE: ProductionGate = { label: undefined, isArmed: false, pass: (write) => write(), reset: () => undefined };

/** The second question, in the error tone so it cannot be missed; nothing off production. */
export function ProductionQuestion({ label, what }: { readonly label: string | undefined; readonly what: string }) {
  const tone = useTone();
  if (label === undefined) return null;
  return (
    <Text {...tone('error')} bold wrap="wrap">
      ⚠ PRODUCTION ({label}): {what}? Press y again to send it, Esc to go back. Nothing has been sent yet.
    </Text>
  );
}

// Production instances (config.json "production"): the header carries a loud marker, and every write
// asks once more. The label (e.g. "prod:acme-prod") reaches the sessions through context; a gate
// holds the write until a second y.
import { Text } from 'ink';
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { useTone } from '../components/theme.js';

const ProductionContext = createContext<string | undefined>(undefined);

export function ProductionProvider({ label, children }: { readonly label: string | undefined; readonly children: ReactNode }) {
  return <ProductionContext.Provider value={label}>{children}</ProductionContext.Provider>;
}

/** The production label of the instance on view, or undefined when it is not production. */
export function useProduction(): string | undefined {
  return useContext(ProductionContext);
}

export interface ProductionGate {
  /** Waiting for the second confirmation. */
  readonly isArmed: boolean;
  /** Runs `write` at once off production; on production, the first call arms, the second runs it. */
  pass(write: () => void): void;
  reset(): void;
}

/** `label`: the production label of what is written to, where it is not the instance on view (promote's targets). */
export function useProductionGate(override?: string): ProductionGate {
  const onView = useProduction();
  const label = override ?? onView;
  const [isArmed, setArmed] = useState(false);
  const armed = useRef(false);
  const pass = useCallback(
    (write: () => void) => {
      if (label === undefined || armed.current) {
        write();
        return;
      }
      armed.current = true;
      setArmed(true);
    },
    [label],
  );
  const reset = useCallback(() => {
    armed.current = false;
    setArmed(false);
  }, []);
  return { isArmed, pass, reset };
}

/** The second question, in the error tone so it cannot be missed. */
export function ProductionQuestion({ what }: { readonly what: string }) {
  const label = useProduction();
  const tone = useTone();
  if (label === undefined) return null;
  return (
    <Text {...tone('error')} bold wrap="wrap">
      ⚠ PRODUCTION ({label}): {what}? Press y again to send it, Esc to go back. Nothing has been sent yet.
    </Text>
  );
}

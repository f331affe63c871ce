// Production instances (config.json "production"): the header carries a loud marker, and every write
// asks once more. The label (e.g. "prod:acme-prod") reaches the sessions through context; a gate
// holds the write until a second y (the question is components/production-question.tsx).
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import type { ProductionGate } from '../components/production-question.js';

const ProductionContext = createContext<string | undefined>(undefined);

export function ProductionProvider({ label, children }: { readonly label: string | undefined; readonly children: ReactNode }) {
  return <ProductionContext.Provider value={label}>{children}</ProductionContext.Provider>;
}

/** The production label of the instance on view, or undefined when it is not production. */
export function useProduction(): string | undefined {
  return useContext(ProductionContext);
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
  return { label, isArmed, pass, reset };
}

// The Spex (services for every region) reaches hooks through context; components never see it.
import { createContext, useContext, type ReactNode } from 'react';
import type { Spex } from '../aws/types.js';

const SpexContext = createContext<Spex | undefined>(undefined);

export function SpexProvider({ spex, children }: { readonly spex: Spex; readonly children: ReactNode }) {
  return <SpexContext.Provider value={spex}>{children}</SpexContext.Provider>;
}

export function useSpex(): Spex {
  const spex = useContext(SpexContext);
  if (spex === undefined) throw new Error('useSpex() needs a <SpexProvider> above it');
  return spex;
}

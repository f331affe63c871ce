// The single exit site of the TUI: the app (and the fleet shell above it) leave through here when
// their state says quitting. Unmounting runs every effect's cleanup, which aborts the reads in flight.
import { useApp } from 'ink';
import { useEffect } from 'react';

export function useExitWhen(isQuitting: boolean): void {
  const { exit } = useApp();
  useEffect(() => {
    if (isQuitting) exit();
  }, [isQuitting, exit]);
}

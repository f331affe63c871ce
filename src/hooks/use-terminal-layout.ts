// Follows the terminal's size through Ink's stdout (never process.stdout), reporting every resize.
import { useStdout } from 'ink';
import { useEffect } from 'react';
import { layoutFrom, type Layout } from '../state/layout.js';

export function useTerminalLayout(onResize: (layout: Layout) => void): void {
  const { stdout } = useStdout();
  useEffect(() => {
    const report = (): void => onResize(layoutFrom(stdout.columns, stdout.rows));
    report();
    stdout.on('resize', report);
    return () => {
      stdout.off('resize', report);
    };
  }, [stdout, onResize]);
}

// The whole TUI as `spex` renders it, for flow tests: providers, a fixed clock, a chosen size.
import { App, type AppProps } from '../../src/app/app.js';
import type { Spex } from '../../src/aws/types.js';
import { ThemeProvider } from '../../src/components/theme.js';
import { SpexProvider } from '../../src/hooks/spex-context.js';
import type { InitialStateOptions } from '../../src/state/app-state.js';
import { renderTui, type RenderTuiOptions, type TuiHandle } from '../helpers/render-tui.js';

export const FIXED_NOW = new Date('2026-01-15T12:00:00Z');

export interface RenderAppOptions extends RenderTuiOptions {
  initial?: InitialStateOptions;
  onRemember?: AppProps['onRemember'];
  concurrency?: number;
  draftStore?: AppProps['draftStore'];
  exportDir?: string;
  batchDir?: string;
  productionOf?: AppProps['productionOf'];
  operationLog?: AppProps['operationLog'];
  retries?: AppProps['retries'];
  notes?: AppProps['notes'];
}

export function appElement(spex: Spex, options: Omit<RenderAppOptions, 'columns' | 'rows'> = {}) {
  const { initial = {}, onRemember, concurrency, draftStore, operationLog, retries, notes, exportDir, batchDir, productionOf } = options;
  return (
    <SpexProvider spex={spex}>
      <ThemeProvider isColor={false}>
        <App
          initial={initial}
          now={() => FIXED_NOW}
          {...(onRemember === undefined ? {} : { onRemember })}
          {...(concurrency === undefined ? {} : { concurrency })}
          {...(draftStore === undefined ? {} : { draftStore })}
          {...(exportDir === undefined ? {} : { exportDir })}
          {...(batchDir === undefined ? {} : { batchDir })}
          {...(productionOf === undefined ? {} : { productionOf })}
          {...(operationLog === undefined ? {} : { operationLog })}
          {...(retries === undefined ? {} : { retries })}
          {...(notes === undefined ? {} : { notes })}
        />
      </ThemeProvider>
    </SpexProvider>
  );
}

export function renderSpexApp(spex: Spex, options: RenderAppOptions = {}): TuiHandle {
  const { columns, rows, ...rest } = options;
  return renderTui(appElement(spex, rest), { ...(columns === undefined ? {} : { columns }), ...(rows === undefined ? {} : { rows }) });
}

// Screen geometry shared by the reducer (page size, scroll limits) and the views (how many rows to
// draw), so the two always agree. Pure.

export interface Layout {
  columns: number;
  rows: number;
}

export const DEFAULT_LAYOUT: Layout = { columns: 80, rows: 24 };
export const HEADER_LINES = 2;
export const STATUS_LINES = 1;
export const FOOTER_LINES = 1;

/** Terminal size as Ink's stdout reports it; missing sizes (pipes, test streams) fall back to 80×24. */
export function layoutFrom(columns: number | undefined, rows: number | undefined): Layout {
  return {
    columns: columns !== undefined && columns > 0 ? columns : DEFAULT_LAYOUT.columns,
    rows: rows !== undefined && rows > 0 ? rows : DEFAULT_LAYOUT.rows,
  };
}

/**
 * Lines the app draws: one fewer than the terminal has, because Ink clears the whole screen (and
 * flickers) whenever its output is as tall as the terminal.
 */
export function frameHeight(layout: Layout): number {
  return Math.max(8, layout.rows - 1);
}

/** Lines between the header and the status line, for the current screen's body. */
export function bodyHeight(layout: Layout): number {
  return frameHeight(layout) - HEADER_LINES - STATUS_LINES - FOOTER_LINES;
}

/** Data rows a table shows under its column header. */
export function tableRows(layout: Layout): number {
  return Math.max(1, bodyHeight(layout) - 1);
}

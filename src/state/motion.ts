// Cursor and scroll arithmetic shared by every list and pane. Pure.

export type Motion =
  | { kind: 'by'; delta: number }
  | { kind: 'page'; direction: 1 | -1 }
  | { kind: 'first' }
  | { kind: 'last' };

/** Where a cursor lands after a motion, within [0, count - 1] (0 when empty). */
export function moveCursor(cursor: number, motion: Motion, count: number, pageSize: number): number {
  if (count <= 0) return 0;
  let next: number;
  switch (motion.kind) {
    case 'by':
      next = cursor + motion.delta;
      break;
    case 'page':
      next = cursor + motion.direction * Math.max(1, pageSize);
      break;
    case 'first':
      next = 0;
      break;
    case 'last':
      next = count - 1;
      break;
  }
  return Math.min(Math.max(next, 0), count - 1);
}

/** The first visible row, moved as little as possible so the cursor stays in the window. */
export function followCursor(cursor: number, top: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let next = top;
  if (cursor < next) next = cursor;
  if (cursor >= next + h) next = cursor - h + 1;
  // Never leave empty space below the last row when there are rows above to show instead.
  next = Math.min(next, Math.max(0, count - h));
  return Math.max(0, next);
}

/** A scroll offset for a pane of `total` lines shown `height` at a time. */
export function scrollPane(offset: number, motion: Motion, total: number, height: number): number {
  const max = Math.max(0, total - Math.max(1, height));
  let next: number;
  switch (motion.kind) {
    case 'by':
      next = offset + motion.delta;
      break;
    case 'page':
      next = offset + motion.direction * Math.max(1, height - 1);
      break;
    case 'first':
      next = 0;
      break;
    case 'last':
      next = max;
      break;
  }
  return Math.min(Math.max(next, 0), max);
}

/** The motion a cursor command means, in every list and pane (the app's and the editor's keymaps share these ids). */
export function motionOfCommand(command: string | undefined): Motion | undefined {
  switch (command) {
    case 'cursor.up':
      return { kind: 'by', delta: -1 };
    case 'cursor.down':
      return { kind: 'by', delta: 1 };
    case 'cursor.page-up':
      return { kind: 'page', direction: -1 };
    case 'cursor.page-down':
      return { kind: 'page', direction: 1 };
    case 'cursor.first':
      return { kind: 'first' };
    case 'cursor.last':
      return { kind: 'last' };
    default:
      return undefined;
  }
}

// Two profiles' permissions side by side, by console group: which one grants what, with a marker
// (not only colour) for every difference.
import { groupPermissions, permissionLabel } from '../domain/permissions.js';
import { padEnd } from '../domain/format.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { PaneLine } from './pane-lines.js';

export interface CompareSide {
  name: string;
  permissions: readonly string[];
}

export interface CompareSummary {
  onlyLeft: number;
  onlyRight: number;
  both: number;
}

export function compareSummary(left: CompareSide, right: CompareSide): CompareSummary {
  const l = new Set(left.permissions);
  const r = new Set(right.permissions);
  let both = 0;
  for (const p of l) if (r.has(p)) both++;
  return { onlyLeft: l.size - both, onlyRight: r.size - both, both };
}

/** Column widths: label, API name, then two narrow yes/no columns. */
export function compareColumns(width: number): { label: number; api: number; side: number } {
  const side = 8;
  const rest = Math.max(20, width - 4 - 2 * (side + 1) - 1);
  const label = Math.max(12, Math.floor(rest * 0.5));
  return { label, api: rest - label - 1, side };
}

export function compareHeader(left: CompareSide, right: CompareSide, width: number): string {
  const c = compareColumns(width);
  return `    ${padEnd('Permission', c.label)} ${padEnd('API name', c.api)} ${padEnd(sanitizeLine(left.name), c.side)} ${padEnd(sanitizeLine(right.name), c.side)}`;
}

export function compareLines(left: CompareSide, right: CompareSide, width: number, isOnlyDifferences: boolean): PaneLine[] {
  const c = compareColumns(width);
  const l = new Set(left.permissions);
  const r = new Set(right.permissions);
  const lines: PaneLine[] = [];
  for (const group of groupPermissions([...l, ...r])) {
    const items = group.items.filter((item) => !isOnlyDifferences || l.has(item.name) !== r.has(item.name));
    if (items.length === 0) continue;
    lines.push({ text: `  ${sanitizeLine(group.group)}`, tone: 'accent' });
    for (const item of items) {
      const inL = l.has(item.name);
      const inR = r.has(item.name);
      const differs = inL !== inR;
      const label = item.info !== undefined ? permissionLabel(item.name) : '(not in the catalogue)';
      const text = `  ${differs ? '≠' : ' '} ${padEnd(sanitizeLine(label), c.label)} ${padEnd(sanitizeLine(item.name), c.api)} ${padEnd(inL ? '✓ yes' : '✗ no', c.side)} ${padEnd(inR ? '✓ yes' : '✗ no', c.side)}`;
      lines.push(differs ? { text, tone: 'warning' } : { text });
    }
  }
  if (lines.length === 0) {
    lines.push({ text: isOnlyDifferences ? '  No differences: both grant the same permissions.' : '  Neither profile grants any permission.', tone: 'muted' });
  }
  return lines;
}

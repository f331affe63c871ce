// The console's grid of permissions: one row per resource ("Users"), columns View / Edit / Create /
// Delete / All, and the resource's other actions ("Edit permission", "Enable/Disable") after them, as
// the console's security-profile page lays them out. Over the catalogue in permissions.ts. Pure.
import { actionLabel, getCatalogue, permissionLabel, type PermissionInfo } from './permissions.js';

/** The columns every resource row has, in the console's order; `All` ticks or unticks the whole row. */
export const GRID_COLUMNS = ['View', 'Edit', 'Create', 'Delete', 'All'] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

/** Actions shown in a standard column: the console's "Remove" sits where others have "Delete". */
const COLUMN_OF: Readonly<Record<string, GridColumn>> = { View: 'View', Edit: 'Edit', Create: 'Create', Delete: 'Delete', Remove: 'Delete' };

export interface GridResource {
  group: string;
  /** The name without its action, e.g. `Users`. */
  resource: string;
  /** The console's words for the row, e.g. `Users`, `Login/Logout report`. */
  label: string;
  /** The permission in each standard column, where the resource has one. */
  columns: Partial<Record<Exclude<GridColumn, 'All'>, string>>;
  /** The resource's other actions, in catalogue order, e.g. `Edit permission`. */
  specials: { label: string; name: string }[];
  /** Every permission of the row. */
  names: string[];
}

/** `Users · Edit` → `Users`; a label that is the row's own words (`Transfer Contact`) stays whole. */
function rowLabel(first: PermissionInfo): string {
  const label = permissionLabel(first.name);
  const dot = label.lastIndexOf(' · ');
  return dot < 0 ? label : label.slice(0, dot);
}

let cache: readonly GridResource[] | undefined;

/** Every catalogue resource as a grid row, groups and rows in catalogue order. */
export function gridResources(): readonly GridResource[] {
  if (cache) return cache;
  const out: GridResource[] = [];
  for (const { group, permissions } of getCatalogue()) {
    const byResource = new Map<string, PermissionInfo[]>();
    for (const p of permissions) byResource.set(p.resource, [...(byResource.get(p.resource) ?? []), p]);
    for (const [resource, infos] of byResource) {
      const row: GridResource = { group, resource, label: rowLabel(infos[0]!), columns: {}, specials: [], names: infos.map((i) => i.name) };
      for (const info of infos) {
        const column = COLUMN_OF[info.action];
        if (column !== undefined && column !== 'All' && row.columns[column] === undefined) row.columns[column] = info.name;
        else row.specials.push({ label: actionLabel(info.action), name: info.name });
      }
      out.push(row);
    }
  }
  cache = out;
  return out;
}

/** A cell of a row: a standard column, `All`, or one of the specials after them. */
export interface GridCell {
  label: string;
  /** The permission it stands for; undefined for `All`, and for a column the resource lacks. */
  name?: string;
  isAll?: boolean;
}

export function gridCells(row: GridResource): GridCell[] {
  return [
    ...GRID_COLUMNS.map((column): GridCell => {
      if (column === 'All') return { label: 'All', isAll: true };
      const name = row.columns[column];
      return name !== undefined ? { label: column, name } : { label: column };
    }),
    ...row.specials.map((s) => ({ label: s.label, name: s.name })),
  ];
}

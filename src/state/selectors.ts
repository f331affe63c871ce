// Derived data: the mode for the keymap, the rows each picker and the table show. The profile rows
// selector is memoised on its inputs, so moving the cursor never filters or sorts again. Pure.
import { filterRegions, type ConnectRegion } from '../domain/service/regions.js';
import type { ConnectInstance, ProfileSummary, SecurityProfile } from '../domain/profile/security-profile.js';
import { helpEntries, helpText, type Mode } from '../keys/keymap.js';
import type { AppState, SortOrder } from './app-state.js';
import { bodyHeight } from './layout.js';
import { isFilterEmpty, parseFilter, permissionMatches, type ParsedFilter } from './filter.js';

/** Which keymap applies: the modal's, a text field's, or the screen's. */
export function modeOf(state: AppState): Mode {
  if (state.prompt.kind === 'quit') return 'quit-confirm';
  switch (state.modal.kind) {
    case 'help':
      return 'help';
    case 'editor':
    case 'delete':
    case 'operations':
    case 'apply-file':
    case 'export-file':
    case 'assign':
      return 'session';
    case 'clone-target':
      return 'clone-target';
    case 'none':
      break;
  }
  switch (state.screen.kind) {
    case 'regions':
      return 'regions';
    case 'instances':
      return state.instances.isFiltering ? 'filter' : 'instances';
    case 'list':
      return state.list.isFiltering ? 'filter' : 'list';
    case 'detail':
      return 'detail';
    case 'compare':
      return 'compare';
    case 'findings':
      return 'findings';
    case 'explain':
      return 'explain';
    case 'holders':
      return state.screen.isFiltering ? 'filter' : 'holders';
    case 'history':
      return 'history';
  }
}

export function shownRegions(state: AppState): ConnectRegion[] {
  return filterRegions(state.regions.filter);
}

export function filterInstances(items: readonly ConnectInstance[], filter: string): readonly ConnectInstance[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((i) => {
    const hay = `${i.alias ?? ''} ${i.id} ${i.status ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function shownInstances(state: AppState): readonly ConnectInstance[] {
  return filterInstances(state.instances.items, state.instances.filter);
}

/** Rows of the help modal, for its scroll limit. */
export function helpLineCount(mode: Mode, readOnly = false, width = 120): number {
  return helpText(helpEntries(mode, { readOnly }), width).length;
}

/** Full profiles already loaded, by ARN (the detail loader's cache, seen through a function). */
export type DetailLookup = (arn: string) => SecurityProfile | undefined;

export function profileName(row: ProfileSummary, detail: SecurityProfile | undefined): string | undefined {
  return row.name ?? detail?.SecurityProfileName;
}

export function profileModified(row: ProfileSummary, detail: SecurityProfile | undefined): number | undefined {
  return detail?.LastModifiedTime ?? row.lastModifiedTime;
}

/** True when filter or sort can only be answered with every profile's details loaded. */
export function needsAllDetails(filterText: string, sort: SortOrder): boolean {
  return parseFilter(filterText).permissions.length > 0 || sort.key === 'permissions';
}

/**
 * True when a filter's words must see every name: a row whose name is unknown can never match, so it
 * would never come into view to load. (A name sort lists unknown names last instead: the rows on
 * screen load first and take their places, and nothing is fetched that nobody looks at.)
 */
export function needsNamesFor(filterText: string): boolean {
  return parseFilter(filterText).words.length > 0;
}

/** The rows whose name is not known yet (the list gave ARNs only and no detail has arrived). */
export function unnamedRows(rows: readonly ProfileSummary[], lookup: DetailLookup): ProfileSummary[] {
  return rows.filter((r) => r.name === undefined && lookup(r.arn)?.SecurityProfileName === undefined);
}

/** Lower-cased `name description` per row, kept while the row and its detail stay the same. */
const haystacks = new WeakMap<ProfileSummary, { detail: SecurityProfile | undefined; text: string }>();

function haystack(row: ProfileSummary, detail: SecurityProfile | undefined): string {
  const cached = haystacks.get(row);
  if (cached !== undefined && cached.detail === detail) return cached.text;
  const text = `${profileName(row, detail) ?? ''} ${detail?.Description ?? ''}`.toLowerCase();
  haystacks.set(row, { detail, text });
  return text;
}

function matchesFilter(row: ProfileSummary, detail: SecurityProfile | undefined, filter: ParsedFilter): boolean {
  if (filter.permissions.length > 0) {
    const granted = detail?.Permissions;
    // Without the detail we cannot know yet: the row waits for its detail (prefetched) to show.
    if (granted === undefined) return false;
    if (!filter.permissions.every((term) => granted.some((p) => permissionMatches(p, term)))) return false;
  }
  if (filter.words.length > 0) {
    // The description is known only once the detail is loaded; until then the name alone decides.
    const hay = haystack(row, detail);
    if (!filter.words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Rows in display order. Unknown values (details not loaded) sort last either way. */
export function sortProfiles(rows: readonly ProfileSummary[], sort: SortOrder, lookup: DetailLookup): readonly ProfileSummary[] {
  const sign = sort.isDescending ? -1 : 1;
  // Sort keys computed once per row, not once per comparison.
  const keyed = rows.map((row, index) => ({ row, index, key: sortKey(row, lookup(row.arn), sort) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key === b.key) return a.index - b.index;
      return a.key === undefined ? 1 : -1;
    }
    const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return c !== 0 ? sign * c : a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** Rows kept by the filter, in the order given. */
export function filterProfiles(rows: readonly ProfileSummary[], filterText: string, lookup: DetailLookup): readonly ProfileSummary[] {
  const filter = parseFilter(filterText);
  if (isFilterEmpty(filter)) return rows;
  return rows.filter((r) => matchesFilter(r, lookup(r.arn), filter));
}

/** Profiles to show, filtered and sorted. */
export function selectShownProfiles(
  rows: readonly ProfileSummary[],
  filterText: string,
  sort: SortOrder,
  lookup: DetailLookup,
): readonly ProfileSummary[] {
  return filterProfiles(sortProfiles(rows, sort, lookup), filterText, lookup);
}

function sortKey(row: ProfileSummary, detail: SecurityProfile | undefined, sort: SortOrder): string | number | undefined {
  switch (sort.key) {
    case 'name':
      return profileName(row, detail);
    case 'permissions':
      return detail?.Permissions?.length ?? (detail !== undefined ? 0 : undefined);
    case 'modified':
      return profileModified(row, detail);
  }
}

export interface ShownProfilesInput {
  rows: readonly ProfileSummary[];
  filterText: string;
  sort: SortOrder;
  lookup: DetailLookup;
  /** Changes whenever a detail arrives; ignored when the result cannot depend on details. */
  detailsVersion: number;
}

/**
 * A memoised `selectShownProfiles` in two steps, sort then filter, each redone only when its own
 * inputs change: typing a filter re-filters the sorted rows without sorting again, a cursor move
 * does nothing at all, and arriving details matter only to a step that reads them.
 */
export function createShownProfilesSelector(): (input: ShownProfilesInput) => readonly ProfileSummary[] {
  let sorted: { rows: readonly ProfileSummary[]; key: string; version: number; result: readonly ProfileSummary[] } | undefined;
  let filtered: { from: readonly ProfileSummary[]; text: string; version: number; result: readonly ProfileSummary[] } | undefined;
  let namesKnownFor: readonly ProfileSummary[] | undefined;
  let namesKnown = true;
  return (input) => {
    if (namesKnownFor !== input.rows) {
      namesKnownFor = input.rows;
      namesKnown = input.rows.every((r) => r.name !== undefined);
    }
    const sortKeyText = `${input.sort.key}:${input.sort.isDescending ? 'desc' : 'asc'}`;
    const sortVersion = input.sort.key !== 'name' || !namesKnown ? input.detailsVersion : -1;
    if (sorted === undefined || sorted.rows !== input.rows || sorted.key !== sortKeyText || sorted.version !== sortVersion) {
      sorted = { rows: input.rows, key: sortKeyText, version: sortVersion, result: sortProfiles(input.rows, input.sort, input.lookup) };
    }
    const text = input.filterText.trim();
    const filterVersion = text !== '' ? input.detailsVersion : -1;
    if (filtered === undefined || filtered.from !== sorted.result || filtered.text !== text || filtered.version !== filterVersion) {
      filtered = { from: sorted.result, text, version: filterVersion, result: filterProfiles(sorted.result, text, input.lookup) };
    }
    return filtered.result;
  };
}

/** Lines a scrolling pane (detail, compare, help) shows under its title line. */
export function paneHeight(state: AppState): number {
  return Math.max(1, bodyHeight(state.layout) - 1);
}

/** Lines that scroll in the pane on view (compare has a fixed column header too). */
export function scrollRoom(state: AppState): number {
  const fixed = state.modal.kind === 'none' && (state.screen.kind === 'compare' || state.screen.kind === 'holders') ? 1 : 0;
  return Math.max(1, paneHeight(state) - fixed);
}

/** `lines 1–18/51` for the pane on view, when it has more lines than fit. */
export function panePosition(state: AppState): string | undefined {
  const room = scrollRoom(state);
  const { modal, screen } = state;
  const at =
    modal.kind === 'help'
      ? { scroll: modal.scroll, total: helpLineCount(modal.mode, state.readOnly, state.layout.columns) }
      : screen.kind === 'detail' || screen.kind === 'compare' || screen.kind === 'holders' || screen.kind === 'findings' || screen.kind === 'explain'
        ? { scroll: screen.scroll, total: screen.lineCount }
        : undefined;
  return at === undefined ? undefined : linesShown(at.scroll, room, at.total);
}

/** Where a scrolled pane is ("lines 9–24/93"), or undefined when everything fits. */
export function linesShown(scroll: number, room: number, total: number): string | undefined {
  if (total <= room) return undefined;
  return `lines ${scroll + 1}–${Math.min(total, scroll + room)}/${total}`;
}

/** The profile of the finding at, or first below, the top of the findings view (what Enter opens). */
export function findingTarget(screen: { scroll: number; targets?: readonly (string | undefined)[] }): string | undefined {
  const targets = screen.targets ?? [];
  for (let i = screen.scroll; i < targets.length; i++) if (targets[i] !== undefined) return targets[i];
  return undefined;
}

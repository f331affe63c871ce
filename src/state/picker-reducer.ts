// The region and instance pickers' part of the reducer. Pure.
import { instanceClosedReason } from '../domain/service/instances.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { EMPTY_LIST, EMPTY_PICKER, type AppState, type PickerView } from './app-state.js';
import type { Action } from './app-actions.js';
import { tableRows } from './layout.js';
import { followCursor, moveCursor, type Motion } from './motion.js';
import { shownInstances, shownRegions } from './selectors.js';

export type PickerAction = Extract<Action, { type: `regions/${string}` | `instances/${string}` }>;

function move<T extends PickerView>(view: T, motion: Motion, count: number, height: number): T {
  const cursor = moveCursor(view.cursor, motion, count, height);
  return { ...view, cursor, top: followCursor(cursor, view.top, height, count) };
}

function refilter<T extends PickerView>(view: T, filter: string): T {
  return { ...view, filter, cursor: 0, top: 0 };
}

/** An `--instance` value matches the ARN, the id or the alias (case-insensitive). */
export function findInstance(items: readonly ConnectInstance[], wanted: string): number {
  const lower = wanted.toLowerCase();
  return items.findIndex((i) => i.arn === wanted || i.id === wanted || i.alias?.toLowerCase() === lower);
}

function openInstance(state: AppState, instance: ConnectInstance): AppState {
  // Instances that are not ACTIVE are listed (real-aws-notes "Listing"), but hold nothing to open.
  const closed = instanceClosedReason(instance);
  if (closed !== undefined) return { ...state, screen: { kind: 'instances' }, notice: { tone: 'error', text: closed } };
  const isSame = state.instance?.arn === instance.arn;
  // Arriving where a profile was just cloned (J): the cursor waits for its row.
  const select = state.lastElsewhere?.instanceArn === instance.arn ? { selectArn: state.lastElsewhere.arn } : {};
  return {
    ...state,
    instance,
    screen: { kind: 'list' },
    list: isSame ? state.list : { ...EMPTY_LIST, reloadKey: state.list.reloadKey + 1, ...select },
  };
}

/** `J`: to the instance (and region) where a profile was last cloned, the cursor on it. */
export function jumpElsewhere(state: AppState): AppState {
  const target = state.lastElsewhere;
  if (target === undefined) return { ...state, notice: { tone: 'info', text: 'Nothing was cloned into another instance in this session (C clones one)' } };
  if (target.region === state.region) {
    const found = state.instances.items.find((i) => i.arn === target.instanceArn);
    if (found !== undefined) return openInstance(state, found);
  }
  return {
    ...state,
    region: target.region,
    instance: undefined,
    pendingInstance: target.instanceArn,
    screen: { kind: 'instances' },
    instances: { ...EMPTY_PICKER, items: [], reloadKey: state.instances.reloadKey + 1 },
    list: EMPTY_LIST,
  };
}

export function pickerReducer(state: AppState, action: PickerAction): AppState {
  const height = tableRows(state.layout);
  switch (action.type) {
    case 'regions/move':
      return { ...state, regions: move(state.regions, action.motion, shownRegions(state).length, height) };
    case 'regions/filter-insert':
      return { ...state, regions: refilter(state.regions, state.regions.filter + action.text) };
    case 'regions/filter-delete':
      return { ...state, regions: refilter(state.regions, state.regions.filter.slice(0, -1)) };
    case 'regions/filter-clear':
      return { ...state, regions: refilter(state.regions, '') };
    case 'regions/select': {
      const region = shownRegions(state)[state.regions.cursor];
      if (region === undefined) return state;
      if (region.code === state.region) return { ...state, screen: { kind: 'instances' } };
      return {
        ...state,
        region: region.code,
        instance: undefined,
        screen: { kind: 'instances' },
        instances: { ...EMPTY_PICKER, items: [], reloadKey: state.instances.reloadKey + 1 },
        list: EMPTY_LIST,
      };
    }
    case 'regions/open': {
      const all = shownRegions({ ...state, regions: EMPTY_PICKER });
      const cursor = Math.max(0, all.findIndex((r) => r.code === state.region));
      return {
        ...state,
        screen: { kind: 'regions' },
        regions: { ...EMPTY_PICKER, cursor, top: followCursor(cursor, 0, height, all.length) },
      };
    }
    case 'instances/loaded': {
      const instances = { ...state.instances, items: action.items };
      const wanted = state.pendingInstance;
      if (wanted === undefined) {
        const remembered = state.rememberedInstanceArn === undefined ? -1 : findInstance(action.items, state.rememberedInstanceArn);
        if (remembered < 0 || state.instances.items.length > 0) return { ...state, instances };
        return { ...state, instances: { ...instances, cursor: remembered, top: followCursor(remembered, 0, height, action.items.length) } };
      }
      const index = findInstance(action.items, wanted);
      const found = action.items[index];
      if (found === undefined) {
        return {
          ...state,
          instances,
          pendingInstance: undefined,
          notice: { tone: 'error', text: `No instance '${wanted}' in ${state.region ?? 'this region'}: pick one` },
        };
      }
      const view = { ...instances, cursor: index, top: followCursor(index, 0, height, action.items.length) };
      return openInstance({ ...state, instances: view, pendingInstance: undefined }, found);
    }
    case 'instances/move':
      return { ...state, instances: move(state.instances, action.motion, shownInstances(state).length, height) };
    case 'instances/filter-start':
      return { ...state, instances: { ...state.instances, isFiltering: true } };
    case 'instances/filter-insert':
      return { ...state, instances: refilter(state.instances, state.instances.filter + action.text) };
    case 'instances/filter-delete':
      return { ...state, instances: refilter(state.instances, state.instances.filter.slice(0, -1)) };
    case 'instances/filter-accept':
      return { ...state, instances: { ...state.instances, isFiltering: false } };
    case 'instances/filter-clear':
      return { ...state, instances: { ...refilter(state.instances, ''), isFiltering: false } };
    case 'instances/refresh':
      return { ...state, instances: { ...state.instances, reloadKey: state.instances.reloadKey + 1 } };
    case 'instances/select': {
      const instance = shownInstances(state)[state.instances.cursor];
      return instance === undefined ? state : openInstance(state, instance);
    }
  }
}

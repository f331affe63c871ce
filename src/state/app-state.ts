// The app's state: what the user is looking at and what they intend (cursor, filter, marks, open
// pane). Data fetched from Cloud Control lives in hooks; the state keeps only the ARNs/instances it
// needs to turn a key into the right row. Pure.
//
// To add a screen or a modal: a member of `Screen`/`Modal` below, its actions in `Action` (app-actions.ts), a case in
// `modeOf` (selectors.ts) and `back` (app-reducer.ts) — the compiler points at both — a mode and
// bindings in keys/keymap.ts, the command → action mapping in commands.ts, and the body in
// app/app.tsx. A modal whose component reads keys itself (a text input) turns the shell's
// `useAppKeys` off while it is open, so exactly one handler is active. The editing sessions (editor,
// delete guard, operations view) are such modals: their actions and rules are in session-reducer.ts
// and their bodies in app/modals.tsx.
import type { ConnectInstance, SecurityProfile } from '../domain/profile/security-profile.js';
import { CONNECT_REGIONS } from '../domain/service/regions.js';
import type { Mode } from '../keys/keymap.js';
import type { AssignIntent } from './assign-reducer.js';
import { DEFAULT_LAYOUT, type Layout } from './layout.js';

export type SortKey = 'name' | 'permissions' | 'modified';

export interface SortOrder {
  key: SortKey;
  isDescending: boolean;
}

export interface PickerView {
  cursor: number;
  top: number;
  filter: string;
  isFiltering: boolean;
}

export interface InstancesView extends PickerView {
  /** The loaded instances of the current region, in display order (before the filter). */
  items: readonly ConnectInstance[];
  reloadKey: number;
}

export interface ListView {
  cursor: number;
  top: number;
  filter: string;
  isFiltering: boolean;
  sort: SortOrder;
  /** ARNs marked, oldest first: compare takes the last two, `e` changes them all, X and P take them all. */
  marked: readonly string[];
  /** ARNs in display order after filter and sort (the array the table shows, by reference). */
  shown: readonly string[];
  /** Bumped by refresh/retry: the list hook reloads when it changes. */
  reloadKey: number;
  /** A profile to put the cursor on as soon as it is listed (one just created). */
  selectArn?: string;
}

/** The holders screen's profile for "every user of the instance" (`:`). */
export const ALL_USERS = '*';

/** The screen on view. Screens past the instance picker always have a region and an instance. */
export type Screen =
  | { kind: 'regions' }
  | { kind: 'instances' }
  | { kind: 'list' }
  | { kind: 'detail'; arn: string; scroll: number; lineCount: number; isRaw: boolean; reloadKey: number }
  /** Who holds a profile (`u`); Esc goes back to the detail it was opened from, else the list. */
  | {
      kind: 'holders';
      arn: string;
      scroll: number;
      /** The user under › (an index into the users the filter shows); Enter explains that one. */
      cursor: number;
      lineCount: number;
      filter: string;
      isFiltering: boolean;
      /** Users (ARNs) marked with Space: the actions (+ - m) act on them, else on the one under ›. */
      marked: readonly string[];
      /** The users the filter shows, in order (told by the view): the cursor's and `*`'s rows. */
      shown: readonly string[];
      returnTo?: { kind: 'detail'; arn: string; scroll: number; lineCount: number; isRaw: boolean; reloadKey: number };
    }
  /** What a holder can really do (Enter on the holders screen: the user under its cursor). */
  | { kind: 'explain'; from: Extract<Screen, { kind: 'holders' }>; scroll: number; lineCount: number }
  /** spex lint's findings over the instance (`!`). */
  /** `targets`: the profile (ARN) each line's finding is about, so Enter opens the one at the top of the view. */
  | { kind: 'findings'; scroll: number; lineCount: number; targets?: readonly (string | undefined)[]; openWhenMeasured?: boolean }
  | {
      kind: 'compare';
      arns: readonly [string, string];
      scroll: number;
      lineCount: number;
      isOnlyDifferences: boolean;
      /** The permission difference under the cursor (`]`/`[`), an index into `differences`. */
      diffCursor: number;
      /** The permissions one side grants and the other not, as the screen lists them (told by the view). */
      differences: readonly { name: string; inLeft: boolean; line: number }[];
      /** Bumped when one of the two was saved: both are read again. */
      reloadKey: number;
    }
  /** A profile's changes from CloudTrail and the versions spex keeps (`h`). */
  | HistoryScreen;

/** `h`: the timeline (newest first), a › on a kept version (`]`/`[`), `=` compares, `R` goes back to one. */
export interface HistoryScreen {
  kind: 'history';
  arn: string;
  scroll: number;
  lineCount: number;
  /** The kept versions as the timeline lists them, newest first (told by the view). */
  versions: readonly SecurityProfile[];
  /** The line of each version in the timeline (told by the view). */
  versionLines: readonly number[];
  /** The version under › (an index into `versions`). */
  cursor: number;
  /** Versions marked with Space (by LastModifiedTime), at most two: `=` compares them. */
  marked: readonly number[];
  /** What `=` opened: two versions by LastModifiedTime, or one and the profile now ('now'); Esc goes back. */
  comparing?: readonly [number, number | 'now'];
  /** Bumped by `r`: CloudTrail asked again for what is newer. */
  reloadKey: number;
  returnTo?: Extract<Screen, { kind: 'detail' }>;
}

/** Where a clone goes: an instance of a region (the source's own by default). */
export interface CloneTarget {
  region: string;
  instance: ConnectInstance;
}

/** What the editor was opened for. */
export type EditTarget =
  /** `seed`: a change to start from (compare's `<`/`>`), applied to the profile as read. */
  | { mode: 'edit'; arn: string; seed?: { add: readonly string[]; remove: readonly string[] }; focus?: { permission: string; note: string }; revertTo?: SecurityProfile }
  | { mode: 'create' }
  | { mode: 'clone'; sourceArn: string; target: CloneTarget };

/** What is drawn over the screen and takes the keys while open. */
export type Modal =
  | { kind: 'none' }
  | { kind: 'help'; mode: Mode; scroll: number }
  /** `isDirty`: the draft differs from what was opened (quitting asks first). */
  | { kind: 'editor'; target: EditTarget; isDirty: boolean }
  | { kind: 'delete'; arn: string }
  | { kind: 'operations' }
  /** `X`: where to write the export of these profiles (the session reads its own keys). */
  | { kind: 'export-file'; arns: readonly string[] }
  /** `A`: a profiles file's plan, reviewed and applied (the session reads its own keys). */
  | { kind: 'apply-file' }
  /** Acting on holders (give, take away, move, a user's set, rename, resume): the session reads its own keys. */
  | { kind: 'assign'; intent: AssignIntent }
  /**
   * Choosing where a clone goes, from lists the user types to filter: the instances of `region`
   * (`items` once listed), or (`step: 'regions'`) the regions. `cursor` and `top` index the filtered list.
   */
  | { kind: 'clone-target'; sourceArn: string; region: string; items: readonly ConnectInstance[] | undefined; cursor: number; top: number; step: 'instances' | 'regions'; filter: string };

/** A question over everything else, answered before anything goes on. */
export type Prompt = { kind: 'none' } | { kind: 'quit' };

/**
 * Every kind of screen and modal, at run time: tests that must reach each one (hostile text on every
 * screen) enumerate these, and the checks below fail to compile when a kind is added to a union only.
 */
export const SCREEN_KINDS = ['regions', 'instances', 'list', 'detail', 'holders', 'explain', 'findings', 'compare', 'history'] as const satisfies readonly Screen['kind'][];
export const MODAL_KINDS = ['help', 'editor', 'delete', 'operations', 'apply-file', 'export-file', 'assign', 'clone-target'] as const satisfies readonly Exclude<Modal['kind'], 'none'>[];
type Unlisted = Exclude<Screen['kind'], (typeof SCREEN_KINDS)[number]>  ;
export const ALL_KINDS_LISTED: [Unlisted] extends [never] ? true : never = true;

export interface Notice {
  text: string;
  tone: 'info' | 'error';
}

export interface AppState {
  screen: Screen;
  modal: Modal;
  prompt: Prompt;
  /** `--read-only`: no key creates, changes or deletes anything. */
  readOnly: boolean;
  layout: Layout;
  region: string | undefined;
  instance: ConnectInstance | undefined;
  /** An `--instance` (ARN, id or alias) to open as soon as the region's instances are known. */
  pendingInstance: string | undefined;
  /** Preselected in the instance picker when listed (the one opened last time). */
  rememberedInstanceArn: string | undefined;
  regions: PickerView;
  instances: InstancesView;
  list: ListView;
  notice: Notice | undefined;
  /** Set once by quit: the app's single exit site reacts to it. */
  isQuitting: boolean;
  /** Permissions as a list or the console's grid, in the detail and the editor (`m`). */
  permLayout: 'list' | 'grid';
  /** Keys (profile ARNs, or `new:…`) of the unsaved drafts on disk. */
  draftKeys: readonly string[];
  /** `X`: the profiles to export (the marked ones, or every one listed); the app's hook writes the file. */
  exportRequest?: { arns: readonly string[]; path: string; id: number };
  /** `W`: the access review to take and write (bumped per request). */
  reviewRequest?: { id: number };
  /** The profile last cloned into another instance this session: `J` goes there. */
  lastElsewhere?: { arn: string; region: string; instanceArn: string; name: string };
  /** `y`/`Y`: text for the clipboard (an ARN or a console URL); the app's hook writes it to the terminal. */
  clipboardRequest?: { text: string; what: string; id: number };
  /** `P`: the profiles to promote (the marked ones, or the one under the cursor); the fleet takes them. */
  promoteRequest?: { arns: readonly string[]; id: number };
  /** The oldest unfinished holders' batch of the instance on view (journalled): `B` resumes it. */
  unfinishedBatch?: { id: string; what: string; done: number; total: number } | undefined;
  /** In a fleet, Esc on the region picker leaves the instance's app for the fleet screen. */
  canLeave: boolean;
  /** Set by that Esc: the app hands back to the fleet screen. */
  isLeaving: boolean;
}

export interface InitialStateOptions {
  /** Preselected in the region picker (flags, environment, AWS config or the last one used). */
  region?: string;
  /** Skip the region picker (`--region`, or the region of an `--instance` ARN). */
  skipRegionPicker?: boolean;
  /** `--instance`: an ARN, id or alias to open once the instances are listed. */
  instance?: string;
  /** The instance opened last time: preselected in the instance picker when it is listed. */
  rememberedInstanceArn?: string;
  layout?: Layout;
  /** `--read-only` or `readOnly: true` in the config file. */
  readOnly?: boolean;
  /** In a fleet: Esc on the region picker goes back to the fleet screen. */
  canLeave?: boolean;
}

export const EMPTY_PICKER: PickerView = { cursor: 0, top: 0, filter: '', isFiltering: false };

export const EMPTY_LIST: ListView = {
  cursor: 0,
  top: 0,
  filter: '',
  isFiltering: false,
  sort: { key: 'name', isDescending: false },
  marked: [],
  shown: [],
  reloadKey: 0,
};

export function createInitialState(options: InitialStateOptions = {}): AppState {
  const preselected = CONNECT_REGIONS.findIndex((r) => r.code === options.region);
  const skip = options.skipRegionPicker === true && options.region !== undefined;
  return {
    screen: skip ? { kind: 'instances' } : { kind: 'regions' },
    modal: { kind: 'none' },
    prompt: { kind: 'none' },
    readOnly: options.readOnly === true,
    layout: options.layout ?? DEFAULT_LAYOUT,
    region: skip ? options.region : undefined,
    instance: undefined,
    pendingInstance: options.instance,
    rememberedInstanceArn: options.rememberedInstanceArn,
    regions: { ...EMPTY_PICKER, cursor: Math.max(0, preselected) },
    instances: { ...EMPTY_PICKER, items: [], reloadKey: 0 },
    list: EMPTY_LIST,
    notice: undefined,
    isQuitting: false,
    permLayout: 'list',
    draftKeys: [],
    canLeave: options.canLeave === true,
    isLeaving: false,
  };
}

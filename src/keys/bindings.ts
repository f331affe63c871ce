// The shell's key table and its vocabulary (modes, commands): which keys run which command in each
// mode, with the words the footer and the `?` help show. Read through keymap.ts. Pure data.
import type { EngineBinding } from './engine.js';
import { bind, CURSOR_KEYS, type CursorCommand, type KeySpec } from './key-spec.js';

/** Where the keyboard is: a screen, a text field on it, or a modal over it. */
export type Mode =
  | 'regions'
  | 'instances'
  | 'list'
  | 'filter'
  | 'detail'
  | 'compare'
  | 'findings'
  | 'explain'
  /** Who holds a profile. */
  | 'holders'
  /** A profile's changes and kept versions. */
  | 'history'
  | 'help'
  /** An editing screen (editor, delete guard, operations view) is open and reads its own keys. */
  | 'session'
  /** Choosing the instance (and region) a clone goes to. */
  | 'clone-target'
  /** "Quit with unsaved changes?" */
  | 'quit-confirm';

export type Command =
  | 'app.quit'
  | 'app.back'
  | 'app.help'
  | CursorCommand
  | 'item.open'
  | 'item.mark'
  | 'list.compare'
  | 'list.next-draft'
  | 'list.findings'
  | 'list.export'
  | 'list.review'
  | 'list.promote'
  | 'list.apply-file'
  | 'holders.explain'
  | 'holders.mark-shown'
  | 'holders.add'
  | 'holders.remove'
  | 'holders.move'
  | 'holders.edit'
  | 'holders.what-if'
  | 'profile.rename'
  | 'list.resume'
  | 'app.users'
  | 'list.refresh'
  | 'sort.name'
  | 'sort.permissions'
  | 'sort.modified'
  | 'filter.start'
  | 'filter.accept'
  | 'filter.clear'
  | 'text.insert'
  | 'text.delete'
  | 'detail.toggle-raw'
  | 'detail.toggle-layout'
  | 'compare.toggle-differences'
  | 'compare.next-difference'
  | 'compare.previous-difference'
  | 'app.fleet'
  | 'list.jump'
  | 'findings.open'
  | 'item.copy-arn'
  | 'item.copy-console-url'
  | 'compare.copy-left'
  | 'compare.copy-right'
  | 'profile.edit'
  | 'profile.new'
  | 'profile.clone'
  | 'profile.clone-elsewhere'
  | 'profile.delete'
  | 'profile.holders'
  | 'profile.history'
  | 'history.next-version'
  | 'history.previous-version'
  | 'history.compare'
  | 'history.revert'
  | 'app.operations'
  | 'clone-target.regions'
  | 'quit.confirm'
  | 'quit.cancel';

/** A binding of the shell's table. */
export type Binding = EngineBinding<Command>;

const b = (command: Command, label: string, keys: KeySpec[], help: string, hint?: string): Binding => bind(command, label, keys, help, hint);

const QUIT = b('app.quit', 'q', [{ input: 'q' }], 'Quit spex', 'quit');
const CTRL_C = b('app.quit', 'Ctrl-C', [{ input: 'c', ctrl: true }], 'Quit from anywhere (cancels requests in flight)');
const HELP = b('app.help', '?', [{ input: '?' }], 'Show every key of this screen', 'help');
const { up: UP, down: DOWN, arrowUp: ARROW_UP, arrowDown: ARROW_DOWN, pageUp: PAGE_UP, pageDown: PAGE_DOWN, home: HOME, end: END } = CURSOR_KEYS;
const FIRST = b('cursor.first', 'g/Home', [{ input: 'g' }, { key: 'home' }], 'Go to the first row');
const LAST = b('cursor.last', 'G/End', [{ input: 'G' }, { key: 'end' }], 'Go to the last row');
const FILTER = b('filter.start', '/', [{ input: '/' }], 'Filter (text; perm: a permission by API name, prefix or console words, e.g. perm:edit-users)', 'filter');
const BACK = b('app.back', 'Esc', [{ key: 'escape' }], 'Back one level', 'back');
const NAVIGATION = [UP, DOWN, PAGE_UP, PAGE_DOWN, FIRST, LAST];
const mutating = (binding: Binding): Binding => ({ ...binding, mutates: true });
const EDIT = mutating(b('profile.edit', 'e', [{ input: 'e' }], 'Edit the profile: permissions and fields, reviewed before saving; with two or more marked in the table: one change (permissions, tags) to all of them', 'edit'));
const NEW = mutating(b('profile.new', 'n', [{ input: 'n' }], 'New profile in this instance', 'new'));
const CLONE = mutating(b('profile.clone', 'c', [{ input: 'c' }], 'Clone the profile into this instance', 'clone'));
const CLONE_ELSEWHERE = mutating(b('profile.clone-elsewhere', 'C', [{ input: 'C' }], 'Clone the profile into another instance or region'));
const DELETE = mutating(b('profile.delete', 'd', [{ input: 'd' }], 'Delete the profile (asks you to type its name)', 'delete'));
const HOLDERS = b('profile.holders', 'u', [{ input: 'u' }], 'Who holds the profile: every user, filterable', 'users');
const HISTORY = b('profile.history', 'h', [{ input: 'h' }], "The profile's history: who changed what and when (CloudTrail, 90 days; needs cloudtrail:LookupEvents), and the versions spex keeps, to compare or go back to");
const RENAME = mutating(b('profile.rename', 'R', [{ input: 'R' }], 'Rename the profile: a copy under the new name, every holder moved to it, the old one deleted (one reviewed batch)'));
const USER_EDIT = mutating(b('holders.edit', 'e', [{ input: 'e' }], "Edit the user's profiles: a checklist (1–10), what they would gain and lose, reviewed before sending", 'edit user'));
const WHAT_IF = b('holders.what-if', 'w', [{ input: 'w' }], 'What if: tick any profiles and see what the user would gain and lose (nothing is sent)', 'what if');
const RESUME = mutating(b('list.resume', 'B', [{ input: 'B' }], 'Review and resume the unfinished batch of holders (moves, renames) a stopped spex left in this instance'));
const OPERATIONS = b('app.operations', 'o', [{ input: 'o' }], "This session's requests and the recent ones Cloud Control reports", 'ops');
/** The same keys in a scrolling pane, worded for lines; `j/↓` is the footer's reminder that it scrolls. */
const PANE_NAVIGATION: Binding[] = NAVIGATION.map((x) => ({
  ...x,
  help: x.help.replace('Move', 'Scroll').replace('row', 'line'),
  ...(x === DOWN ? { hint: 'scroll' } : {}),
}));

/** Moving in a list whose letters are typed into its filter: no j/k/g/G, only the named keys. */
const TYPING_NAVIGATION = [ARROW_UP, ARROW_DOWN, PAGE_UP, PAGE_DOWN, HOME, END];

/** Copy the ARN, or the console URL, of what is under the cursor (OSC 52, as other AWS terminal tools do). */
/** In a fleet: straight back to the fleet screen from an instance (instead of Esc, Esc, Esc). */
const FLEET = b('app.fleet', 'F', [{ input: 'F' }], 'Back to the fleet screen (when spex shows a fleet)');
const COPY_ARN = b('item.copy-arn', 'y', [{ input: 'y' }], 'Copy the ARN under the cursor to the clipboard (OSC 52, where the terminal allows it)');
const COPY_URL = b('item.copy-console-url', 'Y', [{ input: 'Y' }], 'Copy the AWS console URL of its instance to the clipboard, and show it');

/** Bindings per mode, in the order the help lists them. Global keys come last. */
export const KEYMAP: Readonly<Record<Mode, readonly Binding[]>> = {
  regions: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the region', 'open'),
    ...TYPING_NAVIGATION,
    b('text.delete', 'Backspace', [{ key: 'backspace' }, { key: 'delete' }], 'Delete the last filter character'),
    b('filter.clear', 'Esc', [{ key: 'escape' }], 'Clear the filter; with none, back (to the fleet, in a fleet)'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  instances: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the instance', 'open'),
    ...NAVIGATION,
    // The instances have no permissions to search: a plain filter (perm: is the profile table's).
    b('filter.start', '/', [{ input: '/' }], 'Filter the instances by alias, id or status', 'filter'),
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the instances', 'refresh'),
    COPY_ARN,
    COPY_URL,
    FLEET,
    b('app.back', 'Esc', [{ key: 'escape' }], 'Back to the regions (clears a filter first)', 'regions'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  list: [
    b('item.open', 'Enter', [{ key: 'return' }], 'Open the profile', 'open'),
    ...NAVIGATION,
    FILTER,
    b('sort.name', 'N', [{ input: 'N' }], 'Sort by name (again: reverse)', 'sort'),
    b('sort.permissions', '#', [{ input: '#' }], 'Sort by permission count (again: reverse)'),
    b('sort.modified', 'M', [{ input: 'M' }], 'Sort by last modified (again: reverse)'),
    b('item.mark', 'Space', [{ input: ' ' }], 'Mark or unmark: = compares the last two marked, e makes one change to all marked, X and P take them all', 'mark'),
    b('list.compare', '=', [{ input: '=' }], 'Compare the two profiles marked last', 'compare'),
    b('app.users', ':', [{ input: ':' }], 'Every user of the instance: type a login, Enter shows what that user can do'),
    mutating(b('list.promote', 'P', [{ input: 'P' }], 'Promote the marked profiles (or the one under the cursor) to other instances of the fleet: a plan per target, then apply')),
    b('list.export', 'X', [{ input: 'X' }], 'Export the marked profiles (or every one listed) to a YAML file, for spex plan and apply (asks where; Tab completes the path)'),
    b('list.review', 'W', [{ input: 'W' }], "Write the instance's access review (who can do what, as CSV, XLSX, JSON and HTML with a SHA-256 manifest) to a new folder, as spex access-review"),
    mutating(b('list.apply-file', 'A', [{ input: 'A' }], "Apply a profiles file: its plan in a review, applied after y (as spex apply)")),
    b('list.findings', '!', [{ input: '!' }], "The instance's least-privilege findings (spex lint's rules; reads every detail)"),
    b('list.next-draft', 'D', [{ input: 'D' }], 'Go to the next profile with an unsaved draft (✎) and review it in the editor'),
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the list (and retry after an error)', 'refresh'),
    EDIT,
    NEW,
    CLONE,
    CLONE_ELSEWHERE,
    DELETE,
    RENAME,
    RESUME,
    HOLDERS,
    HISTORY,
    OPERATIONS,
    COPY_ARN,
    COPY_URL,
    FLEET,
    b('list.jump', 'J', [{ input: 'J' }], 'Go to the profile last cloned into another instance (C), in its instance and region'),
    b('app.back', 'Esc', [{ key: 'escape' }], 'Clear the filter, else back to the instances', 'back'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  filter: [
    b('filter.accept', 'Enter', [{ key: 'return' }], 'Keep the filter and go back to the rows', 'done'),
    b('filter.clear', 'Esc', [{ key: 'escape' }], 'Clear the filter', 'clear'),
    b('text.delete', 'Backspace', [{ key: 'backspace' }, { key: 'delete' }], 'Delete the last character'),
    ARROW_UP,
    ARROW_DOWN,
    CTRL_C,
  ],
  detail: [
    ...PANE_NAVIGATION,
    b('detail.toggle-raw', 'v', [{ input: 'v' }], 'Toggle the raw JSON of the model', 'raw JSON'),
    b('detail.toggle-layout', 'm', [{ input: 'm' }], "Permissions as a list or as the console's grid (a row per resource: View, Edit, Create, Delete, All)", 'grid'),
    b('list.refresh', 'r', [{ input: 'r' }], 'Reload the profile', 'reload'),
    EDIT,
    CLONE,
    CLONE_ELSEWHERE,
    DELETE,
    RENAME,
    HOLDERS,
    HISTORY,
    OPERATIONS,
    COPY_ARN,
    COPY_URL,
    FLEET,
    BACK,
    HELP,
    QUIT,
    CTRL_C,
  ],
  holders: [
    ...PANE_NAVIGATION,
    b('filter.start', '/', [{ input: '/' }], 'Filter the users (login, name, hierarchy group, profile)', 'filter'),
    b('holders.explain', 'Enter', [{ key: 'return' }], 'What the user under › can really do: permissions, restrictions as they combine', 'explain user'),
    b('item.mark', 'Space', [{ input: ' ' }], 'Mark or unmark the user under › (and move on)', 'mark'),
    b('holders.mark-shown', '*', [{ input: '*' }], 'Mark every user shown (after a / filter: those it shows); again: unmark them'),
    mutating(b('holders.add', '+', [{ input: '+' }], 'Give the marked users (else the one under ›) a profile, picked from a list', 'give')),
    mutating(b('holders.remove', '-', [{ input: '-' }], 'Take this profile away from the marked users (a user left with none is blocked)')),
    mutating(b('holders.move', 'm', [{ input: 'm' }], 'Move the marked users from this profile to another, picked from a list', 'move')),
    USER_EDIT,
    WHAT_IF,
    RESUME,
    b('app.back', 'Esc', [{ key: 'escape' }], 'Clear the filter, else the marks, else back', 'back'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  history: [
    ...PANE_NAVIGATION,
    b('history.next-version', ']', [{ input: ']' }], 'Point › at the next (older) version spex keeps', 'next version'),
    b('history.previous-version', '[', [{ input: '[' }], 'Point › at the previous (newer) version'),
    b('item.mark', 'Space', [{ input: ' ' }], 'Mark or unmark the version under › (two at most: = compares them)', 'mark'),
    b('history.compare', '=', [{ input: '=' }], 'The two marked versions side by side, else the one under › beside the profile now (Esc: back)', 'compare'),
    mutating(b('history.revert', 'R', [{ input: 'R' }], 'Go back to the version under ›: the editor opens on it, to review (what changes, whom it reaches) and save as any edit', 'go back')),
    b('list.refresh', 'r', [{ input: 'r' }], 'Ask CloudTrail again for what is newer', 'reload'),
    b('app.back', 'Esc', [{ key: 'escape' }], 'Back (from a comparison, to the timeline)', 'back'),
    HELP,
    QUIT,
    CTRL_C,
  ],
  findings: [b('findings.open', 'Enter', [{ key: 'return' }], 'Open the profile of the finding marked › (the first from the top of the view)', 'open'), ...PANE_NAVIGATION, BACK, HELP, QUIT, CTRL_C],
  explain: [...PANE_NAVIGATION, USER_EDIT, WHAT_IF, BACK, HELP, QUIT, CTRL_C],
  compare: [
    ...PANE_NAVIGATION,
    b('compare.toggle-differences', 't', [{ input: 't' }], 'Toggle: only the differences / everything', 'only diffs'),
    b('compare.next-difference', ']', [{ input: ']' }], 'Point at the next permission difference', 'next diff'),
    b('compare.previous-difference', '[', [{ input: '[' }], 'Point at the previous permission difference'),
    mutating(b('compare.copy-left', '<', [{ input: '<' }], "Copy the pointed difference into the left profile (opens its editor with the change)", 'copy ←')),
    mutating(b('compare.copy-right', '>', [{ input: '>' }], "Copy the pointed difference into the right profile (opens its editor with the change)", 'copy →')),
    BACK,
    HELP,
    QUIT,
    CTRL_C,
  ],
  help: [
    ...PANE_NAVIGATION,
    b('app.back', 'Esc/?', [{ key: 'escape' }, { input: '?' }], 'Close the help', 'close'),
    QUIT,
    CTRL_C,
  ],
  session: [CTRL_C],
  'clone-target': [
    b('item.open', 'Enter', [{ key: 'return' }], 'Clone into this instance (in the region list: show its instances)', 'choose'),
    ...TYPING_NAVIGATION,
    b('clone-target.regions', 'Tab', [{ key: 'tab' }], 'Choose another region', 'other region'),
    b('text.delete', 'Backspace', [{ key: 'backspace' }, { key: 'delete' }], 'Delete the last filter character'),
    b('app.back', 'Esc', [{ key: 'escape' }], 'Clear the filter, else back to the instances, else cancel the clone', 'back'),
    CTRL_C,
  ],
  'quit-confirm': [
    b('quit.confirm', 'y', [{ input: 'y' }], 'Quit; the draft stays on disk and is offered next time', 'quit, keep the draft'),
    b('quit.cancel', 'n/Esc', [{ input: 'n' }, { key: 'escape' }], 'Stay', 'stay'),
    b('quit.confirm', 'Ctrl-C', [{ input: 'c', ctrl: true }], 'Quit'),
  ],
};

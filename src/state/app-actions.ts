// Every action of the app's reducer (app-reducer.ts and the reducers it delegates to): keys, commands,
// what the hooks report, and the sessions' steps. Pure types.
import type { ConnectInstance, SecurityProfile } from '../domain/profile/security-profile.js';
import type { Command, KeyState } from '../keys/keymap.js';
import type { Notice, SortKey } from './app-state.js';
import type { Layout } from './layout.js';
import type { Motion } from './motion.js';

export type Action =
  | { type: 'input/key'; input: string; key: KeyState }
  | { type: 'input/command'; command: Command; text?: string }
  | { type: 'layout/resized'; layout: Layout }
  | { type: 'app/quit' }
  | { type: 'app/back' }
  | { type: 'notice/show'; notice: Notice }
  | { type: 'notice/clear' }
  | { type: 'help/open' }
  | { type: 'help/close' }
  | { type: 'help/scroll'; motion: Motion }
  | { type: 'regions/move'; motion: Motion }
  | { type: 'regions/filter-insert'; text: string }
  | { type: 'regions/filter-delete' }
  | { type: 'regions/filter-clear' }
  | { type: 'regions/select' }
  | { type: 'regions/open' }
  | { type: 'instances/loaded'; items: readonly ConnectInstance[] }
  | { type: 'instances/move'; motion: Motion }
  | { type: 'instances/filter-start' }
  | { type: 'instances/filter-insert'; text: string }
  | { type: 'instances/filter-delete' }
  | { type: 'instances/filter-accept' }
  | { type: 'instances/filter-clear' }
  | { type: 'instances/select' }
  | { type: 'instances/refresh' }
  | { type: 'list/shown'; arns: readonly string[] }
  | { type: 'list/move'; motion: Motion }
  | { type: 'list/filter-start' }
  | { type: 'list/filter-insert'; text: string }
  | { type: 'list/filter-delete' }
  | { type: 'list/filter-accept' }
  | { type: 'list/filter-clear' }
  | { type: 'list/sort'; key: SortKey }
  | { type: 'list/toggle-mark' }
  | { type: 'list/refresh' }
  | { type: 'list/open' }
  | { type: 'list/compare' }
  | { type: 'detail/scroll'; motion: Motion }
  | { type: 'detail/measured'; lineCount: number }
  | { type: 'detail/toggle-raw' }
  | { type: 'detail/toggle-layout' }
  | { type: 'drafts/loaded'; keys: readonly string[] }
  | { type: 'export/start' }
  /** `W`: the access review, written by the app's hook to a new folder. */
  | { type: 'review/start' }
  /** The path `X` asked for was given: the app's hook writes the file there. */
  | { type: 'export/write'; path: string }
  | { type: 'clipboard/copy'; which: 'arn' | 'console' }
  | { type: 'app/leave' }
  | { type: 'promote/start' }
  | { type: 'drafts/next' }
  | { type: 'detail/reload' }
  | { type: 'holders/open' }
  | { type: 'holders/open-all' }
  | { type: 'holders/scroll'; motion: Motion }
  | { type: 'holders/measured'; lineCount: number; shown?: readonly string[] }
  | { type: 'holders/toggle-mark' }
  | { type: 'holders/mark-shown' }
  | { type: 'holders/filter-start' }
  | { type: 'holders/filter-insert'; text: string }
  | { type: 'holders/filter-delete' }
  | { type: 'holders/filter-accept' }
  | { type: 'holders/filter-clear' }
  | { type: 'compare/scroll'; motion: Motion }
  | { type: 'history/open' }
  | { type: 'history/scroll'; motion: Motion }
  | { type: 'history/measured'; lineCount: number; versions?: readonly SecurityProfile[]; versionLines?: readonly number[] }
  | { type: 'history/next-version'; delta: 1 | -1 }
  | { type: 'history/toggle-mark' }
  | { type: 'history/compare' }
  | { type: 'history/reload' }
  | { type: 'session/revert' }
  | { type: 'findings/open' }
  | { type: 'explain/open' }
  | { type: 'explain/scroll'; motion: Motion }
  | { type: 'explain/measured'; lineCount: number }
  | { type: 'findings/scroll'; motion: Motion }
  | { type: 'findings/measured'; lineCount: number; targets?: readonly (string | undefined)[] }
  | { type: 'findings/open-profile' }
  | { type: 'compare/measured'; lineCount: number; differences?: readonly { name: string; inLeft: boolean; line: number }[] }
  | { type: 'compare/next-difference'; delta: 1 | -1 }
  | { type: 'compare/copy'; into: 'left' | 'right' }
  | { type: 'compare/toggle-differences' }
  | { type: 'session/edit' }
  | { type: 'session/new' }
  | { type: 'session/clone'; isElsewhere: boolean }
  | { type: 'session/delete' }
  | { type: 'session/operations' }
  | { type: 'session/apply-file' }
  /** Act on holders: what, on the screen's marked users or the one under ›, or the profile on view (rename, delete-move); resume: a batch by id. */
  | { type: 'session/assign'; what: 'add' | 'remove' | 'move' | 'edit' | 'what-if' | 'rename' | 'delete-move' | 'resume'; batchId?: string }
  /** The holders session ended; `changed`: something was sent (users and profiles are read again). */
  | { type: 'session/assigned'; summary: string | undefined; changed: boolean }
  /** The instance's unfinished holders' batches, as journalled (the oldest first); announced once per instance. */
  | { type: 'batches/found'; batch: { id: string; what: string; done: number; total: number } | undefined }
  | { type: 'session/dirty'; isDirty: boolean }
  | { type: 'session/close' }
  /** A save or create succeeded: `arn` is the profile's. */
  | { type: 'session/saved'; arn: string | undefined; isNew: boolean; name?: string; where?: string }
  | { type: 'jump/elsewhere' }
  | { type: 'session/deleted'; arn: string; name: string }
  | { type: 'clone-target/loaded'; region: string; items: readonly ConnectInstance[] }
  | { type: 'clone-target/move'; motion: Motion }
  | { type: 'clone-target/regions' }
  | { type: 'clone-target/back' }
  | { type: 'clone-target/filter-insert'; text: string }
  | { type: 'clone-target/filter-delete' }
  | { type: 'clone-target/choose' }
  | { type: 'quit/confirm' }
  | { type: 'quit/cancel' };


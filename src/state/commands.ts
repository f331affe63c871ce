// Turns a keymap command into the reducer action it means on the current screen. Runs inside the
// reducer, so it always sees the latest state (key handlers only dispatch). Pure.
import type { Command, Mode } from '../keys/keymap.js';
import type { AppState } from './app-state.js';
import type { Action } from './app-actions.js';
import { type Motion, motionOfCommand } from './motion.js';
import { modeOf } from './selectors.js';


function moveAction(mode: Mode, state: AppState, motion: Motion): Action | undefined {
  switch (mode) {
    case 'regions':
      return { type: 'regions/move', motion };
    case 'instances':
      return { type: 'instances/move', motion };
    case 'list':
      return { type: 'list/move', motion };
    case 'filter':
      if (state.screen.kind === 'holders') return { type: 'holders/scroll', motion };
      return state.screen.kind === 'instances' ? { type: 'instances/move', motion } : { type: 'list/move', motion };
    case 'detail':
      return { type: 'detail/scroll', motion };
    case 'compare':
      return { type: 'compare/scroll', motion };
    case 'findings':
      return { type: 'findings/scroll', motion };
    case 'explain':
      return { type: 'explain/scroll', motion };
    case 'holders':
      return { type: 'holders/scroll', motion };
    case 'history':
      return { type: 'history/scroll', motion };
    case 'help':
      return { type: 'help/scroll', motion };
    case 'clone-target':
      return { type: 'clone-target/move', motion };
    case 'session':
    case 'quit-confirm':
      return undefined;
  }
}

function filterAction(state: AppState, command: Command, text: string): Action | undefined {
  if (state.modal.kind === 'clone-target') {
    if (command === 'text.insert') return { type: 'clone-target/filter-insert', text };
    if (command === 'text.delete') return { type: 'clone-target/filter-delete' };
    return undefined;
  }
  const target = state.screen.kind === 'instances' ? 'instances' : state.screen.kind === 'regions' ? 'regions' : state.screen.kind === 'holders' ? 'holders' : 'list';
  switch (command) {
    case 'text.insert':
      return { type: `${target}/filter-insert`, text };
    case 'text.delete':
      return { type: `${target}/filter-delete` };
    case 'filter.clear':
      return { type: `${target}/filter-clear` };
    case 'filter.accept':
      return target === 'regions' ? undefined : { type: `${target}/filter-accept` };
    default:
      return undefined;
  }
}

export function commandToAction(state: AppState, command: Command, text = ''): Action | undefined {
  const mode = modeOf(state);
  const motion = motionOfCommand(command);
  if (motion !== undefined) return moveAction(mode, state, motion);
  switch (command) {
    case 'app.quit':
      return { type: 'app/quit' };
    case 'app.help':
      return { type: 'help/open' };
    case 'app.back':
      if (mode === 'clone-target') return { type: 'clone-target/back' };
      return mode === 'help' ? { type: 'help/close' } : { type: 'app/back' };
    case 'text.insert':
    case 'text.delete':
    case 'filter.clear':
      // In a fleet, Esc on the region picker with nothing typed goes back up to the fleet screen.
      if (state.screen.kind === 'regions' && state.regions.filter === '' && state.canLeave) return { type: 'app/back' };
      return filterAction(state, command, text);
    case 'filter.accept':
      return filterAction(state, command, text);
    case 'filter.start':
      if (state.screen.kind === 'holders') return { type: 'holders/filter-start' };
      return state.screen.kind === 'instances' ? { type: 'instances/filter-start' } : { type: 'list/filter-start' };
    case 'item.open':
      if (state.modal.kind === 'clone-target') return { type: 'clone-target/choose' };
      if (state.screen.kind === 'regions') return { type: 'regions/select' };
      if (state.screen.kind === 'instances') return { type: 'instances/select' };
      return { type: 'list/open' };
    case 'item.mark':
      if (state.screen.kind === 'history') return { type: 'history/toggle-mark' };
      return state.screen.kind === 'holders' ? { type: 'holders/toggle-mark' } : { type: 'list/toggle-mark' };
    case 'holders.mark-shown':
      return { type: 'holders/mark-shown' };
    case 'holders.add':
      return { type: 'session/assign', what: 'add' };
    case 'holders.remove':
      return { type: 'session/assign', what: 'remove' };
    case 'holders.move':
      return { type: 'session/assign', what: 'move' };
    case 'holders.edit':
      return { type: 'session/assign', what: 'edit' };
    case 'holders.what-if':
      return { type: 'session/assign', what: 'what-if' };
    case 'profile.rename':
      return { type: 'session/assign', what: 'rename' };
    case 'list.resume':
      return { type: 'session/assign', what: 'resume', ...(state.unfinishedBatch ? { batchId: state.unfinishedBatch.id } : {}) };
    case 'list.compare':
      return { type: 'list/compare' };
    case 'list.refresh':
      if (state.screen.kind === 'instances') return { type: 'instances/refresh' };
      if (state.screen.kind === 'detail') return { type: 'detail/reload' };
      if (state.screen.kind === 'history') return { type: 'history/reload' };
      return { type: 'list/refresh' };
    case 'sort.name':
      return { type: 'list/sort', key: 'name' };
    case 'sort.permissions':
      return { type: 'list/sort', key: 'permissions' };
    case 'sort.modified':
      return { type: 'list/sort', key: 'modified' };
    case 'detail.toggle-raw':
      return { type: 'detail/toggle-raw' };
    case 'detail.toggle-layout':
      return { type: 'detail/toggle-layout' };
    case 'app.users':
      return { type: 'holders/open-all' };
    case 'holders.explain':
      return { type: 'explain/open' };
    case 'list.apply-file':
      return { type: 'session/apply-file' };
    case 'findings.open':
      return { type: 'findings/open-profile' };
    case 'list.jump':
      return { type: 'jump/elsewhere' };
    case 'app.fleet':
      return { type: 'app/leave' };
    case 'item.copy-arn':
      return { type: 'clipboard/copy', which: 'arn' };
    case 'item.copy-console-url':
      return { type: 'clipboard/copy', which: 'console' };
    case 'list.export':
      return { type: 'export/start' };
    case 'list.review':
      return { type: 'review/start' };
    case 'list.promote':
      return { type: 'promote/start' };
    case 'list.findings':
      return { type: 'findings/open' };
    case 'list.next-draft':
      return { type: 'drafts/next' };
    case 'compare.toggle-differences':
      return { type: 'compare/toggle-differences' };
    case 'compare.next-difference':
      return { type: 'compare/next-difference', delta: 1 };
    case 'compare.previous-difference':
      return { type: 'compare/next-difference', delta: -1 };
    case 'compare.copy-left':
      return { type: 'compare/copy', into: 'left' };
    case 'compare.copy-right':
      return { type: 'compare/copy', into: 'right' };
    case 'profile.edit':
      return { type: 'session/edit' };
    case 'profile.new':
      return { type: 'session/new' };
    case 'profile.clone':
      return { type: 'session/clone', isElsewhere: false };
    case 'profile.clone-elsewhere':
      return { type: 'session/clone', isElsewhere: true };
    case 'profile.delete':
      return { type: 'session/delete' };
    case 'profile.holders':
      return { type: 'holders/open' };
    case 'profile.history':
      return { type: 'history/open' };
    case 'history.next-version':
      return { type: 'history/next-version', delta: 1 };
    case 'history.previous-version':
      return { type: 'history/next-version', delta: -1 };
    case 'history.compare':
      return { type: 'history/compare' };
    case 'history.revert':
      return { type: 'session/revert' };
    case 'app.operations':
      return { type: 'session/operations' };
    case 'clone-target.regions':
      return { type: 'clone-target/regions' };
    case 'quit.confirm':
      return { type: 'quit/confirm' };
    case 'quit.cancel':
      return { type: 'quit/cancel' };
    default:
      return undefined;
  }
}
